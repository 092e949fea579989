"""No real name in clear, and still found: aliases are kept only as keyed digests.

The raw bytes of the journal, its -wal, a backup and a JSON export never hold a registered
alias (in any casing, UTF-8 or UTF-16); a journal of the old schema is converted and its
freed pages wiped; the key lives apart from the journal (0600 in a 0700 folder), and without
it aliases are counted but not recognised, and the doctor says so.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

import workbook as wb
from workbook import paths
from workbook.errors import JournalError
from workbook.exchange import export_json
from workbook.journal import migrations
from workbook.journal.alias_key import journal_uid
from workbook.journal.doctor import run_checks
from workbook.privacy import names

ALIASES = ("Quenby Thistlewood", "Quen", "Orla-Mae Fairweather")
WORDS = ("quenby", "thistlewood", "orla", "fairweather")


def readable(data: bytes, *needles: str) -> list[str]:
    """The needles found in ``data`` in any ASCII casing, as UTF-8 or UTF-16 (either byte order)."""
    low = data.lower()
    found = []
    for needle in needles:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if needle.lower().encode(encoding) in low:
                found.append(f"{needle} ({encoding})")
    return found


def every_file(path: Path) -> bytes:
    """The journal with its side files, as bytes."""
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())


def _register(journal: wb.Journal) -> None:
    journal.people.add("Parent A", "parent", aliases=list(ALIASES[:2]))
    journal.people.add("Carer B", "carer", aliases=[ALIASES[2]])
    journal.add(title="A visit", narrative="We talked about the garden.", people=["Parent A"])


def test_the_journal_file_and_its_wal_hold_no_alias(journal_path):
    with wb.Journal(journal_path) as j:
        _register(j)
        assert Path(f"{journal_path}-wal").exists()
        assert readable(every_file(journal_path), *ALIASES, *WORDS) == []  # while open: the -wal too
        assert j.people.get("quenby thistlewood").pseudonym == "Parent A"
    assert readable(every_file(journal_path), *ALIASES, *WORDS) == []
    conn = sqlite3.connect(journal_path)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(person_aliases)")]
    assert columns == ["person_id", "alias_no", "digest", "head"]
    conn.close()


def test_a_backup_and_an_export_hold_no_alias(journal_path, tmp_path):
    with wb.Journal(journal_path) as j:
        _register(j)
        backup = j.backup(tmp_path / "copy.db")
        export = tmp_path / "export.json"
        export_json(j, export)
    assert readable(every_file(backup), *ALIASES, *WORDS) == []
    assert readable(export.read_bytes(), *ALIASES, *WORDS) == []
    people = json.loads(export.read_text(encoding="utf-8"))["people"]
    assert people == [
        {"pseudonym": "Carer B", "role": "carer", "alias_count": 1},
        {"pseudonym": "Parent A", "role": "parent", "alias_count": 2},
    ]
    with wb.Journal(backup) as copy:  # a backup keeps the journal's uid, so its key still works
        assert copy.people.find_pseudonym("Orla Mae Fairweather") == "Carer B"


@pytest.mark.parametrize(
    "text, found",
    [
        ("I rang Quenby Thistlewood today.", "Quenby Thistlewood"),
        ("QUENBY THISTLEWOOD came in.", "QUENBY THISTLEWOOD"),
        ("Quenby Thistlewood's son", "Quenby Thistlewood"),
        ("Quenby Thistlewood’s son", "Quenby Thistlewood"),
        ("Quénby  Thistlewood", "Quénby  Thistlewood"),
        ("Que\u0301nby Thistlewood", "Que\u0301nby Thistlewood"),
        ("quenby\nthistlewood", "quenby\nthistlewood"),
        ("Orla Mae Fairweather", "Orla Mae Fairweather"),
        ("orla-mae fairweather", "orla-mae fairweather"),
        ("Orlamae Fairweather", "Orlamae Fairweather"),
        ("Orla–Mae Fairweather", "Orla–Mae Fairweather"),
        ("ＱＵＥＮ said so", "ＱＵＥＮ"),
        ("Quen's mum", "Quen"),
    ],
)
def test_alias_spans_find_the_variants_a_name_is_typed_in(journal, text, found):
    journal.people.add("Parent Q", "parent", aliases=list(ALIASES[:2]))
    journal.people.add("Carer O", "carer", aliases=[ALIASES[2]])
    spans = journal.people.alias_spans(text)
    assert len(spans) == 1
    start, end, pseudonym = spans[0]
    assert text[start:end] == found
    assert pseudonym == ("Carer O" if "air" in found.lower() else "Parent Q")


def test_alias_spans_take_the_longest_name_and_leave_other_words(journal):
    journal.people.add("Parent Q", "parent", aliases=["Quen", "Quen Thistle"])
    text = "Quen Thistle and Quen, not Queenie or Thistle or frequent."
    assert journal.people.alias_spans(text) == [(0, 12, "Parent Q"), (17, 21, "Parent Q")]
    assert journal.people.alias_spans("") == []
    with pytest.raises(wb.ValidationError):
        journal.people.alias_spans(None)  # type: ignore[arg-type]


def test_lookups_by_alias_digest_the_query(journal):
    journal.people.add("Parent Q", "parent", aliases=["Quenby Thistlewood"])
    for name in ("quenby thistlewood", "QUÉNBY THISTLEWOOD", "  Quenby   Thistlewood ", "Quenby Thistlewood's"):
        assert journal.people.find_pseudonym(name) == "Parent Q"
        assert journal.people.get(name).pseudonym == "Parent Q"
    assert journal.people.find_pseudonym("Quenby") is None


def test_a_pseudonym_may_not_be_an_alias_nor_an_alias_a_pseudonym(journal):
    journal.people.add("Parent Q", "parent", aliases=["Quenby Thistlewood"])
    with pytest.raises(wb.ValidationError) as info:
        journal.people.add("QUENBY  thistlewood", "carer")
    assert info.value.field == "pseudonym" and "Quenby" not in str(info.value).title()
    with pytest.raises(wb.ValidationError) as info:
        journal.people.add("Someone", "carer", aliases=["parent-q"])
    assert info.value.field == "aliases[0]"
    with pytest.raises(wb.ValidationError) as info:
        journal.people.add("Someone", "carer", aliases=["Quill Ann Thistle Wood Smith"])
    assert info.value.field == "aliases[0]" and "words" in str(info.value)
    assert "Quill" not in str(info.value)


def test_the_key_is_kept_apart_private_and_found_by_the_journal_uid(journal_path, tmp_path):
    with wb.Journal(journal_path) as j:
        _register(j)
        uid = journal_uid(j.connection)
    key_file = paths.alias_key_path(uid)
    assert key_file.parent.parent == paths.user_data_dir() and key_file.parent.name == "keys"
    assert not key_file.is_relative_to(journal_path.parent)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert len(key_file.read_bytes()) == names.KEY_BYTES
    assert key_file.read_bytes() not in every_file(journal_path)
    with pytest.raises(ValueError):
        paths.alias_key_path("../../etc/passwd")


def test_a_journal_without_its_key_counts_aliases_but_cannot_recognise_them(journal_path):
    with wb.Journal(journal_path) as j:
        _register(j)
        key_file = paths.alias_key_path(journal_uid(j.connection))
    key_file.rename(key_file.with_suffix(".moved"))  # as on another computer
    with wb.Journal(journal_path) as j:
        assert [p.alias_count for p in j.people.list()] == [1, 2]
        assert not j.people.can_recognise_aliases()
        assert j.people.alias_spans("Quenby Thistlewood") == []
        assert j.people.find_pseudonym("Quenby Thistlewood") is None
        assert j.people.find_pseudonym("Parent A") == "Parent A"
        with pytest.raises(JournalError, match="alias key for this journal is missing"):
            j.people.add("Someone", "carer", aliases=["Another Name"])
        j.people.add("Someone", "carer")  # no alias: no key needed
    (aliases,) = [c for c in run_checks(journal_path) if c.name == "aliases"]
    assert (
        aliases.warn and "3 aliases cannot be recognised: the alias key for this journal is missing" in aliases.detail
    )
    assert str(key_file) in aliases.detail
    with wb.Journal(journal_path) as j:  # removing the unrecognisable aliases lets new ones in, under a new key
        j.people.update("Parent A", aliases=[])
        j.people.update("Carer B", aliases=[])
        j.people.add("Carer C", "carer", aliases=["Another Name"])
        assert j.people.find_pseudonym("another name") == "Carer C"
    assert key_file.exists()


def test_the_doctor_counts_recognisable_aliases(journal_path):
    with wb.Journal(journal_path) as j:
        _register(j)
    (aliases,) = [c for c in run_checks(journal_path) if c.name == "aliases"]
    assert aliases.status == "ok" and aliases.detail.startswith("3 aliases, kept as keyed digests")


def test_a_uid_that_is_not_ours_never_points_the_key_elsewhere(journal_path):
    with wb.Journal(journal_path) as j:
        _register(j)
        j.connection.execute("UPDATE journal_uid SET uid = '../../../tmp/x'")
    (aliases,) = [c for c in run_checks(journal_path) if c.name == "aliases"]
    assert aliases.warn and "no valid uid" in aliases.detail
    with wb.Journal(journal_path) as j:
        assert j.people.alias_spans("Quenby Thistlewood") == []
        with pytest.raises(JournalError):
            j.people.add("Someone", "carer", aliases=["Another Name"])


# -- the old schema: readable aliases converted, and gone from the bytes ----------------------------------
def _old_journal(
    path: Path, people: int, aliases: tuple[str, ...] = ("Quenby Thistlewood", "Orla-Mae Fairweather")
) -> None:
    """A journal as step 0003 left it: aliases readable, in clear (numbered per person)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.apply(conn, None, migrations.MIGRATIONS[:3])
    conn.execute("BEGIN")
    for i in range(people):
        pid = f"person-{i}"
        conn.execute(
            "INSERT INTO people VALUES (?, ?, ?, 'parent', '2024-01-01T00:00:00+00:00')", (pid, f"P{i}", f"p{i}")
        )
        for alias in (f"{name}{i}" for name in aliases):
            conn.execute("INSERT INTO person_aliases VALUES (?, ?, ?)", (pid, alias, alias.lower()))
    conn.execute("COMMIT")
    conn.close()


