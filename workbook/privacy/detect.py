"""Finding identifiers in text: what each one is, where it is, and what could stand in its place

:func:`find_identifiers` runs every finder (registered aliases, formatted identifiers in
``structured.py``, addresses, institutions and possible names in ``capitals.py``) and
settles overlaps: formatted identifiers first, then the longest of aliases, addresses and
institutions, then possible names, which are only flagged. A journal is read by duck typing
(``people.list()``, ``people.alias_spans(text)``): this layer never imports the journal.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ValidationError
from .capitals import addresses, capitalised, pseudonym_shapes
from .structured import structured

KINDS = (
    "alias",
    "phone",
    "email",
    "postcode",
    "nhs_number",
    "ni_number",
    "date_of_birth",
    "address",
    "institution",
    "possible_name",
)
FLAGGED_KINDS = frozenset({"possible_name"})
_FORMATTED = frozenset({"phone", "email", "postcode", "nhs_number", "ni_number", "date_of_birth"})
_RANK = {kind: n for n, kind in enumerate(("nhs_number", "ni_number", "email", "phone", "date_of_birth", "postcode"))}


@dataclass(frozen=True)
class Finding:
    """One identifier: ``text[start:end]`` is ``text`` (only the match, nothing around it).

    ``replacement`` is what could stand in its place: the pseudonym for a registered alias,
    a bracketed label otherwise (``"[phone]"``, ``"[name?]"`` for a possible name). The repr
    never shows the matched text."""

    start: int
    end: int
    kind: str
    text: str = field(repr=False)
    replacement: str

    @property
    def flagged(self) -> bool:
        """True for a guess (a possible name) that a person should look at, not a certainty."""
        return self.kind in FLAGGED_KINDS

    def __repr__(self) -> str:
        return f"<Finding {self.kind} {self.start}-{self.end} -> {self.replacement!r}>"


class Spans:
    """Half-open intervals, merged where they overlap, for "does this overlap any of them?"."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start < self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        if not self._starts:
            return False
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._ends[i] > start


# -- names as registered ----------------------------------------------------------------------


def fold(text: str) -> str:
    """How registered names are compared: accents, case, apostrophes, dots and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(bare.replace("’", "'").replace(".", " ").replace("-", " ").split())


def _letter_variants() -> dict[str, str]:
    """Each ASCII letter and the accented Latin letters that fold to it ("e": "eéèêë...")."""
    variants: dict[str, list[str]] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = fold(char)
        if len(base) == 1 and base.isascii() and base.isalpha():
            variants.setdefault(base, []).append(char)
    return {base: "".join(chars) for base, chars in variants.items()}


_VARIANTS = _letter_variants()


def _name_pattern(name: str) -> str:
    """A pattern for a registered name in any case, with or without accents, dots or hyphens."""
    parts = []
    for char in fold(name):
        if char == " ":
            parts.append(r"(?:\.?\s+|[.\-‐]\s*)")
        elif char == "'":
            parts.append("['’]")
        elif char.isalpha():
            parts.append(f"[{re.escape(char + char.upper() + _VARIANTS.get(char, ''))}][\u0300-\u036f]*")
        else:
            parts.append(re.escape(char))
    return "".join(parts) + r"\.?" if name.rstrip().endswith(".") else "".join(parts)


class NameMatcher:
    """Finds registered names (aliases or pseudonyms) in text, whatever their case or accents.

    A name of one word must start with a capital in the text (a registered "Rose" leaves
    "she rose" alone); longer names match in any case. A possessive stays outside the match."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self._by_key: dict[str, str] = {}
        for name, value in names.items():
            key = fold(name)
            if key:
                self._by_key.setdefault(key, value)
        alternatives = sorted(self._by_key, key=len, reverse=True)
        body = "|".join(_name_pattern(key) for key in alternatives)
        # Letters are classes of both cases already; without IGNORECASE the search is faster.
        self._re = re.compile(rf"(?<![\w])(?:{body})(?![\w])") if body else None

    def __bool__(self) -> bool:
        return self._re is not None

    def spans(self, text: str) -> Iterator[tuple[int, int, str]]:
        if self._re is None:
            return
        keys: dict[str, str] = {}  # folded once per distinct spelling, for this text only
        for match in self._re.finditer(text):
            found = match.group()
            key = keys.get(found)
            if key is None:
                key = keys[found] = fold(found)
            value = self._by_key.get(key)
            if value is None:
                continue
            if " " not in key and not match.group()[0].isupper():
                continue
            yield match.start(), match.end(), value

    def __repr__(self) -> str:
        return f"<NameMatcher {len(self._by_key)} names>"


@dataclass
class Register:
    """What a caller knows about people: aliases (real name -> pseudonym) and pseudonyms."""

    aliases: NameMatcher
    pseudonyms: NameMatcher
    journal_people: Any = None  # ``journal.people`` when it offers ``alias_spans``

    def alias_spans(self, text: str) -> list[tuple[int, int, str]]:
        found = list(self.aliases.spans(text))
        if self.journal_people is not None:
            found.extend(tuple(span) for span in self.journal_people.alias_spans(text))
        return found

    def __repr__(self) -> str:
        return f"<Register aliases={self.aliases!r} pseudonyms={self.pseudonyms!r}>"


