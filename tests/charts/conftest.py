"""Fixtures of the chart tests: a small journal full of marker text, as Frames, and Altair's
defaults put back after every test."""

from __future__ import annotations

import altair as alt
import pytest
from chart_journal import MARKERS

import workbook as wb
from workbook.analysis import Frames


@pytest.fixture(scope="module")
def journal_and_ids():
    j = wb.open_journal(":memory:")
    j.people.add(MARKERS["pseudonym"], "parent", aliases=[MARKERS["alias"]])
    j.people.add("Doctor D", "professional")
    common = dict(
        template="driscoll",
        responses={"what": f"{MARKERS['response']} what", "so_what": "so what", "now_what": "now what"},
        narrative=f"I met {MARKERS['alias']} ({MARKERS['pseudonym']}). {MARKERS['narrative']}",
        people=[MARKERS["pseudonym"], "Doctor D"],
    )
    rows = [
        ("2023-12-30", "child-protection", "held", -2, 8, 5, ["anxious", "held", "compassion"], "done"),
        ("2024-01-02", "child-protection", "avoided", -1, 9, 9, ["anxious", "avoided", "overwhelmed"], "open"),
        ("2024-01-10", "end-of-life", "softened", 1, 6, 4, ["sad", "softened", "compassion", "anxious"], "dropped"),
        ("2024-02-14", "end-of-life", "held", 2, 4, 2, ["moved", "held", "compassion"], "open"),
        ("2024-03-31", None, None, None, 7, None, ["anxious"], "open"),
    ]
    ids = []
    for i, (day, context, outcome, stance, before, after, tags, status) in enumerate(rows):
        entry = j.add(
            title=f"{MARKERS['title']} {i}",
            occurred_on=day,
            context=context,
            outcome=outcome,
            stance=stance,
            feelings_before=before,
            feelings_after=after,
            tags=tags,
            actions=[{"text": f"{MARKERS['action']} {i}", "status": status, "due_on": "2024-01-20"}],
            feedback=[{"author_role": "supervisor", "text": f"{MARKERS['feedback']} {i}", "given_on": "2024-04-01"}],
            **common,
        )
        ids.append(entry.id)
    frames = Frames.from_journal(j)
    action_ids = list(frames.actions["action_id"])
    j.close()
    return frames, ids, action_ids


@pytest.fixture(scope="module")
def frames(journal_and_ids) -> Frames:
    return journal_and_ids[0]


@pytest.fixture(autouse=True)
def _restore_altair():
    """Charts tests may switch the theme and renderer; put Altair's defaults back."""
    yield
    alt.theme.enable("default")
    alt.renderers.enable("default")
