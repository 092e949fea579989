"""init, export, import, backup and demo: whole files, private (0600) and never overwritten unasked."""

from __future__ import annotations

import json
import stat

import pytest
from cli_helpers import added_id, assert_one_line_error, listed_ids

from workbook import Journal
from workbook.exchange import FORMATS, ExchangeFormat


def test_init_creates_a_private_journal_and_says_where(run, path):
    result = run("init")
    assert result.exit_code == 0, result.output
    assert f"Created a new journal at {path}" in result.output
    assert "-rw-------" in result.output and "only you can open it" in result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = run("init")
    assert again.exit_code == 0 and "left as it is" in again.output


def test_export_json_then_import_into_a_new_journal_is_lossless(run, three, ready, tmp_path):
    run("edit", three[0][:8], "--title", "Edited")
    run("delete", three[1][:8])
    out = tmp_path / "export.json"
    result = run("export", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Exported 3 entries" in result.output and "Aliases do not travel" in result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh" / "journal.db"
    assert run("init", journal=fresh).exit_code == 0
    imported = run("add", "--from-json", str(out), journal=fresh)
    assert imported.exit_code == 0, imported.output
    with Journal(ready) as old, Journal(fresh) as new:
        ids = old.entry_ids() + old.entry_ids(in_trash=True)
        assert len(ids) == 3
        for entry_id in ids:
            assert new.get(entry_id).to_dict() == old.get(entry_id).to_dict()
            assert [r.entry.to_dict() for r in new.history(entry_id)] == [
                r.entry.to_dict() for r in old.history(entry_id)
            ]
        assert [(p.pseudonym, p.alias_count) for p in new.people] == [(p.pseudonym, 0) for p in old.people]
    assert_one_line_error(run("add", "--from-json", str(out), journal=fresh), "already exists")


def test_export_refuses_to_overwrite_without_force(run, three, tmp_path):
    out = tmp_path / "export.csv"
    out.write_text("precious")
    assert_one_line_error(run("export", "-o", str(out)), "already exists", "--force", code=1)
    assert out.read_text() == "precious"
    result = run("export", "-o", str(out), "--force")
    assert result.exit_code == 0 and "as CSV" in result.output
    assert out.read_text(encoding="utf-8-sig").startswith("id,occurred_on,title")


def test_export_csv_defuses_formulas(run, ready, tmp_path):
    added_id(run("add", "--title", '=HYPERLINK("http://evil","click")', "--narrative", "@SUM(1)"))
    out = tmp_path / "out.csv"
    assert run("export", "--format", "csv", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(1)" in text
    assert ",=" not in text and ",@" not in text


def test_export_errors(run, three, tmp_path):
    assert_one_line_error(run("export", "-o", str(tmp_path / "missing" / "x.json")), "does not exist", code=1)
    assert_one_line_error(run("export", "--format", "xml", "-o", str(tmp_path / "x")), "'xml' is not one of", code=2)
    assert_one_line_error(run("export"), "Missing option", code=2)


def test_import_reads_an_export_into_a_new_journal(run, three, ready, tmp_path):
    out = tmp_path / "export.json"
    assert run("export", "-o", str(out)).exit_code == 0
    fresh = tmp_path / "fresh" / "journal.db"
    assert run("init", journal=fresh).exit_code == 0
    imported = run("import", str(out), journal=fresh)
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.count("Saved entry ") == 3
    with Journal(ready) as old, Journal(fresh) as new:
        assert [new.get(i).to_dict() for i in old.entry_ids()] == [old.get(i).to_dict() for i in old.entry_ids()]
        assert [p.pseudonym for p in new.people] == [p.pseudonym for p in old.people]
        assert new.people.find_pseudonym("Jo Example") is None  # aliases do not travel
    again = run("import", str(out), journal=fresh)  # the same file again adds nothing
    assert again.exit_code == 0, again.output
    assert "Saved entry" not in again.stdout
    assert "3 entries already in the journal were left as they were." in again.stdout
    with Journal(fresh) as new:
        assert len(new) == 3
    assert "Jo Example" not in out.read_text(encoding="utf-8")


def test_import_brings_back_the_cpd_records_and_says_how_many(run, three, ready, tmp_path):
    with Journal(ready) as journal:
        journal.add_cpd_record("swe", {"cpd_type": "Reflection", "learned": "Slowing down"}, [three[0]])
    out = tmp_path / "export.json"
    assert run("export", "-o", str(out)).exit_code == 0
    fresh = tmp_path / "fresh" / "journal.db"
    assert run("init", journal=fresh).exit_code == 0
    imported = run("import", str(out), journal=fresh)
    assert imported.exit_code == 0, imported.output
    assert "Saved 1 CPD record; 0 already in the journal were left as they were." in imported.stdout
    assert "Slowing down" not in imported.output  # counts only
    with Journal(fresh) as new:
        assert [r.kind for r in new.cpd_records()] == ["swe"]


def test_importing_an_older_export_digests_its_aliases_and_says_the_file_holds_them(run, ready, tmp_path):
    out = tmp_path / "export.json"
    assert run("export", "-o", str(out)).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["people"] = [{"pseudonym": "Carer Q", "role": "carer", "aliases": ["Quenby Thistlewood"]}]
    doc["entries"], doc["revisions"] = [], {}
    out.write_text(json.dumps(doc), encoding="utf-8")
    fresh = tmp_path / "fresh" / "journal.db"
    assert run("init", journal=fresh).exit_code == 0
    imported = run("import", str(out), journal=fresh)
    assert imported.exit_code == 0, imported.output
    assert "1 alias(es) as readable names" in imported.output and "Quenby" not in imported.output
    with Journal(fresh) as new:
        assert new.people.find_pseudonym("quenby thistlewood") == "Carer Q"
    assert b"thistlewood" not in fresh.read_bytes().lower()


def test_import_takes_entries_like_add_from_json(run, ready, tmp_path):
    source = tmp_path / "entries.data"
    source.write_text(json.dumps([{"title": "One", "people": ["Parent A"]}, {"title": "Two"}]))
    result = run("import", str(source), "--format", "json")
    assert result.exit_code == 0, result.output
    with Journal(ready) as journal:
        assert sorted(e.title for e in journal.entries()) == ["One", "Two"]
    source.write_text(json.dumps([{"title": "ok"}, {"narrative": "no title"}]))
    assert_one_line_error(run("import", str(source)), "Nothing was saved", "entries[1].title", code=1)
    with Journal(ready) as journal:
        assert len(journal) == 2


def test_import_errors(run, ready, tmp_path):
    table = tmp_path / "sheet.csv"
    table.write_text("id,title\n")
    assert_one_line_error(
        run("import", str(table)), "columns.occurred_on", "the column that holds each entry's date", code=1
    )
    assert_one_line_error(run("import", str(table), "--format", "tag-uses"), "'--format'", "'tag-uses' is not", code=2)
    assert_one_line_error(run("import", str(tmp_path / "missing.json")), "does not exist", code=2)
    bad = tmp_path / "bad.json"
    bad.write_text('[\n{"title" "missing colon"}\n]')
    assert_one_line_error(run("import", str(bad)), "not valid JSON", "line 2", code=1)
    with Journal(ready) as journal:
        assert len(journal) == 0


@pytest.fixture
def lines_format(monkeypatch):
    """A made-up format registered for one test: one title per line, both ways, not lossless."""
    calls = []

    def export(journal, path):
        calls.append("export")
        titles = [e.title for e in journal.entries()]
        path.write_text("".join(t + "\n" for t in titles))
        return len(titles)

    def read(path):
        calls.append("read")
        return [{"title": line} for line in path.read_text().splitlines()]

    monkeypatch.setitem(
        FORMATS, "lines", ExchangeFormat("lines", "one title per line, for a quick look", (".txt",), export, read)
    )
    return calls


def test_export_and_import_dispatch_by_the_registered_name(run, three, ready, tmp_path, lines_format):
    out = tmp_path / "titles.txt"
    result = run("export", "-o", str(out))  # chosen by the file name's ending
    assert result.exit_code == 0, result.output
    assert "as LINES" in result.output and "aliases" not in result.output  # not lossless: no warning
    assert out.read_text().splitlines()[0] == "Early"
    fresh = tmp_path / "fresh.db"
    assert run("init", journal=fresh).exit_code == 0
    assert run("import", "--format", "lines", str(out), journal=fresh).exit_code == 0
    assert lines_format == ["export", "read"]
    with Journal(fresh) as journal:
        assert len(journal) == 3


@pytest.mark.parametrize("command", ["export", "import"])
def test_format_choices_and_help_come_from_the_registry(run, lines_format, command):
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    names = "|".join(f.name for f in FORMATS.values() if (f.export if command == "export" else f.read))
    assert f"[{names}]" in result.output and names.endswith("|lines")
    assert "Formats:" in result.output
    assert "one title per line, for a quick look" in result.output
    summary = " ".join(FORMATS["json"].summary.split()[:4])
    assert summary in " ".join(result.output.split())
    assert ("one row per use of a tag" in result.output) == (command == "export")  # tag uses cannot be imported


def test_backup_default_and_explicit(run, three, ready, tmp_path):
    result = run("backup")
    assert result.exit_code == 0, result.output
    (copy,) = ready.parent.glob("journal-backup-*.db")
    assert str(copy) in result.output and stat.S_IMODE(copy.stat().st_mode) == 0o600
    with Journal(copy) as journal:
        assert len(journal) == 3
    dest = tmp_path / "copy.db"
    assert run("backup", str(dest)).exit_code == 0 and dest.exists()
    assert_one_line_error(run("backup", str(dest)), "already exists", code=1)


def test_demo_writes_a_journal_and_refuses_to_overwrite(run, tmp_path):
    target = tmp_path / "demo" / "demo.db"
    target.parent.mkdir()
    result = run("demo", str(target), "--entries", "12")
    assert result.exit_code == 0, result.output
    assert str(target) in result.output and "WORKBOOK_JOURNAL" in result.output
    listed = run("list", "--limit", "0", journal=target)
    assert listed.exit_code == 0 and len(listed_ids(listed)) >= 1
    assert_one_line_error(run("demo", str(target)), "already exists", "--force")
    again = run("demo", str(target), "--entries", "5", "--force")
    assert again.exit_code == 0, again.output


def test_demo_default_path_and_never_over_a_real_journal(run, ready):
    from workbook.paths import default_demo_path

    result = run("demo", "--entries", "5")
    assert result.exit_code == 0, result.output
    assert str(default_demo_path()) in result.output
    added_id(run("add", "--title", "My own entry"))
    assert_one_line_error(run("demo", str(ready), "--force"), "not a demo", "left unchanged")
    with Journal(ready) as journal:
        assert [e.title for e in journal.entries()] == ["My own entry"]
