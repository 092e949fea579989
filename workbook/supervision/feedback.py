"""A supervisor's feedback, brought back from a returned pack notebook into the journal

:func:`read_feedback` reads a returned pack (the ``.ipynb``, an age-encrypted ``.ipynb.age``
opened in memory, its bytes, or an nbformat notebook) without a journal: the manifest and the
feedback cells a supervisor wrote in (``pack._cells`` marks them ``part: feedback``, with the
``entry_id`` of the entry above, or None for the cell on the pack as a whole). A cell still
holding its prompt, or empty, is skipped; an optional first line ``Function: educational``
names the supervision function the comment served (``models.FEEDBACK_FUNCTIONS``).

:func:`import_feedback` checks everything before it writes anything (the seal, every cell's
entry against the sealed manifest, every entry still in the journal and out of the trash),
then adds all the comments in one write (``Journal.add_feedback_many``). A comment's id is
derived from the pack, the entry and the text, so bringing the same pack back twice adds
nothing. ``cell`` numbers count the notebook's cells from 0, as ``workbook check-share`` does.
Feedback text never appears in an error, a repr or a summary.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from ..models import FEEDBACK_FUNCTIONS, FEEDBACK_ROLES
from .pack import PLACEHOLDERS

__all__ = ["GENERAL_PREFIX", "FeedbackImport", "FeedbackItem", "ReturnedPack", "import_feedback", "read_feedback"]

#: what general feedback (on the pack as a whole) starts with once stored against each entry
GENERAL_PREFIX = "On the pack as a whole: "
_FUNCTION_LINE = re.compile(r"^[*_\s]*function[*_\s]*:[*_\s]*(?P<value>.*?)[*_\s.]*$", re.IGNORECASE)
_PROMPTS = {p.strip("*_ ").casefold() for p in PLACEHOLDERS}


@dataclass(frozen=True)
class FeedbackItem:
    """One feedback cell a supervisor wrote in. ``entry_id`` None: on the pack as a whole.
    ``cell``: its place in the notebook (from 0). Its repr shows no text."""

    entry_id: str | None
    cell: int
    text: str = field(repr=False)
    function: str | None = None


@dataclass(frozen=True)
class ReturnedPack:
    """A returned pack as read: its manifest (unchecked until imported), the feedback cells
    written in, in notebook order, and the file's name (for messages)."""

    manifest: dict[str, Any] = field(repr=False)
    items: tuple[FeedbackItem, ...]
    name: str

    @property
    def general(self) -> tuple[FeedbackItem, ...]:
        return tuple(i for i in self.items if i.entry_id is None)


@dataclass(frozen=True)
class FeedbackImport:
    """What an import added: counts and entry ids only (``str()`` never shows feedback text)."""

    added: int
    already: int
    entries: tuple[str, ...]
    general: bool
    dry_run: bool

    def __str__(self) -> str:
        if self.added == 0 and self.already == 0:
            return "No feedback to bring back: every feedback cell is empty or still holds its prompt."
        already = f" ({self.already} already there)" if self.already else ""
        if self.added == 0:
            return f"Nothing new: {_count(self.already, 'comment')} already there; nothing was written."
        verb = "Would add" if self.dry_run else "Added"
        done = f"{verb} {_count(self.added, 'comment')} to {_count(len(self.entries), 'entry', 'entries')}{already}."
        return f"{done} Nothing was written (dry run)." if self.dry_run else done


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# -- reading ---------------------------------------------------------------------------------------


def _plain(data: bytes, name: str, passphrase: str | None) -> bytes:
    from .crypt import AGE_MAGIC, ARMOR_MAGIC, decrypt_bytes

    encrypted = data.startswith(AGE_MAGIC) or data.lstrip().startswith(ARMOR_MAGIC) or name.endswith(".age")
    if not encrypted:
        return data
    if passphrase is None:
        raise ValidationError("passphrase", f"{name} is encrypted: give the passphrase it was encrypted with.")
    return decrypt_bytes(data, passphrase, name=name)


def _source_bytes(source: str | os.PathLike[str]) -> tuple[bytes, str]:
    from .crypt import MAX_BYTES

    path = Path(source).expanduser()
    if not path.is_file():
        raise ValidationError("path", f"{path.name} is not a file.")
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError("path", f"{path.name} is larger than {MAX_BYTES} bytes.")
    return path.read_bytes(), path.name


