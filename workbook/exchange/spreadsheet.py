"""One row per entry for a spreadsheet (CSV), with formulas defused.

The columns are fixed (``CSV_COLUMNS``), in an order a person reads left to right, so this
list stays apart from the entry's declaration; ``CSV_LEFT_OUT`` says which fields are left
out and why, and a test checks that the two together cover every field of ``models.Entry``.
The stage answers (``responses``) are not one cell: where ``responses`` stands in
``CSV_COLUMNS`` come one column per stage of each template the exported entries use, named
``<template id>:<stage id>`` (e.g. ``gibbs:description``), templates in the library's order
and stages in the template's (:func:`response_columns`). Naming the template keeps apart two
templates' stages of the same id, and an entry has text only under its own template's.
Cells that a spreadsheet would run as a formula are defused (:func:`csv_safe`).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..files import atomic_text_file
from ..models import Entry, TagUse
from .native import all_ids, iter_entries

if TYPE_CHECKING:
    from ..content.reflective_models import TemplateLibrary
    from ..journal import Journal

CSV_COLUMNS = (
    "id",
    "occurred_on",
    "title",
    "context",
    "people",
    "outcome",
    "stance",
    "stance_both",
    "depth",
    "template",
    "feelings_before",
    "feelings_after",
    "flagged",
    "tags",
    "pcf",
    "actions",
    "open_actions",
    "narrative",
    "responses",
    "created_at",
    "updated_at",
)
# Fields of an entry with no column, and why (the JSON export carries everything).
CSV_LEFT_OUT = {
    "feedback": "a list of comments, each with a role and a date, does not fit one cell",
    "revision": "a count of saved versions, which the spreadsheet does not hold",
    "deleted_at": "the trash is left out, so the column would always be empty",
}
# OWASP "CSV injection": a cell starting with one of these may be run as a formula by
# Excel, LibreOffice or Google Sheets (tab and carriage return included).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The formula characters, and their full-width forms (U+FF1D U+FF0B U+FF0D U+FF20), which an
# East Asian input method types and a spreadsheet may read as the ASCII ones.
FORMULA_CHARS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
# Invisible characters a spreadsheet may skip before a formula, besides white space (which
# includes the no-break space U+00A0): the byte-order mark and the zero-width characters.
INVISIBLE_LEADS = frozenset("\ufeff\u200b\u200c\u200d\u2060")


def _first_visible(text: str) -> str:
    """The first character of ``text`` that is neither white space nor invisible ("" if none)."""
    for ch in text:
        if not ch.isspace() and ch not in INVISIBLE_LEADS:
            return ch
    return ""


def csv_safe(value: Any) -> Any:
    """Defuse spreadsheet formulas: text starting with = + - @ (or tab, CR) gets a leading '.

    Spreadsheets run such a cell as a formula when the CSV is opened ("CSV injection"),
    so a narrative beginning ``=HYPERLINK(...)`` could send data away. The apostrophe
    makes it plain text; it shows in the cell. So does text whose first visible character
    is one of them, or its full-width form (``＝ ＋ － ＠``), after white space (space, tab,
    line breaks, no-break space), a byte-order mark or a zero-width character, since a
    spreadsheet may trim those first. Numbers are left alone.
    """
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or _first_visible(value) in FORMULA_CHARS):
        return "'" + value
    return value


def _tag_text(use: TagUse) -> str:
    return use.tag if use.intensity is None else f"{use.tag}:{use.intensity}"


def _blank(value: Any) -> Any:
    return "" if value is None else value


def response_columns(templates: TemplateLibrary, used: Iterable[str | None]) -> list[str]:
    """``<template>:<stage>`` for every stage of each template in ``used`` (library order)."""
    wanted = set(used)
    return [f"{t.id}:{stage}" for t in templates.values() if t.id in wanted for stage in t.stage_ids]


def header(stage_columns: Sequence[str]) -> list[str]:
    """``CSV_COLUMNS`` with ``responses`` replaced by ``stage_columns``."""
    i = CSV_COLUMNS.index("responses")
    return [*CSV_COLUMNS[:i], *stage_columns, *CSV_COLUMNS[i + 1 :]]


def csv_cells(entry: Entry) -> dict[str, Any]:
    """One entry as ``{column: cell}`` for every column of ``CSV_COLUMNS`` (before ``csv_safe``);
    ``responses`` is the mapping of stage answers, spread over columns by :func:`csv_row`."""
    return {
        "id": entry.id,
        "occurred_on": entry.occurred_on.isoformat(),
        "title": entry.title,
        "context": _blank(entry.context),
        "people": "; ".join(entry.people),
        "outcome": _blank(entry.outcome),
        "stance": _blank(entry.stance),
        "stance_both": "yes" if entry.stance_both else "no",
        "depth": _blank(entry.depth),
        "template": _blank(entry.template),
        "feelings_before": _blank(entry.feelings_before),
        "feelings_after": _blank(entry.feelings_after),
        "flagged": "yes" if entry.flagged else "no",
        "tags": "; ".join(_tag_text(t) for t in entry.tags),
        "pcf": "; ".join(entry.pcf),
        "actions": len(entry.actions),
        "open_actions": sum(a.status == "open" for a in entry.actions),
        "narrative": entry.narrative,
        "responses": dict(entry.responses),
        "created_at": entry.created_at.isoformat() if entry.created_at else "",
        "updated_at": entry.updated_at.isoformat() if entry.updated_at else "",
    }


def csv_row(entry: Entry, stage_columns: Sequence[str] = ()) -> list[Any]:
    """One entry as a CSV row in :func:`header` order (before ``csv_safe``): its stage answers
    under ``<its template>:<stage>``, the other stage columns empty."""
    cells = csv_cells(entry)
    answers = {f"{entry.template}:{stage}": text for stage, text in cells.pop("responses").items()}
    cells.update((column, answers.get(column, "")) for column in stage_columns)
    return [cells[column] for column in header(stage_columns)]


def export_csv(journal: Journal, path: str | os.PathLike[str]) -> int:
    """Write one row per entry (trash left out) for a spreadsheet; returns the row count.

    Columns: ``CSV_COLUMNS``, with one column per stage answer, ``<template>:<stage>``, where
    ``responses`` stands (:func:`header`). People and tags are joined with ``"; "`` (a tag with
    an intensity reads ``anxious:2``); ``actions`` and ``open_actions`` are counts. UTF-8 with a byte-order mark, so Excel
    shows accents and emoji. Any text cell starting with ``= + - @`` (or tab, CR, or one of
    them after white space, a byte-order mark or in full width) gets a leading apostrophe so
    no spreadsheet runs it as a formula (:func:`csv_safe`).
    Written atomically, mode 0600; it holds your text, so keep it private.
    """
    with atomic_text_file(path, encoding="utf-8-sig", newline="") as out, journal.read_snapshot():
        ids = all_ids(journal, include_trash=False)
        used = {e.template for e in iter_entries(journal, ids) if e.template and e.responses}
        stage_columns = response_columns(journal.templates(), used)
        writer = csv.writer(out)
        writer.writerow(header(stage_columns))
        for entry in iter_entries(journal, ids):
            writer.writerow([csv_safe(v) for v in csv_row(entry, stage_columns)])
    return len(ids)


TAG_USE_COLUMNS = (
    "entry_id",
    "occurred_on",
    "tag",
    "tag_label",
    "group",
    "intensity",
    "field",
    "start",
    "end",
    "passage",
)


def _passage(entry: Entry, use: TagUse) -> str:
    """The text a passage tag marks ("" for a tag on the whole entry)."""
    if use.anchor is None:
        return ""
    field = use.anchor.field
    text = entry.narrative if field == "narrative" else entry.responses.get(field.partition(".")[2], "")
    return text[use.anchor.start : use.anchor.end]


def export_tag_uses(journal: Journal, path: str | os.PathLike[str]) -> int:
    """Write one row per use of a tag (trash left out), for counting and coding in a
    spreadsheet; returns the number of entries whose tags were written.

    Columns ``TAG_USE_COLUMNS``: the entry's id and date, the tag's id, label and group, its
    intensity, and for a passage tag the field (``narrative`` or ``responses.<stage>``), the
    character offsets (end exclusive) and the passage itself. Formulas are defused, as in
    :func:`export_csv`; UTF-8 with a byte-order mark; written atomically, mode 0600.
    """
    vocabulary = journal.vocabulary()
    with atomic_text_file(path, encoding="utf-8-sig", newline="") as out, journal.read_snapshot():
        ids = all_ids(journal, include_trash=False)
        writer = csv.writer(out)
        writer.writerow(TAG_USE_COLUMNS)
        for entry in iter_entries(journal, ids):
            for use in entry.tags:
                tag = vocabulary.find(use.tag)
                anchor = use.anchor
                row = [
                    entry.id,
                    entry.occurred_on.isoformat(),
                    use.tag,
                    tag.label if tag else "",
                    tag.group if tag else "",
                    _blank(use.intensity),
                    anchor.field if anchor else "",
                    anchor.start if anchor else "",
                    anchor.end if anchor else "",
                    _passage(entry, use),
                ]
                writer.writerow([csv_safe(v) for v in row])
    return len(ids)
