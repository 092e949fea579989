"""Schema migrations: named, ordered steps, each applied in one transaction.

Applied steps are recorded in the ``_migrations`` table. Before any step runs on a
journal that already holds data, a copy of the file is made with SQLite's backup API.
A step is SQL statements, optionally followed by a Python function in the same
transaction; a step that removes readable names (``wipe``) runs with
``PRAGMA secure_delete`` and is followed by ``VACUUM`` and a truncated write-ahead log,
so the removed text is not left in free pages of the file.
A journal that records a step this version does not know was written by a newer
version: it is refused, never "fixed".

Never edit a released step: add a new one.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import SchemaTooNewError
from ..files import sqlite_copy
from ..models import FEEDBACK_FUNCTIONS
from ..paths import backup_before_migration
from ..privacy.names import digest_variants
from .alias_key import key_for_writing
from .cpd_schema import CPD_RECORDS_STATEMENTS, CPD_RECORDS_STEP
from .pcf_schema import PCF_STATEMENTS, PCF_STEP

APPLICATION_ID = 0x5257424B  # "RWBK": marks the file as a Reflective Workbook journal


@dataclass(frozen=True)
class Migration:
    """One step: ``statements``, then ``run(conn)`` (which returns True if it removed
    readable text), all in one transaction. ``wipe``: removed rows are overwritten and
    the file is vacuumed afterwards."""

    name: str
    statements: tuple[str, ...]
    run: Callable[[sqlite3.Connection], bool] | None = None
    wipe: bool = False
    #: The step rebuilds a table that others reference: it runs with foreign keys off (so
    #: dropping the old table cannot cascade into its children) and is checked with
    #: ``PRAGMA foreign_key_check`` before it commits (SQLite's documented way to change a
    #: table's constraints).
    rebuilds: bool = False


ALIAS_DIGESTS_STEP = "0004_aliases_as_keyed_digests"


def _aliases_to_digests(conn: sqlite3.Connection) -> bool:
    """Digest every readable alias (each of its variants) under the journal's new key, then
    drop the table that held them. True if there was an alias to remove."""
    old = conn.execute("SELECT person_id, alias FROM person_aliases ORDER BY person_id, rowid").fetchall()
    key = key_for_writing(conn) if old else None
    numbers: dict[str, int] = {}
    rows = []
    for person_id, alias in old:
        number = numbers[person_id] = numbers.get(person_id, -1) + 1
        for variant in digest_variants(key, alias):  # type: ignore[arg-type]
            rows.append((person_id, number, variant.digest, variant.head if variant.n_words > 1 else None))
    conn.executemany("INSERT OR IGNORE INTO person_alias_digests VALUES (?, ?, ?, ?)", rows)
    conn.execute("DROP TABLE person_aliases")
    conn.execute("ALTER TABLE person_alias_digests RENAME TO person_aliases")
    conn.execute("CREATE INDEX person_aliases_by_digest ON person_aliases (digest)")
    return bool(old)


OUTCOMES_STANCE_DEPTH_STEP = "0005_outcomes_stance_both_and_depth"

FEEDBACK_FUNCTION_STEP = "0006_feedback_function"

# The entries table as 0005 leaves it: two more outcomes (deferred by decision; the person chose
# not to know), ``stance_both`` ("both, in tension", beside the point on the line) and the
# writer's ``depth`` rating (Hatton and Smith). Every other column as 0001 made it.
_ENTRIES_0005 = """CREATE TABLE entries_0005 (
    id TEXT PRIMARY KEY,
    occurred_on TEXT NOT NULL,
    context TEXT,
    outcome TEXT CHECK (outcome IN ('held', 'avoided', 'softened', 'deferred', 'chose-not-to-know')),
    stance INTEGER CHECK (stance BETWEEN -2 AND 2),
    stance_both INTEGER NOT NULL DEFAULT 0 CHECK (stance_both IN (0, 1)),
    depth TEXT CHECK (depth IN ('descriptive-writing', 'descriptive-reflection', 'dialogic', 'critical')),
    template TEXT,
    feelings_before INTEGER CHECK (feelings_before BETWEEN 0 AND 10),
    feelings_after INTEGER CHECK (feelings_after BETWEEN 0 AND 10),
    flagged INTEGER NOT NULL DEFAULT 0,
    word_count INTEGER NOT NULL DEFAULT 0,
    n_people INTEGER NOT NULL DEFAULT 0,
    n_tags INTEGER NOT NULL DEFAULT 0,
    n_actions INTEGER NOT NULL DEFAULT 0,
    n_actions_done INTEGER NOT NULL DEFAULT 0,
    n_feedback INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
)"""
_ENTRIES_0001_COLUMNS = (
    "id, occurred_on, context, outcome, stance, template, feelings_before, feelings_after, flagged, "
    "word_count, n_people, n_tags, n_actions, n_actions_done, n_feedback, revision, created_at, updated_at, deleted_at"
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_initial",
        (
            # Metadata apart from text: analysis reads only this table (see ARCHITECTURE.md).
            """CREATE TABLE entries (
                id TEXT PRIMARY KEY,
                occurred_on TEXT NOT NULL,
                context TEXT,
                outcome TEXT CHECK (outcome IN ('held', 'avoided', 'softened')),
                stance INTEGER CHECK (stance BETWEEN -2 AND 2),
                template TEXT,
                feelings_before INTEGER CHECK (feelings_before BETWEEN 0 AND 10),
                feelings_after INTEGER CHECK (feelings_after BETWEEN 0 AND 10),
                flagged INTEGER NOT NULL DEFAULT 0,
                word_count INTEGER NOT NULL DEFAULT 0,
                n_people INTEGER NOT NULL DEFAULT 0,
                n_tags INTEGER NOT NULL DEFAULT 0,
                n_actions INTEGER NOT NULL DEFAULT 0,
                n_actions_done INTEGER NOT NULL DEFAULT 0,
                n_feedback INTEGER NOT NULL DEFAULT 0,
                revision INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                deleted_at TEXT
            )""",
            "CREATE INDEX entries_by_date ON entries (occurred_on)",
            """CREATE TABLE entry_text (
                entry_id TEXT PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
                title TEXT NOT NULL,
                narrative TEXT NOT NULL,
                responses TEXT NOT NULL
            )""",
            """CREATE TABLE people (
                id TEXT PRIMARY KEY,
                pseudonym TEXT NOT NULL,
                pseudonym_key TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            """CREATE TABLE person_aliases (
                person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
                alias TEXT NOT NULL,
                alias_key TEXT NOT NULL,
                PRIMARY KEY (person_id, alias_key)
            )""",
            """CREATE TABLE entry_people (
                entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                person_id TEXT NOT NULL REFERENCES people (id),
                PRIMARY KEY (entry_id, position)
            )""",
            """CREATE TABLE entry_tags (
                entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                tag TEXT NOT NULL,
                intensity INTEGER CHECK (intensity BETWEEN 1 AND 3),
                anchor_field TEXT,
                anchor_start INTEGER,
                anchor_end INTEGER,
                PRIMARY KEY (entry_id, position)
            )""",
            "CREATE INDEX entry_tags_by_tag ON entry_tags (tag)",
            """CREATE TABLE actions (
                entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                id TEXT NOT NULL,
                text TEXT NOT NULL,
                status TEXT NOT NULL,
                due_on TEXT,
                PRIMARY KEY (entry_id, position)
            )""",
            """CREATE TABLE feedback (
                entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                id TEXT NOT NULL,
                author_role TEXT NOT NULL,
                given_on TEXT NOT NULL,
                text TEXT NOT NULL,
                PRIMARY KEY (entry_id, position)
            )""",
            """CREATE TABLE revisions (
                entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
                revision INTEGER NOT NULL,
                saved_at TEXT NOT NULL,
                snapshot TEXT NOT NULL,
                PRIMARY KEY (entry_id, revision)
            )""",
            """CREATE TABLE custom_tags (
                id TEXT PRIMARY KEY,
                label TEXT NOT NULL,
                grp TEXT NOT NULL,
                definition TEXT NOT NULL,
                reference TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            # rowid of entry_fts = rowid of entries
            """CREATE VIRTUAL TABLE entry_fts USING fts5(
                title, body, tokenize = 'unicode61 remove_diacritics 2'
            )""",
        ),
    ),
    Migration(
        "0002_drafts_and_settings",
        (
            # A form keeps what the user is typing here, so a restart loses nothing.
            """CREATE TABLE drafts (
                key TEXT PRIMARY KEY,
                saved_at TEXT NOT NULL,
                payload TEXT NOT NULL
            )""",
            """CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        "0003_entry_order_index",
        (
            # Frames read entries in (date, created) order and join their tags by entry id;
            # with this index SQLite walks entries in order instead of sorting every tag
            # use (bench/journal.py: tags_frame on 100k entries).
            "CREATE INDEX entries_in_order ON entries (occurred_on, created_at)",
            "DROP INDEX entries_by_date",
        ),
    ),
    Migration(
        ALIAS_DIGESTS_STEP,
        (
            # The uid finds the journal's alias key, kept apart from the journal (journal/alias_key.py).
            "CREATE TABLE journal_uid (uid TEXT NOT NULL)",
            "INSERT INTO journal_uid (uid) VALUES (lower(hex(randomblob(16))))",
            # An alias is kept only as the keyed digests of its variants (privacy/names.py);
            # alias_no numbers one person's aliases, head is the bucket of a longer one's first word.
            """CREATE TABLE person_alias_digests (
                person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
                alias_no INTEGER NOT NULL,
                digest TEXT NOT NULL,
                head TEXT,
                PRIMARY KEY (person_id, digest)
            )""",
        ),
        run=_aliases_to_digests,
        wipe=True,
    ),
    Migration(
        OUTCOMES_STANCE_DEPTH_STEP,
        (
            _ENTRIES_0005,
            # rowid kept: entry_fts rows are keyed by the entries' rowid
            f"INSERT INTO entries_0005 (rowid, {_ENTRIES_0001_COLUMNS}) SELECT rowid, {_ENTRIES_0001_COLUMNS} FROM entries",
            "DROP TABLE entries",
            "ALTER TABLE entries_0005 RENAME TO entries",
            "CREATE INDEX entries_in_order ON entries (occurred_on, created_at)",
        ),
        rebuilds=True,
    ),
    Migration(
        FEEDBACK_FUNCTION_STEP,
        (
            # The supervision function a comment served (Kadushin's three, Morrison's four;
            # models.FEEDBACK_FUNCTIONS), or none. ADD COLUMN keeps every row as it was.
            "ALTER TABLE feedback ADD COLUMN function TEXT CHECK (function IN ("
            + ", ".join(f"'{f}'" for f in FEEDBACK_FUNCTIONS)
            + "))",
        ),
    ),
    # CPD and revalidation records (journal/cpd_schema.py): a new table, nothing else changed.
    Migration(CPD_RECORDS_STEP, CPD_RECORDS_STATEMENTS),
    # BASW PCF domains of entries and action points (journal/pcf_schema.py): two new tables.
    Migration(PCF_STEP, PCF_STATEMENTS),
)

