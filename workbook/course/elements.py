"""The elements of reflection in a piece of writing, found by rules a student can read.

Six elements, after the models most courses name (Gibbs 1988; Driscoll; Johns; Brookfield's
lenses; DOMAIN.md §1 and §6): what happened (**description**), the writer's own
**feelings**, **analysis** that uses ideas to explain it, other people's **perspectives**,
**evaluation** of what went well or badly, and what the writer will **change**.

The rules are in ``data/elements.yaml``: for each element, rules of phrases (matched like
the tag lexicon's words, :mod:`workbook.content.lexicon`) or regular expressions, each with
an ``id`` and a one-line ``why`` to show the student beside the sentence it found. A rule
may take the feeling words of the tag lexicon instead of listing its own (``lexicon:
feelings``), so the two never drift apart. A rule with ``whose`` keeps a match only when it
is that person's (:mod:`workbook.content.attribution`): "I was anxious" is the writer's
feeling, "she was anxious" is not. Unlike a tag suggestion, a negated or hypothetical
match still counts: "I did not feel confident" is writing about a feeling, and "it was not
helpful" is evaluation. Each element may also list ``not`` rules: phrases inside which its
rules do not count ("I felt that the plan was rushed" is an opinion, not a feeling).

Nothing here leaves the machine, learns, or keeps what was written: :func:`find_elements`
returns offsets and rule ids only, never text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..content.attribution import OTHER, TEAM, WRITER, TextReader, fold, term_owner
from ..content.datafiles import line_of, load_yaml
from ..content.lexicon import compile_terms, load_lexicon, term_pattern
from ..content.vocab import load_vocabulary
from ..errors import DataFileError
from ..paths import data_dir

RULES_FILE = "elements.yaml"


@dataclass(frozen=True)
class Element:
    """One element of reflection: its id, a plain label and a one-line description."""

    id: str
    label: str
    description: str


ELEMENTS: tuple[Element, ...] = (
    Element("description", "Description", "What happened: who was there, what was said and what you did."),
    Element("feelings", "Your feelings", "How you felt before, during or after: your own feelings, not others'."),
    Element(
        "analysis", "Analysis", "Why it happened: theory, research, the law or your own reasoning used to explain it."
    ),
    Element("perspectives", "Other perspectives", "How it looked to others: the person, their family, colleagues."),
    Element("evaluation", "Evaluation", "What went well or badly, and what helped or did not."),
    Element("change", "What will change", "What you will do differently, learn or try next time."),
)
ELEMENT_IDS: tuple[str, ...] = tuple(e.id for e in ELEMENTS)

#: Whose words a rule needs (as in the tag lexicon): ``me`` the writer's, ``us`` the writer's
#: or the team's, ``them`` someone else's, ``anyone`` (the default) no check.
WHOSE = {"me": frozenset({WRITER}), "us": frozenset({WRITER, TEAM}), "them": frozenset({OTHER}), "anyone": None}
_SELF_WORDS = frozenset({"i", "me", "my", "myself"})


@dataclass(frozen=True)
class ElementHit:
    """One rule's match: ``start``/``end`` are offsets in the whole text, ``sentence`` the
    index of its sentence in :func:`split_sentences`."""

    element: str
    sentence: int
    start: int
    end: int
    rule: str

    @property
    def sentence_index(self) -> int:
        return self.sentence


@dataclass(frozen=True)
class Rule:
    """One rule of an element: a compiled pattern, whose words it needs, and why it counts."""

    id: str
    element: str
    why: str
    pattern: re.Pattern[str]
    whose: str = "anyone"
    negative: bool = False

    def __repr__(self) -> str:
        kind = "not " if self.negative else ""
        return f"<Rule {self.id} ({kind}{self.element})>"


class ElementRules:
    """The rules of every element, in :data:`ELEMENTS` order, read from one file."""

    def __init__(self, rules: Iterable[Rule], source: str = "") -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.source = source
        self.by_id = {rule.id: rule for rule in self.rules}

    def __repr__(self) -> str:
        return f"<ElementRules {len(self.rules)} rules>"

    def why(self, rule_id: str) -> str:
        """The one-line reason of a rule, to show beside the sentence it found."""
        return self.by_id[rule_id].why

    def find(self, text: str) -> list[ElementHit]:
        hits: list[ElementHit] = []
        for index, (offset, sentence) in enumerate(sentence_spans(text)):
            reader = TextReader(sentence)
            blocked: dict[str, list[tuple[int, int]]] = {}
            for rule in self.rules:
                if rule.negative:
                    spans = [m.span() for m in rule.pattern.finditer(sentence)]
                    blocked.setdefault(rule.element, []).extend(spans)
            for rule in self.rules:
                if rule.negative:
                    continue
                inside = blocked.get(rule.element, ())
                for match in rule.pattern.finditer(sentence):
                    start, end = match.span()
                    if start == end or any(a <= start and end <= b for a, b in inside):
                        continue
                    if not _owned(rule.whose, reader, start, end, match.group()):
                        continue
                    hits.append(ElementHit(rule.element, index, offset + start, offset + end, rule.id))
        order = {e: n for n, e in enumerate(ELEMENT_IDS)}
        hits.sort(key=lambda h: (h.sentence, order[h.element], h.start))
        return hits


def _owned(whose: str, reader: TextReader, start: int, end: int, word: str) -> bool:
    owners = WHOSE[whose]
    if owners is None:
        return True
    owner = term_owner(word)
    if owner is None and any(fold(w) in _SELF_WORDS for w in re.findall(r"\w+", word)):
        owner = WRITER  # "made me feel", "left me feeling": the phrase names the writer
    return reader.read(start, end, owner).owner in owners


# -- sentences ------------------------------------------------------------------------------

#: Words ending in a full stop that do not end a sentence (compared without the stop, in lower case).
ABBREVIATIONS = frozenset(
    """e.g eg i.e ie etc dr mr mrs ms mx prof st vs approx no nos al cf esp incl fig ref dept
    ca c.f a.m p.m""".split()
)
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*(?:[-*\u2022]|\d+[.)])\s)")
_LAST_WORD = re.compile(r"([\w.]+)$")


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """The sentences of ``text`` as (offset, sentence), whitespace trimmed.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by a space or the end, except
    after an abbreviation ("e.g.", "Dr.", "Mrs.", "et al.") or when the next word starts in
    lower case ("approx. three"); a blank line or a new list item always ends one.
    """
    text = unicodedata.normalize("NFC", text or "")
    cuts = [0]
    for block in _PARAGRAPH.finditer(text):
        cuts.append(block.end())
    ends: list[int] = []
    for match in _END.finditer(text):
        stop = match.end()
        if match.group().startswith(".") and len(match.group().rstrip("\"'\u201d\u2019)]")) == 1:
            last = _LAST_WORD.search(text[max(0, match.start() - 12) : match.start()])
            if last and last.group(1).casefold() in ABBREVIATIONS:
                continue
        following = text[stop:].lstrip()
        if following[:1].islower():
            continue
        ends.append(stop)
    bounds = sorted({*cuts, *ends, len(text)})
    spans: list[tuple[int, str]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = text[a:b]
        stripped = piece.strip()
        if stripped:
            spans.append((a + len(piece) - len(piece.lstrip()), stripped))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (see :func:`sentence_spans`)."""
    return [sentence for _, sentence in sentence_spans(text)]


