"""Capitalised words: street addresses, institutions, and words that look like names

Addresses are a house number and capitalised words before a street type ("14 Acacia Road").
Runs of capitalised words are then read one by one: a run ending in an institution word is an
institution when a distinctive word comes before it ("Riverside Academy"), and only a service
when every word is generic ("Children's Services"); what is left and not known (``words.py``)
is a possible name, flagged for a person to look at rather than trusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .words import (
    CONNECTORS,
    GENERIC,
    GIVEN_NAMES,
    INSTITUTION_SUFFIXES,
    NAME_VERBS,
    NOT_PEOPLE,
    PARTICLES,
    PLACES,
    SENTENCE_STARTERS,
    TITLES,
)

Hit = tuple[int, int, str, str]
Span = tuple[int, int]

_CAP = r"[A-Z][^\W\d_]*(?:['’-][^\W\d_]+)*"
_STREET_ANY = (
    "Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Cres|Gardens|Gdns|Grove|Place|Pl"
    "|Terrace|Tce|Square|Sq|Court|Ct|Hill|Walk|Mews|Row|Rise|Parade|View|Green|Park|Vale|Wharf|Yard|Boulevard"
)
_STREET_PLAIN = "Road|Street|Lane|Avenue|Close|Drive|Crescent|Gardens|Grove|Terrace|Mews"
# Street types that are also ordinary words in notes ("3 Family Court hearings"): numbered
# addresses with these need a distinctive word in front.
_AMBIGUOUS_STREETS = frozenset(
    "court ct hill green park view way place pl row walk rise vale square sq yard parade st dr".split()
)
_COMMON_STREETS = frozenset("high main station church market school park new old north south east west".split())

# Addresses are read back from each street type ("Road", "Lane"): a scan for those words is
# much quicker than trying a house number at every digit.
STREET_TYPE_RE = re.compile(rf"(?<=[^\W\d_] )(?:{_STREET_ANY})(?![\w])")
NUMBERED_ADDRESS_RE = re.compile(
    r"(?<![\w/.,-])(?:(?:Flat|Apartment|Apt\.?|Unit|Room)\s+\d{1,4}[A-Za-z]?,?\s+)?"
    rf"\d{{1,4}}[A-Za-z]?(?:[-–]\d{{1,4}}[A-Za-z]?)?,?\s+(?P<words>(?:{_CAP}\s+){{1,3}})\Z"
)
PLAIN_ADDRESS_RE = re.compile(rf"(?<![\w])(?P<words>(?:{_CAP}\s+){{1,2}})\Z")
_PLAIN_TYPES = frozenset(_STREET_PLAIN.split("|"))
_REACH = 90  # how far back from a street type its house number and name may start

# A pseudonym's shape: a role word, perhaps a title, then a name or a letter ("Parent Willow",
# "Young person B", "Patient Mr Heron"). Never flagged, registered or not.
ROLE_RE = re.compile(
    r"(?<![\w])(?:Parent|Child|Young [Pp]erson|Patient|Relative|Service [Uu]ser|Carer|Foster [Cc]arer|Colleague"
    r"|Professional|Client|Resident|Pupil|Baby|Sibling|Person|Student|Other)\s+"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?[A-Z][^\W\d_]*(?![\w])"
)
_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]*(?:['’-][^\W\d_]+)*"
TOKEN_RE = re.compile(rf"(?<![^\W\d_]){_WORD}")
_JOINERS = (
    r"(?:['’]s)?[ \u00a0]|(?:(?<=Mr)|(?<=Mrs)|(?<=Ms)|(?<=Dr)|(?<=St)|(?<=Mx))\. "
    r"| (?:of|and|for|the|&|at|van|von|der|den|de|da|di|du|le|la|al|el|bin|ter|ten)(?: (?:der|den|de|la))? "
)
RUN_RE = re.compile(rf"(?<![^\W\d_]){_WORD}(?:(?:{_JOINERS})(?=[A-ZÀ-ÖØ-ÞĀ-ſ]){_WORD})*")
_POSSESSIVE = ("'s", "’s")
_SENTENCE_END = frozenset(".!?:\r\n•*")
_OPENERS = " \t\u00a0\"“‘'([-–"
_NEXT_WORD_RE = re.compile(r"['’]s\b|\s+([a-z]+)")
_WORD_BEFORE_DOT_RE = re.compile(r"([\w.]+)\.$")
_KNOWN = GENERIC | NOT_PEOPLE | PLACES
_KEPT_ALONE = TITLES | {"st", "saint"}
_BREAKERS = frozenset(
    w.capitalize() for w in SENTENCE_STARTERS - GENERIC - GIVEN_NAMES - INSTITUTION_SUFFIXES.keys() - TITLES
) | {"I", "A"}


@dataclass(slots=True)
class Token:
    start: int
    end: int  # without a possessive 's
    word: str
    key: str  # case-folded, possessive removed
    full_end: int  # with it
    joined_by: str = ""  # how it joins the token before: "" (a space), a connector ("of"), "particle"


def _token(match: re.Match[str]) -> Token:
    word = match.group()
    end = match.end()
    if word.endswith(_POSSESSIVE) and len(word) > 3:
        word, end = word[:-2], end - 2
    return Token(match.start(), end, word, word.casefold().rstrip("'’"), match.end())


def _join(text: str, before: Token, after: Token) -> str | None:
    """How two capitalised words are joined, or None if they are not in one run."""
    gap = text[before.end : after.start]
    if gap.startswith(("'s", "’s")):
        gap = gap[2:]
        if gap in (" ", "\u00a0"):
            return ""
        return None
    if gap in (" ", "\u00a0") or (gap == ". " and before.key in TITLES | {"st"}):
        return ""
    word = gap.strip().casefold()
    if gap == f" {gap.strip()} " and word in CONNECTORS:
        return word
    if gap == f" {gap.strip()} " and all(w in PARTICLES for w in word.split()):
        return "particle"
    return None


def _dismissed(word: str) -> bool:
    """A capitalised word standing alone that is no name and no institution ("Monday", "NHS")."""
    if word in _BREAKERS or len(word) == 1 or word.isupper() or not word[0].isupper():
        return True
    key = word.casefold().replace("’", "'")
    key = key[:-2] if key.endswith("'s") else key
    return known(key) and key not in INSTITUTION_SUFFIXES and key not in _KEPT_ALONE


def runs(text: str) -> Iterator[list[Token]]:
    """Capitalised words joined by spaces, connectors ("of", "and") or surname particles.

    The regular expression finds whole runs; a run of one word (most of them) is settled
    without building tokens, which keeps long texts fast."""
    for match in RUN_RE.finditer(text):
        chunk = match.group()
        if " " not in chunk and "\u00a0" not in chunk:
            if not _dismissed(chunk):
                yield [_token(match)]
            continue
        yield from _split(text, match.start(), match.end())


def _split(text: str, start: int, end: int) -> Iterator[list[Token]]:
    run: list[Token] = []
    for match in TOKEN_RE.finditer(text, start, end):
        word = match.group()
        if not word[0].isupper():
            continue
        if word in _BREAKERS:  # "The", "She", "I": never part of a name or an institution
            if run:
                yield run
                run = []
            continue
        token = _token(match)
        if run:
            joined = _join(text, run[-1], token)
            if joined is None:
                yield run
                run = []
            else:
                token.joined_by = joined
        run.append(token)
    if run:
        yield run


def sentence_initial(text: str, start: int) -> bool:
    """Does the word at ``start`` open a sentence, a line, a quotation or a list item?"""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0:
        return True
    if text[i] != ".":
        return text[i] in _SENTENCE_END
    before = _WORD_BEFORE_DOT_RE.search(text, max(0, i - 8), i + 1)
    return before is None or before.group(1).casefold() not in TITLES | {"st", "e.g", "i.e", "no"}


# -- addresses -------------------------------------------------------------------------------


def addresses(text: str) -> Iterator[Hit]:
    """Numbered addresses ("Flat 2, 7 Mill Lane") and named streets ("Larch Crescent")."""
    for street in STREET_TYPE_RE.finditer(text):
        start, end = street.span()
        before = max(0, start - _REACH)
        numbered = NUMBERED_ADDRESS_RE.search(text, before, start)
        if numbered is not None:
            words = numbered.group("words").casefold().split()
            if street.group().casefold() not in _AMBIGUOUS_STREETS or not all(w in GENERIC for w in words):
                yield numbered.start(), end, "address", "[address]"
                continue
        if street.group() in _PLAIN_TYPES:
            plain = PLAIN_ADDRESS_RE.search(text, before, start)
            if plain is not None:
                found = _named_street(text, plain.start(), end)
                if found is not None:
                    yield found


def _named_street(text: str, start: int, end: int) -> Hit | None:
    """ "Visited Acacia Road": the street is "Acacia Road"; "the High Street" is no address."""
    words = text[start:end].split()
    for word in words[:-1]:
        if word.casefold() not in SENTENCE_STARTERS | GENERIC | NOT_PEOPLE:
            break
        start = text.index(word, start) + len(word)
        while text[start].isspace():
            start += 1
    names = text[start:end].split()[:-1]
    if not names or all(w.casefold() in _COMMON_STREETS for w in names):
        return None
    return start, end, "address", "[address]"


def pseudonym_shapes(text: str) -> Iterator[Span]:
    for match in ROLE_RE.finditer(text):
        yield match.start(), match.end()


# -- institutions ---------------------------------------------------------------------------


def _distinctive(token: Token) -> bool:
    return token.key not in GENERIC and token.key not in INSTITUTION_SUFFIXES and token.key not in {"st", "saint"}


def _crosses(run: list[Token], j: int) -> bool:
    """May an institution's name reach back from ``run[j + 1]`` to ``run[j]``? Over a space yes;
    over "and" only between generic words ("Drug and Alcohol", not "Academy and Northgate");
    over "of", "for", "at", "the" after an institution word ("Church of England", not "GP at")."""
    joined = run[j + 1].joined_by
    if joined == "":
        return True
    if joined == "particle":
        return False
    if joined in {"and", "&"}:
        return run[j].key in GENERIC and run[j].key not in INSTITUTION_SUFFIXES
    return run[j].key in INSTITUTION_SUFFIXES


def _institution_start(run: list[Token], last: int, floor: int) -> int:
    """Walk back from the institution word over its name; stop at "The" and at words that open
    sentences ("Visited Riverside Academy")."""
    first = last
    for j in range(last - 1, floor - 1, -1):
        key = run[j].key
        if not _crosses(run, j) or key in {"the", "a", "an"}:
            break
        if key in SENTENCE_STARTERS and key not in GENERIC and key not in INSTITUTION_SUFFIXES:
            break
        first = j
    return first


def _final_suffix(run: list[Token], i: int) -> bool:
    """``run[i]`` ends an institution's name unless the name goes on ("Primary School",
    "Church of England Primary School")."""
    if run[i].key not in INSTITUTION_SUFFIXES:
        return False
    if i + 1 == len(run):
        return True
    following = run[i + 1]
    if following.joined_by == "":
        return following.key not in INSTITUTION_SUFFIXES
    return following.joined_by not in {"of", "for"}


def institutions(run: list[Token]) -> Iterator[tuple[int, int, bool, str]]:
    """(first, last, identifying, replacement) index ranges of the run that name a service or
    an institution; identifying when a distinctive word is part of the name."""
    finals = [i for i in range(len(run)) if _final_suffix(run, i)]
    last_final = finals[-1] if finals else -1
    floor = 0
    for i, token in enumerate(run):
        if i < floor:
            continue
        if _final_suffix(run, i):
            first = _institution_start(run, i, floor)
            yield first, i, any(_distinctive(t) for t in run[first:i]), INSTITUTION_SUFFIXES[token.key]
            floor = i + 1
        elif token.key in {"st", "saint"} and i + 1 < len(run) and run[i + 1].joined_by == "" and last_final < i:
            yield i, i + 1, True, "[institution]"  # "St Christopher's", with no "Hospice" after it
            floor = i + 2


# -- possible names -------------------------------------------------------------------------


def _next_word(text: str, end: int) -> str:
    match = _NEXT_WORD_RE.match(text, end)
    if match is None:
        return ""
    return "'s" if match.group(1) is None else match.group(1)


def _opening_word_is_a_name(text: str, run: list[Token], index: int, keep_next: bool) -> bool:
    """A capitalised word that opens a sentence is a name if it is a common given name, or an
    unknown word followed by another name word, an 's, or a verb such as "said"."""
    key = run[index].key
    if key in GIVEN_NAMES:
        return True
    if key in SENTENCE_STARTERS or key.endswith(("ed", "ing", "ly")):
        return False
    return keep_next or _next_word(text, run[index].end) in NAME_VERBS | {"'s"}


