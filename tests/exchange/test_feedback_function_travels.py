"""The supervision function of a feedback comment (schema step 0006) survives the native JSON
export and import; a document naming a function outside the allowed list is refused."""

from __future__ import annotations

import pytest

from workbook import Journal
from workbook.errors import ValidationError
from workbook.exchange import export_json, import_entries, read_json


def test_the_function_survives_export_and_import(tmp_path):
    with Journal(":memory:") as source:
        entry = source.add(occurred_on="2026-02-01", title="Breaking news", narrative="Told the family.")
        source.add_feedback(entry.id, "supervisor", "Name what it cost you.", "2026-02-03", function="support")
        source.add_feedback(entry.id, "peer", "Plain comment.", "2026-02-04")
        export_json(source, tmp_path / "out.json")
    document = read_json(tmp_path / "out.json")
    with Journal(":memory:") as fresh:
        import_entries(fresh, document)
        kept = fresh.get(entry.id).feedback
    assert [(f.author_role, f.function) for f in kept] == [("supervisor", "support"), ("peer", None)]


def test_a_function_outside_the_list_is_refused_on_import(tmp_path):
    with Journal(":memory:") as source:
        entry = source.add(occurred_on="2026-02-01", title="T", narrative="N")
        source.add_feedback(entry.id, "supervisor", "Comment.", "2026-02-03", function="educational")
        export_json(source, tmp_path / "out.json")
    text = (tmp_path / "out.json").read_text(encoding="utf-8").replace('"educational"', '"therapy"')
    (tmp_path / "out.json").write_text(text, encoding="utf-8")
    with Journal(":memory:") as fresh:
        with pytest.raises(ValidationError, match="function"):
            import_entries(fresh, read_json(tmp_path / "out.json"))
        assert fresh.entries() == []
