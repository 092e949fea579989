"""exchange.py: the JSON export is lossless (export -> import reproduces every entry, its
history, the people register and your own tags), the CSV is safe to open in a spreadsheet,
files are written atomically and privately, and an import is all-or-nothing."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook import Journal, ValidationError
from workbook.exchange import (
    CSV_COLUMNS,
    FORMAT,
    atomic_text_file,
    csv_safe,
    export_csv,
    export_json,
    import_entries,
    read_json,
)


def _rich_journal(j: Journal) -> dict[str, str]:
    """Fill ``j`` (which has the conftest people) with entries using every feature."""
    j.add_tag("Stuck feeling", "feelings", "Feeling that nothing can move.", "My own tag")
    full = j.add(
        occurred_on="2025-06-01",
        title="Telling Parent A about the referral — صعب 😟",
        context="child-protection",
        people=["Parent A", "Young person B"],
        outcome="softened",
        stance=-1,
        template="gibbs",
        responses={"description": "We met at the door.\nShe cried.", "feelings": "\tTight chest"},
        narrative='=HYPERLINK("http://x")\nSecond line with "quotes", commas; and <b>markup</b>',
        tags=[
            {"tag": "anxious", "intensity": 2, "anchor": {"field": "narrative", "start": 0, "end": 10}},
            {"tag": "stuck-feeling", "anchor": {"field": "responses.feelings", "start": 1, "end": 6}},
            "softened",
        ],
        feelings_before=8,
        feelings_after=5,
        actions=[{"text": "Ask supervisor", "due_on": "2025-06-10"}, "Call back"],
        flagged=True,
        feedback=[{"author_role": "supervisor", "text": "Good use of silence.", "given_on": "2025-06-05"}],
    )
    j.update(full.id, outcome="held")
    j.set_action_status(full.id, full.actions[0].id, "done")
    plain = j.add(title="+44 phone call", occurred_on="2025-05-01", narrative="@mention -minus")
    trashed = j.add(title="Old note", occurred_on="2024-01-01", people=["Patient C"])
    j.delete(trashed.id)
    return {"full": full.id, "plain": plain.id, "trashed": trashed.id}


def _export(j: Journal) -> dict:
    buffer = io.StringIO()
    export_json(j, buffer)
    return json.loads(buffer.getvalue())


def _snapshot(j: Journal) -> dict:
    ids = j.entry_ids() + j.entry_ids(in_trash=True)
    return {
        "entries": {i: j.get(i).to_dict() for i in ids},
        "history": {i: [(r.revision, r.saved_at, r.entry.to_dict()) for r in j.history(i)] for i in ids},
        "people": [(p.pseudonym, p.role, p.aliases) for p in j.people.list()],
        "tags": [t for t in j.vocabulary().tags if t.custom],
    }


# -- JSON export --------------------------------------------------------------------------
def test_export_document_shape(journal):
    ids = _rich_journal(journal)
    doc = _export(journal)
    assert list(doc) == ["format", "format_version", "exported_at", "people", "custom_tags", "entries", "revisions"]
    assert doc["format"] == FORMAT and doc["format_version"] == 1
    assert {e["id"] for e in doc["entries"]} == set(ids.values())  # the trash is included
    assert {"pseudonym": "Parent A", "role": "parent", "aliases": ["Jo Example"]} in doc["people"]
    assert doc["custom_tags"] == [
        {
            "id": "stuck-feeling",
            "label": "Stuck feeling",
            "group": "feelings",
            "definition": "Feeling that nothing can move.",
            "reference": "My own tag",
        }
    ]
    assert [r["revision"] for r in doc["revisions"][ids["full"]]] == [1, 2]
    assert set(doc["revisions"]) == {ids["full"]}


def test_export_json_file_is_private_and_atomic(journal, tmp_path):
    _rich_journal(journal)
    target = tmp_path / "out.json"
    target.write_text("an older export")
    os.chmod(target, 0o644)
    assert export_json(journal, target) == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == FORMAT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left


def test_export_json_to_a_binary_file(journal):
    _rich_journal(journal)
    buffer = io.BytesIO()
    export_json(journal, buffer)
    assert json.loads(buffer.getvalue().decode("utf-8"))["format"] == FORMAT


def test_export_of_an_empty_journal_is_valid_json(journal):
    doc = _export(journal)
    assert doc["entries"] == [] and doc["revisions"] == {}


def test_failed_write_leaves_the_old_file_untouched(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("keep me")
    with pytest.raises(RuntimeError):
        with atomic_text_file(target) as handle:
            handle.write("half")
            raise RuntimeError("disk full")
    assert target.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_atomic_write_refuses_a_folder_and_a_missing_folder(tmp_path):
    with pytest.raises(ValidationError, match="is a folder"):
        with atomic_text_file(tmp_path):
            pass
    with pytest.raises(ValidationError, match="does not exist"):
        with atomic_text_file(tmp_path / "missing" / "x.json"):
            pass


# -- round trip ---------------------------------------------------------------------------
def test_export_then_import_into_a_fresh_journal_is_lossless(journal, journal_path):
    _rich_journal(journal)
    before = _snapshot(journal)
    with Journal(journal_path) as fresh:
        imported = import_entries(fresh, _export(journal))
        assert len(imported) == 3
        after = _snapshot(fresh)
        again = _export(fresh)
    assert after == before
    first = _export(journal)
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in first.items() if k != "exported_at"
    }


def test_round_trip_through_a_file(journal, tmp_path):
    _rich_journal(journal)
    export_json(journal, tmp_path / "out.json")
    with Journal(":memory:") as fresh:
        import_entries(fresh, read_json(tmp_path / "out.json"))
        assert _snapshot(fresh) == _snapshot(journal)


def test_the_imported_journal_can_be_edited_and_searched(journal):
    ids = _rich_journal(journal)
    with Journal(":memory:") as fresh:
        import_entries(fresh, _export(journal))
        updated = fresh.update(ids["full"], title="Renamed")
        assert updated.revision == 4
        assert [r.revision for r in fresh.history(ids["full"])] == [1, 2, 3, 4]
        assert [e.id for e in fresh.search("Renamed")] == [ids["full"]]
        assert fresh.entries(tags=["stuck-feeling"])[0].id == ids["full"]
        assert fresh.trash()[0].id == ids["trashed"]
        assert fresh.restore(ids["trashed"]).in_trash is False


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


@pytest.fixture(scope="module")
def two_journals():
    with Journal(":memory:") as source, Journal(":memory:") as target:
        yield source, target


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_TEXT, narrative=st.text(max_size=200).filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s)))
def test_round_trip_keeps_any_allowed_text(two_journals, title, narrative):
    source, target = two_journals
    narrative = "".join(c for c in narrative if c in "\t\n\r" or not (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F))
    entry = source.add(title=title, narrative=narrative)
    doc = _export(source)
    doc["entries"] = [e for e in doc["entries"] if e["id"] == entry.id]
    import_entries(target, doc)
    assert target.get(entry.id).to_dict() == entry.to_dict()


# -- import: shapes -----------------------------------------------------------------------
def test_import_one_mapping(journal):
    (entry,) = import_entries(journal, {"title": "One", "people": ["Jo Example"], "tags": ["anxious"]})
    assert entry.people == ("Parent A",) and entry.revision == 1
    assert journal.get(entry.id).title == "One"


def test_import_a_list_keeps_given_ids(journal):
    entries = import_entries(journal, [{"title": "A"}, {"title": "B", "id": "aaaaaaaa-0000-4000-8000-000000000000"}])
    assert [e.title for e in entries] == ["A", "B"]
    assert entries[1].id == "aaaaaaaa-0000-4000-8000-000000000000"


def test_import_an_empty_list_writes_nothing(journal, counts):
    before = counts(journal)
    assert import_entries(journal, []) == []
    assert counts(journal) == before


def test_import_accepts_timestamps_and_trash_state(journal):
    (entry,) = import_entries(
        journal,
        {
            "title": "Old",
            "created_at": "2020-01-01T10:00:00+00:00",
            "updated_at": "2020-02-01T10:00:00+00:00",
            "revision": 3,
            "deleted_at": "2021-01-01T00:00:00+00:00",
        },
    )
    assert entry.created_at.isoformat() == "2020-01-01T10:00:00+00:00"
    assert entry.updated_at.isoformat() == "2020-02-01T10:00:00+00:00"
    assert entry.revision == 3 and entry.in_trash


# -- import: refusals (nothing written) ---------------------------------------------------
BAD_IMPORTS = [
    pytest.param(
        [{"title": "ok"}, {"title": "ok"}, {"narrative": "no title"}],
        "entries[2].title",
        "required",
        id="missing-title",
    ),
    pytest.param(
        [{"title": "ok"}, {"title": "x", "tags": ["anxius"]}],
        "entries[1].tags[0].tag",
        "Did you mean 'anxious'",
        id="unknown-tag",
    ),
    pytest.param(
        [{"title": "x", "people": ["Nobody"]}],
        "entries[0].people[0]",
        "not in the people register",
        id="unknown-person",
    ),
    pytest.param(
        [{"title": "x", "occurred_on": "2025-02-30"}],
        "entries[0].occurred_on",
        "not a real calendar date",
        id="bad-date",
    ),
    pytest.param(
        [{"title": "x", "created_at": "yesterday"}], "entries[0].created_at", "not a date and time", id="bad-created"
    ),
    pytest.param(
        [{"title": "x", "created_at": "2020-01-01T00:00:00"}],
        "entries[0].created_at",
        "no time zone",
        id="naive-created",
    ),
    pytest.param(
        [{"title": "x", "created_at": "2020-01-02T00:00:00+00:00", "updated_at": "2020-01-01T00:00:00+00:00"}],
        "entries[0].updated_at",
        "before created_at",
        id="updated-before-created",
    ),
    pytest.param([{"title": "x", "revision": 0}], "entries[0].revision", "1 or more", id="revision-0"),
    pytest.param([{"title": "x", "revision": True}], "entries[0].revision", "1 or more", id="revision-bool"),
    pytest.param([{"title": "x", "colour": "red"}], "entries[0].colour", "not a field", id="unknown-field"),
    pytest.param(["just a title"], "entries[0]", "must be a mapping", id="not-a-mapping"),
    pytest.param(
        [
            {"title": "a", "id": "aaaaaaaa-0000-4000-8000-000000000000"},
            {"title": "b", "id": "aaaaaaaa-0000-4000-8000-000000000000"},
        ],
        "entries[1].id",
        "also the id of entry 0",
        id="duplicate-ids",
    ),
    pytest.param({"narrative": "x"}, "title", "required", id="single-mapping-no-prefix"),
    pytest.param("a string", "data", "must be an entry", id="string"),
    pytest.param(42, "data", "must be an entry", id="number"),
]


@pytest.mark.parametrize("data, field, fragment", BAD_IMPORTS)
def test_bad_import_is_refused_and_nothing_is_written(journal, counts, data, field, fragment):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        import_entries(journal, data)
    assert info.value.field == field
    assert fragment in str(info.value)
    assert counts(journal) == before


def test_existing_id_is_refused(journal, counts):
    entry = journal.add(title="Here already")
    before = counts(journal)
    with pytest.raises(ValidationError, match=r"already exists in this journal") as info:
        import_entries(journal, [{"title": "new"}, {"title": "copy", "id": entry.id}])
    assert info.value.field == "entries[1].id"
    assert counts(journal) == before


def _doc(**parts) -> dict:
    return {"format": FORMAT, "format_version": 1, "exported_at": "2026-01-01T00:00:00+00:00", **parts}


BAD_DOCUMENTS = [
    pytest.param({"format": "day-one"}, "format", "not a Reflective Workbook export", id="wrong-format"),
    pytest.param(_doc(format_version=2), "format_version", "newer version", id="newer-version"),
    pytest.param(_doc(format_version="1"), "format_version", "whole number", id="version-text"),
    pytest.param(_doc(extra=1), "extra", "not a part", id="unknown-key"),
    pytest.param(_doc(entries={"title": "x"}), "entries", "must be a list", id="entries-not-list"),
    pytest.param(_doc(people=[{"pseudonym": "New", "role": "wizard"}]), "people[0].role", "not allowed", id="bad-role"),
    pytest.param(
        _doc(people=[{"pseudonym": "New", "role": "parent", "age": 3}]),
        "people[0].age",
        "not a known key",
        id="person-key",
    ),
    pytest.param(
        _doc(people=[{"pseudonym": "New", "role": "parent", "aliases": ["Patient C"]}]),
        "people[0].aliases[0]",
        "already someone's pseudonym",
        id="alias-is-existing-pseudonym",
    ),
    pytest.param(
        _doc(people=[{"pseudonym": "Jo Example", "role": "parent"}]),
        "people[0].pseudonym",
        "alias",
        id="pseudonym-is-existing-alias",
    ),
    pytest.param(
        _doc(people=[{"pseudonym": "New", "role": "parent"}, {"pseudonym": "new", "role": "carer"}]),
        "people[1].pseudonym",
        "listed twice",
        id="duplicate-new-people",
    ),
    pytest.param(
        _doc(
            people=[
                {"pseudonym": "New One", "role": "parent"},
                {"pseudonym": "Other", "role": "carer", "aliases": ["new one"]},
            ]
        ),
        "people",
        "another's alias",
        id="alias-is-new-pseudonym",
    ),
    pytest.param(
        _doc(custom_tags=[{"id": "x-tag", "label": "Anxious", "group": "feelings", "definition": "d"}]),
        "custom_tags[0].label",
        "already has this name",
        id="tag-label-clash",
    ),
    pytest.param(
        _doc(custom_tags=[{"id": "Bad Id", "label": "Mine", "group": "feelings", "definition": "d"}]),
        "custom_tags[0].id",
        "lowercase",
        id="tag-bad-id",
    ),
    pytest.param(
        _doc(custom_tags=[{"id": "mine", "label": "Mine", "group": "moods", "definition": "d"}]),
        "custom_tags[0].group",
        "not allowed",
        id="tag-bad-group",
    ),
    pytest.param(
        _doc(
            entries=[{"title": "x", "id": "aaaaaaaa-0000-4000-8000-000000000000", "revision": 2}],
            revisions={
                "aaaaaaaa-0000-4000-8000-000000000000": [
                    {
                        "id": "aaaaaaaa-0000-4000-8000-000000000000",
                        "title": "old",
                        "occurred_on": "2025-01-01",
                        "revision": 2,
                        "updated_at": "2025-01-01T00:00:00+00:00",
                    }
                ]
            },
        ),
        "revisions.aaaaaaaa-0000-4000-8000-000000000000[0].revision",
        "lower than",
        id="revision-not-older",
    ),
    pytest.param(
        _doc(entries=[], revisions={"bbbbbbbb-0000-4000-8000-000000000000": []}),
        "revisions.bbbbbbbb-0000-4000-8000-000000000000",
        "names no entry",
        id="revisions-for-unknown-entry",
    ),
    pytest.param(
        _doc(
            entries=[{"title": "x", "id": "aaaaaaaa-0000-4000-8000-000000000000", "revision": 2}],
            revisions={"aaaaaaaa-0000-4000-8000-000000000000": [{"title": "no id"}]},
        ),
        "revisions.aaaaaaaa-0000-4000-8000-000000000000[0]",
        "not an earlier version",
        id="revision-garbage",
    ),
]


@pytest.mark.parametrize("doc, field, fragment", BAD_DOCUMENTS)
def test_bad_document_is_refused_and_nothing_is_written(journal, counts, doc, field, fragment):
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        import_entries(journal, doc)
    assert info.value.field == field
    assert fragment in str(info.value)
    assert counts(journal) == before


def test_people_and_tags_are_not_created_when_an_entry_is_bad(journal, counts):
    before = counts(journal)
    doc = _doc(
        people=[{"pseudonym": "Carer D", "role": "carer", "aliases": ["Dee"]}],
        custom_tags=[{"id": "mine", "label": "Mine", "group": "feelings", "definition": "d"}],
        entries=[{"title": "fine", "people": ["Dee"], "tags": ["mine"]}, {"title": "x", "stance": 7}],
    )
    with pytest.raises(ValidationError, match=r"entries\[1\]\.stance"):
        import_entries(journal, doc)
    assert counts(journal) == before
    assert journal.people.find_pseudonym("Carer D") is None
    assert journal.vocabulary().find("mine") is None


def test_document_people_and_tags_are_added_when_missing(journal):
    doc = _doc(
        people=[
            {"pseudonym": "Parent A", "role": "carer", "aliases": ["Someone else"]},  # exists: kept as it is
            {"pseudonym": "Carer D", "role": "carer", "aliases": ["Dee"]},
        ],
        custom_tags=[
            {"id": "mine", "label": "Mine", "group": "feelings", "definition": "d", "reference": "r"},
            {"id": "anxious", "label": "Anxious", "group": "feelings", "definition": "d", "reference": "r"},  # known
        ],
        entries=[{"title": "uses them", "people": ["Dee", "Parent A"], "tags": ["mine"]}],
    )
    (entry,) = import_entries(journal, doc)
    assert entry.people == ("Carer D", "Parent A")
    assert journal.people.get("Parent A").role == "parent"
    assert journal.people.get("Parent A").aliases == ("Jo Example",)
    assert journal.people.get("Dee").pseudonym == "Carer D"
    assert journal.vocabulary().find("mine").custom
    assert entry.tags[0].tag == "mine"


def test_read_json_names_the_line_of_a_syntax_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[\n {"title": "x"},\n {"title": }\n]')
    with pytest.raises(ValidationError, match=r"not valid JSON: .* line 3"):
        read_json(bad)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"title": "caf\xe9"}'.encode("latin-1"))
    with pytest.raises(ValidationError, match="not UTF-8"):
        read_json(latin)
    bom = tmp_path / "bom.json"
    bom.write_bytes('{"title": "ok"}'.encode("utf-8-sig"))
    assert read_json(bom) == {"title": "ok"}


# -- CSV ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+2", "'=1+2"),
        ("+44 1234", "'+44 1234"),
        ("-minus", "'-minus"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        (-2, -2),
        (None, None),
    ],
)
def test_csv_safe(value, expected):
    assert csv_safe(value) == expected


def _read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_csv_rows_columns_and_injection_guard(journal, tmp_path):
    ids = _rich_journal(journal)
    target = tmp_path / "out.csv"
    assert export_csv(journal, target) == 2  # the trash is left out
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rows = {r["id"]: r for r in _read_csv(target)}
    assert list(next(iter(rows.values()))) == list(CSV_COLUMNS)
    assert set(rows) == {ids["full"], ids["plain"]}
    full, plain = rows[ids["full"]], rows[ids["plain"]]
    assert full["narrative"].startswith("'=HYPERLINK(")
    assert full["title"] == "Telling Parent A about the referral — صعب 😟"
    assert full["people"] == "Parent A; Young person B"
    assert full["tags"] == "anxious:2; stuck-feeling; softened"
    assert full["stance"] == "-1"  # a number, not text: left alone
    assert (full["actions"], full["open_actions"]) == ("2", "1")
    assert full["flagged"] == "yes" and plain["flagged"] == "no"
    assert json.loads(full["responses"]) == journal.get(ids["full"]).responses
    assert plain["title"] == "'+44 phone call"
    assert plain["narrative"] == "'@mention -minus"
    assert plain["context"] == "" and plain["responses"] == ""
    for row in rows.values():
        for column, value in row.items():
            if column != "stance":  # a whole number, e.g. -1, is not a formula
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_export_csv_of_an_empty_journal_has_the_header(journal, tmp_path):
    assert export_csv(journal, tmp_path / "out.csv") == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").strip() == ",".join(CSV_COLUMNS)


def test_no_pandas_needed(child_env):
    import subprocess
    import sys

    code = (
        "import sys, workbook.exchange, workbook.journal.doctor; assert 'pandas' not in sys.modules, 'pandas imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=child_env)


def test_a_large_import_is_one_transaction(journal, counts):
    entries = [{"title": f"Entry {i}", "tags": ["anxious"], "people": ["Parent A"]} for i in range(400)]
    before = counts(journal)
    with pytest.raises(ValidationError, match=r"entries\[399\]\.title"):
        import_entries(journal, [*entries[:399], {"title": ""}])
    assert counts(journal) == before
    assert len(import_entries(journal, entries)) == 400
    assert len(journal) == 400