def known(key: str) -> bool:
    """A word that is not a person: listed, the plural of one ("Fridays"), or a compound
    starting with one ("Welsh-speaking")."""
    if key in _KNOWN or key in INSTITUTION_SUFFIXES:
        return True
    if key.endswith("s") and key[:-1] in _KNOWN:
        return True
    return "-" in key and key.split("-", 1)[0] in _KNOWN


def _is_name_word(token: Token) -> bool:
    if len(token.word) == 1 or token.word.isupper():
        return False  # initials stand only after a title; CAMHS, NHS, GP are acronyms
    return not known(token.key)


def _segments(run: list[Token], skip: set[int]) -> Iterator[list[int]]:
    """Indices of neighbouring tokens that may form one name (connectors split them)."""
    segment: list[int] = []
    for i, token in enumerate(run):
        if i in skip or token.joined_by not in {"", "particle"}:
            if segment:
                yield segment
            segment = [] if i in skip else [i]
            continue
        segment.append(i)
    if segment:
        yield segment


def _names_in(text: str, run: list[Token], segment: list[int]) -> Iterator[Span]:
    kept: list[int] = []
    for position, i in enumerate(segment):
        token = run[i]
        after_title = bool(kept) and run[kept[-1]].key in TITLES
        if token.key in TITLES and position + 1 < len(segment):
            kept.append(i)
            continue
        if after_title and (len(token.word) == 1 or _is_name_word(token) or token.key in GIVEN_NAMES):
            kept.append(i)
            continue
        name_word = _is_name_word(token)
        if name_word and kept == [] and sentence_initial(text, token.start):
            following = position + 1 < len(segment) and _is_name_word(run[segment[position + 1]])
            name_word = _opening_word_is_a_name(text, run, i, following)
        if name_word:
            kept.append(i)
            continue
        yield from _close(run, kept)
        kept = []
    yield from _close(run, kept)


