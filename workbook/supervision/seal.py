"""The seal of a pack: proof that a pack's manifest was made by this journal and not changed since

A pack's manifest (``nb.metadata["workbook_pack"]``, the HTML ``<meta name="workbook-pack">``)
names the journal (its random uid) and the entries in the pack. ``seal`` is an HMAC-SHA256 of
the manifest's canonical JSON, keyed with a key derived from the journal's alias key
(``hmac(alias_key, b"workbook pack seal v1")``). The alias key lives outside the journal
(``paths.alias_key_path``), so a pack from another journal, or one whose entry list was edited,
fails :func:`verify`; nobody holding only the pack (or only the journal file) can forge a seal.

A journal in memory has no key file: its seal key is kept in memory for as long as the
journal object lives (a pack sealed by it verifies only against that same object).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import uuid
import weakref
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import JournalError, ValidationError

__all__ = ["FORMAT", "ROLES", "SEALED_KEYS", "journal_uid", "new_manifest", "seal", "verify"]

FORMAT = 1
ROLES = ("supervisor", "peer")
#: the manifest keys the seal covers, in the order they are documented
SEALED_KEYS = ("format", "pack_id", "journal_uid", "made_on", "role", "entries")
_SEAL_INFO = b"workbook pack seal v1"
_IN_MEMORY_KEYS: weakref.WeakKeyDictionary[Any, bytes] = weakref.WeakKeyDictionary()


def journal_uid(journal: Any) -> str:
    """The journal's random uid (what a pack's manifest names it by)."""
    from ..journal.alias_key import journal_uid as read_uid

    uid = read_uid(journal.connection)
    if not uid:
        raise JournalError("This journal has no uid yet; open it once with wb.open_journal() to upgrade it.")
    return uid


def _alias_key(journal: Any, *, create: bool) -> bytes | None:
    if getattr(journal, "path", None) is None:
        if create:
            return _IN_MEMORY_KEYS.setdefault(journal, secrets.token_bytes(32))
        return _IN_MEMORY_KEYS.get(journal)
    from ..journal.alias_key import key_for_writing, stored_key

    conn = journal.connection
    key = stored_key(conn)
    if key is not None or not create:
        return key
    if journal.people.alias_count():
        raise JournalError(
            "A pack cannot be sealed: this journal's alias key is missing (it is kept apart from the "
            "journal), so its registered names could not be recognised either. Run `workbook doctor`."
        )
    return key_for_writing(conn)  # no aliases yet: the key is made now, as the first alias would


def _seal_key(alias_key: bytes) -> bytes:
    return hmac.new(alias_key, _SEAL_INFO, hashlib.sha256).digest()


def canonical(manifest: Mapping[str, Any]) -> bytes:
    """The bytes the seal covers: the sealed keys of ``manifest`` as canonical JSON."""
    missing = [k for k in SEALED_KEYS if k not in manifest]
    if missing:
        raise ValidationError("manifest", f"is missing {', '.join(missing)}.")
    body = {k: manifest[k] for k in SEALED_KEYS}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def seal(journal: Any, manifest: Mapping[str, Any]) -> str:
    """The seal (hex HMAC-SHA256) of ``manifest`` by ``journal``. Makes the journal's alias key
    file if the journal has none and no aliases yet; JournalError if its key is lost."""
    key = _alias_key(journal, create=True)
    assert key is not None
    return hmac.new(_seal_key(key), canonical(manifest), hashlib.sha256).hexdigest()


def verify(journal: Any, manifest: Any) -> bool:
    """True if ``manifest`` (with its ``"seal"``) was sealed by ``journal`` and is unchanged:
    the same journal uid, the same entries, role, date and pack id. Never writes anything."""
    if not isinstance(manifest, Mapping) or not isinstance(manifest.get("seal"), str):
        return False
    try:
        if manifest.get("journal_uid") != journal_uid(journal):
            return False
        body = canonical(manifest)
    except (JournalError, ValidationError, TypeError, ValueError):
        return False
    key = _alias_key(journal, create=False)
    if key is None:
        return False
    expected = hmac.new(_seal_key(key), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, manifest["seal"])


def new_manifest(
    journal: Any,
    entry_ids: Iterable[str],
    *,
    role: str = "supervisor",
    made_on: dt.date | None = None,
    pack_id: str | None = None,
) -> dict[str, Any]:
    """A sealed manifest for a pack of these entries: the dict that goes into
    ``nb.metadata["workbook_pack"]`` (and the HTML and Markdown headers)."""
    if role not in ROLES:
        raise ValidationError("role", f"must be one of {', '.join(ROLES)}, not {role!r}.")
    entries = [str(e) for e in entry_ids]
    if len(set(entries)) != len(entries):
        raise ValidationError("entries", "an entry is named twice.")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "pack_id": pack_id or str(uuid.uuid4()),
        "journal_uid": journal_uid(journal),
        "made_on": (made_on or dt.date.today()).isoformat(),
        "role": role,
        "entries": entries,
    }
    manifest["seal"] = seal(journal, manifest)
    return manifest
