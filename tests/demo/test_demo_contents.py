"""What the demo journal holds: counts, dates, templates, contexts, tags and people, and no alias in any text."""

from __future__ import annotations

import collections
import datetime as dt
import re
import statistics

from workbook import demo
from workbook.demo import phrasebank
from workbook.models import PERSON_ROLES

GROUPS = ("feelings", "other-person", "relational", "conversation", "context")
START = demo.DEFAULT_START
END = dt.date(2026, 10, 31)  # 18 months from 1 May 2025


def test_counts_are_in_the_expected_ranges(demo_journal, entries):
    assert len(entries) == 297
    assert len(demo_journal.trash()) == 3
    assert 20 <= len(demo_journal.people) <= 30
    assert demo_journal.setting(demo.DEMO_SETTING)["seed"] == demo.DEFAULT_SEED
    assert demo_journal.setting(demo.DEMO_SETTING)["practitioner"] == demo.PRACTITIONER


def test_dates_have_an_uneven_rhythm(entries):
    days = sorted(e.occurred_on for e in entries)
    assert START <= days[0] and days[-1] <= END
    assert (days[-1] - days[0]).days > 480
    gaps = [((b - a).days, a) for a, b in zip(days, days[1:], strict=False)]
    assert any(length >= 18 and day.month in (7, 8) for length, day in gaps)  # a summer holiday
    christmas = [d for d in days if (d.month, d.day) >= (12, 21) or (d.month, d.day) <= (1, 2)]
    assert len(christmas) < len(days) / 547 * 24  # fewer than an average 12 days
    per_month = collections.Counter((d.year, d.month) for d in days)
    assert max(per_month.values()) >= 1.5 * statistics.median(per_month.values())  # busy months


def test_every_template_and_context_is_used(demo_journal, entries):
    used = collections.Counter(e.template for e in entries)
    for template in demo_journal.templates():
        assert used[template] >= 3, template
    assert used[None] >= 5  # some entries are free narrative only
    contexts = collections.Counter(e.context for e in entries)
    assert {
        "child-protection",
        "family-assessment",
        "court-fdac",
        "end-of-life",
        "adult-safeguarding",
        "mental-health",
    } <= set(contexts)


def test_tags_come_from_all_five_groups_with_intensities_and_anchors(demo_journal, entries):
    vocabulary = demo_journal.vocabulary()
    groups = collections.Counter()
    intensities = collections.Counter()
    anchored = 0
    for entry in entries:
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
    assert {"narrative"} <= {u.anchor.field for e in entries for u in e.tags if u.anchor}


def test_the_two_custom_tags_are_added_and_used(demo_journal, entries):
    custom = [t for t in demo_journal.vocabulary() if t.custom]
    assert [(t.label, t.group) for t in custom] == [
        ("Stuck in the middle", "relational"),
        ("Ran out of time", "conversation"),
    ]
    used = collections.Counter(u.tag for e in entries for u in e.tags)
    assert all(used[t.id] >= 3 for t in custom)


def test_people_are_obvious_pseudonyms_with_a_few_aliases(demo_journal, entries):
    people = demo_journal.people.list()
    assert {p.role for p in people} <= set(PERSON_ROLES)
    assert len({p.role for p in people}) >= 7
    assert sum(bool(p.alias_count) for p in people) >= 4
    assert sorted(demo.demo_people()) == sorted((p.pseudonym, p.role) for p in people)
    register = {p.pseudonym for p in people}
    named = {name for e in entries for name in e.people}
    assert named <= register
    assert len(named) >= 0.9 * len(register)


def test_no_alias_ever_appears_in_entry_text(demo_journal, every_entry):
    aliases = [alias for _, _, names in phrasebank.load().people for alias in names]
    assert aliases and demo_journal.people.alias_spans(" and ".join(aliases))
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
