"""Tag suggestions from what was written, by a transparent keyword lexicon.

The lexicon is ``data/lexicon.yaml``: tag id → words and phrases. :func:`suggest_tags`
looks for those words in the texts of an entry and returns, for every tag it would
suggest, *which* words suggested it and in which field, so the form can show its reasons
and the practitioner decides. Nothing here tags an entry.

Matching: whole words, any case, on NFC-normalised text; a phrase matches across any run
of spaces or line breaks; a trailing ``*`` stands for any word ending; straight and curly
apostrophes are the same. Every pattern is a plain alternation of literals, so matching is
linear in the length of the text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError
from ..paths import data_dir
from .datafiles import line_of, load_yaml
from .vocab import Vocabulary

LEXICON_FILE = "lexicon.yaml"
_APOSTROPHES = "'\u2019\u2018\u02bc"


@dataclass(frozen=True)
class Suggestion:
    """A tag suggested by ``words`` (as written, in order of appearance) found in ``field``."""

    tag: str
    words: tuple[str, ...]
    field: str


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _term_pattern(term: str) -> str:
    """Regex source for one lexicon term (see the module docstring for the rules)."""
    term = _nfc(term).strip()
    wildcard = term.endswith("*")
    if wildcard:
        term = term[:-1]
    parts = []
    for word in term.split():
        escaped = "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in word)
        parts.append(escaped)
    source = r"\s+".join(parts)
    if wildcard:
        source += r"\w*"
    return source


class Lexicon:
    """Words and phrases for each tag id, with one compiled pattern per tag."""

    def __init__(self, terms: Mapping[str, Iterable[str]], source: str = "") -> None:
        self.terms: dict[str, tuple[str, ...]] = {tag: tuple(words) for tag, words in terms.items()}
        self.source = source
        self._patterns: dict[str, re.Pattern[str]] = {}
        for tag, words in self.terms.items():
            # Longest first, so "lost for words" wins over a shorter overlapping term.
            alternatives = sorted({_term_pattern(w) for w in words if w.strip().rstrip("*")}, key=len, reverse=True)
            if alternatives:
                self._patterns[tag] = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)

    def __len__(self) -> int:
        return len(self.terms)

    def __repr__(self) -> str:
        return f"<Lexicon {len(self.terms)} tags, {sum(len(w) for w in self.terms.values())} words>"

    def unknown_tags(self, vocabulary: Vocabulary) -> list[str]:
        """Tag ids in the lexicon that the vocabulary does not have."""
        return [tag for tag in self.terms if vocabulary.find(tag) is None]

    def matches(self, tag: str, text: str) -> tuple[str, ...]:
        """The distinct words of ``text`` (in order, as written) that point to ``tag``."""
        pattern = self._patterns.get(tag)
        if pattern is None or not text:
            return ()
        found: dict[str, str] = {}
        for match in pattern.finditer(_nfc(text)):
            word = match.group()
            found.setdefault(" ".join(word.casefold().split()), " ".join(word.split()))
        return tuple(found.values())

    def suggest(self, texts: Mapping[str, str], vocabulary: Vocabulary) -> list[Suggestion]:
        """Suggestions for the texts of an entry, in vocabulary order, then field order.

        ``texts`` maps a field name (``"narrative"``, ``"responses.feelings"``, ...) to its
        text. Tags the vocabulary does not know are skipped.
        """
        out: list[Suggestion] = []
        for tag in vocabulary:
            if tag.id not in self._patterns:
                continue
            for field, text in texts.items():
                words = self.matches(tag.id, text or "")
                if words:
                    out.append(Suggestion(tag.id, words, field))
        return out


def parse_lexicon(path: Path) -> Lexicon:
    """Read one lexicon file; raises DataFileError naming the file and line."""
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("tags"), dict):
        raise DataFileError(str(path), line_of(doc), "needs a 'tags' mapping of tag id to a list of words")
    tags = doc["tags"]
    terms: dict[str, tuple[str, ...]] = {}
    for tag, words in tags.items():
        if not isinstance(tag, str) or not tag.strip():
            raise DataFileError(str(path), line_of(tags), f"tag id {tag!r} must be text")
        if not isinstance(words, list) or not words:
            raise DataFileError(str(path), line_of(tags), f"tag {tag!r} needs a non-empty list of words")
        for word in words:
            if not isinstance(word, str) or not word.strip().rstrip("*").strip():
                raise DataFileError(str(path), line_of(tags), f"tag {tag!r}: {word!r} is not a word or phrase")
        terms[tag] = tuple(w.strip() for w in words)
    return Lexicon(terms, source=str(path))


@functools.lru_cache(maxsize=4)
def _cached(path: Path, mtime: float) -> Lexicon:
    return parse_lexicon(path)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The bundled lexicon (``data/lexicon.yaml``), or the file at ``path``; read once, cached."""
    path = path if path is not None else data_dir() / LEXICON_FILE
    return _cached(path, path.stat().st_mtime)


def suggest_tags(texts: Mapping[str, str], vocabulary: Vocabulary, lexicon: Lexicon | None = None) -> list[Suggestion]:
    """Tags suggested by the words of ``texts`` (field → text), with the words that did it.

    Examples
    --------
    >>> from workbook.content.vocab import load_vocabulary
    >>> suggest_tags({"narrative": "I felt anxious and on edge."}, load_vocabulary())
    [Suggestion(tag='anxious', words=('anxious', 'on edge'), field='narrative')]
    """
    return (lexicon or load_lexicon()).suggest(texts, vocabulary)