def _close(run: list[Token], kept: list[int]) -> Iterator[Span]:
    """The span of the kept words, without titles left dangling at its end ("Mr" alone)."""
    last = len(kept) - 1
    while last >= 0 and run[kept[last]].key in TITLES:
        last -= 1
    if last >= 0:
        yield run[kept[0]].start, run[kept[last]].end


def _skipped(run: list[Token], taken: Any) -> set[int]:
    if not taken.overlaps(run[0].start, run[-1].full_end):
        return set()
    return {i for i, t in enumerate(run) if taken.overlaps(t.start, t.end)}


def capitalised(text: str, blocked: Iterable[Span], names: Iterable[Span] = ()) -> tuple[list[Hit], list[Span]]:
    """Institutions (``"institution"``) and possible names (``"possible_name"``) among the
    capitalised words outside ``blocked``; ``names`` (registered aliases) block only possible
    names, since an institution may hold one ("St Mary's"). Also the spans of generic
    services, which are not identifiers but whose words are not names either."""
    from .detect import Spans  # the interval set lives beside the resolver that uses it most

    taken, registered = Spans(blocked), Spans(names)
    hits: list[Hit] = []
    services: list[Span] = []
    for run in runs(text):
        skip = _skipped(run, taken)
        for first, last, identifying, replacement in institutions(run):
            if any(i in skip for i in range(first, last + 1)):
                continue
            span = (run[first].start, run[last].full_end if replacement == "[institution]" else run[last].end)
            if identifying:
                hits.append((*span, "institution", replacement))
            else:
                services.append(span)
            skip.update(range(first, last + 1))
        for segment in _segments(run, skip | _skipped(run, registered)):
            hits.extend((s, e, "possible_name", "[name?]") for s, e in _names_in(text, run, segment))
    return hits, services
