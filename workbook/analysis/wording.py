"""Plain-language wording shared by the summary sentences and the load signal.

Numbers up to twelve are written as words, dates as "1 January 2024", and vocabulary
labels are lowered for use inside a sentence. ``long_date`` is the one long date format
of the workbook's plain-language output, so a date reads the same in the summary, the
load signal and the Patterns view.
"""

from __future__ import annotations

import datetime as dt

_NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def words(n: int) -> str:
    """``3`` -> ``"three"`` (up to twelve; larger numbers stay digits)."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def conversations(n: int) -> str:
    """``1`` -> ``"1 conversation"``, ``2`` -> ``"2 conversations"``."""
    return f"{n} conversation" + ("" if n == 1 else "s")


def long_date(day: dt.date) -> str:
    """``date(2024, 1, 5)`` -> ``"5 January 2024"`` (no leading zero, on every platform)."""
    return f"{day.day} {day:%B %Y}"


def in_sentence(label: str) -> str:
    """'Child protection' -> 'child protection'; words like 'FDAC' keep their capitals."""
    return " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in label.split(" "))


def trend(now: float, before: float) -> str:
    """How ``now`` compares with ``before``: "up from", "down from" or "the same as"."""
    return "up from" if now > before else "down from" if now < before else "the same as"
