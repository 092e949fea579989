"""Plain-language summary: a few sentences about a stretch of time, each compared with the one before.

:func:`summarise` is an orchestrator: it settles the two stretches (the one asked about
and the one of the same length just before, see :class:`_Periods`) and asks one small
function per sentence. Each returns its sentence, or None when there is nothing to say
(no outcome recorded, no stance, no action point fallen due ...), so a sentence is added
or dropped without touching the others; CPD records can reuse single sentences.
Sentences hold counts, means, dates and vocabulary labels only, never journal text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..models import STANCES
from .habits import action_follow_through
from .selection import NO_CONTEXT, Frames, _day, _floats
from .trends import feelings_trend, outcome_share
from .wording import conversations, in_sentence, long_date, trend


@dataclass(frozen=True, eq=False)
class _Periods:
    """The stretch asked about (``now``, ``first``..``last``) and the one just before it.

    ``names`` maps tag and context ids to the words to show; ``top`` is how many contexts
    and tags the sentences name; ``today`` decides which action points are overdue.
    """

    first: dt.date
    last: dt.date
    today: dt.date
    now: Frames
    before: Frames
    names: Mapping[str, str]
    top: int

    @property
    def length(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def earlier(self) -> str:
        return f"in the {self.length} days before"


def _periods(
    frames: Frames,
    since: dt.date | str,
    until: dt.date | str | None,
    today: dt.date | str | None,
    labels: Mapping[str, str] | None,
    top: int,
) -> _Periods:
    day = _day(today)
    last = _day(until, day)
    first = _day(since)
    if first > last:
        raise ValueError(f"since ({first}) is after until ({last}).")
    length = dt.timedelta(days=(last - first).days + 1)
    before = frames.filter(first - length, first - dt.timedelta(days=1))
    names = dict(frames.labels if labels is None else labels)
    return _Periods(first, last, day, frames.filter(first, last), before, names, top)


def summarise(
    frames: Frames,
    since: dt.date | str,
    until: dt.date | str | None = None,
    *,
    today: dt.date | str | None = None,
    labels: Mapping[str, str] | None = None,
    top: int = 3,
) -> list[str]:
    """Plain-language sentences about ``since``..``until`` (inclusive; until defaults to today).

    Each figure is compared with the period of the same length just before. Pass frames
    that are not cut by date (filter them by context, tag or role if you like): the
    earlier period is taken from them too. ``labels`` maps tag and context ids to the
    words to show (default: ``frames.labels``).
    """
    p = _periods(frames, since, until, today, labels, top)
    if len(p.now) == 0:
        return [_count_sentence(p)]
    sentences = [
        _held_sentence(p),
        *_context_sentences(p),
        _tag_sentence(p),
        _feelings_sentence(p),
        _stance_sentence(p),
        _follow_through_sentence(p),
        _flagged_sentence(p),
    ]
    return [_count_sentence(p), *(s for s in sentences if s)]


# -- one function per sentence ---------------------------------------------------------------
def _count_sentence(p: _Periods) -> str:
    n, m = len(p.now), len(p.before)
    compared = f", and none {p.earlier}" if m == 0 else f", {trend(n, m)} {m} {p.earlier}"
    journaled = conversations(n) if n else "no conversations"
    return f"Between {long_date(p.first)} and {long_date(p.last)} you journaled {journaled}{compared}."


def _held(frames: Frames) -> tuple[int, int]:
    outcome = frames.entries["outcome"]
    return int((outcome == "held").sum()), int(outcome.notna().sum())


def _held_sentence(p: _Periods) -> str | None:
    held, recorded = _held(p.now)
    if not recorded:
        return None
    held_before, recorded_before = _held(p.before)
    sentence = f"{held} of {conversations(recorded)} with a recorded outcome {'was' if held == 1 else 'were'} held ({held / recorded:.0%})"
    if recorded_before:
        sentence += f", {trend(held / recorded, held_before / recorded_before)} {held_before} of {recorded_before} ({held_before / recorded_before:.0%}) before"
    return sentence + "."


def _outcomes_by_context(frames: Frames) -> pd.DataFrame:
    """Conversations per context (rows) and outcome (columns), over the whole stretch."""
    shares = outcome_share(frames, "quarter", by="context")
    return shares.groupby(["context", "outcome"])["n"].sum().unstack(fill_value=0)


def _context_sentences(p: _Periods) -> list[str]:
    """One sentence for each of the ``top`` busiest contexts (none for entries without one)."""
    shares = _outcomes_by_context(p.now)
    if shares.empty:
        return []
    before = _outcomes_by_context(p.before)
    totals = shares.sum(axis=1).sort_values(ascending=False, kind="stable")
    return [_context_sentence(p, c, shares.loc[c], before) for c in totals.index[: p.top] if c != NO_CONTEXT]


def _context_sentence(p: _Periods, context: str, outcomes: pd.Series, before: pd.DataFrame) -> str:
    held, total = int(outcomes["held"]), int(outcomes.sum())
    label = in_sentence(p.names.get(context, context))
    sentence = f"{held} of {total} {label} conversations {'was' if held == 1 else 'were'} held"
    if context in before.index:
        held_before, total_before = int(before.at[context, "held"]), int(before.loc[context].sum())
        sentence += f", {trend(held / total, held_before / total_before)} {held_before} of {total_before} before"
    else:
        sentence += f" (none {p.earlier})"
    return sentence + "."


def _tag_sentence(p: _Periods) -> str | None:
    counts = p.now.tags.drop_duplicates(["entry_id", "tag"])["tag"].value_counts()
    if counts.empty:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: p.top]
    items = [f"{p.names.get(tag, tag)} ({count})" for tag, count in ranked]
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"
    return f"Your most used tag{'s were' if len(items) > 1 else ' was'} {listed}."


def _pooled(trend: pd.DataFrame, column: str) -> float:
    """The mean over all entries of per-period means (weighted by each period's n)."""
    return float((trend[column] * trend["n"]).sum() / trend["n"].sum())


def _feelings_sentence(p: _Periods) -> str | None:
    feel = feelings_trend(p.now, "quarter")
    if feel.empty:
        return None
    b, a = _pooled(feel, "mean_before"), _pooled(feel, "mean_after")
    sentence = f"On average you rated conversations {b:.1f} out of 10 before and {a:.1f} after (0 = at ease, 10 = as heavy as work gets)"
    feel_before = feelings_trend(p.before, "quarter")
    if not feel_before.empty:
        sentence += (
            f"; {_pooled(feel_before, 'mean_before'):.1f} and {_pooled(feel_before, 'mean_after'):.1f} {p.earlier}"
        )
    return sentence + "."


def _stance_sentence(p: _Periods) -> str | None:
    stance = _floats(p.now.entries["stance"].dropna())
    if not len(stance):
        return None
    mean = float(stance.mean())
    sentence = (
        f"Your stance averaged {mean:+.1f} ({STANCES[int(np.clip(np.rint(mean), -2, 2))]}; -2 heroic to +2 stoical)"
    )
    stance_before = _floats(p.before.entries["stance"].dropna())
    if len(stance_before):
        sentence += f", compared with {float(stance_before.mean()):+.1f} before"
    return sentence + "."


def _follow_through_sentence(p: _Periods) -> str | None:
    follow = action_follow_through(p.now, today=p.today)
    if not follow.due:
        return None
    sentence = f"You followed through on {follow.done} of {follow.due} action points that fell due ({follow.done / follow.due:.0%})"
    late = len(follow.overdue)
    return sentence + (f"; {late} {'is' if late == 1 else 'are'} overdue." if late else ".")


def _flagged_sentence(p: _Periods) -> str | None:
    flagged = int(p.now.entries["flagged"].sum())
    if not flagged:
        return None
    return f"{conversations(flagged).capitalize()} {'is' if flagged == 1 else 'are'} marked to bring to supervision."
