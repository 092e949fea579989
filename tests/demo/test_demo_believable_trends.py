"""The demo's patterns are there to be found: held rises, the feelings gap narrows, the stance drifts, a heavy spell."""

from __future__ import annotations

import datetime as dt
import statistics

import workbook as wb
from workbook import demo

START = demo.DEFAULT_START
HEAVY = (dt.date(2026, 3, 9), dt.date(2026, 4, 14))  # inside the spell around month 11


def _months_in(entry: wb.Entry) -> int:
    return (entry.occurred_on.year - START.year) * 12 + entry.occurred_on.month - START.month


def _share(entries: list[wb.Entry], outcome: str) -> float:
    return sum(e.outcome == outcome for e in entries) / len(entries)


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
