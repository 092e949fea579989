"""The emotional-load signal: on with the defaults, every threshold configurable, settings checked,
and a message that describes what was written, never diagnoses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import workbook as wb
from workbook import analysis as an
from workbook.analysis import Frames, LoadSettings, load_settings_from


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


def test_load_signal_message_points_to_caseload_review_and_crisis_support(load_frames):
    message = an.load_signal(load_frames, today="2024-06-30").message
    assert "review your caseload with your manager, not only to talk it over" in message
    assert "your GP" in message
    assert "Samaritans" in message and "116 123 in the UK and Ireland" in message


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


def test_load_settings_come_from_the_journal_setting_and_are_checked():
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
