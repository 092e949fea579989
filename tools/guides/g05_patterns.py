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
