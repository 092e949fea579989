"""Daylio, read in: its CSV export (both header variants) and its ``.daylio`` backup.

Each reader turns a file into an :class:`~workbook.exchange.incoming.SourceRead`; the shared
core (:func:`incoming.suggest_mapping`, :func:`incoming.preview`, :func:`incoming.bring_in`)
does the rest: the person's choice of tag for each activity and of a feelings rating for each
mood, the dry run and the import.

The CSV (format "daylio") has the header ``full_date,date,weekday,time,mood,activities,note_title,note``
or, from older versions of the app, ``year,date,weekday,time,mood,activities,note`` (where
``date`` is a day and month such as "28 September"). It is read row by row with :mod:`csv`,
in UTF-8 with or without a byte order mark. An entry's number is the line of the file its row
starts on, the header being line 1 (a note with line breaks in it takes more than one line).
Activities are joined with ``" | "``; notes may hold HTML (``<br>``, ``<p>``, ``&amp;``), which
becomes plain text. A row with no date, a date that cannot be read or the wrong number of
columns is a :class:`~workbook.exchange.incoming.RowProblem`; its reason never quotes the note.

The backup (format "daylio-backup") is a zip holding ``backup.daylio``: base64 text of JSON
with ``customMoods``, ``tags`` (activities, by id) and ``dayEntries``. An entry's date is its
``year``, ``month`` (0-based: 0 is January) and ``day``, as the app showed it; its ``datetime``
(milliseconds since 1970, UTC) and ``timeZoneOffset`` (milliseconds) stand in where those are
missing and give ``created_at`` with its time zone. Only ``backup.daylio`` is read, in memory,
and only after the zip's directory shows it is of a sensible size. (Older versions of the app
may have written the base64 text as the ``.daylio`` file itself, not zipped; that is read too.)

Neither format has an id for an entry. The CSV's key is the entry's date, time (24-hour), mood
and a hash of its note title and note (:func:`incoming.text_digest`), so the same row is the
same entry when the file is read again; the backup's is the entry's ``datetime``. A second row
with the same key gets ``#2`` (and so on) after it. The CSV's date and time are on the phone's
clock with no time zone, so no ``created_at`` is given for a CSV row: the journal stamps it
when it is imported.

Moods and the feelings rating. The workbook's ``feelings_after`` is how heavy the
practitioner's feelings were just after (0 = at ease, 10 = as heavy as work gets:
``models.FEELINGS_SCALE``), so a higher number is a harder time, the other way round from
Daylio's faces. :data:`MOOD_RATINGS` is our own suggestion for Daylio's five predefined moods:
rad 1, good 3, meh 5, bad 7, awful 9, evenly spaced and kept off both ends. A mood the person
named themselves gets no suggestion from a CSV (only its name is known) and they choose; in a
backup it belongs to one of the five groups (the face it was made for), and gets that group's
suggestion. The person reviews all of these before anything is saved.
"""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from ..validate import STAMP_MAX, STAMP_MIN, TITLE_MAX
from .incoming import RowProblem, SourceEntry, SourceRead, text_digest, title_from

CSV_FORMAT = "daylio"
BACKUP_FORMAT = "daylio-backup"

CSV_HEADER = ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note")
CSV_HEADER_OLD = ("year", "date", "weekday", "time", "mood", "activities", "note")
ACTIVITY_SEPARATOR = " | "

#: Daylio's predefined moods, by mood group (and predefined name) id: 1 Rad ... 5 Awful.
PREDEFINED_MOODS = {1: "rad", 2: "good", 3: "meh", 4: "bad", 5: "awful"}
#: Our suggested ``feelings_after`` (0 at ease ... 10 as heavy as work gets) for each of them.
MOOD_RATINGS = {"rad": 1, "good": 3, "meh": 5, "bad": 7, "awful": 9}

#: The backup's member, and the limits checked before (and while) it is read.
BACKUP_MEMBER = "backup.daylio"
BACKUP_MAX_MEMBERS = 5000  # photos travel in the zip too; only backup.daylio is ever opened
BACKUP_MAX_BYTES = 64 * 1024 * 1024  # of backup.daylio's base64 text, once unpacked