def _notebook(source: Any, passphrase: str | None, *, name: str | None = None) -> tuple[Any, str]:
    import nbformat

    if isinstance(source, Mapping):
        nb = source if isinstance(source, nbformat.NotebookNode) else nbformat.from_dict(dict(source))
        return nb, "the pack"
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), name or "the pack"
    elif isinstance(source, str) and source.lstrip().startswith("{"):  # the notebook's text, not a path to it
        data, name = source.encode("utf-8"), "the pack"
    elif isinstance(source, (str, os.PathLike)):
        data, name = _source_bytes(source)
    else:
        raise ValidationError("source", f"must be a file path, bytes or a notebook, not {type(source).__name__}.")
    data = _plain(data, name, passphrase)
    try:
        return nbformat.reads(data.decode("utf-8"), as_version=4), name
    except (ValueError, KeyError, TypeError, AttributeError):  # not JSON, not UTF-8, not a notebook
        raise ValidationError(
            "pack", f"{name} could not be read as a notebook, so it is not a supervision pack."
        ) from None


def _manifest(nb: Any, name: str) -> dict[str, Any]:
    manifest = nb.get("metadata", {}).get("workbook_pack") if isinstance(nb, Mapping) else None
    entries = manifest.get("entries") if isinstance(manifest, Mapping) else None
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise ValidationError(
            "pack",
            f"{name} is not a supervision pack made by the workbook (it has no pack manifest).",
        )
    return dict(manifest)


def open_pack(source: Any, *, passphrase: str | None = None, name: str | None = None) -> Any:
    """The pack notebook from ``source`` (a path to an ``.ipynb`` or ``.ipynb.age``, its bytes or
    text, or a notebook), decrypted in memory if it is encrypted, checked to carry a pack manifest.
    Nothing is written; the passphrase is used and dropped. ``name`` names bytes in messages."""
    nb, named = _notebook(source, passphrase, name=name)
    _manifest(nb, named)
    return nb


def _is_prompt(line: str) -> bool:
    return line.strip().strip("*_ ").casefold() in _PROMPTS


def _item(cell: int, entry_id: str | None, source: Any) -> FeedbackItem | None:
    text = "".join(source) if isinstance(source, list) else str(source or "")
    lines = [line.rstrip() for line in text.strip().splitlines() if not _is_prompt(line)]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return None  # empty, or still the prompt
    function = None
    match = _FUNCTION_LINE.match(lines[0])
    if match:
        value = match["value"].strip().lower()
        if value and value not in FEEDBACK_FUNCTIONS:  # the value itself is not repeated: it is feedback text
            raise ValidationError(
                "function",
                f"feedback cell {cell} starts with a Function: line that names none of the supervision functions; "
                f"use one of {', '.join(FEEDBACK_FUNCTIONS)}, or leave the line out.",
            )
        function = value or None
        lines.pop(0)
    body = "\n".join(lines).strip()
    if not body:
        return None  # a Function: line and nothing under it is no comment
    return FeedbackItem(entry_id, cell, body, function)


def read_feedback(source: Any, *, passphrase: str | None = None) -> ReturnedPack:
    """The feedback in a returned pack: ``source`` a path (``.ipynb``, or ``.ipynb.age`` with
    ``passphrase``: decrypted in memory, never written out), the file's bytes (or its text),
    or a notebook.

    Only cells a supervisor wrote in are items (an empty cell, or one still holding its prompt,
    is skipped; a prompt line left above the feedback is dropped), in notebook order, each
    without its optional first line ``Function: X``, whose X becomes ``.function``. Needs no
    journal and checks no seal (``import_feedback`` does). ValidationError: not a pack
    (``pack``), encrypted without or with a wrong passphrase (``passphrase``), a Function line
    naming no known function (``function``, with the cell number)."""
    nb, name = _notebook(source, passphrase)
    manifest = _manifest(nb, name)
    items = []
    for n, cell in enumerate(nb.get("cells") or []):
        meta = cell.get("metadata", {}).get("workbook_pack") if isinstance(cell, Mapping) else None
        if not isinstance(meta, Mapping) or meta.get("part") != "feedback":
            continue
        entry_id = meta.get("entry_id")
        if "entry_id" not in meta or (entry_id is not None and not isinstance(entry_id, str)):
            raise ValidationError("pack", f"feedback cell {n} of {name} names its entry wrongly; the pack was changed.")
        item = _item(n, entry_id, cell.get("source"))
        if item is not None:
            items.append(item)
    return ReturnedPack(manifest, tuple(items), name)


