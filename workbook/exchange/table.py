"""Reading a spreadsheet (CSV) of entries kept anywhere, through a column mapping.

A person's spreadsheet has its own column names, so :func:`read_csv` takes a mapping of
workbook fields to column headers (``{"occurred_on": "Date", "narrative": "What happened"}``).
Without one, a column whose header names a field (in any case: ``title``, ``Date``...) or one
of :data:`COLUMN_SYNONYMS` is used, so the workbook's own CSV export (:mod:`.spreadsheet`)
reads back with no mapping at all: its ``<template>:<stage>`` columns become the stage
answers, its ``tags`` (``anxious:2; stuck-feeling``) keep their intensities, and its ``id``
keeps the entry's id, so importing it into the journal it came from adds nothing.

Each row becomes a :class:`incoming.SourceEntry` (its number is its line in the file, the
header being line 1); a row without a usable date, or with a cell that is not what its
column holds, is a :class:`incoming.RowProblem`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from .incoming import RowProblem, SourceEntry, SourceRead, title_from

#: The fields a column can be mapped to, and what each holds.
CSV_FIELDS = {
    "occurred_on": "the date of the conversation (2026-03-14, 14/03/2026 or 14 March 2026): required",
    "title": "a short title (else the first line of the text is used)",
    "narrative": "what happened, in your words",
    "tags": "tags, separated by ';' or ',' (a tag may carry an intensity: anxious:2)",
    "mood": "a mood, mapped to a feelings rating when you review the import",
    "id": "the row's own id, so importing the file again adds nothing",
    "context": "the setting, a tag of the 'context' group",
    "people": "pseudonyms from your people register, separated by ';'",
    "outcome": "held, avoided, softened, deferred or chose-not-to-know",
    "stance": "a whole number from -2 to 2",
    "stance_both": "yes or no",
    "depth": "descriptive-writing, descriptive-reflection, dialogic or critical",
    "template": "the reflective model's id (its stage answers are the <template>:<stage> columns)",
    "feelings_before": "a whole number from 0 to 10",
    "feelings_after": "a whole number from 0 to 10",
    "flagged": "yes or no",
    "pcf": "PCF domain ids, separated by ';'",
    "created_at": "when the entry was written (date and time with a time zone)",
    "updated_at": "when it was last changed (date and time with a time zone)",
}
#: Other headers taken to mean a field when no mapping is given (compared in lower case).
COLUMN_SYNONYMS = {
    "date": "occurred_on",
    "day": "occurred_on",
    "text": "narrative",
    "entry": "narrative",
    "note": "narrative",
    "notes": "narrative",
    "body": "narrative",
    "subject": "title",
    "heading": "title",
    "labels": "tags",
    "tag": "tags",
}
MAX_BYTES = 200 * 1024 * 1024  # a spreadsheet larger than this is not a journal
_STAGE_COLUMN = re.compile(r"^([a-z0-9][a-z0-9-]*):([a-z0-9][a-z0-9_-]*)$")
_INTENSITY = re.compile(r"^(.*?):([1-3])$")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%Y/%m/%d")


def default_columns(header: list[str]) -> dict[str, str]:
    """``{field: header}`` for each header that names a field or a synonym of one (the first wins)."""
    columns: dict[str, str] = {}
    for name in header:
        key = name.strip().lower()
        wanted = key if key in CSV_FIELDS else COLUMN_SYNONYMS.get(key)
        if wanted is not None and wanted not in columns:
            columns[wanted] = name
    return columns


def check_columns(columns: Mapping[str, str], header: list[str]) -> None:
    """Refuse a mapping to a field that does not exist or a column the file lacks."""
    for wanted, column in columns.items():
        if wanted not in CSV_FIELDS:
            raise ValidationError(
                f"columns.{wanted}", f"is not a field; map columns to one of {', '.join(CSV_FIELDS)}."
            )
        if column not in header:
            raise ValidationError(
                f"columns.{wanted}", f"names a column the file does not have ({len(header)} columns)."
            )
    if "occurred_on" not in columns:
        raise ValidationError("columns.occurred_on", "is required: name the column that holds each entry's date.")
    if "title" not in columns and "narrative" not in columns:
        raise ValidationError("columns.narrative", "or columns.title is required: name the column that holds the text.")


def parse_date(text: str) -> dt.date:
    """A date from the ways a spreadsheet writes one (ISO first; day before month otherwise)."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError("not a date the workbook can read; use e.g. 2026-03-14")


def _split(text: str, separators: str = ";") -> list[str]:
    parts = re.split(f"[{re.escape(separators)}]", text)
    return [p.strip() for p in parts if p.strip()]


def _flag(text: str, column: str) -> bool:
    key = text.strip().lower()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(f"{column} must be yes or no")


