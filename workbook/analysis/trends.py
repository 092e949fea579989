"""Counts over time: conversations, days, tags, outcomes, stance and feelings per period.

Each function returns a small aggregated DataFrame with a ``period_start`` column (the
first day of the week, month or quarter; see ``selection.period_starts``) and records its
period in ``attrs["period"]`` so charts can say "per week" or "per month". Counting is
done with ``np.bincount`` over integer codes from the Frames index, never by grouping on
strings, so a 100,000-entry journal takes well under a second per function.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..models import DEPTHS, HELD_SHARE_OUTCOMES, OUTCOMES
from .selection import NO_CONTEXT, UNRECORDED, Frames, _empty, _first_of, _floats, _tagged, period_starts


def activity(frames: Frames, period: str = "week", by: str | None = None) -> pd.DataFrame:
    """Conversations journaled per period (and context), in total and by outcome.

    Returns ``period_start, [context], entries``, one column per outcome of ``models.OUTCOMES``
    (held, avoided, softened, deferred, chose-not-to-know) and ``unrecorded``; with
    ``by="context"`` an entry without a context falls under ``"no context"``.
    """
    if by not in (None, "context"):
        raise ValueError(f"by must be None or 'context', not {by!r}.")
    keys = ["period_start"] + ([by] if by else [])
    columns = [*keys, "entries", *OUTCOMES, UNRECORDED]
    e = frames.entries
    if e.empty:
        return _tagged(_empty(columns), period)
    outcomes = [*OUTCOMES, UNRECORDED]
    outcome = _outcome_codes(frames)
    period_codes, starts = pd.factorize(period_starts(e["occurred_on"], period), sort=True)
    if by:
        group, names = _context_codes(frames)
    else:
        group, names = np.zeros(len(e), dtype=np.int64), np.array([""], dtype=object)
    # One bincount over (period, context, outcome) codes: no grouping on strings.
    cells = len(starts) * len(names)
    flat = (period_codes * len(names) + group) * len(outcomes) + outcome
    counts = np.bincount(flat, minlength=cells * len(outcomes)).reshape(cells, len(outcomes))
    present = np.nonzero(counts.sum(axis=1))[0]
    out = pd.DataFrame({"period_start": pd.DatetimeIndex(starts)[present // len(names)]})
    if by:
        out["context"] = np.asarray(names, dtype=object)[present % len(names)]
    out["entries"] = counts[present].sum(axis=1)
    for i, name in enumerate(outcomes):
        out[name] = counts[present, i]
    return _tagged(out.sort_values(keys, kind="stable").reset_index(drop=True)[columns], period)


def _outcome_codes(frames: Frames) -> np.ndarray:
    """Each entry's outcome as its place in OUTCOMES, or len(OUTCOMES) when not recorded."""
    code, names = frames._codes("outcome")
    order = np.array([OUTCOMES.index(n) if n in OUTCOMES else len(OUTCOMES) for n in names] + [len(OUTCOMES)])
    return order[code]  # code -1 (missing) picks the last item


def _context_codes(frames: Frames) -> tuple[np.ndarray, np.ndarray]:
    """Each entry's context code, and the names (with "no context" last for missing ones)."""
    code, names = frames._codes("context")
    return np.where(code < 0, len(names), code), np.append(names, NO_CONTEXT).astype(object)


def daily(frames: Frames) -> pd.DataFrame:
    """One row per day with entries: ``date, entries, mean_before, mean_after``."""
    e = frames.entries
    if e.empty:
        return _empty(["date", "entries", "mean_before", "mean_after"])
    d = pd.DataFrame(
        {"date": e["occurred_on"], "before": _floats(e["feelings_before"]), "after": _floats(e["feelings_after"])}
    )
    out = d.groupby("date").agg(entries=("date", "size"), mean_before=("before", "mean"), mean_after=("after", "mean"))
    return out.reset_index()


