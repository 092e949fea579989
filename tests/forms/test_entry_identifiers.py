"""The entry form warns when what was written may identify someone, shows where, offers the
pseudonym or a label to put in its place, and never blocks a save."""

from __future__ import annotations

from form_helpers import fill, make_form, text_of

PHONE = "07700 900123"  # a number set aside for drama: no one's
NHS = "943 476 5919"  # check digit valid, invented


def _rows(form) -> list[str]:
    return [text_of(row.children[-1]) for row in form.identifiers.box.children[1:] if hasattr(row, "children")]


def test_ordinary_writing_with_pseudonyms_raises_no_warning(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    assert form.identifiers.count == 0 and form.identifiers.box.children == ()


def test_a_phone_number_is_shown_with_where_it_is_and_replaced_on_request(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    form.narrative.value = f"Parent Willow asked me to ring her on {PHONE} after the meeting."
    found = form.identifiers.findings["narrative"]
    assert [(f.kind, f.text) for f in found] == [("phone", PHONE)]
    assert any(PHONE in row and "Narrative" in row and "phone number" in row for row in _rows(form))
    assert form.identifiers.replace_one("narrative", found[0])
    assert form.narrative.value == f"Parent Willow asked me to ring her on {found[0].replacement} after the meeting."
    assert form.identifiers.count == 0


def test_findings_in_the_title_and_a_stage_and_replace_all(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    form.title.value = f"Call about NHS number {NHS}"
    form.stage_areas["description"].value = f"Her number is {PHONE} and her NHS number is {NHS}."
    assert set(form.identifiers.findings) == {"title", "responses.description"}
    assert form.identifiers.replace_all() == 3
    assert PHONE not in form.stage_areas["description"].value and NHS not in form.title.value
    assert form.identifiers.count == 0


def test_a_save_is_never_blocked_and_the_status_says_what_to_check(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    form.narrative.value = f"She gave me her number, {PHONE}."
    entry = form.submit()
    assert entry is not None and PHONE in entry.narrative  # the practitioner's choice
    status = text_of(form.status)
    assert "Saved" in status and "a phone number" in status
    assert PHONE not in status  # the status names the kind, not the number


def test_a_replacement_is_refused_if_the_text_moved_on(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    form.narrative.value = f"Ring {PHONE}."
    finding = form.identifiers.findings["narrative"][0]
    form.narrative.value = f"I said I would ring {PHONE} later."
    assert not form.identifiers.replace("narrative", finding.start, finding.end, finding.text, finding.replacement)
    assert PHONE in form.narrative.value


def test_a_word_that_only_looks_like_a_name_can_be_waved_through(journal, forms):
    form = make_form(journal, forms)
    fill(form)
    form.narrative.value = "Afterwards I talked it through with Marguerite from the team."
    flagged = [f for f in form.identifiers.findings.get("narrative", []) if f.flagged]
    assert [f.text for f in flagged] == ["Marguerite"]
    form.identifiers.not_a_name(flagged[0])
    assert form.identifiers.count == 0
    assert "Marguerite" in form.narrative.value  # nothing changed in the text


def test_a_finder_that_fails_does_not_stop_the_form(journal, forms, monkeypatch):
    import workbook.privacy as privacy

    def broken(text, journal=None):
        raise ValueError("finder broke")

    monkeypatch.setattr(privacy, "find_identifiers", broken)
    form = make_form(journal, forms)
    fill(form)
    form.narrative.value = f"Ring {PHONE}."
    assert form.identifiers.count == 0 and form.submit() is not None


def test_the_debrief_plan_and_its_form_both_warn(journal, forms):
    from workbook.forms.debrief import HardConversation

    view = HardConversation(journal, autosave=False)
    try:
        prompt_id, area = next(iter(view.plan_areas[view.template].items()))
        area.value = f"Ask her to confirm her number ({PHONE}) before we start."
        found = view.plan_identifiers.findings[prompt_id]
        assert [f.kind for f in found] == ["phone"]
        assert view.plan_identifiers.replace_one(prompt_id, found[0]) and PHONE not in area.value
        view.form.narrative.value = f"Afterwards she rang from {PHONE}."
        assert [f.kind for f in view.form.identifiers.findings["narrative"]] == ["phone"]
    finally:
        view.close()


def test_a_registered_real_name_is_found_in_any_form_and_the_pseudonym_offered(journal, forms):
    journal.people.add("Young person B", "child", aliases=["Kayden Example"])
    form = make_form(journal, forms)
    fill(form)
    form.narrative.value = "I saw KAYDEN EXAMPLE's mum at the gate."
    (found,) = form.identifiers.findings["narrative"]
    assert (found.kind, found.replacement) == ("alias", "Young person B")
    assert any(
        "Use Young person B" == b.description for row in form.identifiers.box.children[1:] for b in row.children[:1]
    )
    assert form.identifiers.replace_one("narrative", found)
    assert form.narrative.value == "I saw Young person B's mum at the gate."
