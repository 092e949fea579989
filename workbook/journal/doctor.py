"""Check a journal file without changing it: integrity, schema, privacy and contents.

:func:`run_checks` never writes to the journal. It opens the file read-only through an
SQLite URI (``mode=ro``; with ``immutable=1`` when no write-ahead log exists, so that not
even a ``-shm`` file is created), and a file that is not a database, or is damaged, is
reported as a failed check rather than raising. The full-text index check needs a
writable database, so it runs on an in-memory copy.

It reports the aliases: how many, whether the alias key kept apart from the journal is
there to recognise them, and which backups beside the journal still hold aliases readable
(those made before aliases became keyed digests).

It also says what opening the journal would refuse or repair (a folder other users can
write to, a ``-wal``/``-shm`` file of another user, a read-only file or folder), and which
backups lie beside the journal, since every refusal of a damaged file says to restore one.

Run it when no notebook has the journal open: a write during the check can show up as
a false alarm.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ..files import connect_readonly
from ..privacy.names import index_from_rows, read_key
from . import migrations
from .alias_key import MISSING, key_path, stored_key
from .connection import folder_problem, read_only_reason, side_file_problem

SQLITE_HEADER = b"SQLite format 3\x00"


class Check(NamedTuple):
    """One result: ``ok`` False is a failure; ``warn`` marks a passed check worth a look."""

    name: str
    ok: bool
    detail: str
    warn: bool = False

    @property
    def status(self) -> str:
        return "FAIL" if not self.ok else "WARN" if self.warn else "ok"


def _mode_check(name: str, path: Path, what: str) -> Check:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        fix = f"chmod {'700' if path.is_dir() else '600'} '{path}'"
        risk = "see the names of the files in it" if path.is_dir() else "read it"
        return Check(
            name,
            True,
            f"{what} {path} has mode {mode:04o}: other users on this computer can {risk}. Fix: {fix}",
            warn=True,
        )
    return Check(name, True, f"{what} {path} has mode {mode:04o} (only you)")


def _file_checks(path: Path) -> tuple[list[Check], bool]:
    """Existence, type, permissions and header; the bool says whether SQLite checks can run."""
    if not path.exists():
        return [Check("file", False, f"{path} does not exist. Create a journal with `workbook init`.")], False
    if not path.is_file():
        return [Check("file", False, f"{path} is not a file (a folder?). Give the path of a journal file.")], False
    size = path.stat().st_size
    checks = [Check("file", True, f"{path} ({size:,} bytes)")]
    checks.append(_mode_check("file permissions", path, "the journal"))
    checks.extend(_side_file_checks(path))
    checks.append(_folder_check(path.resolve().parent))
    checks.append(_writable_check(path))
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        checks.append(Check("readable", False, f"cannot read the file: {exc.strerror}."))
        return checks, False
    if size == 0:
        checks.append(Check("database", False, "the file is empty, not a journal. `workbook init` sets it up."))
        return checks, False
    if header != SQLITE_HEADER:
        checks.append(
            Check(
                "database", False, "the file is not an SQLite database (wrong header): not a journal, or badly damaged."
            )
        )
        return checks, False
    return checks, True


def _side_file_checks(path: Path) -> list[Check]:
    """The -wal and -shm files: SQLite uses them as it finds them, so they must be yours, 0600."""
    checks = []
    real = path.resolve()
    for suffix in ("-wal", "-shm"):
        side = real.with_name(real.name + suffix)
        if not os.path.lexists(side):
            continue
        name = f"{suffix[1:]} file permissions"
        problem, fixable = side_file_problem(side)
        if problem and fixable:
            checks.append(Check(name, True, f"{problem}; opening the journal makes it 0600", warn=True))
        elif problem:
            checks.append(Check(name, False, f"{problem}. The journal will not be opened until its owner removes it."))
        else:
            checks.append(_mode_check(name, side, "the journal's companion file"))
    return checks


def _folder_check(folder: Path) -> Check:
    problem = folder_problem(folder)
    if problem:
        return Check(
            "folder permissions",
            False,
            f"{problem}. The journal will not be opened there; move it to a private folder (or chmod go-w '{folder}').",
        )
    return _mode_check("folder permissions", folder, "the folder")


def _writable_check(path: Path) -> Check:
    reason = read_only_reason(path)
    if reason:
        return Check(
            "writable",
            True,
            f"{reason}: the journal can be read, listed, backed up and exported, but nothing can be added "
            "or edited until it is writable",
            warn=True,
        )
    return Check("writable", True, "you can read and write the journal")


def backups_beside(path: Path) -> list[Path]:
    """Backups in the journal's folder, newest first: ``workbook backup`` copies
    (``<stem>-backup-*``, ``journal-backup-*.db``) and copies made before a schema step."""
    folder = path.parent
    patterns = (f"{path.stem}-backup-*{path.suffix}", f"{path.stem}.before-*", "journal-backup-*.db")
    found = {p for pattern in patterns for p in folder.glob(pattern) if p.is_file() and p != path}
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _backups_check(path: Path) -> Check:
    try:
        found = backups_beside(path)
    except OSError as exc:
        return Check("backups", True, f"could not look for backups beside the journal ({exc.strerror})", warn=True)
    if not found:
        return Check(
            "backups",
            True,
            f"no backups found in {path.parent} (copies kept elsewhere are not seen); `workbook backup` makes one",
            warn=True,
        )
    shown = [
        f"{p.name} ({dt.datetime.fromtimestamp(p.stat().st_mtime):%Y-%m-%d %H:%M}, {p.stat().st_size:,} bytes)"
        for p in found[:3]
    ]
    more = f" and {len(found) - 3} older" if len(found) > 3 else ""
    return Check(
        "backups",
        True,
        f"{len(found)} in {path.parent}, newest first: {', '.join(shown)}{more}. To restore one, close "
        "every notebook, move the damaged journal aside and copy the backup to its name",
    )


def _run(name: str, func: Callable[[], Check]) -> Check:
    try:
        return func()
    except sqlite3.Error as exc:
        return Check(name, False, f"could not be checked: {exc}. The file is damaged; restore a backup.")


def _application_check(conn: sqlite3.Connection) -> Check:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if not tables:
        return Check("journal", False, "an empty database (no tables), not a journal: perhaps a failed copy.")
    if app_id != migrations.APPLICATION_ID:
        return Check("journal", False, "an SQLite database, but not a Reflective Workbook journal.")
    return Check("journal", True, "a Reflective Workbook journal")


def _integrity_check(conn: sqlite3.Connection) -> Check:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    if rows == ["ok"]:
        return Check("integrity", True, "SQLite integrity check passed")
    found = " ".join(" ".join(rows).replace("*** in database main ***", " ").split())
    return Check("integrity", False, f"SQLite found damage: {found}. Restore a backup (see backups below).")


def _references_check(conn: sqlite3.Connection) -> Check:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return Check("references", True, "every reference between tables points at a row")
    tables = sorted({r[0] for r in rows})
    return Check("references", False, f"{len(rows)} broken reference(s) in {', '.join(tables)}.")


def _schema_check(conn: sqlite3.Connection) -> Check:
    done = migrations.applied(conn)
    unknown = [n for n in done if n not in migrations.KNOWN]
    if unknown:
        return Check(
            "schema", False, f"written by a newer version (unknown step {unknown[-1]!r}); update the workbook."
        )
    todo = [n for n in migrations.KNOWN if n not in done]
    if todo:
        return Check(
            "schema",
            True,
            f"{len(done)} of {len(migrations.KNOWN)} steps applied; {', '.join(todo)} will be applied "
            "(after a backup) the next time the journal is opened",
            warn=True,
        )
    return Check("schema", True, f"up to date ({len(done)} steps: {', '.join(done)})")


# The checks of the file as a database, in order. A failure of the first two stops the rest
# (they would only repeat it); a schema that is not up to date stops the content checks,
# whose tables may differ in an older or newer journal.
_DATABASE_CHECKS: tuple[tuple[str, Callable[[sqlite3.Connection], Check]], ...] = (
    ("journal", _application_check),
    ("integrity", _integrity_check),
    ("references", _references_check),
    ("schema", _schema_check),
)
_STOPS_EVERYTHING = ("journal", "integrity")


def _content_checks() -> tuple[tuple[str, Callable[[sqlite3.Connection], Check]], ...]:
    return (
        ("search index", _fts_check),
        ("entry rows", _rows_check),
        ("vocabulary", _vocabulary_check),
        ("templates", _templates_check),
        ("aliases", _aliases_check),
        ("identifiers", _identifiers_check),
        ("counts", _counts),
    )


def _sqlite_checks(conn: sqlite3.Connection) -> list[Check]:
    checks: list[Check] = []
    for name, func in _DATABASE_CHECKS:
        checks.append(_run(name, lambda f=func: f(conn)))
        if not checks[-1].ok and name in _STOPS_EVERYTHING:
            return checks  # the rest would only repeat the same failure
    if checks[-1].status != "ok":
        return checks  # an older or newer schema: the tables below may differ
    checks.extend(_run(name, lambda f=func: f(conn)) for name, func in _content_checks())
    return checks


def _fts_check(conn: sqlite3.Connection) -> Check:
    n_entries = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    n_index = conn.execute("SELECT count(*) FROM entry_fts").fetchone()[0]
    missing = conn.execute("SELECT count(*) FROM entries WHERE rowid NOT IN (SELECT rowid FROM entry_fts)").fetchone()[
        0
    ]
    if missing or n_index != n_entries:
        return Check("search index", False, f"{n_entries} entries but {n_index} indexed ({missing} missing).")
    copy = sqlite3.connect(":memory:")
    try:
        conn.backup(copy)
        copy.execute("INSERT INTO entry_fts(entry_fts) VALUES('integrity-check')")
    except sqlite3.Error as exc:
        return Check("search index", False, f"the full-text index is damaged ({exc}).")
    finally:
        copy.close()
    return Check("search index", True, f"full-text index consistent ({n_index} entries)")


def _rows_check(conn: sqlite3.Connection) -> Check:
    no_text = conn.execute("SELECT count(*) FROM entries WHERE id NOT IN (SELECT entry_id FROM entry_text)").fetchone()[
        0
    ]
    if no_text:
        return Check("entry rows", False, f"{no_text} entries have no text row.")
    stale = conn.execute(
        """SELECT count(*) FROM entries e WHERE
            n_people != (SELECT count(*) FROM entry_people WHERE entry_id = e.id)
         OR n_tags != (SELECT count(*) FROM entry_tags WHERE entry_id = e.id)
         OR n_actions != (SELECT count(*) FROM actions WHERE entry_id = e.id)
         OR n_actions_done != (SELECT count(*) FROM actions WHERE entry_id = e.id AND status = 'done')
         OR n_feedback != (SELECT count(*) FROM feedback WHERE entry_id = e.id)"""
    ).fetchone()[0]
    if stale:
        return Check("entry rows", False, f"{stale} entries have summary counts that do not match their rows.")
    return Check("entry rows", True, "every entry has its text and matching summary counts")


def _vocabulary_check(conn: sqlite3.Connection) -> Check:
    from ..content.vocab import load_vocabulary
    from ..validate import CONTEXT_GROUP
    from .tags import read_custom_tags

    custom = read_custom_tags(conn)
    vocabulary = load_vocabulary(custom)
    known = {t.id for t in vocabulary.tags}
    used = [r[0] for r in conn.execute("SELECT DISTINCT tag FROM entry_tags ORDER BY tag")]
    unknown = [t for t in used if t not in known]
    contexts = {t.id for t in vocabulary.in_group(CONTEXT_GROUP)}
    bad_contexts = [
        r[0]
        for r in conn.execute("SELECT DISTINCT context FROM entries WHERE context IS NOT NULL ORDER BY context")
        if r[0] not in contexts
    ]
    problems = []
    if unknown:
        problems.append(f"tags not in the vocabulary: {', '.join(unknown)}")
    if bad_contexts:
        problems.append(f"contexts not in the vocabulary: {', '.join(bad_contexts)}")
    if problems:
        return Check(
            "vocabulary",
            False,
            "; ".join(problems)
            + ". Entries using them cannot be saved again until these tags are added (`journal.add_tag`).",
        )
    return Check("vocabulary", True, f"all {len(used)} tags in use are in the vocabulary ({len(custom)} of your own)")


def _templates_check(conn: sqlite3.Connection) -> Check:
    from ..content.reflective_models import load_templates

    library = load_templates(warn=False)
    used = [
        r[0] for r in conn.execute("SELECT DISTINCT template FROM entries WHERE template IS NOT NULL ORDER BY template")
    ]
    unknown = [t for t in used if t not in library]
    if unknown:
        return Check(
            "templates",
            True,
            f"templates not found now: {', '.join(unknown)} (set WORKBOOK_TEMPLATES to the folder that holds them)",
            warn=True,
        )
    return Check("templates", True, f"all {len(used)} templates in use are available")


def _aliases_check(conn: sqlite3.Connection) -> Check:
    """How many aliases, and whether their key (kept apart from the journal) can recognise them."""
    n = conn.execute("SELECT count(*) FROM (SELECT DISTINCT person_id, alias_no FROM person_aliases)").fetchone()[0]
    path = key_path(conn)
    if not n:
        return Check("aliases", True, "no aliases recorded")
    if path is None:
        return Check("aliases", True, f"{n} aliases cannot be recognised: the journal has no valid uid", warn=True)
    try:
        key = read_key(path, tighten=False) if path is not None else None
    except (OSError, ValueError) as exc:
        return Check("aliases", True, f"{n} aliases cannot be recognised: {exc}", warn=True)
    if key is None:
        return Check(
            "aliases",
            True,
            f"{n} aliases cannot be recognised: {MISSING} (it is kept apart from the journal, at {path}). "
            "Copy that file from the computer where the journal was made; until then these names are not "
            "found in text, and new aliases cannot be recorded",
            warn=True,
        )
    assert path is not None
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return _mode_check("aliases", path, f"{n} aliases, kept as keyed digests; their key")
    return Check(
        "aliases", True, f"{n} aliases, kept as keyed digests; their key is {path} (mode {mode:04o}, only you)"
    )


class _RawRegister:
    """What ``privacy.find_identifiers`` reads of a journal (``people.list()`` and
    ``people.alias_spans``), from the raw connection doctor holds, built once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.people = self
        self._people = [_Pseudonym(row[0]) for row in conn.execute("SELECT pseudonym FROM people")]
        key = stored_key(conn)
        rows = conn.execute(
            "SELECT a.digest, a.head, p.pseudonym FROM person_aliases a JOIN people p ON p.id = a.person_id"
        ).fetchall()
        self._index = index_from_rows(key, rows) if key is not None else None

    def list(self) -> list[_Pseudonym]:
        return self._people

    def alias_spans(self, text: str) -> list[tuple[int, int, str]]:
        return self._index.spans(text) if self._index is not None else []