LONG = ("Quenby Thistlewood Longmeadow Farmcottages", "Orla Fairweather Underhill Brookside")


@pytest.mark.parametrize("aliases", [("Quenby Thistlewood", "Orla-Mae Fairweather"), LONG])
def test_migrating_an_old_journal_digests_its_aliases_and_wipes_them(tmp_path, aliases):
    path = tmp_path / "old" / "journal.db"
    _old_journal(path, 300, aliases)
    every_word = (*WORDS, "longmeadow", "farmcottages", "underhill", "brookside")
    assert readable(every_file(path), f"{aliases[0]}7")
    with wb.Journal(path) as j:
        assert migrations.ALIAS_DIGESTS_STEP in j.migrations_applied
        backup = j.backup_made
        assert j.people.get(f"{aliases[0].lower()}7").pseudonym == "P7"
        assert j.people.find_pseudonym(f"{aliases[1].replace('-', ' ')}12") == "P12"
        assert j.people.get("P3").alias_count == 2
        assert j.people.alias_spans(f"Met {aliases[1].upper()}5's mother") == [(4, 4 + len(aliases[1]) + 1, "P5")]
        assert readable(every_file(path), *every_word) == []  # open, with its -wal
    assert readable(every_file(path), *every_word) == []
    # the copy made before the step is the one place the old names still are (the doctor says so)
    assert backup is not None and readable(backup.read_bytes(), f"{aliases[0]}7")
    (old,) = [c for c in run_checks(path) if c.name == "readable aliases"]
    assert old.warn and backup.name in old.detail


