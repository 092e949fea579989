"""Write the guided notebooks in notebooks/ from the text in this file.

Every guided notebook is generated here, so its prose and its one setup call can be
reviewed as ordinary text and the notebooks regenerated at any time:

    python tools/make_notebooks.py            # write notebooks/*.ipynb
    python tools/make_notebooks.py --check    # exit 1 if a notebook differs from this file

Notebooks are written without outputs, with every code cell hidden (``source_hidden``
and the ``hide-input`` tag, for JupyterLab and Voilà) and with stable cell ids, so that
regenerating an unchanged notebook changes nothing. tests/test_notebook_hygiene.py
checks the rules every notebook keeps: prose first, one short call per cell, and
``import workbook as wb`` as the only import.

Prose is in our own words; sources are cited in each notebook's references.
"""

from __future__ import annotations

import hashlib
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(ROOT))

from workbook.models import FEELINGS_SCALE  # noqa: E402  (after the path is set)

HIDDEN = {"jupyter": {"source_hidden": True}, "tags": ["hide-input"]}
METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


SUBSTITUTIONS = {
    "HOW_TO_RUN": (
        "You do not need to write or read any code: in JupyterLab choose **Run ▸ Run All Cells**, and what you\n"
        "need appears at the bottom of the page (in the app version, `./dev app`, it is already there)."
    ),
    "FEELINGS_SCALE": FEELINGS_SCALE,  # the one definition, in workbook.models
}


@dataclass(frozen=True)
class Cell:
    kind: str  # "markdown" or "code"
    text: str
    id: str | None = None


def md(text: str, id: str | None = None) -> Cell:
    """A markdown cell; ``@NAME@`` is replaced by ``SUBSTITUTIONS[NAME]`` after dedenting."""
    text = textwrap.dedent(text).strip("\n")
    for name, value in SUBSTITUTIONS.items():
        text = text.replace(f"@{name}@", value)
    return Cell("markdown", text, id)


def refs(*references: str) -> Cell:
    """The references cell: one bullet per reference."""
    return Cell("markdown", "### References\n\n" + "\n".join(f"* {r}" for r in references))


def code(text: str, id: str | None = None) -> Cell:
    return Cell("code", textwrap.dedent(text).strip("\n"), id)


