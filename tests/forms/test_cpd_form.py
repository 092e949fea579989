"""The CPD and revalidation form of notebook 10 (``wb.cpd_records``), driven from Python.

The Social Work England status for a journal with no record, one, and two (one with peer
reflection); the NMC count once a revalidation date is given (kept in the journal); a new SWE
record made from an entry, its finding answered, Save disabled until it is; the record written
in each format, 0600; deleted after a confirmation; and no status line, message or repr ever
carrying a name or a word the practitioner typed.
"""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from form_helpers import text_of

import workbook as wb
from workbook.content import PCF_DESCRIPTIONS, PCF_DOMAINS
from workbook.cpd import add_record
from workbook.forms.cpd import NMC_DUE_SETTING, PCF_TITLE, CPDRecords

DAY = dt.date(2026, 3, 14)
ALIAS = "Quenby Thistlewood"
SECRET = "lavenderpolish"  # a word typed into a field, never to reach a status line
REAL = (ALIAS, "Quenby", "Thistlewood", SECRET)
SWE = {
    "cpd_type": "Reflective conversation",
    "description_relevance": "A visit about the home conditions.",
    "occurred_on": "2026-03-01",
    "learned": "Listening before explaining.",
    "impact_practice": "I leave longer pauses.",
    "impact_people": "Families say they feel heard.",
}
PEER = {"peer_reflection": "My colleague asked me to slow down.", "peer_role": "A social work colleague"}


@pytest.fixture
def journal():
    j = wb.open_journal(":memory:")
    j.people.add("Parent Willow", "parent", aliases=[ALIAS])
    j.add(title="Home visit", narrative=f"{ALIAS} opened the door.")
    j.add(title="Team meeting", narrative="Nothing much.")
    yield j
    j.close()


@pytest.fixture
def form(journal, tmp_path):
    return CPDRecords(journal, folder=tmp_path, today=DAY)


def _said(form) -> str:
    labels = [
        form.swe_status,
        form.nmc_status,
        form.nmc_error,
        form.status,
        form.record_error,
        form.count,
        form.save_status,
        form.records_note,
        form.write_status,
        form.write_error,
        form.confirm_text,
        form.pcf_status,
        form.pcf_error,
    ]
    options = " ".join(label for label, _ in form.records.options)
    return " ".join(text_of(label) for label in labels) + options + repr(form) + form._repr_mimebundle_()["text/plain"]


def _assert_no_real_text(form) -> None:
    said = _said(form)
    for word in REAL:
        assert word.lower() not in said.lower()


def _fill_swe(form, journal) -> None:
    f = form.fields["swe"]
    f["cpd_type"].value = "Reflective conversation"
    f["description_relevance"].value = f"A visit to {ALIAS}: it smelt of {SECRET}."
    f["occurred_on"].value = dt.date(2026, 3, 1)
    f["learned"].value = "Listening before explaining."
    f["impact_practice"].value = "I leave longer pauses."
    f["impact_people"].value = "Families say they feel heard."
    f["peer_reflection"].value = "My colleague asked me to slow down."
    f["peer_role"].value = "A social work colleague"
    f["standards"].boxes["4.2"].value = True
    home = next(value for label, value in form.entries.options if "Home visit" in label)
    form.entries.value = (home,)


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ([], "0 CPD records so far, 0 with peer reflection"),
        ([SWE], "1 CPD record so far, 0 with peer reflection"),
        ([SWE, {**SWE, **PEER}], "2 CPD records so far, 1 with peer reflection"),
    ],
)
def test_swe_status_counts_records_of_the_registration_year(journal, tmp_path, records, expected):
    for fields in records:
        add_record(journal, "swe", fields, made_on=DAY, decisions="accept")
    add_record(journal, "swe", {**SWE, **PEER, "occurred_on": "2025-11-01"}, made_on="2025-11-20")  # last year
    form = CPDRecords(journal, folder=tmp_path, today=DAY)
    line = text_of(form.swe_status)
    assert "1 December 2025 to 30 November 2026" in line
    assert expected in line
    assert ("not met yet" in line) is (len(records) < 2)
    assert "261 days left" in line
    _assert_no_real_text(form)


def test_nmc_status_needs_a_date_and_keeps_it_in_the_journal(journal, tmp_path, form):
    assert "give your revalidation date" in text_of(form.nmc_status)
    add_record(
        journal,
        "nmc-account",
        {
            "nature": "A course on wound care.",
            "learned": "Dressings.",
            "changed": "I check sooner.",
            "code_relevance": "Practise effectively.",
            "code_themes": ["practise_effectively"],
        },
        made_on=DAY,
    )
    form.nmc_due.value = dt.date(2027, 6, 1)
    assert journal.setting(NMC_DUE_SETTING) == "2027-06-01"
    line = text_of(form.nmc_status)
    assert "due 1 June 2027" in line and "1 of the 5 written reflective accounts" in line
    assert "no reflective discussion yet" in line and "not met yet" in line
    again = CPDRecords(journal, folder=tmp_path, today=DAY)
    assert again.nmc_due.value == dt.date(2027, 6, 1)
    assert "1 of the 5" in text_of(again.nmc_status)


