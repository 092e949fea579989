"""The BASW PCF domains of an entry and of its action points (schema step 0008) survive the
native JSON export and import, earlier versions included, and the CSV has them in one cell; a
document naming a domain outside the framework is refused and nothing is imported."""

from __future__ import annotations

import csv

import pytest

from workbook import Journal
from workbook.errors import ValidationError
from workbook.exchange import export_csv, export_json, import_entries, read_json


def _source() -> tuple[Journal, str]:
    source = Journal(":memory:")
    entry = source.add(
        occurred_on="2026-02-01",
        title="Strategy meeting",
        pcf=["rights_justice", "professionalism"],
        actions=[{"text": "Write up the plan", "pcf": ["skills_interventions"]}, "Book supervision"],
    )
    source.update(entry.id, pcf=["critical_reflection", "professionalism"])
    return source, entry.id


def test_the_domains_survive_export_and_import(tmp_path):
    source, entry_id = _source()
    with source:
        export_json(source, tmp_path / "out.json")
    with Journal(":memory:") as fresh:
        import_entries(fresh, read_json(tmp_path / "out.json"))
        kept = fresh.get(entry_id)
        assert kept.pcf == ("professionalism", "critical_reflection")
        assert [a.pcf for a in kept.actions] == [("skills_interventions",), ()]
        assert fresh.history(entry_id)[0].entry.pcf == ("professionalism", "rights_justice")


def test_an_unknown_domain_is_refused_on_import(tmp_path):
    source, _ = _source()
    with source:
        export_json(source, tmp_path / "out.json")
    text = (tmp_path / "out.json").read_text(encoding="utf-8").replace('"skills_interventions"', '"counselling"')
    (tmp_path / "out.json").write_text(text, encoding="utf-8")
    with Journal(":memory:") as fresh:
        with pytest.raises(ValidationError, match=r"actions\[0\]\.pcf\[0\]"):
            import_entries(fresh, read_json(tmp_path / "out.json"))
        assert fresh.entries() == []


def test_the_csv_has_the_domain_ids_in_one_cell(tmp_path):
    source, _ = _source()
    with source:
        export_csv(source, tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["pcf"] == "professionalism; critical_reflection"
