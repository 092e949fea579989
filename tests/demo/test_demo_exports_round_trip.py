"""The demo journal (300 made-up entries, their history, people, own tags and CPD records)
goes out and comes back: the lossless JSON export is the same document after a round trip
into an empty journal, apart from its own time stamp (and the aliases' count: aliases never
travel, they are kept only as digests whose key stays on this computer)."""

from __future__ import annotations

import json

from workbook import Journal
from workbook.exchange import FORMATS, format_for, import_document
from workbook.exchange.incoming import SourceRead, bring_in


def _doc(journal, path):
    FORMATS["json"].export(journal, path)
    return json.loads(path.read_text(encoding="utf-8"))


def _without_stamp(doc: dict) -> dict:
    out = {k: v for k, v in doc.items() if k != "exported_at"}
    out["people"] = [{k: v for k, v in p.items() if k != "alias_count"} for p in doc["people"]]
    return out


def test_json_export_import_export_is_the_same_document(demo_journal, tmp_path):
    first = _doc(demo_journal, tmp_path / "first.json")
    assert len(first["entries"]) >= 300 and first["revisions"] and first["custom_tags"] and first["people"]
    assert any(e["deleted_at"] for e in first["entries"])  # the trash travels
    assert any(p["alias_count"] for p in first["people"])  # the demo has aliases: counted, never written
    with Journal(tmp_path / "fresh.db") as fresh:
        done = import_document(fresh, first)
        assert len(done.entries) == len(first["entries"])
        again = _doc(fresh, tmp_path / "again.json")
        assert import_document(fresh, first, skip_existing=True).entries_skipped == len(first["entries"])
    assert first["exported_at"] != again["exported_at"] or first["exported_at"]
    assert _without_stamp(again) == _without_stamp(first)
    assert all(p["alias_count"] == 0 for p in again["people"])


def test_every_export_format_writes_a_private_file_of_the_demo(demo_journal, tmp_path):
    for fmt in FORMATS.values():
        if fmt.export is None:
            continue
        target = tmp_path / (fmt.name + (fmt.suffixes[0] if fmt.suffixes else ".out"))
        count = fmt.export(demo_journal, target)
        assert count > 0, fmt.name
        paths = [target, *target.rglob("*")] if target.is_dir() else [target]
        for path in paths:
            mode = path.stat().st_mode & 0o777
            assert mode == (0o700 if path.is_dir() else 0o600), (fmt.name, path, oct(mode))


def test_every_format_that_reads_back_brings_the_demo_back_once(demo_journal, tmp_path):
    """Each format that goes both ways: out of the demo, into an empty journal, and again adds nothing."""
    titles = {e.title for e in demo_journal.entries()}
    for fmt in FORMATS.values():
        if fmt.export is None or fmt.read is None:
            continue
        target = tmp_path / (fmt.name + (fmt.suffixes[0] if fmt.suffixes else ""))
        fmt.export(demo_journal, target)
        assert format_for(target, direction="import").name == fmt.name
        with Journal(tmp_path / f"{fmt.name}.db") as fresh:
            for person in demo_journal.people.list():
                fresh.people.add(person.pseudonym, person.role)
            data = fmt.read(target)
            if isinstance(data, SourceRead):
                done = bring_in(fresh, data)
                assert done.problems == [], (fmt.name, done.problems[:3])
                again = bring_in(fresh, fmt.read(target))
                assert again.entries == [] and again.already == len(done.entries), fmt.name
            else:
                import_document(fresh, data, skip_existing=True)
                assert import_document(fresh, data, skip_existing=True).entries == [], fmt.name
            assert titles <= {e.title for e in fresh.entries()}, fmt.name


def test_markdown_folder_brings_the_demo_back_losslessly(demo_journal, tmp_path):
    first = _doc(demo_journal, tmp_path / "first.json")
    folder = tmp_path / "journal-notes"
    assert FORMATS["markdown"].export(demo_journal, folder) == len(first["entries"])
    with Journal(tmp_path / "from-markdown.db") as fresh:
        import_document(fresh, FORMATS["markdown"].read(folder))
        again = _doc(fresh, tmp_path / "again.json")
    assert _without_stamp(again) == _without_stamp(first)
