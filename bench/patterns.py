"""Benchmark patterns (analysis + charts) on a 100,000-entry journal. Prints figures; asserts nothing.

    python bench/patterns.py [--path bench/journal-100k.db] [--entries 100000] [--rebuild]

Reuses the journal at ``--path`` when it exists (``bench/journal.py`` builds the same
one), otherwise builds it first with the demo generator (bulk transactions). Goals
(issue: patterns): each chart built in <= 0.5 s with a spec <= 100 KB; every analysis
function timed; no MaxRowsError anywhere.

Times are the best of ``--repeat`` runs. "build" is the builder call plus ``to_dict()``
(where Altair validates the spec and would raise MaxRowsError); the analysis a chart
reads is computed beforehand and timed in the first table. "svg" is one offline render
with vl-convert (what ``save_chart`` costs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import workbook as wb  # noqa: E402
from workbook import analysis as an  # noqa: E402


def build(path: Path, n: int) -> float:
    """Write a journal of ``n`` synthetic entries; returns the seconds it took."""
    start = time.perf_counter()
    tmp = path.with_name(path.name + ".patterns-building")
    for leftover in path.parent.glob(tmp.name + "*"):
        leftover.unlink()
    with wb.open_journal(tmp) as journal:
        entries = _entries(journal, n)
        add_many = getattr(journal, "add_many", None)
        for i in range(0, n, 5000):
            if add_many is not None:
                add_many(entries[i : i + 5000])
            else:  # one durable transaction per entry: slow, but only once
                for fields in entries[i : i + 5000]:
                    journal.add(**fields)
            print(f"  {min(i + 5000, n):>7,} entries  {time.perf_counter() - start:6.1f} s", flush=True)
    os.replace(tmp, path)
    return time.perf_counter() - start


def _entries(journal: wb.Journal, n: int) -> list[dict[str, Any]]:
    try:
        from workbook import demo

        demo.prepare_journal(journal)
        months = max(18, n // 1500)
        return demo.generate_entries(n, seed=7, start=dt.date(2020, 1, 1), months=months)
    except (ImportError, AttributeError):
        return _simple_entries(journal, n)


def _simple_entries(journal: wb.Journal, n: int) -> list[dict[str, Any]]:
    """Plain random entries, for when the demo generator is not available."""
    rng = random.Random(7)
    vocabulary = journal.vocabulary()
    tags = [t.id for t in vocabulary.tags if t.group != "context"]
    contexts = [t.id for t in vocabulary.in_group("context")]
    people = []
    for i, role in enumerate(("parent", "child", "patient", "relative", "professional")):
        pseudonym = f"Person {i}"
        journal.people.add(pseudonym, role)
        people.append(pseudonym)
    first = dt.date(2020, 1, 1)
    out = []
    for i in range(n):
        out.append(
            {
                "title": f"Conversation {i}",
                "occurred_on": first + dt.timedelta(days=int(rng.random() * 2000)),
                "context": rng.choice(contexts),
                "outcome": rng.choice(("held", "avoided", "softened", None)),
                "stance": rng.choice((-2, -1, 0, 1, 2, None)),
                "feelings_before": rng.randint(0, 10),
                "feelings_after": rng.randint(0, 10),
                "people": rng.sample(people, rng.randint(0, 2)),
                "tags": rng.sample(tags, rng.randint(1, 6)),
                "actions": [
                    {"text": "follow up", "status": rng.choice(("open", "done", "dropped")), "due_on": "2024-01-01"}
                ],
                "narrative": "A short note about the conversation.",
            }
        )
    out.sort(key=lambda e: e["occurred_on"])
    return out


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    seconds, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        seconds = min(seconds, time.perf_counter() - t)
    return seconds, result


def size_of(result: Any) -> str:
    if hasattr(result, "shape"):
        return f"{result.shape[0]:,} rows"
    if isinstance(result, an.FollowThrough):
        return f"{len(result.by_period)} periods, {len(result.overdue):,} overdue"
    if isinstance(result, an.Streaks):
        return f"longest {result.longest_weeks} wk, {len(result.gaps)} gaps"
    if isinstance(result, an.LoadSignal):
        return f"active={result.active}"
    if isinstance(result, list):
        return f"{len(result)} sentences"
    return type(result).__name__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", type=Path, default=HERE / "journal-100k.db")
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    if args.rebuild or not args.path.exists():
        print(f"building {args.entries:,} entries in {args.path} ...", flush=True)
        print(f"built in {build(args.path, args.entries):.1f} s\n")

    t = time.perf_counter()
    import altair as alt
    import vl_convert as vlc

    from workbook import charts
    from workbook.charts.render import _vl_version

    import_s = time.perf_counter() - t

    def load() -> an.Frames:
        with wb.open_journal(args.path) as journal:
            return an.Frames.from_journal(journal)

    load_s, frames = best(load, args.repeat)

    def index() -> an.Frames:
        fresh = an.Frames(frames.entries, frames.tags, frames.people, frames.actions, frames.labels)
        for name in ("tags", "people", "actions"):
            fresh._uses(name)
        for column in ("context", "outcome"):
            fresh._codes(column)
        return fresh

    index_s, _ = best(index, args.repeat)
    dates = frames.entries["occurred_on"]
    today = dates.max().date()
    since = (dates.max() - dt.timedelta(days=90)).date()
    print(
        f"journal {args.path.name}: {len(frames.entries):,} entries, {len(frames.tags):,} tag uses, "
        f"{len(frames.people):,} people, {len(frames.actions):,} actions, "
        f"{dates.min().date()} .. {today}; today = {today}"
    )
    print(
        f"open + Frames.from_journal: {load_s:.3f} s (of which the integer index of the frames: {index_s:.3f} s)"
        f"   import altair + workbook.charts: {import_s:.1f} s\n"
    )

    analyses: dict[str, Callable[[], Any]] = {
        "activity(week)": lambda: an.activity(frames, "week"),
        "activity(month, by=context)": lambda: an.activity(frames, "month", by="context"),
        "daily": lambda: an.daily(frames),
        "tag_use(month, by=group)": lambda: an.tag_use(frames, "month", by="group"),
        "tag_use(month, by=tag)": lambda: an.tag_use(frames, "month", by="tag"),
        "outcome_share(month)": lambda: an.outcome_share(frames, "month"),
        "outcome_share(quarter, by=context)": lambda: an.outcome_share(frames, "quarter", by="context"),
        "outcome_share(quarter, by=role)": lambda: an.outcome_share(frames, "quarter", by="role"),
        "stance_trend(month)": lambda: an.stance_trend(frames, "month"),
        "feelings_trend(month)": lambda: an.feelings_trend(frames, "month"),
        "tag_cooccurrence": lambda: an.tag_cooccurrence(frames),
        "tags_and_feelings": lambda: an.tags_and_feelings(frames),
        "action_follow_through(month)": lambda: an.action_follow_through(frames, "month", today=today),
        "journaling_streaks": lambda: an.journaling_streaks(frames, today=today),
        "load_signal": lambda: an.load_signal(frames, today=today),
        "summarise(last 90 days)": lambda: an.summarise(frames, since, today, today=today),
        "Frames.filter(since, context, role)": lambda: frames.filter(
            since=since, context="child-protection", role="parent"
        ),
        "Frames.filter(tags=[2 tags])": lambda: frames.filter(tags=["anxious", "held"]),
    }
    results: dict[str, Any] = {}
    print(f"{'analysis':<38} {'seconds':>8}  result")
    print("-" * 72)
    for name, fn in analyses.items():
        seconds, results[name] = best(fn, args.repeat)
        print(f"{name:<38} {seconds:>8.3f}  {size_of(results[name])}")

    charts.use_theme()
    labels = frames.labels
    builders: dict[str, Callable[[], Any]] = {
        "timeline_chart(week)": lambda: charts.timeline_chart(results["activity(week)"]),
        "tag_trends_chart(groups)": lambda: charts.tag_trends_chart(results["tag_use(month, by=group)"], labels=labels),
        "tag_trends_chart(tags)": lambda: charts.tag_trends_chart(results["tag_use(month, by=tag)"], labels=labels),
        "year_in_pixels_chart": lambda: charts.year_in_pixels_chart(results["daily"]),
        "tag_heatmap_chart": lambda: charts.tag_heatmap_chart(results["tag_use(month, by=tag)"], labels=labels),
        "cooccurrence_chart": lambda: charts.cooccurrence_chart(results["tag_cooccurrence"], labels=labels),
        "outcome_chart(by context)": lambda: charts.outcome_chart(
            results["outcome_share(quarter, by=context)"], labels=labels
        ),
        "outcome_chart(by role)": lambda: charts.outcome_chart(results["outcome_share(quarter, by=role)"]),
        "stance_chart": lambda: charts.stance_chart(results["stance_trend(month)"]),
        "feelings_chart": lambda: charts.feelings_chart(results["feelings_trend(month)"]),
        "follow_through_chart": lambda: charts.follow_through_chart(results["action_follow_through(month)"]),
        "dashboard(frames) incl. analysis": lambda: charts.dashboard(frames),
    }
    print(f"\n{'chart':<38} {'build s':>8} {'spec KB':>8} {'rows':>6} {'svg s':>7}  goal <= 0.5 s, <= 100 KB")
    print("-" * 88)
    for name, fn in builders.items():
        try:
            seconds, spec = best(lambda fn=fn: fn().to_dict(), args.repeat)
        except alt.MaxRowsError as exc:  # reported, not raised: a benchmark prints figures
            print(f"{name:<38} MaxRowsError: {exc}".splitlines()[0])
            continue
        text = json.dumps(spec)
        rows = sum(len(v) for v in spec.get("datasets", {}).values())
        t = time.perf_counter()
        vlc.vegalite_to_svg(spec, vl_version=_vl_version(), allowed_base_urls=[])
        svg_s = time.perf_counter() - t
        flag = "" if seconds <= 0.5 and len(text) <= 100_000 else "  over goal"
        print(f"{name:<38} {seconds:>8.3f} {len(text) / 1024:>8.1f} {rows:>6} {svg_s:>7.2f}{flag}")
    view_redraws(args.path)


def view_redraws(path: Path) -> None:
    """The patterns view in the kernel (interactive charts, no browser): making it, and a
    redraw after each filter change (goal, issue 11: <= 2 s at 100,000 entries; the browser's
    share is measured by bench/patterns_browser.py)."""
    from workbook.forms.patterns import PatternsView

    print(f"\n{'patterns view (kernel side)':<38} {'s':>8}  goal: redraw <= 2 s")
    print("-" * 52)
    with wb.open_journal(path) as journal:
        t = time.perf_counter()
        view = PatternsView(journal)
        print(f"{'make the view (frames, 8 charts)':<38} {time.perf_counter() - t:>8.3f}")
        for name, widget, value in (
            ("context=end-of-life", view.context, "end-of-life"),
            ("period=week", view.period, "week"),
            ("role=patient", view.role, "patient"),
            ("role=(anyone)", view.role, ""),
            ("context=(all)", view.context, ""),
            ("period=month", view.period, "month"),
        ):
            t = time.perf_counter()
            widget.value = value
            print(f"{'redraw ' + name:<38} {time.perf_counter() - t:>8.3f}")


if __name__ == "__main__":
    main()
