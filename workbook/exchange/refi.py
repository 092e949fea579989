"""REFI-QDA: the tag vocabulary as a codebook (``.qdc``) and the journal as a project
(``.qdpx``) for qualitative analysis software (QualCoder, ATLAS.ti, MAXQDA, NVivo, Taguette).

:func:`export_qdc` writes the vocabulary (the bundled tags and the journal's own) as a REFI-QDA
codebook, namespace ``urn:QDA-XML:codebook:1.0``: one category per tag group (a ``Code`` with
``isCodable="false"``) holding that group's tags as codes, each described by its definition and
its reference. There is no ``<Sets>``: the schema allows it only with at least one ``<Set>``, and
the groups are already the categories.

:func:`export_qdpx` writes a zip holding ``project.qde`` (namespace ``urn:QDA-XML:project:1.0``)
and one plain text file per entry, ``Sources/<GUID>.txt`` (the trash is left out). The project
has one user, "the practitioner" (no name), the same codebook, two variables (the date of the
conversation and its outcome) and one ``TextSource`` per entry, whose text is laid out as
:func:`source_text` says. Each tag on a passage becomes a ``PlainTextSelection`` over that
passage in the text file, coded with the tag; a tag with no passage codes the whole text of
the entry (a selection from 0 to the end), as the entry as a whole was tagged.

Positions: REFI-QDA 1.5 (section 10.2) counts a selection by Unicode code points from the
first code point of the file, numbered 0, which is what a Python ``str`` index is and what
QualCoder's ``refi.py`` uses (``fulltext[startPosition:endPosition]``). The ``.txt`` files are
UTF-8 with no byte-order mark (a mark would be code point 0), and every line ends with a line
feed alone: a carriage return typed before a line feed is dropped and a lone one becomes a line
feed, with the passages moved to match, because ATLAS.ti and QualCoder count a Windows line
ending differently. Selections end where the passage ends (the end position is exclusive, as
an entry's anchors are).

Every GUID is a name-based UUID (uuid5, upper-case as Taguette writes them) in
:data:`GUID_NAMESPACE` of a fixed name (``"tag:<id>"``, ``"entry:<id>"``,
``"selection:<entry id>:<n>"`` ...), so two exports of the same journal give the same GUIDs
and a second import can be matched to the first; the date stamps are the entries' own, so two
exports differ only in the project's ``creationDateTime``. The practitioner's aliases are
never read: people appear in the text only as the pseudonyms it already holds. Both files are
written atomically with mode 0600, as private as the journal.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import os
import uuid
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from ..files import atomic_write_bytes
from ..journal.connection import utc_now
from ..models import OUTCOME_LABELS, Entry
from .native import all_ids, iter_entries

if TYPE_CHECKING:
    from ..content.reflective_models import TemplateLibrary
    from ..content.vocab import Vocabulary
    from ..journal import Journal

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
#: The namespace of every GUID written here (uuid5 of "urn:reflective-workbook:refi-qda" in
#: the URL namespace); fixed for good, so GUIDs stay the same from one version to the next.
GUID_NAMESPACE = uuid.UUID("5A3B5642-ADDF-5D75-9722-35B52B19C142")
PROJECT_NAME = "Reflective Workbook journal"
USER_NAME = "the practitioner"
#: Where the text of each entry is kept inside the .qdpx (``internal://<GUID>.txt`` points there).
SOURCES_FOLDER = "Sources"
#: A fixed time for the zip's members, so the archive's bytes depend only on what it holds.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def guid(name: str) -> str:
    """The GUID of ``name`` (``"tag:anxious"``, ``"entry:<id>"`` ...): the same on every export."""
    return str(uuid.uuid5(GUID_NAMESPACE, name)).upper()


def _origin() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"Reflective Workbook {version('reflective-workbook')}"
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "Reflective Workbook"


def _stamp(value: dt.datetime | None, fallback: dt.date) -> str:
    """An xsd:dateTime in UTC to the second (``2025-06-01T09:30:00Z``); a date at midnight UTC
    when there is no stamp."""
    if value is None:
        value = dt.datetime.combine(fallback, dt.time(), tzinfo=dt.timezone.utc)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _xml(root: ET.Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


# -- the codebook --------------------------------------------------------------------------------
def _description(text: str, reference: str = "") -> str:
    return f"{text}\n\nSource: {reference}" if reference.strip() else text


def _codes(parent: ET.Element, vocabulary: Vocabulary) -> int:
    """``<Codes>`` under ``parent``: a category per group holding its tags; returns the tag count.
    A Code's children are in the schema's order: its Description, then its Codes."""
    codes = ET.SubElement(parent, "Codes")
    written = 0
    for group in vocabulary.groups:
        tags = vocabulary.in_group(group.id)
        if not tags:
            continue
        category = ET.SubElement(
            codes, "Code", {"guid": guid(f"group:{group.id}"), "name": group.label, "isCodable": "false"}
        )
        ET.SubElement(category, "Description").text = group.description
        for tag in tags:
            code = ET.SubElement(
                category, "Code", {"guid": guid(f"tag:{tag.id}"), "name": tag.label, "isCodable": "true"}
            )
            ET.SubElement(code, "Description").text = _description(tag.definition, tag.reference)
            written += 1
    return written


def codebook_xml(vocabulary: Vocabulary) -> tuple[bytes, int]:
    """The ``.qdc`` document for ``vocabulary`` and the number of tags in it."""
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": _origin()})
    count = _codes(root, vocabulary)
    return _xml(root), count


def export_qdc(journal: Journal, path: str | os.PathLike[str]) -> int:
    """Write the tag vocabulary (bundled and your own tags) as a REFI-QDA codebook; returns the
    number of tags. It holds no journal text, but is written atomically with mode 0600 all
    the same."""
    data, count = codebook_xml(journal.vocabulary())
    atomic_write_bytes(path, data)
    return count


# -- the text of an entry ------------------------------------------------------------------------
@dataclass(frozen=True)
class SourceText:
    """The plain text of one entry as written to its ``.txt``, and where each field starts in it.

    ``starts`` maps ``"title"``, ``"narrative"`` and ``"responses.<stage id>"`` (those present)
    to the position of the field's first character; ``removed`` lists, per field, the positions
    (in the field as stored) of the carriage returns left out before a line feed."""

    text: str
    starts: Mapping[str, int]
    removed: Mapping[str, tuple[int, ...]]

    def position(self, field: str, offset: int) -> int:
        """Where ``offset`` (a character offset in ``field`` as stored) falls in :attr:`text`."""
        return self.starts[field] + offset - bisect.bisect_left(self.removed[field], offset)


def _line_feeds(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with every line ending a line feed alone, and where the dropped carriage returns
    stood (a carriage return before a line feed is dropped; a lone one becomes a line feed)."""
    dropped = tuple(i for i, c in enumerate(text) if c == "\r" and text[i + 1 : i + 2] == "\n")
    return text.replace("\r\n", "\n").replace("\r", "\n"), dropped


