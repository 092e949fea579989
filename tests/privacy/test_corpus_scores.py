"""The development corpus (bench/corpus/identifiers-dev.yaml) meets the goals of issue 9.
Scored, not timed: bench/identifiers.py times it and scores the held-out set."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_identifiers", ROOT / "bench" / "identifiers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_dev_corpus_meets_the_goals():
    bench = _bench()
    sentences = bench.load(ROOT / "bench" / "corpus" / "identifiers-dev.yaml")
    assert len(sentences) >= 80
    result = bench.score(sentences)
    assert result.recall(bench.STRUCTURED_KINDS) >= 0.98, result.missed
    assert result.recall(bench.NAME_KINDS) >= 0.95, result.missed
    assert result.precision >= 0.90, result.false


def test_the_corpus_is_labelled_consistently():
    """Every label names a kind the finders report, and the held-out set is about a quarter."""
    bench = _bench()
    from workbook.privacy import KINDS

    dev = bench.load(ROOT / "bench" / "corpus" / "identifiers-dev.yaml")
    heldout = bench.load(ROOT / "bench" / "corpus" / "identifiers-heldout.yaml")
    assert {kind for s in dev + heldout for *_, kind in s.labels} <= set(KINDS)
    assert 0.2 <= len(heldout) / (len(dev) + len(heldout)) <= 0.3