class _Pseudonym(NamedTuple):
    pseudonym: str


def _entry_texts(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every text a person wrote, by entry id: title, narrative, answers, action points, feedback."""
    texts: dict[str, list[str]] = {}
    for entry_id, title, narrative, responses in conn.execute(
        "SELECT entry_id, title, narrative, responses FROM entry_text"
    ):
        parts = [title or "", narrative or ""]
        try:
            answers = json.loads(responses) if responses else {}
        except ValueError:
            answers = {}
        parts += [v for v in answers.values() if isinstance(v, str)] if isinstance(answers, dict) else []
        texts[entry_id] = parts
    for table in ("actions", "feedback"):
        for entry_id, text in conn.execute(f"SELECT entry_id, text FROM {table}"):  # noqa: S608 - fixed names
            texts.setdefault(entry_id, []).append(text or "")
    return texts


def _identifiers_check(conn: sqlite3.Connection) -> Check:
    """Entries whose text may identify someone, by id and kind (never the text itself)."""
    from ..privacy import FLAGGED_KINDS, identifier_finder

    find = identifier_finder(_RawRegister(conn))
    certain: dict[str, set[str]] = {}
    maybe = 0
    for entry_id, parts in sorted(_entry_texts(conn).items()):
        kinds = {f.kind for text in parts if text for f in find(text)}
        if kinds - FLAGGED_KINDS:
            certain[entry_id] = kinds - FLAGGED_KINDS
        elif kinds:
            maybe += 1
    also = f"; {maybe} more hold words that may be names nobody registered" if maybe else ""
    if not certain:
        return Check("identifiers", True, f"no entry holds a registered real name or an identifier{also}")
    listed = ", ".join(f"{entry_id[:8]} ({', '.join(sorted(kinds))})" for entry_id, kinds in list(certain.items())[:20])
    more = f" and {len(certain) - 20} more" if len(certain) > 20 else ""
    return Check(
        "identifiers",
        True,
        f"{len(certain)} entries may identify someone: {listed}{more}{also}. Look with `workbook show ID`; "
        "replace with `workbook edit ID --redact ...`, or `workbook purge` to remove a name everywhere",
        warn=True,
    )


def _readable_aliases(backup: Path) -> int:
    """How many readable aliases a backup holds (one from before aliases were digests), 0 if none."""
    try:
        conn = connect_readonly(backup, immutable_without_wal=True)
    except (sqlite3.Error, ValueError):
        return 0
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(person_aliases)")}
        return conn.execute("SELECT count(*) FROM person_aliases").fetchone()[0] if "alias" in columns else 0
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def _readable_aliases_check(path: Path) -> Check | None:
    """Backups beside the journal that still hold aliases in clear (made before the digests), or None."""
    try:
        found = [(p, _readable_aliases(p)) for p in backups_beside(path) if not p.name.endswith(("-wal", "-shm"))]
    except OSError:
        return None
    holding = [(p, n) for p, n in found if n]
    if not holding:
        return None
    listed = ", ".join(f"{p.name} ({n})" for p, n in holding)
    return Check(
        "readable aliases",
        True,
        f"{len(holding)} backup(s) beside the journal hold aliases readable, made before aliases were kept as "
        f"keyed digests: {listed}. Once the journal opens and works, delete them (or keep them as private as "
        "the journal): anyone who reads them reads those names",
        warn=True,
    )


def _counts(conn: sqlite3.Connection) -> Check:
    def one(sql: str) -> int:
        return conn.execute(sql).fetchone()[0]

    parts = [
        f"{one('SELECT count(*) FROM entries WHERE deleted_at IS NULL')} entries",
        f"{one('SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL')} in the trash",
        f"{one('SELECT count(*) FROM revisions')} earlier revisions",
        f"{one('SELECT count(*) FROM people')} people",
        f"{one('SELECT count(*) FROM custom_tags')} tags of your own",
        f"{one('SELECT count(*) FROM drafts')} drafts",
    ]
    return Check("counts", True, ", ".join(parts))


def run_checks(path: str | os.PathLike[str]) -> list[Check]:
    """Check the journal at ``path`` without changing it; one :class:`Check` per aspect.

    Never raises for a missing, foreign or damaged file: that is a failed check.
    """
    path = Path(path).expanduser()
    checks, can_open = _file_checks(path)
    if can_open:
        try:
            conn = connect_readonly(path, immutable_without_wal=True)
        except sqlite3.Error as exc:
            checks.append(Check("database", False, f"SQLite cannot open it ({exc})."))
        else:
            try:
                checks.extend(_sqlite_checks(conn))
            finally:
                conn.close()
    if path.parent.is_dir():
        readable = _readable_aliases_check(path)
        if readable is not None:
            checks.append(readable)
        checks.append(_backups_check(path))  # last: what to restore when a check above failed
    return checks
