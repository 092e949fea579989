"""Score the tag suggester on labelled practice sentences. Prints figures; asserts nothing.

    python bench/suggestions.py [--show]

Reads bench/corpus/suggestions-dev.yaml (the sentences the suggester was tuned on) and
suggestions-heldout.yaml (written first, not looked at while tuning) and prints, for each,
precision and recall of the suggested tags. Each sentence lists the tags that should be
suggested (``expect``), tags it must not suggest (``never``) and tags fair either way
(``ok``). A suggested tag is right when expected, ignored when ``ok``, and wrong otherwise:
precision = right / (right + wrong), recall = right / expected. ``never`` hits are wrong
suggestions too, and are also counted on their own. ``--show`` lists every sentence with a
miss or a wrong suggestion.

Goal (issue 10): precision >= 0.8 on both sets.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from workbook.content.lexicon import load_lexicon, suggest_tags  # noqa: E402
from workbook.content.vocab import load_vocabulary  # noqa: E402

CORPUS = HERE / "corpus"
SETS = {"dev": CORPUS / "suggestions-dev.yaml", "held-out": CORPUS / "suggestions-heldout.yaml"}


@dataclass
class Score:
    sentences: int = 0
    right: int = 0
    wrong: int = 0
    expected: int = 0
    never_hit: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        suggested = self.right + self.wrong
        return self.right / suggested if suggested else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def read_set(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]


def suggested_tags(item: dict, vocabulary, lexicon) -> set[str]:
    """The tag ids suggested for one labelled sentence, as the entry form would ask."""
    texts = {item.get("field", "narrative"): item["text"]}
    found = suggest_tags(texts, vocabulary, lexicon, context=item.get("context"), outcome=item.get("outcome"))
    return {s.tag for s in found}


def score(items: list[dict], vocabulary, lexicon) -> Score:
    result = Score()
    for item in items:
        expect, ok, never = set(item.get("expect") or ()), set(item.get("ok") or ()), set(item.get("never") or ())
        got = suggested_tags(item, vocabulary, lexicon)
        right, wrong = got & expect, got - expect - ok
        result.sentences += 1
        result.right += len(right)
        result.wrong += len(wrong)
        result.expected += len(expect)
        result.never_hit += len(got & never)
        missed = expect - got
        if wrong or missed:
            result.problems.append(f"  {item['text']}\n    wrong: {sorted(wrong)}  missed: {sorted(missed)}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the sentences with a miss or a wrong suggestion")
    args = parser.parse_args(argv)
    vocabulary, lexicon = load_vocabulary(), load_lexicon()
    for name, path in SETS.items():
        s = score(read_set(path), vocabulary, lexicon)
        print(
            f"{name:9} {s.sentences:3} sentences  precision {s.precision:.2f} ({s.right}/{s.right + s.wrong})"
            f"  recall {s.recall:.2f} ({s.right}/{s.expected})  'never' tags suggested: {s.never_hit}"
        )
        if args.show:
            print("\n".join(s.problems))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
