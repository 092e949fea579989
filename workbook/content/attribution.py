"""Whose feeling a word is, and whether it was said at all: the reading behind tag suggestions.

A tag suggestion is only worth showing when it lands in the right group: "she felt ashamed"
is the other person's shame, not the writer's, "I nearly cried" is not the other person's
distress, "I wasn't angry" is no anger at all, and "I could have paused more" is a pause
that did not happen. :class:`TextReader` reads one text once and answers, for any span of
it, who it belongs to (:data:`WRITER`, :data:`OTHER`, :data:`TEAM` or :data:`UNKNOWN`) and
whether it is negated or only hypothetical.

The rules are small and plain on purpose, so that a practitioner can predict them:

* the text is cut into clauses at sentence ends, semicolons, dashes and words such as
  *but*, *because*, *when*, *while*, *until*;
* walking back from the word through its clause, the first person it meets decides: a
  subject (*I*, *she*, *they*, *Mum*, *the patient*, a capitalised name such as *Mrs B*),
  or a possessive or object right next to it (*her* anger, made *me* anxious);
  colleagues (*my manager*, *the consultant*) are nobody's feeling for these two groups;
* objects further away (*I sat with her and felt sad*) and people after a preposition
  (*I explained it to the patient gently*) are passed over;
* a clause that starts with *felt*, *was*, *still*... has the writer as its subject, as a
  diary does ("Felt drained all afternoon");
* *not*, *never*, *no*, *-n't*, *without*, *nobody*... in the few words before (after the
  person) negate it; *could have*, *should*, *would*, *if*, *need to*, *next time*... make
  it hypothetical.

When no rule decides, the owner is :data:`UNKNOWN`, and a suggestion that needs an owner is
not made: a missing suggestion costs less than one in the wrong group.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

WRITER = "writer"  # I, me, my
OTHER = "other"  # she, he, they, Mum, the child, a name
TEAM = "team"  # we: the writer with others
UNKNOWN = "unknown"

_APOSTROPHES = "\u2019\u2018\u02bc"
_WORD = re.compile(r"\w+(?:['\u2019\u2018\u02bc]\w+)*|,")
_CLAUSE_BREAK = re.compile(
    r"[.!?;:\n()\[\]\"\u201c\u201d\u2014\u2013]|\s-\s"
    r"|\b(?:but|although|though|because|whereas|(?<!\ba\s)while|when|whenever|until|since|after|before|yet)\b",
    re.IGNORECASE,
)
# Quoted speech: "..." and '...' (an opening quote after a space, a closing one before a
# space or punctuation, so that apostrophes inside words are not quotes).
_QUOTED = re.compile(
    r"\"[^\"\n]*\"|\u201c[^\u201d\n]*\u201d"
    r"|(?:(?<=^)|(?<=[\s(:]))['\u2018](?=\S)[^\n]{0,400}?(?<=\S)['\u2019](?=$|[\s.,;:!?)])",
)
_LOOK = 4  # how many words before a trigger can negate it or make it hypothetical
_WALK = 40  # how far back a clause is read for its person: a clause is rarely longer

FIRST_SUBJECTS = frozenset({"i", "i'm", "i've", "i'd", "i'll"})
TEAM_SUBJECTS = frozenset({"we", "we're", "we've", "we'd", "we'll"})
THIRD_SUBJECTS = frozenset(
    {"she", "he", "they", "she's", "he's", "they're", "she'd", "he'd", "they'd", "they've", "she'll", "he'll"}
)
NOBODY_SUBJECTS = frozenset({"you", "you're", "everyone", "everybody", "someone"})
FIRST_NEAR = frozenset({"me", "my", "myself", "mine"})  # mine only when right next to the word
THIRD_NEAR = frozenset({"her", "him", "his", "them", "their", "herself", "himself", "themselves"})
TEAM_NEAR = frozenset({"us", "our", "ourselves"})
PEOPLE = frozenset(
    """mum mom mother dad father parent parents mums dads mothers fathers carer carers child children
    kid kids baby babies boy boys girl girls son sons daughter daughters brother brothers sister sisters
    sibling siblings husband wife partner spouse grandmother grandfather gran nan nana grandma grandad
    granddad grandpa grandparent grandparents grandson granddaughter aunt auntie uncle cousin niece nephew
    family families relative relatives patient patients resident residents client clients man men woman
    women person people teenager toddler infant friend neighbour stepdad stepmum stepfather stepmother
    youngster pupil mr mrs ms miss mx""".split()
)
COLLEAGUES = frozenset(
    """colleague colleagues manager supervisor doctor doctors consultant nurse nurses registrar gp
    paediatrician midwife therapist physio chaplain teacher headteacher officer police worker workers
    team staff student students clinician surgeon dr""".split()
)
# Words that may stand between a person and the word without breaking "right next to it".
NEAR_FILLERS = frozenset(
    """so very really quite too more most rather a an bit little own obvious obviously visible visibly
    clear clearly growing deep deeply real sheer such extremely completely utterly increasingly
    totally absolutely slightly feel feels feeling felt nearly almost""".split()
)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "my", "her", "his", "their", "our", "your", "its"})
PREPOSITIONS = frozenset(
    """to with for at about from by of on in into towards toward beside behind near onto over under
    around through without""".split()
)
LINKING = frozenset(
    """felt feel feeling feels was were am is are been be being became become becoming got get getting
    seemed seem seems looked look looks sounded grew remained stayed kept went left found still really
    so very quite totally completely utterly slightly rather pretty absolutely also just""".split()
)
CONJUNCTIONS = frozenset({"and", "then", "or", "nor"})
NEGATORS = frozenset(
    {"not", "no", "never", "nor", "neither", "without", "hardly", "barely", "scarcely", "nobody", "nothing"}
    | {"none", "cannot", "instead", "rather"}
)
HYPOTHETICAL = frozenset(
    """would should might wish wished if unless whether will want wants wanted need needs needed try
    trying tried hoping planning""".split()
)
INVERTING = frozenset({"did", "do", "does", "was", "were", "had", "have", "could", "would", "am", "is"})
CONDITIONAL = frozenset({"if", "unless", "whether", "wish", "wished"})  # anywhere earlier in the clause
# The writer's guess, not what was seen: "I assumed she could not cope" (anywhere earlier, too).
SUPPOSING = frozenset({"assumed", "assume", "assuming", "presumed", "presume", "imagined", "supposed"})
# "something hopeful to say": the word describes a thing, and is nobody's feeling.
THINGS = frozenset({"something", "anything", "everything"})
PERCEIVING = frozenset({"see", "feel", "tell", "hear", "sense", "notice"})  # "I could see": not hypothetical
FUNCTION_WORDS = frozenset(
    """the a an this that these those it its when after before then later today yesterday tonight
    at in on by for with from and but so if as once although because while during afterwards
    honestly again also still there here what who how why where which we you our your""".split()
)


# Capitalised at the start of a sentence, these are still not names.
_NOT_NAMES = (FUNCTION_WORDS, FIRST_SUBJECTS, LINKING, NEAR_FILLERS, NEGATORS, HYPOTHETICAL, PREPOSITIONS)
_NOT_NAMES += (CONJUNCTIONS, DETERMINERS, PERCEIVING, NOBODY_SUBJECTS)


def fold(word: str) -> str:
    """A word as the rules compare it: lower case, every apostrophe straight."""
    for ch in _APOSTROPHES:
        word = word.replace(ch, "'")
    return word.casefold()


@dataclass(frozen=True)
class Reading:
    """Who a span of text belongs to, and whether it was negated or only hypothetical."""

    owner: str
    negated: bool = False
    hypothetical: bool = False

    @property
    def asserted(self) -> bool:
        return not (self.negated or self.hypothetical)


def term_owner(term: str) -> str | None:
    """The owner a lexicon term names itself ("I apologised", "my heart sank", "out of my depth"),
    or None when it leaves the owner to its context ("raised her voice")."""
    words = [fold(w) for w in _WORD.findall(term) if w != ","]
    if not words:
        return None
    if words[0] in FIRST_SUBJECTS or words[0] in ("my", "myself"):
        return WRITER
    if words[0] in THIRD_SUBJECTS or words[0] in ("her", "his", "their"):
        return OTHER
    if any(w in FIRST_SUBJECTS or w in ("my", "myself") for w in words[1:]):
        return WRITER
    return None


class TextReader:
    """One text, cut into words and clauses once, read for many spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[tuple[int, int, str]] = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        self.starts = [start for start, _, _ in self.words]
        self.folded = [fold(w) for _, _, w in self.words]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
        self.quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        # clause[i]: the number of breaks before word i; words of one clause share it
        self.clause = [bisect.bisect_right(breaks, start) for start in self.starts]
        # opens[i]: the index of the first word of word i's clause
        self.opens: list[int] = []
        for i, clause in enumerate(self.clause):
            self.opens.append(i if i == 0 or clause != self.clause[i - 1] else self.opens[i - 1])

    def read(self, start: int, end: int, owner: str | None = None) -> Reading:
        """The reading of ``text[start:end]``; ``owner`` when the term names its own."""
        first = bisect.bisect_left(self.starts, start)
        after = bisect.bisect_left(self.starts, end)
        if first >= len(self.words):
            return Reading(UNKNOWN)
        clause, opens = self.clause[first], max(self.opens[first], first - _WALK)
        raw = [w for _, _, w in self.words[opens:first]]
        before = self.folded[opens:first]
        whole = opens == self.opens[first]  # the clause's start is in view
        at = -1
        if self._quoted(start):
            owner = UNKNOWN  # said, not felt: whose "I'm worried" is it, in a quote?
        elif before and before[-1] in THINGS:
            owner = UNKNOWN  # "something hopeful to say"
        if owner is None and before and before[-1] == "how":
            owner = self._owner_after(after, clause, before)  # "how gently he spoke"
        if owner is None:
            owner, at = self._owner_before(before, raw, whole)
        if owner is None:
            owner = self._owner_after(after, clause, before)
        # the words that can negate it: after the person who owns it, at most _LOOK of them
        window = before[at + 1 :][-_LOOK:] if at >= 0 else before[-_LOOK:]
        said_by = before[at] if at >= 0 else ""
        negated = _negated(window) or said_by in NEGATORS  # "Nobody was shouting"
        if at > 0 and before[at - 1] in INVERTING:  # "Not once did I feel angry"
            negated = negated or _negated(before[max(0, at - _LOOK) : at])
        hypothetical = _hypothetical(window, said_by) or any(w in CONDITIONAL or w in SUPPOSING for w in before)
        return Reading(owner or UNKNOWN, negated, hypothetical)

    def _quoted(self, start: int) -> bool:
        i = bisect.bisect_right(self.quotes, (start, len(self.text) + 1)) - 1
        return i >= 0 and self.quotes[i][0] <= start < self.quotes[i][1]

    # -- who ----------------------------------------------------------------------------
    def _owner_before(self, before: list[str], raw: list[str], whole: bool) -> tuple[str | None, int]:
        """Walk back through the clause: the first person met decides (see the module doc)."""
        near, ellipsis = True, False
        for i in range(len(before) - 1, -1, -1):
            word = before[i]
            decided = _pronoun(word, near, before[i + 1] if i + 1 < len(before) else "")
            if decided is None and _is_person(word, raw[i], before[i - 1] if i else ""):
                decided = self._person(word, i, before, near, ellipsis)
            if decided is not None:
                if decided == "":  # passed over: an object further away
                    near = False
                    continue
                return decided, i
            if word in CONJUNCTIONS:
                ellipsis = True
            if word not in NEAR_FILLERS:
                near = False
        if whole and before and all(_diary_word(w) for w in before):
            return WRITER, -1  # "Felt drained", "Still anxious": a diary's missing "I"
        return None, -1

    @staticmethod
    def _person(word: str, i: int, before: list[str], near: bool, ellipsis: bool) -> str:
        """A person noun or name: its owner, or "" when it is only an object here."""
        if word.endswith("'s"):
            return OTHER if near else ""
        head = i - 1
        while head >= 0 and (before[head] in DETERMINERS or before[head].endswith("'s") or before[head] in PEOPLE):
            head -= 1
        if head >= 0 and before[head] in PREPOSITIONS:
            return ""  # "to the patient", "with Mum": an object
        if ellipsis and head >= 0:
            return ""  # "I phoned the daughter and felt relieved": the subject is further back
        titled = i > 0 and before[i - 1] in COLLEAGUES  # "Colleague Sedge", "Key worker Flint"
        return UNKNOWN if word in COLLEAGUES or titled else OTHER

    def _owner_after(self, after: int, clause: int, before: list[str]) -> str | None:
        """A trigger first in its clause: "Exhausted, I drove home"; or "how angry she was"."""
        if before and before[-1] != "how":
            return None  # only first in its clause, or "how angry she was"
        for i in range(after, min(after + _LOOK, len(self.words))):
            if self.clause[i] != clause:
                break
            raw = self.words[i][2]
            word = fold(raw)
            if word == ",":
                continue
            decided = _pronoun(word, False, "")
            if decided:
                return decided
            if _is_person(word, raw, ""):
                return UNKNOWN if word in COLLEAGUES else OTHER
            break
        return None


