"""The prose and calls of notebooks/05_patterns_in_my_practice.ipynb."""

from __future__ import annotations

from . import code, md, refs

STEM = "05_patterns_in_my_practice"
CELLS = [
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

        Patterns describe **what you wrote**: how often, in which contexts, how the hard part fared, how heavy
        conversations felt, your stance, the depth you gave your writing, the tags you chose, and how many
        action points you followed through. They can show a change you had not noticed, or one you hoped for.

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
        or talking them over with someone you trust; practitioners need containing too (Ruch 2007). A heavy run
        that goes on for weeks is also a reason to review your caseload with your manager, not only to talk it
        over: how much you carry is a question for the service, not only for you.

        If you are struggling, use the support your organisation offers (an employee assistance or occupational
        health service, if it has one), or your GP. If you need someone now, Samaritans answer day or night, free
        of charge, on **116 123** in the UK and Ireland. If you or someone else is in immediate danger, call 999 or
        112 (both work in the UK and Ireland).
        """
    ),
    md(
        """
        ## Outcomes, stance and depth

        **Five outcomes, side by side.** Each entry can record how the hard part of the conversation fared:
        **held** (said clearly and heard), **avoided** (never raised), **softened** (raised, but blurred or
        buried), **deferred by decision** (left for another time for a reason you can state, with a plan), or
        **the person chose not to know (respected)**. The last two are good practice, not failures: finding out
        how much a person wants to know, and respecting the answer, is part of SPIKES (Baile et al. 2000) and of
        the Serious Illness Conversation Guide (Ariadne Labs 2023). So the summary shows every outcome side by
        side, each with its count and share, and only then the **share held**, which is worked out as
        held ÷ (held + avoided + softened): a deferral or a wish not to know never counts against it. Even then,
        the share held is a pattern in what you wrote, not a score; a falling share can mean you are recording
        more honestly.

        **Stance, per context, and both in tension.** Your heroic–stoical stance is shown for each context on
        its own and never averaged across contexts: fighting for a family to stay together in child protection
        and fighting for more treatment at the end of a life are different stances, and an average of the two
        would describe neither. Entries without a context form their own group ("no context recorded"). Beside
        each context's line is the share of conversations you marked **Both, in tension**, when you felt both
        pulls at once, which a point on the line cannot show. Neither end is the right one, so a drift towards
        stoical, or towards heroic, is not progress in itself; what matters is whether your stance fitted the
        person and the moment.

        **Depth of reflection.** If you rate an entry's depth (notebook 04; the four levels of Hatton and Smith
        1995: descriptive writing, descriptive reflection, dialogic reflection, critical reflection), the summary
        says how many of your entries you rated and at which levels, and a chart shows the ratings over time. It
        counts your own ratings and never grades them: not every entry needs to be critical, and a plain
        description is where the other levels start.
        """
    ),
    md(
        """
        ## How to read each part

        * **In words** — a few sentences about the dates you chose, each compared with a stretch of the same
          length just before: how many conversations; how they went, every outcome side by side; the share held;
          the outcomes in your main contexts; your most used tags; feelings before and after; your stance in each
          context; the depth you rated; action points; and entries flagged for supervision.
        * **How many conversations, and how they went** — one bar per period, split by outcome, with the
          conversations whose outcome you did not record in grey. A taller bar means more writing, not
          necessarily more work.
        * **Outcomes side by side, by context** — one small panel per context, showing the *share* of each
          outcome per period. Bars from a handful of conversations swing a lot.
        * **Feelings before and after** — orange is how heavy conversations felt beforehand, blue afterwards; the
          grey bar between them is the gap.
        * **Heroic or stoical stance, by context** — one row per context. The line is your average stance per
          period, from −2 (heroic) to +2 (stoical), with the dashed line at balanced; beside it, bars show the
          share of conversations you marked both, in tension.
        * **Depth of reflection you rated** — how many entries you rated at each depth, shallowest at the
          bottom, with the entries you did not rate on top. It appears once you have rated an entry.
        * **Tag groups over time** — how many conversations carried a tag from each group.
        * **Action points followed through** — the share of action points that fell due which you marked done,
          and what became of them all.
        * **Your year in pixels** — one square per day with an entry, darker when that day's conversations felt
          heavier afterwards. Look for spells, not single days.

        Above the charts you can narrow everything to one context, one tag, conversations with someone in one
        role, or one outcome: for instance, only the conversations you deferred by decision.

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
        "Ariadne Labs. 2023. *Serious Illness Conversation Guide* (revised).",
        "Baile WF, Buckman R et al. 2000. SPIKES – a six-step protocol for delivering bad news. *The Oncologist* 5(4):302–11.",
        "Cooper A. 2015. *Relationship based practice works – the evidence*. Centre for Social Work Practice.",
        "Dartington T. 2010. *Managing Vulnerability*. Karnac.",
        "Hatton N, Smith D. 1995. Reflection in teacher education: towards definition and implementation. *Teaching and Teacher Education* 11(1):33–49.",
        "Ruch G. 2007. Reflective practice in contemporary child-care social work: the role of containment. *British Journal of Social Work* 37:659–80.",
    ),
]
