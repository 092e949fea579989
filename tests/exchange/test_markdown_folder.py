"""A folder of Markdown files: the workbook's own (one file per entry, trash in ``trash/``,
the rest of the journal in ``workbook.json``) comes back exactly, whatever text the entries
hold; it is written private and whole or not at all. A folder of someone's own notes
(Obsidian or plain files) goes through the shared import core: tags become tags of one's
own, dates come from the front matter or the file name, a bad file is reported by number,
and hostile YAML is refused without being run."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
import yaml
from exchange_helpers import export_doc, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook import Journal, ValidationError
from workbook.exchange import import_document, markdown
from workbook.exchange.incoming import ImportRefused, bring_in, preview
from workbook.exchange.markdown import (
    FRONT_FIELDS,
    MANIFEST,
    entry_text,
    export_markdown,
    parse_entry_text,
    read_markdown,
    recognise_markdown,
)
from workbook.models import Entry

NOTES = Path(__file__).parent / "samples" / "markdown" / "notes"
SECRET = "Quillfeather"  # a made-up name, in a note's text


@pytest.fixture
def exported(journal, rich_journal, tmp_path):
    """The rich journal with two CPD records, exported to ``tmp_path / "journal-md"``."""
    ids = rich_journal(journal)
    journal.add_cpd_record(
        "swe", {"cpd_type": "Reflection", "learned": "Slowing down"}, [ids["full"], ids["plain"]], made_on="2026-03-05"
    )
    journal.add_cpd_record("nmc-account", {"nature": "Feedback from a patient"}, [ids["trashed"]], made_on="2026-01-10")
    folder = tmp_path / "journal-md"
    assert export_markdown(journal, folder) == 3
    return ids, folder


def _without_stamp(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "exported_at"}


# -- the workbook's own folder: lossless -------------------------------------------------------------
def test_export_then_import_into_a_fresh_journal_is_lossless(journal, exported):
    _, folder = exported
    before = snapshot(journal)
    first = export_doc(journal)
    doc = read_markdown(folder)
    assert isinstance(doc, dict)
    with Journal(":memory:") as fresh:
        imported = import_document(fresh, doc, skip_existing=True)
        assert len(imported.entries) == 3 and len(imported.cpd_records) == 2
        assert snapshot(fresh) == before
        again = export_doc(fresh)
    for person in first["people"]:
        person["alias_count"] = 0  # aliases never travel
    assert _without_stamp(again) == _without_stamp(first)
    assert len(first["revisions"]) == 1 and len(first["cpd_records"]) == 2  # there was history to carry


def test_importing_the_folder_again_adds_nothing(exported):
    _, folder = exported
    with Journal(":memory:") as fresh:
        import_document(fresh, read_markdown(folder), skip_existing=True)
        count = len(fresh.entry_ids()) + len(fresh.entry_ids(in_trash=True))
        second = import_document(fresh, read_markdown(folder), skip_existing=True)
        assert second.entries == [] and second.entries_skipped == 3 and second.cpd_records_skipped == 2
        assert len(fresh.entry_ids()) + len(fresh.entry_ids(in_trash=True)) == count == 3


def test_one_file_per_entry_named_by_date_title_and_id_with_the_trash_apart(journal, exported):
    ids, folder = exported
    full = journal.get(ids["full"])
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [
            f"2025-06-01-telling-parent-a-about-the-referral-{ids['full'][:8]}.md",
            f"2025-05-01-44-phone-call-{ids['plain'][:8]}.md",
            "README.md",
            MANIFEST,
            "trash",
        ]
    )
    assert [p.name for p in (folder / "trash").iterdir()] == [f"2024-01-01-old-note-{ids['trashed'][:8]}.md"]
    text = (folder / f"2025-06-01-telling-parent-a-about-the-referral-{ids['full'][:8]}.md").read_text("utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert list(front) == list(FRONT_FIELDS)
    assert front == {k: v for k, v in full.to_dict().items() if k not in ("narrative", "responses")}
    body = text.split("---\n", 2)[2]
    assert "## Description\n\nWe met at the door.\nShe cried.\n" in body  # the stage's own title
    assert body.index("<!-- workbook:narrative -->") < body.index("## Description") < body.index("## Feelings")
    readme = (folder / "README.md").read_text("utf-8")
    assert "private text" in readme and "trash" in readme and SECRET not in readme


def test_the_folder_and_every_file_in_it_are_private(exported):
    _, folder = exported
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path.name


def test_file_names_never_clash_and_stay_safe(tmp_path):
    with Journal(":memory:") as j:
        a = j.add(title="../../etc/passwd", occurred_on="2025-01-01", id="abcdef12-0000-4000-8000-000000000001")
        b = j.add(title="../../ETC/passwd", occurred_on="2025-01-01", id="abcdef12-0000-4000-8000-000000000002")
        c = j.add(title="صعب 😟", occurred_on="2025-01-01")
        export_markdown(j, tmp_path / "out")
        names = sorted(p.name for p in (tmp_path / "out").glob("2025-*"))
        assert names == sorted(
            [f"2025-01-01-etc-passwd-{a.id[:8]}.md", f"2025-01-01-etc-passwd-{b.id}.md", f"2025-01-01-{c.id[:8]}.md"]
        )
        doc = read_markdown(tmp_path / "out")
        assert [e["title"] for e in doc["entries"]] == [e.title for e in j.load(j.entry_ids())]


# -- any allowed text comes back exactly ---------------------------------------------------------------
_TRICKY = st.sampled_from(
    [
        "<!-- workbook:end -->",
        "<!-- workbook:narrative -->",
        "<!-- workbook:stage description -->",
        "\\",
        "\\\\<!-- workbook:",
        "\n",
        "\r",
        "\r\n",
        "---",
        "...",
        "## ",
        "# ",
        "\t",
        "\u2028",
        "\ufeff",
        "```",
        " ",
        "-->",
    ]
)
_CHAR = st.characters(blacklist_categories=("Cs", "Cc"))
_LONG = st.lists(_TRICKY | st.text(_CHAR, max_size=5), max_size=25).map("".join)
_TITLE = st.lists(st.sampled_from(["<!-- workbook:end -->", "---", "\\", "# ", "'", '"']) | st.text(_CHAR, max_size=5))
_TITLE = _TITLE.map("".join).map(lambda s: "".join(c for c in s if c not in "\u2028\u2029")).filter(str.strip)


@settings(max_examples=300, deadline=None)
@given(narrative=_LONG, description=_LONG, feelings=_LONG, title=_TITLE.filter(lambda s: len(s) <= 200))
def test_any_text_survives_the_file(narrative, description, feelings, title):
    entry = Entry.from_dict(
        {
            "id": "0a0bd38e-6960-4e32-854e-323d5c663a6b",
            "occurred_on": "2025-06-01",
            "title": title,
            "template": "gibbs",
            "narrative": narrative,
            "responses": {"description": description, "feelings": feelings},
            "actions": [{"id": "a1", "text": narrative or "x", "status": "open", "due_on": None}],
        }
    )
    text = entry_text(entry, lambda template, stage: stage.title())
    assert parse_entry_text(text) == entry.to_dict()


@pytest.fixture(scope="module")
def two_journals():
    with Journal(":memory:") as source, Journal(":memory:") as target:
        yield source, target


_ALLOWED = st.text(st.one_of(_CHAR, st.sampled_from("\t\n\r")), max_size=200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(narrative=_ALLOWED | _LONG, answer=_ALLOWED | _LONG)
def test_any_allowed_text_round_trips_through_a_folder(two_journals, narrative, answer):
    source, target = two_journals
    entry = source.add(
        title="A visit", narrative=narrative, template="gibbs", responses={"description": answer, "analysis": narrative}
    )
    parent = Path(tempfile.mkdtemp())
    try:
        export_markdown(source, parent / "out")
        doc = read_markdown(parent / "out")
    finally:
        shutil.rmtree(parent)
    doc["entries"] = [e for e in doc["entries"] if e["id"] == entry.id]
    doc["revisions"] = {}
    import_document(target, doc)
    assert target.get(entry.id).to_dict() == entry.to_dict()


# -- written whole or not at all ------------------------------------------------------------------------
def test_a_failure_part_way_leaves_no_folder_and_no_temporary_folder(journal, rich_journal, tmp_path, monkeypatch):
    rich_journal(journal)
    real = markdown._write_private
    calls = []

    def failing(path, text):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(path, text)

    monkeypatch.setattr(markdown, "_write_private", failing)
    with pytest.raises(OSError):
        export_markdown(journal, tmp_path / "out")
    assert len(calls) == 2
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_not_empty_is_never_overwritten(journal, tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    with pytest.raises(ValidationError) as refused:
        export_markdown(journal, target)
    assert refused.value.field == "output"
    assert [p.name for p in target.iterdir()] == ["mine.txt"]
    (tmp_path / "a-file").write_text("keep me too")
    with pytest.raises(ValidationError, match="is a file"):
        export_markdown(journal, tmp_path / "a-file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "out"]  # no temporary folder left


def test_an_empty_folder_is_filled(journal, rich_journal, tmp_path):
    rich_journal(journal)
    (tmp_path / "out").mkdir()
    assert export_markdown(journal, tmp_path / "out") == 3
    assert (tmp_path / "out" / MANIFEST).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_temporary_folder_left_by_a_killed_export_is_removed(journal, tmp_path):
    stale = tmp_path / ".out.999999999-abcdefgh.tmp"
    stale.mkdir()
    (stale / "entry.md").write_text("half written")
    export_markdown(journal, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# -- a folder of the workbook's that was changed --------------------------------------------------------
def test_a_broken_entry_file_is_refused_naming_the_file(exported):
    ids, folder = exported
    (path,) = folder.glob(f"*-{ids['plain'][:8]}.md")
    text = path.read_text("utf-8")
    path.write_text(text.replace("<!-- workbook:end -->\n", ""), "utf-8")
    with pytest.raises(ValidationError) as refused:
        read_markdown(folder)
    assert path.name in str(refused.value) and "out of order" in str(refused.value)
    path.unlink()
    with pytest.raises(ValidationError, match=f"{path.name} is missing"):
        read_markdown(folder)


def test_a_field_added_to_the_front_matter_is_refused(exported):
    ids, folder = exported
    (path,) = folder.glob(f"*-{ids['plain'][:8]}.md")
    path.write_text(path.read_text("utf-8").replace("---\nid:", "---\nsecret_field: 1\nid:", 1), "utf-8")
    with pytest.raises(ValidationError, match="secret_field, which is not a field"):
        read_markdown(folder)


def test_the_list_of_files_cannot_point_outside_the_folder(exported, tmp_path):
    _, folder = exported
    manifest = folder / MANIFEST
    manifest.write_text(manifest.read_text("utf-8").replace('"entry_files": [\n', '"entry_files": [\n"../x.md",\n'))
    with pytest.raises(ValidationError, match=r"entry_files\[0\] is not the name"):
        read_markdown(folder)


def test_hostile_yaml_in_an_entry_file_is_refused_and_never_run(exported, tmp_path):
    ids, folder = exported
    canary = tmp_path / "canary"
    (path,) = folder.glob(f"*-{ids['plain'][:8]}.md")
    hostile = f'---\nid: !!python/object/apply:builtins.open ["{canary}", "w"]\n'
    path.write_text(path.read_text("utf-8").replace("---\nid:", hostile + "title_was:", 1), "utf-8")
    with pytest.raises(ValidationError) as refused:
        read_markdown(folder)
    assert path.name in str(refused.value) and "'!' tag at line 2" in str(refused.value)
    assert not canary.exists()


# -- a folder of someone's own notes ---------------------------------------------------------------------
def test_notes_are_read_one_entry_per_file_in_file_order():
    read = read_markdown(NOTES)
    assert read.format == "markdown" and read.unit == "file" and read.label == "notes"
    got = [(e.number, e.key, str(e.occurred_on), e.title, e.labels, e.mood) for e in read.entries]
    assert got == [
        (1, "", "2024-03-05", "Home visit with the Harrow family", ("home-visit", "worried", "supervision"), None),
        (2, "", "2024-04-02", "Team meeting", (), None),  # the date from the name, the title from the heading
        (3, "", "2024-03-12", "daily-note", ("night-shift", "handover", "tired"), "low"),
        (5, "sup-0419", "2024-04-19", "Supervision: the referral that went wrong", ("supervision", "learning"), None),
    ]
    assert [p.number for p in read.problems] == [4]  # "shopping list.md" has no date
    assert "Arrived early and waited in the car." in read.entries[0].narrative
    assert not read.entries[0].narrative.startswith("---")  # the front matter is not text


def test_notes_come_in_through_the_shared_core(journal):
    read = read_markdown(NOTES)
    dry = preview(journal, read)
    assert (dry.new, dry.already, [p.number for p in dry.problems]) == (4, 0, [4])
    with pytest.raises(ImportRefused) as refused:
        bring_in(journal, read)
    assert [p.number for p in refused.value.problems] == [4] and "file 4" in str(refused.value)
    assert journal.entry_ids() == []
    brought = bring_in(journal, read, good_rows_only=True)
    assert len(brought.entries) == 4
    assert {"home-visit", "worried", "night-shift", "handover", "tired", "learning"} <= {
        t.id for t in journal.vocabulary().tags if t.custom
    }
    visit = next(e for e in brought.entries if e.title.startswith("Home visit"))
    assert {"home-visit", "worried"} <= set(visit.tag_ids)
    again = bring_in(journal, read_markdown(NOTES), good_rows_only=True)
    assert again.entries == [] and again.already == 4


def test_a_note_that_cannot_be_read_is_a_problem_by_number_never_quoting_it(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "2024-01-01-a.md").write_text(f"---\ntitle: [unclosed\n---\n{SECRET} was there.\n")
    (folder / "2024-01-02-b.md").write_text(f"---\ndate: 2024-02-30\n---\n{SECRET}\n")
    (folder / "2024-01-03-c.md").write_bytes(b"\xff\xfe not utf-8")
    (folder / "2024-01-04-d.md").write_text("x" * (markdown.NOTE_MAX_BYTES + 1))
    (folder / "2024-01-05-e.md").write_text(f"---\n- {SECRET}\n---\nbody\n")
    (folder / "2024-01-06-f.md").write_text(f"---\ntags: {{a: {SECRET}}}\n---\nbody\n")
    (folder / "2024-01-07-g.md").write_text("fine\n")
    read = read_markdown(folder)
    assert [e.number for e in read.entries] == [7]
    assert [p.number for p in read.problems] == [1, 2, 3, 4, 5, 6]
    assert all(SECRET not in p.reason for p in read.problems)
    assert SECRET not in repr(read) and SECRET not in repr(read.entries)
    assert "valid YAML at line 3" in read.problems[0].reason and "date" in read.problems[1].reason
    assert "UTF-8" in read.problems[2].reason and "larger than 1 MB" in read.problems[3].reason


def test_hostile_yaml_in_a_note_is_refused_and_never_run(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    canary = tmp_path / "canary"
    (folder / "2024-01-01.md").write_text(f'---\ntitle: !!python/object/apply:builtins.open ["{canary}", "w"]\n---\n')
    laughs = "---\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\ntags: [*b, *b, *b]\n---\n"
    (folder / "2024-01-02.md").write_text(laughs)
    read = read_markdown(folder)
    assert read.entries == [] and [p.number for p in read.problems] == [1, 2]
    assert "alias" in read.problems[1].reason and "tag" in read.problems[0].reason
    assert not canary.exists()


def test_dates_and_tags_in_their_several_spellings(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("---\ncreated: 2024-05-06 10:30\ntags: '#one two,three'\n---\n")
    (folder / "b.md").write_text("---\ndate: '2024-05-07T09:00:00Z'\ntags: [four, '#five', 6]\n---\n")
    (folder / "c 2024-05-08 notes.md").write_text("---\ntitle: ''\n---\n## A heading ##\ntext\n")
    read = read_markdown(folder)
    assert [(str(e.occurred_on), e.labels, e.title) for e in read.entries] == [
        ("2024-05-06", ("one", "two", "three"), "a"),
        ("2024-05-07", ("four", "five", "6"), "b"),
        ("2024-05-08", (), "A heading"),
    ]


def test_links_hidden_folders_and_other_files_are_left_out(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(f"---\ndate: 2024-01-01\n---\n{SECRET}\n")
    folder = tmp_path / "notes"
    (folder / ".obsidian").mkdir(parents=True)
    (folder / ".obsidian" / "2024-01-01-config.md").write_text("x")
    (folder / "2024-01-02-linked.md").symlink_to(outside)
    (folder / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    (folder / "2024-01-03-photo.png").write_bytes(b"\x89PNG")
    (folder / "2024-01-04-real.md").write_text("mine\n")
    read = read_markdown(folder)
    assert [(e.number, e.narrative) for e in read.entries] == [(1, "mine\n")] and read.problems == []


def test_a_folder_with_too_many_files_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(markdown, "FILES_MAX", 3)
    for n in range(4):
        (tmp_path / f"2024-01-0{n + 1}.md").write_text("x")
    with pytest.raises(ValidationError, match="more than 3 files"):
        read_markdown(tmp_path)


def test_a_folder_with_no_notes_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ValidationError, match="holds no Markdown"):
        read_markdown(tmp_path)
    with pytest.raises(ValidationError, match="is not a folder"):
        read_markdown(tmp_path / "a.txt")


def test_recognise_a_folder_of_markdown(exported, tmp_path):
    _, folder = exported
    assert recognise_markdown(NOTES) and recognise_markdown(folder)
    (folder / "README.md").unlink()
    for path in folder.rglob("*.md"):
        path.unlink()
    assert recognise_markdown(folder)  # the list alone says it is ours
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.txt").write_text("x")
    assert not recognise_markdown(empty)
    assert not recognise_markdown(empty / "a.txt")
    assert not recognise_markdown(tmp_path / "missing")
    nested = tmp_path / "nested" / "deeper"
    nested.mkdir(parents=True)
    (nested / "n.md").write_text("x")
    assert recognise_markdown(tmp_path / "nested")
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0)
    try:
        assert recognise_markdown(locked) in (False, True)  # never raises (root may still read it)
    finally:
        os.chmod(locked, 0o700)


def test_a_folder_from_a_newer_version_is_refused(exported):
    _, folder = exported
    manifest = folder / MANIFEST
    manifest.write_text(manifest.read_text("utf-8").replace('"format_version": 1,', '"format_version": 2,'))
    with pytest.raises(ValidationError, match="newer version of Reflective Workbook"):
        read_markdown(folder)
    manifest.write_text(manifest.read_text("utf-8").replace('"format_version": 2,', '"format_version": 1,'))
    manifest.write_text(
        manifest.read_text("utf-8").replace('"journal_format_version": 2,', '"journal_format_version": 9,')
    )
    with pytest.raises(ValidationError, match=f"{MANIFEST}: format_version: is 9"):
        read_markdown(folder)


def test_another_tools_workbook_json_leaves_a_folder_of_notes(tmp_path):
    shutil.copytree(NOTES, tmp_path / "notes")
    (tmp_path / "notes" / MANIFEST).write_text('{"settings": {"theme": "dark"}}')
    read = read_markdown(tmp_path / "notes")
    assert read.format == "markdown" and len(read.entries) == 4
