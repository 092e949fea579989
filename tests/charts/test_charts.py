"""workbook.charts: specs (marks, encodings, titles, descriptions, embedded columns), privacy,
offline rendering and saving, size at scale. Charts are checked through ``to_dict()``; only
the offline tests render (in the kernel, with vl-convert)."""

from __future__ import annotations

import importlib
import json
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest

import workbook as wb
from workbook import analysis as an
from workbook import charts
from workbook.analysis import Frames
from workbook.content.vocab import load_vocabulary

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
        "stance": charts.stance_chart(an.stance_trend(frames, "month")),
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


# -- theme -----------------------------------------------------------------------------------
def test_use_theme_is_one_explicit_call_with_a_colour_blind_safe_palette(frames):
    assert charts.use_theme() == "workbook"
    assert alt.theme.active == "workbook"
    spec = charts.stance_chart(an.stance_trend(frames)).to_dict()
    assert spec["config"]["range"]["category"] == list(charts.OKABE_ITO)
    assert spec["config"]["font"] == charts.FONT
    assert "http" not in json.dumps(spec["config"])  # no web fonts


def test_importing_charts_changes_no_global_state():
    alt.theme.enable("default")
    alt.renderers.enable("default")
    importlib.reload(charts)  # runs the module's top level again
    assert (alt.theme.active, alt.renderers.active) == ("default", "default")


# -- every builder: title, description, mark, encodings, data ------------------------------------
def test_every_chart_has_a_title_and_a_plain_description(frames):
    for name, chart in build_all(frames).items():
        spec = chart.to_dict()
        assert spec.get("title"), name
        assert spec["description"] == charts.describe(chart), name
        assert len(charts.describe(chart)) > 60, name


def test_timeline_chart(frames):
    spec = charts.timeline_chart(an.activity(frames, "quarter")).to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["x"]["field"] == "period_start" and enc["x"]["type"] == "temporal"
    assert enc["x2"]["field"] == "period_end"  # bars span their whole period
    assert (enc["y"]["field"], enc["y"]["aggregate"]) == ("conversations", "sum")
    assert enc["color"]["field"] == "outcome"
    assert enc["color"]["scale"]["domain"] == ["held", "avoided", "softened", "unrecorded"]
    assert enc["color"]["scale"]["range"] == ["#009E73", "#D55E00", "#E69F00", "#BBBBBB"]
    assert {"fold": ["held", "avoided", "softened", "unrecorded"], "as": ["outcome", "conversations"]} in spec[
        "transform"
    ]
    assert spec["title"] == "Conversations journaled per quarter"
    assert records(spec) == [
        {"period_start": "2023-10-01T00:00:00", "held": 1, "avoided": 0, "softened": 0, "unrecorded": 0},
        {"period_start": "2024-01-01T00:00:00", "held": 1, "avoided": 1, "softened": 1, "unrecorded": 1},
    ]
    assert "5 conversations" in spec["description"]


def test_timeline_chart_embeds_only_the_columns_it_draws(frames):
    extra = an.activity(frames, "week").assign(secret="x", entries=99)
    spec = charts.timeline_chart(extra).to_dict()
    assert columns(spec) == {"period_start", "held", "avoided", "softened", "unrecorded"}


def test_tag_trends_chart_picks_the_top_tags_and_highlights_from_the_legend(frames):
    spec = charts.tag_trends_chart(an.tag_use(frames, "quarter", by="tag"), top=2, labels=frames.labels).to_dict()
    assert spec["mark"] == {"type": "line", "point": True}
    assert spec["encoding"]["color"]["field"] == "name"
    assert spec["encoding"]["color"]["sort"] == ["Anxious", "Compassion"]
    assert spec["params"][0]["bind"] == "legend"
    assert columns(spec) == {"period_start", "name", "entries"}
    assert sorted((r["period_start"][:10], r["name"], r["entries"]) for r in records(spec)) == [
        ("2023-10-01", "Anxious", 1),
        ("2023-10-01", "Compassion", 1),
        ("2024-01-01", "Anxious", 3),
        ("2024-01-01", "Compassion", 2),
    ]
    with pytest.raises(ValueError):
        charts.tag_trends_chart(an.tag_use(frames), value="mean")


