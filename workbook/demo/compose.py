"""Phrases into text: the Composer fills the lines for one entry and remembers what it used.

It keeps which people were named (they become the entry's people), the passages that
show a tag (they become anchors) and the lines already said (an entry never repeats
itself). Which lines an entry can fill depends only on which placeholders it has, so the
generator shares one cache of those across entries.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence

from .phrasebank import Line

Key = tuple[str, float, str | None]
"""A bank key, the chance of drawing a line from it, and the tag its lines show (if any)."""


class Composer:
    """Fills phrases for one entry and remembers what it used: people named, the
    passages that show a tag (for anchors), and lines already said."""

    def __init__(
        self,
        rng: random.Random,
        slots: dict[str, str | None],
        feelings: list[str],
        words: Mapping[str, str],
        topic_needs: frozenset[str] = frozenset(),
        cache: dict[tuple[int, frozenset[str]], list[Line]] | None = None,
    ) -> None:
        self.rng = rng
        self.slots = slots
        self.topic_needs = topic_needs
        self.feelings = list(feelings)
        self.words = words
        self.cache = {} if cache is None else cache
        self.available = frozenset(k for k, v in slots.items() if v is not None)
        self.available_with_feeling = self.available | {"feeling"}
        self.used_slots: list[str] = []
        self.said: set[str] = set()
        self.spans: list[tuple[str, int, int, str]] = []  # field, start, end, tag

    def ok(self, line: Line) -> bool:
        """Whether ``line`` can be said in this entry (and has not been yet)."""
        if line.text in self.said:
            return False
        if "feeling" in line.needs and not self.feelings:
            return False
        return line.needs <= self.available | {"feeling"}

    def _draw(self, lines: Sequence[Line], taken: set[int]) -> Line | None:
        """A line this entry can fill and has not said, or None. Which lines an entry
        can fill depends only on which placeholders it has, so that is cached."""
        available = self.available_with_feeling if self.feelings else self.available
        key = (id(lines), available)
        options = self.cache.get(key)
        if options is None:
            options = self.cache[key] = [line for line in lines if line.needs <= available]
        n = len(options)
        if not n:
            return None
        for _ in range(4):
            line = options[int(self.rng.random() * n)]
            if id(line) not in taken and line.text not in self.said:
                return line
        rest = [line for line in options if id(line) not in taken and line.text not in self.said]
        return rest[int(self.rng.random() * len(rest))] if rest else None

    def fill(self, line: Line) -> tuple[str, str | None]:
        """The line's text with placeholders filled, and the tag it shows (if any)."""
        self.said.add(line.text)
        tag = line.tag
        if not line.needs:
            return line.text, tag
        values = self.slots
        if "feeling" in line.needs:
            feeling = self.feelings.pop(0)
            values = {**self.slots, "feeling": self.words.get(feeling, feeling.replace("-", " "))}
            tag = feeling
        named = line.needs | self.topic_needs if "topic" in line.needs else line.needs
        for need in ("person", "other", "child", "colleague"):
            if need in named and need not in self.used_slots:
                self.used_slots.append(need)
        text = line.text.format_map(values)
        return text[0].upper() + text[1:], tag

    def pick(
        self, bank: Mapping[str, Sequence[Line]], keys: Sequence[Key], count: int
    ) -> list[tuple[Line, str | None]]:
        """Up to ``count`` lines: one from each key in ``keys`` (with its chance), then
        from ``any``. Each key comes with the tag its lines show (an outcome), if any."""
        chosen: list[tuple[Line, str | None]] = []
        taken: set[int] = set()
        for key, chance, tag in keys:
            lines = bank.get(key)
            if lines and self.rng.random() < chance:
                line = self._draw(lines, taken)
                if line is not None:
                    chosen.append((line, tag))
                    taken.add(id(line))
        extra = bank.get("any")
        while extra and len(chosen) < count:
            line = self._draw(extra, taken)
            if line is None:
                break
            chosen.append((line, None))
            taken.add(id(line))
        if len(chosen) > count:
            keep = sorted(self.rng.sample(range(len(chosen)), count))
            chosen = [chosen[i] for i in keep]
        return chosen

    def compose(self, field: str, picked: Iterable[tuple[Line, str | None]], sep: str = " ") -> str:
        """The picked lines, filled and joined, as the text of ``field``. A line that shows
        a tag (its own, or its key's) is remembered as that tag's span in ``field``."""
        parts: list[str] = []
        pos = 0
        for line, key_tag in picked:
            if "feeling" in line.needs and not self.feelings:  # more {feeling} lines than feelings
                continue
            text, tag = self.fill(line)
            if parts:
                pos += len(sep)
            if tag or key_tag:
                self.spans.append((field, pos, pos + len(text), tag or key_tag))  # type: ignore[arg-type]
            parts.append(text)
            pos += len(text)
        return sep.join(parts)
