"""Day One's JSON export, both ways: reading one in, and writing entries for Day One to import.

Day One (the journaling app) exports a zip holding one ``<Journal name>.json`` per journal
(and folders of photos and other media); each is ``{"metadata": {...}, "entries": [...]}``.
:func:`read_dayone` reads the zip or a bare ``.json`` into an :class:`incoming.SourceRead`
for the shared import (:func:`incoming.preview`, :func:`incoming.bring_in`):

* the entry's ``uuid`` is its key (so a second import of the same file adds nothing);
* its date is the local date of ``creationDate`` in the entry's own ``timeZone`` (an entry
  written at 23:30 UTC in Taipei is on the next day there); an unknown zone counts as UTC;
* ``creationDate`` and ``modifiedDate`` become the entry's created and updated stamps;
* a first line that is a Markdown heading (``# ...``) is the title and is taken out of the
  text; otherwise the title is the first line that holds words, or "Day One, 3 March 2021";
* Day One's ``tags`` are the source's tags (mapped by the person before the import) and
  ``starred`` becomes *flagged*;
* photos, videos, audio and PDFs are NOT imported: their links in the text
  (``![](dayone-moment://...)``) are taken out, and the media folders are never read;
* places, weather, steps and the device are NOT imported either: where a conversation
  happened does not belong in the journal;
* Day One escapes Markdown's characters in its text (``\\.``, ``\\-``, ``\\!``...); the
  backslashes are taken off, so the text reads as it was typed.

Entries are numbered from 1 in the order of the file (with several journals in one zip, in
the order of their file names, the numbers running on); one that is not an object or has no
usable ``creationDate`` is a :class:`incoming.RowProblem` naming its number. A file that is
not a Day One export is refused (``ValidationError`` on ``file``). A zip is read in memory,
never unpacked to disk: more than :data:`MAX_MEMBERS` members, or journal files of more
than :data:`MAX_JSON_BYTES` in all, are refused, and members whose name climbs out of the
zip (``..``) or starts at the root are ignored.

:func:`export_dayone` writes the other way: a zip holding ``Journal.json`` in Day One's
structure, which Day One's "Import > Day One (JSON)" takes. Each entry not in the trash
becomes one Day One entry: the title as a heading, then the narrative, then each stage's
answer under the stage's title; its tags by their labels; flagged as starred. The people
an entry names are left out (their pseudonyms mean nothing outside the workbook, and no
alias ever leaves it), and so are the context, outcome, stance, feelings ratings, action
points, feedback, PCF domains and tag passages: use the JSON export to keep everything.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import uuid
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ValidationError
from ..files import atomic_write_bytes
from ..validate import TITLE_MAX
from . import incoming
from .native import all_ids, iter_entries, read_json

if TYPE_CHECKING:
    from ..content.reflective_models import TemplateLibrary
    from ..content.vocab import Vocabulary
    from ..journal import Journal
    from ..models import Entry

FORMAT_NAME = "dayone"
#: A zip with more members than this is refused (a Day One export has one per photo, and a
#: journal file each: thousands of photos are rare in a practice journal).
MAX_MEMBERS = 2000
#: The journal files read from a zip (or a bare .json) may hold this many bytes in all.
MAX_JSON_BYTES = 200 * 1024 * 1024
#: How many bytes :func:`recognise_dayone` looks at in a bare .json.
HEAD_BYTES = 8192
#: The member of an export holding the entries (Day One names it after the journal).
EXPORT_MEMBER = "Journal.json"
#: Day One's media links: ``![](dayone-moment://ID)``, ``![](dayone-moment:/video/ID)``...
MEDIA_LINK = re.compile(r"!\[[^\]\n]*\]\(dayone-moment:[^)\s]*\)")
_INLINE_MEDIA = re.compile(r"[ \t]*" + MEDIA_LINK.pattern)
_MEDIA_LINE = re.compile(r"^[ \t]*(?:" + MEDIA_LINK.pattern + r"[ \t]*)+(?:\n|\Z)", re.MULTILINE)
#: A Markdown backslash escape (CommonMark: a backslash before any ASCII punctuation).
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
#: The characters escaped in an export's text, so Day One shows them as typed, not as Markdown.
_TO_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")
_DRIVE = re.compile(r"[A-Za-z]:")
_HEADING = re.compile(r"#{1,6}[ \t]+(.*?)[ \t]*")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
UTC = dt.timezone.utc


# -- reading ---------------------------------------------------------------------------------


def unescape_markdown(text: str) -> str:
    """Day One's text with its Markdown escapes taken off (``\\.`` becomes ``.``)."""
    return _ESCAPED.sub(r"\1", text)


