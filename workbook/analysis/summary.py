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

from ..models import DEPTHS, HELD_SHARE_OUTCOMES, OUTCOME_LABELS, OUTCOMES, STANCES
from .habits import action_follow_through
from .selection import NO_CONTEXT, Frames, _day
from .trends import feelings_trend, outcome_share, stance_trend
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
        return "on the day before" if self.length == 1 else f"in the {self.length} days before"


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

    The outcomes come first, all of them side by side; the share held follows as a
    pattern, with deferred and chose-not-to-know left out of its denominator. Stance is
    given per context (never averaged across them), and depth is counted, never graded.
    """
    p = _periods(frames, since, until, today, labels, top)
    if len(p.now) == 0:
        return [_count_sentence(p)]
    sentences = [
        _outcomes_sentence(p),
        _held_share_sentence(p),
        *_context_sentences(p),
        _tag_sentence(p),
        _feelings_sentence(p),
        *_stance_sentences(p),
        _depth_sentence(p),
        _follow_through_sentence(p),
        _flagged_sentence(p),
    ]
    return [_count_sentence(p), *(s for s in sentences if s)]


# -- one function per sentence ---------------------------------------------------------------
def _count_sentence(p: _Periods) -> str:
    n, m = len(p.now), len(p.before)
    compared = f", and none {p.earlier}" if m == 0 else f", {trend(n, m)} {m} {p.earlier}"
    journaled = conversations(n) if n else "no conversations"
    when = f"On {long_date(p.first)}" if p.first == p.last else f"Between {long_date(p.first)} and {long_date(p.last)}"
    return f"{when} you journaled {journaled}{compared}."


def _listed(items: list[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"


def _outcome_counts(frames: Frames) -> pd.Series:
    """How many entries had each outcome, in the order of OUTCOMES (zeros kept)."""
    return frames.entries["outcome"].value_counts().reindex(list(OUTCOMES), fill_value=0).astype(int)


def _side_by_side(counts: pd.Series) -> str:
    """``"2 (50%) held, 1 (25%) avoided and 1 (25%) deferred by decision"``: every outcome present."""
    total = int(counts.sum())
    return _listed([f"{n} ({_share(n, total)}) {in_sentence(OUTCOME_LABELS[o])}" for o, n in counts.items() if n])


def _share(n: int, total: int) -> str:
    """``"25%"``; ``"<1%"`` for a share that is not none but rounds to 0%."""
    share = n / total
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


def _position(mean: float) -> str:
    """A stance on the line, ``"+1.5"`` or ``"-0.5"``; ``"0.0"`` with no sign when it rounds to 0."""
    text = f"{mean:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def _outcomes_sentence(p: _Periods) -> str | None:
    """Every outcome recorded, side by side (counts and shares of all recorded), before any rate."""
    counts = _outcome_counts(p.now)
    recorded = int(counts.sum())
    if not recorded:
        return None
    sentence = f"Of {conversations(recorded)} with a recorded outcome: {_side_by_side(counts)}"
    before = _outcome_counts(p.before)
    if before.sum():
        sentence += f"; {p.earlier}, of {int(before.sum())}: {_side_by_side(before)}"
    return sentence + "."


def _held_counted(frames: Frames) -> tuple[int, int]:
    """Held, and held + avoided + softened (the share held's denominator)."""
    counts = _outcome_counts(frames)
    return int(counts["held"]), int(counts[list(HELD_SHARE_OUTCOMES)].sum())


def _held_share_sentence(p: _Periods) -> str | None:
    """The share held, after the outcomes, with deferred and chose-not-to-know left out; a
    pattern in what was written, compared without "up" or "down"."""
    held, counted = _held_counted(p.now)
    if not counted:
        return None
    sentence = (
        "The share held, which leaves out conversations deferred by decision or where the person chose "
        f"not to know, was {held} of {counted} ({held / counted:.0%})"
    )
    held_before, counted_before = _held_counted(p.before)
    if counted_before:
        sentence += f", and {held_before} of {counted_before} ({held_before / counted_before:.0%}) {p.earlier}"
    return sentence + ": a pattern in what you wrote, not a score."


def _outcomes_by_context(frames: Frames) -> pd.DataFrame:
    """Conversations per context (rows) and outcome (columns, in OUTCOMES order), over the whole stretch."""
    shares = outcome_share(frames, "quarter", by="context")
    table = shares.groupby(["context", "outcome"])["n"].sum().unstack(fill_value=0)
    return table.reindex(columns=list(OUTCOMES), fill_value=0)


def _context_sentences(p: _Periods) -> list[str]:
    """One sentence for each of the ``top`` busiest contexts (none for entries without one)."""
    shares = _outcomes_by_context(p.now)
    if shares.empty:
        return []
    before = _outcomes_by_context(p.before)
    totals = shares.sum(axis=1).sort_values(ascending=False, kind="stable")
    return [_context_sentence(p, c, shares.loc[c], before) for c in totals.index[: p.top] if c != NO_CONTEXT]


def _context_sentence(p: _Periods, context: str, outcomes: pd.Series, before: pd.DataFrame) -> str:
    """A context's outcomes side by side, and how many it had before (no rate, no trend)."""
    total = int(outcomes.sum())
    label = in_sentence(p.names.get(context, context))
    sentence = f"In {label} conversations: {_side_by_side(outcomes)}, of {total} with an outcome"
    total_before = int(before.loc[context].sum()) if context in before.index else 0
    return sentence + f" ({total_before or 'none'} {p.earlier})."


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


def _stance_by_context(frames: Frames) -> pd.DataFrame:
    """Per context (index) over the whole stretch: n, n_placed, mean stance, both, never pooled."""
    stance = stance_trend(frames, "quarter")
    if stance.empty:
        return stance
    stance = stance.assign(total=stance["mean_stance"].fillna(0) * stance["n_placed"])
    out = stance.groupby("context").agg(
        n=("n", "sum"), n_placed=("n_placed", "sum"), total=("total", "sum"), both=("both", "sum")
    )
    out["mean_stance"] = out["total"] / out["n_placed"].where(out["n_placed"] > 0)
    return out.sort_values("n", ascending=False, kind="stable")


def _context_phrase(p: _Periods, context: str) -> str:
    if context == NO_CONTEXT:
        return "conversations with no context recorded"
    return f"{in_sentence(p.names.get(context, context))} conversations"


def _stance_sentences(p: _Periods) -> list[str]:
    """One sentence per context (the ``top`` with most stances; no context is a group of its
    own): the line position and the share marked both, in tension. Never one figure for all."""
    now = _stance_by_context(p.now)
    if now.empty:
        return []
    before = _stance_by_context(p.before)
    return [_stance_sentence(p, c, now.loc[c], before) for c in now.index[: p.top]]


def _stance_sentence(p: _Periods, context: str, row: pd.Series, before: pd.DataFrame) -> str:
    n, placed, both = int(row["n"]), int(row["n_placed"]), int(row["both"])
    where = _context_phrase(p, context)
    if placed:
        mean = float(row["mean_stance"])
        point = STANCES[int(np.clip(np.rint(mean), -2, 2))]
        sentence = f"In {where} your stance averaged {_position(mean)} ({point}; -2 heroic to +2 stoical)"
        sentence += f" over {placed} placed on that line"
    else:
        sentence = f"In {where} no stance was placed on the heroic-stoical line"
    sentence += f", and {both} of {n} ({both / n:.0%}) {'was' if both == 1 else 'were'} marked both, in tension"
    if context in before.index and before.at[context, "n_placed"] > 0:
        sentence += f"; {_position(float(before.at[context, 'mean_stance']))} {p.earlier}"
    return sentence + "."


def _depth_sentence(p: _Periods) -> str | None:
    """How many entries you rated for depth, and at which levels: a description, never a grade."""
    depth = p.now.entries["depth"]
    rated = int(depth.notna().sum())
    if not rated:
        return None
    counts = depth.value_counts().reindex(list(DEPTHS), fill_value=0)
    levels = _listed([f"{n} {in_sentence(DEPTHS[d])}" for d, n in counts.items() if n])
    entries = f"{len(depth)} {'entry' if len(depth) == 1 else 'entries'}"
    sentence = f"You rated the depth of {rated} of {entries}: {levels}"
    rated_before = int(p.before.entries["depth"].notna().sum())
    if len(p.before):
        sentence += f" ({rated_before} of {len(p.before)} rated {p.earlier})"
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
