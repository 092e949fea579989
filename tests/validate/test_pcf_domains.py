"""The field rule of the BASW PCF domains, on an entry (``pcf``) and on an action point
(``actions[i].pcf``): known ids (or labels) only, repeats dropped, the framework's order."""

from __future__ import annotations

import pytest

from workbook.content import PCF_DOMAINS
from workbook.errors import ValidationError
from workbook.validate import check_pcf


def test_domains_come_back_once_each_in_the_frameworks_order():
    given = ["professional_leadership", "knowledge", "professionalism", "knowledge"]
    assert check_pcf("pcf", given) == ("professionalism", "knowledge", "professional_leadership")
    assert check_pcf("pcf", list(reversed(PCF_DOMAINS))) == tuple(PCF_DOMAINS)
    assert check_pcf("pcf", None) == () and check_pcf("pcf", ()) == ()


def test_a_label_in_any_case_or_an_id_with_hyphens_is_its_id():
    assert check_pcf("pcf", ["Values and ethics", "CRITICAL REFLECTION AND ANALYSIS", "rights-justice"]) == (
        "values_ethics",
        "rights_justice",
        "critical_reflection",
    )


def test_an_unknown_domain_names_the_field_and_lists_the_ids():
    with pytest.raises(ValidationError) as caught:
        check_pcf("pcf", ["knowledge", "leadership"])
    assert caught.value.field == "pcf[1]"
    message = str(caught.value)
    assert "'leadership' is not a PCF domain" in message
    assert all(domain in message for domain in PCF_DOMAINS)


def test_what_was_typed_is_not_repeated_when_it_could_be_journal_text():
    with pytest.raises(ValidationError) as caught:
        check_pcf("pcf", ["I told Mrs Quillfeather (07700 900123) the news."])
    assert "Quillfeather" not in str(caught.value) and "07700" not in str(caught.value)
    assert "this value is not a PCF domain" in str(caught.value)


@pytest.mark.parametrize("value", ["knowledge", {"knowledge": True}, 3])
def test_the_domains_are_a_list(value):
    with pytest.raises(ValidationError, match="must be a list"):
        check_pcf("pcf", value)


def test_each_domain_is_text():
    with pytest.raises(ValidationError) as caught:
        check_pcf("actions[0].pcf", ["knowledge", 7])
    assert caught.value.field == "actions[0].pcf[1]"


def test_the_journal_holds_entries_and_action_points_to_the_rule(journal):
    entry = journal.add(
        title="Duty call",
        pcf=["knowledge", "professionalism", "knowledge"],
        actions=[{"text": "Check the threshold document", "pcf": ["contexts_organisations", "knowledge"]}],
    )
    assert entry.pcf == ("professionalism", "knowledge")
    assert entry.actions[0].pcf == ("knowledge", "contexts_organisations")
    with pytest.raises(ValidationError) as caught:
        journal.add(title="Another", actions=[{"text": "Do it", "pcf": ["values"]}])
    assert caught.value.field == "actions[0].pcf[0]"
    with pytest.raises(ValidationError) as caught:
        journal.add(title="Another", pcf=["ethics"])
    assert caught.value.field == "pcf[0]" and "values_ethics" in str(caught.value)
    assert len(journal) == 1
