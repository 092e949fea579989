"""Assignments a course sets: ``workbook assignment list`` and ``workbook assignment new``.

``new`` writes the notebook a student completes (:func:`workbook.course.new_assignment_notebook`):
the tutor's prompts in locked cells, one answer cell per section, and any journal entries the
student pulls in, de-identified. Only the notebook's path is printed, never journal text.
"""

from __future__ import annotations

from pathlib import Path

import click

from .terminal import echo, table


def _library():
    from ..content.assignments import load_assignments

    library = load_assignments(warn=False)
    for problem in library.problems:
        echo(f"Problem: {problem}", err=True)
    return library


@click.group("assignment")
def assignment() -> None:
    """Reflective assignments: start the notebook for one your course has set.

    The bundled assignments (a Gibbs critical incident, a process recording, a short Driscoll
    reflection and an NMC written reflective account) are joined by your course's own from the
    folders in the WORKBOOK_ASSIGNMENTS environment variable; broken files are reported with
    the file and line.
    """


@assignment.command("list")
def assignment_list() -> None:
    """List the assignments you can start, with their ids."""
    library = _library()
    rows = [
        (a.id, str(len(a.sections)), a.word_limit.label if a.word_limit else "-", a.title) for a in library.values()
    ]
    for line in table(("ID", "SECTIONS", "LENGTH", "TITLE"), rows, caps=(28, 8, 20, None)):
        echo(line)


@assignment.command("new")
@click.argument("template_id", metavar="TEMPLATE")
@click.option(
    "--entry",
    "entry_ids",
    multiple=True,
    metavar="ID",
    help="A journal entry to draw on (its id, or the first 8 characters). Repeat for more.",
)
@click.option(
    "--out",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="FOLDER",
    help="The folder to write the notebook in. Default: assignments/ in your notebook workspace.",
)
def assignment_new(template_id: str, entry_ids: tuple[str, ...], folder: Path | None) -> None:
    """Start the notebook for assignment TEMPLATE (see `workbook assignment list`).

    Each question is a locked cell; you write in the answer cell below it. Entries you name
    with --entry are copied in with people's names replaced by their pseudonyms and other
    identifying details by labels. An earlier notebook is never replaced: a second one the
    same day gets -2 on its name. Open it with `workbook lab`.

    \b
    Examples:
      workbook assignment new gibbs-critical-incident --entry 3f2a1b2c
      workbook assignment new driscoll-short --out ~/placement
    """
    from ..content.assignments import ASSIGNMENT_ID_RE
    from ..course.student import new_assignment_notebook
    from ..paths import shown
    from ._journal import opened

    library = _library()
    if template_id not in library:
        named = repr(template_id) if ASSIGNMENT_ID_RE.match(template_id) and len(template_id) <= 60 else "by that name"
        known = ", ".join(library) or "none"
        raise click.ClickException(f"No assignment {named}; the assignments are {known}.")
    chosen = library[template_id]
    if entry_ids:
        with opened() as journal:
            path = new_assignment_notebook(chosen, journal=journal, entry_ids=entry_ids, folder=folder)
    else:
        path = new_assignment_notebook(chosen, folder=folder)
    echo(f"Wrote {shown(path)}")


COMMANDS = (assignment,)
