"""The plain-language summary: each sentence compared with the period of the same length before."""

from __future__ import annotations

import pytest
from hand_journal import TODAY

from workbook import analysis as an


# -- summary ---------------------------------------------------------------------------------------
def test_summarise_compares_with_the_period_before(frames):
    assert an.summarise(frames, "2024-01-01", "2024-03-31", today=TODAY) == [
        "Between 1 January 2024 and 31 March 2024 you journaled 4 conversations, up from 1 in the 91 days before.",
        "1 of 3 conversations with a recorded outcome was held (33%), down from 1 of 1 (100%) before.",
        "1 of 2 end of life / palliative conversations was held (none in the 91 days before).",
        "0 of 1 child protection conversations were held, down from 1 of 1 before.",
        "Your most used tags were Anxious (3), Compassion (2) and Avoided (1).",
        "On average you rated conversations 6.3 out of 10 before and 5.0 after (0 = at ease, 10 = as heavy as work gets); "
        "8.0 and 5.0 in the 91 days before.",
        "Your stance averaged +0.7 (leaning stoical; -2 heroic to +2 stoical), compared with -2.0 before.",
        "You followed through on 0 of 2 action points that fell due (0%); 1 is overdue.",
        "1 conversation is marked to bring to supervision.",
    ]


def test_summarise_any_range_and_filters(frames):
    # a range that is not a calendar period, on end-of-life conversations only
    out = an.summarise(frames.filter(context="end-of-life"), "2024-01-05", "2024-02-20", today=TODAY, labels={})
    assert (
        out[0]
        == "Between 5 January 2024 and 20 February 2024 you journaled 2 conversations, and none in the 47 days before."
    )
    assert out[2] == "1 of 2 end-of-life conversations was held (none in the 47 days before)."  # no labels: the id
    assert "Your most used tags were compassion (2), anxious (1) and held (1)." in out


def test_summarise_an_empty_period(frames):
    assert an.summarise(frames, "2025-01-01", "2025-01-31", today=TODAY) == [
        "Between 1 January 2025 and 31 January 2025 you journaled no conversations, and none in the 31 days before."
    ]
    with pytest.raises(ValueError, match="is after until"):
        an.summarise(frames, "2024-02-01", "2024-01-01")


def test_sentences_with_nothing_to_say_are_left_out(frames):
    """E5 alone: no outcome, context, stance, second rating, action fallen due or flag."""
    assert an.summarise(frames, "2024-03-31", "2024-03-31", today=TODAY) == [
        "Between 31 March 2024 and 31 March 2024 you journaled 1 conversation, and none in the 1 days before.",
        "Your most used tag was Anxious (1).",
    ]
