"""The demo journal: deterministic, believable, private, and built through the public API."""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import json
import os
import re
import statistics
from pathlib import Path
from typing import Any

import platformdirs
import pytest

import workbook as wb
from workbook import demo, paths
from workbook.models import FEEDBACK_ROLES, PERSON_ROLES

GROUPS = ("feelings", "other-person", "relational", "conversation", "context")
START = demo.DEFAULT_START
END = dt.date(2026, 10, 31)  # 18 months from 1 May 2025
HEAVY = (dt.date(2026, 3, 9), dt.date(2026, 4, 14))  # inside the spell around month 11
WALL_CLOCK = ("created_at", "updated_at", "deleted_at")


# -- one build for the module -------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    return demo.write_demo_journal(tmp_path_factory.mktemp("demo") / "demo-journal.db")


@pytest.fixture(scope="module")
def journal(demo_path):
    opened = wb.open_journal(demo_path)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def entries(journal) -> list[wb.Entry]:
    return journal.entries()


@pytest.fixture(scope="module")
def every_entry(journal, entries) -> list[wb.Entry]:
    return entries + journal.trash()


def _comparable(entry: wb.Entry) -> dict[str, Any]:
    """``to_dict()`` without wall-clock stamps or the random ids ``add_feedback`` gives."""
    d = entry.to_dict()
    for key in WALL_CLOCK:
        d.pop(key)
    d["feedback"] = [{k: v for k, v in f.items() if k != "id"} for f in d["feedback"]]
    return d


def _months_in(entry: wb.Entry) -> int:
    return (entry.occurred_on.year - START.year) * 12 + entry.occurred_on.month - START.month


def _share(entries: list[wb.Entry], outcome: str) -> float:
    return sum(e.outcome == outcome for e in entries) / len(entries)


# -- determinism and purity ---------------------------------------------------------------------
def test_the_same_seed_builds_the_same_journal(journal, every_entry):
    with wb.open_journal(":memory:") as again:
        demo.build_demo(again, seed=demo.DEFAULT_SEED)
        second = again.entries() + again.trash()
        assert sorted(map(_comparable, second), key=lambda d: d["id"]) == sorted(
            map(_comparable, every_entry), key=lambda d: d["id"]
        )
        assert [(p.pseudonym, p.role, p.aliases) for p in again.people] == [
            (p.pseudonym, p.role, p.aliases) for p in journal.people
        ]
        assert [t.id for t in again.vocabulary() if t.custom] == [t.id for t in journal.vocabulary() if t.custom]


def test_generate_entries_is_pure_and_is_what_the_journal_holds(every_entry):
    first = demo.generate_entries(40, seed=7)
    assert first == demo.generate_entries(40, seed=7)
    assert first != demo.generate_entries(40, seed=8)
    assert demo.generate_entries(0) == []
    generated = demo.generate_entries(300)
    by_id = {e.id: e for e in every_entry}
    assert set(by_id) == {g["id"] for g in generated}
    for fields in generated:
        stored = by_id[fields["id"]]
        assert (stored.title, stored.occurred_on, stored.context, stored.template) == (
            fields["title"],
            fields["occurred_on"],
            fields["context"],
            fields["template"],
        )
        assert stored.responses == fields["responses"]


# -- golden output: the exact demo, pinned so a refactor that reorders random draws is caught --
# The demo drives the screenshots, the notebooks' figures and the README. If a change to the
# generator is meant to change the demo, recompute both digests and say so in the commit.
GOLDEN_GENERATED = "c40053442d4d1a6b"
GOLDEN_JOURNAL = "2e4c4871bf78c277"


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, default=str, sort_keys=True).encode()).hexdigest()[:16]


def test_generated_entries_are_exactly_the_pinned_demo():
    assert _digest(demo.generate_entries(300)) == GOLDEN_GENERATED


def test_the_built_journal_is_exactly_the_pinned_demo(every_entry):
    """Covers the follow-up steps too (actions done, feedback, edits, trash), which draw after the entries."""
    assert _digest(sorted(map(_comparable, every_entry), key=lambda d: d["id"])) == GOLDEN_JOURNAL


def test_generate_entries_refuses_nonsense():
    with pytest.raises(wb.ValidationError) as error:
        demo.generate_entries(-1)
    assert error.value.field == "entries"
    with pytest.raises(wb.ValidationError):
        demo.generate_entries(5, months=0)