# -- 00 start here --------------------------------------------------------------------------------
START_HERE = [
    md(
        """
        # Start here: your reflective workbook

        This workbook is a private place to think back over the conversations your work asks of you —
        the **hard** ones (talking with someone about the end of their life) and the **difficult** ones
        (telling a parent that you are worried about their child, explaining what will happen at court).

        Those conversations ask for compassion, directness and realism at the same time. Under pressure it is
        easy to drift into an *easier* conversation instead: to avoid the painful issue, or to raise it so
        softly that it is never really heard (Cooper 2015, drawing on Gawande 2014). Reflecting afterwards —
        on your own, in supervision, or on a course — is how practitioners notice that drift and grow out of it.
        The workbook gives that reflection:

        * **structure** — reflective models such as Gibbs, Driscoll and Johns as guided prompts;
        * **a shared vocabulary** — tags for feelings, what the other person showed, relational dynamics
          (containment, transference, parallel process…) and the conversation itself (held, avoided, softened);
        * **memory** — a durable journal on this computer;
        * **sight** — charts of how your practice changes over time.

        You do not need to write or read any code. The grey cells run small pieces of the workbook for you;
        use **Run ▸ Run All Cells** to bring the page to life.
        """,
        id="35e393d8",
    ),
    md(
        """
        ## Privacy first

        Your journal holds sensitive material about real people. The workbook keeps it in **one file on this
        computer that only your user account can read**; nothing is sent anywhere.

        Even so, write as if someone else might one day read it:

        * use **pseudonyms** (“Parent A”, “Young person Juniper”) and roles (“the duty manager”), never names;
        * leave out addresses, dates of birth, school or ward names, and case or NHS numbers;
        * record what you need for *your learning*, not a second case record.

        The nine UK health and care regulators agreed in 2019 that reflective notes should be anonymised and
        focus on learning (joint statement, *Benefits of becoming a reflective practitioner*).
        """,
        id="2881fb4c",
    ),
    md(
        """
        ## Where your journal lives

        The cell below opens your journal — creating an empty one the first time — and shows where it is.
        To explore first with made-up data, open the demo journal instead (see the next section).
        """,
        id="8cb50312",
    ),
    code(
        """
        import workbook as wb

        journal = wb.open_journal()
        journal
        """,
        id="1b3cfd7c",
    ),
    md(
        """
        ## Trying the demo journal

        A synthetic journal of a fictional social worker, *Sam Okafor-Reyes*, lets you try everything
        without writing about anyone real. In a terminal:

        ```
        workbook demo                     # writes the demo journal and says where
        WORKBOOK_JOURNAL=<that path> ./dev lab
        ```

        `WORKBOOK_JOURNAL` chooses which journal the notebooks open; without it they open your own.
        `./dev lab --demo` does both steps in one.

        ## What next

        The guided notebooks are numbered:

        | notebook | for |
        | --- | --- |
        | `01_journal_a_conversation` | write up a conversation: choosing a model, held / avoided / softened, stance, feelings |
        | `02_emotional_dynamics` | the tag vocabulary explained, and tags of your own |
        | `03_hard_conversations` | prepare for, then debrief, a serious-illness, bad-news or child-and-family conversation |
        | `04_review_and_revise` | find entries, revise them, their history, the trash, action points |
        | `05_patterns_in_my_practice` | summaries and charts of your practice over time |

        Reflective models and vocabulary are listed below, so you can see what the workbook offers.
        """,
        id="3e8da2e1",
    ),
    code("wb.templates()", id="db14cfc0"),
    code("wb.vocabulary()", id="432ea5d9"),
    md(
        """
        ### References
        Cooper A. 2015. *Relationship based practice works – the evidence*. Centre for Social Work Practice.
        Gawande A. 2014. *Being Mortal*. Profile Books.
        Joint statement of the chief executives of statutory regulators of health and care professionals. 2019.
        *Benefits of becoming a reflective practitioner*.
        """,
        id="08204cb6",
    ),
]


