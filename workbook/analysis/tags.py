"""Tags together: which tags go with each other, and which go with heavier feelings.

Both work on the Frames index, counting each tag once per entry however often it was
given, and return tag ids (never journal text); labels are added by whoever shows them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .selection import Frames, _empty, _first_of, _floats


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
