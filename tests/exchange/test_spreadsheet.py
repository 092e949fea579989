"""spreadsheet.py: one row per entry with formulas defused, written privately; its fixed
columns with the fields left out cover every field of an entry."""

from __future__ import annotations

import csv
import stat

import pytest

from workbook.exchange import CSV_COLUMNS, CSV_LEFT_OUT, csv_cells, csv_safe, export_csv
from workbook.exchange.spreadsheet import header
from workbook.models import ENTRY_FIELDS, SYSTEM_FIELDS


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


# The payloads of the security review (D16) that the OWASP list alone left as they were: each
# is a formula once a spreadsheet trims the white space or invisible mark before it, or reads
# the full-width sign as the ASCII one.
HIDDEN_FORMULAS = [
    " =1+1",
    "\u00a0=1+1",  # no-break space
    "\ufeff=1+1",  # byte-order mark
    "\n=1+1",
    "\uff1d1+1",  # full-width =
    "\uff0b44 1234",  # full-width +
    "\uff0dminus",  # full-width -
    "\uff20SUM(A1)",  # full-width @
    " \t\u00a0\ufeff\u200b+1",  # several, mixed
    "\u3000=1+1",  # ideographic space
    "\r\n@x",
]


@pytest.mark.parametrize("value", HIDDEN_FORMULAS)
def test_csv_safe_defuses_formulas_behind_white_space_marks_and_full_width_signs(value):
    assert csv_safe(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    [
        '"=1+1',  # the cell's text starts with a quote mark: text in every spreadsheet
        "%0A=1+1",  # a literal percent sign, not a decoded line break
        "   ",
        "\u00a0plain",
        " a=b",
        "\uff21=",  # full-width A
    ],
)
def test_csv_safe_leaves_other_text_as_it_is(value):
    assert csv_safe(value) == value


def _read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_csv_rows_columns_and_injection_guard(journal, tmp_path, rich_journal):
    ids = rich_journal(journal)
    target = tmp_path / "out.csv"
    assert export_csv(journal, target) == 2  # the trash is left out
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rows = {r["id"]: r for r in _read_csv(target)}
    full_entry = journal.get(ids["full"])
    stage_columns = [f"{full_entry.template}:{s}" for s in journal.templates().get(full_entry.template).stage_ids]
    assert list(next(iter(rows.values()))) == header(stage_columns)
    assert set(rows) == {ids["full"], ids["plain"]}
    full, plain = rows[ids["full"]], rows[ids["plain"]]
    assert full["narrative"].startswith("'=HYPERLINK(")
    assert full["title"] == "Telling Parent A about the referral — صعب 😟"
    assert full["people"] == "Parent A; Young person B"
    assert full["tags"] == "anxious:2; stuck-feeling; softened"
    assert full["stance"] == "-1"  # a number, not text: left alone
    assert (full["actions"], full["open_actions"]) == ("2", "1")
    assert full["flagged"] == "yes" and plain["flagged"] == "no"
    # one column per stage answer, never a JSON blob
    assert "responses" not in full
    answers = {c.split(":", 1)[1]: full[c] for c in stage_columns if full[c]}
    assert answers == {stage: csv_safe(text) for stage, text in full_entry.responses.items()}
    assert answers["feelings"] == "'\tTight chest"  # each answer is defused in its own cell
    assert plain["title"] == "'+44 phone call"
    assert plain["narrative"] == "'@mention -minus"
    assert plain["context"] == "" and all(plain[c] == "" for c in stage_columns)
    for row in rows.values():
        for column, value in row.items():
            if column != "stance":  # a whole number, e.g. -1, is not a formula
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_export_csv_of_an_empty_journal_has_the_header(journal, tmp_path):
    assert export_csv(journal, tmp_path / "out.csv") == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").strip() == ",".join(header([]))


def test_the_columns_and_the_fields_left_out_cover_every_field():
    fields = set(ENTRY_FIELDS + SYSTEM_FIELDS)
    assert fields - set(CSV_COLUMNS) == set(CSV_LEFT_OUT)
    assert set(CSV_LEFT_OUT) <= fields
    assert all(reason for reason in CSV_LEFT_OUT.values())


def test_every_column_gets_a_cell(journal, full_entry):
    assert list(csv_cells(full_entry(journal))) == list(CSV_COLUMNS)


def test_export_csv_defuses_the_hidden_formulas_in_narratives(journal, tmp_path):
    for n, payload in enumerate(HIDDEN_FORMULAS):
        journal.add(title=f"entry {n}", narrative=payload, occurred_on=f"2026-01-{n + 1:02d}")
    target = tmp_path / "out.csv"
    assert export_csv(journal, target) == len(HIDDEN_FORMULAS)
    rows = _read_csv(target)
    assert sorted(r["narrative"] for r in rows) == sorted("'" + p for p in HIDDEN_FORMULAS)


def test_each_template_used_gets_its_stage_columns_in_order_and_answers_are_defused(journal, tmp_path):
    gibbs = journal.templates().get("gibbs").stage_ids
    driscoll = journal.templates().get("driscoll").stage_ids
    a = journal.add(title="G", occurred_on="2026-01-01", template="gibbs", responses={gibbs[1]: "=cmd|' /C calc'!A0"})
    b = journal.add(title="D", occurred_on="2026-01-02", template="driscoll", responses={driscoll[0]: "What happened"})
    journal.add(title="No template", occurred_on="2026-01-03")
    target = tmp_path / "out.csv"
    export_csv(journal, target)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        columns = next(csv.reader(handle))
    stage_columns = [c for c in columns if ":" in c]
    # templates in the library's order, stages in the template's
    order = [t.id for t in journal.templates().values() if t.id in ("gibbs", "driscoll")]
    expected = [f"{t}:{s}" for t in order for s in journal.templates().get(t).stage_ids]
    assert stage_columns == expected
    rows = {r["id"]: r for r in _read_csv(target)}
    assert rows[a.id][f"gibbs:{gibbs[1]}"] == "'=cmd|' /C calc'!A0"  # still defused
    assert rows[b.id][f"driscoll:{driscoll[0]}"] == "What happened"
    assert rows[b.id][f"gibbs:{gibbs[1]}"] == ""