def test_a_new_swe_record_with_a_finding_answered(journal, form):
    _fill_swe(form, journal)
    assert form.save_button.disabled
    draft = form.check()
    assert draft is not None and len(form.rows) == len(draft.findings) >= 1
    assert form.save_button.disabled  # nothing answered yet
    assert form.save() is None and "need" in text_of(form.record_error)
    row = next(r for r in form.rows if r.finding.kind == "alias")
    assert ALIAS not in row.places.value  # the suggestion is shown by default
    assert "Parent Willow" in row.places.value
    for other in form.rows:
        if other is not row:
            other.answer.value = "accept"
    assert form.save_button.disabled
    row.answer.value = "change"
    row.change_text.value = "a parent"
    assert not form.save_button.disabled
    record = form.save()
    assert record is not None and record.kind == "swe"
    assert "a parent" in record.fields["description_relevance"] and ALIAS not in record.fields["description_relevance"]
    assert record.fields["standards"] == ["4.2"] or list(record.fields["standards"]) == ["4.2"]
    assert len(record.entry_ids) == 1
    assert "1 CPD record so far, 1 with peer reflection" in text_of(form.swe_status)
    assert form.records.value == record.id and "from 1 entry" in form.records.options[0][0]
    assert form.fields["swe"]["learned"].value == "" and form.save_button.disabled
    _assert_no_real_text(form)


def test_changing_a_field_after_the_check_asks_for_it_again(journal, form):
    _fill_swe(form, journal)
    form.check()
    form.accept_all()
    assert not form.save_button.disabled
    form.fields["swe"]["learned"].value = "Something else."
    assert form.draft is None and form.save_button.disabled


def test_a_refused_field_is_named_without_its_text(journal, form):
    _fill_swe(form, journal)
    form.fields["swe"]["learned"].value = ""
    assert form.check() is None
    assert "What did you learn?" in text_of(form.record_error)
    _assert_no_real_text(form)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_export_in_each_format_writes_a_private_file(journal, form, tmp_path, fmt):
    _fill_swe(form, journal)
    form.check()
    form.accept_all()
    record = form.save()
    form.format.value = fmt
    path = form.write()
    assert path is not None and path.exists() and path.parent == tmp_path and path.suffix == f".{fmt}"
    assert record.id[:8] in path.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ALIAS.encode() not in path.read_bytes()
    assert path.name in text_of(form.write_status)
    _assert_no_real_text(form)


def test_delete_asks_first(journal, form):
    _fill_swe(form, journal)
    form.check()
    form.accept_all()
    record = form.save()
    form.ask_delete()
    assert form.confirm_box.layout.display != "none"
    form.cancel_delete()
    assert [r.id for r in journal.cpd_records()] == [record.id]
    form.ask_delete()
    form.delete()
    assert journal.cpd_records() == []
    assert form.records.options == () and form.delete_button.disabled
    assert "0 CPD records" in text_of(form.swe_status)
    _assert_no_real_text(form)


def test_the_discussion_says_the_other_registrant_is_never_kept(form):
    form.kind.value = "nmc-discussion"
    box = form.field_boxes["nmc-discussion"]
    assert box.layout.display != "none" and form.field_boxes["swe"].layout.display == "none"
    notes = " ".join(text_of(c) for c in box.children if hasattr(c, "value") and isinstance(c.value, str))
    assert "name, NMC PIN" in notes and "never kept" in notes and "blanks" in notes


def test_a_reflective_discussion_of_an_account_counts_and_leaves_blanks(journal, form, tmp_path):
    form.kind.value = "nmc-account"
    f = form.fields["nmc-account"]
    f["nature"].value = "Feedback from a patient's daughter on discharge."
    f["learned"].value = "To explain the plan twice."
    f["changed"].value = "I write the plan down."
    f["code_relevance"].value = "Communicating clearly."
    f["code_themes"].boxes["prioritise_people"].value = True
    form.check()
    form.accept_all()
    account = form.save()
    assert account is not None and account.kind == "nmc-account"
    form.kind.value = "nmc-discussion"
    d = form.fields["nmc-discussion"]
    assert d["account_ids"].options == ((d["account_ids"].options[0][0], account.id),)
    d["account_ids"].value = (account.id,)
    d["discussed"].value = "My account of the discharge."
    d["learned"].value = "To ask what was understood."
    form.check()
    form.accept_all()
    discussion = form.save()
    assert discussion is not None and list(discussion.fields["account_ids"]) == [account.id]
    form.nmc_due.value = dt.date(2027, 6, 1)
    assert "1 of the 5 written reflective accounts, and a reflective discussion is recorded" in text_of(form.nmc_status)
    form.records.value = discussion.id
    form.format.value = "md"
    text = form.write().read_text(encoding="utf-8")
    assert "Their NMC PIN" in text and "___" in text
    assert "Fill in the blanks" in text_of(form.write_status)


