"""The plain-language summary: each sentence compared with the period of the same length before."""

from __future__ import annotations

import pytest
from hand_journal import TODAY

from workbook import analysis as an


# -- summary ---------------------------------------------------------------------------------------
def test_summarise_compares_with_the_period_before(frames):
    assert an.summarise(frames, "2024-01-01", "2024-03-31", today=TODAY) == [
        "Between 1 January 2024 and 31 March 2024 you journaled 4 conversations, up from 1 in the 91 days before.",
        "Of 3 conversations with a recorded outcome: 1 (33%) held, 1 (33%) avoided and 1 (33%) softened; "
        "in the 91 days before, of 1: 1 (100%) held.",
        "The share held, which leaves out conversations deferred by decision or where the person chose not to "
        "know, was 1 of 3 (33%), and 1 of 1 (100%) in the 91 days before: a pattern in what you wrote, not a score.",
        "In end of life / palliative conversations: 1 (50%) held and 1 (50%) softened, of 2 with an outcome "
        "(none in the 91 days before).",
        "In child protection conversations: 1 (100%) avoided, of 1 with an outcome (1 in the 91 days before).",
        "Your most used tags were Anxious (3), Compassion (2) and Avoided (1).",
        "On average you rated conversations 6.3 out of 10 before and 5.0 after (0 = at ease, 10 = as heavy as work gets); "
        "8.0 and 5.0 in the 91 days before.",
        "In end of life / palliative conversations your stance averaged +1.5 (stoical; -2 heroic to +2 stoical) "
        "over 2 placed on that line, and 0 of 2 (0%) were marked both, in tension.",
        "In child protection conversations your stance averaged -1.0 (leaning heroic; -2 heroic to +2 stoical) "
        "over 1 placed on that line, and 0 of 1 (0%) were marked both, in tension; -2.0 in the 91 days before.",
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
    assert out[3] == (  # no labels: the id
        "In end-of-life conversations: 1 (50%) held and 1 (50%) softened, of 2 with an outcome "
        "(none in the 47 days before)."
    )
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
        "On 31 March 2024 you journaled 1 conversation, and none on the day before.",
        "Your most used tag was Anxious (1).",
    ]
