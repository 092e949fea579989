"""The entry form's people field: a box to type in always shown, a name not in the register
said and offered for adding, people added elsewhere found, and a panel to rename, re-role
and remove people."""

from __future__ import annotations

from form_helpers import make_form, text_of

import workbook as wb
from workbook.forms.entry.people import PLACEHOLDER


def test_the_box_to_type_in_stays_after_the_first_person(journal, forms):
    form = make_form(journal, forms)
    field = form.people
    assert field.input.placeholder == PLACEHOLDER and field.input in field.children
    field.input.value = "parent willow"  # Enter: any casing finds the pseudonym
    assert field.value == ["Parent Willow"] and field.input.value == ""
    assert field.input in field.children and field.input.layout.display != "none"
    assert [c.description for c in field.chips.children] == ["Parent Willow ✕"]
    assert "Parent Willow" not in field.input.options and "Child Fern" in field.input.options
    field.input.value = "Child Fern"
    assert field.value == ["Parent Willow", "Child Fern"]
    field.chips.children[0].click()  # ✕ takes them off
    assert field.value == ["Child Fern"]
    form.title.value = "Visit"
    assert form.submit().people == ("Child Fern",)


def test_a_name_not_in_the_register_is_said_and_offered_for_adding(journal, forms):
    form = make_form(journal, forms)
    form.people.input.value = "Grandad Oak"
    assert form.people.value == []
    message = text_of(form.people.message)
    assert "‘Grandad Oak’ is not in your people register" in message and "with a role" in message
    assert form.person_name.value == "Grandad Oak"  # the Add person row holds it, a role to choose
    form.person_role.value = "relative"
    form.person_add.click()
    assert form.people.value == ["Grandad Oak"]
    assert form.people.input.value == "" and form.people.message.value == ""  # nothing left behind
    assert journal.people.get("Grandad Oak").role == "relative"


def test_an_alias_finds_the_pseudonym_and_is_never_shown(journal, forms):
    journal.people.add("Carer Elm", "carer", aliases=["Jo Realname"])
    form = make_form(journal, forms)
    form.people.input.value = "jo realname"
    assert form.people.value == ["Carer Elm"]
    assert "Realname" not in form.people.message.value and "Carer Elm" in form.people.message.value


def test_someone_added_in_another_notebook_is_found_without_run_all(tmp_path, forms):
    path = tmp_path / "journal.db"
    with wb.open_journal(path) as mine, wb.open_journal(path) as other:
        mine.people.add("Parent Willow", "parent")
        form = make_form(mine, forms)
        other.people.add("Nurse Birch", "colleague")
        form.people.input.value = "Nurse Birch"
        assert form.people.value == ["Nurse Birch"]
        assert "Nurse Birch" in form.people.allowed_tags


def test_manage_people_renames_and_the_chosen_chip_follows(journal, forms):
    entry = journal.add(title="Earlier", people=["Parent Willow"])
    form = make_form(journal, forms)
    manage = form.manage_people
    manage.toggle.value = True
    assert manage.panel.layout.display != "none"
    form.people.input.value = "Parent Willow"
    manage.person.value = "Parent Willow"
    manage.new_name.value = "Parent Rowan"
    manage.rename_button.click()
    assert "Renamed ‘Parent Willow’ to ‘Parent Rowan’; 1 entry follow" in text_of(manage.status)
    assert journal.get(entry.id).people == ("Parent Rowan",)
    assert form.people.value == ["Parent Rowan"]
    manage.person.value = "Child Fern"
    manage.new_name.value = "parent rowan"
    manage.rename_button.click()
    assert "already in the register" in text_of(manage.status)


def test_manage_people_changes_a_role_and_removes_only_the_unused(journal, forms):
    journal.add(title="Earlier", people=["Parent Willow"])
    form = make_form(journal, forms)
    manage = form.manage_people
    manage.toggle.value = True
    manage.person.value = "Child Fern"
    manage.role.value = "young person"
    manage.role_button.click()
    assert journal.people.get("Child Fern").role == "young person"
    manage.person.value = "Parent Willow"
    manage.remove_button.click()
    assert "cannot be removed: 1 entry names them" in text_of(manage.status)
    assert journal.people.has_pseudonym("Parent Willow")
    manage.person.value = "Child Fern"
    manage.remove_button.click()
    assert not journal.people.has_pseudonym("Child Fern")
    assert "Child Fern" not in form.people.allowed_tags
    assert [v for _, v in manage.person.options] == ["Parent Willow"]


def test_manage_people_replaces_aliases_without_showing_them(journal, forms):
    form = make_form(journal, forms)
    manage = form.manage_people
    manage.toggle.value = True
    manage.person.value = "Child Fern"
    manage.aliases.value = "Sam Realperson, Sammy"
    manage.aliases_button.click()
    assert journal.people.get("Child Fern").alias_count == 2
    assert journal.people.find_pseudonym("sam realperson") == "Child Fern"
    assert manage.aliases.value == "" and "Realperson" not in manage.status.value
    assert "2 alias(es)" in text_of(manage.status)