KNOWN = tuple(m.name for m in MIGRATIONS)


def _tables_made_by(steps: tuple[Migration, ...]) -> frozenset[str]:
    """Every table the steps create, with the shadow tables SQLite keeps for an FTS5 table."""
    names: set[str] = {"_migrations", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}
    pattern = re.compile(r"CREATE\s+(VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)
    for step in steps:
        for statement in step.statements:
            for virtual, name in pattern.findall(statement):
                names.add(name)
                if virtual:
                    names.update(f"{name}_{shadow}" for shadow in ("data", "idx", "content", "docsize", "config"))
    return frozenset(names)


#: The tables a journal may hold (any other table means the file belongs to another program).
KNOWN_TABLES = _tables_made_by(MIGRATIONS)


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the steps recorded in this journal, in the order applied."""
    has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone()
    if not has_table:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]


def pending(conn: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[Migration]:
    """Steps not yet applied; raises SchemaTooNewError for a journal from a newer version."""
    done = applied(conn)
    names = {m.name for m in migrations}
    unknown = [name for name in done if name not in names]
    if unknown:
        raise SchemaTooNewError(
            "This journal was written by a newer version of Reflective Workbook "
            f"(it has schema step {unknown[-1]!r}, unknown here). Update the workbook "
            "(pip install -U reflective-workbook) to open it; the file was not changed."
        )
    return [m for m in migrations if m.name not in done]


def backup_before_migrating(conn: sqlite3.Connection, db_path: Path, first_pending: str) -> Path:
    """Copy the journal (SQLite backup API) next to it before a migration; returns the copy."""
    return sqlite_copy(conn, backup_before_migration(db_path, first_pending))


def apply(
    conn: sqlite3.Connection,
    db_path: Path | None,
    migrations: tuple[Migration, ...] = MIGRATIONS,
) -> tuple[list[str], Path | None]:
    """Apply pending steps, each in one ``BEGIN IMMEDIATE`` transaction.

    Returns the names applied and the backup made (None for a new, empty journal or an
    in-memory one). Safe when two processes open the same journal at once: each step is
    re-checked inside its transaction.
    """
    todo = pending(conn, migrations)
    if not todo:
        return [], None
    backup = None
    if db_path is not None and applied(conn):
        backup = backup_before_migrating(conn, db_path, todo[0].name)
    done: list[str] = []
    wiped = False
    for migration in todo:
        applied_now, removed = _apply_one(conn, migration)
        if applied_now:
            done.append(migration.name)
            wiped = wiped or removed
    if wiped:
        wipe_free_pages(conn)
    return done, backup


def _apply_one(conn: sqlite3.Connection, migration: Migration) -> tuple[bool, bool]:
    """Apply one step in one transaction; (applied, removed readable text)."""
    secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
    keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    if migration.wipe:
        conn.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed, not left holding the text
    if migration.rebuilds:
        conn.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction does this take effect
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (migration.name,)).fetchone():
            conn.execute("COMMIT")
            return False, False
        for statement in migration.statements:
            conn.execute(statement)
        removed = migration.run(conn) if migration.run is not None else False
        if migration.rebuilds and conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise sqlite3.IntegrityError(f"schema step {migration.name} would leave rows without their entry")
        conn.execute(
            "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
            (migration.name, dt.datetime.now(dt.timezone.utc).isoformat()),
        )
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(secure)}")
        conn.execute(f"PRAGMA foreign_keys = {int(keys)}")
    return True, removed


def wipe_free_pages(conn: sqlite3.Connection) -> None:
    """Rebuild the file without free pages (VACUUM) and empty the write-ahead log, so text a
    step removed cannot be read in the raw bytes of the journal or its -wal file."""
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