def _stage_title(templates: TemplateLibrary, template_id: str | None, stage_id: str) -> str:
    try:
        return templates[template_id or ""].stage(stage_id).title
    except KeyError:  # a template that is no longer installed
        return stage_id


def _stage_order(templates: TemplateLibrary, entry: Entry) -> list[str]:
    try:
        order = list(templates[entry.template or ""].stage_ids)
    except KeyError:
        order = []
    return [s for s in order if s in entry.responses] + [s for s in entry.responses if s not in order]


def source_text(entry: Entry, templates: TemplateLibrary) -> SourceText:
    """The text of ``entry`` laid out for analysis software, always in this way:

    the title on the first line; a blank line and the narrative (if there is one); then for each
    stage answered, in the template's order, a blank line, the stage's title on a line of its own
    and the answer. The text ends with one line feed. Line endings are line feeds alone."""
    text = ""
    starts: dict[str, int] = {}
    removed: dict[str, tuple[int, ...]] = {}

    def add(field: str, value: str, heading: str | None = None) -> None:
        nonlocal text
        if text:
            text += "\n\n"
        if heading is not None:
            text += heading + "\n"
        clean, dropped = _line_feeds(value)
        starts[field], removed[field] = len(text), dropped
        text += clean

    add("title", entry.title)
    if entry.narrative:
        add("narrative", entry.narrative)
    for stage in _stage_order(templates, entry):
        if entry.responses[stage]:
            heading, _ = _line_feeds(_stage_title(templates, entry.template, stage))
            add(f"responses.{stage}", entry.responses[stage], heading)
    return SourceText(text + "\n", starts, removed)


# -- the project ---------------------------------------------------------------------------------
_VARIABLES = (("date", "Date of the conversation", "Date"), ("outcome", "Outcome", "Text"))


