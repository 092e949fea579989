"""Moving a journal's contents in and out: lossless JSON, spreadsheet CSV, and import.

* :func:`export_json` writes everything (every entry, trash included, earlier revisions,
  the people register *with its aliases* and the journal's own tags). It is a complete
  copy for moving to another computer or keeping outside the journal file, so it is as
  private as the journal itself: written atomically, mode 0600.
* :func:`export_csv` writes one row per entry (trash left out) for a spreadsheet. Cells
  that a spreadsheet would run as a formula are defused (see :func:`csv_safe`).
* :func:`import_entries` adds entries from a mapping, a list of mappings or an export
  document. Everything is validated before anything is written, and the whole import is
  one transaction: all of it lands, or none of it.

Only the standard library is used (no pandas).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..content.vocab import TAG_ID_RE, Vocabulary, slugify, tag_key
from ..errors import ValidationError
from ..files import atomic_text_file
from ..journal.store import entry_from_dict, utc_now
from ..models import PERSON_ROLES, Entry, Tag
from ..validate import SYSTEM_FIELDS, check_choice, check_text, validate_entry

if TYPE_CHECKING:
    from ..journal.store import Journal

FORMAT = "reflective-workbook-journal"
FORMAT_VERSION = 1
BATCH = 500

CSV_COLUMNS = (
    "id",
    "occurred_on",
    "title",
    "context",
    "people",
    "outcome",
    "stance",
    "template",
    "feelings_before",
    "feelings_after",
    "flagged",
    "tags",
    "actions",
    "open_actions",
    "narrative",
    "responses",
    "created_at",
    "updated_at",
)
# OWASP "CSV injection": a cell starting with one of these may be run as a formula by
# Excel, LibreOffice or Google Sheets (tab and carriage return included).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _all_ids(journal: Journal, *, include_trash: bool) -> list[str]:
    ids = journal.entry_ids()
    if include_trash:
        ids += journal.entry_ids(in_trash=True)
    return ids


def _iter_entries(journal: Journal, ids: Sequence[str]) -> Iterator[Entry]:
    """Entries in batches, so a large journal is never all in memory at once."""
    for start in range(0, len(ids), BATCH):
        yield from journal.load(ids[start : start + BATCH])


# -- JSON ---------------------------------------------------------------------------------
def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_document(journal: Journal, write: Callable[[str], Any]) -> int:
    """Write the export document piece by piece (one entry per line); returns the entry count."""
    head = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": utc_now().isoformat(),
        "people": [
            {"pseudonym": p.pseudonym, "role": p.role, "aliases": list(p.aliases)} for p in journal.people.list()
        ],
        "custom_tags": [
            {"id": t.id, "label": t.label, "group": t.group, "definition": t.definition, "reference": t.reference}
            for t in journal.vocabulary().tags
            if t.custom
        ],
    }
    write("{\n")
    for key, value in head.items():
        write(f"{_dumps(key)}: {_dumps(value)},\n")
    write('"entries": [')
    ids = _all_ids(journal, include_trash=True)
    for n, entry in enumerate(_iter_entries(journal, ids)):
        write(("," if n else "") + "\n" + _dumps(entry.to_dict()))
    write('\n],\n"revisions": {')
    rows = journal.connection.execute("SELECT entry_id, snapshot FROM revisions ORDER BY entry_id, revision")
    current, first = None, True
    for entry_id, snapshot in rows:
        if entry_id != current:
            if current is not None:
                write("]")
            write(("" if first else ",") + f"\n{_dumps(entry_id)}: [")
            current, first_in_list, first = entry_id, True, False
        write(("" if first_in_list else ", ") + _dumps(json.loads(snapshot)))
        first_in_list = False
    if current is not None:
        write("]")
    write("\n}\n}\n")
    return len(ids)


def export_json(journal: Journal, path_or_fileobj: str | os.PathLike[str] | IO[Any]) -> int:
    """Write the whole journal as one JSON document; returns the number of entries.

    Lossless: every entry (trash included) as ``Entry.to_dict()``, the earlier revisions
    of each entry, the people register (pseudonym, role **and aliases**, i.e. the real
    names you recorded) and your own tags. ``import_entries`` reads it back. Keep the
    file as private as the journal: a path is written atomically with mode 0600. An open
    file (text or binary) is written as it is.
    """
    if hasattr(path_or_fileobj, "write"):
        handle: Any = path_or_fileobj
        binary = isinstance(handle, (io.RawIOBase, io.BufferedIOBase)) or "b" in str(getattr(handle, "mode", ""))
        write = (lambda s: handle.write(s.encode("utf-8"))) if binary else handle.write
        with journal.read_snapshot():
            return _write_document(journal, write)
    with atomic_text_file(path_or_fileobj) as out, journal.read_snapshot():  # type: ignore[arg-type]
        return _write_document(journal, out.write)


def read_json(source: str | os.PathLike[str] | IO[Any], name: str | None = None) -> Any:
    """Parse JSON from a path or an open file; bad JSON is a ValidationError with the line."""
    label = name or str(getattr(source, "name", source))
    try:
        if hasattr(source, "read"):
            raw = source.read()  # type: ignore[union-attr]
        else:
            raw = Path(source).expanduser().read_bytes()  # type: ignore[arg-type]
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        return json.loads(text)
    except UnicodeDecodeError as exc:
        raise ValidationError("file", f"{label} is not UTF-8 text (byte {exc.start}).") from None
    except json.JSONDecodeError as exc:
        raise ValidationError(
            "file", f"{label} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None


# -- CSV ----------------------------------------------------------------------------------
def csv_safe(value: Any) -> Any:
    """Defuse spreadsheet formulas: text starting with = + - @ (or tab, CR) gets a leading '.

    Spreadsheets run such a cell as a formula when the CSV is opened ("CSV injection"),
    so a narrative beginning ``=HYPERLINK(...)`` could send data away. The apostrophe
    makes it plain text; it shows in the cell. Numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(entry: Entry) -> list[Any]:
    """One entry as a CSV row in ``CSV_COLUMNS`` order (before ``csv_safe``)."""

    def tag_text(t: Any) -> str:
        return t.tag if t.intensity is None else f"{t.tag}:{t.intensity}"

    def blank(v: Any) -> Any:
        return "" if v is None else v

    return [
        entry.id,
        entry.occurred_on.isoformat(),
        entry.title,
        blank(entry.context),
        "; ".join(entry.people),
        blank(entry.outcome),
        blank(entry.stance),
        blank(entry.template),
        blank(entry.feelings_before),
        blank(entry.feelings_after),
        "yes" if entry.flagged else "no",
        "; ".join(tag_text(t) for t in entry.tags),
        len(entry.actions),
        sum(a.status == "open" for a in entry.actions),
        entry.narrative,
        _dumps(entry.responses) if entry.responses else "",
        entry.created_at.isoformat() if entry.created_at else "",
        entry.updated_at.isoformat() if entry.updated_at else "",
    ]


