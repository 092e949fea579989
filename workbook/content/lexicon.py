"""Tag suggestions from what was written, by a transparent keyword lexicon.

The lexicon is ``data/lexicon.yaml``: tag id → words and phrases. :func:`suggest_tags`
looks for those words in the texts of an entry and returns, for every tag it would
suggest, *which* words suggested it and in which field, so the form can show its reasons
and the practitioner decides. Nothing here tags an entry.

Matching: whole words, any case, on NFC-normalised text; a phrase matches across any run
of spaces or line breaks; a trailing ``*`` stands for any word ending; straight and curly
apostrophes are the same. Every pattern is a plain alternation of literals, so matching is
linear in the length of the text.

A word found is kept only when it was meant (:mod:`.attribution`): not negated ("I wasn't
angry"), not hypothetical ("I could have paused"), and, where the lexicon's ``whose`` says
so, the feeling or act of the right person: the writer's for "My feelings" and for how the
conversation was handled, the other person's for "What the other person showed". Tags
already decided are left out (chosen ones; the context group once a context is chosen; the
outcome tags once an outcome is), and at most :data:`MAX_SUGGESTIONS` tags are offered,
the best supported first.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError
from ..models import OUTCOMES
from ..paths import data_dir
from .attribution import OTHER, TEAM, WRITER, TextReader, term_owner
from .datafiles import line_of, load_yaml
from .vocab import Vocabulary

LEXICON_FILE = "lexicon.yaml"
MAX_SUGGESTIONS = 8
_APOSTROPHES = "'\u2019\u2018\u02bc"

#: Whose words a tag needs: ``me`` the writer's (I, me, my), ``us`` the writer's or the
#: writer's with others (we), ``them`` the other person's (she, he, they, Mum, a name),
#: ``anyone`` no one in particular (contexts, dynamics between people).
WHOSE = {"me": frozenset({WRITER}), "us": frozenset({WRITER, TEAM}), "them": frozenset({OTHER}), "anyone": None}


@dataclass(frozen=True)
class Suggestion:
    """A tag suggested by ``words`` (as written, in order of appearance) found in ``field``."""

    tag: str
    words: tuple[str, ...]
    field: str


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def term_pattern(term: str) -> str:
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


def compile_terms(alternatives: list[str]) -> re.Pattern[str]:
    """One pattern matching any of ``alternatives`` (regex sources from :func:`term_pattern`) as
    whole words, longest first, any casing; the tag suggester and the elements of reflection share it."""
    alternatives = sorted(set(alternatives), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


class Lexicon:
    """Words and phrases for each tag id, with one compiled pattern per tag.

    ``whose_groups`` and ``whose_tags`` say whose words each tag needs (a :data:`WHOSE` key;
    by group id, and by tag id where a tag differs from its group); a tag named in neither
    takes ``anyone``. ``caveats`` holds a short note to show beside a tag's suggestion.
    """

    def __init__(
        self,
        terms: Mapping[str, Iterable[str]],
        source: str = "",
        *,
        whose_groups: Mapping[str, str] | None = None,
        whose_tags: Mapping[str, str] | None = None,
        caveats: Mapping[str, str] | None = None,
        unless: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.terms: dict[str, tuple[str, ...]] = {tag: tuple(words) for tag, words in terms.items()}
        self.source = source
        self.whose_groups = dict(whose_groups or {})
        self.whose_tags = dict(whose_tags or {})
        self.caveats = dict(caveats or {})
        for whose in (*self.whose_groups.values(), *self.whose_tags.values()):
            if whose not in WHOSE:
                raise ValueError(f"whose must be one of {', '.join(WHOSE)}, not {whose!r}")
        self._patterns: dict[str, re.Pattern[str]] = {}
        for tag, words in self.terms.items():
            # Longest first, so "lost for words" wins over a shorter overlapping term.
            alternatives = sorted({term_pattern(w) for w in words if w.strip().rstrip("*")}, key=len, reverse=True)
            if alternatives:
                self._patterns[tag] = compile_terms(alternatives)
        self.unless: dict[str, tuple[str, ...]] = {tag: tuple(words) for tag, words in (unless or {}).items()}
        self._unless = {
            tag: compile_terms([term_pattern(w) for w in words]) for tag, words in self.unless.items() if words
        }

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

    def whose(self, tag_id: str, group: str) -> str:
        """Whose words the tag ``tag_id`` (of ``group``) needs: a :data:`WHOSE` key."""
        return self.whose_tags.get(tag_id) or self.whose_groups.get(group) or "anyone"

    def meant(self, tag: str, text: str, whose: str = "anyone", reader: TextReader | None = None) -> tuple[str, ...]:
        """Like :meth:`matches`, keeping only the words that were meant: not negated, not
        hypothetical, and (unless ``whose`` is ``anyone``) the right person's."""
        pattern = self._patterns.get(tag)
        if pattern is None or not text:
            return ()
        text = _nfc(text)
        reader = reader if reader is not None and reader.text == text else TextReader(text)
        owners = WHOSE[whose]
        unless = self._unless.get(tag)
        inside = [m.span() for m in unless.finditer(text)] if unless is not None else []
        found: dict[str, str] = {}
        for match in pattern.finditer(text):
            word, start, end = match.group(), match.start(), match.end()
            key = " ".join(word.casefold().split())
            if key in found:
                continue  # already kept: each word is reported once
            if any(a <= start and end <= b for a, b in inside):
                continue  # part of a phrase that means something else: "compassion fatigue"
            reading = reader.read(start, end, term_owner(word))
            if reading.asserted and (owners is None or reading.owner in owners):
                found[key] = " ".join(word.split())
        return tuple(found.values())

    def suggest(
        self,
        texts: Mapping[str, str],
        vocabulary: Vocabulary,
        *,
        chosen: Iterable[str] = (),
        context: str | None = None,
        outcome: str | None = None,
        limit: int | None = MAX_SUGGESTIONS,
    ) -> list[Suggestion]:
        """Suggestions for the texts of an entry, best supported tag first.

        ``texts`` maps a field name (``"narrative"``, ``"responses.feelings"``, ...) to its
        text. Left out: tags the vocabulary does not know, tags in ``chosen`` (already chosen,
        or ignored), every tag of the context's group when a ``context`` is chosen, and the
        outcome tags (held, avoided, softened) when an ``outcome`` is. At most ``limit`` tags
        (None: all); a tag found in several fields gives one suggestion per field, together.
        """
        skip = self._decided(vocabulary, chosen, context, outcome)
        readers = {field: TextReader(_nfc(text)) for field, text in texts.items() if text}
        found: list[Suggestion] = []
        for tag in vocabulary:
            if tag.id not in self._patterns or tag.id in skip:
                continue
            whose = self.whose(tag.id, tag.group)
            for field, reader in readers.items():
                words = self.meant(tag.id, reader.text, whose, reader)
                if words:
                    found.append(Suggestion(tag.id, words, field))
        return _ranked(found, limit)

    @staticmethod
    def _decided(vocabulary: Vocabulary, chosen: Iterable[str], context: str | None, outcome: str | None) -> set[str]:
        """Tag ids not worth suggesting: chosen, or settled by the context or outcome."""
        skip = set(chosen)
        context_tag = vocabulary.find(context) if context else None
        if context_tag is not None:
            skip.update(t.id for t in vocabulary.in_group(context_tag.group))
        if outcome:
            skip.update(OUTCOMES)
        return skip


