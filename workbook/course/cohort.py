"""A cohort's submissions in one table: every notebook in a folder checked, one row each.

``check_all(folder)`` checks each ``*.ipynb`` in ``folder`` (not its subfolders) with
:func:`workbook.course.check.check_submission` and returns a :class:`CohortTable`: for each file
its name, the assignment, whether every requirement is met, the words written, and one column
per requirement (met or not). A file that is not a submission (broken JSON, no assignment
metadata, a notebook for another assignment) gets a row of its own with the reason, and the
others are still checked. The table holds counts and met / not met only, never a student's text:
a tutor can keep it, chart it (``.frame``, a pandas DataFrame) or write it out (``.to_csv``,
a private file, 0600).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataFileError, ValidationError, WorkbookError
from .check import CheckReport, NotASubmissionError, check_submission

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..content.assignments import Assignment

__all__ = ["FIXED_COLUMNS", "CohortRow", "CohortTable", "check_all", "notebooks_in"]

FIXED_COLUMNS = ("file", "assignment", "met", "requirements_met", "requirements", "words", "reason")


@dataclass(frozen=True)
class CohortRow:
    """One file: ``met`` is None (and ``reason`` says why) when it is not a submission."""

    file: str
    assignment: str | None = None
    met: bool | None = None
    words: int | None = None
    reason: str = ""
    results: Mapping[str, bool] = field(default_factory=dict)

    @property
    def checked(self) -> bool:
        return self.met is not None

    @classmethod
    def of(cls, file: str, report: CheckReport) -> CohortRow:
        results = {item.id: item.met for item in report.requirements}
        return cls(file, report.assignment, report.met, report.total_words, "", results)

    def values(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "assignment": self.assignment,
            "met": self.met,
            "requirements_met": sum(self.results.values()) if self.checked else None,
            "requirements": len(self.results) if self.checked else None,
            "words": self.words,
            "reason": self.reason,
            **self.results,
        }


@dataclass(frozen=True)
class CohortTable:
    """The rows, in file-name order; ``columns`` are the fixed ones then every requirement id
    in the order first met."""

    rows: tuple[CohortRow, ...]
    folder: str = ""

    @property
    def columns(self) -> list[str]:
        ids: dict[str, None] = {}
        for row in self.rows:
            ids.update(dict.fromkeys(row.results))
        return [*FIXED_COLUMNS, *ids]

    @property
    def checked(self) -> tuple[CohortRow, ...]:
        return tuple(row for row in self.rows if row.checked)

    @property
    def not_submissions(self) -> tuple[CohortRow, ...]:
        return tuple(row for row in self.rows if not row.checked)

    @property
    def all_met(self) -> bool:
        return bool(self.rows) and all(row.met for row in self.rows)

    @property
    def frame(self) -> pd.DataFrame:
        """A DataFrame, one row per file; requirement columns are booleans (missing where a file
        was not checked or its assignment has no such requirement)."""
        import pandas as pd

        columns = self.columns
        frame = pd.DataFrame([row.values() for row in self.rows], columns=columns)
        for column in ("met", *columns[len(FIXED_COLUMNS) :]):
            frame[column] = frame[column].astype("boolean")
        for column in ("requirements_met", "requirements", "words"):
            frame[column] = frame[column].astype("Int64")
        return frame

    def summary(self) -> str:
        checked = self.checked
        met = sum(1 for row in checked if row.met)
        parts = [
            f"{len(self.rows)} file{'s' if len(self.rows) != 1 else ''}",
            f"{met} of {len(checked)} submissions met every requirement",
        ]
        if self.not_submissions:
            parts.append(f"{len(self.not_submissions)} not checked")
        return ", ".join(parts)

    def to_csv(self, path: str | Path) -> Path:
        """Write the table as CSV (private, 0600, written whole or not at all): met / not met as
        ``yes`` / ``no``, blank where not checked."""
        from ..files import atomic_text_file

        columns = self.columns
        with atomic_text_file(path, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in self.rows:
                values = row.values()
                writer.writerow([_cell(values.get(column)) for column in columns])
        return Path(path).expanduser()

    def __repr__(self) -> str:
        return f"<CohortTable {self.summary()}>"

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, na_rep="", escape=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    # A file name is the student's choice: never let a spreadsheet read one as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def notebooks_in(folder: str | Path) -> list[Path]:
    """The ``*.ipynb`` files in ``folder`` (not its subfolders), by name."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise ValidationError("folder", f"{folder} is not a folder.")
    return sorted((p for p in folder.glob("*.ipynb") if not p.is_dir()), key=lambda p: p.name)


def check_all(
    folder: str | Path,
    progress: Callable[[int, int], Any] | None = None,
    *,
    assignment: Assignment | str | Path | None = None,
    journal: Any = None,
) -> CohortTable:
    """Check every notebook in ``folder``; ``progress(done, total)`` is called after each file.

    ``assignment`` (an Assignment or an assignment file) checks every notebook against it, and a
    notebook for another assignment gets a row saying so; without it each notebook is checked
    against the assignment it names."""
    if isinstance(assignment, (str, Path)):
        from ..content.assignments import parse_assignment

        assignment = parse_assignment(assignment)
    files = notebooks_in(folder)
    rows: list[CohortRow] = []
    for done, path in enumerate(files, 1):
        try:
            rows.append(CohortRow.of(path.name, check_submission(path, assignment=assignment, journal=journal)))
        except NotASubmissionError as exc:
            rows.append(CohortRow(path.name, reason=_reason(exc, path.name)))
        except DataFileError:
            raise  # the assignment file given is broken: no row can be checked
        except WorkbookError as exc:
            rows.append(CohortRow(path.name, reason=f"could not be checked ({type(exc).__name__})"))
        except (TypeError, ValueError, KeyError, AttributeError):
            rows.append(CohortRow(path.name, reason="is not laid out as an assignment notebook the workbook made"))
        if progress is not None:
            progress(done, len(files))
    return CohortTable(tuple(rows), str(folder))


def _reason(exc: NotASubmissionError, name: str) -> str:
    """The error without the file name in front (the row names the file already)."""
    text = str(exc)
    return text[len(name) :].strip() if text.startswith(name) else text
