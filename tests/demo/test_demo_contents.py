"""What each persona's demo journal holds: counts, dates, templates, contexts, tags and people, and no alias in any text."""

from __future__ import annotations

import collections
import datetime as dt
import re
import statistics

from workbook import demo
from workbook.demo import phrasebank
from workbook.models import PERSON_ROLES

GROUPS = ("feelings", "other-person", "relational", "conversation", "context")
# Each practitioner's own work, and nothing of the other's (the demo is not one worker covering every service).
CONTEXTS = {
    "social-worker": {"child-protection", "family-assessment", "court-fdac", "supervision"},
    "nurse": {
        "end-of-life",
        "community-nursing",
        "discharge-planning",
        "adult-safeguarding",
        "mental-health",
        "supervision",
    },
}
NOT_THEIRS = {
    "social-worker": {"community-nursing", "discharge-planning", "adult-safeguarding", "mental-health"},
    "nurse": {"child-protection", "family-assessment", "court-fdac"},
}
TEMPLATES = {
    "social-worker": {"child_family_debrief", "gibbs", "driscoll", "process_recording", "kolb", "rolfe", "schon"},
    "nurse": {"serious_illness_debrief", "spikes_debrief", "johns", "gibbs", "driscoll", "schon"},
}
START = demo.DEFAULT_START
END = dt.date(2026, 10, 31)  # 18 months from 1 May 2025


def test_counts_are_in_the_expected_ranges(persona, persona_journal, persona_entries):
    assert len(persona_entries) == 297
    assert len(persona_journal.trash()) == 3
    assert 15 <= len(persona_journal.people) <= 30
    setting = persona_journal.setting(demo.DEMO_SETTING)
    assert setting["seed"] == demo.DEFAULT_SEED
    assert setting["persona"] == persona
    assert setting["practitioner"] == phrasebank.load().persona(persona).practitioner


def test_the_default_demo_is_the_social_workers(demo_journal):
    assert demo.DEFAULT_PERSONA == "social-worker"
    assert demo_journal.setting(demo.DEMO_SETTING)["practitioner"] == demo.PRACTITIONER == "Sam Okafor-Reyes"


def test_the_two_practitioners_are_different_people_with_different_journals(persona, demo_journal, persona_journal):
    if persona == demo.DEFAULT_PERSONA:
        return
    assert {e.id for e in demo_journal.entries()}.isdisjoint(e.id for e in persona_journal.entries())
    assert {p.pseudonym for p in demo_journal.people} != {p.pseudonym for p in persona_journal.people}
    assert (
        "Nurse" not in demo.PRACTITIONER
        and persona_journal.setting(demo.DEMO_SETTING)["practitioner"] != demo.PRACTITIONER
    )


def test_dates_have_an_uneven_rhythm(persona_entries):
    days = sorted(e.occurred_on for e in persona_entries)
    assert START <= days[0] and days[-1] <= END
    assert (days[-1] - days[0]).days > 480
    gaps = [((b - a).days, a) for a, b in zip(days, days[1:], strict=False)]
    assert any(length >= 18 and day.month in (7, 8) for length, day in gaps)  # a summer holiday
    christmas = [d for d in days if (d.month, d.day) >= (12, 21) or (d.month, d.day) <= (1, 2)]
    assert len(christmas) < len(days) / 547 * 24  # fewer than an average 12 days
    per_month = collections.Counter((d.year, d.month) for d in days)
    assert max(per_month.values()) >= 1.5 * statistics.median(per_month.values())  # busy months


def test_each_practitioner_works_in_their_own_contexts_with_fitting_templates(persona, persona_entries):
    used = collections.Counter(e.template for e in persona_entries)
    for template in TEMPLATES[persona]:
        assert used[template] >= 8, template
    assert used[None] >= 5  # some entries are free narrative only
    contexts = collections.Counter(e.context for e in persona_entries)
    assert all(contexts[c] >= 10 for c in CONTEXTS[persona]), contexts
    assert not NOT_THEIRS[persona] & set(contexts), contexts
    if persona == "nurse":
        assert used["child_family_debrief"] == 0


