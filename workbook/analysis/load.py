"""Emotional load: a gentle signal when recent entries show a sustained run of heavy conversations.

The thresholds are a :class:`LoadSettings` (every one can be changed, and a journal can
save its own in the ``load_signal`` setting, read by :func:`load_settings_from`). The
signal describes what was written, never the person: its message suggests supervision,
a debrief or someone trusted, a review of caseload with a manager when heavy weeks go on,
and where help is for anyone struggling (their GP; Samaritans on 116 123, checked on
samaritans.org), and makes no diagnosis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from ..validate import DEFAULT_HEAVY_TAGS, LOAD_SIGNAL_DEFAULTS, check_load_signal
from .selection import Frames, _day, _floats
from .wording import words

__all__ = ["DEFAULT_HEAVY_TAGS", "LoadSettings", "LoadSignal", "load_settings_from", "load_signal"]


@dataclass(frozen=True)
class LoadSettings:
    """Thresholds of the emotional-load signal. Every one can be changed.

    An entry counts as *heavy* when its heavier feelings rating (before or after) is at
    least ``heavy_level`` (0-10), or when it carries one of ``heavy_tags`` at intensity
    ``heavy_tag_intensity`` or more (a heavy tag given without an intensity counts too).

    The signal is on when, in the last ``window_weeks`` weeks up to today: at least
    ``min_entries`` entries were journaled, at least ``min_heavy_share`` of them were
    heavy, and the heavy ones fall in at least ``min_heavy_weeks`` different weeks (so one
    hard day is not a "sustained run"). Weeks here are counted back from today.

    The defaults and the allowed ranges are ``validate.LOAD_SIGNAL_DEFAULTS`` and
    ``validate.check_load_signal`` (which ``journal.set_setting("load_signal", ...)`` uses too).
    """

    window_weeks: int = LOAD_SIGNAL_DEFAULTS["window_weeks"]  # 4
    min_entries: int = LOAD_SIGNAL_DEFAULTS["min_entries"]  # 4
    heavy_level: int = LOAD_SIGNAL_DEFAULTS["heavy_level"]  # 7
    heavy_tags: tuple[str, ...] = DEFAULT_HEAVY_TAGS
    heavy_tag_intensity: int = LOAD_SIGNAL_DEFAULTS["heavy_tag_intensity"]  # 2
    min_heavy_share: float = LOAD_SIGNAL_DEFAULTS["min_heavy_share"]  # 0.5
    min_heavy_weeks: int = LOAD_SIGNAL_DEFAULTS["min_heavy_weeks"]  # 3

    def __post_init__(self) -> None:
        check_load_signal(asdict(self))  # the rules: validate.check_load_signal


def load_settings_from(saved: Mapping[str, Any] | None) -> LoadSettings:
    """LoadSettings from a journal's saved ``load_signal`` setting (None: the defaults).

    Unknown keys or values out of range raise ValidationError naming the key
    (``load_signal.heavy_level``); ``journal.set_setting`` checks with the same rules.
    """
    return LoadSettings(**check_load_signal(saved or None))


@dataclass(frozen=True)
class LoadSignal:
    """Whether recent entries show a sustained run of heavy conversations.

    ``message`` is a gentle suggestion (empty when ``active`` is False); it describes
    what was written, never the person. ``evidence`` holds the figures behind it.
    """

    active: bool
    message: str
    evidence: dict[str, Any]


def load_signal(frames: Frames, today: dt.date | str | None = None, settings: LoadSettings | None = None) -> LoadSignal:
    """Look for a sustained run of heavy conversations in recent weeks (see LoadSettings)."""
    settings = settings or LoadSettings()
    day = _day(today)
    start = day - dt.timedelta(days=7 * settings.window_weeks - 1)
    e = frames.entries
    e = e.loc[(e["occurred_on"] >= pd.Timestamp(start)) & (e["occurred_on"] <= pd.Timestamp(day))]
    weight = pd.concat([_floats(e["feelings_before"]), _floats(e["feelings_after"])], axis=1).max(axis=1)
    by_feelings = weight >= settings.heavy_level
    t = frames.tags
    t = t.loc[(t["occurred_on"] >= pd.Timestamp(start)) & (t["occurred_on"] <= pd.Timestamp(day))]
    heavy_tag = t["tag"].isin(settings.heavy_tags) & (
        t["intensity"].isna() | (t["intensity"] >= settings.heavy_tag_intensity)
    )
    by_tags = e["id"].isin(t.loc[heavy_tag.fillna(False).astype(bool), "entry_id"])
    heavy = by_feelings | by_tags
    weeks_ago = (pd.Timestamp(day) - e.loc[heavy, "occurred_on"]).dt.days // 7
    n, n_heavy = len(e), int(heavy.sum())
    share = n_heavy / n if n else 0.0
    heavy_weeks = int(weeks_ago.nunique())
    active = n >= settings.min_entries and share >= settings.min_heavy_share and heavy_weeks >= settings.min_heavy_weeks
    evidence = {
        "window_start": start,
        "window_end": day,
        "entries": n,
        "heavy_entries": n_heavy,
        "heavy_share": share,
        "heavy_weeks": heavy_weeks,
        "heavy_by_feelings": int(by_feelings.sum()),
        "heavy_by_tags": int(by_tags.sum()),
        "mean_heavier_rating": float(weight.mean()) if weight.notna().any() else None,
        "settings": asdict(settings),
    }
    message = ""
    if active:
        weeks = words(settings.window_weeks)
        message = (
            f"In the last {weeks} weeks you journaled {words(n)} conversations, and {words(n_heavy)} of them "
            f"felt heavy, spread over {words(heavy_weeks)} of those {weeks} weeks. That is a lot to carry. "
            "This is only a pattern in what you have written, not a judgement about you; "
            "it may help to take these conversations to supervision or a debrief, "
            "or to talk them over with someone you trust. "
            "Heavy weeks that go on are also a reason to review your caseload with your manager, "
            "not only to talk it over. If you are struggling, your GP can help, and Samaritans "
            "answer day or night, free, on 116 123 in the UK and Ireland."
        )
    return LoadSignal(active, message, evidence)
