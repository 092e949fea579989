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
* Stance runs from -2 (heroic: fighting adversity at any cost) to +2 (stoical: accepting
  limits and shaping what remains), after Dartington (2010).
* Everything is vectorised (no Python loops over rows), so a 100,000-entry journal is
  analysed in well under a second per function (see ``bench/patterns.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..models import OUTCOMES, STANCES

PERIODS = {"week": "W-SUN", "month": "M", "quarter": "Q-DEC"}
UNRECORDED = "unrecorded"
NO_CONTEXT = "no context"


# -- the frames ----------------------------------------------------------------------------
_CHILDREN = {"tags": "tag", "people": "role", "actions": "status"}


@dataclass(frozen=True)
class _Uses:
    """Rows of a child frame (tags, people or actions) as integer codes, for fast grouping.

    ``entry`` is the row of each one's entry in ``frames.entries`` (-1 if absent), ``code``
    indexes ``names`` (tag ids, roles or statuses), and ``first`` marks the first row of
    each (entry, name) pair, so that repeated tags count once per entry.
    """

    entry: np.ndarray
    code: np.ndarray
    names: np.ndarray
    first: np.ndarray

    def subset(self, rows: np.ndarray, remap: np.ndarray) -> _Uses:
        """The same for ``rows`` (whole entries only), with entries renumbered by ``remap``."""
        return _Uses(remap[self.entry[rows]], self.code[rows], self.names, self.first[rows])


def _uses(entries: pd.DataFrame, frame: pd.DataFrame, column: str) -> _Uses:
    entry = pd.Index(entries["id"]).get_indexer(frame["entry_id"])
    code, names = pd.factorize(frame[column])
    key = pd.Series(entry.astype(np.int64) * max(len(names), 1) + code)
    first = ~key.duplicated().to_numpy() & (entry >= 0)
    return _Uses(entry, code, np.asarray(names, dtype=object), first)


@dataclass(frozen=True, eq=False)
class Frames:
    """The journal's four tidy frames, kept consistent with each other.

    ``entries`` has one row per entry (``id``, ``occurred_on``, ``context``, ``outcome``,
    ``stance``, feelings, counts ...); ``tags``, ``people`` and ``actions`` have one row per
    tag use, person and action point, each keyed by ``entry_id``. ``labels`` maps tag and
    group ids to their vocabulary labels (for plain-language output); it holds no journal
    content. Treat the frames as read-only: Frames keeps an integer index of them (which
    entry each tag, person and action belongs to) so that every function runs on numbers
    rather than on 100,000 id strings; make a new Frames after changing a frame.
    """

    entries: pd.DataFrame
    tags: pd.DataFrame
    people: pd.DataFrame
    actions: pd.DataFrame
    labels: Mapping[str, str] = field(default_factory=dict)
    _index: dict[str, _Uses] = field(default_factory=dict, repr=False)

    @classmethod
    def from_journal(cls, journal: Any, *, include_trash: bool = False) -> Frames:
        """Ask ``journal`` (a ``workbook.Journal``) for its frames; no text is read."""
        vocabulary = journal.vocabulary()
        labels = {g.id: g.label for g in vocabulary.groups} | {t.id: t.label for t in vocabulary.tags}
        frames = cls(*journal.frames(include_trash=include_trash), labels)
        for name in _CHILDREN:
            frames._uses(name)
        for column in ("context", "outcome"):
            frames._codes(column)
        return frames

    def _uses(self, name: str) -> _Uses:
        """The integer index of ``tags``, ``people`` or ``actions`` (built once, then kept)."""
        if name not in self._index:
            self._index[name] = _uses(self.entries, getattr(self, name), _CHILDREN[name])
        return self._index[name]

    def _codes(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """Codes of an entries column (``context``, ``outcome``): -1 where missing, and the
        names in sorted order (built once, then kept)."""
        key = f"entries.{column}"
        if key not in self._index:
            code, names = pd.factorize(self.entries[column], sort=True)
            n = len(code)
            self._index[key] = _Uses(np.arange(n), code, np.asarray(names, dtype=object), np.ones(n, dtype=bool))
        return self._index[key].code, self._index[key].names

    def _having(self, name: str, values: list[str]) -> np.ndarray:
        """For each entry: does any of its rows in ``name`` have one of ``values``?"""
        uses = self._uses(name)
        rows = np.isin(uses.names, values)[uses.code] & (uses.entry >= 0)
        out = np.zeros(len(self.entries), dtype=bool)
        out[uses.entry[rows]] = True
        return out

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return (
            f"<Frames {len(self.entries)} entries, {len(self.tags)} tag uses, "
            f"{len(self.people)} people, {len(self.actions)} actions>"
        )

    def filter(
        self,
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        context: str | Iterable[str] | None = None,
        tags: str | Iterable[str] | None = None,
        role: str | Iterable[str] | None = None,
    ) -> Frames:
        """The entries matching every filter given, with their tags, people and actions.

        Parameters
        ----------
        since, until
            First and last day to keep (inclusive); any range, not cut at calendar years.
        context
            A context id, or several (an entry in any of them is kept).
        tags
            A tag id, or several (an entry must carry every one of them).
        role
            A person's role, or several (an entry with anyone in any of them is kept).
        """
        e = self.entries
        keep = np.ones(len(e), dtype=bool)
        if since is not None:
            keep &= (e["occurred_on"] >= _timestamp(since)).to_numpy()
        if until is not None:
            keep &= (e["occurred_on"] <= _timestamp(until)).to_numpy()
        if context is not None:
            keep &= e["context"].isin(_as_list(context)).to_numpy()
        for tag in _as_list(tags) if tags is not None else []:
            keep &= self._having("tags", [tag])
        if role is not None:
            keep &= self._having("people", _as_list(role))
        if keep.all():
            return self
        remap = np.cumsum(keep) - 1
        children: dict[str, pd.DataFrame] = {}
        index: dict[str, _Uses] = {}
        for name in _CHILDREN:
            uses = self._uses(name)
            rows = (uses.entry >= 0) & keep[np.maximum(uses.entry, 0)]
            children[name] = getattr(self, name).loc[rows].reset_index(drop=True)
            index[name] = uses.subset(rows, remap)
        for name, uses in self._index.items():
            if name.startswith("entries."):
                index[name] = uses.subset(keep, remap)
        return Frames(
            e.loc[keep].reset_index(drop=True),
            children["tags"],
            children["people"],
            children["actions"],
            self.labels,
            index,
        )


def _as_list(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _timestamp(value: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def _day(value: dt.date | str | None, default: dt.date | None = None) -> dt.date:
    if value is None:
        return default or dt.date.today()
    return pd.Timestamp(value).date()


def period_starts(dates: pd.Series, period: str = "month") -> pd.Series:
    """The first day of the week (Monday), month or quarter holding each date."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}.")
    codes, uniques = pd.factorize(dates)
    if len(uniques) == 0:
        return pd.Series(pd.DatetimeIndex([], dtype="datetime64[us]"), index=dates.index, name="period_start")
    starts = pd.DatetimeIndex(uniques).to_period(PERIODS[period]).start_time
    return pd.Series(starts.values[codes], index=dates.index, name="period_start")


def _floats(values: pd.Series) -> pd.Series:
    return values.astype("float64")


def _empty(columns: Iterable[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})


def _tagged(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Record the period in ``frame.attrs`` so charts can say "per week" or "per month"."""
    frame.attrs["period"] = period
    return frame


def _first_of(codes: np.ndarray, values: pd.Series, n: int) -> np.ndarray:
    """For each code 0..n-1, ``values`` on its first row (None for a code with no rows)."""
    first = np.full(n, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes)))
    present = first < len(codes)
    out = np.empty(n, dtype=object)
    out[present] = values.iloc[first[present]].to_numpy(dtype=object)
    return out


# -- counts over time -------------------------------------------------------------------
def activity(frames: Frames, period: str = "week", by: str | None = None) -> pd.DataFrame:
    """Conversations journaled per period (and context), in total and by outcome.

    Returns ``period_start, [context], entries, held, avoided, softened, unrecorded``; with
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
    """Share of conversations held, avoided or softened per period (and context or role).

    Only entries with a recorded outcome count. With ``by="context"`` an entry without a
    context falls under ``"no context"``; with ``by="role"`` an entry counts once for each
    distinct role among the people in it (entries with nobody recorded are left out).

    Returns ``period_start, [context | role], outcome, n, total, share``, with a row (maybe
    ``n = 0``) for each of the three outcomes.
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


def stance_trend(frames: Frames, period: str = "month") -> pd.DataFrame:
    """Heroic (-2) to stoical (+2) stance per period.

    Returns ``period_start, n, mean_stance, heroic_share, balanced_share, stoical_share``
    over the entries with a stance recorded.
    """
    e = frames.entries.loc[frames.entries["stance"].notna()]
    columns = ["period_start", "n", "mean_stance", "heroic_share", "balanced_share", "stoical_share"]
    if e.empty:
        return _tagged(_empty(columns), period)
    stance = _floats(e["stance"])
    d = pd.DataFrame(
        {
            "period_start": period_starts(e["occurred_on"], period),
            "stance": stance,
            "heroic": (stance < 0).astype("float64"),
            "balanced": (stance == 0).astype("float64"),
            "stoical": (stance > 0).astype("float64"),
        }
    )
    out = d.groupby("period_start").agg(
        n=("stance", "size"),
        mean_stance=("stance", "mean"),
        heroic_share=("heroic", "mean"),
        balanced_share=("balanced", "mean"),
        stoical_share=("stoical", "mean"),
    )
    return _tagged(out.reset_index()[columns], period)


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


# -- tags together -----------------------------------------------------------------------
def tag_cooccurrence(frames: Frames, min_count: int = 2) -> pd.DataFrame:
    """Pairs of tags used on the same entry.

    For each pair (``tag_a`` < ``tag_b``) seen on at least ``min_count`` entries:
    ``count`` (entries carrying both), ``n_a``/``n_b`` (entries carrying each),
    ``support = count / N`` and ``lift = count * N / (n_a * n_b)``, where N is the number
    of entries in ``frames``. A lift above 1 means the two go together more often than
    chance would have them.
    """
    columns = ["tag_a", "tag_b", "count", "n_a", "n_b", "support", "lift"]
    n = len(frames.entries)
    if frames.tags.empty or n == 0:
        return _empty(columns)
    uses = frames._uses("tags")
    rows, codes, names = uses.entry[uses.first], uses.code[uses.first], uses.names
    k = len(names)
    # Sort by entry then tag: the tags of one entry sit side by side, in code order, so
    # pairing each row with the row ``step`` places on finds every pair once. One pass
    # per step (as many as the most tags on one entry), each vectorised over all rows.
    order = np.lexsort((codes, rows))
    rows, codes = rows[order], codes[order]
    pairs = np.zeros(k * k, dtype=np.int64)
    step = 1
    while step < len(rows):
        same = rows[step:] == rows[:-step]
        if not same.any():
            break
        pairs += np.bincount(codes[:-step][same] * k + codes[step:][same], minlength=k * k)
        step += 1
    upper = pairs.reshape(k, k)
    counts = upper + upper.T
    per_tag = np.bincount(codes, minlength=k)
    i, j = np.triu_indices(k, k=1)
    a, b = names[i], names[j]
    swap = a > b
    out = pd.DataFrame(
        {
            "tag_a": np.where(swap, b, a),
            "tag_b": np.where(swap, a, b),
            "count": counts[i, j],
            "n_a": np.where(swap, per_tag[j], per_tag[i]),
            "n_b": np.where(swap, per_tag[i], per_tag[j]),
        }
    )
    out = out.loc[out["count"] >= max(1, min_count)].copy()
    out["support"] = out["count"] / n
    out["lift"] = out["count"] * n / (out["n_a"] * out["n_b"])
    out = out.sort_values(["count", "tag_a", "tag_b"], ascending=[False, True, True], kind="stable")
    return out.reset_index(drop=True)[columns]


def tags_and_feelings(frames: Frames, min_count: int = 1) -> pd.DataFrame:
    """Which tags go with heavier or lighter feelings.

    For each tag on at least ``min_count`` entries: ``group``, ``n`` (entries carrying it),
    ``mean_before``/``mean_after`` over those entries' ratings, and ``before_vs_all`` /
    ``after_vs_all``: the difference from the mean over every entry in ``frames``.
    Sorted by ``mean_after``, heaviest first.
    """
    columns = ["tag", "group", "n", "mean_before", "mean_after", "before_vs_all", "after_vs_all"]
    t, e = frames.tags, frames.entries
    if t.empty:
        return _empty(columns)
    uses = frames._uses("tags")
    before, after = _floats(e["feelings_before"]).to_numpy(), _floats(e["feelings_after"]).to_numpy()
    rows = uses.entry[uses.first]
    d = pd.DataFrame({"code": uses.code[uses.first], "before": before[rows], "after": after[rows]})
    out = d.groupby("code").agg(n=("code", "size"), mean_before=("before", "mean"), mean_after=("after", "mean"))
    codes = out.index.to_numpy()
    out.insert(0, "tag", uses.names[codes])
    out.insert(1, "group", _first_of(uses.code, t["group"], len(uses.names))[codes])
    out = out.loc[out["n"] >= min_count]
    out["before_vs_all"] = out["mean_before"] - np.nanmean(before) if np.isfinite(before).any() else np.nan
    out["after_vs_all"] = out["mean_after"] - np.nanmean(after) if np.isfinite(after).any() else np.nan
    out = out.sort_values(["mean_after", "tag"], ascending=[False, True], kind="stable", na_position="last")
    return out.reset_index(drop=True)[columns]


# -- action points and journaling habits ------------------------------------------------
@dataclass(frozen=True, eq=False)
class FollowThrough:
    """Action points followed up: per period, overall, and the overdue ones (no text)."""

    by_period: pd.DataFrame
    overdue: pd.DataFrame
    done: int
    due: int

    @property
    def rate(self) -> float | None:
        """Done / (done + dropped + overdue), or None when nothing has fallen due."""
        return self.done / self.due if self.due else None


def action_follow_through(frames: Frames, period: str = "month", today: dt.date | str | None = None) -> FollowThrough:
    """How many action points were followed through, by the period they were set in.

    An action point has *fallen due* when it is done, dropped, or still open after its due
    date (overdue; an open action due today or later, or with no due date, has not fallen
    due). The rate is ``done / fallen due``.

    ``by_period``: ``period_start, actions, done, dropped, overdue, not_yet_due, rate``.
    ``overdue``: ``entry_id, action_id, due_on, days_overdue``, most overdue first.
    """
    a = frames.actions
    now = _timestamp(_day(today))
    uses = frames._uses("actions")

    def status(value: str) -> np.ndarray:
        return (uses.names == value)[uses.code] if len(uses.code) else np.zeros(0, dtype=bool)

    is_open = status("open")
    is_overdue = is_open & (a["due_on"] < now).fillna(False).to_numpy(dtype=bool)
    d = pd.DataFrame(
        {
            "period_start": period_starts(a["occurred_on"], period),
            "actions": 1,
            "done": status("done").astype("int64"),
            "dropped": status("dropped").astype("int64"),
            "overdue": is_overdue.astype("int64"),
            "not_yet_due": (is_open & ~is_overdue).astype("int64"),
        }
    )
    by_period = _tagged(d.groupby("period_start").sum().reset_index(), period)
    fallen_due = by_period["done"] + by_period["dropped"] + by_period["overdue"]
    by_period["rate"] = by_period["done"] / fallen_due.where(fallen_due > 0)
    late = a.loc[is_overdue, ["entry_id", "action_id", "due_on"]].copy()
    late["days_overdue"] = (now - late["due_on"]).dt.days.astype("int64")
    late = late.sort_values("days_overdue", ascending=False, kind="stable").reset_index(drop=True)
    return FollowThrough(by_period, late, int(d["done"].sum()), int(fallen_due.sum()))


@dataclass(frozen=True, eq=False)
class Streaks:
    """Runs of weeks (Monday to Sunday) with at least one entry, and long gaps."""

    current_weeks: int
    longest_weeks: int
    longest_from: dt.date | None
    longest_to: dt.date | None
    weeks_with_entries: int
    days_since_last: int | None
    gaps: pd.DataFrame


_MONDAY_EPOCH = dt.date(1970, 1, 5)


def _week_number(days: np.ndarray | int) -> Any:
    """Weeks since the Monday 5 January 1970 (a week starts on Monday)."""
    return np.floor_divide(days, 7)


def journaling_streaks(frames: Frames, today: dt.date | str | None = None, gap_days: int = 14) -> Streaks:
    """Streaks of weeks with journaling, and gaps of more than ``gap_days`` days.

    The current streak counts back from this week, or from last week when nothing has
    been journaled yet this week (the week is not over). ``gaps`` lists
    ``last_entry, next_entry, days`` for each gap between entries longer than ``gap_days``.
    """
    day = _day(today)
    dates = pd.DatetimeIndex(frames.entries["occurred_on"].unique()).sort_values()
    gap_columns = ["last_entry", "next_entry", "days"]
    if len(dates) == 0:
        return Streaks(0, 0, None, None, 0, None, _empty(gap_columns))
    epoch = pd.Timestamp(_MONDAY_EPOCH)
    weeks = np.unique(_week_number((dates - epoch).days.to_numpy()))
    breaks = np.diff(weeks) != 1
    run_id = np.concatenate([[0], np.cumsum(breaks)])
    lengths = np.bincount(run_id)
    best = int(np.argmax(lengths))
    first_week = int(weeks[run_id == best][0])
    this_week = int(_week_number((day - _MONDAY_EPOCH).days))
    current = int(lengths[-1]) if int(weeks[-1]) in (this_week, this_week - 1) else 0
    between = np.diff(dates.to_numpy()).astype("timedelta64[D]").astype(np.int64)
    wide = np.nonzero(between > gap_days)[0]
    gaps = pd.DataFrame({"last_entry": dates[wide], "next_entry": dates[wide + 1], "days": between[wide]})
    return Streaks(
        current_weeks=current,
        longest_weeks=int(lengths[best]),
        longest_from=_MONDAY_EPOCH + dt.timedelta(weeks=first_week),
        longest_to=_MONDAY_EPOCH + dt.timedelta(weeks=first_week + int(lengths[best]), days=-1),
        weeks_with_entries=len(weeks),
        days_since_last=(day - dates[-1].date()).days,
        gaps=gaps.reset_index(drop=True),
    )


# -- emotional load --------------------------------------------------------------------------
DEFAULT_HEAVY_TAGS = ("overwhelmed", "dread", "helpless", "drained", "numb", "out-of-depth", "furious", "ashamed")


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
    """

    window_weeks: int = 4
    min_entries: int = 4
    heavy_level: int = 7
    heavy_tags: tuple[str, ...] = DEFAULT_HEAVY_TAGS
    heavy_tag_intensity: int = 2
    min_heavy_share: float = 0.5
    min_heavy_weeks: int = 3

    def __post_init__(self) -> None:
        if self.window_weeks < 1:
            raise ValidationError("load_signal.window_weeks", "must be at least 1.")
        if not 1 <= self.min_heavy_weeks <= self.window_weeks:
            raise ValidationError(
                "load_signal.min_heavy_weeks", f"must be between 1 and window_weeks ({self.window_weeks})."
            )
        if not 0 <= self.heavy_level <= 10:
            raise ValidationError("load_signal.heavy_level", "must be between 0 and 10.")
        if not 0 < self.min_heavy_share <= 1:
            raise ValidationError("load_signal.min_heavy_share", "must be above 0 and at most 1.")
        if not 1 <= self.heavy_tag_intensity <= 3:
            raise ValidationError("load_signal.heavy_tag_intensity", "must be between 1 and 3.")
        if self.min_entries < 1:
            raise ValidationError("load_signal.min_entries", "must be at least 1.")


def load_settings_from(saved: Mapping[str, Any] | None) -> LoadSettings:
    """LoadSettings from a journal's saved ``load_signal`` setting (None: the defaults).

    Unknown keys or values out of range raise ValidationError naming the key.
    """
    if not saved:
        return LoadSettings()
    known = {f.name for f in fields(LoadSettings)}
    for key in saved:
        if key not in known:
            raise ValidationError(
                f"load_signal.{key}", f"is not a setting; the settings are {', '.join(sorted(known))}."
            )
    values = dict(saved)
    if "heavy_tags" in values:
        values["heavy_tags"] = tuple(values["heavy_tags"])
    return LoadSettings(**values)


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
        weeks = _words(settings.window_weeks)
        message = (
            f"In the last {weeks} weeks you journaled {_words(n)} conversations, and {_words(n_heavy)} of them "
            f"felt heavy, spread over {_words(heavy_weeks)} of those {weeks} weeks. That is a lot to carry. "
            "This is only a pattern in what you have written, not a judgement about you; "
            "it may help to take these conversations to supervision or a debrief, "
            "or to talk them over with someone you trust."
        )
    return LoadSignal(active, message, evidence)


# -- plain-language summary --------------------------------------------------------------
_NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def _words(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _conversations(n: int) -> str:
    return f"{n} conversation" + ("" if n == 1 else "s")


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _in_sentence(label: str) -> str:
    """'Child protection' -> 'child protection'; words like 'FDAC' keep their capitals."""
    return " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in label.split(" "))


def _trend(now: float, before: float) -> str:
    return "up from" if now > before else "down from" if now < before else "the same as"


def _held(frames: Frames) -> tuple[int, int]:
    outcome = frames.entries["outcome"]
    return int((outcome == "held").sum()), int(outcome.notna().sum())


def summarise(  # noqa: C901 -- pending split (layout issue)
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
    day = _day(today)
    last = _day(until, day)
    first = _day(since)
    if first > last:
        raise ValueError(f"since ({first}) is after until ({last}).")
    length = (last - first).days + 1
    names = dict(frames.labels if labels is None else labels)
    now = frames.filter(first, last)
    before = frames.filter(first - dt.timedelta(days=length), first - dt.timedelta(days=1))
    n, m = len(now), len(before)
    earlier = f"in the {length} days before"
    if m == 0:
        compared = f", and none {earlier}"
    else:
        compared = f", {_trend(n, m)} {m} {earlier}"
    out = [
        f"Between {_long_date(first)} and {_long_date(last)} you journaled {_conversations(n) if n else 'no conversations'}{compared}."
    ]
    if n == 0:
        return out

    held, recorded = _held(now)
    held_before, recorded_before = _held(before)
    if recorded:
        sentence = f"{held} of {_conversations(recorded)} with a recorded outcome {'was' if held == 1 else 'were'} held ({held / recorded:.0%})"
        if recorded_before:
            sentence += f", {_trend(held / recorded, held_before / recorded_before)} {held_before} of {recorded_before} ({held_before / recorded_before:.0%}) before"
        out.append(sentence + ".")

    shares = (
        outcome_share(now, "quarter", by="context").groupby(["context", "outcome"])["n"].sum().unstack(fill_value=0)
    )
    shares_before = (
        outcome_share(before, "quarter", by="context").groupby(["context", "outcome"])["n"].sum().unstack(fill_value=0)
    )
    if not shares.empty:
        totals = shares.sum(axis=1).sort_values(ascending=False, kind="stable")
        for context in totals.index[:top]:
            if context == NO_CONTEXT:
                continue
            h, total = int(shares.at[context, "held"]), int(totals[context])
            label = _in_sentence(names.get(context, context))
            sentence = f"{h} of {total} {label} conversations {'was' if h == 1 else 'were'} held"
            if context in shares_before.index:
                hb, tb = int(shares_before.at[context, "held"]), int(shares_before.loc[context].sum())
                sentence += f", {_trend(h / total, hb / tb)} {hb} of {tb} before"
            else:
                sentence += f" (none {earlier})"
            out.append(sentence + ".")

    counts = now.tags.drop_duplicates(["entry_id", "tag"])["tag"].value_counts()
    if not counts.empty:
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        items = [f"{names.get(tag, tag)} ({count})" for tag, count in ranked]
        listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"
        out.append(f"Your most used tag{'s were' if len(items) > 1 else ' was'} {listed}.")

    feel = feelings_trend(now, "quarter")
    if not feel.empty:
        b, a = _pooled(feel, "mean_before"), _pooled(feel, "mean_after")
        sentence = f"On average you rated conversations {b:.1f} out of 10 before and {a:.1f} after (0 = at ease, 10 = very heavy)"
        feel_before = feelings_trend(before, "quarter")
        if not feel_before.empty:
            sentence += (
                f"; {_pooled(feel_before, 'mean_before'):.1f} and {_pooled(feel_before, 'mean_after'):.1f} {earlier}"
            )
        out.append(sentence + ".")

    stance = _floats(now.entries["stance"].dropna())
    if len(stance):
        mean = float(stance.mean())
        sentence = (
            f"Your stance averaged {mean:+.1f} ({STANCES[int(np.clip(np.rint(mean), -2, 2))]}; -2 heroic to +2 stoical)"
        )
        stance_before = _floats(before.entries["stance"].dropna())
        if len(stance_before):
            sentence += f", compared with {float(stance_before.mean()):+.1f} before"
        out.append(sentence + ".")

    follow = action_follow_through(now, today=day)
    if follow.due:
        sentence = f"You followed through on {follow.done} of {follow.due} action points that fell due ({follow.done / follow.due:.0%})"
        late = len(follow.overdue)
        sentence += f"; {late} {'is' if late == 1 else 'are'} overdue." if late else "."
        out.append(sentence)

    flagged = int(now.entries["flagged"].sum())
    if flagged:
        out.append(
            f"{_conversations(flagged).capitalize()} {'is' if flagged == 1 else 'are'} marked to bring to supervision."
        )
    return out


def _pooled(trend: pd.DataFrame, column: str) -> float:
    """The mean over all entries of per-period means (weighted by each period's n)."""
    return float((trend[column] * trend["n"]).sum() / trend["n"].sum())
