"""Score the elements-of-reflection rules on labelled sentences. Prints figures; asserts nothing.

    python bench/elements.py [--show]

Reads data/elements-labelled.yaml (invented reflections, each sentence labelled with its
elements of reflection) and runs the rules of data/elements.yaml (workbook.course.elements)
on every sentence. For each element, on the dev part (the reflections the rules were tuned
on) and on the held-out part (labelled first and never looked at while tuning), it prints
the 2x2 agreement between the rules and the labels, Cohen's kappa, precision and recall.
``--show`` lists the dev sentences where the rules and the labels disagree (held-out
sentences are not listed, so that they stay held out).

Kappa is computed here from each element's 2x2 table (rules yes/no against label yes/no):
kappa = (po - pe) / (1 - pe), po the share of sentences where both agree, pe the agreement
expected by chance from each side's own yes rate.

Where this stands: published classifiers of reflective writing report kappa of about
0.5-0.85 per category (as issue 13 states). Our figures are measured on short invented
sentences, labelled by the same people who wrote the rules, not on students' essays, so
they are not directly comparable and are likely to flatter the rules. Run on 4 December
2026 (227 sentences: 153 dev, 74 held out), held-out kappa was 0.94 for feelings and for
change, 0.75 perspectives, 0.74 analysis, 0.72 description and 0.54 evaluation: within or
above the published range for every element, at its low end for evaluation (judgements
take too many forms for phrase rules; recall 0.55). On dev, where the rules were tuned,
kappa was 0.71-1.00; the gap to held-out is what the tuning bought. The held-out part is
small (10-26 labelled sentences per element), so each figure could move by 0.1 or more on
another set of sentences. Run the benchmark for the current figures.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from workbook.course.elements import ELEMENT_IDS, ElementRules, find_elements, load_rules  # noqa: E402

LABELLED = HERE.parent / "data" / "elements-labelled.yaml"
PARTS = ("dev", "held-out")


@dataclass(frozen=True)
class Figures:
    """One element on one part: the 2x2 table of rules (found) against labels (labelled)."""

    both: int  # found and labelled
    found_only: int  # found, not labelled (a false positive)
    labelled_only: int  # labelled, not found (a miss)
    neither: int

    @property
    def n(self) -> int:
        return self.both + self.found_only + self.labelled_only + self.neither

    @property
    def precision(self) -> float:
        found = self.both + self.found_only
        return self.both / found if found else math.nan

    @property
    def recall(self) -> float:
        labelled = self.both + self.labelled_only
        return self.both / labelled if labelled else math.nan

    @property
    def kappa(self) -> float:
        n = self.n
        if not n:
            return math.nan
        observed = (self.both + self.neither) / n
        found, labelled = self.both + self.found_only, self.both + self.labelled_only
        chance = (found * labelled + (n - found) * (n - labelled)) / (n * n)
        return (observed - chance) / (1 - chance) if chance < 1 else math.nan


def read_labelled(path: Path = LABELLED) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """The labelled sentences by part: ``dev`` and ``held-out``, each (text, elements)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    parts: dict[str, list[tuple[str, frozenset[str]]]] = {part: [] for part in PARTS}
    for reflection in doc["reflections"]:
        part = "held-out" if reflection.get("held_out") else "dev"
        for sentence in reflection["sentences"]:
            parts[part].append((sentence["text"], frozenset(sentence.get("elements") or ())))
    return parts


def found_in(text: str, rules: ElementRules) -> frozenset[str]:
    """The elements the rules find anywhere in one labelled sentence."""
    return frozenset(hit.element for hit in find_elements(text, rules))


def score(items: list[tuple[str, frozenset[str]]], rules: ElementRules) -> dict[str, Figures]:
    results = [(labels, found_in(text, rules)) for text, labels in items]
    figures = {}
    for element in ELEMENT_IDS:
        cells = [(element in found, element in labels) for labels, found in results]
        figures[element] = Figures(
            both=cells.count((True, True)),
            found_only=cells.count((True, False)),
            labelled_only=cells.count((False, True)),
            neither=cells.count((False, False)),
        )
    return figures


def _fmt(value: float) -> str:
    return " n/a" if math.isnan(value) else f"{value:4.2f}"


def report(figures: dict[str, dict[str, Figures]]) -> str:
    lines = []
    for part, by_element in figures.items():
        n = next(iter(by_element.values())).n
        lines.append(f"{part} ({n} sentences)")
        lines.append(f"  {'element':13} kappa  prec.  recall  labelled found both")
        for element, f in by_element.items():
            lines.append(
                f"  {element:13} {_fmt(f.kappa)}   {_fmt(f.precision)}   {_fmt(f.recall)}"
                f"  {f.both + f.labelled_only:8} {f.both + f.found_only:5} {f.both:4}"
            )
    return "\n".join(lines)


def disagreements(items: list[tuple[str, frozenset[str]]], rules: ElementRules) -> list[str]:
    out = []
    for text, labels in items:
        found = found_in(text, rules)
        if found != labels:
            out.append(f"  {text}\n    extra: {sorted(found - labels)}  missed: {sorted(labels - found)}")
    return out


def main(argv: list[str] | None = None, *, path: Path = LABELLED, rules: ElementRules | None = None) -> dict:
    """Print the figures and return them: part → element → :class:`Figures`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the dev sentences where rules and labels disagree")
    args = parser.parse_args(argv)
    rules = rules or load_rules()
    parts = read_labelled(path)
    figures = {part: score(items, rules) for part, items in parts.items()}
    print(report(figures))
    if args.show:
        print("\n".join(disagreements(parts["dev"], rules)))
    return figures


if __name__ == "__main__":
    main()
    raise SystemExit(0)
