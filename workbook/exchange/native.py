"""The lossless JSON document: everything in a journal, to keep or to move to another computer.

An export holds every entry (the trash too) as ``Entry.to_dict()``, the earlier versions of
each, the people register (pseudonyms and roles, with how many aliases each has: the
aliases themselves are kept only as digests under a key that stays on this computer, so
they do not travel), the journal's own tags and the CPD and revalidation records. It holds the journal's text, so it is as
private as the journal itself: a path is written atomically, mode 0600.
It is written piece by piece (one entry per line, entries read in batches) inside one read
snapshot, so a large journal is never all in memory and a write elsewhere never tears it.
:func:`read_json` parses a file back; :func:`check_document` checks its head before an
import (``plan.import_entries``) reads the rest.

:data:`FORMAT_VERSION` counts up when a part is added that an older version could not read
(it refuses a newer version's file, asking to update): 2 added ``"cpd_records"``. A file of
an earlier version is still read (it has no CPD records).
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import ValidationError
from ..files import atomic_text_file
from ..journal.connection import utc_now
from ..journal.cpd_store import record_to_dict
from ..models import Entry

if TYPE_CHECKING:
    from ..journal import Journal

FORMAT = "reflective-workbook-journal"
#: 1: entries, earlier versions, people, your own tags; 2: and the CPD records.
FORMAT_VERSION = 2
DOCUMENT_KEYS = (
    "format",
    "format_version",
    "exported_at",
    "people",
    "custom_tags",
    "entries",
    "revisions",
    "cpd_records",
)
BATCH = 500


def all_ids(journal: Journal, *, include_trash: bool) -> list[str]:
    ids = journal.entry_ids()
    if include_trash:
        ids += journal.entry_ids(in_trash=True)
    return ids


def iter_entries(journal: Journal, ids: Sequence[str]) -> Iterator[Entry]:
    """Entries in batches, so a large journal is never all in memory at once."""
    for start in range(0, len(ids), BATCH):
        yield from journal.load(ids[start : start + BATCH])


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _head(journal: Journal) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": utc_now().isoformat(),
        "people": [
            {"pseudonym": p.pseudonym, "role": p.role, "alias_count": p.alias_count} for p in journal.people.list()
        ],
        "custom_tags": [
            {"id": t.id, "label": t.label, "group": t.group, "definition": t.definition, "reference": t.reference}
            for t in journal.vocabulary().tags
            if t.custom
        ],
    }


def _write_revisions(journal: Journal, write: Callable[[str], Any]) -> None:
    """``"revisions": {entry id: [earlier versions, oldest first], ...}``, one entry at a time."""
    write('"revisions": {')
    current = None
    for entry_id, snapshot in journal.earlier_versions():
        if entry_id != current:
            write(("]," if current is not None else "") + f"\n{_dumps(entry_id)}: [")
            write(_dumps(snapshot))
            current = entry_id
        else:
            write(", " + _dumps(snapshot))
    write("]" if current is not None else "")
    write("\n},\n")


def _write_records(journal: Journal, write: Callable[[str], Any]) -> None:
    """``"cpd_records": [...]``, one record per line, oldest first (``cpd_store.RECORD_KEYS``)."""
    write('"cpd_records": [')
    for n, record in enumerate(journal.cpd_records()):
        write(("," if n else "") + "\n" + _dumps(record_to_dict(record)))
    write("\n]\n")


def _write_document(journal: Journal, write: Callable[[str], Any]) -> int:
    """Write the export document piece by piece (one entry per line); returns the entry count."""
    write("{\n")
    for key, value in _head(journal).items():
        write(f"{_dumps(key)}: {_dumps(value)},\n")
    write('"entries": [')
    ids = all_ids(journal, include_trash=True)
    for n, entry in enumerate(iter_entries(journal, ids)):
        write(("," if n else "") + "\n" + _dumps(entry.to_dict()))
    write("\n],\n")
    _write_revisions(journal, write)
    _write_records(journal, write)
    write("}\n")
    return len(ids)


def export_json(journal: Journal, path_or_fileobj: str | os.PathLike[str] | IO[Any]) -> int:
    """Write the whole journal as one JSON document; returns the number of entries.

    Lossless: every entry (trash included) as ``Entry.to_dict()``, the earlier revisions
    of each entry, the people register (pseudonym, role and ``alias_count``; the aliases
    never leave the journal, record them again after an import), your own tags and the
    CPD and revalidation records (id, kind, made_on, entry_ids, fields, created_at).
    ``import_entries`` reads it back. Keep the file as private as the journal: a path is
    written atomically with mode 0600. An open file (text or binary) is written as it is.
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
    """Parse JSON from a path or an open file; bad JSON is a ValidationError with the line,
    and so are text that is not UTF-8, nesting too deep to parse and numbers too long to read."""
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
    except RecursionError:
        raise ValidationError("file", f"{label} nests lists or objects too deeply to be an export.") from None
    except ValueError:  # a whole number of thousands of digits (Python's limit on converting them)
        raise ValidationError("file", f"{label} holds a number too long to read (thousands of digits).") from None


def recognise_json(path: Path) -> bool:
    """True for a ``.json`` file that is the workbook's own: an export document (its format
    named in its first lines), or one entry or a list of entries (not another tool's
    document, such as Day One's, which has ``metadata`` and ``creationDate``)."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with open(path, "rb") as handle:
        head = handle.read(8192).decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if f'"{FORMAT}"' in head:
        return True
    return '"creationDate"' not in head and '"metadata"' not in head  # bad JSON is refused by read_json


def is_document(data: Any) -> bool:
    """True for an export document (as opposed to an entry or a list of entries)."""
    return isinstance(data, Mapping) and "format" in data


def check_document(data: Mapping[str, Any]) -> None:
    """The head of an export document: our format, a version this code can read, known parts."""
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
        if key not in DOCUMENT_KEYS:
            raise ValidationError(key, "is not a part of an export document.")
