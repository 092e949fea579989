"""Notebook 05's prose (tools/guides/g05_patterns.py) explains the five outcomes and the share held,
stance per context with both in tension, the depth of reflection, and where to turn under a heavy load."""

from __future__ import annotations

import re
from pathlib import Path

from workbook.models import DEPTHS

GUIDE = Path(__file__).resolve().parents[2] / "tools" / "guides" / "g05_patterns.py"


def prose() -> str:
    return re.sub(r"\s+", " ", GUIDE.read_text(encoding="utf-8"))


def test_the_five_outcomes_and_the_share_held_are_explained():
    text = prose()
    for outcome in ("**held**", "**avoided**", "**softened**", "**deferred by decision**"):
        assert outcome in text, outcome
    assert "**the person chose not to know (respected)**" in text
    assert "held ÷ (held + avoided + softened)" in text
    assert "never counts against it" in text
    assert "every outcome side by side" in text
    assert "not a score" in text


def test_stance_is_explained_per_context_with_both_in_tension():
    text = prose()
    assert "never averaged across contexts" in text
    assert "**Both, in tension**" in text
    assert "Neither end is the right one" in text
    assert "is not progress in itself" in text
    assert '"no context recorded"' in text  # says where entries without a context go


def test_depth_is_explained_and_never_graded():
    text = prose()
    for label in DEPTHS.values():
        assert label.lower() in text.lower(), label
    assert "never grades them" in text
    assert "Hatton N, Smith D. 1995." in text


def test_the_load_signal_points_to_caseload_review_and_crisis_support():
    text = prose()
    assert "review your caseload with your manager, not only to talk it over" in text
    assert "your GP" in text
    assert "Samaritans" in text and "**116 123** in the UK and Ireland" in text
