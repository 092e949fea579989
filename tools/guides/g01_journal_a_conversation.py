"""The prose and calls of notebooks/01_journal_a_conversation.ipynb."""

from __future__ import annotations

from . import code, md, refs

STEM = "01_journal_a_conversation"
CELLS = [
    md(
        """
        # Journal a conversation

        This page is for writing up one conversation, ideally while it is still fresh: a home visit where you
        named a worry, a family meeting about going home from hospital, a phone call you dreaded. The form at
        the bottom of the page guides you through it. What you type is kept as a draft in your journal as you
        go, so closing the tab or restarting loses nothing; **Save entry** adds it to your journal.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## Choosing a reflective model

        A reflective model is a set of questions in a helpful order. None is the right one; pick the one that
        suits the conversation and the time you have, or write freely with no model at all.

        | model | its questions | a good choice when |
        | --- | --- | --- |
        | Driscoll (1994, 2007), after Borton (1970) | What? So what? Now what? | time is short, soon after a hard visit |
        | Rolfe, Freshwater & Jasper (2001), after Borton (1970) | the same three questions, read as three levels: descriptive, theory- and knowledge-building, action-oriented | you want to build your own working theory of practice |
        | Gibbs (1988) | description, feelings, evaluation, analysis, conclusion, action plan | a placement, ASYE or critical-incident write-up: it is one of the models UK courses most often ask for |
        | Kolb (1984) | experience, reflective observation, forming an idea, trying it out | you want to test a new approach next time; you can start at any stage |
        | Schön (1983) | what you noticed and changed *during* the conversation, and what you make of it *afterwards* | you changed course mid-conversation |
        | Johns (2000) | looking in at your own thoughts and feelings, then looking out through Carper's (1978) ways of knowing | a deeper, more personal reflection |
        | Brookfield (1995/2017) | four lenses: your experience, the people you work with, colleagues, theory and research | something keeps recurring, or you suspect a hidden assumption, including about power |
        | Process recording | a turn-by-turn account beside what you were doing, feeling and noticing | a practice educator asks for one |

        Three more models are debriefs for particular conversations (a serious-illness conversation, breaking
        bad news, and a difficult conversation in child and family work); notebook 03 introduces them. Each
        stage of a model shows its prompt and some guidance; the guidance is advice, not a rule, and you can
        leave a stage empty. The prompts are the workbook's own words for what each model asks you to look at,
        not the models' published cue questions; if an assignment asks for those, use the source itself.
        """
    ),
    md(
        """
        ## What each part of the form is for

        * **Title** — a short line you will recognise later (“Home visit: talking about the bruise”), with no
          names in it.
        * **Date** — when the conversation happened, not when you wrote about it.
        * **Context** — the kind of work: child protection, family assessment, court or FDAC, end of life or
          palliative care, adult safeguarding, mental health, supervision or other. It lets you compare like
          with like later.
        * **Who took part** — pseudonyms from your people register (see *Pseudonyms* below). You can add one on
          the spot, with a role.
        * **Reflection** — the model's stages, and a free **narrative** for anything else.
        * **How it went** — the outcome (one of five), your stance and whether you felt pulled both ways, and
          your feelings before and after (each explained below), and, if you like, your own rating of the depth
          of your reflection (notebook 04 explains the four levels).
        * **Tags** — words for the emotional dynamics of the conversation: your feelings, what the other person
          showed, what happened between you, and how the hard part was handled. Notebook 02 explains them. The
          form suggests tags from words you wrote, and you can attach a tag to a particular passage.
        * **Action points** — one per line. You follow them up later (notebook 04), and notebook 05 shows how
          many you followed through.
        * **Bring to supervision** — a flag for the conversations you want to talk through with someone.
        """
    ),
    md(
        """
        ## How the painful issue fared: five outcomes

        Cooper (2015), drawing on Gawande's *Being Mortal* (2014), argues that hard conversations at the end of
        life and difficult conversations in child protection ask for the same mixture of compassion, directness
        and therapeutic ability, and that under pressure practitioners often slip into an *easy* conversation instead. The
        form asks you to say plainly what happened to the painful issue:

        * **Held** — it was named and talked about.
        * **Avoided** — it was never raised.
        * **Softened** — it was raised, but blurred, put off, or buried in reassurance, so it may not have been
          heard. This is the easiest to miss in your own practice.
        * **Deferred by decision** — you chose, for a reason you can state, to leave it for another time: the
          person was too unwell or distressed to take it in, it was not safe, or someone who needed to be there
          was missing. A deferral comes with a plan for when and how it will be raised; write that plan in your
          reflection or as an action point.
        * **The person chose not to know (respected)** — asked how much they wanted to know, they said not now,
          or not at all, and you respected that. Finding out what someone wants to know before telling them is
          part of good practice: the invitation step of SPIKES (Baile et al. 2000) and the Serious Illness
          Conversation Guide's attention to how much information a person wants (Ariadne Labs 2023).

        The last two are good practice, not failures, and they never count against you: the share held in
        notebook 05 is held out of held, avoided and softened only (held ÷ (held + avoided + softened)), and
        every outcome is shown side by side with the others. This is not a score. Choose *deferred* only when it
        really was a decision, and *softened* when it was not: an honest “softened” is more useful to you than a
        hopeful “held” or a generous “deferred”, because it is what makes the patterns in notebook 05 worth
        reading.
        """
    ),
    md(
        """
        ## Heroic, stoical, or both

        Drawing on Gawande's *Being Mortal* (2014), Cooper (2015) contrasts medicine's *heroic* approach to
        dying, prolonging life at any cost, with a *stoical* one that helps people decide how to live the time
        they have left. Cooper borrows the two terms from Dartington (2010), whose book is about how systems of
        care respond to vulnerability.

        The form records where *you* stood in the conversation, on a line from **−2 heroic** (fighting adversity
        at any cost) to **+2 stoical** (accepting limits and shaping what remains). It is a stance, not a
        feeling, and neither end is the right one: the question is whether your stance fitted the person and the
        moment. Often you feel both pulls at once, fighting for more time, or for a family to stay together,
        while knowing that limits have to be faced. For that, tick **Both, in tension** as well as marking the
        point where you ended up. The tick is separate because the middle of the line cannot say it: a point
        halfway between the two ends looks the same whether both pulls were strong or neither was.

        The pair is not only for end-of-life work; in any difficult conversation you may notice yourself
        fighting to change what cannot be changed, or accepting limits too soon. What the two stances mean
        differs from one kind of work to another, so notebook 05 shows your stance for each context on its own
        and never averages it across contexts: a stance in child protection and a stance at the end of a life
        are not added together.
        """
    ),
    md(
        """
        ## Feelings before and after

        Two sliders record how heavy your own feelings were just before and just after the conversation, on one
        scale: **@FEELINGS_SCALE@**. Leave a slider on *not recorded* if you cannot say. Over time the gap
        between the two shows whether conversations you dread turn out lighter once they are had, and a run of
        heavy ratings is one of the things the load signal in notebook 05 looks for. The tags for feelings
        (anxious, dread, relieved…) say *which* feelings; the sliders say *how much*.
        """
    ),
    md(
        """
        ## Pseudonyms

        Entries name people only by a **pseudonym** from your people register: a role and a made-up name, such as
        “Parent Willow”, “Young person Juniper” or “Patient Mr Heron”, and roles for colleagues (“the duty
        manager”). Never use real names. Leave out addresses, dates of birth, school and ward names, and case,
        NHS or court reference numbers, and make places vague. Universities and regulators ask the same of any
        reflective writing you share (joint regulators' statement 2019; NMC; HCPC).

        Pseudonyms lower the risk but do not remove it: pseudonymised notes are still personal data under UK
        data protection law (ICO 2025), so keep your journal as safe as any other confidential record. The
        journal stays in one file on this computer that only you can read.
        """
    ),
    md(
        """
        ## Your entry

        The form is below (in JupyterLab, run the page first: **Run ▸ Run All Cells**). Choose a model, write, tag, and press
        **Save entry** at the bottom. A message beside a field tells you if something needs changing; nothing is
        saved until every field is accepted.
        """
    ),
    code(
        """
        import workbook as wb

        wb.new_entry_form()
        """
    ),
    refs(
        "Ariadne Labs. 2023. *Serious Illness Conversation Guide* (revised).",
        "Baile WF, Buckman R et al. 2000. SPIKES – a six-step protocol for delivering bad news. *The Oncologist* 5(4):302–11.",
        "Borton T. 1970. *Reach, Touch and Teach*. McGraw-Hill.",
        "Brookfield S. 1995/2017. *Becoming a Critically Reflective Teacher*. Jossey-Bass.",
        "Carper B. 1978. Fundamental patterns of knowing in nursing. *Advances in Nursing Science* 1(1):13–23.",
        "Cooper A. 2015. *Relationship based practice works – the evidence*. Centre for Social Work Practice.",
        "Dartington T. 2010. *Managing Vulnerability*. Karnac.",
        "Driscoll J. 1994. Reflective practice for practise. *Senior Nurse* 14(1):47–50.",
        "Driscoll J. 2007. *Practising Clinical Supervision*. 2nd edn. Baillière Tindall.",
        "Gawande A. 2014. *Being Mortal*. Profile Books.",
        "Gibbs G. 1988. *Learning by Doing*. Further Education Unit.",
        "HCPC. *Guidance on confidentiality*.",
        "ICO. 2025. *Anonymisation and pseudonymisation* (guidance).",
        "Johns C. 2000. *Becoming a Reflective Practitioner*. Blackwell Science.",
        "Joint statement of the chief executives of statutory regulators of health and care professionals. 2019. *Benefits of becoming a reflective practitioner*.",
        "Kolb DA. 1984. *Experiential Learning*. Prentice Hall.",
        "NMC. *How to revalidate*.",
        "Rolfe G, Freshwater D, Jasper M. 2001. *Critical Reflection for Nursing and the Helping Professions*. Palgrave.",
        "Schön D. 1983. *The Reflective Practitioner*. Basic Books.",
    ),
]
