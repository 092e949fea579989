"""`workbook cpd`: add records from entries (options or a YAML file), list them, count them
against each regulator's minimum and export them; errors are one line."""

from __future__ import annotations

import stat

import docx

from workbook import Journal

ANSWERS = [
    "--cpd-type",
    "Reflection on practice",
    "--description",
    "A home visit where the plan changed.",
    "--occurred-on",
    "2026-02-01",
    "--learned",
    "Slowing down helped.",
    "--impact-practice",
    "I leave time for questions.",
    "--impact-people",
    "Families can disagree.",
    "--peer-reflection",
    "A colleague noticed I filled the silences.",
    "--peer-role",
    "Senior practitioner",
    "--standard",
    "4.2",
]


def _entry(path, **fields):
    with Journal(path) as journal:
        return journal.add(**fields).id


def test_add_swe_from_options_asks_about_each_finding_and_never_prints_the_name(run, ready):
    entry = _entry(ready, title="Home visit", occurred_on="2026-02-01")
    args = [a if a != "Slowing down helped." else "Jo Example taught me to slow down." for a in ANSWERS]
    result = run("cpd", "add-swe", "--entry", entry[:8], "--made-on", "2026-02-03", *args, input="a\n")
    assert result.exit_code == 0, result.output
    assert "Jo Example" not in result.output and "⟦Parent A⟧ taught me" in result.output
    assert "Kept Social Work England CPD record" in result.output
    with Journal(ready) as journal:
        (record,) = journal.cpd_records()
    assert record.entry_ids == (entry,) and record.fields["learned"] == "Parent A taught me to slow down."


def test_add_nmc_account_from_a_yaml_file_then_list_and_status(run, ready, tmp_path):
    fields = tmp_path / "account.yaml"
    fields.write_text(
        "nature: Feedback after a ward round\n"
        "learned: How my words about prognosis mattered\n"
        "changed: I ask what a relative knows first\n"
        "code-relevance: Listening to preferences\n"
        "code_themes: [prioritise_people, preserve_safety]\n",
        encoding="utf-8",
    )
    for day in ("2025-01-10", "2025-06-10", "2026-01-10"):
        result = run("cpd", "add-nmc-account", "--from", str(fields), "--made-on", day, "--accept-all-suggestions")
        assert result.exit_code == 0, result.output
    with Journal(ready) as journal:
        first = journal.cpd_records()[0]
    assert first.fields["code_themes"] == ["prioritise_people", "preserve_safety"]
    result = run(
        "cpd", "add-nmc-discussion", "--account", first.id[:8], "--discussed", "My accounts", "--learned", "x",
        "--made-on", "2026-02-01", "--accept-all-suggestions",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    listed = run("cpd", "list")
    assert listed.exit_code == 0 and listed.output.count("NMC written reflective account") == 3
    assert "NMC reflective discussion" in listed.output and "Feedback after" not in listed.output
    status = run("cpd", "status", "--year-ending", "2026", "--revalidation-due", "2027-06-01")
    assert status.exit_code == 0, status.output
    assert "Registration year 1 December 2025 to 30 November 2026: 0 CPD records" in status.output
    assert "3 of 5 written reflective accounts, a reflective discussion recorded: not met yet" in status.output


def test_export_writes_a_private_docx_that_passes_the_leak_check(run, ready, tmp_path, monkeypatch):
    entry = _entry(ready, title="Home visit", occurred_on="2026-02-01")
    assert run("cpd", "add-swe", "--entry", entry, "--made-on", "2026-02-03", *ANSWERS).exit_code == 0
    with Journal(ready) as journal:
        (record,) = journal.cpd_records()
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("HOME", str(tmp_path))
    result = run("cpd", "export", record.id[:8], "--format", "docx", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote ~/out/") and str(tmp_path) not in result.output  # home shown as ~
    (written,) = out.iterdir()
    assert written.suffix == ".docx" and stat.S_IMODE(written.stat().st_mode) == 0o600
    assert "Slowing down helped." in [p.text for p in docx.Document(written).paragraphs]
    assert run("check-share", str(written)).exit_code == 0


def test_a_wrong_field_is_one_line_naming_it(run, ready):
    result = run("cpd", "add-nmc-account", "--nature", "x", "--learned", "y", "--changed", "z",
                 "--code-relevance", "r", "--theme", "kindness")  # fmt: skip
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: code_themes[0]") and "prioritise_people" in lines[-1]
    assert "Traceback" not in result.output
    with Journal(ready) as journal:
        assert journal.cpd_records() == []


def test_an_unknown_record_is_one_line(run, ready):
    result = run("cpd", "export", "deadbeef")
    assert result.exit_code == 1 and result.output.strip().startswith("Error: There is no CPD record")
    assert len(result.output.strip().splitlines()) == 1


def test_delete_asks_first(run, ready):
    assert run("cpd", "add-swe", "--made-on", "2026-02-03", *ANSWERS).exit_code == 0
    with Journal(ready) as journal:
        (record,) = journal.cpd_records()
    assert run("cpd", "delete", record.id[:8], input="n\n").exit_code == 1
    assert run("cpd", "delete", record.id[:8], "--yes").exit_code == 0
    with Journal(ready) as journal:
        assert journal.cpd_records() == []
