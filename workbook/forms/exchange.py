"""Bring your history in, and take your journal out: the two forms of notebook 11.

Thin views over ``workbook.exchange``: they never read or write the journal's tables
themselves, only call the registry (:data:`exchange.FORMATS`, :func:`exchange.format_for`)
and the import core (:mod:`exchange.incoming`, :func:`exchange.import_document`). Both are
written over the registry, so a format registered there appears in them without a change here.

* :class:`ImportForm` (``wb.import_form()``): the path of a file or folder, its format (or
  "Recognise it from the file"), **Look at the file**; for another tool's file, a row for each
  of its tags (a tag of the vocabulary, a tag of one's own, or left out) and each of its moods
  (a feelings rating 0 to 10, or left out); **Preview (writes nothing)**, the dry run; the choice
  of what to do if some rows are bad; **Import**, with a progress bar. The workbook's own JSON
  (or a folder of Markdown it wrote) is previewed and imported as it is, skipping what the
  journal already holds.
* :class:`ExportForm` (``wb.export_form()``): a format, a file (or folder) to write, "Replace
  if it exists", **Export**; the message says what the file holds, how many entries, who can
  read it and where it is.

No entry's text ever goes into a widget, a message or the repr: the forms show counts, dates,
row numbers, the source's tag and mood names, the kinds of identifier found, and the path the
person typed.

CSS classes: ``wb-import`` (the whole import form), ``wb-import-path``, ``wb-import-format``,
``wb-import-columns`` (a spreadsheet's columns) with ``wb-import-column-<field>``,
``wb-import-look``, ``wb-error-import``, ``wb-import-status``, ``wb-import-mapping``,
``wb-import-tag`` (each tag's row) with ``wb-import-tag-<n>`` (its dropdown, n from 1),
``wb-import-mood`` with ``wb-import-mood-<n>``, ``wb-import-preview``,
``wb-import-preview-status``, ``wb-import-bad-rows``, ``wb-import-go``, ``wb-import-progress``,
``wb-import-result``; ``wb-export`` (the whole export form), ``wb-export-format``,
``wb-export-summary``, ``wb-export-path``, ``wb-export-replace``, ``wb-export-go``,
``wb-error-export``, ``wb-export-status``; ``wb-log``.
"""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..errors import ValidationError, WorkbookError
from ..exchange import FORMATS, format_for, import_document, incoming
from ..models import FEELINGS_SCALE
from ..paths import shown
from ._common import NOTE_STYLE, OK_STYLE, View, css, error_label, esc, full_width, note, plural, section, set_error
from ._findings import KIND_LABELS

RECOGNISE = ""  # the format dropdown's "Recognise it from the file"
LEAVE_OUT = -1  # a mood's "Leave out" (a Dropdown cannot hold None as a choice)
GOOD_ROWS = [
    ("Import the good ones and leave the bad ones out", True),
    ("Import nothing until every one can be imported", False),
]
#: The singular of what an export's count counts (``ExchangeFormat.unit``, "entries" unless said).
SINGULAR = {"entries": "entry", "tags": "tag", "rows": "row", "files": "file"}
#: How the mapping table shows where a source tag can go, besides the vocabulary's tags.
OWN_CHOICE = ("Keep as a tag of my own", incoming.OWN)
DROP_CHOICE = ("Leave out", incoming.DROP)
#: Which help the forms give at their top.
IMPORT_HELP = (
    "Give the path of a file (or a folder) from another journal app or from another copy of the workbook, "
    "for example ~/Downloads/daylio_export.csv. Looking at it and the preview write nothing."
)
EXPORT_HELP = (
    "Every export holds your own words in full: it is readable by you only, and you should delete it when "
    "you no longer need it."
)


def _long(day: Any) -> str:
    if day is None:
        return "none"
    return f"{day.day} {day:%B %Y}"


def _format_options(direction: str) -> list[tuple[str, str]]:
    """``"name: summary"`` for every registered format that can go in ``direction``."""
    able = [f for f in FORMATS.values() if (f.read if direction == "import" else f.export) is not None]
    return [(f"{f.name}: {_cut(f.summary)}", f.name) for f in able]


