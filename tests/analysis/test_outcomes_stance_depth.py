"""The five outcomes side by side and the share held without deferrals or choices not to know;
stance per context (never pooled) with the share marked both, in tension; depth counted per level.

All on the second hand-built journal (``frames5``, see hand_journal): F1-F7.
"""

from __future__ import annotations

import re

from hand_journal import D, rows

from workbook import analysis as an
from workbook.models import DEPTHS, OUTCOME_LABELS, OUTCOMES

TODAY = "2024-04-15"


# -- outcomes and the share held -------------------------------------------------------------
def test_outcome_share_has_a_row_for_every_outcome(frames5):
    out = an.outcome_share(frames5, "quarter")
    assert list(out["outcome"]) == list(OUTCOMES)
    assert rows(out) == [
        (D("2024-01-01"), "held", 2, 7, 0.2857),
        (D("2024-01-01"), "avoided", 1, 7, 0.1429),
        (D("2024-01-01"), "softened", 1, 7, 0.1429),
        (D("2024-01-01"), "deferred", 2, 7, 0.2857),
        (D("2024-01-01"), "chose-not-to-know", 1, 7, 0.1429),
    ]


def test_the_share_held_leaves_deferred_and_chose_not_to_know_out_of_its_denominator(frames5):
    # held / (held + avoided + softened) = 2 / 4; over every recorded outcome it would be 2 / 7
    assert rows(an.held_share(frames5, "quarter")) == [(D("2024-01-01"), 2, 4, 0.5)]
    assert rows(an.held_share(frames5, "month")) == [
        (D("2024-01-01"), 1, 2, 0.5),  # F1 held, F3 avoided (F2 deferred, F4 chose not to know: out)
        (D("2024-02-01"), 1, 2, 0.5),  # F5 softened, F6 held (F7 deferred: out)
    ]
    by_context = an.held_share(frames5, "quarter", by="context")
    assert rows(by_context) == [
        (D("2024-01-01"), "child-protection", 1, 2, 0.5),
        (D("2024-01-01"), "end-of-life", 1, 2, 0.5),
    ]  # "no context" had only a deferral: no share held at all


def test_deferrals_alone_give_no_share_held(frames5):
    deferred = frames5.filter(outcome="deferred")
    assert len(deferred) == 2
    assert an.held_share(deferred).empty
    assert len(frames5.filter(outcome=["held", "chose-not-to-know"])) == 3


def test_activity_counts_every_outcome(frames5):
    out = an.activity(frames5, "quarter")
    assert list(out.columns) == ["period_start", "entries", *OUTCOMES, "unrecorded"]
    assert rows(out) == [(D("2024-01-01"), 7, 2, 1, 1, 2, 1, 0)]


def summary(frames5):
    return an.summarise(frames5, "2024-01-01", "2024-03-31", today=TODAY)


def test_the_summary_names_every_outcome_side_by_side_before_any_share_held(frames5):
    sentences = summary(frames5)
    outcomes = sentences[1]
    assert outcomes == (
        "Of 7 conversations with a recorded outcome: 2 (29%) held, 1 (14%) avoided, 1 (14%) softened, "
        "2 (29%) deferred by decision and 1 (14%) chose not to know (respected)."
    )
    for outcome in OUTCOMES:
        assert OUTCOME_LABELS[outcome].lower() in outcomes, outcome
    held = next(i for i, s in enumerate(sentences) if s.startswith("The share held"))
    assert held == 2  # after the outcomes, never leading
    assert sentences[held] == (
        "The share held, which leaves out conversations deferred by decision or where the person chose not to "
        "know, was 2 of 4 (50%): a pattern in what you wrote, not a score."
    )
    assert not any(re.search(r"\b(up|down) from\b", s) and "held" in s for s in sentences)


def test_a_context_sentence_gives_its_outcomes_side_by_side(frames5):
    sentences = summary(frames5)
    assert (
        "In child protection conversations: 1 (33%) held, 1 (33%) avoided and 1 (33%) deferred by decision, "
        "of 3 with an outcome (none in the 91 days before)."
    ) in sentences


