"""Score and time the identifier finders. Prints figures; asserts nothing.

    python bench/identifiers.py [--mb 5]

Reads the labelled practice-note sentences in bench/corpus/ (identifiers-dev.yaml, which the
finders were tuned on, and identifiers-heldout.yaml, which they were not) and prints recall per
kind, precision, and how many findings had exactly the labelled span. A label is found when a
finding of the same kind overlaps it (per kind); for the grouped figures a registered name
found only as a possible name still counts as a name found (flagged for review), as the goal
says "names (registered or flagged)". A finding that overlaps no label of its kind (names: of
either name kind) is a false positive. Then times ``find_identifiers`` on the corpus text repeated to about ``--mb`` MB,
and on as much of the demo journal's notes (prose with pseudonyms only: every finding there
is a false alarm, which is counted too).

Goals (issue 9): on the held-out set recall >= 0.98 for structured identifiers, >= 0.95 for
names (registered or flagged), precision >= 0.90; throughput >= 1 MB/s.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from workbook.privacy import find_identifiers  # noqa: E402

CORPUS = HERE / "corpus"
NAME_KINDS = {"alias", "possible_name"}
STRUCTURED_KINDS = {"phone", "email", "postcode", "nhs_number", "ni_number", "date_of_birth", "address", "institution"}


@dataclass
class Sentence:
    text: str
    aliases: dict[str, str]
    labels: list[tuple[int, int, str]]


def group(kind: str) -> str:
    """Names count together: a registered name flagged as a possible name is still found
    ("names (registered or flagged)"), though not as its kind."""
    return "name" if kind in NAME_KINDS else kind


@dataclass
class Score:
    labelled: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)  # by the labelled kind, found as that kind
    found_in_group: Counter = field(default_factory=Counter)  # found as any kind of its group
    exact: Counter = field(default_factory=Counter)
    findings: int = 0
    false: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) of false positives
    missed: list[tuple[str, str]] = field(default_factory=list)

    def recall(self, kinds: set[str] | None = None) -> float:
        """Found as the labelled kind, for one kind; found within its group, for several."""
        kinds = kinds or set(self.labelled)
        found = self.found if len(kinds) == 1 else self.found_in_group
        total = sum(self.labelled[k] for k in kinds)
        return sum(found[k] for k in kinds) / total if total else 1.0

    @property
    def precision(self) -> float:
        return (self.findings - len(self.false)) / self.findings if self.findings else 1.0


def _span(text: str, needle: str, nth: int) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return at, at + len(needle)


def load(path: Path) -> list[Sentence]:
    sentences = []
    for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]:
        aliases = group.get("aliases") or {}
        for item in group["sentences"]:
            labels = []
            for label in item.get("expect") or []:
                kind, needle, nth = label[0], str(label[1]), label[2] if len(label) > 2 else 0
                labels.append((*_span(item["text"], needle, nth), kind))
            sentences.append(Sentence(item["text"], aliases, labels))
    return sentences


def journal_with(aliases: dict[str, str]):
    """An in-memory journal whose register holds ``aliases`` (real name -> pseudonym) as the
    product keeps them: keyed digests, found by ``people.alias_spans``."""
    import workbook as wb

    journal = wb.open_journal(":memory:")
    by_person: dict[str, list[str]] = {}
    for name, pseudonym in aliases.items():
        by_person.setdefault(pseudonym, []).append(name)
    for pseudonym, names in by_person.items():
        journal.people.add(pseudonym, "other", aliases=names)
    return journal


def score(sentences: list[Sentence], *, via_journal: bool = False) -> Score:
    """Each sentence's findings against its labels; ``via_journal``: with the aliases in a
    journal's register (keyed digests) rather than passed as a mapping."""
    result = Score()
    journals: dict[tuple, object] = {}
    for sentence in sentences:
        if via_journal:
            key = tuple(sorted(sentence.aliases.items()))
            if key not in journals:
                journals[key] = journal_with(sentence.aliases)
            findings = find_identifiers(sentence.text, journals[key])
        else:
            findings = find_identifiers(sentence.text, aliases=sentence.aliases)
        result.findings += len(findings)
        for start, end, kind in sentence.labels:
            result.labelled[kind] += 1
            near = [f for f in findings if group(f.kind) == group(kind) and f.start < end and start < f.end]
            hits = [f for f in near if f.kind == kind]
            result.found_in_group[kind] += bool(near)
            if hits:
                result.found[kind] += 1
                result.exact[kind] += any(f.start == start and f.end == end for f in hits)
            else:
                result.missed.append((kind, sentence.text[start:end]))
        for f in findings:
            labels = sentence.labels
            if not any(group(f.kind) == group(kind) and f.start < end and start < f.end for start, end, kind in labels):
                result.false.append((f.kind, f.text))
    return result


def throughput(sentences: list[Sentence], megabytes: float) -> tuple[float, float]:
    """(MB of text, MB per second) for the corpus sentences repeated into one text."""
    aliases: dict[str, str] = {}
    for sentence in sentences:
        aliases.update(sentence.aliases)
    unit = "\n".join(s.text for s in sentences) + "\n"
    text = unit * max(1, int(megabytes * 1e6 / len(unit.encode("utf-8"))))
    size = len(text.encode("utf-8")) / 1e6
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        find_identifiers(text, aliases=aliases)
        best = min(best, time.perf_counter() - start)
    return size, size / best