def register_of(
    journal: Any = None, aliases: Mapping[str, str] | None = None, pseudonyms: Iterable[str] | None = None
) -> Register:
    """The register from a journal (duck typed) and/or an ``aliases`` mapping and ``pseudonyms``.

    A journal's people give their pseudonyms; its ``people.alias_spans(text)`` finds their
    aliases. A journal without ``alias_spans`` falls back to each person's ``aliases``."""
    alias_map = _checked_aliases(aliases)
    names = {p: p for p in _checked_pseudonyms(pseudonyms)} | {p: p for p in alias_map.values()}
    people_api = None
    if journal is not None:
        people = getattr(journal, "people", None)
        if people is None or not callable(getattr(people, "list", None)):
            raise ValidationError("journal", "must be a journal (something with people.list()).")
        for person in people.list():
            names.setdefault(person.pseudonym, person.pseudonym)
            if not callable(getattr(people, "alias_spans", None)):
                alias_map.update({alias: person.pseudonym for alias in getattr(person, "aliases", ())})
        if callable(getattr(people, "alias_spans", None)):
            people_api = people
    return Register(NameMatcher(alias_map), NameMatcher(names), people_api)


def _checked_aliases(aliases: Any) -> dict[str, str]:
    if aliases is None:
        return {}
    if not isinstance(aliases, Mapping):
        raise ValidationError("aliases", "must be a mapping of real names to pseudonyms.")
    for name, pseudonym in aliases.items():
        if not isinstance(name, str) or not isinstance(pseudonym, str):
            raise ValidationError("aliases", "must map names (text) to pseudonyms (text).")
    return dict(aliases)


def _checked_pseudonyms(pseudonyms: Any) -> list[str]:
    if pseudonyms is None:
        return []
    if isinstance(pseudonyms, str) or not all(isinstance(p, str) for p in pseudonyms):
        raise ValidationError("pseudonyms", "must be a list of pseudonyms (text).")
    return list(pseudonyms)


def check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise ValidationError("text", f"must be text (str), not {type(text).__name__}.")
    return text


# -- finding and settling ---------------------------------------------------------------------

Candidate = tuple[int, int, str, str]


def _settle(size: int, tiers: Iterable[Iterable[Candidate]]) -> list[Candidate]:
    """Keep, tier by tier, the candidates that overlap nothing kept before them: within a tier
    the longest first (then the most specific kind)."""
    taken = bytearray(size)  # one byte per character of the text: 1 where a finding is kept
    kept: list[Candidate] = []
    for tier in tiers:
        ordered = sorted(tier, key=lambda c: (c[0] - c[1], _RANK.get(c[2], 99), c[0]))
        for candidate in ordered:
            start, end = candidate[0], candidate[1]
            if end > start and taken.find(1, start, end) == -1:
                taken[start:end] = b"\x01" * (end - start)
                kept.append(candidate)
    return sorted(kept)


def find_identifiers(
    text: str,
    journal: Any = None,
    *,
    aliases: Mapping[str, str] | None = None,
    pseudonyms: Iterable[str] | None = None,
) -> list[Finding]:
    """Every identifier in ``text``, in order: registered aliases (with their pseudonym), UK
    phone numbers, email addresses, postcodes, NHS numbers (check digit valid), National
    Insurance numbers, dates of birth, street addresses, institutions, and capitalised words
    that look like names nobody registered (``kind="possible_name"``, flagged for review).

    ``journal`` (optional) supplies the register; ``aliases`` ({real name: pseudonym}) and
    ``pseudonyms`` add to it. Pseudonyms ("Parent Willow", "Young person B") are never found."""
    return list(_find(check_text(text), register_of(journal, aliases, pseudonyms)))


def identifier_finder(
    journal: Any = None,
    *,
    aliases: Mapping[str, str] | None = None,
    pseudonyms: Iterable[str] | None = None,
) -> Callable[[str], list[Finding]]:
    """:func:`find_identifiers` with the register read once: for many texts at a time (a
    form's fields, every entry in ``workbook doctor``). Reading the register (the people
    list, the pseudonym patterns) is most of the cost of one short text: on the demo journal's
    2,060 texts, 5.4 of 7.0 seconds."""
    register = register_of(journal, aliases, pseudonyms)

    def find(text: str) -> list[Finding]:
        return list(_find(check_text(text), register))

    return find


def _find(text: str, register: Register) -> Iterator[Finding]:
    if not text:
        return
    formatted = list(structured(text))
    pseudonyms = [(s, e) for s, e, _ in register.pseudonyms.spans(text)]  # read once, used twice
    shields = Spans(pseudonyms)
    names = [(s, e, "alias", p) for s, e, p in register.alias_spans(text) if not shields.overlaps(s, e)]
    places = [hit for hit in addresses(text) if not shields.overlaps(hit[0], hit[1])]
    blocked = [(h[0], h[1]) for h in (*formatted, *places)]
    blocked += pseudonyms
    blocked += list(pseudonym_shapes(text))
    others, _services = capitalised(text, blocked, [(h[0], h[1]) for h in names])
    institutions = [h for h in others if h[2] == "institution"]
    possible = [h for h in others if h[2] == "possible_name"]
    for start, end, kind, replacement in _settle(len(text), (formatted, names + places + institutions, possible)):
        yield Finding(start, end, kind, text[start:end], replacement)