_TIME_FORMATS = ("%I:%M %p", "%H:%M", "%I:%M%p", "%I %p", "%H:%M:%S")
_DAY_FORMATS = ("%d %B", "%B %d", "%d %b", "%b %d")
_SNIFF_BYTES = 4096


# --- notes as plain text -----------------------------------------------------------------


class _Text(HTMLParser):
    """The text of a note's HTML: ``<br>`` and the end of a paragraph as line breaks."""

    BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})
    HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def note_text(note: str) -> str:
    """A Daylio note as plain text: tags dropped, ``<br>`` and paragraphs as line breaks,
    entities (``&amp;``, ``&nbsp;``) read, at most one blank line in a row."""
    if not note:
        return ""
    parser = _Text()
    parser.feed(note.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _one_line(text: str) -> str:
    """``text`` on one line, control characters dropped, spaces collapsed."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join(kept.split())


def _title(note_title: str, narrative: str, day: dt.date, time: str) -> str:
    fallback = f"Daylio, {day.day} {day:%B %Y}" + (f", {time}" if time else "")
    title = _one_line(note_text(note_title))
    if not title:
        return title_from(narrative, fallback)
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1].rstrip() + "…"


def _labels(activities: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(label for label in (_one_line(a) for a in activities) if label))


class _Keys:
    """Keys made unique within one file: a repeat of a key gets ``#2``, ``#3``..."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, key: str) -> str:
        n = self.seen.get(key, 0) + 1
        self.seen[key] = n
        return key if n == 1 else f"{key}#{n}"


def _entry(
    number: int,
    key: str,
    day: dt.date,
    time: str,
    mood: str | None,
    activities: list[str],
    note_title: str,
    note: str,
    fields: Mapping[str, Any] | None = None,
) -> SourceEntry:
    narrative = note_text(note)
    return SourceEntry(
        number=number,
        key=key,
        occurred_on=day,
        title=_title(note_title, narrative, day, time),
        narrative=narrative,
        labels=_labels(activities),
        mood=mood,
        fields=dict(fields or {}),
    )


def _ratings(moods: Mapping[str, int | None]) -> dict[str, int]:
    return {label: rating for label, rating in moods.items() if rating is not None}


# --- CSV ---------------------------------------------------------------------------------


def _header(cells: list[str]) -> tuple[str, ...] | None:
    names = [c.strip().lower() for c in cells]
    while names and not names[-1]:
        names.pop()
    found = tuple(names)
    return found if found in (CSV_HEADER, CSV_HEADER_OLD) else None


def _csv_time(value: str) -> str | None:
    """``value`` ("10:00 pm", "22:00") as 24-hour ``HH:MM``; "" for an empty one, None if unreadable."""
    text = " ".join(value.split()).upper().replace(".", "")
    if not text:
        return ""
    for fmt in _TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).strftime("%H:%M")
        except ValueError:
            continue
    return None