def _cut(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;:") + "…"


def _units(unit: str) -> str:
    """``"rows"`` for ``"row"``, ``"entries"`` for ``"entry"``."""
    return "entries" if unit == "entry" else unit + "s"


def _counted(fmt: Any, count: int) -> str:
    """``"3 entries"``, or what else the format's export counts (``"1 tag"``)."""
    unit = getattr(fmt, "unit", "entries") or "entries"
    return f"{count} {SINGULAR.get(unit, unit) if count == 1 else unit}"


def _reason(exc: WorkbookError) -> str:
    """The one line shown for a refusal: the reason without a field that means nothing to a reader."""
    if isinstance(exc, ValidationError):
        if exc.field.startswith("columns."):
            return f"the column for {exc.field.removeprefix('columns.')} {exc.reason}"
        return exc.reason if exc.field in ("file", "format", "") else str(exc)
    return str(exc)


def _kinds(kinds: list[str]) -> str:
    return ", ".join(KIND_LABELS.get(k, k.replace("_", " ")).lower() for k in kinds)


def _status(label: w.HTML, message: str, *, ok: bool = True) -> None:
    label.value = f"<span style='{OK_STYLE if ok else NOTE_STYLE}' role='status'>{esc(message)}</span>"


class ImportForm(View):
    """Bring entries in from another tool or another copy of the workbook: look, map, preview, import.

    Parameters
    ----------
    journal
        An open journal (``wb.open_journal()``); ``wb.import_form()`` gives the default one.
    """

    def __init__(self, journal: Any) -> None:
        self.journal = journal
        self.read: incoming.SourceRead | None = None  # another tool's file, read
        self.document: Any = None  # the workbook's own export (or list of entries), read
        self.last_preview: incoming.Preview | None = None
        self.result: Any = None
        self.log = css(w.Output(), "wb-log")

        # A text box, not a FileUpload: an uploaded file's contents are kept in the widget's
        # state, which JupyterLab saves into the notebook, so the whole history would be copied
        # into the .ipynb file. A path leaves the file where it is and only reads it.
        self.path = css(
            w.Text(
                placeholder="~/Downloads/export.csv, or a folder", description="File or folder", layout=full_width()
            ),
            "wb-import-path",
        )
        self.path.style.description_width = "initial"
        self.format = css(
            w.Dropdown(
                options=[("Recognise it from the file", RECOGNISE), *_format_options("import")],
                value=RECOGNISE,
                description="Format",
                layout=full_width(),
            ),
            "wb-import-format",
        )
        self.look_button = css(
            w.Button(description="Look at the file", button_style="primary", layout=w.Layout(width="auto")),
            "wb-import-look",
        )
        self.error = error_label("import")
        self.status = css(w.HTML(""), "wb-import-status")

        self.tag_rows: dict[str, w.Dropdown] = {}
        self.mood_rows: dict[str, w.Dropdown] = {}
        # a spreadsheet's columns (a format whose reader takes ``columns``): which holds what
        self.column_rows: dict[str, w.Dropdown] = {}
        self._columns_of: Path | None = None
        self.columns_box = css(w.VBox([]), "wb-import-columns")
        self.mapping_box = css(w.VBox([]), "wb-import-mapping")

        self.preview_button = css(
            w.Button(description="Preview (writes nothing)", layout=w.Layout(width="auto")), "wb-import-preview"
        )
        self.preview_status = css(w.HTML(""), "wb-import-preview-status")
        self.bad_rows = css(
            w.RadioButtons(
                options=GOOD_ROWS,
                value=False,
                description="If some rows are bad",
                layout=w.Layout(width="auto"),
                style={"description_width": "initial"},
            ),
            "wb-import-bad-rows",
        )
        self.import_button = css(
            w.Button(description="Import", button_style="success", layout=w.Layout(width="auto")), "wb-import-go"
        )
        self.progress = css(
            w.IntProgress(value=0, min=0, max=1, description="Checked", layout=w.Layout(width="60%")),
            "wb-import-progress",
        )
        self.result_status = css(w.HTML(""), "wb-import-result")
        self.actions_box = w.VBox(
            [
                w.HBox([self.preview_button]),
                self.preview_status,
                self.bad_rows,
                w.HBox([self.import_button]),
                self.progress,
            ]
        )

        self.look_button.on_click(self._guard(self.look))
        self.preview_button.on_click(self._guard(self.preview))
        self.import_button.on_click(self._guard(self.bring_in))
        self.path.observe(lambda _: self._forget(columns=True), "value")
        self.format.observe(lambda _: self._forget(columns=True), "value")

        self.widget = css(
            w.VBox(
                [
                    section("Bring entries in"),
                    note(IMPORT_HELP),
                    self.path,
                    self.format,
                    self.columns_box,
                    w.HBox([self.look_button]),
                    self.error,
                    self.status,
                    self.mapping_box,
                    self.actions_box,
                    self.result_status,
                    self.log,
                ]
            ),
            "wb-import",
        )
        self._forget(columns=True)

    def __repr__(self) -> str:
        held = "nothing read yet" if self.read is None and self.document is None else "a file read"
        return f"<ImportForm: a form, {held}; display it in a notebook to use it>"

    # -- reading -----------------------------------------------------------------------------------
    def _forget(self, *, columns: bool = False) -> None:
        """Back to the start: nothing read; ``columns``: the spreadsheet's columns forgotten too
        (after the path or the format changes)."""
        if columns:
            self.column_rows = {}
            self._columns_of = None
            self.columns_box.children = ()
            self.columns_box.layout.display = "none"
        self.read = None
        self.document = None
        self.last_preview = None
        self.tag_rows = {}
        self.mood_rows = {}
        self.mapping_box.children = ()
        self.mapping_box.layout.display = "none"
        self.actions_box.layout.display = "none"
        self.preview_status.value = ""
        self.status.value = ""
        self.progress.value = 0
        self.progress.layout.display = "none"

    def chosen_path(self) -> Path | None:
        raw = self.path.value.strip()
        return Path(raw).expanduser() if raw else None

    def look(self) -> Any:
        """Read the file in the chosen (or recognised) format; what was read, or None when refused."""
        self._forget()
        set_error(self.error, None)
        self.result_status.value = ""
        path = self.chosen_path()
        if path is None:
            set_error(self.error, "Give the path of the file or folder to bring in.")
            return None
        if not path.exists():
            set_error(self.error, f"There is no file or folder at {shown(path)}.")
            return None
        try:
            fmt = format_for(path, self.format.value or None, direction="import")
            options: dict[str, Any] = {}
            if "columns" in fmt.options:
                self._offer_columns(path)
                options["columns"] = self.columns() or None
            data = fmt.read(path, **options)  # type: ignore[misc]  # format_for checked it can be read
        except WorkbookError as exc:
            set_error(self.error, f"Not read: {_reason(exc)}")
            return None
        except OSError as exc:
            set_error(self.error, f"Could not read {shown(path)}: {exc.strerror or type(exc).__name__}.")
            return None
        return self.use(data, fmt.name)

    def use(self, data: Any, name: str) -> Any:
        """Show what a reader gave (an ``incoming.SourceRead``, or the workbook's own export
        document or list of entries) for mapping, preview and import; ``name`` is its format."""
        self._forget()
        if isinstance(data, incoming.SourceRead):
            self.read = data
            self._show_mapping(data)
            bad = (
                f", and {plural(len(data.problems), data.unit, _units(data.unit))} it cannot read"
                if data.problems
                else ""
            )
            _status(
                self.status,
                f"Read as {name}: {plural(len(data.entries), 'entry', 'entries')}{bad}. Check where its tags "
                "and moods go, then press Preview.",
            )
        else:
            self.document = data
            count = self._document_count(data)
            _status(
                self.status,
                f"Read as {name} (the workbook's own): {plural(count, 'entry', 'entries')}. Its tags are the "
                "workbook's already; press Preview to see what would be added.",
            )
        if self.read is not None:
            self.bad_rows.description = f"If some {_units(self.read.unit)} are bad"
        self.bad_rows.layout.display = None if self.read is not None else "none"
        self.actions_box.layout.display = None
        return data

    def _offer_columns(self, path: Path) -> None:
        """A row for each field a spreadsheet's column can hold, with the file's headers to choose
        from (the headers that name a field chosen at first); kept while the path stays the same."""
        from ..exchange.table import CSV_FIELDS, default_columns, read_header

        if self._columns_of == path and self.column_rows:
            return
        header = [h for h in read_header(path) if h.strip()]
        chosen = default_columns(header)
        choices = [("(not in the file)", ""), *((h, h) for h in dict.fromkeys(header))]
        self.column_rows = {
            field: css(
                w.Dropdown(options=choices, value=chosen.get(field, ""), layout=w.Layout(width="16em")),
                f"wb-import-column-{field}",
            )
            for field in CSV_FIELDS
        }
        rows = [
            w.HBox(
                [
                    w.HTML(f"<code>{esc(field)}</code>", layout=w.Layout(width="10em")),
                    choice,
                    w.HTML(f"<span style='{NOTE_STYLE}'>{esc(CSV_FIELDS[field])}</span>"),
                ]
            )
            for field, choice in self.column_rows.items()
        ]
        self.columns_box.children = (
            w.HTML("<b>Its columns</b>"),
            note(
                "Which column of the spreadsheet holds what. A date column and a text (or title) column are needed; "
                "change a choice and press Look at the file again."
            ),
            *rows,
        )
        self.columns_box.layout.display = None
        self._columns_of = path

    def columns(self) -> dict[str, str]:
        """``{field: column header}`` as chosen (empty when the file has no columns to choose)."""
        return {field: choice.value for field, choice in self.column_rows.items() if choice.value}

    @staticmethod
    def _document_count(data: Any) -> int:
        if isinstance(data, dict):
            entries = data.get("entries") if "format" in data else [data]
            return len(entries) if isinstance(entries, list) else 0
        return len(data) if isinstance(data, list) else 0

    def _show_mapping(self, read: incoming.SourceRead) -> None:
        vocabulary = self.journal.vocabulary()
        suggested = incoming.suggest_mapping(read, vocabulary)
        tag_choices = [
            OWN_CHOICE,
            DROP_CHOICE,
            *((f"{vocabulary.group(t.group).label}: {t.label}", t.id) for t in vocabulary),
        ]
        rows: list[Any] = []
        labels = read.labels()
        if labels:
            rows += [
                w.HTML("<b>Its tags</b>"),
                note(
                    "Each of the file's tags (or activities) can become one of the workbook's tags, a tag of your own, or be left out."
                ),
            ]
        for n, (label, count) in enumerate(labels.most_common(), start=1):
            choice = css(
                w.Dropdown(options=tag_choices, value=suggested.tags[label], layout=w.Layout(width="24em")),
                f"wb-import-tag-{n}",
            )
            self.tag_rows[label] = choice
            rows.append(
                css(
                    w.HBox(
                        [
                            w.HTML(
                                f"{esc(label)} <span style='{NOTE_STYLE}'>({esc(plural(count, 'entry', 'entries'))})</span>",
                                layout=w.Layout(width="18em"),
                            ),
                            choice,
                        ]
                    ),
                    "wb-import-tag",
                )
            )
        moods = read.moods()
        if moods:
            rows += [
                w.HTML("<b>Its moods</b>"),
                note(
                    f"A mood can become the feelings rating after the conversation ({FEELINGS_SCALE}), or be left out."
                ),
            ]
        rating_choices = [("Leave out", LEAVE_OUT), *((str(i), i) for i in range(11))]
        for n, (mood, count) in enumerate(moods.most_common(), start=1):
            rating = suggested.moods.get(mood)
            choice = css(
                w.Dropdown(
                    options=rating_choices, value=LEAVE_OUT if rating is None else rating, layout=w.Layout(width="8em")
                ),
                f"wb-import-mood-{n}",
            )
            self.mood_rows[mood] = choice
            rows.append(
                css(
                    w.HBox(
                        [
                            w.HTML(
                                f"{esc(mood)} <span style='{NOTE_STYLE}'>({esc(plural(count, 'entry', 'entries'))})</span>",
                                layout=w.Layout(width="18em"),
                            ),
                            choice,
                        ]
                    ),
                    "wb-import-mood",
                )
            )
        self.mapping_box.children = tuple(rows)
        self.mapping_box.layout.display = None if rows else "none"

    def mapping(self) -> incoming.ImportMapping:
        """The choices in the mapping table."""
        return incoming.ImportMapping(
            {label: choice.value for label, choice in self.tag_rows.items()},
            {mood: (None if choice.value == LEAVE_OUT else choice.value) for mood, choice in self.mood_rows.items()},
        )

    # -- the dry run --------------------------------------------------------------------------------
    def preview(self) -> incoming.Preview | None:
        """The dry run (nothing written); the preview, or None when refused."""
        set_error(self.error, None)
        self.result_status.value = ""
        try:
            if self.read is not None:
                found = incoming.preview(self.journal, self.read, self.mapping())
            elif self.document is not None:
                found = incoming.preview_document(self.journal, self.document)
            else:
                set_error(self.error, "Press Look at the file first.")
                return None
        except WorkbookError as exc:
            set_error(self.error, f"No preview: {_reason(exc)}")
            return None
        self.last_preview = found
        self.preview_status.value = self._preview_html(found)
        return found

    def _unit(self) -> str:
        return self.read.unit if self.read is not None else "entry"

    def _problems_html(self, problems: list[incoming.RowProblem]) -> str:
        unit = self._unit()
        items = "".join(
            f"<li>{esc(unit.capitalize())} {p.number}: {esc(p.reason)}</li>"
            if p.number
            else f"<li>{esc(p.reason)}</li>"
            for p in problems[:50]
        )
        more = f"<li>… and {len(problems) - 50} more</li>" if len(problems) > 50 else ""
        return f"<ul style='margin:0.2em 0'>{items}{more}</ul>" if problems else ""

    def preview_line(self, p: incoming.Preview) -> str:
        """The dry run in one paragraph: counts, dates and labels only."""
        unit = self._unit()
        span = "" if p.first is None else f", dated {_long(p.first)}"
        span += f" to {_long(p.last)}" if p.last is not None and p.last != p.first else ""
        parts = [f"Nothing has been written. Importing would add {plural(p.new, 'entry', 'entries')}{span}."]
        if p.already:
            parts.append(
                f"{plural(p.already, 'entry', 'entries')} already in your journal (from an earlier import) would be "
                "left unchanged."
            )
        if p.problems:
            parts.append(
                f"{plural(len(p.problems), unit, _units(unit))} cannot be imported (listed below): choose below whether to import "
                "the good ones or nothing."
                if self.read is not None
                else f"{plural(len(p.problems), 'problem')} (below): the file cannot be imported until it is fixed."
            )
        if p.own_tags:
            parts.append(f"{plural(len(p.own_tags), 'tag')} of your own would be made.")
        if p.may_identify:
            parts.append(
                f"{plural(len(p.may_identify), 'entry', 'entries')} may name someone or hold a number that "
                "identifies them: they are listed after the import, to review in notebook 04."
            )
        return " ".join(parts)

    def _preview_html(self, p: incoming.Preview) -> str:
        kinds = sorted({k for ks in p.may_identify.values() for k in ks})
        rows = [
            ("New entries", str(p.new)),
            ("Already in your journal", str(p.already)),
            (
                f"{_units(self._unit()).capitalize()} that cannot be imported",
                str(len(p.problems))
                + (
                    f" ({self._unit()} {', '.join(str(x.number) for x in p.problems[:20] if x.number)})"
                    if any(x.number for x in p.problems)
                    else ""
                ),
            ),
            ("First date", _long(p.first)),
            ("Last date", _long(p.last)),
            ("Tags of your own to be made", ", ".join(p.own_tags) or "none"),
            (
                "May name someone",
                str(len(p.may_identify)) + (f" ({_kinds(kinds)})" if kinds else ""),
            ),
        ]
        table = "".join(
            f"<tr><th style='text-align:left;padding-right:1em'>{esc(a)}</th><td>{esc(b)}</td></tr>" for a, b in rows
        )
        return (
            f"<p role='status'>{esc(self.preview_line(p))}</p>"
            f"<table class='wb-import-preview-table'>{table}</table>{self._problems_html(p.problems)}"
        )

    # -- the import ------------------------------------------------------------------------------------
    def _progress(self, done: int, total: int) -> None:
        self.progress.max = max(total, 1)
        self.progress.value = min(done, self.progress.max)

    def bring_in(self) -> Any:
        """Import what was read (``incoming.BroughtIn`` or ``plan.Imported``), or None when refused."""
        set_error(self.error, None)
        self.result_status.value = ""
        self.progress.value = 0
        self.progress.layout.display = None
        try:
            if self.read is not None:
                result = incoming.bring_in(
                    self.journal,
                    self.read,
                    self.mapping(),
                    good_rows_only=bool(self.bad_rows.value),
                    progress=self._progress,
                )
            elif self.document is not None:
                result = import_document(self.journal, self.document, skip_existing=True)
                self._progress(1, 1)
            else:
                set_error(self.error, "Press Look at the file first.")
                return None
        except incoming.ImportRefused as exc:
            set_error(
                self.error,
                f"Nothing was saved: {plural(len(exc.problems), self._unit(), _units(self._unit()))} cannot be imported.",
            )
            self.result_status.value = (
                f"{self._problems_html(exc.problems)}<span style='{NOTE_STYLE}'>Fix them in the file and look at it "
                "again, or choose to import the good rows only.</span>"
            )
            return None
        except WorkbookError as exc:
            set_error(self.error, f"Nothing was saved: {_reason(exc)}")
            return None
        self.result = result
        self.result_status.value = self._result_html(result)
        return result

    def result_line(self, result: Any) -> str:
        """What the import saved, in counts."""
        if isinstance(result, incoming.BroughtIn):
            parts = [f"Imported {plural(len(result.entries), 'entry', 'entries')}."]
            if result.already:
                parts.append(f"{plural(result.already, 'entry', 'entries')} already in your journal, left unchanged.")
            if result.problems:
                parts.append(f"{plural(len(result.problems), self._unit(), _units(self._unit()))} left out (below).")
            if result.own_tags:
                parts.append(f"Tags of your own made: {', '.join(result.own_tags)}.")
            return " ".join(parts)
        parts = [f"Imported {plural(len(result.entries), 'entry', 'entries')}."]
        if result.entries_skipped:
            parts.append(
                f"{plural(result.entries_skipped, 'entry', 'entries')} already in your journal, left unchanged."
            )
        if result.cpd_records or result.cpd_records_skipped:
            parts.append(
                f"{plural(len(result.cpd_records), 'CPD record')} added, {result.cpd_records_skipped} already there."
            )
        return " ".join(parts)

    def _result_html(self, result: Any) -> str:
        out = f"<p style='{OK_STYLE}' role='status'>{esc(self.result_line(result))}</p>"
        if isinstance(result, incoming.BroughtIn):
            out += self._problems_html(result.problems)
            if result.may_identify:
                days = self._days_by_number()
                items = "".join(
                    f"<li>{esc(self._unit().capitalize())} {n}{esc(days.get(n, ''))}: {esc(_kinds(kinds))}</li>"
                    for n, kinds in sorted(result.may_identify.items())
                )
                out += (
                    f"<p><b>{esc(plural(len(result.may_identify), 'entry', 'entries'))} may name someone</b> "
                    f"<span style='{NOTE_STYLE}'>(the words are not shown here):</span></p><ul>{items}</ul>"
                    f"<p style='{NOTE_STYLE}'>Review them in notebook 04 (Review and revise): find each by its date, "
                    "and change or take out anything that identifies a person.</p>"
                )
        return out

    def _days_by_number(self) -> dict[int, str]:
        """`` (entry of 3 March 2021)`` for each source number, from the entry's date (never its text)."""
        out: dict[int, str] = {}
        if self.read is None:
            return out
        for source in self.read.entries:
            day = source.occurred_on
            if isinstance(day, str):
                try:
                    day = dt.date.fromisoformat(day[:10])
                except ValueError:
                    continue
            out[source.number] = f" (the entry of {_long(day)})"
        return out

    def _on_fault(self) -> None:
        set_error(self.error, "Something went wrong (the details are below); your journal is unchanged.")


class ExportForm(View):
    """Write the journal out in a chosen format, to a file (or folder) readable by you only.

    Parameters
    ----------
    journal
        An open journal (``wb.open_journal()``); ``wb.export_form()`` gives the default one.
    folder
        Where the default file name points (default: your home folder).
    today
        The day in the default file name (default: today).
    """

    def __init__(self, journal: Any, *, folder: Any = None, today: dt.date | None = None) -> None:
        self.journal = journal
        self.folder = Path(folder).expanduser() if folder is not None else Path.home()
        self.today = today or dt.date.today()
        self.written: Path | None = None
        self.log = css(w.Output(), "wb-log")
        options = _format_options("export")
        self.format = css(
            w.Dropdown(
                options=options,
                value="json" if "json" in FORMATS else options[0][1],
                description="Format",
                layout=full_width(),
            ),
            "wb-export-format",
        )
        self.summary = css(w.HTML(""), "wb-export-summary")
        self._default = self.default_path(self.format.value)
        self.path = css(w.Text(value=str(self._default), description="Write to", layout=full_width()), "wb-export-path")
        self.path.style.description_width = "initial"
        self.replace = css(
            w.Checkbox(value=False, description="Replace if it exists", indent=False, layout=w.Layout(width="auto")),
            "wb-export-replace",
        )
        self.export_button = css(
            w.Button(description="Export", button_style="primary", layout=w.Layout(width="auto")), "wb-export-go"
        )
        self.error = error_label("export")
        self.status = css(w.HTML(""), "wb-export-status")
        self.format.observe(lambda _: self._format_changed(), "value")
        self.export_button.on_click(self._guard(self.export))
        self.widget = css(
            w.VBox(
                [
                    section("Take your journal out"),
                    note(EXPORT_HELP),
                    self.format,
                    self.summary,
                    self.path,
                    self.replace,
                    w.HBox([self.export_button]),
                    self.error,
                    self.status,
                    self.log,
                ]
            ),
            "wb-export",
        )
        self._format_changed()

    def __repr__(self) -> str:
        return "<ExportForm: a form; display it in a notebook to use it>"

    def default_path(self, name: str) -> Path:
        """``journal-<format>-<day><suffix>`` in the folder (a folder of that name for a folder format)."""
        fmt = FORMATS[name]
        suffix = "" if fmt.folder or not fmt.suffixes else fmt.suffixes[0]
        return self.folder / f"journal-{fmt.name}-{self.today.isoformat()}{suffix}"

    def _format_changed(self) -> None:
        fmt = FORMATS[self.format.value]
        where = "a folder" if fmt.folder else "a file"
        self.summary.value = f"<span style='{NOTE_STYLE}'>{esc(fmt.name)} writes {where}: {esc(fmt.summary)}.</span>"
        if self.path.value.strip() in ("", str(self._default)):  # not changed by the person: follow the format
            self._default = self.default_path(fmt.name)
            self.path.value = str(self._default)

    def export(self) -> Path | None:
        """Write the journal in the chosen format; the path written, or None when refused."""
        set_error(self.error, None)
        self.status.value = ""
        fmt = FORMATS[self.format.value]
        raw = self.path.value.strip()
        if not raw:
            set_error(self.error, "Give the path of the file to write.")
            return None
        path = Path(raw).expanduser()
        refusal = self._refusal(fmt, path)
        if refusal:
            set_error(self.error, refusal)
            return None
        try:
            count = fmt.export(self.journal, path)  # type: ignore[misc]  # listed only if it can export
        except WorkbookError as exc:
            set_error(self.error, f"Not written: {_reason(exc)}")
            return None
        except OSError as exc:
            set_error(self.error, f"Not written: {exc.strerror or type(exc).__name__} ({shown(path)}).")
            return None
        self.written = path
        self.status.value = self._written_html(fmt, path, count)
        return path

    def _refusal(self, fmt: Any, path: Path) -> str | None:
        if fmt.folder:
            if path.exists() and not path.is_dir():
                return f"{shown(path)} is a file: {fmt.name} writes a folder, so give a folder's path."
            if path.is_dir() and any(path.iterdir()) and not self.replace.value:
                return f"{shown(path)} already holds files: tick Replace if it exists, or give another folder."
            if not path.parent.is_dir():
                return f"There is no folder {shown(path.parent)} to write it in."
            return None
        if path.is_dir():
            return f"{shown(path)} is a folder: give the name of a file in it."
        if path.exists() and not self.replace.value:
            return f"{shown(path)} already exists: tick Replace if it exists, or give another name."
        if not path.parent.is_dir():
            return f"There is no folder {shown(path.parent)} to write it in."
        return None

    def written_line(self, fmt: Any, path: Path, count: int) -> str:
        """What was written, how much, who can read it and where (counts and the path only)."""
        who = (
            "Only you can read it."
            if self._private(path)
            else "Check who can read it: other people on this computer may be able to."
        )
        holds = getattr(fmt, "holds", fmt.summary)
        return (
            f"Written: {_counted(fmt, count)}, as {fmt.name} ({holds}). {who} It is at {shown(path)}. "
            "It holds your own words in full: keep it somewhere private, and delete it when you no longer need it."
        )

    def _written_html(self, fmt: Any, path: Path, count: int) -> str:
        line = esc(self.written_line(fmt, path, count)).replace(esc(shown(path)), f"<code>{esc(shown(path))}</code>", 1)
        return f"<span style='{OK_STYLE}' role='status'>{line}</span>"

    @staticmethod
    def _private(path: Path) -> bool:
        """True if ``path`` (and, for a folder, everything in it) is readable by its owner only."""
        paths = [path, *path.rglob("*")] if path.is_dir() else [path]
        return all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in paths if p.exists())

    def _on_fault(self) -> None:
        set_error(self.error, "Something went wrong (the details are below); your journal is unchanged.")