def journal_throughput(sentences: list[Sentence], megabytes: float) -> float:
    """MB per second for the corpus text with every alias in one journal's register."""
    from workbook.privacy import identifier_finder

    aliases: dict[str, str] = {}
    for sentence in sentences:
        aliases.update(sentence.aliases)
    unit = "\n".join(s.text for s in sentences) + "\n"
    text = unit * max(1, int(megabytes * 1e6 / len(unit.encode("utf-8"))))
    find = identifier_finder(journal_with(aliases))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        find(text)
        best = min(best, time.perf_counter() - start)
    return len(text.encode("utf-8")) / 1e6 / best


def demo_text(megabytes: float) -> str:
    """Notes as the demo journal writes them (titles, stage responses, narratives): mostly prose
    with pseudonyms and few identifiers, closer to a real journal than the dense corpus."""
    from workbook import demo

    parts: list[str] = []
    size, seed = 0, 0
    while size < megabytes * 1e6:
        for entry in demo.generate_entries(500, seed=seed):
            for piece in (entry["title"], *(entry["responses"] or {}).values(), entry["narrative"]):
                if piece:
                    parts.append(piece)
                    size += len(piece.encode("utf-8")) + 1
        seed += 1
    return "\n".join(parts)


def demo_pseudonyms() -> list[str]:
    from workbook import demo

    return [pseudonym for pseudonym, _ in demo.demo_people()]


def demo_journal_rate(text: str) -> float:
    """MB per second for ``text`` with a built demo journal's register (its pseudonyms and its
    aliases as keyed digests), as the forms and ``workbook doctor`` run the finder."""
    import tempfile

    from workbook import demo
    from workbook.privacy import identifier_finder

    with tempfile.TemporaryDirectory() as folder:
        import workbook as wb

        path = demo.write_demo_journal(Path(folder) / "demo.db", entries=50)
        with wb.open_journal(path) as journal:
            find = identifier_finder(journal)
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                find(text)
                best = min(best, time.perf_counter() - start)
    return len(text.encode("utf-8")) / 1e6 / best


def timed_rate(text: str, pseudonyms: list[str]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        find_identifiers(text, pseudonyms=pseudonyms)
        best = min(best, time.perf_counter() - start)
    return len(text.encode("utf-8")) / 1e6 / best


def report(name: str, result: Score) -> list[tuple[str, str, str]]:
    rows = [(f"{name}: sentences labelled, findings", f"{sum(result.labelled.values())} labels, {result.findings}", "")]
    for kind in sorted(result.labelled):
        exact = result.exact[kind] / result.found[kind] if result.found[kind] else 0.0
        rows.append(
            (
                f"  recall {kind}",
                f"{result.recall({kind}):.3f} ({result.found[kind]}/{result.labelled[kind]}, exact span {exact:.0%})",
                "",
            )
        )
    rows.append(("  recall, structured identifiers", f"{result.recall(STRUCTURED_KINDS):.3f}", ">= 0.98"))
    rows.append(("  recall, names (registered or flagged)", f"{result.recall(NAME_KINDS):.3f}", ">= 0.95"))
    rows.append(("  precision", f"{result.precision:.3f} ({len(result.false)} false)", ">= 0.90"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="size of the text timed, in MB")
    parser.add_argument("--show", action="store_true", help="list the dev set's misses and false positives")
    args = parser.parse_args()

    dev = load(CORPUS / "identifiers-dev.yaml")
    heldout = load(CORPUS / "identifiers-heldout.yaml")
    dev_score, heldout_score = score(dev), score(heldout)
    dev_journal, heldout_journal = score(dev, via_journal=True), score(heldout, via_journal=True)
    size, rate = throughput(dev + heldout, args.mb)
    journal_rate = journal_throughput(dev + heldout, args.mb)
    notes = demo_text(args.mb)
    register = demo_pseudonyms()
    notes_rate = timed_rate(notes, register)
    notes_journal_rate = demo_journal_rate(notes)
    flagged = Counter(f.kind for f in find_identifiers(notes, pseudonyms=register))
    rows = [
        ("sentences (dev, held out)", f"{len(dev)}, {len(heldout)}", ""),
        *report("dev", dev_score),
        *report("held out", heldout_score),
        *report("held out, aliases in a journal's register", heldout_journal),
        ("dev, aliases in a journal's register: precision", f"{dev_journal.precision:.3f}", ""),
        (f"throughput, corpus repeated to {size:.1f} MB", f"{rate:.2f} MB/s", ">= 1 MB/s"),
        ("  the same, aliases in a journal's register", f"{journal_rate:.2f} MB/s", ">= 1 MB/s"),
        (f"throughput, demo notes {len(notes.encode()) / 1e6:.1f} MB", f"{notes_rate:.2f} MB/s", ">= 1 MB/s"),
        ("  the same, with a demo journal's register (keyed aliases)", f"{notes_journal_rate:.2f} MB/s", ">= 1 MB/s"),
        (
            "  findings there, with the demo's register",
            ", ".join(f"{k} {n}" for k, n in flagged.items()) or "none",
            "",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure':<{width}}  {'figure':<44}  goal")
    for name, figure, goal in rows:
        print(f"{name:<{width}}  {figure:<44}  {goal}")
    if args.show:
        print("\ndev misses:", dev_score.missed)
        print("dev false positives:", dev_score.false)
    print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