def export_csv(journal: Journal, path: str | os.PathLike[str]) -> int:
    """Write one row per entry (trash left out) for a spreadsheet; returns the row count.

    Columns: ``CSV_COLUMNS``. People and tags are joined with ``"; "`` (a tag with an
    intensity reads ``anxious:2``); ``actions`` and ``open_actions`` are counts;
    ``responses`` is the stage responses as JSON. UTF-8 with a byte-order mark, so Excel
    shows accents and emoji. Any text cell starting with ``= + - @`` (or tab, CR) gets a
    leading apostrophe so no spreadsheet runs it as a formula (:func:`csv_safe`).
    Written atomically, mode 0600; it holds your text, so keep it private.
    """
    with atomic_text_file(path, encoding="utf-8-sig", newline="") as out, journal.read_snapshot():
        ids = _all_ids(journal, include_trash=False)
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for entry in _iter_entries(journal, ids):
            writer.writerow([csv_safe(v) for v in csv_row(entry)])
    return len(ids)


# -- import -------------------------------------------------------------------------------
class _Prefix(contextlib.AbstractContextManager):
    """Re-raise a ValidationError with ``prefix`` in front of its field (``entries[3].title``)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self.prefix and isinstance(exc, ValidationError):
            raise ValidationError(f"{self.prefix}.{exc.field}", exc.reason) from None


def _check_stamp(field: str, value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(field, f"must be a date and time as text, not {type(value).__name__}.")
    try:
        stamp = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date and time; use e.g. 2026-03-14T09:30:00+00:00.") from None
    if stamp.tzinfo is None:
        raise ValidationError(field, f"{value!r} has no time zone; add one, e.g. +00:00.")
    return stamp


def _check_revision(field: str, value: Any) -> int:
    if value is None:
        return 1
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1_000_000:
        raise ValidationError(field, "must be a whole number of 1 or more.")
    return value


class _Plan:
    """Everything an import will write, checked before the first row goes in."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.people: list[tuple[str, str, list[str]]] = []  # (pseudonym, role, aliases)
        self.tags: list[Tag] = []
        self.entries: list[tuple[str, dict[str, Any], dict[str, Any]]] = []  # (id, clean, system)
        self.revisions: list[tuple[str, int, str, str]] = []  # (entry id, revision, saved_at, snapshot)
        self._new_names: dict[str, str | None] = {}  # key -> pseudonym (None if ambiguous)

    # people and tags ------------------------------------------------------------------
    def find_person(self, name: str) -> str | None:
        found = self.journal.people.find_pseudonym(name)
        if found is not None or not isinstance(name, str):
            return found
        return self._new_names.get(tag_key(name))

    def add_people(self, value: Any) -> None:  # noqa: C901 -- pending split (layout issue)
        if value is None:
            return
        if not isinstance(value, list):
            raise ValidationError("people", "must be a list of {pseudonym, role, aliases}.")
        register = self.journal.people
        new_keys: dict[str, str] = {}
        alias_keys: dict[str, list[str]] = {}
        for i, raw in enumerate(value):
            field = f"people[{i}]"
            if not isinstance(raw, Mapping):
                raise ValidationError(field, "must be a mapping with 'pseudonym', 'role' and 'aliases'.")
            for key in raw:
                if key not in ("pseudonym", "role", "aliases"):
                    raise ValidationError(
                        f"{field}.{key}", "is not a known key; allowed keys are pseudonym, role, aliases."
                    )
            pseudonym = check_text(
                f"{field}.pseudonym", raw.get("pseudonym"), max_len=60, multiline=False, required=True
            ).strip()
            key = tag_key(pseudonym)
            if self.journal.connection.execute("SELECT 1 FROM people WHERE pseudonym_key = ?", (key,)).fetchone():
                continue  # already in the register: kept as it is
            if key in new_keys:
                raise ValidationError(f"{field}.pseudonym", f"{pseudonym!r} is listed twice.")
            role = check_choice(f"{field}.role", raw.get("role"), PERSON_ROLES, optional=False)
            with _Prefix(field):
                register.check_pseudonym(pseudonym, None)
                aliases = register.check_aliases(raw.get("aliases") or [], None)
            new_keys[key] = pseudonym
            for alias in aliases:
                alias_keys.setdefault(tag_key(alias), []).append(pseudonym)
            self.people.append((pseudonym, role, aliases))  # type: ignore[arg-type]
        for akey, owners in alias_keys.items():
            if akey in new_keys and any(owner != new_keys[akey] for owner in owners):
                raise ValidationError("people", f"{new_keys[akey]!r} is one person's pseudonym and another's alias.")
        self._new_names = {k: (v[0] if len(set(v)) == 1 else None) for k, v in alias_keys.items()}
        self._new_names.update(new_keys)

    def add_tags(self, value: Any) -> None:  # noqa: C901 -- pending split (layout issue)
        if value is None:
            return
        if not isinstance(value, list):
            raise ValidationError("custom_tags", "must be a list of {id, label, group, definition, reference}.")
        vocabulary = self.journal.vocabulary()
        groups = tuple(g.id for g in vocabulary.groups)
        for i, raw in enumerate(value):
            field = f"custom_tags[{i}]"
            if not isinstance(raw, Mapping):
                raise ValidationError(
                    field, "must be a mapping with 'id', 'label', 'group', 'definition' and 'reference'."
                )
            for key in raw:
                if key not in ("id", "label", "group", "definition", "reference"):
                    raise ValidationError(
                        f"{field}.{key}",
                        "is not a known key; allowed keys are id, label, group, definition, reference.",
                    )
            label = check_text(f"{field}.label", raw.get("label"), max_len=60, multiline=False, required=True).strip()
            tag_id = raw.get("id", slugify(label))
            if not isinstance(tag_id, str) or not TAG_ID_RE.match(tag_id) or len(tag_id) > 60:
                raise ValidationError(
                    f"{field}.id", "must be lowercase ASCII letters and digits joined by hyphens (at most 60)."
                )
            existing = vocabulary.find(tag_id)
            if existing is not None and existing.id == tag_id:
                continue  # the journal knows this tag already
            clash = vocabulary.find(label) or next((t for t in self.tags if tag_key(t.label) == tag_key(label)), None)
            if clash is not None:
                raise ValidationError(f"{field}.label", f"a tag {clash.id!r} ({clash.label}) already has this name.")
            if any(t.id == tag_id for t in self.tags):
                raise ValidationError(f"{field}.id", f"{tag_id!r} is listed twice.")
            self.tags.append(
                Tag(
                    id=tag_id,
                    label=label,
                    group=check_choice(f"{field}.group", raw.get("group"), groups, optional=False),  # type: ignore[arg-type]
                    definition=check_text(
                        f"{field}.definition", raw.get("definition"), max_len=2000, required=True
                    ).strip(),
                    reference=check_text(
                        f"{field}.reference", raw.get("reference", "My own tag"), max_len=500, required=True
                    ).strip(),
                    custom=True,
                )
            )

    # entries ----------------------------------------------------------------------------
    def add_entries(self, items: Sequence[Any], *, prefix: Callable[[int], str]) -> None:
        vocabulary: Vocabulary = self.journal.vocabulary()
        if self.tags:
            vocabulary = vocabulary.with_custom(self.tags)
        templates = self.journal.templates()
        conn = self.journal.connection
        seen: dict[str, int] = {}
        for i, raw in enumerate(items):
            where = prefix(i)
            if not isinstance(raw, Mapping):
                raise ValidationError(where or "entry", f"must be a mapping of entry fields, not {type(raw).__name__}.")
            fields = {k: v for k, v in raw.items() if k not in SYSTEM_FIELDS}
            with _Prefix(where):
                clean = validate_entry(fields, vocabulary=vocabulary, templates=templates, find_person=self.find_person)
                system = {
                    "created_at": _check_stamp("created_at", raw.get("created_at")),
                    "updated_at": _check_stamp("updated_at", raw.get("updated_at")),
                    "revision": _check_revision("revision", raw.get("revision")),
                    "deleted_at": _check_stamp("deleted_at", raw.get("deleted_at")),
                }
                if system["created_at"] and system["updated_at"] and system["updated_at"] < system["created_at"]:
                    raise ValidationError("updated_at", "is before created_at.")
                entry_id = clean.pop("id", None) or str(uuid.uuid4())
                if entry_id in seen:
                    raise ValidationError(
                        "id", f"{entry_id!r} is also the id of entry {seen[entry_id]} in this import."
                    )
                if conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone():
                    raise ValidationError("id", f"an entry with id {entry_id!r} already exists in this journal.")
            seen[entry_id] = i
            self.entries.append((entry_id, clean, system))

    def add_revisions(self, value: Any) -> None:  # noqa: C901 -- pending split (layout issue)
        if value is None:
            return
        if not isinstance(value, Mapping):
            raise ValidationError("revisions", "must be a mapping of entry id to a list of earlier versions.")
        current = {eid: system["revision"] for eid, _, system in self.entries}
        for entry_id, versions in value.items():
            field = f"revisions.{entry_id}"
            if entry_id not in current:
                raise ValidationError(field, "names no entry of this import.")
            if not isinstance(versions, list):
                raise ValidationError(field, "must be a list of earlier versions (Entry.to_dict()).")
            numbers: set[int] = set()
            for j, snapshot in enumerate(versions):
                where = f"{field}[{j}]"
                try:
                    old = entry_from_dict(snapshot)
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    raise ValidationError(
                        where, f"is not an earlier version of an entry ({type(exc).__name__}: {exc})."
                    ) from None
                if old.id != entry_id:
                    raise ValidationError(f"{where}.id", f"is {old.id!r}, not {entry_id!r}.")
                if not 1 <= old.revision < current[entry_id] or old.revision in numbers:
                    raise ValidationError(
                        f"{where}.revision",
                        f"{old.revision} must be unique and lower than the entry's revision ({current[entry_id]}).",
                    )
                if old.updated_at is None:
                    raise ValidationError(f"{where}.updated_at", "is required for an earlier version.")
                numbers.add(old.revision)
                self.revisions.append((entry_id, old.revision, old.updated_at.isoformat(), _dumps(old.to_dict())))

    # writing ------------------------------------------------------------------------------
    def write(self, conn: Any) -> None:
        journal = self.journal
        now = utc_now()
        stamp = now.isoformat()
        for pseudonym, role, aliases in self.people:
            pid = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO people (id, pseudonym, pseudonym_key, role, created_at) VALUES (?, ?, ?, ?, ?)",
                (pid, pseudonym, tag_key(pseudonym), role, stamp),
            )
            conn.executemany(
                "INSERT INTO person_aliases (person_id, alias, alias_key) VALUES (?, ?, ?)",
                [(pid, a, tag_key(a)) for a in aliases],
            )
        conn.executemany(
            "INSERT INTO custom_tags (id, label, grp, definition, reference, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(t.id, t.label, t.group, t.definition, t.reference, stamp) for t in self.tags],
        )
        for entry_id, clean, system in self.entries:
            created = system["created_at"] or now
            journal._insert(
                conn,
                entry_id,
                clean,
                created=created,
                updated=system["updated_at"] or max(created, now),
                revision=system["revision"],
                deleted_at=system["deleted_at"],
            )
        conn.executemany(
            "INSERT INTO revisions (entry_id, revision, saved_at, snapshot) VALUES (?, ?, ?, ?)", self.revisions
        )


