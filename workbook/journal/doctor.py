"""Check a journal file without changing it: integrity, schema, privacy and contents.

:func:`run_checks` never writes to the journal. It opens the file read-only through an
SQLite URI (``mode=ro``; with ``immutable=1`` when no write-ahead log exists, so that not
even a ``-shm`` file is created), and a file that is not a database, or is damaged, is
reported as a failed check rather than raising. The full-text index check needs a
writable database, so it runs on an in-memory copy.

Run it when no notebook has the journal open: a write during the check can show up as
a false alarm.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ..files import connect_readonly
from . import migrations

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
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            checks.append(_mode_check(f"{suffix[1:]} file permissions", extra, "the journal's companion file"))
    checks.append(_mode_check("folder permissions", path.parent, "the folder"))
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


def _run(name: str, func: Callable[[], Check]) -> Check:
    try:
        return func()
    except sqlite3.Error as exc:
        return Check(name, False, f"could not be checked: {exc}. The file is damaged; restore a backup.")


def _application_check(conn: sqlite3.Connection) -> Check:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != migrations.APPLICATION_ID:
        return Check("journal", False, "an SQLite database, but not a Reflective Workbook journal.")
    return Check("journal", True, "a Reflective Workbook journal")


def _integrity_check(conn: sqlite3.Connection) -> Check:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    if rows == ["ok"]:
        return Check("integrity", True, "SQLite integrity check passed")
    return Check("integrity", False, "SQLite found damage: " + "; ".join(rows) + ". Restore a backup.")


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
    if not can_open:
        return checks
    try:
        conn = connect_readonly(path, immutable_without_wal=True)
    except sqlite3.Error as exc:
        return [*checks, Check("database", False, f"SQLite cannot open it ({exc}).")]
    try:
        checks.extend(_sqlite_checks(conn))
    finally:
        conn.close()
    return checks
