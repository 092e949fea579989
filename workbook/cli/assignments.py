"""Assignments a course sets: ``workbook assignment list`` and ``workbook assignment new``.

``new`` writes the notebook a student completes (:func:`workbook.course.new_assignment_notebook`):
the tutor's prompts in locked cells, one answer cell per section, and any journal entries the
student pulls in, de-identified. Only the notebook's path is printed, never journal text.

``workbook assignment export NOTEBOOK`` writes a completed notebook as one offline web page to
upload (:func:`workbook.course.submission.export_submission`), only when the leak check passes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


class _NotASubmission(click.ClickException):
    exit_code = 2


@assignment.command("export")
@click.argument("notebook", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "dest",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="The web page to write (.html). Default: beside the notebook, with the same name.",
)
def assignment_export(notebook: Path, dest: Path | None) -> None:
    """Write a completed assignment NOTEBOOK as one web page to upload to your university.

    The page holds your essay: each section's heading and your answer, the word counts, the
    domains you ticked, the depth you chose, the confidentiality statement and the journal
    entries you pulled in. It works offline, runs nothing, and is written (readable only by
    you) only when the leak check finds no identifier in it (phone, email, NHS number,
    address, a name in your people register, ...). Nothing you wrote is printed: a refusal
    names each thing found by its kind and section.
    Exit status: 0 written, 1 refused (nothing written), 2 not an assignment notebook.

    \b
    Examples:
      workbook assignment export gibbs-critical-incident-2026-12-04.ipynb
      workbook assignment export essay.ipynb --out ~/upload/essay.html
    """
    from ..course.check import NotASubmissionError
    from ..course.submission import UnsafeSubmissionError, export_submission
    from ..errors import ValidationError
    from ..paths import shown
    from ._errors import explain, one_line

    try:
        with _journal_if_any() as journal:
            path = export_submission(notebook, dest, journal=journal)
    except NotASubmissionError as exc:
        raise _NotASubmission(one_line(str(exc))) from None
    except UnsafeSubmissionError as exc:
        raise click.ClickException(one_line(exc.reason)) from None
    except ValidationError as exc:
        raise click.ClickException(one_line(explain(exc))) from None
    except OSError as exc:
        raise click.ClickException(one_line(f"{notebook.name}: {exc.strerror or type(exc).__name__}")) from None
    echo(f"Wrote {shown(path)}")


@contextlib.contextmanager
def _journal_if_any() -> Iterator[Any]:
    """The journal, when there is one (for its registered names); else None."""
    from ._journal import journal_path

    path = journal_path()
    if not path.exists():
        yield None
        return
    from ..journal.store import Journal

    with Journal(path) as journal:
        yield journal


COMMANDS = (assignment,)
