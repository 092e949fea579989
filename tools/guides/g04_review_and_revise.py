"""The prose and calls of notebooks/04_review_and_revise.ipynb."""

from __future__ import annotations

from . import code, md, refs

STEM = "04_review_and_revise"
CELLS = [
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
        weighing alternatives, other people's perspectives and the wider context.
        """
    ),
    md(
        """
        ## Depth of reflection

        Each entry can carry an optional **depth of reflection**: your own rating of how far the writing goes.
        The four levels come from Hatton and Smith (1995), who described them from student teachers' reflective
        writing. In our own words:

        * **Descriptive writing** — says what happened, with no reasons or questioning yet.
        * **Descriptive reflection** — gives reasons for what happened, from your own judgement or your reading.
        * **Dialogic reflection** — steps back and argues with yourself: other readings, other choices, what you
          are unsure of.
        * **Critical reflection** — sets it in a wider frame: ethics, power, policy and history, and how they
          shaped what happened.

        The rating describes a piece of writing, not you, and it is not a grade. Every level has its place:
        a plain description is the raw material the other levels work on, and not every entry needs to be
        critical. Rating an entry again after supervision, or after you revise it, shows how your thinking about
        a conversation has moved; notebook 05 shows the ratings over time.
        """
    ),
    md(
        """
        ## History

        **History** lists every version of the chosen entry: its number, when it was saved, and which parts
        changed (the title, a stage answer by its stage's name, the tags…). Below the list, choose a
        **Version** to read it beside the current one, field by field, with the words that differ marked; or
        press **What it changed** to see it beside the version before it.

        **Restore this version** makes the chosen version the current one again. It is saved as a new version
        that says which one it restores, so the text you had before the restore stays in the history too:
        nothing is ever lost. If the entry was saved in another notebook in the meantime, nothing is restored
        and the history is shown again, so you can choose with the newest version in view.

        From a terminal, `workbook history ID --diff N` shows what version N changed and
        `workbook restore-version ID N` restores it.
        """
    ),
    md(
        """
        ## The people in your entries

        An open entry's form has the people field of notebook 01: type a pseudonym and press Enter (someone
        you added in another notebook is found at once), and ✕ takes a person off the entry. **Manage
        people…** renames someone (every entry that names them follows, as entries point at the person, not
        the name), gives them a new role, or removes them from the register, which is refused while any entry,
        the trash included, still names them. The same is there from a terminal:
        `workbook people rename`, `workbook people role` and `workbook people remove`.
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
        "Hatton N, Smith D. 1995. Reflection in teacher education: towards definition and implementation. *Teaching and Teacher Education* 11(1):33–49.",
    ),
]