def _csv_date(row: Mapping[str, str], old: bool) -> dt.date | str:
    """The row's date, or the reason it has none."""
    if not old:
        text = (row.get("full_date") or "").strip()
        if not text:
            return "has no date (full_date is empty)."
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return "full_date is not a date such as 2021-09-28."
    year = (row.get("year") or "").strip()
    if not year:
        return "has no date (year is empty)."
    if not (year.isascii() and year.isdigit()) or not 1 <= int(year) <= 9999:
        return "year is not a year such as 2021."
    day = " ".join((row.get("date") or "").split())
    if not day:
        return "has no date (date is empty)."
    for fmt in _DAY_FORMATS:
        try:
            return dt.datetime.strptime(f"{day} {int(year):04d}", f"{fmt} %Y").date()
        except ValueError:
            continue
    return "date is not a day and month such as 28 September."


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]] | tuple[int, csv.Error]]:
    """``(line the row starts on, cells)`` for each row, the header first; a CSV error is
    the last thing given (what follows it cannot be trusted)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)  # a quote left open is an error, not the rest of the file
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield start, exc
                return
            yield start, cells


def _csv_row(line: int, cells: list[str], names: tuple[str, ...], keys: _Keys) -> SourceEntry | RowProblem:
    """One row after the header as an entry, or the problem with it."""
    if len(cells) > len(names) and not any(c.strip() for c in cells[len(names) :]):
        cells = cells[: len(names)]  # empty cells after the last column
    if len(cells) != len(names):
        return RowProblem(line, f"has {len(cells)} columns; a row of this file has {len(names)}.")
    row = dict(zip(names, cells, strict=True))
    day = _csv_date(row, old=names == CSV_HEADER_OLD)
    if isinstance(day, str):
        return RowProblem(line, day)
    time = _csv_time(row["time"])
    if time is None:
        return RowProblem(line, "time is not a time of day such as 10:00 pm or 22:00.")
    mood = _one_line(row["mood"]) or None
    note_title, note = row.get("note_title", ""), row["note"]
    key = keys(f"{day.isoformat()} {time} {mood or ''}\n{text_digest(note_title, note)}")
    activities = row["activities"].split(ACTIVITY_SEPARATOR.strip())
    return _entry(line, key, day, time, mood, activities, note_title, note)


def read_daylio_csv(path: Path) -> SourceRead:
    """Daylio's CSV export (either header) as a :class:`SourceRead` of rows.

    Refuses (ValidationError on "file") a file that is not UTF-8 text or whose first line is
    not one of Daylio's two headers; a row that cannot be read is a RowProblem."""
    path = Path(path)
    label = path.name
    entries: list[SourceEntry] = []
    problems: list[RowProblem] = []
    keys = _Keys()
    names: tuple[str, ...] | None = None
    try:
        for line, cells in _csv_rows(path):
            if names is None:
                names = None if isinstance(cells, csv.Error) else _header(cells)
                if names is None:
                    break
            elif isinstance(cells, csv.Error):
                problems.append(RowProblem(line, f"cannot be read as CSV ({cells}); the rows after it were not read."))
            elif any(c.strip() for c in cells):  # blank lines are skipped
                read = _csv_row(line, cells, names, keys)
                if isinstance(read, RowProblem):
                    problems.append(read)
                else:
                    entries.append(read)
    except UnicodeDecodeError:
        raise ValidationError("file", f"{label} is not UTF-8 text, so it is not a Daylio CSV export.") from None
    except OSError as exc:
        raise ValidationError("file", f"{label} cannot be read ({exc.strerror or 'unreadable'}).") from None
    if names is None:
        raise ValidationError(
            "file",
            f"{label} is not a Daylio CSV export: its first line is not Daylio's header "
            f"({','.join(CSV_HEADER)}, or {','.join(CSV_HEADER_OLD)} from older versions).",
        )
    moods = {e.mood: MOOD_RATINGS.get(e.mood.casefold()) for e in entries if e.mood}
    return SourceRead(CSV_FORMAT, label, entries, problems, unit="row", mood_ratings=_ratings(moods))


def recognise_daylio_csv(path: Path) -> bool:
    """True for a ``.csv`` file whose first line is one of Daylio's two headers. Never raises."""
    try:
        path = Path(path)
        if path.suffix.lower() != ".csv" or not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
        first = head.decode("utf-8-sig", errors="replace").splitlines()[0] if head else ""
        cells = next(csv.reader([first]), [])
        return _header(cells) is not None
    except Exception:  # noqa: BLE001 -- recognising never fails: it is only "not this format"
        return False


# --- backup ------------------------------------------------------------------------------


def _not_backup(label: str, why: str) -> ValidationError:
    return ValidationError("file", f"{label} is not a Daylio backup: {why}")


