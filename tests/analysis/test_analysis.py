"""workbook.analysis: every function on a small hand-built journal, with hand-computed values.

The journal (``frames`` fixture), with today = 15 April 2024 unless a test says otherwise:

=====  ==========  ================  ========  ======  =====  =====================================  ===========================
entry  date        context           outcome   stance  felt   tags (intensity)                       actions
=====  ==========  ================  ========  ======  =====  =====================================  ===========================
E1     Sat 30 Dec  child-protection  held      -2      8 → 5  anxious(2) held directness compassion  a1 done
E2     Tue  2 Jan  child-protection  avoided   -1      9 → 9  anxious(3) anxious(1) avoided          a2 open, due 20 Jan
                                                             overwhelmed(3)
E3     Wed 10 Jan  end-of-life       softened  +1      6 → 4  sad(1) softened compassion anxious(1)
E4     Wed 14 Feb  end-of-life       held      +2      4 → 2  moved(2) held compassion               a3 dropped, a4 open (no due)
E5     Sun 31 Mar  (none)            (none)    (none)  7 → -  anxious                                a5 open, due 1 May
=====  ==========  ================  ========  ======  =====  =====================================  ===========================

People: E1 parent; E2 parent + professional; E3 relative; E4 relative + relative + professional.
E2 is flagged for supervision. The journal crosses a calendar year on purpose.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pandas as pd
import pytest

import workbook as wb
from workbook import analysis as an
from workbook.analysis import Frames, LoadSettings

TODAY = dt.date(2024, 4, 15)
D = pd.Timestamp


def _entries():
    return [
        dict(
            title="E1",
            occurred_on="2023-12-30",
            context="child-protection",
            outcome="held",
            stance=-2,
            feelings_before=8,
            feelings_after=5,
            people=["Parent P"],
            tags=[{"tag": "anxious", "intensity": 2}, "held", "directness", "compassion"],
            actions=[{"id": "a1", "text": "ring back", "status": "done"}],
        ),
        dict(
            title="E2",
            occurred_on="2024-01-02",
            context="child-protection",
            outcome="avoided",
            stance=-1,
            feelings_before=9,
            feelings_after=9,
            people=["Parent P", "Doctor D"],
            flagged=True,
            tags=[
                {"tag": "anxious", "intensity": 3},
                {"tag": "anxious", "intensity": 1},
                "avoided",
                {"tag": "overwhelmed", "intensity": 3},
            ],
            actions=[{"id": "a2", "text": "write up", "status": "open", "due_on": "2024-01-20"}],
        ),
        dict(
            title="E3",
            occurred_on="2024-01-10",
            context="end-of-life",
            outcome="softened",
            stance=1,
            feelings_before=6,
            feelings_after=4,
            people=["Relative R"],
            tags=[{"tag": "sad", "intensity": 1}, "softened", "compassion", {"tag": "anxious", "intensity": 1}],
        ),
        dict(
            title="E4",
            occurred_on="2024-02-14",
            context="end-of-life",
            outcome="held",
            stance=2,
            feelings_before=4,
            feelings_after=2,
            people=["Relative R", "Aunt T", "Doctor D"],
            tags=[{"tag": "moved", "intensity": 2}, "held", "compassion"],
            actions=[
                {"id": "a3", "text": "call GP", "status": "dropped"},
                {"id": "a4", "text": "visit", "status": "open"},
            ],
        ),
        dict(
            title="E5",
            occurred_on="2024-03-31",
            feelings_before=7,
            tags=["anxious"],
            actions=[{"id": "a5", "text": "review", "status": "open", "due_on": "2024-05-01"}],
        ),
    ]


@pytest.fixture(scope="module")
def built():
    j = wb.open_journal(":memory:")
    for pseudonym, role in (
        ("Parent P", "parent"),
        ("Doctor D", "professional"),
        ("Relative R", "relative"),
        ("Aunt T", "relative"),
    ):
        j.people.add(pseudonym, role)
    ids = [j.add(**fields).id for fields in _entries()]
    yield j, ids
    j.close()


@pytest.fixture(scope="module")
def frames(built) -> Frames:
    return Frames.from_journal(built[0])


@pytest.fixture(scope="module")
def ids(built) -> list[str]:
    return built[1]


def rows(frame: pd.DataFrame) -> list[tuple]:
    """The frame as a list of tuples, floats rounded to 4 places, NaN as None."""

    def clean(v):
        if isinstance(v, float):
            return None if math.isnan(v) else round(v, 4)
        return v

    return [tuple(clean(v) for v in row) for row in frame.itertuples(index=False)]


# -- Frames ----------------------------------------------------------------------------------
def test_from_journal_holds_the_four_frames_and_labels(frames):
    assert (len(frames.entries), len(frames.tags), len(frames.people), len(frames.actions)) == (5, 16, 7, 5)
    assert frames.labels["softened"] == "Softened into an easy conversation"
    assert repr(frames) == "<Frames 5 entries, 16 tag uses, 7 people, 5 actions>"
    assert len(frames) == 5


def test_from_journal_reads_no_text(frames):
    columns = (
        set(frames.entries.columns)
        | set(frames.tags.columns)
        | set(frames.people.columns)
        | set(frames.actions.columns)
    )
    assert not columns & {"title", "narrative", "responses", "text", "pseudonym", "aliases"}


def test_filter_by_dates_is_inclusive_and_crosses_years(frames, ids):
    f = frames.filter(since="2023-12-30", until=dt.date(2024, 1, 10))
    assert list(f.entries["id"]) == ids[:3]
    assert set(f.tags["entry_id"]) == set(ids[:3])
    assert set(f.actions["action_id"]) == {"a1", "a2"}
    assert list(f.people["role"]) == ["parent", "parent", "professional", "relative"]


def test_filter_by_context_tags_and_role(frames, ids):
    assert list(frames.filter(context="end-of-life").entries["id"]) == ids[2:4]
    assert list(frames.filter(context=["end-of-life", "child-protection"]).entries["id"]) == ids[:4]
    # several tags: an entry must carry every one
    assert list(frames.filter(tags="compassion").entries["id"]) == [ids[0], ids[2], ids[3]]
    assert list(frames.filter(tags=["compassion", "held"]).entries["id"]) == [ids[0], ids[3]]
    # several roles: anyone in any of them
    assert list(frames.filter(role="professional").entries["id"]) == [ids[1], ids[3]]
    assert list(frames.filter(role=["parent", "relative"]).entries["id"]) == ids[:4]
    both = frames.filter(context="child-protection", role="professional")
    assert list(both.entries["id"]) == [ids[1]]
    assert set(both.tags["tag"]) == {"anxious", "avoided", "overwhelmed"}  # all the entry's tags stay
    assert list(both.people["role"]) == ["parent", "professional"]


def test_filter_without_arguments_returns_the_same_frames(frames):
    assert frames.filter() is frames


@pytest.mark.parametrize(
    "filters",
    [
        dict(since="2024-01-01"),
        dict(context="end-of-life"),
        dict(tags="compassion"),
        dict(role="professional"),
        dict(until="2024-01-02"),
    ],
)
def test_filtered_frames_keep_a_consistent_index(frames, filters):
    """Filtered Frames reuse the parent's integer index; results match a fresh Frames."""
    filtered = frames.filter(**filters)
    fresh = Frames(filtered.entries, filtered.tags, filtered.people, filtered.actions, filtered.labels)
    assert not fresh._index and filtered._index
    for fn in (
        lambda f: an.tag_use(f, "month", by="tag"),
        lambda f: an.tag_use(f, "week", by="group"),
        lambda f: an.outcome_share(f, "month", by="role"),
        lambda f: an.tag_cooccurrence(f, min_count=1),
        an.tags_and_feelings,
        lambda f: an.action_follow_through(f, today=TODAY).by_period,
        lambda f: f.filter(tags="anxious", role="parent").entries,
    ):
        pd.testing.assert_frame_equal(fn(filtered), fn(fresh))