# -- importing -------------------------------------------------------------------------------------


def feedback_id(pack_id: str, entry_id: str | None, text: str) -> str:
    """The id a comment from a pack is stored under: the same pack, entry and text give the
    same id, so a pack brought back twice adds nothing the second time."""
    digest = hashlib.sha256("\0".join((str(pack_id), entry_id or "general", text)).encode("utf-8")).hexdigest()
    return "fb-" + digest[:16]


def _checked_entries(journal: Any, returned: ReturnedPack) -> list[str]:
    """The entries that will receive feedback (all of the pack's if there is general feedback),
    each checked to be in the sealed manifest, in the journal and not in the trash."""
    from .seal import verify

    if not verify(journal, returned.manifest):
        raise ValidationError(
            "pack",
            f"{returned.name} was not made by this journal, or its list of entries was changed after it was "
            "made (its seal does not match); nothing was imported.",
        )
    entries = list(returned.manifest["entries"])
    for item in returned.items:
        if item.entry_id is not None and item.entry_id not in entries:
            raise ValidationError(
                "pack",
                f"feedback cell {item.cell} of {returned.name} names an entry that is not in the pack; "
                "the notebook was changed after it was made, so nothing was imported.",
            )
    named = {i.entry_id for i in returned.items}
    targets = entries if None in named else [e for e in entries if e in named]
    found = {e.id: e for e in journal.load(targets)}
    for entry_id in targets:
        entry = found.get(entry_id)
        if entry is None:
            raise ValidationError(
                "pack",
                f"entry {entry_id[:8]} of the pack is no longer in the journal (it was purged), so its feedback "
                "has nowhere to go; nothing was imported.",
            )
        if entry.in_trash:
            raise ValidationError(
                "pack",
                f"entry {entry_id[:8]} of the pack is in the trash; restore it first "
                f"(`workbook restore {entry_id[:8]}`), then bring the feedback back again. Nothing was imported.",
            )
    return targets


def import_feedback(
    journal: Any,
    source: Any,
    *,
    role: str | None = None,
    given_on: dt.date | str | None = None,
    dry_run: bool = False,
    passphrase: str | None = None,
) -> FeedbackImport:
    """Bring a returned pack's feedback into ``journal``: each comment onto its entry, all in
    one write, or nothing (``source`` as :func:`read_feedback` takes it).

    Refused before anything is written (a ValidationError of one line): a pack whose seal
    does not verify (made by another journal, or its manifest edited), a feedback cell naming
    an entry the sealed manifest does not hold, an entry purged since (named by its short
    id), an entry in the trash (restore it first). ``role`` defaults to the pack's (supervisor
    or peer) and must be one of ``models.FEEDBACK_ROLES``; ``given_on`` defaults to today.

    Feedback on the pack as a whole is stored against EVERY entry of the pack, starting
    "On the pack as a whole: ": the journal keeps feedback with entries, and this way it stays
    with the entries it was about (seen when any of them is read, exported or shared again)
    instead of being kept apart where nobody would find it.

    Ids come from :func:`feedback_id`, so a comment already brought back is skipped and
    counted as ``already``. ``dry_run``: the same checks and counts, nothing written."""
    returned = read_feedback(source, passphrase=passphrase)
    if role is not None and role not in FEEDBACK_ROLES:
        raise ValidationError("role", f"must be one of {', '.join(FEEDBACK_ROLES)}.")
    targets = _checked_entries(journal, returned)
    role = role or returned.manifest["role"]  # sealed: supervisor or peer
    given_on = dt.date.today() if given_on is None else given_on
    pack_id = str(returned.manifest.get("pack_id"))
    planned = []
    for item in returned.items:
        text = item.text if item.entry_id is not None else GENERAL_PREFIX + item.text
        fid = feedback_id(pack_id, item.entry_id, item.text)
        for entry_id in [item.entry_id] if item.entry_id is not None else targets:
            planned.append((entry_id, role, text, given_on, fid, item.function))
    added = journal.add_feedback_many(planned, dry_run=dry_run) if planned else {}
    count = sum(len(ids) for ids in added.values())
    return FeedbackImport(
        added=count,
        already=len(planned) - count,
        entries=tuple(added),
        general=bool(returned.general),
        dry_run=dry_run,
    )