def _ranked(found: list[Suggestion], limit: int | None) -> list[Suggestion]:
    """Best supported tag first: more distinct words, then a longer (more specific) phrase,
    then the vocabulary's order; a tag's suggestions stay together, in field order."""
    by_tag: dict[str, list[Suggestion]] = {}
    for suggestion in found:
        by_tag.setdefault(suggestion.tag, []).append(suggestion)

    def strength(item: tuple[int, str]) -> tuple[int, int, int]:
        order, tag = item
        words = {" ".join(w.casefold().split()) for s in by_tag[tag] for w in s.words}
        return (-len(words), -max(len(w.split()) for w in words), order)

    ranked = sorted(enumerate(by_tag), key=strength)[:limit]
    return [s for _, tag in ranked for s in by_tag[tag]]


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
    whose = doc.get("whose") or {}
    if not isinstance(whose, dict):
        raise DataFileError(str(path), line_of(doc), "'whose' needs 'groups' and 'tags' mappings")
    return Lexicon(
        terms,
        source=str(path),
        whose_groups=_whose(path, whose, "groups"),
        whose_tags=_whose(path, whose, "tags"),
        caveats=_caveats(path, doc),
        unless=_unless(path, doc, terms),
    )


def _whose(path: Path, whose: dict, key: str) -> dict[str, str]:
    """One mapping of ``whose`` (group or tag id → a :data:`WHOSE` key), checked."""
    mapping = whose.get(key) or {}
    if not isinstance(mapping, dict):
        raise DataFileError(str(path), line_of(whose), f"'whose: {key}' must map ids to one of {', '.join(WHOSE)}")
    for name, value in mapping.items():
        if value not in WHOSE:
            raise DataFileError(
                str(path), line_of(mapping), f"whose {name!r}: {value!r} must be one of {', '.join(WHOSE)}"
            )
    return {str(name): value for name, value in mapping.items()}