def test_period_starts_weeks_start_on_monday_and_quarters_cross_years():
    dates = pd.Series(pd.to_datetime(["2023-12-31", "2024-01-01", "2024-03-31", "2024-04-01"]))
    assert list(an.period_starts(dates, "week")) == [D("2023-12-25"), D("2024-01-01"), D("2024-03-25"), D("2024-04-01")]
    assert list(an.period_starts(dates, "month")) == [
        D("2023-12-01"),
        D("2024-01-01"),
        D("2024-03-01"),
        D("2024-04-01"),
    ]
    assert list(an.period_starts(dates, "quarter")) == [
        D("2023-10-01"),
        D("2024-01-01"),
        D("2024-01-01"),
        D("2024-04-01"),
    ]
    with pytest.raises(ValueError, match="period must be one of week, month, quarter"):
        an.period_starts(dates, "year")


# -- counts over time ---------------------------------------------------------------------
def test_activity_by_week_and_quarter(frames):
    weekly = an.activity(frames, "week")
    assert list(weekly.columns) == ["period_start", "entries", "held", "avoided", "softened", "unrecorded"]
    assert list(weekly["period_start"]) == [
        D("2023-12-25"),
        D("2024-01-01"),
        D("2024-01-08"),
        D("2024-02-12"),
        D("2024-03-25"),
    ]
    assert weekly.attrs["period"] == "week"
    assert rows(an.activity(frames, "quarter")) == [
        (D("2023-10-01"), 1, 1, 0, 0, 0),
        (D("2024-01-01"), 4, 1, 1, 1, 1),
    ]