def _pronoun(word: str, near: bool, following: str) -> str | None:
    """The owner a pronoun gives; "" for an object or possessive too far away to count."""
    if word in FIRST_SUBJECTS:
        return WRITER
    if word in TEAM_SUBJECTS:
        return TEAM
    if word in THIRD_SUBJECTS:
        return OTHER
    if word in NOBODY_SUBJECTS or word in ("nobody", "none", "nothing", "neither"):
        return UNKNOWN
    close = near or following in ("feel", "feeling", "felt")  # "made me feel", "left him feeling"
    for group, owner in ((FIRST_NEAR, WRITER), (THIRD_NEAR, OTHER), (TEAM_NEAR, TEAM)):
        if word in group:
            return owner if close else ""
    return None


def _is_person(word: str, raw: str, previous: str) -> bool:
    """A person noun (Mum, the patient), a colleague, or a capitalised name (Jo, Mrs B)."""
    base = word[:-2] if word.endswith("'s") else word
    if base in PEOPLE or base in COLLEAGUES:
        return True
    if not raw[:1].isupper() or any(base in words for words in _NOT_NAMES):
        return False
    if len(base) > 1 and raw.isupper():
        return False  # FDAC, DNACPR: initials of a thing, not a name
    return previous != "the"  # "the Trust", "the Court": not a person


def _diary_word(word: str) -> bool:
    return word in LINKING or word in NEAR_FILLERS or word in NEGATORS or word.endswith("n't") or word == ","


def _negated(window: list[str]) -> bool:
    window = _since_comma(window)
    return any(w in NEGATORS or w.endswith("n't") for w in window)


def _hypothetical(window: list[str], owner: str) -> bool:
    if owner.endswith("'ll"):
        return True  # "I'll pause more next time"
    window = _since_comma(window)
    for i, word in enumerate(window):
        following = window[i + 1] if i + 1 < len(window) else ""
        if word == "will" and i and window[i - 1] in DETERMINERS:
            continue  # "her will": a document, not a future
        if word in HYPOTHETICAL or (word == "next" and following == "time"):
            return True
        if word in ("could", "couldn't", "might") and following not in PERCEIVING:
            return True
    return False


def _since_comma(window: list[str]) -> list[str]:
    return window[len(window) - window[::-1].index(",") :] if "," in window else window
