"""The prose and calls of notebooks/00_start_here.ipynb."""

from __future__ import annotations

from . import code, md

STEM = "00_start_here"
CELLS = [
    md(
        """
        # Start here: your reflective workbook

        This workbook is a private place to think back over the conversations your work asks of you —
        the **hard** ones (talking with someone about the end of their life) and the **difficult** ones
        (telling a parent that you are worried about their child, explaining what will happen at court).

        Those conversations ask for compassion, directness and therapeutic ability at the same time. Under pressure it is
        easy to drift into an *easier* conversation instead: to avoid the painful issue, or to raise it so
        softly that it is never really heard (Cooper 2015, drawing on Gawande 2014). Reflecting afterwards —
        on your own, in supervision, or on a course — is how practitioners notice that drift and grow out of it.
        The workbook gives that reflection:

        * **structure** — reflective models such as Gibbs, Driscoll and Johns as guided prompts;
        * **a shared vocabulary** — tags for feelings, what the other person showed, relational dynamics
          (containment, transference, parallel process…) and the conversation itself (held, avoided, softened,
          or deferred by decision, or the person chose not to know);
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

        Nine UK health and care regulators, the NMC, HCPC and GMC among them, agreed in 2019 that reflective notes
        should be anonymised and focus on learning (joint statement, *Benefits of becoming a reflective
        practitioner*); Social Work England is not among the signatories.
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
        | `01_journal_a_conversation` | write up a conversation: choosing a model, the five outcomes, stance, feelings |
        | `02_emotional_dynamics` | the tag vocabulary explained, and tags of your own |
        | `03_hard_conversations` | prepare for, then debrief, a serious-illness, bad-news or child-and-family conversation |
        | `04_review_and_revise` | find entries, revise them, rate the depth of your reflection, their history, the trash, action points |
        | `05_patterns_in_my_practice` | summaries and charts of your practice over time |
        | `06_preparing_for_supervision` | choose entries for supervision, check what could identify someone, and write the pack (encrypted if you like) |
        | `07_supervisor_view` | read a supervision pack and write feedback in it (for supervisors); bring the feedback back into your journal |
        | `08_course_assignment` | start a reflective assignment for your course, check it against its requirements, and make the page to hand in |
        | `09_course_tutor` | check a cohort's reflective assignments in one table, with charts, and save it as CSV (for tutors) |
        | `10_cpd_and_revalidation` | turn entries into Social Work England CPD records or NMC reflective accounts and discussions, keep count toward what your regulator asks, and write them out to submit yourself |
        | `11_bring_and_take_your_journal` | bring entries in from Day One, Daylio, a spreadsheet or Markdown notes, and take your journal out in open formats, including for qualitative research tools |

        Reflective models and vocabulary are listed below, so you can see what the workbook offers.
        """,
        id="3e8da2e1",
    ),
    code("wb.templates()", id="db14cfc0"),
    code("wb.vocabulary()", id="432ea5d9"),
    md(
        """
        ### References

        * Cooper A. 2015. *Relationship based practice works – the evidence*. Centre for Social Work Practice.
        * Gawande A. 2014. *Being Mortal*. Profile Books.
        * Joint statement of the chief executives of statutory regulators of health and care professionals.
          2019. *Benefits of becoming a reflective practitioner*.
        """,
        id="08204cb6",
    ),
]