def test_activity_by_context(frames):
    assert rows(an.activity(frames, "month", by="context")) == [
        (D("2023-12-01"), "child-protection", 1, 1, 0, 0, 0),
        (D("2024-01-01"), "child-protection", 1, 0, 1, 0, 0),
        (D("2024-01-01"), "end-of-life", 1, 0, 0, 1, 0),
        (D("2024-02-01"), "end-of-life", 1, 1, 0, 0, 0),
        (D("2024-03-01"), "no context", 1, 0, 0, 0, 1),
    ]


def test_daily(frames):
    assert rows(an.daily(frames)) == [
        (D("2023-12-30"), 1, 8.0, 5.0),
        (D("2024-01-02"), 1, 9.0, 9.0),
        (D("2024-01-10"), 1, 6.0, 4.0),
        (D("2024-02-14"), 1, 4.0, 2.0),
        (D("2024-03-31"), 1, 7.0, None),
    ]


def test_tag_use_by_group_per_month(frames):
    out = an.tag_use(frames, "month", by="group")
    assert list(out.columns) == ["period_start", "group", "uses", "entries", "share"]
    assert rows(out) == [
        (D("2023-12-01"), "conversation", 3, 1, 1.0),
        (D("2023-12-01"), "feelings", 1, 1, 1.0),
        (D("2024-01-01"), "conversation", 3, 2, 1.0),
        (D("2024-01-01"), "feelings", 5, 2, 1.0),  # anxious twice on E2: two uses, one entry
        (D("2024-02-01"), "conversation", 2, 1, 1.0),
        (D("2024-02-01"), "feelings", 1, 1, 1.0),
        (D("2024-03-01"), "feelings", 1, 1, 1.0),
    ]


def test_tag_use_by_tag_per_quarter(frames):
    out = an.tag_use(frames, "quarter", by="tag")
    assert list(out.columns) == ["period_start", "tag", "group", "uses", "entries", "share"]
    assert rows(out) == [
        (D("2023-10-01"), "anxious", "feelings", 1, 1, 1.0),
        (D("2023-10-01"), "compassion", "conversation", 1, 1, 1.0),
        (D("2023-10-01"), "directness", "conversation", 1, 1, 1.0),
        (D("2023-10-01"), "held", "conversation", 1, 1, 1.0),
        (D("2024-01-01"), "anxious", "feelings", 4, 3, 0.75),
        (D("2024-01-01"), "avoided", "conversation", 1, 1, 0.25),
        (D("2024-01-01"), "compassion", "conversation", 2, 2, 0.5),
        (D("2024-01-01"), "held", "conversation", 1, 1, 0.25),
        (D("2024-01-01"), "moved", "feelings", 1, 1, 0.25),
        (D("2024-01-01"), "overwhelmed", "feelings", 1, 1, 0.25),
        (D("2024-01-01"), "sad", "feelings", 1, 1, 0.25),
        (D("2024-01-01"), "softened", "conversation", 1, 1, 0.25),
    ]
    with pytest.raises(ValueError, match="by must be 'group' or 'tag'"):
        an.tag_use(frames, by="family")


