"""models.py: the reprs of an entry's parts show metadata (ids, status, dates, counts), never text."""

from __future__ import annotations

import datetime as dt

from workbook.models import Action, Feedback

MARKER = "ZQXMARKER"


def test_action_and_feedback_reprs_show_no_text():
    action = Action("f5cca0795d82", f"{MARKER}Action", "open", dt.date(2026, 3, 1))
    feedback = Feedback("a1b2c3d4e5f6", "supervisor", dt.date(2026, 3, 2), f"{MARKER} Feedback text")
    assert repr(action) == "<Action f5cca0795d82 open due 2026-03-01 words=1>"
    assert repr(feedback) == "<Feedback a1b2c3d4e5f6 from supervisor on 2026-03-02 words=3>"
    assert repr(Action("0123456789ab", "Call back")) == "<Action 0123456789ab open words=2>"
    assert MARKER not in repr((action,)) and MARKER not in str([feedback])
    assert action.text == f"{MARKER}Action"  # the text is still there, only not shown


def test_an_entrys_actions_and_feedback_show_no_text(journal):
    entry = journal.add(
        title="Home visit",
        actions=[f"{MARKER} ring back", {"text": f"{MARKER} write up", "due_on": "2026-01-05"}],
        feedback=[{"author_role": "supervisor", "text": f"{MARKER} good use of silence", "given_on": "2026-01-02"}],
    )
    assert len(entry.actions) == 2 and len(entry.feedback) == 1
    for shown in (repr(entry.actions), repr(entry.feedback), repr(entry), str(entry.actions)):
        assert MARKER not in shown


def test_the_feelings_scale_has_one_wording_everywhere():
    """Forms, summaries, charts, notebooks and the README name the scale's ends alike
    (practice review D15: "distressed" and "heavy" are not the same)."""
    import re
    from pathlib import Path

    from workbook.models import FEELINGS_SCALE

    assert FEELINGS_SCALE == "0 = at ease, 10 = as heavy as work gets"
    root = Path(__file__).resolve().parents[1]
    files = [
        *root.glob("workbook/**/*.py"),
        *root.glob("tools/guides/*.py"),
        *root.glob("notebooks/*.ipynb"),
        root / "README.md",
    ]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for old in ("very heavy", "calm and settled", "distressed as you get"):
            assert old not in text, f"{path.name}: {old!r}"
        for match in re.finditer(r"at ease\)?,? (?:to )?10", text):
            assert "as heavy as work gets" in text[match.start() : match.end() + 40], (
                f"{path.name}: {text[match.start() : match.end() + 40]!r}"
            )


def test_every_outcome_is_a_defined_tag_and_the_schema_allows_exactly_these():
    """The outcomes, their labels, the vocabulary and the journal's CHECK constraints agree, so
    an outcome or depth a form offers can always be saved, defined and charted."""
    import re

    from workbook.content.vocab import load_vocabulary
    from workbook.journal.migrations import MIGRATIONS
    from workbook.models import DEPTH_DESCRIPTORS, DEPTHS, HELD_SHARE_OUTCOMES, OUTCOME_LABELS, OUTCOMES

    vocabulary = load_vocabulary()
    for outcome in OUTCOMES:
        tag = vocabulary.resolve(outcome)
        assert tag.group == "conversation" and tag.definition and tag.reference
        assert OUTCOME_LABELS[outcome].lower().split(" (")[0] in tag.label.lower()
    assert set(OUTCOME_LABELS) == set(OUTCOMES) and set(HELD_SHARE_OUTCOMES) < set(OUTCOMES)
    assert {"deferred", "chose-not-to-know"} == set(OUTCOMES) - set(HELD_SHARE_OUTCOMES)
    schema = " ".join(s for m in MIGRATIONS for s in m.statements if "CREATE TABLE entries_0005" in s)
    allowed = re.search(r"outcome IN \(([^)]*)\)", schema).group(1)
    assert sorted(re.findall(r"'([^']+)'", allowed)) == sorted(OUTCOMES)
    depths = re.search(r"depth IN \(([^)]*)\)", schema).group(1)
    assert re.findall(r"'([^']+)'", depths) == list(DEPTHS) and set(DEPTH_DESCRIPTORS) == set(DEPTHS)