# -- the rules file -------------------------------------------------------------------------


def parse_rules(path: Path, *, feeling_words: Mapping[str, Iterable[str]] | None = None) -> ElementRules:
    """Read a rules file; a problem is a DataFileError naming the file and the line.

    ``feeling_words`` maps a vocabulary group id to its words, for rules with ``lexicon``
    (default: the tag lexicon's words for each group).
    """
    doc = load_yaml(path)
    where = str(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("elements"), dict):
        raise DataFileError(where, line_of(doc), "needs an 'elements' mapping of element id to its rules")
    elements = doc["elements"]
    rules: list[Rule] = []
    seen: set[str] = set()
    for element, body in elements.items():
        if element not in ELEMENT_IDS:
            raise DataFileError(
                where, line_of(elements), f"{element!r} is not an element (one of {', '.join(ELEMENT_IDS)})"
            )
        if not isinstance(body, dict) or not isinstance(body.get("rules"), list) or not body["rules"]:
            raise DataFileError(where, line_of(body) or line_of(elements), f"{element}: needs a list of 'rules'")
        for key, negative in (("rules", False), ("not", True)):
            items = body.get(key) or []
            if not isinstance(items, list):
                raise DataFileError(where, line_of(body), f"{element}: '{key}' must be a list of rules")
            for item in items:
                rule = _rule(where, element, item, negative, feeling_words)
                if rule.id in seen:
                    raise DataFileError(where, line_of(item), f"rule id {rule.id!r} is used twice")
                seen.add(rule.id)
                rules.append(rule)
    missing = [e for e in ELEMENT_IDS if e not in elements]
    if missing:
        raise DataFileError(where, line_of(elements), f"no rules for {', '.join(missing)}")
    order = {e: n for n, e in enumerate(ELEMENT_IDS)}
    return ElementRules(sorted(rules, key=lambda r: order[r.element]), source=where)