def test_year_in_pixels_chart(frames):
    spec = charts.year_in_pixels_chart(an.daily(frames)).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["y"]["field"], spec["encoding"]["color"]["field"]) == (
        "day",
        "month",
        "mean_after",
    )
    assert spec["encoding"]["color"]["scale"]["domain"] == [0, 10]
    assert columns(spec) == {"month", "day", "entries", "mean_before", "mean_after"}
    assert records(spec)[0] == {"month": "2023-12", "day": 30, "entries": 1, "mean_before": 8.0, "mean_after": 5.0}
    assert records(spec)[-1] == {"month": "2024-03", "day": 31, "entries": 1, "mean_before": 7.0, "mean_after": None}
    # the window is the last N months up to the latest day, across the turn of the year
    short = charts.year_in_pixels_chart(an.daily(frames), months=3, value="entries").to_dict()
    assert sorted({r["month"] for r in records(short)}) == ["2024-01", "2024-02", "2024-03"]


def test_tag_heatmap_chart(frames):
    spec = charts.tag_heatmap_chart(
        an.tag_use(frames, "month", by="tag"), top=3, max_periods=2, labels=frames.labels
    ).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["y"]["field"]) == ("period", "name")
    assert columns(spec) == {"period", "name", "entries"}
    assert sorted({r["period"] for r in records(spec)}) == ["2024-02", "2024-03"]  # the latest two months
    assert "2 months" in spec["description"]


def test_cooccurrence_chart_is_a_symmetric_matrix(frames):
    co = an.tag_cooccurrence(frames, min_count=2)
    spec = charts.cooccurrence_chart(co, labels=frames.labels).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["color"]["scale"] == {"scheme": "blueorange", "domainMid": 1}
    assert columns(spec) == {"a", "b", "count", "lift"}
    cells = {(r["a"], r["b"]): (r["count"], r["lift"]) for r in records(spec)}
    # anxious on 4 of 5 entries, compassion on 3, held on 2; anxious+compassion on 2, compassion+held on 2
    assert cells[("Anxious", "Compassion")] == cells[("Compassion", "Anxious")] == (2, round(2 * 5 / 12, 2))
    assert cells[("Held", "Compassion")] == (2, round(2 * 5 / 6, 2))
    assert ("Anxious", "Held") not in cells  # only once together: below min_count


def test_outcome_chart_facets_by_context(frames):
    spec = charts.outcome_chart(an.outcome_share(frames, "quarter", by="context"), labels=frames.labels).to_dict()
    assert spec["facet"]["field"] == "panel" and spec["columns"] == 3
    inner = spec["spec"]
    assert inner["mark"]["type"] == "bar"
    assert inner["encoding"]["y"]["stack"] == "normalize"
    assert columns(spec) == {"period_start", "panel", "held", "avoided", "softened"}
    assert sorted(
        (r["panel"], r["period_start"][:10], r["held"], r["avoided"], r["softened"]) for r in records(spec)
    ) == [
        ("Child protection", "2023-10-01", 1, 0, 0),
        ("Child protection", "2024-01-01", 0, 1, 0),
        ("End of life / palliative", "2024-01-01", 1, 0, 1),
    ]
    by_role = charts.outcome_chart(an.outcome_share(frames, "quarter", by="role")).to_dict()
    assert by_role["title"] == "Held, avoided or softened, by role"
    overall = charts.outcome_chart(an.outcome_share(frames, "quarter")).to_dict()
    assert "facet" not in overall and columns(overall) == {"period_start", "held", "avoided", "softened"}


