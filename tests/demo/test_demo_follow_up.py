"""What happens to each persona's demo entries later: actions followed up, supervisor feedback on flagged entries, a few edits."""

from __future__ import annotations

import collections
import datetime as dt

from workbook.models import FEEDBACK_ROLES

END = dt.date(2026, 10, 31)  # 18 months from 1 May 2025


def test_actions_are_followed_up(persona_entries):
    with_actions = [e for e in persona_entries if e.actions]
    assert 0.5 <= len(with_actions) / len(persona_entries) <= 0.7
    statuses = collections.Counter(a.status for e in persona_entries for a in e.actions)
    total = sum(statuses.values())
    assert 0.6 <= statuses["done"] / total <= 0.8
    assert statuses["dropped"] >= 5 and statuses["open"] >= 5
    assert all(a.due_on and a.due_on > e.occurred_on for e in with_actions for a in e.actions)


def test_some_flagged_entries_have_supervisor_feedback(persona_entries):
    flagged = [e for e in persona_entries if e.flagged]
    assert 0.1 <= len(flagged) / len(persona_entries) <= 0.2
    answered = [e for e in flagged if any(f.author_role == "supervisor" for f in e.feedback)]
    assert 0.4 * len(flagged) <= len(answered) < len(flagged)
    for entry in persona_entries:
        for item in entry.feedback:
            assert item.author_role in FEEDBACK_ROLES
            assert entry.occurred_on <= item.given_on <= END


def test_a_handful_of_entries_were_edited_later(persona_journal, persona_entries):
    edited = [e for e in persona_entries if "Added " in e.narrative]
    assert 4 <= len(edited) <= 8
    for entry in edited:
        history = persona_journal.history(entry.id)
        assert len(history) >= 2
        assert "Added " not in history[0].entry.narrative
    reconsidered = [
        e for e in edited if "Changing this to softened" in e.narrative or "softened it more" in e.narrative
    ]
    assert reconsidered and all(e.outcome == "softened" and "held" not in e.tag_ids for e in reconsidered)
    assert any(persona_journal.history(e.id)[0].entry.outcome == "held" for e in reconsidered)


def test_peer_reflection_says_what_was_learned_and_what_changed(persona_entries):
    """Two to four sentences each (Social Work England's CPD record and the NMC's reflective
    discussion ask what was learned from talking it over, and what changed in practice)."""
    peer = [f.text for e in persona_entries for f in e.feedback if f.author_role == "peer"]
    assert peer
    for text in peer:
        sentences = [s for s in text.replace("?", ".").split(". ") if s.strip()]
        assert 2 <= len(sentences) <= 4, text
        assert any(w in text for w in ("learned", "learn", "saw", "realised", "worked out")), text
        assert any(w in text for w in ("I now", "I have changed", "At the next visit", "now say", "now ask")), text


def test_supervisor_feedback_is_on_entries_the_practitioner_chose_to_share(persona_entries):
    """Feedback only on entries flagged to share in supervision, never on the rest."""
    for entry in persona_entries:
        if any(f.author_role == "supervisor" for f in entry.feedback):
            assert entry.flagged, entry