def _unless(path: Path, doc: dict, terms: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """``unless``: tag id → longer phrases in which its words mean something else."""
    unless = doc.get("unless") or {}
    ok = isinstance(unless, dict) and all(
        isinstance(v, list) and v and all(isinstance(w, str) and w.strip() for w in v) for v in unless.values()
    )
    if not ok:
        raise DataFileError(str(path), line_of(doc), "'unless' must map tag ids to a list of phrases")
    for tag in unless:
        if tag not in terms:
            raise DataFileError(
                str(path), line_of(unless), f"unless {tag!r}: the tag has no words to make exceptions to"
            )
    return {str(tag): tuple(w.strip() for w in words) for tag, words in unless.items()}


def _caveats(path: Path, doc: dict) -> dict[str, str]:
    caveats = doc.get("caveats") or {}
    if not isinstance(caveats, dict) or not all(isinstance(v, str) and v.strip() for v in caveats.values()):
        raise DataFileError(str(path), line_of(doc), "'caveats' must map tag ids to a short note")
    return {str(tag): " ".join(note.split()) for tag, note in caveats.items()}


@functools.lru_cache(maxsize=4)
def _cached(path: Path, mtime: float) -> Lexicon:
    return parse_lexicon(path)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The bundled lexicon (``data/lexicon.yaml``), or the file at ``path``; read once, cached."""
    path = path if path is not None else data_dir() / LEXICON_FILE
    return _cached(path, path.stat().st_mtime)


def suggest_tags(
    texts: Mapping[str, str],
    vocabulary: Vocabulary,
    lexicon: Lexicon | None = None,
    *,
    chosen: Iterable[str] = (),
    context: str | None = None,
    outcome: str | None = None,
    limit: int | None = MAX_SUGGESTIONS,
) -> list[Suggestion]:
    """Tags suggested by the words of ``texts`` (field → text), with the words that did it,
    best supported first (see :meth:`Lexicon.suggest` for what is left out).

    Examples
    --------
    >>> from workbook.content.vocab import load_vocabulary
    >>> suggest_tags({"narrative": "I felt anxious and on edge."}, load_vocabulary())
    [Suggestion(tag='anxious', words=('anxious', 'on edge'), field='narrative')]
    >>> suggest_tags({"narrative": "She felt anxious; I wasn't."}, load_vocabulary())
    [Suggestion(tag='fear', words=('anxious',), field='narrative')]
    """
    lexicon = lexicon or load_lexicon()
    return lexicon.suggest(texts, vocabulary, chosen=chosen, context=context, outcome=outcome, limit=limit)