# -- 01 journal a conversation -------------------------------------------------------------------
JOURNAL_A_CONVERSATION = [
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
        | Driscoll (1994/2007), after Borton (1970) | What? So what? Now what? | time is short, soon after a hard visit |
        | Rolfe, Freshwater & Jasper (2001) | the same three questions, read as describing, making sense with theory, deciding | you want to build your own working theory of practice |
        | Gibbs (1988) | description, feelings, evaluation, analysis, conclusion, action plan | a placement, ASYE or critical-incident write-up: it is the model UK courses most often ask for |
        | Kolb (1984) | experience, reflective observation, forming an idea, trying it out | you want to test a new approach next time; you can start at any stage |
        | Schön (1983) | what you noticed and changed *during* the conversation, and what you make of it *afterwards* | you changed course mid-conversation |
        | Johns (2000) | looking in at your own thoughts and feelings, then looking out with cue questions built on Carper's (1978) ways of knowing | a deeper, more personal reflection |
        | Brookfield (1995/2017) | four lenses: your experience, the people you work with, colleagues, theory and research | something keeps recurring, or you suspect a hidden assumption, including about power |
        | Process recording | a turn-by-turn account beside what you were doing, feeling and noticing | a practice educator asks for one |

        Three more models are debriefs for particular conversations (a serious-illness conversation, breaking
        bad news, and a difficult conversation in child and family work); notebook 03 introduces them. Each
        stage of a model shows its prompt and some guidance; the guidance is advice, not a rule, and you can
        leave a stage empty.
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
        * **How it went** — the outcome (held, avoided or softened), your stance, and your feelings before and
          after (each explained below).
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
        ## Held, avoided or softened

        Cooper (2015), drawing on Gawande's *Being Mortal* (2014), argues that hard conversations at the end of
        life and difficult conversations in child protection ask for the same mixture of compassion, directness
        and skill, and that under pressure practitioners often slip into an *easy* conversation instead. The
        form asks you to say plainly which happened:

        * **Held** — the painful issue was named and talked about.
        * **Avoided** — it was never raised.
        * **Softened** — it was raised, but blurred, put off, or buried in reassurance, so it may not have been
          heard. This is the easiest of the three to miss in your own practice.

        This is not a score. Leaving something for another day can be a considered decision (the person was not
        well enough, or it was not safe); if so, say why in your reflection. An honest “softened” is more useful
        to you than a hopeful “held”, because it is what makes the patterns in notebook 05 worth reading.
        """
    ),
    md(
        """
        ## Heroic or stoical

        Drawing on Gawande's *Being Mortal* (2014), Cooper (2015) contrasts medicine's *heroic* approach to
        dying, prolonging life at any cost, with a *stoical* one that helps people decide how to live the time
        they have left. Dartington (2010) uses the same pair, and his point is often put as the difficulty of
        holding both responses to vulnerability together.

        The form records where *you* stood in the conversation, on a line from **−2 heroic** (fighting adversity
        at any cost) to **+2 stoical** (accepting limits and shaping what remains). It is a stance, not a
        feeling, and neither end is the right one: the question is whether your stance fitted the person and the
        moment. The pair is not only for end-of-life work; in any difficult conversation you may notice yourself
        fighting to change what cannot be changed, or accepting limits too soon.
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
        "Borton T. 1970. *Reach, Touch and Teach*. McGraw-Hill.",
        "Brookfield S. 1995/2017. *Becoming a Critically Reflective Teacher*. Jossey-Bass.",
        "Carper B. 1978. Fundamental patterns of knowing in nursing. *Advances in Nursing Science* 1(1):13–23.",
        "Cooper A. 2015. *Relationship based practice works – the evidence*. Centre for Social Work Practice.",
        "Dartington T. 2010. *Managing Vulnerability*. Karnac.",
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

# -- 02 emotional dynamics -----------------------------------------------------------------------
EMOTIONAL_DYNAMICS = [
    md(
        """
        # Emotional dynamics: the tag vocabulary

        Tags give you words for what went on in a conversation, the same words each time, so that you can
        look back across many conversations and see what recurs. They come in five groups. Each tag has a short
        definition and a reference to where the idea comes from; the browser at the bottom of the page lists
        them all, with a filter, and lets you add tags of your own.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## 1. My feelings

        What you felt before, during or after the conversation. The words are sorted into six families after
        Willcox's *Feeling Wheel* (1982): **mad, sad, scared, joyful, powerful** and **peaceful**. Feelings differ
        in strength as well as in kind (irritated, angry, furious), so, in the spirit of Plutchik (1980), each
        feeling tag takes an intensity from 1 (mild) to 3 (strong).

        Naming feelings precisely is part of the reflection, not a preliminary to it. Course assessors ask for
        feelings that are *analysed* rather than listed, and in relationship-based practice your feelings can be
        evidence about the relationship itself (see *countertransference* below).
        """
    ),
    md(
        """
        ## 2. What the other person showed

        What you saw and heard from the person or family: distress, anger or hostility, fear, shame, relief,
        hope, denial or minimising, apparent cooperation without change, withdrawal or silence, openness,
        ambivalence, confusion. These are **observations, not diagnoses**: tag what they said and did, not what
        you suppose they meant by it.
        """
    ),
    md(
        """
        ## 3. Relational dynamics

        What went on between you and the person, and around you in your team and organisation, including the
        less conscious currents. In relationship-based practice the relationship is the vehicle of the help:
        every encounter is unique, behaviour has conscious and unconscious sides, inner and outer worlds affect
        each other, and the practitioner uses themselves in the work (Ruch 2005; Ruch, Turney & Ward 2010).

        * **Containment** (Bion 1962): overwhelming feelings are taken in by another person, made thinkable, and
          handed back in a form that can be borne. Ruch (2007) extends the idea to supervision and organisations:
          practitioners need containing too. Tag separately whether you *gave* containment or *received* it.
        * **Transference**: the person responds to you with feelings that belong to earlier relationships.
        * **Countertransference**: your own emotional response to the person, which can be useful evidence about
          what is happening between you.
        * **Projection**: unwanted feelings are located in someone else.
        * **Splitting**: people or agencies are seen as all good or all bad.
        * **Denial**: a painful reality is not taken in.
        * **Social defence** (Menzies 1960): routines such as task lists, depersonalising people and pushing
          decisions upwards protect staff from anxiety, at the cost of real contact.
        * **Parallel process** (Searles 1955): the dynamics of a case are replayed in supervision.
        * **Rupture and repair** (Safran & Muran 2000): a strain in the working alliance (the agreed goals and
          tasks, and the bond between you; Bordin 1979) shows as withdrawal or confrontation, and is then
          acknowledged and worked through together.
        * **Power and authority**: statutory power, and the tension between care and control.
        * **Heroic or stoical stance** (Dartington 2010): fighting adversity at any cost, or accepting limits and
          shaping what remains. The form also records this as your stance (notebook 01).
        """
    ),
    md(
        """
        ## 4. The conversation itself

        How the hard part was handled. **Held**, **avoided** and **softened** (notebook 01) are here, with the
        qualities that make a hard conversation go well or badly: **directness** (the concern was stated
        plainly), **compassion** (feelings and point of view were acknowledged), **consequences clear** (the
        person knows what happens next), **authorship** (their goals, trade-offs and choices were sought), and
        **confrontational / own agenda** (you argued, or pushed your own agenda).

        The last matters because it is common. Forrester and colleagues (2008a, b) found confrontation frequent
        in simulated child-protection interviews; the workers who showed more empathy met less resistance and
        heard more from parents, and were just as clear about the concerns. Empathy and clarity go together;
        they are not a trade.
        """
    ),
    md(
        """
        ## 5. Context

        The kind of work the conversation belonged to: child protection, family assessment, court or FDAC, end
        of life or palliative care, adult safeguarding, mental health, supervision, or other. FDAC (Family Drug
        and Alcohol Court) is a problem-solving court for care cases in which parental substance misuse is a
        key issue, with a specialist team working alongside the judge. Its London pilot evaluation found more
        parents stopping misuse and more families reunited (Harwin et al. 2011, with a five-year follow-up in
        2016); a wider evaluation was also positive but could not firmly attribute the effects to FDAC itself
        (Papaioannou et al. 2023).
        """
    ),
    md(
        """
        ## Tags of your own

        If no tag says what you mean, add your own at the bottom of the browser: a short name, the group it
        belongs to, a definition in a sentence or two, and where the idea comes from (optional). It is kept in
        your journal and offered by every form you open afterwards. Type in the filter box to search names,
        definitions and authors (try *containment*, *Forrester* or *scared*).
        """
    ),
    code(
        """
        import workbook as wb

        wb.vocabulary_browser()
        """
    ),
    refs(
        "Bion WR. 1962. *Learning from Experience*. Heinemann.",
        "Bordin ES. 1979. The generalizability of the psychoanalytic concept of the working alliance. *Psychotherapy: Theory, Research and Practice* 16:252–60.",
        "Dartington T. 2010. *Managing Vulnerability*. Karnac.",
        "Forrester D, Kershaw S, Moss H, Hughes L. 2008a. Communication skills in child protection: how do social workers talk to parents? *Child and Family Social Work* 13:41–51.",
        "Forrester D, McCambridge J, Waissbein C, Rollnick S. 2008b. How do child and family social workers talk to parents about child welfare concerns? *Child Abuse Review* 17:23–35.",
        "Harwin J et al. 2011. *FDAC Evaluation: Final Report*.",
        "Harwin J et al. 2016. *After FDAC: outcomes 5 years later*.",
        "Menzies IEP. 1960. Social systems as a defence against anxiety. *Human Relations* 13:95–121.",
        "Papaioannou K et al. 2023. *Evaluation of Family Drug and Alcohol Courts*. Foundations.",
        "Plutchik R. 1980. *Emotion: A Psychoevolutionary Synthesis*. Harper & Row.",
        "Ruch G. 2005. Relationship-based practice and reflective practice: holistic approaches to contemporary "
        "child care social work. *Child and Family Social Work* 10:111–23.",
        "Ruch G. 2007. Reflective practice in contemporary child-care social work: the role of containment. *British Journal of Social Work* 37:659–80.",
        "Ruch G, Turney D, Ward A (eds). 2010. *Relationship-Based Social Work*. Jessica Kingsley.",
        "Safran J, Muran J. 2000. *Negotiating the Therapeutic Alliance*. Guilford.",
        "Searles H. 1955. The informational value of the supervisor's emotional experiences. *Psychiatry* 18:135–46.",
        "Willcox G. 1982. The Feeling Wheel. *Transactional Analysis Journal* 12:274–6.",
    ),
]

# -- 03 hard conversations -----------------------------------------------------------------------
HARD_CONVERSATIONS = [
    md(
        """
        # Hard conversations: prepare, then debrief

        Some conversations are worth a few minutes of planning beforehand and a careful debrief afterwards:
        talking with someone about what matters to them as their illness gets worse, giving bad news, telling a
        parent that you are worried about their child. This page offers three debrief models, one for each kind
        of conversation. For the one you choose it shows a short **prepare** panel to fill in before the
        conversation, which you can keep as a draft, and the **debrief** form for afterwards.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## What the evidence says, and how to say it

        You may have heard that palliative care “makes people live 25% longer”. The figure goes back to one
        trial (Temel et al. 2010): 151 people newly diagnosed with advanced (metastatic) non-small-cell lung
        cancer, at a single hospital, were randomly assigned to see a palliative care team early, and then
        monthly, alongside their cancer care, or to have cancer care alone. The trial's main question was
        quality of life, and at 12 weeks it was better with early palliative care. Fewer people had symptoms of
        depression (16% against 38%), and fewer had aggressive care at the end of life (33% against 54%). They
        also lived longer, a median of 11.6 months against 8.9, about 30% longer (Gawande rounded it to 25%),
        but survival was a *secondary* outcome that the trial was not designed to test. A larger later trial
        (Temel et al. 2017, 350 people) found quality of life better at 24 weeks but not at 12, with effects
        that differed by type of cancer.

        So the honest wording is **“one trial found …”**: *one trial found that people with advanced lung cancer
        who saw a palliative care team early had a better quality of life, and they also lived longer, although
        the trial was not designed to show that.* It is a reason to have these conversations early and well, not
        a promise to make to anyone.
        """
    ),
    md(
        """
        ## A serious-illness conversation

        The Serious Illness Conversation Guide from Ariadne Labs (Bernacki & Block 2014; revised in 2023 with
        patients' input, which added questions about hopes) gives such a conversation a broad shape, which the
        debrief follows in our own words:

        1. **Set up** — say why you want to talk, and ask permission.
        2. **Assess** — find out what the person understands about their illness and how much information they
           want, and in what form.
        3. **Share** — say what may lie ahead in the way they prefer, then pause and respond to their feelings.
        4. **Explore** — their goals if their health gets worse, their fears, what gives them strength, abilities
           they cannot imagine living without, what they would go through for the chance of more time, what their
           family knows, and what they hope for.
        5. **Close** — sum up, make a recommendation that fits what they said matters, and commit to what happens
           next.

        The workbook's prompts paraphrase this flow for reflection; for the guide's own wording, use the guide
        itself ([ariadnelabs.org](https://www.ariadnelabs.org)).
        """
    ),
    md(
        """
        ## Breaking bad news: SPIKES

        SPIKES (Baile, Buckman et al. 2000) names six steps: **S**etting (privacy, sitting down, no
        interruptions), **P**erception (what do they already understand?), **I**nvitation (how much do they want
        to know?), **K**nowledge (warn first, then plain words in small pieces), **E**motions (respond with
        empathy) and **S**trategy and summary (agree a plan). It is widely taught, but Baile (2015) notes that it
        has not been formally trialled: treat it as a helpful structure, not a proven recipe.
        """
    ),
    md(
        """
        ## A difficult conversation in child and family work

        In child protection, family assessment and court work, the difficult conversation is often telling a
        parent something they do not want to hear. Forrester and colleagues (2008a, b) found that workers who
        combined **empathy with clarity** about the concern met less resistance and heard more than workers who
        confronted, without being any less clear. The debrief asks whether the concern was named plainly and
        kindly, whether the family knew the consequences, and what choices they had. If your service uses a
        practice framework such as Signs of Safety (Turnell & Edwards 1999), note in your own words how the
        conversation fitted it.

        If a child may be at immediate risk, do not wait for a debrief or supervision: follow your safeguarding
        procedures now.
        """
    ),
    md(
        """
        ## Using the panel below

        1. **Choose** the kind of conversation; its model and where it comes from are shown.
        2. **Before**: answer the planning prompts that help (what has to be said, in plain words; what you
           expect; what you are worried about), and press **Keep plan as a draft**. It will be there when you
           come back; nothing is added to your journal yet.
        3. **After**: fill in the debrief. **Copy plan into the debrief** puts your plan into the narrative, so
           you can compare what you meant to say with what you said. A useful order of thought: the plan, what
           had to be said, how you said it, their response, what you avoided or softened, whether the
           consequences were clear, their choices, your feelings and countertransference, and a question for
           supervision.
        4. Record the outcome (held, avoided or softened) honestly, and **Save entry**.

        Several hard conversations close together weigh more than any one of them. Notebook 05 looks for such
        runs; supervision and debriefs with colleagues are where they can be shared.
        """
    ),
    code(
        """
        import workbook as wb

        wb.hard_conversation()
        """
    ),
    refs(
        "Ariadne Labs. 2023. *Serious Illness Conversation Guide* (revised).",
        "Baile WF, Buckman R et al. 2000. SPIKES – a six-step protocol for delivering bad news. *The Oncologist* 5:302–11.",
        "Baile WF. 2015. Giving bad news. *The Oncologist* 20:852–3.",
        "Bernacki RE, Block SD. 2014. Communication about serious illness care goals: a review and synthesis of best practices. *JAMA Internal Medicine* 174(12):1994–2003.",
        "Forrester D, Kershaw S, Moss H, Hughes L. 2008a. Communication skills in child protection: how do social workers talk to parents? *Child and Family Social Work* 13:41–51.",
        "Forrester D, McCambridge J, Waissbein C, Rollnick S. 2008b. How do child and family social workers talk to parents about child welfare concerns? *Child Abuse Review* 17:23–35.",
        "Gawande A. 2014. *Being Mortal*. Profile Books.",
        "Temel JS et al. 2010. Early palliative care for patients with metastatic non-small-cell lung cancer. *New England Journal of Medicine* 363:733–42.",
        "Temel JS et al. 2017. Effects of early integrated palliative care in patients with lung and GI cancer: a randomized clinical trial. *Journal of Clinical Oncology* 35.",
        "Turnell A, Edwards S. 1999. *Signs of Safety*. W. W. Norton.",
    ),
]

# -- 04 review and revise ------------------------------------------------------------------------
REVIEW_AND_REVISE = [
    md(
        """
        # Review and revise

        Reflection does not end when you press Save. You may come back to an entry after supervision, when an
        action point falls due, or when you see a conversation differently weeks later. This page finds your
        entries and lets you open, revise, trash and restore them, see their history, and follow up their action
        points.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## Finding entries

        Type words from a title or from what you wrote into **Find**, and narrow the list by tag, context,
        outcome and dates; the filters work together. Each line shows the date, the context, the outcome and the
        title. **Clear filters** starts again.
        """
    ),
    md(
        """
        ## Revising an entry

        Choose an entry and press **Open**: it appears below in the same form you wrote it in. Change what you
        like and press **Save changes**. Nothing is lost: the version before your change is kept. When you
        revise, it can help to notice whether your writing has moved on from describing what happened towards
        weighing alternatives, other people's perspectives and the wider context (the levels of reflection
        described by Hatton & Smith 1995).
        """
    ),
    md(
        """
        ## History

        **History** lists every version of the chosen entry: its number, when it was saved, and which parts
        changed (the title, a stage answer, the tags…). It shows what changed, not the text itself.
        """
    ),
    md(
        """
        ## The trash

        **Move to trash** takes an entry out of your journal's lists, searches and patterns, but does not destroy
        it. Choose **Trash** at the top to see what is there, and **Restore** to bring an entry back.
        """
    ),
    md(
        """
        ## Following up action points

        Open an entry to see its action points, each with a status: **open**, **done** or **dropped**. Changing a
        status saves it at once. To add action points, type them one per line in the box below; to remove one,
        clear its text and save. Notebook 05 shows how many action points you followed through over time.
        """
    ),
    code(
        """
        import workbook as wb

        wb.review_form()
        """
    ),
    refs(
        "Hatton N, Smith D. 1995. Reflection in teacher education: towards definition and implementation. *Teaching and Teacher Education* 11:33–49.",
    ),
]

# -- 05 patterns in my practice -----------------------------------------------------------------
PATTERNS = [
    md(
        """
        # Patterns in my practice

        One entry tells you about one conversation; many entries, over months, can show you something about
        your practice. This page summarises your journal in words and charts, for any stretch of time, by week,
        month or quarter, and can narrow it to one context, one tag, or conversations with people in one role.

        **Trying it on the demo journal.** Patterns need months of entries. To see what they look like first,
        open the workbook with the demo journal: the made-up journal of a fictional social worker, *Sam
        Okafor-Reyes*, over eighteen months. In a terminal, in the workbook's folder, run

        ```
        ./dev lab --demo
        ```

        and open this notebook again. Without `--demo` the page shows your own journal.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## What patterns can tell you, and what they cannot

        Patterns describe **what you wrote**: how often, in which contexts, whether the hard part was held,
        avoided or softened, how heavy conversations felt, your stance, the tags you chose, and how many action
        points you followed through. They can show a change you had not noticed, or one you hoped for.

        They cannot tell you how good your practice is, what happened for the people you work with, or why
        anything changed. Keep in mind:

        * you probably journal the conversations that stay with you, not a fair sample of them all;
        * a change in a chart can be a change in what you choose to write about, or in how you tag;
        * a period with only a few entries swings a long way: look at runs of periods, not one bar;
        * tags and ratings are your own reading of a conversation, made once, from your side of it.

        Use patterns to find questions worth taking to supervision, not to reach verdicts. The summary and the
        charts hold counts, dates and categories only, never your text or the people in it, and nothing leaves
        this computer.
        """
    ),
    md(
        """
        ## The load signal is a prompt, not a diagnosis

        If your recent entries show a sustained run of heavy conversations, a gentle note appears above the
        summary. It looks at the four weeks up to the end of the dates you chose (or up to today), at all your
        entries whatever the filters, and it appears only when:

        * you journaled at least four conversations in those weeks;
        * at least half of them were heavy: rated 7 or more out of 10 before or after, or tagged with a heavy
          feeling (such as overwhelmed, dread, helpless, drained or numb) at intensity 2 or more;
        * and the heavy ones fall in at least three different weeks, so one hard day does not set it off.

        It describes what you wrote, not you. It is not a measure of stress or burnout, and its absence does not
        mean all is well. If it appears, it may be worth taking these conversations to supervision or a debrief,
        or talking them over with someone you trust; practitioners need containing too (Ruch 2007). If you are
        struggling, use the support your organisation offers, or your GP.
        """
    ),
    md(
        """
        ## How to read each part

        * **In words** — a few sentences about the dates you chose, each compared with a stretch of the same
          length just before: how many conversations, how many were held (overall and in your main contexts),
          your most used tags, feelings before and after, stance, action points, and entries flagged for
          supervision.
        * **How many conversations, and how they went** — one bar per period, split into held, avoided, softened
          and not recorded. A taller bar means more writing, not necessarily more work.
        * **Held, avoided or softened, by context** — one small panel per context, showing the *share* of each
          outcome per period. Bars from a handful of conversations swing a lot.
        * **Feelings before and after** — orange is how heavy conversations felt beforehand, blue afterwards; the
          grey bar between them is the gap.
        * **Heroic or stoical stance** — your average stance per period, from −2 (heroic) to +2 (stoical); the
          dashed line is balanced. Neither end is the goal.
        * **Tag groups over time** — how many conversations carried a tag from each group.
        * **Action points followed through** — the share of action points that fell due which you marked done,
          and what became of them all.
        * **Your year in pixels** — one square per day with an entry, darker when that day's conversations felt
          heavier afterwards. Look for spells, not single days.

        Each chart also has a written description beneath it. In JupyterLab the charts are interactive: hover
        for exact figures, and click a legend entry to pick out one line. They are drawn on this computer, with
        nothing fetched from the internet. After journaling more, press **Refresh**.
        """
    ),
    code(
        """
        import workbook as wb

        wb.patterns_view()
        """
    ),
    refs(
        "Cooper A. 2015. *Relationship based practice works – the evidence*. Centre for Social Work Practice.",
        "Dartington T. 2010. *Managing Vulnerability*. Karnac.",
        "Ruch G. 2007. Reflective practice in contemporary child-care social work: the role of containment. *British Journal of Social Work* 37:659–80.",
    ),
]

# Later notebooks (06 supervision, 07 course work …) take the next numbers.
ALL: dict[str, list[Cell]] = {
    "00_start_here": START_HERE,
    "01_journal_a_conversation": JOURNAL_A_CONVERSATION,
    "02_emotional_dynamics": EMOTIONAL_DYNAMICS,
    "03_hard_conversations": HARD_CONVERSATIONS,
    "04_review_and_revise": REVIEW_AND_REVISE,
    "05_patterns_in_my_practice": PATTERNS,
}


def cell_id(stem: str, index: int, cell: Cell) -> str:
    """A stable id: given, or made from the notebook's name and the cell's place."""
    return cell.id or hashlib.sha256(f"{stem}:{index}".encode()).hexdigest()[:8]


def build(stem: str, cells: list[Cell]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(metadata=METADATA)
    for index, cell in enumerate(cells):
        if cell.kind == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.text)
        else:
            new = nbformat.v4.new_code_cell(cell.text, metadata=HIDDEN)
        new["id"] = cell_id(stem, index, cell)
        nb.cells.append(new)
    nbformat.validate(nb)
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for stem, cells in ALL.items():
        path = NOTEBOOKS / f"{stem}.ipynb"
        text = render(build(stem, cells))
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check:
            stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("out of date (run python tools/make_notebooks.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
