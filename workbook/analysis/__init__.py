"""Patterns over time: pure pandas functions of the journal's frames.

Every function here takes a :class:`Frames` (the four tidy frames built by
``workbook.journal.frames``: entries, tag uses, people's roles, action points) and returns a
small aggregated DataFrame or a small result object. Nothing here opens a file, reads
the store or sees any journal text: the frames hold dates, categories, numbers and ids
only. :meth:`Frames.from_journal` is the one place that asks a journal for its frames.

Conventions
-----------
* Periods are ``"week"`` (Monday to Sunday), ``"month"`` or ``"quarter"``; results carry a
  ``period_start`` datetime column (the first day of the period). Only periods with data
  appear. Any date range can be chosen with :meth:`Frames.filter`; nothing is cut at
  calendar years.
* Feelings before and after a conversation are read as *how heavy it felt*, from 0 (at
  ease) to 10 (as heavy as it gets). The "gap" is after minus before: negative when a
  conversation felt lighter afterwards.
* Outcomes are the five of ``models.OUTCOMES``, shown side by side. The share held is
  held / (held + avoided + softened) (``models.HELD_SHARE_OUTCOMES``): deferring by
  decision and a person choosing not to know are good practice and never count against it.
* Stance runs from -2 (heroic: fighting adversity at any cost) to +2 (stoical: accepting
  limits and shaping what remains), after Dartington (2010), and an entry may be marked
  "both, in tension" beside (or instead of) a point on that line. Stance is reported per
  context only, never averaged across contexts; neither end is the right one.
* Depth of reflection is the writer's own rating (Hatton and Smith 1995): it is counted,
  never graded.
* Everything is vectorised (no Python loops over rows), so a 100,000-entry journal is
  analysed in well under a second per function (see ``bench/patterns.py``).

The modules
-----------
This face re-exports the public names, so ``workbook.analysis.activity(...)`` keeps
working; each lives in one module by subject:

* ``selection``: :class:`Frames`, its integer index, ``filter`` and ``period_starts``;
* ``trends``: counts over time (activity, daily, tag use, outcomes, the share held, stance
  per context, depth, feelings);
* ``tags``: tags together (co-occurrence, tags and feelings);
* ``habits``: action points followed through, journaling streaks;
* ``load``: the emotional-load signal and its settings;
* ``summary``: the plain-language summary, one small function per sentence;
* ``wording``: numbers as words and ``long_date``, shared by the summary and the load signal.
"""

from __future__ import annotations

from .habits import FollowThrough, Streaks, action_follow_through, journaling_streaks
from .load import DEFAULT_HEAVY_TAGS, LoadSettings, LoadSignal, load_settings_from, load_signal
from .selection import NO_CONTEXT, PERIODS, UNRECORDED, Frames, period_starts
from .summary import summarise
from .tags import tag_cooccurrence, tags_and_feelings
from .trends import (
    activity,
    daily,
    depth_trend,
    feelings_trend,
    held_share,
    outcome_share,
    stance_trend,
    tag_use,
)
from .wording import long_date

__all__ = [
    # the frames
    "Frames",
    "PERIODS",
    "UNRECORDED",
    "NO_CONTEXT",
    "period_starts",
    # counts over time
    "activity",
    "daily",
    "tag_use",
    "outcome_share",
    "held_share",
    "stance_trend",
    "depth_trend",
    "feelings_trend",
    # tags together
    "tag_cooccurrence",
    "tags_and_feelings",
    # action points and journaling habits
    "FollowThrough",
    "action_follow_through",
    "Streaks",
    "journaling_streaks",
    # emotional load
    "DEFAULT_HEAVY_TAGS",
    "LoadSettings",
    "load_settings_from",
    "LoadSignal",
    "load_signal",
    # plain-language summary
    "summarise",
    "long_date",
]
