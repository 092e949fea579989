"""Benchmark the journal core on a 100,000-entry journal. Prints figures; asserts nothing.

    python bench/journal.py [--entries 100000] [--path bench/journal-100k.db] [--rebuild]

Goals (issue 2): open + to_frame() <= 1 s and <= 3x a raw sqlite3 fetch of the same rows;
median add <= 20 ms with durable commits; search <= 50 ms; peak memory of open +
to_frame() <= 400 MB; `workbook --help` <= 0.3 s.
Goals (issue 8): the damage check (PRAGMA quick_check over the whole file) is measured; opening
stays <= 1 s (a large journal is checked in the background and the first write waits for it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import workbook as wb  # noqa: E402
from workbook import demo  # noqa: E402
from workbook.journal import frames  # noqa: E402


def build(path: Path, n: int) -> float:
    """Write a journal of ``n`` synthetic entries (demo generator, bulk transactions)."""
    start = time.perf_counter()
    tmp = path.with_suffix(".building")
    for leftover in path.parent.glob(tmp.name + "*"):
        leftover.unlink()
    with wb.open_journal(tmp) as journal:
        demo.prepare_journal(journal)
        months = max(18, n // 1500)
        entries = demo.generate_entries(n, seed=7, start=dt.date(2020, 1, 1), months=months)
        for i in range(0, n, 5000):
            journal.add_many(entries[i : i + 5000])
    os.replace(tmp, path)
    return time.perf_counter() - start


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


PEAK_CODE = """
import sys
sys.path.insert(0, {root!r})


def high_water_mb():
    # VmHWM belongs to this process image (reset at exec), unlike ru_maxrss, which a
    # child inherits from the benchmark process that forked it.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024


import pandas, workbook as wb, workbook.journal.frames
base = high_water_mb()
journal = wb.open_journal({path!r})
entries, tags = journal.to_frame(), journal.tags_frame()
print(base, high_water_mb())
"""


def peak_memory_mb(path: Path) -> tuple[float, float]:
    """(peak after imports, peak after open + to_frame + tags_frame) in MB, in a fresh process."""
    code = PEAK_CODE.format(root=str(HERE.parent), path=str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def help_time() -> float:
    exe = shutil.which("workbook")
    cmd = [exe, "--help"] if exe else [sys.executable, "-m", "workbook", "--help"]
    times = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--path", type=Path, default=HERE / "journal-100k.db")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    if args.rebuild or not args.path.exists():
        print(f"building {args.entries:,} entries in {args.path} ...", flush=True)
        print(f"  built in {build(args.path, args.entries):.1f} s")
    size_mb = args.path.stat().st_size / 1e6

    def open_and_frame():
        with wb.open_journal(args.path) as journal:
            return journal.to_frame()

    t_frame, frame = timed(open_and_frame)
    cols = ", ".join(frames.ENTRY_COLUMNS)

    def raw_fetch():
        conn = sqlite3.connect(args.path)
        rows = conn.execute(
            f"SELECT {cols} FROM entries WHERE deleted_at IS NULL ORDER BY occurred_on, created_at"
        ).fetchall()
        conn.close()
        return rows

    t_raw, rows = timed(raw_fetch)
    assert len(rows) == len(frame)

    def open_only():
        wb.open_journal(args.path).close()

    t_open, _ = timed(open_only)

    def damage_check():
        conn = sqlite3.connect(f"file:{args.path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        finally:
            conn.close()

    t_check, verdict = timed(damage_check, repeat=3)
    assert verdict == "ok", verdict

    with wb.open_journal(args.path) as journal:
        t_tags, tags = timed(journal.tags_frame)
        queries = ["court", "bruise", "hospice plan", "worried", "supervision", "family meeting", "softened", "mum"]
        search_times = []
        for q in queries:
            t = time.perf_counter()
            journal.search(q)
            search_times.append(time.perf_counter() - t)

    # durable adds on a scratch copy, so the benchmark journal stays the same
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.db"
        with wb.open_journal(args.path) as journal:
            journal.backup(copy)
        add_times = []
        sample = demo.generate_entries(203, seed=99, start=dt.date(2026, 1, 1), months=3)
        first_writes = []
        for fields in sample[:3]:  # open + the first write, which waits for the damage check
            t = time.perf_counter()
            with wb.open_journal(copy) as journal:
                journal.add(**fields)
            first_writes.append(time.perf_counter() - t)
        with wb.open_journal(copy) as journal:
            for fields in sample[3:]:
                t = time.perf_counter()
                journal.add(**fields)
                add_times.append(time.perf_counter() - t)

    base_mb, peak_mb = peak_memory_mb(args.path)
    t_help = help_time()

    rows_out = [
        ("entries", f"{len(frame):,}", ""),
        ("journal file", f"{size_mb:.0f} MB", ""),
        ("open (Journal())", f"{t_open:.3f} s", "<= 1 s"),
        ("damage check (quick_check, whole file)", f"{t_check:.3f} s", ""),
        ("open + first add (waits for the check)", f"{min(first_writes):.3f} s", ""),
        ("open + to_frame()", f"{t_frame:.3f} s", "<= 1 s"),
        ("raw sqlite3 fetch of the same rows", f"{t_raw:.3f} s", ""),
        ("ratio to_frame / raw", f"{t_frame / t_raw:.2f}x", "<= 3x"),
        ("tags_frame()", f"{t_tags:.3f} s ({len(tags):,} rows)", ""),
        ("add, median of 200 (durable)", f"{statistics.median(add_times) * 1000:.1f} ms", "<= 20 ms"),
        ("add, 95th percentile", f"{sorted(add_times)[int(len(add_times) * 0.95)] * 1000:.1f} ms", ""),
        ("search, median of 8 queries", f"{statistics.median(search_times) * 1000:.1f} ms", "<= 50 ms"),
        ("search, slowest", f"{max(search_times) * 1000:.1f} ms", ""),
        (
            "peak memory, open + to_frame + tags_frame",
            f"{peak_mb:.0f} MB (after imports {base_mb:.0f} MB)",
            "<= 400 MB",
        ),
        ("workbook --help", f"{t_help:.3f} s", "<= 0.3 s"),
    ]
    width = max(len(r[0]) for r in rows_out)
    print(f"\n{'measure':<{width}}  {'figure':<36}  goal")
    for name, figure, goal in rows_out:
        print(f"{name:<{width}}  {figure:<36}  {goal}")
    print(json.dumps({"python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version, "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
