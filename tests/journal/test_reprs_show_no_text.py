"""Reprs and notebook displays never show journal text or aliases."""

from __future__ import annotations

from journal_helpers import SECRETS

# -- reprs never show text ---------------------------------------------------------------------


def test_reprs_never_contain_text_or_aliases(journal):
    entry = journal.add(
        title=SECRETS["title"],
        narrative=SECRETS["narrative"],
        template="gibbs",
        responses={"description": SECRETS["response"]},
        actions=[SECRETS["action"]],
        feedback=[{"author_role": "tutor", "text": SECRETS["feedback"]}],
        people=["Parent A"],
        tags=["angry"],
    )
    updated = journal.update(entry.id, narrative=SECRETS["narrative"] + " more")
    person = journal.people.get("Patient C")
    shown = [
        repr(entry),
        str(entry),
        entry._repr_html_(),
        repr(updated),
        repr(journal.history(entry.id)),
        repr(person),
        str(person),
        repr(journal.people),
        repr(journal.people.list()),
        repr(journal),
        repr(journal.entries()),
    ]
    for text in shown:
        for secret in [*SECRETS.values(), "Mr Sample", "Jo Example", "Sam"]:
            assert secret not in text, f"{secret!r} shown in {text!r}"
    assert entry.id[:8] in repr(entry) and "words=" in repr(entry)
    assert "'Patient C'" in repr(person) and "2 alias" in repr(person)