def escape_markdown(text: str) -> str:
    """Text with Markdown's characters escaped, as Day One writes them (undone by :func:`unescape_markdown`)."""
    return _TO_ESCAPE.sub(r"\\\1", text)


def strip_media(text: str) -> str:
    """``text`` without Day One's media links; a line that held only links goes too."""
    return _INLINE_MEDIA.sub("", _MEDIA_LINE.sub("", text))


def _long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _stamp(value: Any) -> dt.datetime | None:
    """A Day One date (ISO text, "Z" for UTC) as an aware datetime; one with no zone is UTC."""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    try:
        stamp.astimezone(UTC)
    except OverflowError:
        return None
    return stamp


def _zone(name: Any) -> dt.tzinfo:
    """The entry's time zone, or UTC if Day One's name for it is missing or unknown here."""
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        return UTC
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC


def _title_and_narrative(text: str, day: dt.date) -> tuple[str, str]:
    body = strip_media(text.replace("\r\n", "\n").replace("\r", "\n")).strip("\n")
    first, _, rest = body.partition("\n")
    heading = _HEADING.fullmatch(first)
    if heading is not None:
        title = unescape_markdown(heading.group(1)).strip()
        if title:
            if len(title) > TITLE_MAX:
                title = title[: TITLE_MAX - 1].rstrip() + "…"
            return title, unescape_markdown(rest).strip("\n")
    narrative = unescape_markdown(body)
    return incoming.title_from(narrative, f"Day One, {_long_date(day)}"), narrative


def _labels(tags: Any) -> tuple[str, ...]:
    if not isinstance(tags, list):
        return ()
    found = (" ".join(t.split()) for t in tags if isinstance(t, str))
    return tuple(dict.fromkeys(t for t in found if t))


def read_entry(number: int, raw: Any) -> incoming.SourceEntry | incoming.RowProblem:
    """One of Day One's entries (``number`` its place in the file, from 1), or why it cannot be read."""
    if not isinstance(raw, Mapping):
        return incoming.RowProblem(number, "is not an entry (an object with a creationDate).")
    if "creationDate" not in raw:
        return incoming.RowProblem(number, "has no creationDate.")
    created = _stamp(raw.get("creationDate"))
    if created is None:
        return incoming.RowProblem(number, "has a creationDate that is not a date and time.")
    try:
        day = created.astimezone(_zone(raw.get("timeZone"))).date()
    except (OverflowError, ValueError):
        day = created.astimezone(UTC).date()
    fields: dict[str, Any] = {"created_at": created.astimezone(UTC).isoformat()}
    modified = _stamp(raw.get("modifiedDate"))
    if modified is not None and modified >= created:  # Day One's clock may say otherwise; then left out
        fields["updated_at"] = modified.astimezone(UTC).isoformat()
    fields["flagged"] = raw.get("starred") is True
    text = raw.get("text")
    title, narrative = _title_and_narrative(text if isinstance(text, str) else "", day)
    key = raw.get("uuid")
    return incoming.SourceEntry(
        number=number,
        key=key.strip().upper() if isinstance(key, str) and len(key) <= 200 else "",
        occurred_on=day,
        title=title,
        narrative=narrative,
        labels=_labels(raw.get("tags")),
        fields=fields,
    )