def _rule(
    where: str, element: str, item: object, negative: bool, feeling_words: Mapping[str, Iterable[str]] | None
) -> Rule:
    if not isinstance(item, dict):
        raise DataFileError(where, None, f"{element}: each rule must be a mapping with id, why and phrases or regex")
    line = line_of(item)
    rule_id, why = item.get("id"), item.get("why")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", rule_id):
        raise DataFileError(where, line, f"{element}: rule id {rule_id!r} must be lowercase letters, digits and '-'")
    if not isinstance(why, str) or not why.strip():
        raise DataFileError(where, line, f"rule {rule_id}: needs a one-line 'why' a student can read")
    unknown = set(item) - {"id", "why", "phrases", "regex", "lexicon", "whose"}
    if unknown:
        raise DataFileError(where, line, f"rule {rule_id}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    whose = item.get("whose", "anyone")
    if whose not in WHOSE:
        raise DataFileError(where, line, f"rule {rule_id}: whose must be one of {', '.join(WHOSE)}, not {whose!r}")
    sources = _sources(where, line, rule_id, item, feeling_words)
    pattern = re.compile("|".join(sources), re.IGNORECASE)
    return Rule(rule_id, element, " ".join(why.split()), pattern, whose, negative)


def _sources(
    where: str, line: int | None, rule_id: str, item: dict, feeling_words: Mapping[str, Iterable[str]] | None
) -> list[str]:
    """The regex sources of one rule: its phrases (and lexicon words) as one, then each regex."""
    sources: list[str] = []
    phrases = item.get("phrases") or []
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip().rstrip("*") for p in phrases):
        raise DataFileError(where, line, f"rule {rule_id}: 'phrases' must be a list of words or phrases")
    words = list(phrases)
    group = item.get("lexicon")
    if group is not None:
        groups = feeling_words if feeling_words is not None else _lexicon_groups()
        if group not in groups:
            raise DataFileError(where, line, f"rule {rule_id}: lexicon group {group!r} has no words")
        words.extend(groups[group])
    if words:
        sources.append(compile_terms([term_pattern(w) for w in words]).pattern)
    regexes = item.get("regex") or []
    if not isinstance(regexes, list) or not all(isinstance(r, str) and r.strip() for r in regexes):
        raise DataFileError(where, line, f"rule {rule_id}: 'regex' must be a list of regular expressions")
    for source in regexes:
        try:
            re.compile(f"(?:{source})")  # as it will be joined: a global flag such as (?s) is refused here
        except re.error as exc:
            raise DataFileError(where, line, f"rule {rule_id}: regex {source!r} is not valid ({exc})") from exc
        sources.append(f"(?:{source})")
    if not sources:
        raise DataFileError(where, line, f"rule {rule_id}: needs 'phrases', 'regex' or 'lexicon'")
    return sources


@functools.lru_cache(maxsize=1)
def _lexicon_groups() -> dict[str, tuple[str, ...]]:
    """Vocabulary group id → every word the tag lexicon lists for that group's tags."""
    lexicon, vocabulary = load_lexicon(), load_vocabulary()
    groups: dict[str, list[str]] = {}
    for tag in vocabulary:
        groups.setdefault(tag.group, []).extend(lexicon.terms.get(tag.id, ()))
    return {group: tuple(words) for group, words in groups.items() if words}


@functools.lru_cache(maxsize=4)
def _cached(path: Path, mtime: float) -> ElementRules:
    return parse_rules(path)


def load_rules(path: Path | None = None) -> ElementRules:
    """The bundled rules (``data/elements.yaml``), or the file at ``path``; read once, cached."""
    path = path if path is not None else data_dir() / RULES_FILE
    return _cached(path, path.stat().st_mtime)


# -- the API --------------------------------------------------------------------------------


def find_elements(text: str, rules: ElementRules | None = None) -> list[ElementHit]:
    """Every rule match in ``text``, by sentence, then element order, then position.

    Examples
    --------
    >>> [(h.element, h.sentence, h.rule) for h in find_elements("She was upset. I was anxious.")]
    [('feelings', 1, 'feelings-words')]
    """
    return (rules or load_rules()).find(text)


def elements_of(text: str, rules: ElementRules | None = None) -> dict[str, list[str]]:
    """Each element id (all of them, in :data:`ELEMENTS` order) → the sentences showing it."""
    sentences = split_sentences(text)
    shown: dict[str, list[int]] = {e: [] for e in ELEMENT_IDS}
    for hit in find_elements(text, rules):
        if hit.sentence not in shown[hit.element]:
            shown[hit.element].append(hit.sentence)
    return {element: [sentences[i] for i in indices] for element, indices in shown.items()}


def sentence_elements(text: str, rules: ElementRules | None = None) -> list[tuple[str, frozenset[str]]]:
    """Each sentence of ``text`` with the set of elements it shows (the benchmark's view)."""
    sentences = split_sentences(text)
    found: list[set[str]] = [set() for _ in sentences]
    for hit in find_elements(text, rules):
        found[hit.sentence].add(hit.element)
    return [(s, frozenset(f)) for s, f in zip(sentences, found, strict=True)]