def test_outcome_share_overall(frames):
    out = an.outcome_share(frames, "quarter")
    assert list(out.columns) == ["period_start", "outcome", "n", "total", "share"]
    assert rows(out) == [
        (D("2023-10-01"), "held", 1, 1, 1.0),
        (D("2023-10-01"), "avoided", 0, 1, 0.0),
        (D("2023-10-01"), "softened", 0, 1, 0.0),
        (D("2024-01-01"), "held", 1, 3, 0.3333),
        (D("2024-01-01"), "avoided", 1, 3, 0.3333),
        (D("2024-01-01"), "softened", 1, 3, 0.3333),
    ]


def test_outcome_share_by_context(frames):
    out = an.outcome_share(frames, "quarter", by="context")
    held = out.loc[out["outcome"] == "held"]
    assert rows(held) == [
        (D("2023-10-01"), "child-protection", "held", 1, 1, 1.0),
        (D("2024-01-01"), "child-protection", "held", 0, 1, 0.0),
        (D("2024-01-01"), "end-of-life", "held", 1, 2, 0.5),
    ]


def test_outcome_share_by_role_counts_an_entry_once_per_role(frames):
    out = an.outcome_share(frames, "quarter", by="role")
    got = {(r.period_start, r.role, r.outcome): (r.n, r.total) for r in out.itertuples() if r.n}
    assert got == {
        (D("2023-10-01"), "parent", "held"): (1, 1),
        (D("2024-01-01"), "parent", "avoided"): (1, 1),
        (D("2024-01-01"), "professional", "avoided"): (1, 2),
        (D("2024-01-01"), "professional", "held"): (1, 2),
        (D("2024-01-01"), "relative", "softened"): (1, 2),  # E4 has two relatives: counted once
        (D("2024-01-01"), "relative", "held"): (1, 2),
    }


def test_stance_trend(frames):
    assert rows(an.stance_trend(frames, "quarter")) == [
        (D("2023-10-01"), 1, -2.0, 1.0, 0.0, 0.0),
        (D("2024-01-01"), 3, 0.6667, 0.3333, 0.0, 0.6667),
    ]


def test_feelings_trend_uses_entries_with_both_ratings(frames):
    out = an.feelings_trend(frames, "month")
    assert list(out.columns) == ["period_start", "n", "mean_before", "mean_after", "mean_gap"]
    assert rows(out) == [
        (D("2023-12-01"), 1, 8.0, 5.0, -3.0),
        (D("2024-01-01"), 2, 7.5, 6.5, -1.0),
        (D("2024-02-01"), 1, 4.0, 2.0, -2.0),
    ]  # E5 (before only) is left out


# -- tags together ----------------------------------------------------------------------------
def test_tag_cooccurrence_counts_support_and_lift(frames):
    out = an.tag_cooccurrence(frames, min_count=2)
    assert list(out.columns) == ["tag_a", "tag_b", "count", "n_a", "n_b", "support", "lift"]
    # N = 5 entries; anxious on 4, compassion on 3, held on 2
    assert rows(out) == [
        ("anxious", "compassion", 2, 4, 3, 0.4, round(2 * 5 / (4 * 3), 4)),
        ("compassion", "held", 2, 3, 2, 0.4, round(2 * 5 / (3 * 2), 4)),
    ]
    everything = an.tag_cooccurrence(frames, min_count=1)
    assert len(everything) == 6 + 3 + 6 + 3 - 2  # pairs within E1 (4 tags), E2 (3), E3 (4), E4 (3), two seen twice
    pair = everything.loc[(everything["tag_a"] == "anxious") & (everything["tag_b"] == "overwhelmed")]
    assert rows(pair) == [("anxious", "overwhelmed", 1, 4, 1, 0.2, 1.25)]  # repeated tag counted once


