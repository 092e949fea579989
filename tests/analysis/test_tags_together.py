"""Tags together: co-occurrence with support and lift, and which tags go with heavier feelings."""

from __future__ import annotations

from hand_journal import rows

from workbook import analysis as an


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
