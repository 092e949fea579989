"""The evidence per BASW PCF domain: the entries and action points mapped to each of the nine
domains (ids, dates, titles), counts, the domains with none yet; dates filter by the entry's
date, the trash is left out, and str() and repr() give counts, never a title or any text."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook import Journal
from workbook.content import PCF_DOMAINS
from workbook.errors import ValidationError
from workbook.reports.pcf import PCFEvidence, pcf_evidence

TITLE = "Visit to Mrs Quillfeather"
ACTION_TEXT = "Ring Larkspur Ward about the discharge"


@pytest.fixture
def filled():
    j = Journal(":memory:")
    a = j.add(
        occurred_on="2026-01-10",
        title=TITLE,
        narrative="What happened on the visit.",
        pcf=["knowledge", "values_ethics"],
        actions=[{"text": ACTION_TEXT, "pcf": ["contexts_organisations", "knowledge"]}, "Plain action"],
    )
    b = j.add(occurred_on="2026-03-02", title="Team meeting", pcf=["knowledge"])
    c = j.add(occurred_on="2026-02-01", title="Not mapped")
    gone = j.add(occurred_on="2026-02-05", title="In the trash", pcf=["professional_leadership"])
    j.delete(gone.id)
    yield j, a, b, c
    j.close()


def test_each_domain_lists_its_entries_and_action_points(filled):
    j, a, b, _ = filled
    evidence = pcf_evidence(j)
    assert isinstance(evidence, PCFEvidence)
    assert [d.domain for d in evidence] == list(PCF_DOMAINS) and len(evidence) == 9
    assert [d.label for d in evidence] == list(PCF_DOMAINS.values())
    knowledge = evidence["knowledge"]
    assert [(e.id, e.occurred_on, e.title) for e in knowledge.entries] == [
        (a.id, dt.date(2026, 1, 10), TITLE),
        (b.id, dt.date(2026, 3, 2), "Team meeting"),
    ]
    (action,) = knowledge.actions
    assert (action.id, action.entry_id, action.occurred_on, action.title, action.status) == (
        a.actions[0].id,
        a.id,
        dt.date(2026, 1, 10),
        TITLE,
        "open",
    )
    assert evidence["contexts_organisations"].n_actions == 1 and evidence["contexts_organisations"].n_entries == 0
    assert evidence["values_ethics"].n_entries == 1
    assert evidence.counts()["knowledge"] == (2, 1)
    assert evidence.n_entries == 2 and evidence.n_actions == 1


def test_domains_with_no_evidence_yet_and_the_trash_left_out(filled):
    j, *_ = filled
    evidence = pcf_evidence(j)
    assert evidence.without_evidence == (
        "professionalism",
        "diversity_equality",
        "rights_justice",
        "critical_reflection",
        "skills_interventions",
        "professional_leadership",  # its only entry is in the trash
    )
    assert not evidence["professional_leadership"].has_evidence


def test_dates_filter_by_the_entrys_date(filled):
    j, a, b, _ = filled
    early = pcf_evidence(j, until="2026-02-28")
    assert [e.id for e in early["knowledge"].entries] == [a.id] and early["knowledge"].n_actions == 1
    late = pcf_evidence(j, since=dt.date(2026, 2, 1))
    assert [e.id for e in late["knowledge"].entries] == [b.id] and late["knowledge"].n_actions == 0
    assert late.without_evidence == tuple(d for d in PCF_DOMAINS if d != "knowledge")
    assert (late.since, late.until) == (dt.date(2026, 2, 1), None)
    assert pcf_evidence(j, since="2026-04-01").n_entries == 0


def test_bad_dates_name_their_field(filled):
    j, *_ = filled
    with pytest.raises(ValidationError) as caught:
        pcf_evidence(j, since="last spring")
    assert caught.value.field == "since"
    with pytest.raises(ValidationError) as caught:
        pcf_evidence(j, since="2026-03-01", until="2026-01-01")
    assert caught.value.field == "until"


def test_str_and_repr_give_counts_only(filled):
    j, *_ = filled
    evidence = pcf_evidence(j, since="2026-01-01", until="2026-12-31")
    text = str(evidence)
    assert "2026-01-01 to 2026-12-31" in text
    assert "Knowledge: 2 entries, 1 action point" in text
    assert "Values and ethics: 1 entry, 0 action points" in text
    assert "No evidence yet for: Professionalism; Diversity and equality;" in text
    shown = [text, repr(evidence), *(repr(d) for d in evidence)]
    shown += [repr(x) for d in evidence for x in (*d.entries, *d.actions)]
    for s in shown:
        assert "Quillfeather" not in s and "Larkspur" not in s and "Team meeting" not in s
    assert "score" not in text.lower() and "%" not in text


def test_an_empty_journal_has_no_evidence_for_any_domain():
    with Journal(":memory:") as j:
        evidence = pcf_evidence(j)
    assert evidence.without_evidence == tuple(PCF_DOMAINS)
    assert evidence.n_entries == 0 and "(all dates)" in str(evidence)
