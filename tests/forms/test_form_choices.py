"""The small helpers every form shares: the tag and context choices of a vocabulary."""

from __future__ import annotations

import workbook as wb
from workbook.forms._common import context_options, tag_options
from workbook.validate import CONTEXT_GROUP


def test_tag_options_offer_every_tag_as_group_and_label_in_vocabulary_order():
    vocabulary = wb.vocabulary(":memory:")
    options = tag_options(vocabulary)
    assert [tag_id for _, tag_id in options] == [t.id for t in vocabulary]
    anxious = vocabulary.resolve("anxious")
    assert (f"{vocabulary.group(anxious.group).label}: {anxious.label}", "anxious") in options


def test_tag_options_can_leave_out_the_contexts_which_context_options_offer():
    vocabulary = wb.vocabulary(":memory:")
    contexts = [t.id for t in vocabulary.in_group(CONTEXT_GROUP)]
    assert contexts
    assert [tag_id for _, tag_id in context_options(vocabulary)] == contexts
    assert [label for label, _ in context_options(vocabulary)] == [vocabulary.resolve(c).label for c in contexts]
    without = [tag_id for _, tag_id in tag_options(vocabulary, contexts=False)]
    assert without == [t.id for t in vocabulary if t.group != CONTEXT_GROUP]