def test_tags_and_feelings(frames):
    out = an.tags_and_feelings(frames)
    assert list(out.columns) == ["tag", "group", "n", "mean_before", "mean_after", "before_vs_all", "after_vs_all"]
    # all entries: before (8+9+6+4+7)/5 = 6.8, after (5+9+4+2)/4 = 5.0
    assert rows(out) == [
        ("avoided", "conversation", 1, 9.0, 9.0, 2.2, 4.0),
        ("overwhelmed", "feelings", 1, 9.0, 9.0, 2.2, 4.0),
        ("anxious", "feelings", 4, 7.5, 6.0, 0.7, 1.0),
        ("directness", "conversation", 1, 8.0, 5.0, 1.2, 0.0),
        ("sad", "feelings", 1, 6.0, 4.0, -0.8, -1.0),
        ("softened", "conversation", 1, 6.0, 4.0, -0.8, -1.0),
        ("compassion", "conversation", 3, 6.0, 3.6667, -0.8, -1.3333),
        ("held", "conversation", 2, 6.0, 3.5, -0.8, -1.5),
        ("moved", "feelings", 1, 4.0, 2.0, -2.8, -3.0),
    ]
    assert list(an.tags_and_feelings(frames, min_count=3)["tag"]) == ["anxious", "compassion"]


# -- action points and habits ------------------------------------------------------------------
def test_action_follow_through(frames, ids):
    follow = an.action_follow_through(frames, "month", today=TODAY)
    assert list(follow.by_period.columns) == [
        "period_start",
        "actions",
        "done",
        "dropped",
        "overdue",
        "not_yet_due",
        "rate",
    ]
    assert rows(follow.by_period) == [
        (D("2023-12-01"), 1, 1, 0, 0, 0, 1.0),
        (D("2024-01-01"), 1, 0, 0, 1, 0, 0.0),
        (D("2024-02-01"), 2, 0, 1, 0, 1, 0.0),
        (D("2024-03-01"), 1, 0, 0, 0, 1, None),  # nothing has fallen due yet
    ]
    assert (follow.done, follow.due) == (1, 3)
    assert follow.rate == pytest.approx(1 / 3)
    assert list(follow.overdue.columns) == ["entry_id", "action_id", "due_on", "days_overdue"]
    assert rows(follow.overdue) == [(ids[1], "a2", D("2024-01-20"), 86)]  # 11 + 29 + 31 + 15 days


def test_an_action_due_today_is_not_overdue(frames):
    follow = an.action_follow_through(frames, today="2024-01-20")
    assert follow.overdue.empty
    assert follow.due == 2  # a1 (done) and a3 (dropped) have fallen due; a2 is due today
    assert an.action_follow_through(frames, today="2024-01-21").overdue["days_overdue"].tolist() == [1]


def test_journaling_streaks_cross_the_year(frames):
    s = an.journaling_streaks(frames, today="2024-04-02")
    assert (s.current_weeks, s.longest_weeks) == (1, 3)  # last week counts while this one is under way
    assert (s.longest_from, s.longest_to) == (dt.date(2023, 12, 25), dt.date(2024, 1, 14))
    assert s.weeks_with_entries == 5
    assert s.days_since_last == 2
    assert rows(s.gaps) == [(D("2024-01-10"), D("2024-02-14"), 35), (D("2024-02-14"), D("2024-03-31"), 46)]
    assert an.journaling_streaks(frames, today="2024-03-31").current_weeks == 1
    assert an.journaling_streaks(frames, today="2024-04-10").current_weeks == 0
    assert len(an.journaling_streaks(frames, today=TODAY, gap_days=40).gaps) == 1


