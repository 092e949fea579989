"""BASW PCF domains from a terminal: `add --pcf` and `edit --pcf` (repeatable, replacing the
list), `edit --clear pcf`, `show` printing the domains' labels, and `workbook pcf-evidence
[--since] [--until]` printing a table per domain with the domains without evidence yet."""

from __future__ import annotations

import re

from cli_helpers import assert_one_line_error

from workbook import Journal


def _saved_id(result) -> str:
    assert result.exit_code == 0, result.output
    return result.output.split("Saved entry ", 1)[1].split()[0]


def test_add_takes_domains_by_id_or_name_once_each_in_the_frameworks_order(run, ready):
    result = run(
        "add", "--title", "Home visit", "--pcf", "knowledge", "--pcf", "Values and ethics", "--pcf", "knowledge"
    )
    entry_id = _saved_id(result)
    with Journal(ready) as journal:
        assert journal.get(entry_id).pcf == ("values_ethics", "knowledge")


def test_an_unknown_domain_is_one_line_naming_the_allowed_ids(run, ready):
    result = run("add", "--title", "Home visit", "--pcf", "leadership")
    assert_one_line_error(result)
    assert "'leadership' is not a PCF domain" in result.output and "professional_leadership" in result.output
    with Journal(ready) as journal:
        assert len(journal) == 0


def test_edit_replaces_the_domains_and_clear_empties_them(run, ready):
    entry_id = _saved_id(run("add", "--title", "Ward round", "--pcf", "knowledge"))
    assert run("edit", entry_id[:8], "--pcf", "professional_leadership", "--pcf", "professionalism").exit_code == 0
    with Journal(ready) as journal:
        assert journal.get(entry_id).pcf == ("professionalism", "professional_leadership")
    result = run("edit", entry_id[:8], "--clear", "pcf")
    assert result.exit_code == 0, result.output
    with Journal(ready) as journal:
        entry = journal.get(entry_id)
        assert entry.pcf == () and [r.entry.pcf for r in journal.history(entry_id)][:2] == [
            ("knowledge",),
            ("professionalism", "professional_leadership"),
        ]
    clash = run("edit", entry_id[:8], "--clear", "pcf", "--pcf", "knowledge")
    assert_one_line_error(clash)


def test_show_prints_the_labels_of_the_entrys_and_action_points_domains(run, ready):
    with Journal(ready) as journal:
        entry = journal.add(
            title="Strategy meeting",
            pcf=["rights_justice", "critical_reflection"],
            actions=[{"text": "Write to the team", "pcf": ["contexts_organisations"]}, "Plain"],
        )
    result = run("show", entry.id[:8])
    assert result.exit_code == 0, result.output
    assert "-- PCF domains (social work) --" in result.output
    assert "Rights, justice and economic wellbeing; Critical reflection and analysis" in result.output
    assert f"action {entry.actions[0].id}: Contexts and organisations" in result.output
    plain = run("show", run("add", "--title", "No domains").output.split()[-1][:8])
    assert "PCF domains" not in plain.output


def test_pcf_evidence_prints_a_table_per_domain(run, ready):
    with Journal(ready) as journal:
        first = journal.add(
            title="Home visit about the referral",
            occurred_on="2026-01-10",
            pcf=["knowledge"],
            actions=[{"text": "Read the threshold guidance", "pcf": ["knowledge"]}],
        )
        later = journal.add(title="Team meeting", occurred_on="2026-03-02", pcf=["professionalism"])
    result = run("pcf-evidence")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.splitlines()[0] == "PCF evidence (all dates): 2 entries and 1 action point mapped to a domain."
    assert "Knowledge (knowledge): 1 entry, 1 action point" in out
    assert f"2026-01-10  {first.id[:8]}  entry" in out and "Home visit about the referral" in out
    assert f"action {first.actions[0].id} (open)" in out
    assert "Values and ethics (values_ethics): no evidence yet" in out
    assert "No evidence yet for: Values and ethics; Diversity and equality;" in out
    assert "Read the threshold guidance" not in out  # an action point's own text stays in the entry
    assert all(len(line) <= 100 for line in out.splitlines())
    # the order of the framework, every domain once
    heads = [m.group(1) for m in re.finditer(r"^(\S.*) \([a-z_]+\): ", out, re.MULTILINE)]
    assert heads == [
        "Professionalism",
        "Values and ethics",
        "Diversity and equality",
        "Rights, justice and economic wellbeing",
        "Knowledge",
        "Critical reflection and analysis",
        "Skills and interventions",
        "Contexts and organisations",
        "Professional leadership",
    ]
    since = run("pcf-evidence", "--since", "2026-02-01").output
    assert "Knowledge (knowledge): no evidence yet" in since and later.id[:8] in since
    until = run("pcf-evidence", "--until", "2026-02-01").output
    assert "Professionalism (professionalism): no evidence yet" in until and first.id[:8] in until


def test_pcf_evidence_refuses_a_bad_date_in_one_line(run, ready):
    assert_one_line_error(run("pcf-evidence", "--since", "last spring"))
    result = run("pcf-evidence", "--since", "2026-03-01", "--until", "2026-01-01")
    assert_one_line_error(result)
    assert "until" in result.output
