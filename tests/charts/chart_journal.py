"""The chart tests' journal data and helpers: markers of journal text that no chart may carry,
every builder called once, readers of the rows a spec embeds, a CDN check and a large
synthetic journal built directly as frames."""

from __future__ import annotations

import re

import altair as alt
import numpy as np
import pandas as pd

from workbook import analysis as an
from workbook import charts
from workbook.analysis import Frames
from workbook.content.vocab import load_vocabulary
from workbook.models import DEPTHS, OUTCOMES

TODAY = "2024-04-15"
M = "zqx"  # every marker starts with this, so one search finds them all
MARKERS = {
    "title": f"{M}title7731",
    "narrative": f"{M}narrative5521",
    "response": f"{M}response9913",
    "pseudonym": f"{M.capitalize()}pseudonym",
    "alias": f"{M.capitalize()}alias Realname",
    "action": f"{M}action4410",
    "feedback": f"{M}feedback8802",
}
CDN_MARKERS = ("cdn.jsdelivr", "unpkg.com", "esm.sh", "cdnjs", "googleapis")


def build_all(frames: Frames) -> dict[str, alt.TopLevelMixin]:
    labels = frames.labels
    return {
        "timeline": charts.timeline_chart(an.activity(frames, "week")),
        "tag_trends": charts.tag_trends_chart(an.tag_use(frames, "month", by="tag"), labels=labels),
        "tag_group_trends": charts.tag_trends_chart(
            an.tag_use(frames, "month", by="group"), labels=labels, value="share"
        ),
        "year_in_pixels": charts.year_in_pixels_chart(an.daily(frames)),
        "tag_heatmap": charts.tag_heatmap_chart(an.tag_use(frames, "month", by="tag"), labels=labels),
        "cooccurrence": charts.cooccurrence_chart(an.tag_cooccurrence(frames, min_count=1), labels=labels),
        "outcome_by_context": charts.outcome_chart(an.outcome_share(frames, "month", by="context"), labels=labels),
        "outcome_by_role": charts.outcome_chart(an.outcome_share(frames, "month", by="role")),
        "outcome": charts.outcome_chart(an.outcome_share(frames, "month")),
        "stance": charts.stance_chart(an.stance_trend(frames, "month"), labels=labels),
        "depth": charts.depth_chart(an.depth_trend(frames, "month")),
        "feelings": charts.feelings_chart(an.feelings_trend(frames, "month")),
        "follow_through": charts.follow_through_chart(an.action_follow_through(frames, "month", today=TODAY)),
        "dashboard": charts.dashboard(frames),
    }


def datasets(spec: dict) -> list[list[dict]]:
    """Every block of embedded rows in a spec (top-level datasets and inline values)."""
    found = [rows for rows in spec.get("datasets", {}).values()]

    def walk(node):
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and isinstance(data.get("values"), list):
                found.append(data["values"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def columns(spec: dict) -> set[str]:
    return {key for rows in datasets(spec) for row in rows for key in row}


def records(spec: dict) -> list[dict]:
    blocks = datasets(spec)
    assert len(blocks) == 1
    return blocks[0]


def no_cdn(text: str) -> None:
    for marker in CDN_MARKERS:
        assert marker not in text, marker
    assert not re.search(r"<script[^>]+src=", text)
    assert not re.search(r"""import\s[^;]*?from\s*["']https?://""", text)


def synthetic_frames(n: int, seed: int = 3) -> Frames:
    """A dense journal of ``n`` entries over six years, built directly as frames."""
    rng = np.random.default_rng(seed)
    vocabulary = load_vocabulary()
    tags = [t for t in vocabulary.tags if t.group != "context"]
    contexts = [t.id for t in vocabulary.in_group("context")] + [None]
    ids = np.array([f"{i:08x}-0000-4000-8000-000000000000" for i in range(n)])
    days = pd.Timestamp("2019-03-01") + pd.to_timedelta(np.sort(rng.integers(0, 6 * 365, n)), unit="D")
    entries = pd.DataFrame(
        {
            "id": ids,
            "occurred_on": days,
            "context": pd.Series(rng.choice(np.array(contexts, dtype=object), n), dtype="str"),
            "outcome": pd.Series(rng.choice(np.array([*OUTCOMES, None], dtype=object), n), dtype="str"),
            "stance": pd.array(rng.integers(-2, 3, n), dtype="Int64"),
            "stance_both": rng.random(n) < 0.2,
            "depth": pd.Series(rng.choice(np.array([*DEPTHS, None], dtype=object), n), dtype="str"),
            "feelings_before": pd.array(rng.integers(0, 11, n), dtype="Int64"),
            "feelings_after": pd.array(rng.integers(0, 11, n), dtype="Int64"),
            "flagged": rng.random(n) < 0.1,
        }
    )
    per = rng.integers(1, 6, n)
    rows = np.repeat(np.arange(n), per)
    which = rng.integers(0, len(tags), len(rows))
    tag_frame = pd.DataFrame(
        {
            "entry_id": ids[rows],
            "occurred_on": days[rows],
            "tag": np.array([t.id for t in tags])[which],
            "group": np.array([t.group for t in tags])[which],
            "intensity": pd.array(rng.integers(1, 4, len(rows)), dtype="Int64"),
        }
    )
    who = rng.integers(0, n, n)
    people = pd.DataFrame(
        {
            "entry_id": ids[who],
            "occurred_on": days[who],
            "role": rng.choice(["parent", "child", "patient", "relative"], n),
        }
    )
    acts = rng.integers(0, n, n // 2)
    actions = pd.DataFrame(
        {
            "entry_id": ids[acts],
            "occurred_on": days[acts],
            "action_id": [f"a{i}" for i in range(len(acts))],
            "status": rng.choice(["open", "done", "dropped"], len(acts)),
            "due_on": days[acts] + pd.to_timedelta(rng.integers(1, 60, len(acts)), unit="D"),
        }
    )
    labels = {t.id: t.label for t in vocabulary.tags} | {g.id: g.label for g in vocabulary.groups}
    return Frames(entries, tag_frame, people, actions, labels)