def _is_journal(data: Any) -> bool:
    return isinstance(data, Mapping) and "metadata" in data and isinstance(data.get("entries"), list)


def _safe_member(name: str) -> bool:
    """A top-level ``.json`` member: not in a folder, not a path climbing out (``..``) or
    starting at a root or a drive (``/``, ``C:``), not a hidden side file (``._Journal.json``).
    Members are only ever read in memory; this says which ones are journals."""
    return (
        name.lower().endswith(".json")
        and "/" not in name
        and "\\" not in name
        and _DRIVE.match(name) is None
        and not name.startswith(".")
    )


def _journals_in_zip(path: Path, label: str) -> list[Any]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        raise ValidationError("file", f"{label} is not a zip file that can be read.") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ValidationError(
                "file",
                f"{label} holds {len(members):,} files; a Day One export read here holds at most {MAX_MEMBERS:,}.",
            )
        names = [m.filename for m in members]
        if "backup.daylio" in names:
            raise ValidationError("file", f"{label} is a Daylio backup, not a Day One export.")
        wanted = sorted((m for m in members if not m.is_dir() and _safe_member(m.filename)), key=lambda m: m.filename)
        budget = MAX_JSON_BYTES
        journals = []
        for n, member in enumerate(wanted, start=1):
            too_big = ValidationError(
                "file",
                f"{label} holds more than {MAX_JSON_BYTES // (1024 * 1024)} MB of journal files, too much to read.",
            )
            if member.file_size > budget:
                raise too_big
            try:
                with archive.open(member) as handle:
                    raw = handle.read(budget + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, ValueError):
                raise ValidationError("file", f"{label}: its journal file {n} cannot be read from the zip.") from None
            if len(raw) > budget:
                raise too_big
            budget -= len(raw)
            data = read_json(io.BytesIO(raw), name=f"{label} (its journal file {n})")
            if _is_journal(data):
                journals.append(data)
    if not journals:
        raise ValidationError("file", f"{label} is not a Day One export: it holds no journal (.json) of Day One's.")
    return journals


def _journal_in_json(path: Path, label: str) -> list[Any]:
    try:
        size = path.stat().st_size
    except OSError:
        raise ValidationError("file", f"{label} cannot be read.") from None
    if size > MAX_JSON_BYTES:
        raise ValidationError("file", f"{label} is more than {MAX_JSON_BYTES // (1024 * 1024)} MB, too much to read.")
    data = read_json(path, name=label)
    if not _is_journal(data):
        raise ValidationError("file", f'{label} is not a Day One export (no "metadata" and "entries" list).')
    return [data]


def read_dayone(path: str | os.PathLike[str]) -> incoming.SourceRead:
    """Read a Day One JSON export (the .zip, or one journal's .json) for the shared import.

    Every journal in a zip is read (each top-level ``.json`` shaped as Day One's); see the
    module's description for what becomes what. Media and places are not imported."""
    path = Path(path).expanduser()
    label = path.name
    if not path.is_file():
        raise ValidationError("file", f"{label} is not a file that can be read.")
    if zipfile.is_zipfile(path):
        journals = _journals_in_zip(path, label)
    else:
        journals = _journal_in_json(path, label)
    entries: list[incoming.SourceEntry] = []
    problems: list[incoming.RowProblem] = []
    number = 0
    for journal in journals:
        for raw in journal["entries"]:
            number += 1
            read = read_entry(number, raw)
            (problems if isinstance(read, incoming.RowProblem) else entries).append(read)  # type: ignore[arg-type]
    return incoming.SourceRead(format=FORMAT_NAME, label=label, entries=entries, problems=problems, unit="entry")


def recognise_dayone(path: Path) -> bool:
    """True for a .zip holding a top-level .json (and no Daylio ``backup.daylio``), or a .json
    whose first 8 KB name "metadata", "entries" and "creationDate". Never raises."""
    try:
        path = Path(path)
        suffix = path.suffix.lower()
        if not path.is_file():
            return False
        if suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
            return "backup.daylio" not in names and any(_safe_member(n) for n in names)
        if suffix == ".json":
            with open(path, "rb") as handle:
                head = handle.read(HEAD_BYTES).decode("utf-8", "replace")
            return all(f'"{key}"' in head for key in ("metadata", "entries", "creationDate"))
    except Exception:  # an unreadable or broken file is simply not recognised
        return False
    return False