# -- emotional load ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def load_frames():
    """Four entries in the four weeks to Sunday 30 June 2024, three of them heavy, plus an older one.

    L1 4 Jun felt 8 before (heavy); L2 12 Jun overwhelmed at 2 (heavy by tag); L3 19 Jun felt 7
    after (heavy); L4 26 Jun felt 4/3 with dread at 1 (not heavy); L0 20 May felt 10 (outside).
    """
    j = wb.open_journal(":memory:")
    j.add(title="L0", occurred_on="2024-05-20", feelings_before=10)
    j.add(title="L1", occurred_on="2024-06-04", feelings_before=8, feelings_after=6)
    j.add(
        title="L2",
        occurred_on="2024-06-12",
        feelings_before=3,
        feelings_after=2,
        tags=[{"tag": "overwhelmed", "intensity": 2}],
    )
    j.add(title="L3", occurred_on="2024-06-19", feelings_before=5, feelings_after=7)
    j.add(
        title="L4",
        occurred_on="2024-06-26",
        feelings_before=4,
        feelings_after=3,
        tags=[{"tag": "dread", "intensity": 1}],
    )
    frames = Frames.from_journal(j)
    j.close()
    return frames


DIAGNOSTIC_WORDS = (
    "burnout",
    "burn-out",
    "depress",
    "disorder",
    "trauma",
    "symptom",
    "diagnos",
    "stress",
    "fatigue",
    "anxiety",
    "illness",
)


def test_load_signal_on_with_defaults(load_frames):
    signal = an.load_signal(load_frames, today="2024-06-30")
    assert signal.active
    ev = signal.evidence
    assert (ev["window_start"], ev["window_end"]) == (dt.date(2024, 6, 3), dt.date(2024, 6, 30))
    assert (ev["entries"], ev["heavy_entries"], ev["heavy_weeks"]) == (4, 3, 3)
    assert (ev["heavy_by_feelings"], ev["heavy_by_tags"]) == (2, 1)
    assert ev["heavy_share"] == 0.75
    assert ev["mean_heavier_rating"] == (8 + 3 + 7 + 4) / 4
    assert ev["settings"] == dataclasses.asdict(LoadSettings())
    assert signal.message.startswith(
        "In the last four weeks you journaled four conversations, and three of them felt heavy, spread over three of those four weeks."
    )
    assert "supervision or a debrief" in signal.message


def test_load_signal_message_never_diagnoses(load_frames):
    message = an.load_signal(load_frames, today="2024-06-30").message.lower()
    for word in DIAGNOSTIC_WORDS:
        assert word not in message, word


@pytest.mark.parametrize(
    ("settings", "active", "heavy", "weeks"),
    [
        (LoadSettings(min_heavy_weeks=4), False, 3, 3),
        (LoadSettings(heavy_level=9), False, 1, 1),  # L1 (8) and L3 (7) no longer heavy
        (LoadSettings(heavy_tag_intensity=3), False, 2, 2),  # overwhelmed at 2 no longer counts
        (LoadSettings(heavy_tag_intensity=1), True, 4, 4),  # dread at 1 now counts
        (LoadSettings(heavy_tags=("dread",), heavy_tag_intensity=1), True, 3, 3),
        (LoadSettings(min_entries=5), False, 3, 3),
        (LoadSettings(min_heavy_share=0.8), False, 3, 3),
        (LoadSettings(window_weeks=2, min_heavy_weeks=1, min_entries=2), True, 1, 1),
    ],
)
def test_load_signal_thresholds_are_configurable(load_frames, settings, active, heavy, weeks):
    signal = an.load_signal(load_frames, today="2024-06-30", settings=settings)
    assert (signal.active, signal.evidence["heavy_entries"], signal.evidence["heavy_weeks"]) == (active, heavy, weeks)
    assert bool(signal.message) is active


def test_load_signal_off_when_the_window_has_few_entries(load_frames):
    signal = an.load_signal(load_frames, today="2024-07-10")  # window 13 Jun - 10 Jul: L3, L4
    assert not signal.active and signal.message == ""
    assert signal.evidence["entries"] == 2


@pytest.mark.parametrize(
    "bad",
    [
        dict(window_weeks=0),
        dict(min_heavy_weeks=5),
        dict(heavy_level=11),
        dict(min_heavy_share=0),
        dict(heavy_tag_intensity=4),
        dict(min_entries=0),
    ],
)
def test_load_settings_refuse_nonsense(bad):
    with pytest.raises(ValueError):
        LoadSettings(**bad)