# -- counts and coverage --------------------------------------------------------------------------
def test_counts_are_in_the_expected_ranges(journal, entries):
    assert len(entries) == 297
    assert len(journal.trash()) == 3
    assert 20 <= len(journal.people) <= 30
    assert journal.setting(demo.DEMO_SETTING)["seed"] == demo.DEFAULT_SEED
    assert journal.setting(demo.DEMO_SETTING)["practitioner"] == demo.PRACTITIONER


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


def test_every_template_and_context_is_used(journal, entries):
    used = collections.Counter(e.template for e in entries)
    for template in journal.templates():
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


def test_tags_come_from_all_five_groups_with_intensities_and_anchors(journal, entries):
    vocabulary = journal.vocabulary()
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


def test_the_two_custom_tags_are_added_and_used(journal, entries):
    custom = [t for t in journal.vocabulary() if t.custom]
    assert [(t.label, t.group) for t in custom] == [
        ("Stuck in the middle", "relational"),
        ("Ran out of time", "conversation"),
    ]
    used = collections.Counter(u.tag for e in entries for u in e.tags)
    assert all(used[t.id] >= 3 for t in custom)


def test_people_are_obvious_pseudonyms_with_a_few_aliases(journal, entries):
    people = journal.people.list()
    assert {p.role for p in people} <= set(PERSON_ROLES)
    assert len({p.role for p in people}) >= 7
    assert sum(bool(p.aliases) for p in people) >= 4
    assert sorted(demo.demo_people()) == sorted((p.pseudonym, p.role) for p in people)
    register = {p.pseudonym for p in people}
    named = {name for e in entries for name in e.people}
    assert named <= register
    assert len(named) >= 0.9 * len(register)


