"""The journal's frames for analysis: :class:`Frames`, its integer index, ``filter`` and periods.

Every analysis reads a :class:`Frames` (the four tidy frames built by
``workbook.journal.frames``: entries, tag uses, people's roles, action points).
:meth:`Frames.from_journal` is the one place that asks a journal for its frames; nothing
else in ``workbook.analysis`` sees a journal. Frames keeps an integer index of its child
frames so that the analyses group on numbers, not on 100,000 id strings.

The small private helpers at the end (``_day``, ``_floats``, ``_empty``, ``_tagged``,
``_first_of``) are the conventions every analysis module shares: how a day is read, how
ratings become floats, what an empty result looks like and how a result records its period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

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


def _entry_rows(entries: pd.DataFrame, entry_ids: pd.Series, index: pd.Index | None = None) -> np.ndarray:
    """The row in ``entries`` of each id (-1 if absent), looking up each run of equal ids
    once: a child frame lists an entry's rows together, so 480k tag uses need 100k lookups.
    ``index`` is ``entries``' ids as an index, when the caller keeps one (its hash table is
    then built once for all child frames)."""
    ids = entry_ids.to_numpy(dtype=object)
    n = len(ids)
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    starts = np.ones(n, dtype=bool)
    starts[1:] = ids[1:] != ids[:-1]
    runs = np.flatnonzero(starts)
    if index is None:
        index = pd.Index(entries["id"].to_numpy(dtype=object))
    found = index.get_indexer(ids[runs])
    return np.repeat(found, np.diff(np.append(runs, n)))


def _uses(entries: pd.DataFrame, frame: pd.DataFrame, column: str, index: pd.Index | None = None) -> _Uses:
    entry = _entry_rows(entries, frame["entry_id"], index)
    code, names = pd.factorize(frame[column])
    key = pd.Series(entry.astype(np.int64) * max(len(names), 1) + code)
    first = ~key.duplicated().to_numpy() & (entry >= 0)
    return _Uses(entry, code, np.asarray(names, dtype=object), first)


@dataclass(frozen=True, eq=False)
class Frames:
    """The journal's four tidy frames, kept consistent with each other.

    ``entries`` has one row per entry (``id``, ``occurred_on``, ``context``, ``outcome``,
    ``stance``, ``stance_both``, ``depth``, feelings, counts ...); ``tags``, ``people`` and ``actions`` have one row per
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
        for column in ("context", "outcome", "depth"):
            frames._codes(column)
        return frames

    def _uses(self, name: str) -> _Uses:
        """The integer index of ``tags``, ``people`` or ``actions`` (built once, then kept)."""
        if name not in self._index:
            self._index[name] = _uses(self.entries, getattr(self, name), _CHILDREN[name], self._ids)
        return self._index[name]

    @cached_property
    def _ids(self) -> pd.Index:
        """The entries' ids as an index (its hash table built once, for every child frame)."""
        return pd.Index(self.entries["id"].to_numpy(dtype=object))

    def _codes(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """Codes of an entries column (``context``, ``outcome``, ``depth``): -1 where missing, and the
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
        outcome: str | Iterable[str] | None = None,
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
        outcome
            An outcome of ``models.OUTCOMES``, or several (an entry with any of them is kept).
        """
        keep = self._keep(since, until, context, tags, role, outcome)
        if keep.all():
            return self
        return self._subset(keep)

    def _keep(
        self,
        since: dt.date | str | None,
        until: dt.date | str | None,
        context: str | Iterable[str] | None,
        tags: str | Iterable[str] | None,
        role: str | Iterable[str] | None,
        outcome: str | Iterable[str] | None,
    ) -> np.ndarray:
        """For each entry: does it match every filter given (see :meth:`filter`)?"""
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
        if outcome is not None:
            keep &= e["outcome"].isin(_as_list(outcome)).to_numpy()
        return keep

    def _subset(self, keep: np.ndarray) -> Frames:
        """The entries where ``keep`` is True, with their tags, people, actions and index."""
        e = self.entries
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
