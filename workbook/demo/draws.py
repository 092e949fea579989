"""The few ways the demo draws at random, shared by every step of the generator.

Each helper makes a fixed number of calls on the ``random.Random`` it is given, in a
fixed order: the golden tests pin the demo, so a helper that drew differently (say
``rng.choice`` for :func:`one`) would change every entry after it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any


def clamp(value: float, low: int, high: int) -> int:
    """``value`` rounded and kept within ``low``..``high``."""
    return max(low, min(high, round(value)))


def choose(rng: random.Random, values: Sequence[Any], weights: Sequence[float]) -> Any:
    """One of ``values`` by weight (a leaner ``rng.choices(...)[0]``)."""
    r = rng.random() * sum(weights)
    for value, weight in zip(values, weights, strict=True):
        r -= weight
        if r < 0:
            return value
    return values[-1]


def one(rng: random.Random, values: Sequence[Any]) -> Any:
    """One of ``values``, uniformly (a leaner ``rng.choice``)."""
    return values[int(rng.random() * len(values))]


def weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    """One key of ``weights``, by its weight."""
    return choose(rng, tuple(weights), tuple(weights.values()))


def distinct(rng: random.Random, pool: Sequence[str], k: int) -> list[str]:
    """Up to ``k`` distinct items, drawn from ``pool`` (repeats in it weigh more)."""
    out: list[str] = []
    pool = list(pool)
    while pool and len(out) < k:
        pick = one(rng, pool)
        out.append(pick)
        pool = [p for p in pool if p != pick]
    return out