def import_entries(journal: Journal, data: Any) -> list[Entry]:
    """Add entries to ``journal`` in one transaction; returns them as stored.

    ``data`` is one mapping of entry fields (as ``journal.add`` takes them), a list of
    such mappings, or an export document from :func:`export_json`. From an export
    document, people and your own tags are added first when the journal lacks them,
    entries keep their ids, timestamps, revision number and trash state, and their
    earlier revisions are restored. Any entry may carry ``created_at``, ``updated_at``,
    ``revision`` and ``deleted_at`` as ``Entry.to_dict()`` gives them; they are kept
    (timestamps need a time zone), otherwise they are set to now.

    Everything is checked before anything is written; any problem raises
    ValidationError naming the place (``entries[3].title``, ``people[0].role``) and
    nothing is saved. An entry whose id is already in the journal is such a problem.
    """
    journal.templates()  # load these before taking the write lock
    journal.vocabulary()
    with journal.transaction() as conn:  # holds the write lock: checks and writes see one state
        plan = _Plan(journal)
        if isinstance(data, Mapping) and "format" in data:
            _check_document(data)
            plan.add_people(data.get("people"))
            plan.add_tags(data.get("custom_tags"))
            entries = data.get("entries") or []
            if not isinstance(entries, list):
                raise ValidationError("entries", "must be a list of entries.")
            plan.add_entries(entries, prefix=lambda i: f"entries[{i}]")
            plan.add_revisions(data.get("revisions"))
        elif isinstance(data, Mapping):
            plan.add_entries([data], prefix=lambda i: "")
        elif isinstance(data, (list, tuple)):
            plan.add_entries(data, prefix=lambda i: f"entries[{i}]")
        else:
            raise ValidationError(
                "data",
                f"must be an entry (a mapping), a list of entries or an export document, not {type(data).__name__}.",
            )
        plan.write(conn)
    if plan.tags:
        journal.invalidate_vocabulary()  # the journal's own tags changed
    return journal.load([entry_id for entry_id, _, _ in plan.entries])


