"""Time bringing years of another app's entries in, and taking a journal out. Prints figures; asserts nothing.

    python bench/imports.py [--entries 5000]

Writes a synthetic Daylio CSV and a synthetic Day One export of ``--entries`` entries (about
five years of two or three a day: invented notes of 10-80 words, a handful of activities and
tags), then for each: reading the file, the dry run (every entry checked, identifiers looked
for), the import into an empty journal, and importing the same file again (which adds nothing).
Then every export format of the journal that the Day One file made. Wall-clock seconds, one
run each (each step writes the journal the next one reads), on this machine as it is.

Goal (issue 14): years of entries come in within a minute on a laptop, with a progress bar
moving; a second import is quicker than the first.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbook import Journal  # noqa: E402
from workbook.exchange import FORMATS, bring_in, preview  # noqa: E402

WORDS = (
    "visit call team plan review school home shift ward family carer worry hope tired calm talked listened "
    "asked waited agreed paperwork handover meeting supervision referral follow up later quiet long short "
    "difficult kind honest rushed steady"
).split()
ACTIVITIES = ["work", "family", "walk", "supervision", "reading", "late shift", "gym", "friends", "cooking"]
MOODS = ["rad", "good", "meh", "bad", "awful"]


def _note(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 80))).capitalize() + "."


def daylio_csv(path: Path, n: int, rng: random.Random) -> None:
    start = dt.datetime(2021, 1, 1, 7, 0)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"])
        for i in range(n):
            when = start + dt.timedelta(minutes=i * 530)
            acts = " | ".join(rng.sample(ACTIVITIES, rng.randint(0, 3)))
            writer.writerow(
                [
                    when.date().isoformat(),
                    when.strftime("%-d %B"),
                    when.strftime("%A"),
                    when.strftime("%-I:%M %p").lower(),
                    rng.choice(MOODS),
                    acts,
                    "",
                    _note(rng),
                ]
            )


def dayone_zip(path: Path, n: int, rng: random.Random) -> None:
    start = dt.datetime(2021, 1, 1, 7, 0, tzinfo=dt.timezone.utc)
    entries = []
    for i in range(n):
        when = (start + dt.timedelta(minutes=i * 530)).strftime("%Y-%m-%dT%H:%M:%SZ")
        entries.append(
            {
                "uuid": uuid.UUID(int=rng.getrandbits(128)).hex.upper(),
                "creationDate": when,
                "modifiedDate": when,
                "timeZone": "Europe/London",
                "text": f"# Entry {i}\n\n{_note(rng)}",
                "tags": rng.sample(ACTIVITIES, rng.randint(0, 2)),
                "starred": i % 17 == 0,
            }
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Journal.json", json.dumps({"metadata": {"version": "1.0"}, "entries": entries}))


def _time(label: str, action):  # noqa: ANN001, ANN202
    start = time.perf_counter()
    result = action()
    print(f"  {label:<34} {time.perf_counter() - start:7.2f} s")
    return result


def bench_import(name: str, source: Path, folder: Path) -> Path:
    fmt = FORMATS[name]
    print(f"{name}: {source.name} ({source.stat().st_size / 2**20:.1f} MB)")
    read = _time("read the file", lambda: fmt.read(source))
    target = folder / f"{name}.db"
    with Journal(target) as journal:
        p = _time("dry run (writes nothing)", lambda: preview(journal, read))
        done = _time("import into an empty journal", lambda: bring_in(journal, read))
        again = _time("import the same file again", lambda: bring_in(journal, fmt.read(source)))
    print(f"  {p.new} new in the dry run; {len(done.entries)} imported; {again.already} already held the second time")
    return target


def bench_exports(journal_path: Path, folder: Path) -> None:
    print(f"exports of that journal ({journal_path.name}):")
    with Journal(journal_path) as journal:
        for fmt in FORMATS.values():
            if fmt.export is None:
                continue
            out = folder / f"out-{fmt.name}{fmt.suffixes[0] if fmt.suffixes else ''}"
            _time(fmt.name, lambda fmt=fmt, out=out: fmt.export(journal, out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    args = parser.parse_args()
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        daylio_csv(folder / "daylio_export.csv", args.entries, rng)
        dayone_zip(folder / "dayone.zip", args.entries, rng)
        bench_import("daylio", folder / "daylio_export.csv", folder)
        made = bench_import("dayone", folder / "dayone.zip", folder)
        bench_exports(made, folder)


if __name__ == "__main__":
    main()