def test_stance_chart(frames):
    spec = charts.stance_chart(an.stance_trend(frames, "quarter")).to_dict()
    line = spec["layer"][1]
    assert line["mark"]["type"] == "line"
    assert line["encoding"]["y"]["field"] == "mean_stance"
    assert line["encoding"]["y"]["scale"]["domain"] == [-2, 2]
    assert spec["layer"][0]["encoding"]["y"] == {"datum": 0}
    assert columns(spec) == {"period_start", "n", "mean_stance", "heroic_share", "stoical_share"}
    assert [(r["n"], r["mean_stance"]) for r in records(spec)] == [(1, -2.0), (3, 0.67)]


def test_feelings_chart(frames):
    spec = charts.feelings_chart(an.feelings_trend(frames, "month")).to_dict()
    gap, lines = spec["layer"]
    assert gap["mark"]["type"] == "rule" and (gap["encoding"]["y"]["field"], gap["encoding"]["y2"]["field"]) == (
        "mean_before",
        "mean_after",
    )
    assert lines["encoding"]["color"]["scale"]["domain"] == ["before", "after"]
    assert columns(spec) == {"period_start", "n", "mean_before", "mean_after", "mean_gap"}
    assert [(r["mean_before"], r["mean_after"], r["mean_gap"]) for r in records(spec)] == [
        (8.0, 5.0, -3.0),
        (7.5, 6.5, -1.0),
        (4.0, 2.0, -2.0),
    ]


