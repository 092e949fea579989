"""native.py: the lossless JSON document: its shape, private and atomic files, open files,
an empty journal, and reading JSON back with errors that name the line."""

from __future__ import annotations

import io
import json
import os
import stat

import pytest
from exchange_helpers import export_doc

from workbook import ValidationError
from workbook.exchange import FORMAT, atomic_text_file, export_json, read_json


def test_export_document_shape(journal, rich_journal):
    ids = rich_journal(journal)
    doc = export_doc(journal)
    assert list(doc) == [
        "format",
        "format_version",
        "exported_at",
        "people",
        "custom_tags",
        "entries",
        "revisions",
        "cpd_records",
    ]
    assert doc["format"] == FORMAT and doc["format_version"] == 2
    assert {e["id"] for e in doc["entries"]} == set(ids.values())  # the trash is included
    assert {"pseudonym": "Parent A", "role": "parent", "alias_count": 1} in doc["people"]
    assert "Jo Example" not in json.dumps(doc) and "aliases" not in json.dumps(doc["people"])
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


def test_export_json_file_is_private_and_atomic(journal, tmp_path, rich_journal):
    rich_journal(journal)
    target = tmp_path / "out.json"
    target.write_text("an older export")
    os.chmod(target, 0o644)
    assert export_json(journal, target) == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == FORMAT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left


def test_export_json_to_a_binary_file(journal, rich_journal):
    rich_journal(journal)
    buffer = io.BytesIO()
    export_json(journal, buffer)
    assert json.loads(buffer.getvalue().decode("utf-8"))["format"] == FORMAT


def test_export_of_an_empty_journal_is_valid_json(journal):
    doc = export_doc(journal)
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