def test_the_v1_fixture_loses_its_readable_alias(tmp_path):
    path = tmp_path / "v1.db"
    path.write_bytes((Path(__file__).parent / "fixtures" / "journal_v1.db").read_bytes())
    assert readable(path.read_bytes(), "Jo Example")
    with wb.Journal(path) as j:
        assert j.people.get("JO EXAMPLE").pseudonym == "Parent A"
    assert readable(every_file(path), "Jo Example", "jo example") == []


def test_without_the_wipe_the_old_names_stay_in_the_file(tmp_path, monkeypatch):
    """Why the step zeroes freed pages and vacuums: dropping the table alone can leave the
    names in pages the digests do not reuse (here: long aliases, each one digest)."""
    path = tmp_path / "old" / "journal.db"
    _old_journal(path, 300, ("Quenby Thistlewood Longmeadow Farmcottages", "Orla Fairweather Underhill Brookside"))
    step = migrations.MIGRATIONS[3]
    unwiped = migrations.Migration(step.name, step.statements, step.run, wipe=False)
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS[:3], unwiped))
    monkeypatch.setattr(migrations, "wipe_free_pages", lambda conn: None)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA secure_delete = OFF")
    migrations.apply(conn, None, migrations.MIGRATIONS)
    conn.close()
    assert readable(every_file(path), "Longmeadow Farmcottages")


def test_no_alias_in_logs_reprs_or_errors(journal, capsys, caplog):
    person = journal.people.add("Parent Q", "parent", aliases=["Quenby Thistlewood"])
    shown = repr(person) + repr(journal.people) + repr(journal.people.alias_index()) + str(journal.people.list())
    with pytest.raises(wb.ValidationError) as info:
        journal.people.add("Other", "parent", aliases=["Quenby Thistlewood", "Parent Q"])
    shown += str(info.value)
    out = capsys.readouterr()
    assert readable((shown + out.out + out.err + caplog.text).encode(), *WORDS) == []
    assert os.environ["XDG_DATA_HOME"]  # the conftest keeps key files in a temporary folder