def test_between_them_the_demos_use_every_template(persona, demo_journal, entries, persona_entries):
    if persona == demo.DEFAULT_PERSONA:
        return  # checked once, on the other persona's run
    used = {e.template for e in entries} | {e.template for e in persona_entries}
    assert set(demo_journal.templates()) <= used


def test_tags_come_from_all_five_groups_with_intensities_and_anchors(persona_journal, persona_entries):
    vocabulary = persona_journal.vocabulary()
    groups = collections.Counter()
    intensities = collections.Counter()
    anchored = 0
    for entry in persona_entries:
        assert 2 <= len(entry.tags) <= 7, entry
        texts = {"narrative": entry.narrative, **{f"responses.{k}": v for k, v in entry.responses.items()}}
        for use in entry.tags:
            tag = vocabulary.find(use.tag)
            groups[tag.group] += 1
            if tag.group == "feelings":
                assert use.intensity in (1, 2, 3)
                intensities[use.intensity] += 1
            else:
                assert use.intensity is None
            if use.anchor is not None:
                anchored += 1
                passage = texts[use.anchor.field][use.anchor.start : use.anchor.end]
                assert passage.strip() and passage == passage.strip()
    assert set(groups) == set(GROUPS)
    assert set(intensities) == {1, 2, 3}
    assert anchored >= 40
    assert {"narrative"} <= {u.anchor.field for e in persona_entries for u in e.tags if u.anchor}


def test_the_two_custom_tags_are_added_and_used(persona, persona_journal, persona_entries):
    custom = [t for t in persona_journal.vocabulary() if t.custom]
    expected = {
        "social-worker": [("Stuck in the middle", "relational"), ("Ran out of time", "conversation")],
        "nurse": [("Caught between them", "relational"), ("Clock on the visit", "conversation")],
    }
    assert [(t.label, t.group) for t in custom] == expected[persona]
    used = collections.Counter(u.tag for e in persona_entries for u in e.tags)
    assert all(used[t.id] >= 3 for t in custom)


def test_people_are_obvious_pseudonyms_with_a_few_aliases(persona, persona_journal, persona_entries):
    people = persona_journal.people.list()
    assert {p.role for p in people} <= set(PERSON_ROLES)
    assert len({p.role for p in people}) >= 5
    assert sum(bool(p.alias_count) for p in people) >= 3
    assert sorted(demo.demo_people(persona)) == sorted((p.pseudonym, p.role) for p in people)
    register = {p.pseudonym for p in people}
    named = {name for e in persona_entries for name in e.people}
    assert named <= register
    assert len(named) >= 0.9 * len(register)
    # a role word first, so no pseudonym can be mistaken for a real person; titles keep its capital
    assert all(p.pseudonym.split()[0][0].isupper() and len(p.pseudonym.split()) >= 2 for p in people)
    lowered = [p.pseudonym[0].lower() + p.pseudonym[1:] for p in people]
    assert not [e.title for e in persona_entries if any(name in e.title for name in lowered)]


def test_no_alias_ever_appears_in_entry_text(persona, persona_journal, persona_every_entry):
    """Neither persona's aliases (every alias in the register is looked for), nor any variant
    of the journal's own."""
    demo_journal, every_entry = persona_journal, persona_every_entry
    own = [alias for _, _, names in phrasebank.load().persona(persona).people for alias in names]
    assert own and demo_journal.people.alias_spans(" and ".join(own))
    aliases = [alias for _, _, names in phrasebank.load().people for alias in names]
    patterns = [re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", re.IGNORECASE) for alias in aliases]
    for entry in every_entry:
        texts = [
            entry.title,
            entry.narrative,
            *entry.responses.values(),
            *(a.text for a in entry.actions),
            *(f.text for f in entry.feedback),
        ]
        for revision in demo_journal.history(entry.id)[:-1]:
            texts += [revision.entry.title, revision.entry.narrative, *revision.entry.responses.values()]
        for text in texts:
            for pattern in patterns:
                assert not pattern.search(text), (pattern.pattern, text)
            assert demo_journal.people.alias_spans(text) == [], text  # nor any variant of one
