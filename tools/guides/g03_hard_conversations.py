"""The prose and calls of notebooks/03_hard_conversations.ipynb."""

from __future__ import annotations

from . import code, md, refs

STEM = "03_hard_conversations"
CELLS = [
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
        also lived longer, a median of 11.6 months against 8.9, about 30% longer (Gawande reports it as 25%),
        but survival was a *secondary* outcome that the trial was not designed to test. A larger later trial
        (Temel et al. 2017, 350 people with lung or gastrointestinal cancer) found quality of life better at 24
        weeks but not at 12, with effects that differed by type of cancer; people who saw the palliative care
        team early were also more likely to have told their oncologist what they would want if they were dying
        (30.2% against 14.5%).

        So the honest wording is **“one trial found …”**: *one trial found that people with advanced lung cancer
        who saw a palliative care team early had a better quality of life, and they also lived longer, although
        the trial was not designed to show that.* It is a reason to involve palliative care early and to take
        conversations about goals seriously, not a promise to make to anyone.
        """
    ),
    md(
        """
        ## A serious-illness conversation

        The Serious Illness Conversation Guide from Ariadne Labs (Bernacki & Block 2014; revised in 2023 with
        patients' and carers' input, which added a question about hopes) gives such a conversation a broad
        shape. The debrief follows that shape in our own words:

        1. **Set up** — say why you want to talk, and ask permission.
        2. **Assess** — find out what the person understands about their illness and how much information they
           want, and in what form.
        3. **Share** — say what may lie ahead in the way they prefer, then pause and respond to their feelings.
        4. **Explore** — what matters to the person. The Guide's areas, as headings: goals if health worsens;
           worries; sources of strength; critical abilities; trade-offs; family awareness; hopes.
        5. **Close** — sum up, make a recommendation that fits what they said matters, and commit to what happens
           next.

        The Guide is the work of Ariadne Labs (*Serious Illness Conversation Guide*, revised 2023). The workbook
        summarises its structure for reflection and does not reproduce its questions; for the Guide itself, its
        wording and its terms of use, go to Ariadne Labs ([ariadnelabs.org](https://www.ariadnelabs.org)).
        """
    ),
    md(
        """
        ## Breaking bad news: SPIKES

        SPIKES (Baile, Buckman et al. 2000) names six steps: **S**etting (privacy, sitting down, no
        interruptions), **P**erception (what do they already understand?), **I**nvitation (how much do they want
        to know?), **K**nowledge (warn first, then plain words in small pieces), **E**motions (respond with
        empathy) and **S**trategy and summary (agree a plan). It is widely taught, but Baile (2015) notes that it
        has not been formally trialled as a whole, and also that the skills it is built from have been associated
        with good outcomes for patients: treat it as a helpful structure, not a proven recipe.
        """
    ),
    md(
        """
        ## A difficult conversation in child and family work

        In child protection, family assessment and court work, the difficult conversation is often telling a
        parent something they do not want to hear. Social workers' responses to vignettes were often
        confrontational (Forrester et al. 2008b), yet in simulated interviews, with an actor playing a parent,
        workers who combined **empathy with clarity** about the concern met less resistance and heard more than
        less empathic workers, without being any less clear (Forrester et al. 2008a). The debrief asks whether the
        concern was named plainly and kindly, what the conversation was like for the child, whether the family
        knew the consequences, and what choices they had. If your service uses a practice framework such as
        Signs of Safety (Turnell & Edwards 1999), note in your own words how the conversation fitted it.

        It also asks which **space held the conversation**: a home visit, a core group, a family group
        conference, a court or FDAC review, a team meeting. Some systems give hard conversations a formal place;
        in FDAC, parents see the same judge throughout and meet them every fortnight (Harwin et al. 2011). A
        forum can share the weight of what has to be said, or leave it with you alone at the end of a visit, and
        noticing which happened is part of the reflection.

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
           had to be said, how you said it, their response, the child's experience, what you avoided or
           softened, whether the consequences were clear, their choices, the space that held it, your feelings
           and countertransference, and a question for supervision.
        4. Record the outcome honestly (held, avoided, softened, deferred by decision, or the person chose not
           to know; notebook 01 explains each), and **Save entry**. The serious-illness debrief sets the
           context to End of life / palliative while you have chosen none; change it if it fits another. Once
           the debrief is saved its plan is cleared, so copy the plan in first if you want to keep it.

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
        "Baile WF, Buckman R et al. 2000. SPIKES – a six-step protocol for delivering bad news. *The Oncologist* 5(4):302–11.",
        "Baile WF. 2015. Giving bad news. *The Oncologist* 20(8):852–3.",
        "Bernacki RE, Block SD. 2014. Communication about serious illness care goals: a review and synthesis of best practices. *JAMA Internal Medicine* 174(12):1994–2003.",
        "Forrester D, Kershaw S, Moss H, Hughes L. 2008a. Communication skills in child protection: how do social workers talk to parents? *Child and Family Social Work* 13:41–51.",
        "Forrester D, McCambridge J, Waissbein C, Rollnick S. 2008b. How do child and family social workers talk to parents about child welfare concerns? *Child Abuse Review* 17:23–35.",
        "Gawande A. 2014. *Being Mortal*. Profile Books.",
        "Harwin J, Ryan M, Tunnard J et al. 2011. *The Family Drug and Alcohol Court (FDAC) Evaluation Project: Final Report*. Brunel University.",
        "Temel JS et al. 2010. Early palliative care for patients with metastatic non-small-cell lung cancer. *New England Journal of Medicine* 363:733–42.",
        "Temel JS et al. 2017. Effects of early integrated palliative care in patients with lung and GI cancer: a randomized clinical trial. *Journal of Clinical Oncology* 35(8):834–41.",
        "Turnell A, Edwards S. 1999. *Signs of Safety*. W. W. Norton.",
    ),
]