# -- summary ---------------------------------------------------------------------------------------
def test_summarise_compares_with_the_period_before(frames):
    assert an.summarise(frames, "2024-01-01", "2024-03-31", today=TODAY) == [
        "Between 1 January 2024 and 31 March 2024 you journaled 4 conversations, up from 1 in the 91 days before.",
        "1 of 3 conversations with a recorded outcome was held (33%), down from 1 of 1 (100%) before.",
        "1 of 2 end of life / palliative conversations was held (none in the 91 days before).",
        "0 of 1 child protection conversations were held, down from 1 of 1 before.",
        "Your most used tags were Anxious (3), Compassion (2) and Avoided (1).",
        "On average you rated conversations 6.3 out of 10 before and 5.0 after (0 = at ease, 10 = very heavy); "
        "8.0 and 5.0 in the 91 days before.",
        "Your stance averaged +0.7 (leaning stoical; -2 heroic to +2 stoical), compared with -2.0 before.",
        "You followed through on 0 of 2 action points that fell due (0%); 1 is overdue.",
        "1 conversation is marked to bring to supervision.",
    ]


def test_summarise_any_range_and_filters(frames):
    # a range that is not a calendar period, on end-of-life conversations only
    out = an.summarise(frames.filter(context="end-of-life"), "2024-01-05", "2024-02-20", today=TODAY, labels={})
    assert (
        out[0]
        == "Between 5 January 2024 and 20 February 2024 you journaled 2 conversations, and none in the 47 days before."
    )
    assert out[2] == "1 of 2 end-of-life conversations was held (none in the 47 days before)."  # no labels: the id
    assert "Your most used tags were compassion (2), anxious (1) and held (1)." in out


def test_summarise_an_empty_period(frames):
    assert an.summarise(frames, "2025-01-01", "2025-01-31", today=TODAY) == [
        "Between 1 January 2025 and 31 January 2025 you journaled no conversations, and none in the 31 days before."
    ]
    with pytest.raises(ValueError, match="is after until"):
        an.summarise(frames, "2024-02-01", "2024-01-01")


# -- an empty journal ---------------------------------------------------------------------------------
def test_every_function_copes_with_an_empty_journal():
    j = wb.open_journal(":memory:")
    empty = Frames.from_journal(j)
    j.close()
    for fn in (
        an.activity,
        an.daily,
        an.tag_use,
        an.outcome_share,
        an.stance_trend,
        an.feelings_trend,
        an.tag_cooccurrence,
        an.tags_and_feelings,
    ):
        assert fn(empty).empty, fn.__name__
    assert an.outcome_share(empty, by="role").empty
    follow = an.action_follow_through(empty, today=TODAY)
    assert follow.by_period.empty and follow.overdue.empty and follow.rate is None
    streaks = an.journaling_streaks(empty, today=TODAY)
    assert (streaks.current_weeks, streaks.longest_weeks, streaks.days_since_last) == (0, 0, None)
    assert not an.load_signal(empty, today=TODAY).active
    assert len(an.summarise(empty, "2024-01-01", "2024-03-31", today=TODAY)) == 1


def test_analysis_never_imports_the_store_or_opens_files():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(an.__file__).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    assert not imported & {"store", "sqlite3", "frames", "paths", "altair"}
    assert "open(" not in Path(an.__file__).read_text()


def test_load_settings_come_from_the_journal_setting_and_are_checked():
    import pytest

    import workbook as wb
    from workbook.analysis import LoadSettings, load_settings_from

    assert load_settings_from(None) == LoadSettings()
    custom = load_settings_from({"heavy_level": 8, "window_weeks": 6, "heavy_tags": ["dread"]})
    assert (custom.heavy_level, custom.window_weeks, custom.heavy_tags) == (8, 6, ("dread",))
    with pytest.raises(wb.ValidationError) as bad_key:
        load_settings_from({"heavy": 8})
    assert bad_key.value.field == "load_signal.heavy"
    with pytest.raises(wb.ValidationError) as bad_value:
        load_settings_from({"heavy_level": 11})
    assert bad_value.value.field == "load_signal.heavy_level"
    assert "between 0 and 10" in str(bad_value.value)
