"""The development sentences (bench/corpus/suggestions-dev.yaml) meet the goal of issue 10.
Scored, not timed: bench/suggestions.py prints the same figures and those of the held-out set."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from workbook.content.lexicon import load_lexicon
from workbook.content.vocab import load_vocabulary

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_suggestions", ROOT / "bench" / "suggestions.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_dev_sentences_are_suggested_with_precision_of_at_least_0_8():
    bench = _bench()
    sentences = bench.read_set(bench.SETS["dev"])
    assert len(sentences) >= 60
    result = bench.score(sentences, load_vocabulary(), load_lexicon())
    assert result.precision >= 0.8, "\n".join(result.problems)
    assert result.never_hit == 0, "\n".join(result.problems)


def test_a_quarter_of_the_sentences_is_held_out():
    bench = _bench()
    dev, held_out = (len(bench.read_set(path)) for path in bench.SETS.values())
    assert dev + held_out >= 80
    assert held_out / (dev + held_out) >= 0.25