def _backup_text(path: Path) -> bytes:
    """The base64 text of ``backup.daylio``, read in memory with its size checked first."""
    label = path.name
    try:
        if not zipfile.is_zipfile(path):
            return _bare_backup(path)
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            if len(members) > BACKUP_MAX_MEMBERS:
                raise _not_backup(label, f"it holds more than {BACKUP_MAX_MEMBERS:,} files.")
            found = [m for m in members if m.filename == BACKUP_MEMBER]
            if not found:
                raise _not_backup(label, f"it holds no {BACKUP_MEMBER}.")
            info = found[0]
            if info.file_size > BACKUP_MAX_BYTES:
                raise _not_backup(label, f"its {BACKUP_MEMBER} would unpack to more than {_mb(BACKUP_MAX_BYTES)}.")
            with zf.open(info) as member:  # bounded even if the directory gives a false size
                raw = member.read(BACKUP_MAX_BYTES + 1)
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, RuntimeError, ValueError):
        raise _not_backup(label, "it is not a zip file that can be read.") from None
    except OSError as exc:
        raise ValidationError("file", f"{label} cannot be read ({exc.strerror or 'unreadable'}).") from None
    if len(raw) > BACKUP_MAX_BYTES:
        raise _not_backup(label, f"its {BACKUP_MEMBER} would unpack to more than {_mb(BACKUP_MAX_BYTES)}.")
    return raw


def _bare_backup(path: Path) -> bytes:
    """A ``.daylio`` file that is the base64 text itself (not zipped)."""
    if path.suffix.lower() != ".daylio":
        raise _not_backup(path.name, f"it is not a zip file holding {BACKUP_MEMBER}.")
    with path.open("rb") as handle:
        raw = handle.read(BACKUP_MAX_BYTES + 1)
    if len(raw) > BACKUP_MAX_BYTES:
        raise _not_backup(path.name, f"it is larger than {_mb(BACKUP_MAX_BYTES)}.")
    return raw


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def _backup_json(path: Path) -> Mapping[str, Any]:
    label = path.name
    raw = _backup_text(path)
    try:
        data = json.loads(base64.b64decode(b"".join(raw.split()), validate=True).decode("utf-8-sig"))
    except (binascii.Error, ValueError, RecursionError):
        raise _not_backup(label, f"its {BACKUP_MEMBER} is not base64 text of JSON.") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("dayEntries"), list):
        raise _not_backup(label, "it has no list of dayEntries.")
    return data


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _backup_moods(data: Mapping[str, Any]) -> dict[int, tuple[str, int | None]]:
    """Mood id -> (label, mood group 1-5 or None): the five predefined moods unless
    ``customMoods`` names them otherwise, and the moods the person made."""
    moods: dict[int, tuple[str, int | None]] = {i: (name, i) for i, name in PREDEFINED_MOODS.items()}
    custom = data.get("customMoods")
    for mood in custom if isinstance(custom, list) else []:
        if not isinstance(mood, Mapping) or _int(mood.get("id")) is None:
            continue
        group = _int(mood.get("mood_group_id"))
        group = group if group in PREDEFINED_MOODS else None
        name = mood.get("custom_name")
        label = _one_line(name) if isinstance(name, str) else ""
        if not label:
            predefined = _int(mood.get("predefined_name_id"))
            label = PREDEFINED_MOODS.get(predefined or 0) or PREDEFINED_MOODS.get(group or 0) or f"mood {mood['id']}"
        moods[mood["id"]] = (label, group)
    return moods


def _backup_tags(data: Mapping[str, Any]) -> dict[int, str]:
    tags = data.get("tags")
    return {
        t["id"]: t["name"]
        for t in (tags if isinstance(tags, list) else [])
        if isinstance(t, Mapping) and _int(t.get("id")) is not None and isinstance(t.get("name"), str)
    }


def _zone(offset: int | None) -> dt.timezone:
    try:
        return dt.timezone(dt.timedelta(milliseconds=offset or 0))
    except (ValueError, OverflowError):
        return dt.timezone.utc


