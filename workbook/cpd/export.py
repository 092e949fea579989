"""A CPD record written out: Markdown, one offline web page, or a Word document (.docx)

Each format is made from the same list of blocks (:func:`blocks`): the record's fields under
the questions of the regulator's form, the themes or standards as a checklist, and, for an
NMC reflective discussion, labelled blanks for what the journal never keeps (the other
registrant's name, PIN, email and address; signatures), to fill in by hand.

:func:`export_record` writes into a private temporary folder, runs the leak check
(``supervision.leaks.check_share``, which reads .docx too) with the journal, and moves the
file into place (0600) only when nothing is found or each finding is overridden by name
(``"KIND:PLACE"``), as a supervision pack is written. The default folder is :func:`cpd_dir`,
beside the packs folder, made 0700. The web page is built with ``supervision.html``'s page
(no script, a Content-Security-Policy, every string escaped). The Word document's author and
"last modified by" are empty, so no user name travels in its properties.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from ..paths import cpd_dir
from .record import FORMS, KIND_TITLES, SWE_STANDARDS

__all__ = ["FORMATS", "blocks", "cpd_dir", "export_record", "render_docx", "render_html", "render_markdown"]

FORMATS = ("md", "html", "docx")
BLANK = "_" * 30
NOTE = (
    "Names and details that could identify anyone were reviewed and removed before this record "
    "was kept. Made with Reflective Workbook."
)
_NAMES = {
    "swe": "swe-cpd-record",
    "nmc-account": "nmc-reflective-account",
    "nmc-discussion": "nmc-reflective-discussion",
}
#: Filled in by hand: the journal never keeps them.
DISCUSSION_BLANKS = (
    "Name of the NMC registrant you discussed your accounts with",
    "Their NMC PIN",
    "Their email address",
    "Their professional address, including postcode",
    "Their signature",
)
OWN_BLANKS = ("Your name", "Your NMC PIN", "Your signature")


def _long(day: str | dt.date) -> str:
    d = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{d.day} {d:%B %Y}"


def manifest(record: Any) -> dict[str, Any]:
    """What the leak check reads: the entries the record was made from are its chosen entries."""
    return {
        "format": 1,
        "kind": "cpd-record",
        "record": record.kind,
        "record_id": record.id,
        "made_on": record.made_on.isoformat(),
        "entries": list(record.entry_ids),
    }


def blocks(record: Any, journal: Any = None) -> list[tuple[str, Any, Any]]:
    """The record as blocks, each (kind, label, value): ``("title", text, None)``, ``("field",
    label, text)``, ``("checklist", label, [(ticked, label), ...])``, ``("blank", label, None)``,
    ``("note", text, None)``."""
    out: list[tuple[str, Any, Any]] = [("title", KIND_TITLES[record.kind], None)]
    fields = record.fields
    if record.kind == "nmc-discussion":
        out.append(("field", "Date of the discussion", _long(record.made_on)))
        out += [("blank", label, None) for label in DISCUSSION_BLANKS]
        for n, account_id in enumerate(fields.get("account_ids", ()), 1):
            made = ""
            if journal is not None:
                try:
                    made = f", made on {_long(journal.cpd_record(account_id).made_on)}"
                except LookupError:
                    made = ", no longer in the journal"
            out.append(("field", f"Written reflective account {n}", f"Account {account_id[:8]}{made}"))
    for rule in FORMS[record.kind]:
        if rule.name == "account_ids":
            continue
        value = fields.get(rule.name)
        if rule.shape == "ids":
            chosen = set(value or ())
            options = rule.allowed or {}
            ticks = [
                (key in chosen, f"{key} {label}" if rule.allowed is SWE_STANDARDS else label)
                for key, label in options.items()
            ]
            out.append(("checklist", rule.label, ticks))
        elif rule.shape == "date":
            out.append(("field", rule.label, _long(value) if value else "Not given"))
        else:
            out.append(("field", rule.label, value if value else "Not given"))
    if record.kind == "nmc-discussion":
        out += [("blank", label, None) for label in OWN_BLANKS]
    out.append(("note", f"Record {record.id[:8]}, made on {_long(record.made_on)}. {NOTE}", None))
    return out


# -- the three formats ------------------------------------------------------------------------


def render_markdown(record: Any, journal: Any = None) -> str:
    lines = [f"<!-- workbook-pack: {json.dumps(manifest(record), sort_keys=True)} -->", ""]
    for kind, label, value in blocks(record, journal):
        if kind == "title":
            lines += [f"# {label}", ""]
        elif kind == "field":
            lines += [f"## {label}", "", str(value).strip(), ""]
        elif kind == "checklist":
            lines += [f"## {label}", ""]
            lines += [f"- [{'x' if ticked else ' '}] {text}" for ticked, text in value]
            lines.append("")
        elif kind == "blank":
            lines += [f"**{label}:** {BLANK}", ""]
        else:
            lines += ["---", "", f"*{label}*", ""]
    return "\n".join(lines)


def render_html(record: Any, journal: Any = None) -> str:
    from ..supervision.html import page, paragraphs, text

    body: list[str] = []
    title = KIND_TITLES[record.kind]
    for kind, label, value in blocks(record, journal):
        if kind == "title":
            body.append(f"<h1>{text(label)}</h1>")
        elif kind == "field":
            body += [f"<h2>{text(label)}</h2>", paragraphs(str(value))]
        elif kind == "checklist":
            body.append(f"<h2>{text(label)}</h2>")
            body.append(
                "<ul>"
                + "".join(f"<li>{'&#9746;' if ticked else '&#9744;'} {text(item)}</li>" for ticked, item in value)
                + "</ul>"
            )
        elif kind == "blank":
            body.append(f"<p><strong>{text(label)}:</strong> {BLANK}</p>")
        else:
            body.append(f'<p class="meta">{text(label)}</p>')
    return page(title, manifest(record), body)


def _docx_table(document: Any, rows: Iterable[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for left, right in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = left, right


def _docx_properties(document: Any, record: Any) -> None:
    """Empty author and "last modified by" (no user name travels); the manifest in comments."""
    props = document.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = KIND_TITLES[record.kind]
    props.subject = props.keywords = props.category = ""
    props.comments = "workbook-pack: " + json.dumps(manifest(record), sort_keys=True)
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.revision = 1


def render_docx(record: Any, journal: Any = None) -> bytes:
    """The record as a Word document: headings and paragraphs, checklists and blanks as tables."""
    import docx

    document = docx.Document()
    _docx_properties(document, record)
    items = blocks(record, journal)
    for n, (kind, label, value) in enumerate(items):
        if kind == "title":
            document.add_heading(label, level=1)
        elif kind == "field":
            document.add_heading(label, level=2)
            for part in str(value).strip().split("\n\n"):
                document.add_paragraph(part.strip())
        elif kind == "checklist":
            document.add_heading(label, level=2)
            _docx_table(document, [("\u2612" if ticked else "\u2610", item) for ticked, item in value])
        elif kind == "blank" and (n == 0 or items[n - 1][0] != "blank"):
            run = [b[1] for b in items[n:]]
            ends = next((i for i, b in enumerate(items[n:]) if b[0] != "blank"), len(run))
            _docx_table(document, [(b, "") for b in run[:ends]])
        elif kind == "note":
            document.sections[0].footer.paragraphs[0].text = label
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _render(record: Any, fmt: str, journal: Any) -> bytes:
    if fmt == "md":
        return render_markdown(record, journal).encode("utf-8")
    if fmt == "html":
        return render_html(record, journal).encode("utf-8")
    return render_docx(record, journal)


# -- writing ----------------------------------------------------------------------------------


def _folder(folder: str | os.PathLike[str] | None) -> Path:
    from ..files import output_folder

    return output_folder(folder, cpd_dir)
    target = Path(folder).expanduser()
    if not target.is_dir():
        raise ValidationError("folder", f"{target.name} is not a folder.")
    return target


def file_name(record: Any, fmt: str) -> str:
    return f"{_NAMES[record.kind]}-{record.made_on.isoformat()}-{record.id[:8]}.{fmt}"


def export_record(
    journal: Any,
    record: Any,
    fmt: str = "md",
    folder: str | os.PathLike[str] | None = None,
    *,
    overrides: Iterable[str] = (),
) -> Path:
    """Write ``record`` (a kept record or its id) as ``fmt`` (``"md"``, ``"html"`` or ``"docx"``)
    into ``folder`` (default :func:`cpd_dir`); returns the file written, 0600. Refused
    (``UnsafePackError``, nothing written) when the leak check finds something not overridden."""
    from ..files import atomic_write_bytes
    from ..supervision.leaks import check_share
    from ..supervision.share import UnsafePackError, override_key

    if fmt not in FORMATS:
        raise ValidationError("format", f"must be one of {', '.join(FORMATS)}, not {fmt!r}.")
    if isinstance(record, str):
        record = journal.cpd_record(record)
    data = _render(record, fmt, journal)
    target = _folder(folder)
    name = file_name(record, fmt)
    allowed = set(overrides)
    staging = Path(tempfile.mkdtemp(prefix=".cpd-", dir=target))  # 0700, removed whatever happens
    try:
        staged = staging / name
        staged.write_bytes(data)
        os.chmod(staged, 0o600)
        found = check_share(staged, journal)
        unsafe = [
            f
            for f in found
            if override_key(f) not in allowed and override_key(f).replace(f":{name} ", ":", 1) not in allowed
        ]
        if unsafe:
            raise UnsafePackError(unsafe)
        return atomic_write_bytes(target / name, data)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