def _check_document(data: Mapping[str, Any]) -> None:
    if data.get("format") != FORMAT:
        raise ValidationError(
            "format", f"{data.get('format')!r} is not a Reflective Workbook export (expected {FORMAT!r})."
        )
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValidationError("format_version", "must be a whole number of 1 or more.")
    if version > FORMAT_VERSION:
        raise ValidationError(
            "format_version",
            f"is {version}: this export was written by a newer version of Reflective Workbook; update it to import the file.",
        )
    for key in data:
        if key not in ("format", "format_version", "exported_at", "people", "custom_tags", "entries", "revisions"):
            raise ValidationError(key, "is not a part of an export document.")


# -- the registry of interchange formats ----------------------------------------------------
@dataclass(frozen=True)
class ExchangeFormat:
    """One interchange format, registered by name so the CLI dispatches without ``if fmt == ...``.

    ``export(journal, path) -> count`` writes a file (atomically, 0600); ``read(path) -> data``
    turns a file into what :func:`import_entries` takes. Either may be None where a format only
    goes one way. ``lossless`` formats carry everything, aliases included (so the CLI warns).
    """

    name: str
    summary: str
    suffixes: tuple[str, ...]
    export: Callable[[Journal, Path], int] | None = None
    read: Callable[[Path], Any] | None = None
    lossless: bool = False