def _backup_when(raw: Mapping[str, Any]) -> tuple[dt.date, str, str | None] | str:
    """(date, 24-hour time or "", created_at or None) of a day entry, or the reason it has no date."""
    stamp = _int(raw.get("datetime"))
    moment: dt.datetime | None = None
    if stamp is not None:
        try:
            moment = dt.datetime.fromtimestamp(stamp / 1000, tz=_zone(_int(raw.get("timeZoneOffset"))))
        except (OverflowError, OSError, ValueError):
            moment = None
    year, month, day = (_int(raw.get(k)) for k in ("year", "month", "day"))
    if year is not None and month is not None and day is not None:
        try:
            date = dt.date(year, month + 1, day)  # Daylio's month is 0-based
        except ValueError:
            return "year, month and day are not a date (the month counts from 0 for January)."
    elif moment is not None:
        date = moment.date()
    else:
        return "has no date (no year, month and day, and no datetime)."
    hour, minute = _int(raw.get("hour")), _int(raw.get("minute"))
    if hour is not None and minute is not None and 0 <= hour < 24 and 0 <= minute < 60:
        time = f"{hour:02d}:{minute:02d}"
    else:
        time = moment.strftime("%H:%M") if moment is not None else ""
    created = moment.isoformat(timespec="seconds") if moment is not None and STAMP_MIN <= moment <= STAMP_MAX else None
    return date, time, created


def read_daylio_backup(path: Path) -> SourceRead:
    """A ``.daylio`` backup as a :class:`SourceRead` of entries (numbered in the order of
    ``dayEntries``, 1 for the first). Refuses (ValidationError on "file") a file that is not
    a Daylio backup, or whose ``backup.daylio`` is larger than :data:`BACKUP_MAX_BYTES`."""
    path = Path(path)
    data = _backup_json(path)
    moods_by_id = _backup_moods(data)
    tag_names = _backup_tags(data)
    entries: list[SourceEntry] = []
    problems: list[RowProblem] = []
    suggested: dict[str, int | None] = {}
    keys = _Keys()
    for number, raw in enumerate(data["dayEntries"], start=1):
        if not isinstance(raw, Mapping):
            problems.append(RowProblem(number, "is not an entry (a JSON object)."))
            continue
        when = _backup_when(raw)
        if isinstance(when, str):
            problems.append(RowProblem(number, when))
            continue
        day, time, created = when
        mood: str | None = None
        mood_id = _int(raw.get("mood"))
        if mood_id is not None and mood_id in moods_by_id:
            mood, group = moods_by_id[mood_id]
            rating = MOOD_RATINGS[PREDEFINED_MOODS[group]] if group is not None else None
            if mood in suggested and suggested[mood] != rating:
                rating = None  # one name given to moods of two groups: the person chooses
            suggested[mood] = rating
        ids = raw.get("tags")
        activities = (
            [tag_names[t] for t in ids if _int(t) is not None and t in tag_names] if isinstance(ids, list) else []
        )
        note = raw.get("note") if isinstance(raw.get("note"), str) else ""
        note_title = raw.get("note_title") if isinstance(raw.get("note_title"), str) else ""
        stamp = _int(raw.get("datetime"))
        key = str(stamp) if stamp is not None else f"{day.isoformat()} {time} {mood or ''}"
        key = keys(f"{key}\n{text_digest(note_title, note)}" if stamp is None else key)
        fields = {"created_at": created} if created else {}
        entries.append(_entry(number, key, day, time, mood, activities, note_title, note, fields))
    return SourceRead(BACKUP_FORMAT, path.name, entries, problems, unit="entry", mood_ratings=_ratings(suggested))


def recognise_daylio_backup(path: Path) -> bool:
    """True for a ``.daylio`` file, or a zip holding ``backup.daylio``. Never raises."""
    try:
        path = Path(path)
        if not path.is_file():
            return False
        if path.suffix.lower() == ".daylio":
            return True
        with path.open("rb") as handle:
            if handle.read(4) != b"PK\x03\x04":
                return False
        with zipfile.ZipFile(path) as zf:
            return BACKUP_MEMBER in zf.namelist()
    except Exception:  # noqa: BLE001 -- recognising never fails: it is only "not this format"
        return False
