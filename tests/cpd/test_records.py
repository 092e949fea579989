"""CPD records: each field checked and named when wrong, the text reviewed for what could
identify someone before it is kept, and the counts each regulator asks for."""

from __future__ import annotations

import datetime as dt

import pytest

import workbook as wb
from workbook import cpd
from workbook.errors import NotFoundError, ValidationError

ALIAS = "Quenby Thistlewood"


def swe_fields(**changes):
    fields = {
        "cpd_type": "Reflection on practice",
        "description_relevance": "A home visit where the plan changed; relevant to how I plan visits.",
        "occurred_on": "2026-02-01",
        "learned": "Slowing down let the family say what worried them.",
        "impact_practice": "I now leave time at the end of a visit for questions.",
        "impact_people": "Families have more room to disagree with the plan.",
        "peer_reflection": "A colleague pointed out how often I filled the silences.",
        "peer_role": "Senior practitioner",
        "standards": ["4.6", "4.2"],
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def account_fields(**changes):
    fields = {
        "nature": "Feedback from a patient's relative after a difficult ward round.",
        "learned": "How much the words I chose about prognosis mattered.",
        "changed": "I check what a relative already knows before I explain.",
        "code_relevance": "It is about listening and responding to people's preferences.",
        "code_themes": ["prioritise_people", "practise_effectively"],
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


@pytest.fixture
def journal(tmp_path):
    j = wb.open_journal(tmp_path / "j" / "journal.db")
    j.people.add("Parent A", "parent", aliases=[ALIAS])
    yield j
    j.close()


def test_a_record_is_kept_from_chosen_entries(journal):
    entry = journal.add(title="Home visit", occurred_on="2026-02-01")
    record = cpd.add_record(journal, "swe", swe_fields(), [entry.id[:8]], made_on="2026-02-03")
    assert record.kind == "swe" and record.entry_ids == (entry.id,)
    assert record.fields["standards"] == ["4.2", "4.6"]  # in the standard's order
    assert record.fields["occurred_on"] == "2026-02-01" and journal.cpd_records("swe") == [record]


@pytest.mark.parametrize(
    ("kind", "fields", "field", "says"),
    [
        ("swe", swe_fields(learned=None), "learned", "required"),
        ("swe", swe_fields(learned="  "), "learned", "required"),
        ("swe", swe_fields(cpd_type="x" * 201), "cpd_type", "at most 200"),
        ("swe", swe_fields(cpd_type="two\nlines"), "cpd_type", "single line"),
        ("swe", swe_fields(occurred_on="2026-13-01"), "occurred_on", "not a real calendar date"),
        ("swe", swe_fields(occurred_on="2026-03-01"), "occurred_on", "after the day the record is made"),
        ("swe", swe_fields(standards=["4.9"]), "standards[0]", "4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.8"),
        ("swe", swe_fields(peer_reflection=None), "peer_role", "only with a peer reflection"),
        ("swe", swe_fields(other="x"), "other", "the fields are cpd_type"),
        ("nmc-account", account_fields(code_themes=[]), "code_themes", "at least one from prioritise_people"),
        ("nmc-account", account_fields(code_themes=["kindness"]), "code_themes[0]", "preserve_safety"),
        ("nmc-account", account_fields(nature="x" * 3001), "nature", "at most 3,000"),
        ("nmc-account", account_fields(changed=None), "changed", "required"),
        ("nmc-discussion", {"discussed": "x", "learned": "y"}, "account_ids", "at least one"),
        ("nmc-discussion", {"account_ids": ["nope"], "discussed": "x", "learned": "y"}, "account_ids[0]", "not a CPD"),
        ("nmc-discussion", {"account_ids": ["a"], "discussed": "x", "learned": "y", "pin": "1"}, "pin", "not a field"),
        ("hcpc", {}, "kind", "swe, nmc-account, nmc-discussion"),
    ],
)
def test_each_wrong_field_is_named_with_what_is_allowed(journal, kind, fields, field, says):
    with pytest.raises(ValidationError) as caught:
        cpd.draft_record(journal, kind, fields, made_on="2026-02-03")
    assert caught.value.field == field
    assert says in caught.value.reason
    assert journal.cpd_records() == []


def test_a_discussion_must_name_accounts_not_other_records(journal):
    swe = cpd.add_record(journal, "swe", swe_fields(), made_on="2026-02-03")
    with pytest.raises(ValidationError) as caught:
        cpd.draft_record(journal, "nmc-discussion", {"account_ids": [swe.id], "discussed": "x", "learned": "y"})
    assert caught.value.field == "account_ids[0]" and "not an NMC written reflective account" in caught.value.reason


def test_an_unknown_or_trashed_entry_is_refused(journal):
    with pytest.raises(NotFoundError):
        cpd.draft_record(journal, "swe", swe_fields(), ["deadbeef"], made_on="2026-02-03")
    gone = journal.add(title="Gone")
    journal.delete(gone.id)
    with pytest.raises(ValidationError) as caught:
        cpd.draft_record(journal, "swe", swe_fields(), [gone.id], made_on="2026-02-03")
    assert caught.value.field == "entry_ids"


def test_identifiers_are_found_and_answered_like_a_pack(journal):
    fields = swe_fields(
        description_relevance=f"A visit with {ALIAS}; her number is 07700 900123.",
        learned=f"{ALIAS} wanted to be asked first.",
    )
    draft = cpd.draft_record(journal, "swe", fields, made_on="2026-02-03")
    kinds = sorted(f.kind for f in draft.findings)
    assert kinds == ["alias", "phone"]
    alias = next(f for f in draft.findings if f.kind == "alias")
    assert len(alias.occurrences) == 2 and alias.suggestion == "Parent A"  # one answer covers both fields
    shown = repr(draft) + repr(draft.findings) + "".join(draft.context(alias, show="suggestion"))
    assert "Thistlewood" not in shown and "07700" not in shown
    with pytest.raises(ValidationError, match="still need an answer"):
        draft.save()
    assert journal.cpd_records() == []
    draft.answer_all("accept")
    record = draft.save()
    assert record.fields["description_relevance"] == "A visit with Parent A; her number is [phone]."
    assert record.fields["learned"] == "Parent A wanted to be asked first."


def test_what_is_left_after_a_dismissal_is_refused(journal):
    draft = cpd.draft_record(journal, "swe", swe_fields(learned=f"{ALIAS} was there."), made_on="2026-02-03")
    draft.answer_all("dismiss")
    with pytest.raises(ValidationError) as caught:
        draft.save()
    assert caught.value.field == "learned" and "alias" in caught.value.reason
    assert "Thistlewood" not in str(caught.value)
    assert journal.cpd_records() == []


def test_a_change_that_brings_in_an_identifier_is_refused(journal):
    draft = cpd.draft_record(
        journal, "swe", swe_fields(learned="Ask Marigold Pennywhistle first."), made_on="2026-02-03"
    )
    (finding,) = draft.findings
    draft.answer(finding.id, "change", "the person on 07700 900123")
    with pytest.raises(ValidationError) as caught:
        draft.save()
    assert caught.value.field == "learned" and "phone" in caught.value.reason


def test_a_possible_name_can_be_dismissed(journal):
    draft = cpd.draft_record(
        journal, "swe", swe_fields(learned="I talked it over with Marigold Pennywhistle."), made_on="2026-02-03"
    )
    assert [f.kind for f in draft.findings] == ["possible_name"]
    draft.answer_all("dismiss")
    assert draft.save().fields["learned"] == "I talked it over with Marigold Pennywhistle."


def test_a_discussion_keeps_no_name_pin_or_email_of_the_other_registrant(journal):
    account = cpd.add_record(journal, "nmc-account", account_fields(), made_on="2026-01-10")
    discussion = cpd.add_record(
        journal,
        "nmc-discussion",
        {
            "account_ids": [account.id[:8]],
            "discussed": "We went through my five accounts.",
            "learned": "To write less.",
        },
        made_on="2026-02-01",
    )
    assert set(discussion.fields) == {"account_ids", "discussed", "learned"}
    assert discussion.fields["account_ids"] == [account.id]
    with pytest.raises(ValidationError) as caught:
        cpd.add_record(
            journal,
            "nmc-discussion",
            {"account_ids": [account.id], "discussed": "With a nurse, PIN 12A3456E.", "learned": "x"},
        )
    assert caught.value.field == "discussed" and "NMC PIN" in caught.value.reason
    draft = cpd.draft_record(
        journal, "nmc-discussion", {"account_ids": [account.id], "discussed": "Email sam@example.org", "learned": "x"}
    )
    assert [f.kind for f in draft.findings] == ["email"]
    row = journal.connection.execute("SELECT fields FROM cpd_records WHERE id = ?", (discussion.id,)).fetchone()[0]
    assert "pin" not in row.lower() and "name" not in row.lower() and "@" not in row


# -- counting -------------------------------------------------------------------------------


def _swe(journal, made_on, peer=True):
    changes = {} if peer else {"peer_reflection": None, "peer_role": None}
    return cpd.add_record(journal, "swe", swe_fields(occurred_on="2025-11-01", **changes), made_on=made_on)


def test_the_registration_year_runs_from_1_december_to_30_november(journal):
    _swe(journal, "2025-11-30")  # last day of the year before
    _swe(journal, "2025-12-01", peer=False)  # first day of the year
    status = cpd.cpd_year_status(journal, 2026, today="2026-06-01")
    assert (status.starts_on, status.ends_on) == (dt.date(2025, 12, 1), dt.date(2026, 11, 30))
    assert (status.records, status.with_peer_reflection, status.met) == (1, 0, False)
    _swe(journal, "2026-11-30")  # last day of the year, with peer reflection
    status = cpd.cpd_year_status(journal, 2026, today="2026-11-30")
    assert (status.records, status.with_peer_reflection, status.met, status.days_left) == (2, 1, True, 0)
    before = cpd.cpd_year_status(journal, 2025, today="2026-11-30")
    assert (before.records, before.with_peer_reflection, before.met) == (1, 1, False)


def test_two_records_without_peer_reflection_do_not_meet_the_year(journal):
    _swe(journal, "2026-01-05", peer=False)
    _swe(journal, "2026-02-05", peer=False)
    assert not cpd.cpd_year_status(journal, 2026, today="2026-03-01").met


def test_the_year_running_today_and_the_days_left(journal):
    assert cpd.cpd_year_status(journal, today="2026-11-30").ends_on == dt.date(2026, 11, 30)
    december = cpd.cpd_year_status(journal, today="2026-12-01")
    assert december.ends_on == dt.date(2027, 11, 30) and december.days_left == 364
    assert cpd.cpd_year_status(journal, today="2026-11-20").days_left == 10
    with pytest.raises(ValidationError) as caught:
        cpd.cpd_year_status(journal, "2026")
    assert caught.value.field == "year_ending"


def test_the_year_status_shows_counts_and_dates_only(journal):
    journal_text = "Slowing down let the family"
    _swe(journal, "2026-01-05")
    shown = str(cpd.cpd_year_status(journal, 2026, today="2026-11-20"))
    assert shown == (
        "Registration year 1 December 2025 to 30 November 2026: 1 CPD record, 1 with peer reflection "
        "(2 needed, 1 with peer reflection): not met yet; 10 days left."
    )
    assert journal_text not in shown


def test_five_accounts_in_the_three_years_before_revalidation(journal):
    due = "2027-03-01"
    for day in ("2024-02-29", "2024-03-01", "2025-01-01", "2026-01-01", "2026-06-01"):
        cpd.add_record(journal, "nmc-account", account_fields(), made_on=day)
    status = cpd.nmc_cycle_status(journal, due, today="2027-01-30")
    assert status.starts_on == dt.date(2024, 3, 1)
    assert (status.accounts, status.discussion_recorded, status.met) == (4, False, False)  # 29 Feb 2024 is before
    cpd.add_record(journal, "nmc-account", account_fields(), made_on="2027-02-28")
    cpd.add_record(journal, "nmc-account", account_fields(), made_on="2027-03-01")  # the due day: not before it
    assert cpd.nmc_cycle_status(journal, due, today="2027-01-30").accounts == 5
    account = journal.cpd_records("nmc-account")[-1]
    cpd.add_record(
        journal, "nmc-discussion", {"account_ids": [account.id], "discussed": "x", "learned": "y"}, made_on="2027-02-01"
    )
    status = cpd.nmc_cycle_status(journal, due, today="2027-01-30")
    assert status.met and status.days_left == 30
    assert str(status) == (
        "Revalidation due 1 March 2027 (the three years from 1 March 2024): 5 of 5 written reflective "
        "accounts, a reflective discussion recorded: met; 30 days left."
    )


def test_a_leap_day_due_date_counts_from_28_february(journal):
    assert cpd.nmc_cycle_status(journal, "2028-02-29", today="2028-01-01").starts_on == dt.date(2025, 2, 28)
