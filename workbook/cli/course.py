"""The commands for checking assignments: ``check`` (one notebook) and ``check-all`` (a folder).

``check NOTEBOOK`` prints each requirement of the notebook's assignment as met or not, in plain
words and never with the student's text; exit status 0 every requirement met, 1 some not met,
2 the file is not a submission (or could not be read). ``check-all FOLDER`` checks every notebook
in a folder, prints one line per file and a summary, and writes the table as CSV (private, 0600);
exit status 0 every submission met every requirement, 1 otherwise, 2 the folder or the
assignment file could not be read. Both use the journal, when there is one, for its registered
names.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from ..errors import ValidationError, WorkbookError
from ._errors import explain, one_line
from ._journal import journal_path
from .terminal import echo, table


class _CheckError(click.ClickException):
    exit_code = 2


_RUBRIC = click.option(
    "--rubric",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Check against this assignment file (YAML) instead of the assignment the notebook names.",
)


@contextlib.contextmanager
def _journal_if_any() -> Iterator[Any]:
    path = journal_path()
    if not path.exists():
        yield None
        return
    from ..journal.store import Journal

    with Journal(path) as journal:
        yield journal


def _assignment(rubric: Path | None) -> Any:
    if rubric is None:
        return None
    from ..content.assignments import parse_assignment

    return parse_assignment(rubric)


def _fail(exc: Exception) -> _CheckError:
    if isinstance(exc, ValidationError):
        return _CheckError(one_line(explain(exc)))
    if isinstance(exc, WorkbookError):
        return _CheckError(one_line(str(exc)))
    return _CheckError(one_line(f"{getattr(exc, 'strerror', None) or exc}"))


@click.command("check")
@click.argument("notebook", type=click.Path(path_type=Path))
@_RUBRIC
def check_command(notebook: Path, rubric: Path | None) -> None:
    """Check an assignment notebook against its assignment's requirements.

    Each requirement is one line, met or not: every section written, the words of each
    section and of the whole, the confidentiality statement kept, the framework domains
    ticked, no identifier (phone, email, NHS number, address, a registered name, ...) in any
    answer, the depth of reflection, and the journal entries pulled in. Where a section
    expects elements of reflection (feelings, analysis, ...), the elements found are listed.
    Nothing the student wrote is printed: only counts, kinds and places.
    Exit status: 0 all met, 1 some not met, 2 not a submission or not readable.

    \b
    Example:
      workbook check gibbs-critical-incident-2026-12-04.ipynb
      workbook check essay.ipynb --rubric our-module.yaml
    """
    from ..course.check import check_submission

    try:
        assignment = _assignment(rubric)
        with _journal_if_any() as journal:
            report = check_submission(notebook, assignment=assignment, journal=journal)
    except (WorkbookError, OSError) as exc:
        raise _fail(exc) from None
    required = report.requirements
    met = sum(item.met for item in required)
    echo(f"{notebook.name}: {report.title}")
    for line in report.lines():
        echo(f"  {line}")
    if report.met:
        echo(f"All {len(required)} requirements met.")
        return
    echo(f"{met} of {len(required)} requirements met; {len(required) - met} not met.", err=True)
    raise SystemExit(1)


@click.command("check-all")
@click.argument("folder", type=click.Path(path_type=Path))
@_RUBRIC
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Where to write the table. Default: check-DATE.csv in FOLDER.",
)
def check_all_command(folder: Path, rubric: Path | None, csv_path: Path | None) -> None:
    """Check every assignment notebook in a folder and write one table of the cohort.

    Each notebook (*.ipynb, not in subfolders) is checked as `workbook check` does, and
    gets one line here and one row in the table (CSV, readable only by you): its file,
    assignment, whether every requirement is met, its words, and each requirement met or
    not. A file that is not a submission gets a line saying why. The table holds no
    student's text. Exit status: 0 every submission met every requirement, 1 not, 2 the
    folder or the assignment file could not be read.

    \b
    Example:
      workbook check-all ~/marking/module-3 --csv ~/marking/module-3.csv
    """
    from ..course.cohort import check_all, notebooks_in

    try:
        assignment = _assignment(rubric)
        total = len(notebooks_in(folder))
        with _journal_if_any() as journal, _progress(total) as step:
            cohort = check_all(folder, step, assignment=assignment, journal=journal)
        out = csv_path or folder / f"check-{dt.date.today().isoformat()}.csv"
        written = cohort.to_csv(out)
    except (WorkbookError, OSError) as exc:
        raise _fail(exc) from None
    rows = [
        [
            row.file,
            row.assignment or "",
            ("met" if row.met else "not met") if row.checked else "not checked",
            f"{sum(row.results.values())}/{len(row.results)}" if row.checked else "",
            f"{row.words:,}" if row.words is not None else "",
            row.reason,
        ]
        for row in cohort.rows
    ]
    if rows:
        for line in table(
            ["FILE", "ASSIGNMENT", "RESULT", "MET", "WORDS", "REASON"], rows, caps=[40, 28, 11, 7, 7, None]
        ):
            echo(line)
    else:
        echo(f"No notebooks (*.ipynb) in {folder}.")
    echo(f"{cohort.summary()}. Table written to {written} (readable only by you).")
    if cohort.rows and not cohort.all_met:
        raise SystemExit(1)


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Any]:
    """A progress bar on stderr while the files are checked, when stderr is a terminal."""
    if not total or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label="Checking", file=sys.stderr) as bar:
        yield lambda done, total: bar.update(1)


COMMANDS = (check_command, check_all_command)