def _whole(text: str, column: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{column} must be a whole number") from None


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each record; a record spanning lines counts from its first."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        start = 1
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1


def read_header(path: Path) -> list[str]:
    """The column headers of the CSV at ``path`` (for a form that asks for the mapping)."""
    for _, cells in _rows(path):
        return cells
    return []


def read_csv(path: Path, columns: Mapping[str, str] | None = None) -> SourceRead:
    """Read a spreadsheet of entries through ``columns`` (``{field: header}``, see :data:`CSV_FIELDS`).

    Without ``columns``, headers that name a field are used (:func:`default_columns`).
    Refuses (ValidationError) a file that is not UTF-8 CSV, an empty one, and a mapping that
    names no date or text column or a column the file lacks."""
    path = Path(path)
    name = path.name
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError("file", f"{name} is larger than {MAX_BYTES // 2**20} MB; split it first.")
    entries: list[SourceEntry] = []
    problems: list[RowProblem] = []
    try:
        rows = _rows(path)
        first = next(rows, None)
        if first is None:
            raise ValidationError("file", f"{name} is empty: a spreadsheet of entries needs a header row.")
        header = first[1]
        mapping = dict(columns) if columns else default_columns(header)
        check_columns(mapping, header)
        where = {wanted: header.index(column) for wanted, column in mapping.items()}
        stages = {i: m.groups() for i, h in enumerate(header) if (m := _STAGE_COLUMN.match(h.strip()))}
        for number, cells in rows:
            if not any(c.strip() for c in cells):
                continue  # a blank line
            if len(cells) != len(header):
                problems.append(RowProblem(number, f"has {len(cells)} cells; the header has {len(header)}."))
                continue
            try:
                entries.append(_entry(number, cells, where, stages))
            except ValueError as exc:
                problems.append(RowProblem(number, str(exc) + "."))
    except UnicodeDecodeError as exc:
        raise ValidationError("file", f"{name} is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8.") from None
    except csv.Error as exc:
        raise ValidationError("file", f"{name} is not a CSV file the workbook can read ({exc}).") from None
    return SourceRead("csv", name, entries, problems, unit="row")


def _entry(
    number: int, cells: list[str], where: Mapping[str, int], stages: Mapping[int, tuple[str, str]]
) -> SourceEntry:
    def cell(wanted: str) -> str:
        return cells[where[wanted]] if wanted in where else ""

    date_text = cell("occurred_on")
    if not date_text.strip():
        raise ValueError("has no date")
    try:
        occurred = parse_date(date_text)
    except ValueError as exc:
        raise ValueError(f"its date is {exc}") from None
    narrative = _unquote(cell("narrative"))
    title = _unquote(cell("title")).strip() or title_from(narrative, f"Spreadsheet, line {number}")
    labels, intensities = _tags(cell("tags"))
    fields = _other_fields(cell, where)
    template = fields.get("template")
    answers = {stage: _unquote(cells[i]) for i, (tid, stage) in stages.items() if tid == template and cells[i]}
    if answers:
        fields["responses"] = answers
    mood = cell("mood").strip() or None
    return SourceEntry(number, cell("id").strip(), occurred, title, narrative, tuple(labels), mood, fields, intensities)


def _tags(text: str) -> tuple[list[str], dict[str, int]]:
    """The labels in a tags cell, and the intensity given with any (``anxious:2``)."""
    labels: list[str] = []
    intensities: dict[str, int] = {}
    for raw in _split(text, ";,"):
        match = _INTENSITY.match(raw)
        label = match.group(1).strip() if match else raw
        if match:
            intensities[label] = int(match.group(2))
        labels.append(label)
    return labels, intensities


def _other_fields(cell: Any, where: Mapping[str, int]) -> dict[str, Any]:
    """The entry fields other than date, title, text, tags and mood, from their cells."""
    fields: dict[str, Any] = {}
    for wanted in ("context", "outcome", "depth", "template", "created_at", "updated_at"):
        if cell(wanted).strip():
            fields[wanted] = cell(wanted).strip()
    for wanted in ("stance", "feelings_before", "feelings_after"):
        value = _whole(cell(wanted), wanted)
        if value is not None:
            fields[wanted] = value
    for wanted in ("stance_both", "flagged"):
        if wanted in where:
            fields[wanted] = _flag(cell(wanted), wanted)
    for wanted in ("people", "pcf"):
        if cell(wanted).strip():
            fields[wanted] = _split(cell(wanted))
    return fields


def _unquote(text: str) -> str:
    """Undo the workbook's own formula defusing (``'=...`` back to ``=...``), so its CSV reads
    back as written; a cell that merely starts with an apostrophe followed by other text is kept."""
    from .spreadsheet import FORMULA_CHARS, FORMULA_STARTS, _first_visible

    if text.startswith("'") and (text[1:].startswith(FORMULA_STARTS) or _first_visible(text[1:]) in FORMULA_CHARS):
        return text[1:]
    return text


def recognise_csv(path: Path) -> bool:
    """True for a ``.csv`` file (another reader, such as Daylio's, may claim it first)."""
    return path.suffix.lower() == ".csv" and path.is_file()