# -- evidence for the PCF domains ---------------------------------------------------------------------
ACTION_SECRET = "marigoldferry"  # an action point's own text, never shown in the evidence


@pytest.fixture
def mapped(journal):
    both = journal.add(
        occurred_on="2026-01-10",
        title="Strategy <discussion>",
        narrative=f"{ALIAS} spoke about {SECRET}.",
        pcf=["knowledge", "values_ethics"],
        actions=[{"text": f"Ring back about {ACTION_SECRET}", "pcf": ["contexts_organisations"]}],
    )
    gone = journal.add(occurred_on="2026-02-05", title="In the bin", pcf=["professional_leadership"])
    journal.delete(gone.id)
    journal.add(occurred_on="2025-06-01", title="Last year", pcf=["rights_justice"])  # before the year shown
    return both


def _evidence_text(form) -> str:
    return " ".join(text_of(widget) for widget in [*form.pcf_domains.values(), form.pcf_missing])


def test_the_pcf_section_defaults_to_the_registration_year_and_says_it_is_no_score(mapped, form):
    assert (form.pcf_since.value, form.pcf_until.value) == (dt.date(2025, 12, 1), dt.date(2026, 11, 30))
    heading = " ".join(text_of(c) for c in form.widget.children if isinstance(getattr(c, "value", None), str))
    assert PCF_TITLE == "Evidence for the PCF domains (social work)" and PCF_TITLE in heading
    assert "own portfolio" in heading and "never a score" in heading
    assert "notebook 01" in heading and "workbook edit ID --pcf DOMAIN" in heading
    assert list(form.pcf_domains) == list(PCF_DOMAINS)
    for domain, label in PCF_DOMAINS.items():
        shown = text_of(form.pcf_domains[domain])
        assert label in shown and PCF_DESCRIPTIONS[domain] in shown


def test_an_entry_with_two_domains_shows_under_both(mapped, form):
    for domain in ("knowledge", "values_ethics"):
        part = form.pcf_domains[domain].value
        assert "10 January 2026" in part and "Strategy &lt;discussion&gt;" in part  # escaped
        assert "1 entry, 0 action points" in text_of(form.pcf_domains[domain])
    action = form.pcf_domains["contexts_organisations"]
    assert "action point" in text_of(action) and "Strategy &lt;discussion&gt;" in action.value
    assert "0 entries, 1 action point" in text_of(action)
    assert "Strategy" not in form.pcf_domains["professionalism"].value


def test_a_trashed_entry_and_one_outside_the_dates_do_not_show(mapped, form):
    assert "In the bin" not in _evidence_text(form)
    assert "Last year" not in _evidence_text(form)
    form.pcf_since.value = dt.date(2025, 1, 1)
    form.show_evidence()
    assert "Last year" in text_of(form.pcf_domains["rights_justice"])
    assert "In the bin" not in _evidence_text(form)


def test_the_domains_with_no_evidence_are_named(mapped, form):
    missing = text_of(form.pcf_missing)
    others = [
        label
        for domain, label in PCF_DOMAINS.items()
        if domain not in ("knowledge", "values_ethics", "contexts_organisations")
    ]
    assert missing == "No evidence recorded yet for: " + "; ".join(others) + "."
    assert "no evidence yet" in text_of(form.pcf_domains["professionalism"])


def test_no_entry_text_but_the_titles_appears(mapped, form):
    shown = _evidence_text(form) + " ".join(w.value for w in form.pcf_domains.values())
    for word in (*REAL, ACTION_SECRET, "spoke about", "Ring back"):
        assert word.lower() not in shown.lower()
    _assert_no_real_text(form)


def test_the_status_line_has_counts_only(mapped, form):
    line = text_of(form.pcf_status)
    assert line == (
        "PCF evidence, 1 December 2025 to 30 November 2026: 1 entry and 1 action point given a domain; "
        "3 of the 9 domains have some evidence."
    )
    assert "Strategy" not in line and "Knowledge" not in line


def test_an_end_before_the_start_is_refused(mapped, form):
    form.pcf_until.value = dt.date(2025, 11, 1)
    assert form.show_evidence() is None
    assert "Until: is before 1 December 2025" in text_of(form.pcf_error)
    assert text_of(form.pcf_status) == "" and _evidence_text(form).strip() == ""
    form.pcf_until.value = None
    assert form.show_evidence() is not None and "from 1 December 2025" in text_of(form.pcf_status)