# -- writing ---------------------------------------------------------------------------------


def _z(stamp: dt.datetime) -> str:
    """A moment as Day One writes it: UTC, to the second, with "Z" (2021-03-01T09:30:00Z)."""
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _uuid(entry_id: str) -> str:
    try:
        return uuid.UUID(entry_id).hex.upper()
    except ValueError:
        return uuid.uuid5(incoming.IMPORT_NAMESPACE, entry_id).hex.upper()


def entry_text(entry: Entry, templates: TemplateLibrary) -> str:
    """The entry as Day One's Markdown: ``# title``, the narrative, then each stage's answer
    under ``## <stage title>`` (in the template's order). The entry's own text is escaped so
    Day One shows it as typed."""
    parts = [f"# {escape_markdown(entry.title)}"]
    if entry.narrative:
        parts.append(escape_markdown(entry.narrative))
    template = templates.get(entry.template) if entry.template else None
    order = [s.id for s in template.stages] if template is not None else []
    titles = {s.id: s.title for s in template.stages} if template is not None else {}
    for stage in sorted(entry.responses, key=lambda s: (order.index(s) if s in order else len(order), s)):
        answer = entry.responses[stage]
        if answer.strip():
            parts.append(f"## {escape_markdown(titles.get(stage, stage))}\n\n{escape_markdown(answer)}")
    return "\n\n".join(parts)


def export_entry(entry: Entry, vocabulary: Vocabulary, templates: TemplateLibrary) -> dict[str, Any]:
    """One entry as a Day One entry.

    ``creationDate`` is the entry's date at the time of day it was first saved (UTC), and
    ``timeZone`` is "UTC": the journal keeps dates, not the zone a conversation happened in,
    and in UTC Day One shows each entry on its own date. ``modifiedDate`` is when it was last
    saved (never before ``creationDate``)."""
    saved = (
        entry.created_at.astimezone(UTC) if entry.created_at else dt.datetime.combine(entry.occurred_on, dt.time(12))
    )
    created = dt.datetime.combine(entry.occurred_on, saved.time().replace(microsecond=0), tzinfo=UTC)
    updated = entry.updated_at.astimezone(UTC) if entry.updated_at else created
    tags = []
    for tag_id in entry.tag_ids:
        tag = vocabulary.find(tag_id)
        tags.append(tag.label if tag is not None else tag_id)
    return {
        "uuid": _uuid(entry.id),
        "creationDate": _z(created),
        "modifiedDate": _z(max(updated, created)),
        "timeZone": "UTC",
        "starred": entry.flagged,
        "tags": list(dict.fromkeys(tags)),
        "text": entry_text(entry, templates),
    }


def export_dayone(journal: Journal, path: str | os.PathLike[str]) -> int:
    """Write a Day One JSON export (a zip holding ``Journal.json``) of every entry not in the
    trash; returns the number of entries. Written atomically, mode 0600: it holds the
    journal's text. People, ratings, action points and feedback are left out (see above)."""
    templates = journal.templates()
    vocabulary = journal.vocabulary()
    with journal.read_snapshot():
        ids = all_ids(journal, include_trash=False)
        entries = [export_entry(e, vocabulary, templates) for e in iter_entries(journal, ids)]
    document = {"metadata": {"version": "1.0"}, "entries": entries}
    body = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        member = zipfile.ZipInfo(EXPORT_MEMBER, date_time=dt.datetime.now(UTC).timetuple()[:6])
        member.compress_type = zipfile.ZIP_DEFLATED
        member.external_attr = 0o600 << 16
        archive.writestr(member, body)
    atomic_write_bytes(path, buffer.getvalue())
    return len(entries)