def tag_use(frames: Frames, period: str = "month", by: str = "group") -> pd.DataFrame:
    """How often tags (``by="tag"``) or tag groups (``by="group"``) were used per period.

    Returns ``period_start, <group | tag, group>, uses, entries, share``: ``uses`` counts
    tag uses, ``entries`` the entries carrying the tag (or any tag of the group), and
    ``share`` is ``entries`` divided by all entries journaled in that period.
    """
    if by not in ("group", "tag"):
        raise ValueError(f"by must be 'group' or 'tag', not {by!r}.")
    keys = ["period_start", "tag", "group"] if by == "tag" else ["period_start", "group"]
    t = frames.tags
    if t.empty:
        return _tagged(_empty([*keys, "uses", "entries", "share"]), period)
    uses = frames._uses("tags")
    valid = uses.entry >= 0
    group_of_tag = _first_of(uses.code, t["group"], len(uses.names))
    if by == "tag":
        code, names, first = uses.code, uses.names, uses.first
    else:
        group_codes, group_names = pd.factorize(group_of_tag)
        code, names = group_codes[uses.code], np.asarray(group_names, dtype=object)
        first = ~pd.Series(uses.entry.astype(np.int64) * len(names) + code).duplicated().to_numpy() & valid
    # Count with bincount over (period, tag or group) codes: no grouping on strings.
    period_codes, starts = pd.factorize(period_starts(frames.entries["occurred_on"], period), sort=True)
    k, n_periods = len(names), len(starts)
    key = period_codes[np.where(valid, uses.entry, 0)] * k + code
    n_uses = np.bincount(key[valid], minlength=n_periods * k)
    n_entries = np.bincount(key[first], minlength=n_periods * k)
    cells = np.nonzero(n_uses)[0]
    out = pd.DataFrame({"period_start": pd.DatetimeIndex(starts)[cells // k]})
    if by == "tag":
        out["tag"] = names[cells % k]
        out["group"] = group_of_tag[cells % k]
    else:
        out["group"] = names[cells % k]
    out["uses"] = n_uses[cells]
    out["entries"] = n_entries[cells]
    out["share"] = out["entries"] / np.bincount(period_codes, minlength=n_periods)[cells // k]
    return _tagged(out.sort_values(keys, kind="stable").reset_index(drop=True), period)


def outcome_share(frames: Frames, period: str = "month", by: str | None = None) -> pd.DataFrame:
    """Every outcome side by side per period (and context or role): how many, and what share.

    Only entries with a recorded outcome count, and ``share`` is ``n`` over all of them
    (``total``): the five outcomes of ``models.OUTCOMES`` side by side, adding up to one.
    This is not the share held: that leaves deferred and chose-not-to-know out of its
    denominator (see :func:`held_share`). With ``by="context"`` an entry without a context
    falls under ``"no context"``; with ``by="role"`` an entry counts once for each distinct
    role among the people in it (entries with nobody recorded are left out).

    Returns ``period_start, [context | role], outcome, n, total, share``, with a row (maybe
    ``n = 0``) for each outcome, in the order of ``models.OUTCOMES``.
    """
    if by not in (None, "context", "role"):
        raise ValueError(f"by must be None, 'context' or 'role', not {by!r}.")
    keys = ["period_start"] + ([by] if by else [])
    columns = [*keys, "outcome", "n", "total", "share"]
    e = frames.entries
    if e.empty:
        return _tagged(_empty(columns), period)
    period_codes, starts = pd.factorize(period_starts(e["occurred_on"], period), sort=True)
    outcome = _outcome_codes(frames)
    rows = np.arange(len(e))
    if by == "context":
        group, names = _context_codes(frames)
    elif by == "role":  # one row per (entry, distinct role)
        people = frames._uses("people")
        rows, group, names = people.entry[people.first], people.code[people.first], people.names
    else:
        group, names = np.zeros(len(e), dtype=np.int64), np.array([""], dtype=object)
    recorded = outcome[rows] < len(OUTCOMES)
    rows, group = rows[recorded], group[recorded]
    if len(rows) == 0:
        return _tagged(_empty(columns), period)
    k, m = len(names), len(OUTCOMES)
    flat = (period_codes[rows] * k + group) * m + outcome[rows]
    counts = np.bincount(flat, minlength=len(starts) * k * m).reshape(len(starts) * k, m)
    present = np.nonzero(counts.sum(axis=1))[0]
    cell = np.repeat(present, m)  # each present (period, group) once per outcome
    out = pd.DataFrame({"period_start": pd.DatetimeIndex(starts)[cell // k]})
    if by:
        out[by] = np.asarray(names, dtype=object)[cell % k]
    out["outcome"] = np.tile(np.array(OUTCOMES, dtype=object), len(present))
    out["n"] = counts[present].reshape(-1)
    out["total"] = np.repeat(counts[present].sum(axis=1), m)
    out["share"] = out["n"] / out["total"]
    out["_order"] = np.tile(np.arange(m), len(present))
    out = out.sort_values([*keys, "_order"], kind="stable").reset_index(drop=True)
    return _tagged(out[columns], period)


def held_share(frames: Frames, period: str = "month", by: str | None = None) -> pd.DataFrame:
    """The share held per period (and context or role): held / (held + avoided + softened).

    Deferring by decision and respecting a person's wish not to know are good practice, so
    they never count against the share held: only ``models.HELD_SHARE_OUTCOMES`` make its
    denominator (``counted``). Periods (and groups) where none of those was recorded are
    left out. ``by`` is read as in :func:`outcome_share`.

    Returns ``period_start, [context | role], held, counted, share``.
    """
    shares = outcome_share(frames, period, by)
    keys = ["period_start"] + ([by] if by else [])
    columns = [*keys, "held", "counted", "share"]
    counted = shares.loc[shares["outcome"].isin(HELD_SHARE_OUTCOMES)]
    if counted.empty:
        return _tagged(_empty(columns), period)
    out = counted.assign(held=np.where(counted["outcome"] == "held", counted["n"], 0))
    out = out.groupby(keys, sort=True).agg(held=("held", "sum"), counted=("n", "sum")).reset_index()
    out = out.loc[out["counted"] > 0].reset_index(drop=True)
    out["share"] = out["held"] / out["counted"]
    return _tagged(out[columns], period)


STANCE_COLUMNS = [
    "period_start",
    "context",
    "n",
    "n_placed",
    "mean_stance",
    "heroic_share",
    "balanced_share",
    "stoical_share",
    "both",
    "both_share",
]


def stance_trend(frames: Frames, period: str = "month") -> pd.DataFrame:
    """Heroic (-2) to stoical (+2) stance per period, one row per context: never pooled.

    Child protection and end of life ask different things of a stance, so the figures are
    always per context; entries without a context form their own ``"no context"`` group.
    ``n`` counts the entries with a point on the line or marked "both, in tension";
    ``n_placed`` those with a point, over which ``mean_stance`` (the line position) and the
    heroic, balanced and stoical shares are taken; ``both`` counts the entries marked both,
    in tension, and ``both_share`` is ``both / n``.

    Returns ``period_start, context, n, n_placed, mean_stance, heroic_share,
    balanced_share, stoical_share, both, both_share``.
    """
    e = frames.entries
    if e.empty:
        return _tagged(_empty(STANCE_COLUMNS), period)
    both = e["stance_both"].to_numpy(dtype=bool)
    keep = e["stance"].notna().to_numpy() | both
    if not keep.any():
        return _tagged(_empty(STANCE_COLUMNS), period)
    group, names = _context_codes(frames)
    stance = _floats(e["stance"]).to_numpy()[keep]
    d = pd.DataFrame(
        {
            "period_start": period_starts(e["occurred_on"], period).to_numpy()[keep],
            "context": np.asarray(names, dtype=object)[group[keep]],
            "stance": stance,
            "placed": ~np.isnan(stance),
            "heroic": np.where(np.isnan(stance), np.nan, stance < 0),
            "balanced": np.where(np.isnan(stance), np.nan, stance == 0),
            "stoical": np.where(np.isnan(stance), np.nan, stance > 0),
            "both": both[keep],
        }
    )
    out = d.groupby(["period_start", "context"], sort=True).agg(
        n=("both", "size"),
        n_placed=("placed", "sum"),
        mean_stance=("stance", "mean"),
        heroic_share=("heroic", "mean"),
        balanced_share=("balanced", "mean"),
        stoical_share=("stoical", "mean"),
        both=("both", "sum"),
    )
    out = out.reset_index()
    out["n_placed"] = out["n_placed"].astype("int64")
    out["both"] = out["both"].astype("int64")
    out["both_share"] = out["both"] / out["n"]
    return _tagged(out[STANCE_COLUMNS], period)


def depth_trend(frames: Frames, period: str = "month") -> pd.DataFrame:
    """How many entries you rated at each depth of reflection per period, and how many not rated.

    The depth is the writer's own rating (Hatton and Smith 1995); this counts it and never
    grades it. Returns ``period_start, depth, n, total``: for each period with entries, a
    row (maybe ``n = 0``) for each level of ``models.DEPTHS`` (shallowest first) and one
    for ``"unrecorded"`` (not rated); ``total`` is the period's entries.
    """
    levels = [*DEPTHS, UNRECORDED]
    columns = ["period_start", "depth", "n", "total"]
    e = frames.entries
    if e.empty:
        return _tagged(_empty(columns), period)
    rated, names = frames._codes("depth")
    order = np.array([list(DEPTHS).index(n) if n in DEPTHS else len(DEPTHS) for n in names] + [len(DEPTHS)])
    code = order[rated]  # code -1 (not rated) picks the last item
    period_codes, starts = pd.factorize(period_starts(e["occurred_on"], period), sort=True)
    m = len(levels)
    counts = np.bincount(period_codes * m + code, minlength=len(starts) * m).reshape(len(starts), m)
    out = pd.DataFrame(
        {
            "period_start": pd.DatetimeIndex(starts).repeat(m),
            "depth": np.tile(np.array(levels, dtype=object), len(starts)),
            "n": counts.reshape(-1),
            "total": np.repeat(counts.sum(axis=1), m),
        }
    )
    return _tagged(out[columns], period)


def feelings_trend(frames: Frames, period: str = "month") -> pd.DataFrame:
    """Mean feelings before and after, and the gap (after - before), per period.

    Only entries with both ratings count, so ``mean_gap == mean_after - mean_before``.
    Returns ``period_start, n, mean_before, mean_after, mean_gap``.
    """
    e = frames.entries
    e = e.loc[e["feelings_before"].notna() & e["feelings_after"].notna()]
    columns = ["period_start", "n", "mean_before", "mean_after", "mean_gap"]
    if e.empty:
        return _tagged(_empty(columns), period)
    before, after = _floats(e["feelings_before"]), _floats(e["feelings_after"])
    d = pd.DataFrame(
        {
            "period_start": period_starts(e["occurred_on"], period),
            "before": before,
            "after": after,
            "gap": after - before,
        }
    )
    out = d.groupby("period_start").agg(
        n=("gap", "size"), mean_before=("before", "mean"), mean_after=("after", "mean"), mean_gap=("gap", "mean")
    )
    return _tagged(out.reset_index()[columns], period)
