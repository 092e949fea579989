"""Redacting: one pseudonym per person in a call, flagged names left unless asked, a journal
read by duck typing."""

from __future__ import annotations

from dataclasses import dataclass

import workbook as wb
from workbook.privacy import redaction
from workbook.privacy.detect import NameMatcher


def test_the_same_person_gets_the_same_pseudonym_everywhere():
    text = "Jo Bloggs rang. Later JO BLOGGS came; Jo Bloggs's son Kai was there. Kai smiled."
    out = wb.redact(text, aliases={"Jo Bloggs": "Parent A", "Kai": "Child B"})
    assert out == "Parent A rang. Later Parent A came; Parent A's son Child B was there. Child B smiled."


def test_identifiers_become_labels():
    out = wb.redact("Call 07700 900123 or jo@example.org; NHS 943 476 5919, DOB 03/03/2011, at 14 Acacia Road BS3 4QJ.")
    assert out == "Call [phone] or [email]; NHS [NHS number], DOB [date of birth], at [address] [postcode]."


def test_possible_names_are_left_unless_asked_and_then_numbered():
    text = "Keisha Brown met Dean. Later Keisha Brown left and Dean stayed."
    assert wb.redact(text) == text
    report = redaction(text)
    assert [f.text for f in report.flagged] == ["Keisha Brown", "Dean", "Keisha Brown", "Dean"]
    assert report.replaced == ()
    flagged = redaction(text, flagged=True)
    assert flagged.text == "[name 1] met [name 2]. Later [name 1] left and [name 2] stayed."
    assert flagged.flagged == () and len(flagged.replaced) == 4
    assert "Keisha" not in repr(flagged) and "Dean" not in repr(report)


@dataclass
class FakePerson:
    pseudonym: str
    role: str
    aliases: tuple[str, ...] = ()


class FakePeople:
    def __init__(self, people, aliases):
        self._people = people
        self._matcher = NameMatcher(aliases)

    def list(self):
        return list(self._people)

    def alias_spans(self, text):
        return list(self._matcher.spans(text))


class FakeJournal:
    def __init__(self, people):
        self.people = people


def test_a_journal_gives_pseudonyms_and_alias_spans():
    people = FakePeople([FakePerson("Parent Hazel", "parent")], {"Jo Bloggs": "Parent Hazel"})
    journal = FakeJournal(people)
    assert wb.redact("Jo Bloggs and Parent Hazel are one person.", journal) == (
        "Parent Hazel and Parent Hazel are one person."
    )
    found = wb.find_identifiers("Mr Hazelwood met Parent Hazel.", journal, pseudonyms=["Mr Hazelwood"])
    assert found == []


def test_a_journal_without_alias_spans_falls_back_to_its_people():
    class OldPeople:
        def list(self):
            return [FakePerson("Parent Hazel", "parent", ("Jo Bloggs",)), FakePerson("Child Fern", "child")]

    assert wb.redact("Jo Bloggs came.", FakeJournal(OldPeople())) == "Parent Hazel came."

    class NoAliases:
        def list(self):
            return [FakePerson("Child Fern", "child")]

    assert wb.redact("Child Fern came.", FakeJournal(NoAliases())) == "Child Fern came."


def test_a_real_journal_works(journal):
    journal.people.add("Parent Hazel", role="parent", aliases=["Jo Bloggs"])
    out = wb.redact("Jo Bloggs met Parent Hazel on 07700 900123.", journal)
    assert "07700" not in out and "Parent Hazel" in out
    assert out.endswith("on [phone].")
