"""The entry form's BASW PCF domains: a closed "PCF domains (social work)" section with a tick
box and a one-line description for each of the nine domains; the ticked ones are saved (read
back from the journal) in the framework's order, come back when an entry is edited and from a
draft, can be unticked, and an action point's domains set elsewhere survive an edit in the form."""

from __future__ import annotations

from form_helpers import make_form, text_of

from workbook.content import PCF_DOMAINS
from workbook.forms.entry.pcf import PCF_DESCRIPTIONS, TITLE


def _notes(widget) -> list[str]:
    found = []

    def walk(node):
        if type(node).__name__ == "HTML":
            found.append(text_of(node))
        for child in getattr(node, "children", ()):
            walk(child)

    walk(widget)
    return found


def test_the_section_is_closed_and_offers_the_nine_domains_with_a_line_each(journal, forms):
    form = make_form(journal, forms)
    assert form.pcf.widget.selected_index is None  # collapsed until opened
    assert form.pcf.title == TITLE == "PCF domains (social work)"
    assert [(d, b.description) for d, b in form.pcf.boxes.items()] == list(PCF_DOMAINS.items())
    assert set(PCF_DESCRIPTIONS) == set(PCF_DOMAINS)
    notes = _notes(form.pcf.widget)
    for domain in PCF_DOMAINS:
        line = PCF_DESCRIPTIONS[domain]
        assert line in notes and "\n" not in line and len(line) <= 100
    assert any("Nothing here is a score" in n for n in notes)
    assert form.pcf.widget in _all_widgets(form.widget)
    assert form.value()["pcf"] == []


def _all_widgets(root) -> list:
    found = [root]
    for child in getattr(root, "children", ()):
        found += _all_widgets(child)
    return found


def test_ticked_domains_are_saved_in_the_frameworks_order(journal, forms):
    form = make_form(journal, forms)
    form.title.value = "Strategy discussion"
    form.pcf.boxes["professional_leadership"].value = True
    form.pcf.boxes["values_ethics"].value = True
    assert form.pcf.title == f"{TITLE}: 2 ticked"
    entry = form.submit()
    assert entry is not None
    assert journal.get(entry.id).pcf == ("values_ethics", "professional_leadership")
    assert form.value()["pcf"] == []  # a new form after saving


def test_editing_shows_the_domains_and_unticking_removes_them(journal, forms):
    entry = journal.add(
        title="Home visit",
        pcf=["knowledge", "critical_reflection"],
        actions=[{"text": "Ask for a joint visit", "pcf": ["skills_interventions"]}],
    )
    form = make_form(journal, forms, entry=entry.id)
    assert [d for d, b in form.pcf.boxes.items() if b.value] == ["knowledge", "critical_reflection"]
    form.pcf.boxes["knowledge"].value = False
    saved = form.submit()
    assert saved is not None and saved.pcf == ("critical_reflection",)
    # the action point's own domains, which this form does not show, are kept
    assert saved.actions[0].pcf == ("skills_interventions",)
    assert journal.history(entry.id)[0].entry.pcf == ("knowledge", "critical_reflection")


def test_a_draft_keeps_the_ticks(journal, forms):
    form = make_form(journal, forms, draft_key="pcf-draft")
    form.title.value = "Duty call"
    form.pcf.boxes["rights_justice"].value = True
    assert form.save_draft_now()
    again = make_form(journal, forms, draft_key="pcf-draft")
    assert again.restore_draft()
    assert again.value()["pcf"] == ["rights_justice"]


def test_a_draft_domain_not_offered_any_more_is_left_unticked_and_said(journal, forms):
    form = make_form(journal, forms, draft_key="old-draft")
    problems = form._set_fields({"title": "Old", "pcf": ["knowledge", "old_domain"]})
    assert form.value()["pcf"] == ["knowledge"]
    assert problems == ["PCF domains not offered any more: old_domain"]