def test_no_alias_ever_appears_in_entry_text(journal, every_entry):
    aliases = journal.people.aliases()
    assert aliases
    patterns = [re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", re.IGNORECASE) for alias in aliases]
    for entry in every_entry:
        texts = [
            entry.title,
            entry.narrative,
            *entry.responses.values(),
            *(a.text for a in entry.actions),
            *(f.text for f in entry.feedback),
        ]
        for revision in journal.history(entry.id)[:-1]:
            texts += [revision.entry.title, revision.entry.narrative, *revision.entry.responses.values()]
        for text in texts:
            for pattern in patterns:
                assert not pattern.search(text), (pattern.pattern, text)


# -- believable trends ----------------------------------------------------------------------------
def test_held_rises_while_softened_and_avoided_fall(entries):
    first = [e for e in entries if _months_in(e) < 6]
    last = [e for e in entries if _months_in(e) >= 12]
    assert _share(last, "held") > _share(first, "held") + 0.15
    assert _share(first, "held") < 0.5 < _share(last, "held")
    easy_first = _share(first, "softened") + _share(first, "avoided")
    easy_last = _share(last, "softened") + _share(last, "avoided")
    assert easy_last < easy_first - 0.15


def test_feelings_are_higher_before_than_after_and_the_gap_narrows(entries):
    rated = [e for e in entries if e.feelings_before is not None and e.feelings_after is not None]
    assert statistics.mean(e.feelings_before for e in rated) > statistics.mean(e.feelings_after for e in rated) + 1

    def gap(part: list[wb.Entry]) -> float:
        return statistics.mean(e.feelings_before - e.feelings_after for e in part)

    assert gap([e for e in rated if _months_in(e) < 6]) > gap([e for e in rated if _months_in(e) >= 12])


def test_end_of_life_stance_drifts_from_heroic_towards_stoical(entries):
    stances = [(e.occurred_on, e.stance) for e in entries if e.context == "end-of-life" and e.stance is not None]
    early = [s for d, s in stances if d < dt.date(2026, 1, 1)]
    late = [s for d, s in stances if d >= dt.date(2026, 5, 1)]
    assert statistics.mean(early) < -0.4
    assert statistics.mean(late) > statistics.mean(early) + 0.8


def test_a_heavy_spell_around_month_eleven(entries):
    spell = [e for e in entries if HEAVY[0] <= e.occurred_on <= HEAVY[1]]
    rest = [e for e in entries if not HEAVY[0] <= e.occurred_on <= HEAVY[1] and e.feelings_before is not None]
    assert len(spell) >= 15
    assert (
        statistics.mean(e.feelings_before for e in spell if e.feelings_before is not None)
        >= statistics.mean(e.feelings_before for e in rest) + 0.8
    )
    load = {"overwhelmed", "drained", "numb", "furious", "out-of-depth"}
    assert all(load & set(e.tag_ids) for e in spell)
    assert sum(bool({"overwhelmed", "drained"} & set(e.tag_ids)) for e in spell) >= 0.5 * len(spell)
    before = [e for e in entries if HEAVY[0] - dt.timedelta(days=120) <= e.occurred_on < HEAVY[0]]
    assert sum(bool({"overwhelmed", "drained"} & set(e.tag_ids)) for e in before) <= 0.2 * len(before)


# -- what happens to entries later ----------------------------------------------------------------
def test_actions_are_followed_up(entries):
    with_actions = [e for e in entries if e.actions]
    assert 0.5 <= len(with_actions) / len(entries) <= 0.7
    statuses = collections.Counter(a.status for e in entries for a in e.actions)
    total = sum(statuses.values())
    assert 0.6 <= statuses["done"] / total <= 0.8
    assert statuses["dropped"] >= 5 and statuses["open"] >= 5
    assert all(a.due_on and a.due_on > e.occurred_on for e in with_actions for a in e.actions)


def test_some_flagged_entries_have_supervisor_feedback(entries):
    flagged = [e for e in entries if e.flagged]
    assert 0.1 <= len(flagged) / len(entries) <= 0.2
    answered = [e for e in flagged if any(f.author_role == "supervisor" for f in e.feedback)]
    assert 0.4 * len(flagged) <= len(answered) < len(flagged)
    for entry in entries:
        for item in entry.feedback:
            assert item.author_role in FEEDBACK_ROLES
            assert entry.occurred_on <= item.given_on <= END


def test_a_handful_of_entries_were_edited_later(journal, entries):
    edited = [e for e in entries if "Added " in e.narrative]
    assert 4 <= len(edited) <= 8
    for entry in edited:
        history = journal.history(entry.id)
        assert len(history) >= 2
        assert "Added " not in history[0].entry.narrative
    reconsidered = [
        e for e in edited if "Changing this to softened" in e.narrative or "softened it more" in e.narrative
    ]
    assert reconsidered and all(e.outcome == "softened" and "held" not in e.tag_ids for e in reconsidered)
    assert any(journal.history(e.id)[0].entry.outcome == "held" for e in reconsidered)


# -- the file -------------------------------------------------------------------------------------
def test_the_demo_file_is_private(demo_path):
    assert (demo_path.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in demo_path.parent.iterdir() if not p.name.startswith("demo-journal.db")] == []


def test_write_refuses_to_overwrite_without_force(demo_path):
    before = (demo_path.stat().st_size, demo_path.stat().st_mtime_ns)
    with pytest.raises(wb.ValidationError) as error:
        demo.write_demo_journal(demo_path)
    assert error.value.field == "path"
    assert (demo_path.stat().st_size, demo_path.stat().st_mtime_ns) == before
    assert [p.name for p in demo_path.parent.iterdir() if ".building" in p.name] == []


def test_force_replaces_a_demo_atomically_but_never_a_real_journal(tmp_path):
    target = tmp_path / "demo.db"
    target.write_bytes(b"an old, broken demo")
    assert demo.write_demo_journal(target, entries=20, force=True) == target
    assert (target.stat().st_mode & 0o777) == 0o600
    with wb.open_journal(target) as replaced:
        assert len(replaced) + len(replaced.trash()) == 20
    assert demo.write_demo_journal(target, entries=12, force=True) == target  # a demo replaces a demo
    with wb.open_journal(target) as replaced:
        assert len(replaced) + len(replaced.trash()) == 12
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]

    real = tmp_path / "journal.db"
    with wb.open_journal(real) as mine:
        mine.add(title="A conversation of my own")
    with pytest.raises(wb.ValidationError) as error:
        demo.write_demo_journal(real, entries=5, force=True)
    assert error.value.field == "path"
    with wb.open_journal(real) as mine:
        assert [e.title for e in mine.entries()] == ["A conversation of my own"]


def test_build_demo_refuses_a_journal_that_is_not_empty():
    with wb.open_journal(":memory:") as journal:
        journal.people.add("Someone Else", "other")
        with pytest.raises(wb.ValidationError) as error:
            demo.build_demo(journal, entries=5)
        assert error.value.field == "journal"
        assert len(journal) == 0


def test_default_demo_path_ignores_the_journal_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBOOK_JOURNAL", str(tmp_path / "elsewhere" / "journal.db"))
    path = paths.default_demo_path()
    assert path.name == "demo-journal.db"
    assert path.parent == Path(platformdirs.user_data_dir("reflective-workbook", appauthor=False))
    assert not str(path).startswith(str(tmp_path))
    assert os.environ["WORKBOOK_JOURNAL"] != str(path)