def test_follow_through_chart(frames):
    follow = an.action_follow_through(frames, "quarter", today=TODAY)
    spec = charts.follow_through_chart(follow).to_dict()
    rate, counts = spec["vconcat"]
    assert rate["encoding"]["y"]["field"] == "rate" and rate["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert counts["encoding"]["color"]["scale"]["domain"] == ["done", "dropped", "overdue", "not yet due"]
    assert columns(spec) == {"period_start", "rate", "done", "dropped", "overdue", "not yet due"}
    # actions all due 20 Jan: Q4 one done; Q1 one dropped and three still open (overdue)
    assert [(r["done"], r["dropped"], r["overdue"], r["rate"]) for r in records(spec)] == [
        (1, 0, 0, 1.0),
        (0, 1, 3, 0.0),
    ]
    assert charts.follow_through_chart(follow.by_period).to_dict()["vconcat"][0]["encoding"] == rate["encoding"]


def test_dashboard_brush_filters_the_other_views(frames):
    spec = charts.dashboard(frames).to_dict()
    timeline, row = spec["vconcat"]
    assert spec["params"] == [
        {"name": "brush", "select": {"type": "interval", "encodings": ["x"]}, "views": ["timeline"]}
    ]
    assert timeline["name"] == "timeline" and timeline["mark"]["type"] == "bar"
    views = row["hconcat"]
    assert len(views) == 3
    for view in views:
        assert view["transform"][0] == {"filter": {"param": "brush"}}
        assert view.get("title")
    assert columns(spec) == {
        "period_start",
        "context",
        "held",
        "avoided",
        "softened",
        "unrecorded",  # timeline + contexts
        "n",
        "mean_before",
        "mean_after",  # feelings
        "name",
        "entries",  # tag groups
    }
    assert charts.dashboard_period(frames) == "week"
    assert spec["description"] == charts.describe(charts.dashboard(frames))


# -- privacy ---------------------------------------------------------------------------------------
def test_no_chart_embeds_text_people_or_ids(journal_and_ids):
    frames, ids, action_ids = journal_and_ids
    specs = {name: json.dumps(chart.to_dict()) for name, chart in build_all(frames).items()}
    assert len(specs) == 13
    for name, text in specs.items():
        low = text.lower()
        assert M not in low, f"{name} embeds journal text"
        for marker in MARKERS.values():
            assert marker.lower() not in low, (name, marker)
        for entry_id in ids:
            assert entry_id not in text and entry_id[:8] not in text, name
        for action_id in action_ids:
            assert action_id not in text, name
        assert "Doctor D" not in text, name


def test_the_privacy_scan_would_notice_a_leak(frames):
    leaky = alt.Chart(pd.DataFrame({"t": [MARKERS["title"]]})).mark_text().encode(text="t:N")
    assert M in json.dumps(leaky.to_dict())
    with pytest.raises(ValueError, match="never embed entry_id"):
        charts._only(frames.tags, ["tag", "entry_id"])


# -- offline rendering and saving ------------------------------------------------------------------
def _no_cdn(text: str) -> None:
    for marker in CDN_MARKERS:
        assert marker not in text, marker
    assert not re.search(r"<script[^>]+src=", text)
    assert not re.search(r"""import\s[^;]*?from\s*["']https?://""", text)


def test_default_renderer_would_fail_offline(frames):
    """The check is real: Altair's default HTML output loads Vega from a CDN."""
    alt.renderers.enable("default")
    bundle = charts.stance_chart(an.stance_trend(frames))._repr_mimebundle_()
    assert "cdn.jsdelivr" in json.dumps(bundle)


def test_interactive_offline_renderer_uses_a_local_bundle(frames):
    assert charts.enable_offline_rendering() == "jupyter"
    assert alt.renderers.active == "jupyter"
    assert alt.renderers.options == {"offline": True, "embed_options": charts.EMBED_OPTIONS}
    chart = charts.dashboard(frames)
    bundle = chart._repr_mimebundle_()
    text = json.dumps(bundle, default=str)
    assert "application/vnd.jupyter.widget-view+json" in text
    _no_cdn(text)
    widget = alt.JupyterChart(chart, embed_options=charts.EMBED_OPTIONS)
    state = widget.get_state()
    assert len(state["_esm"]) > 100_000  # Vega, Vega-Lite and vega-embed bundled in
    _no_cdn(state["_esm"])
    assert state["embed_options"]["actions"]["editor"] is False  # never posts data to the Vega editor
    assert M not in json.dumps(state["spec"]).lower()
    widget.close()


def test_static_offline_renderer_makes_svg_in_the_kernel(frames):
    assert charts.enable_offline_rendering("static") == "svg"
    bundle = charts.feelings_chart(an.feelings_trend(frames))._repr_mimebundle_()
    if isinstance(bundle, tuple):
        bundle = bundle[0]
    svg = bundle["image/svg+xml"]
    assert svg.lstrip().startswith("<svg")
    _no_cdn(svg)
    with pytest.raises(ValueError, match="interactive' or 'static"):
        charts.enable_offline_rendering("html")


def test_save_chart_writes_real_svg_and_png_offline(frames, tmp_path):
    chart = charts.dashboard(frames)
    svg_path = charts.save_chart(chart, tmp_path / "dash.svg")
    png_path = charts.save_chart(chart, tmp_path / "dash.PNG")
    svg = svg_path.read_text()
    assert svg.startswith("<svg")
    assert "</svg>" in svg and ("<path" in svg or "<rect" in svg)
    urls = re.findall(r"https?://[^\s\"'<>]+", svg)
    assert all(u.startswith("http://www.w3.org/") for u in urls), urls
    _no_cdn(svg)
    assert M not in svg.lower()
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert charts.chart_to_svg(chart).startswith("<svg")
    with pytest.raises(ValueError, match="writes .svg or .png"):
        charts.save_chart(chart, tmp_path / "dash.html")


# -- scale -----------------------------------------------------------------------------------------
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
            "outcome": pd.Series(
                rng.choice(np.array(["held", "avoided", "softened", None], dtype=object), n), dtype="str"
            ),
            "stance": pd.array(rng.integers(-2, 3, n), dtype="Int64"),
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


def test_charts_stay_small_and_under_altairs_row_limit_at_scale():
    big = synthetic_frames(30_000)
    for name, chart in build_all(big).items():
        text = json.dumps(chart.to_dict())  # a MaxRowsError would be raised here
        assert len(text) <= 100_000, (name, len(text))
        assert max((len(rows) for rows in datasets(json.loads(text))), default=0) <= alt.data_transformers.options.get(
            "max_rows", 5000
        )
    assert charts.dashboard_period(big) == "quarter"
    assert charts.dashboard_period(big.filter(since="2023-01-01")) == "month"