# -- stance per context ----------------------------------------------------------------------------
def test_stance_is_per_context_and_never_pooled(frames5):
    out = an.stance_trend(frames5, "quarter")
    assert list(out.columns) == [
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
    assert rows(out) == [
        (D("2024-01-01"), "child-protection", 3, 2, -2.0, 1.0, 0.0, 0.0, 2, 0.6667),
        (D("2024-01-01"), "end-of-life", 3, 3, 1.6667, 0.0, 0.0, 1.0, 1, 0.3333),
        (D("2024-01-01"), "no context", 1, 1, 0.0, 0.0, 1.0, 0.0, 0, 0.0),
    ]
    assert 0.2 not in {round(v, 4) for v in out["mean_stance"]}  # the pooled mean of all five points


def test_two_contexts_with_opposite_stances_give_two_figures_not_their_mean(frames5):
    both_ends = frames5.filter(context=["child-protection", "end-of-life"], outcome=["held", "chose-not-to-know"])
    # F1 child protection -2, F4 end of life +2, F6 end of life +1: pooled that would be -0.3 or 0
    out = an.stance_trend(both_ends, "quarter")
    assert [(r.context, r.mean_stance) for r in out.itertuples()] == [
        ("child-protection", -2.0),
        ("end-of-life", 1.5),
    ]
    sentences = an.summarise(both_ends, "2024-01-01", "2024-03-31", today=TODAY)
    stance = [s for s in sentences if "stance" in s]
    assert stance == [
        "In end of life / palliative conversations your stance averaged +1.5 (stoical; -2 heroic to +2 stoical) "
        "over 2 placed on that line, and 0 of 2 (0%) were marked both, in tension.",
        "In child protection conversations your stance averaged -2.0 (heroic; -2 heroic to +2 stoical) "
        "over 1 placed on that line, and 0 of 1 (0%) were marked both, in tension.",
    ]
    assert not any("+0.3" in s or "-0.3" in s or "+0.0" in s for s in sentences)


def test_the_share_marked_both_in_tension_is_given_per_context(frames5):
    sentences = summary(frames5)
    assert (
        "In child protection conversations your stance averaged -2.0 (heroic; -2 heroic to +2 stoical) over 2 "
        "placed on that line, and 2 of 3 (67%) were marked both, in tension."
    ) in sentences
    assert (
        "In end of life / palliative conversations your stance averaged +1.7 (stoical; -2 heroic to +2 stoical) "
        "over 3 placed on that line, and 1 of 3 (33%) was marked both, in tension."
    ) in sentences


def test_entries_without_a_context_are_a_stance_group_of_their_own(frames5):
    sentences = an.summarise(frames5, "2024-01-01", "2024-03-31", today=TODAY, top=5)
    assert (
        "In conversations with no context recorded your stance averaged 0.0 (balanced; -2 heroic to +2 stoical) "
        "over 1 placed on that line, and 0 of 1 (0%) were marked both, in tension."
    ) in sentences


def test_a_stance_near_the_middle_has_no_sign_and_a_rare_outcome_is_not_shown_as_none(frames5):
    from workbook.analysis.summary import _position, _share

    assert (_position(-0.04), _position(0.04), _position(-0.5), _position(1.25)) == ("0.0", "0.0", "-0.5", "+1.2")
    assert (_share(1, 204), _share(0, 204), _share(1, 4)) == ("<1%", "0%", "25%")


def test_both_in_tension_without_a_point_on_the_line(frames5):
    only = frames5.filter(outcome="avoided")  # F3: both, no point
    assert rows(an.stance_trend(only, "quarter")) == [
        (D("2024-01-01"), "child-protection", 1, 0, None, None, None, None, 1, 1.0)
    ]
    sentences = an.summarise(only, "2024-01-01", "2024-03-31", today=TODAY)
    assert (
        "In child protection conversations no stance was placed on the heroic-stoical line, "
        "and 1 of 1 (100%) was marked both, in tension."
    ) in sentences


# -- depth ----------------------------------------------------------------------------------------
def test_depth_trend_counts_each_level_and_the_entries_not_rated(frames5):
    out = an.depth_trend(frames5, "month")
    assert list(out.columns) == ["period_start", "depth", "n", "total"]
    assert list(out["depth"][:5]) == [*DEPTHS, "unrecorded"]  # shallowest first, then not rated
    assert rows(out) == [
        (D("2024-01-01"), "descriptive-writing", 2, 4),
        (D("2024-01-01"), "descriptive-reflection", 0, 4),
        (D("2024-01-01"), "dialogic", 1, 4),
        (D("2024-01-01"), "critical", 0, 4),
        (D("2024-01-01"), "unrecorded", 1, 4),
        (D("2024-02-01"), "descriptive-writing", 0, 3),
        (D("2024-02-01"), "descriptive-reflection", 1, 3),
        (D("2024-02-01"), "dialogic", 0, 3),
        (D("2024-02-01"), "critical", 1, 3),
        (D("2024-02-01"), "unrecorded", 1, 3),
    ]


def test_the_summary_describes_depth_and_never_grades_it(frames5):
    sentence = next(s for s in summary(frames5) if "depth" in s)
    assert sentence == (
        "You rated the depth of 5 of 7 entries: 2 descriptive writing, 1 descriptive reflection, "
        "1 dialogic reflection and 1 critical reflection."
    )
    for word in ("better", "deeper", "improv", "progress", "good", "only", "should"):
        assert word not in sentence.lower(), word