FORMATS: dict[str, ExchangeFormat] = {}


def register_format(fmt: ExchangeFormat) -> ExchangeFormat:
    """Add ``fmt`` to :data:`FORMATS` (a format module calls this once)."""
    FORMATS[fmt.name] = fmt
    return fmt


def format_for(path: Path, name: str | None = None, *, direction: str = "export") -> ExchangeFormat:
    """The format named ``name``, else the one whose suffix ``path`` has, else lossless JSON.

    Refuses (ValidationError on ``format``) a name that is not registered or a format that
    cannot go in ``direction`` ("export" or "import").
    """
    if name is None:
        by_suffix = [f for f in FORMATS.values() if path.suffix.lower() in f.suffixes]
        fmt = by_suffix[0] if by_suffix else FORMATS["json"]
    elif name in FORMATS:
        fmt = FORMATS[name]
    else:
        raise ValidationError("format", f"must be one of {', '.join(sorted(FORMATS))}, not {name!r}.")
    if (fmt.export if direction == "export" else fmt.read) is None:
        able = sorted(f.name for f in FORMATS.values() if (f.export if direction == "export" else f.read))
        raise ValidationError("format", f"{fmt.name} cannot be used to {direction}; use one of {', '.join(able)}.")
    return fmt


register_format(
    ExchangeFormat(
        "json",
        "everything, to keep or move: every entry (the trash too), earlier versions, the people "
        "register with its aliases, and your own tags",
        (".json",),
        export=export_json,
        read=read_json,
        lossless=True,
    )
)
register_format(
    ExchangeFormat("csv", "one row per entry (not the trash), for a spreadsheet", (".csv",), export=export_csv)
)