def _variable_value(source: ET.Element, key: str, kind: str, value: str) -> None:
    holder = ET.SubElement(source, "VariableValue")
    ET.SubElement(holder, "VariableRef", {"targetGUID": guid(f"variable:{key}")})
    ET.SubElement(holder, f"{kind}Value").text = value


def _selection(
    source: ET.Element, entry: Entry, n: int, start: int, end: int, tag: str, intensity: int | None, user: str
) -> None:
    when = _stamp(entry.updated_at or entry.created_at, entry.occurred_on)
    selection = ET.SubElement(
        source,
        "PlainTextSelection",
        {
            "guid": guid(f"selection:{entry.id}:{n}"),
            "startPosition": str(start),
            "endPosition": str(end),
            "creatingUser": user,
            "creationDateTime": when,
        },
    )
    if intensity is not None:
        ET.SubElement(selection, "Description").text = f"Intensity {intensity} of 3"
    coding = ET.SubElement(
        selection, "Coding", {"guid": guid(f"coding:{entry.id}:{n}"), "creatingUser": user, "creationDateTime": when}
    )
    ET.SubElement(coding, "CodeRef", {"targetGUID": guid(f"tag:{tag}")})


def _source(sources: ET.Element, entry: Entry, laid_out: SourceText, user: str) -> str:
    """One ``TextSource`` for ``entry``; returns the name of its text file."""
    source_guid = guid(f"entry:{entry.id}")
    filename = f"{source_guid}.txt"
    source = ET.SubElement(
        sources,
        "TextSource",
        {
            "guid": source_guid,
            "name": f"{entry.occurred_on.isoformat()} {entry.title}",
            "plainTextPath": f"internal://{filename}",
            "creatingUser": user,
            "creationDateTime": _stamp(entry.created_at, entry.occurred_on),
            "modifyingUser": user,
            "modifiedDateTime": _stamp(entry.updated_at or entry.created_at, entry.occurred_on),
        },
    )
    for n, use in enumerate(entry.tags):
        if use.anchor is not None:
            start = laid_out.position(use.anchor.field, use.anchor.start)
            end = laid_out.position(use.anchor.field, use.anchor.end)
        else:  # the tag is on the entry as a whole
            start, end = 0, len(laid_out.text)
        _selection(source, entry, n, start, end, use.tag, use.intensity, user)
    _variable_value(source, "date", "Date", entry.occurred_on.isoformat())
    if entry.outcome is not None:
        _variable_value(source, "outcome", "Text", OUTCOME_LABELS.get(entry.outcome, entry.outcome))
    return filename


def _project(
    journal: Journal, entries: Iterable[Entry], created: dt.datetime
) -> tuple[ET.Element, list[tuple[str, str]]]:
    user = guid("user:practitioner")
    root = ET.Element(
        "Project",
        {
            "xmlns": PROJECT_NS,
            "name": PROJECT_NAME,
            "origin": _origin(),
            "creatingUserGUID": user,
            "creationDateTime": _stamp(created, created.date()),
        },
    )
    users = ET.SubElement(root, "Users")
    ET.SubElement(users, "User", {"guid": user, "name": USER_NAME})
    _codes(ET.SubElement(root, "CodeBook"), journal.vocabulary())
    variables = ET.SubElement(root, "Variables")
    for key, name, kind in _VARIABLES:
        ET.SubElement(variables, "Variable", {"guid": guid(f"variable:{key}"), "name": name, "typeOfVariable": kind})
    templates = journal.templates()
    texts: list[tuple[str, str]] = []
    sources: ET.Element | None = None
    for entry in entries:
        if sources is None:
            sources = ET.SubElement(root, "Sources")  # the schema wants a source in it, or no Sources
        laid_out = source_text(entry, templates)
        texts.append((_source(sources, entry, laid_out, user), laid_out.text))
    return root, texts


def _member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    archive.writestr(info, data)


def _entries(journal: Journal) -> Iterator[Entry]:
    yield from iter_entries(journal, all_ids(journal, include_trash=False))


def export_qdpx(journal: Journal, path: str | os.PathLike[str]) -> int:
    """Write the journal (the trash left out) as a REFI-QDA project for analysis software;
    returns the number of entries. It holds the entries' text, so it is as private as the
    journal: written atomically, mode 0600."""
    with journal.read_snapshot():
        root, texts = _project(journal, _entries(journal), utc_now())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _member(archive, "project.qde", _xml(root))
        for filename, text in texts:
            _member(archive, f"{SOURCES_FOLDER}/{filename}", text.encode("utf-8"))
    atomic_write_bytes(path, buffer.getvalue())
    return len(texts)
