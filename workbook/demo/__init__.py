"""A demo journal: eighteen months of a fictional practitioner's reflections.

Everything in it is synthetic. Sam Okafor-Reyes, a social worker, moves between child
protection, family assessment, court and FDAC work, joint work with a hospice, some
adult safeguarding and mental health. Sentences come from the phrase banks in
``data/demo`` (our own words, fictional situations); people are obviously made-up
pseudonyms ("Parent Willow", "Patient Mr Heron").

The journal has believable patterns to explore: the share of conversations held rises
over time while softened and avoided ones fall; feelings are higher before than after,
and the gap narrows; in end-of-life work the stance drifts from heroic towards stoical;
a heavy spell of several weeks around month 11 shows high feelings and tags such as
overwhelmed and drained. About 60% of entries have action points (most later done,
some dropped or left open), about 15% are flagged for supervision (some with a
supervisor's feedback), a handful are edited later, three are in the trash, and Sam
has added two tags of their own.

* :func:`generate_entries` is pure: entry fields as ``journal.add`` takes them, for a
  given seed always the same. Benchmarks use it for 100,000 entries; it takes about
  0.4 ms of CPU an entry, so cache the result if a benchmark needs it often.
* :func:`build_demo` fills an open, empty journal through the public API only.
* :func:`write_demo_journal` writes a demo journal file, atomically.

Nothing here reads the clock: dates come from ``start`` and the seed. (The journal's
own ``created_at``/``updated_at`` stamps are still the wall-clock time of the build.)
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import os
import random
import re
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import files, paths
from ..content.datafiles import line_of, load_yaml
from ..content.reflective_models import load_templates
from ..content.vocab import slugify
from ..errors import DataFileError, ValidationError
from ..journal import migrations
from ..journal.store import Journal
from ..models import OUTCOMES, PERSON_ROLES

DEFAULT_SEED = 2026
DEFAULT_ENTRIES = 300
DEFAULT_START = dt.date(2025, 5, 1)
DEFAULT_MONTHS = 18
PRACTITIONER = "Sam Okafor-Reyes"
DEMO_SETTING = "demo"
"""Settings key that marks a journal as a demo (its value says how it was built)."""

PLACEHOLDERS = ("person", "other", "child", "colleague", "topic", "feeling")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# The design of the demo is set out for 18 months; shorter or longer demos scale it.
_DESIGN_MONTHS = 18
_HEAVY_MONTHS = (10.2, 11.5)
_TRASHED = 3
_EDITED = 4
_RECONSIDERED = 2

# -- how Sam's work is spread and how it feels ----------------------------------------
_WEEKDAY_WEIGHT = (1.0, 1.05, 1.0, 0.95, 0.75, 0.06, 0.03)


def _context_weights(t: float, heavy: bool) -> dict[str, float]:
    return {
        "child-protection": 0.30 - 0.06 * t,
        "family-assessment": 0.14,
        "court-fdac": 0.12,
        "end-of-life": 0.08 + 0.16 * t,
        "adult-safeguarding": 0.08,
        "mental-health": 0.09,
        "supervision": 0.06 + (0.08 if heavy else 0.0),
        "other": 0.015,
    }


_TEMPLATE_WEIGHTS: dict[str, dict[str, float]] = {
    "child-protection": {
        "child_family_debrief": 3,
        "gibbs": 2,
        "driscoll": 2,
        "process_recording": 1,
        "schon": 1,
        "rolfe": 1,
        "kolb": 1,
        "johns": 0.5,
        "brookfield": 0.5,
    },
    "family-assessment": {
        "child_family_debrief": 2,
        "process_recording": 2,
        "kolb": 1,
        "gibbs": 1,
        "brookfield": 1,
        "driscoll": 1,
        "rolfe": 0.5,
    },
    "court-fdac": {"child_family_debrief": 2.5, "gibbs": 1, "rolfe": 1, "schon": 1, "brookfield": 1, "johns": 0.5},
    "end-of-life": {
        "serious_illness_debrief": 3,
        "spikes_debrief": 3,
        "johns": 1.5,
        "gibbs": 1,
        "driscoll": 1,
        "schon": 1,
    },
    "adult-safeguarding": {
        "driscoll": 2,
        "gibbs": 1,
        "rolfe": 1,
        "process_recording": 1,
        "kolb": 1,
        "spikes_debrief": 0.5,
    },
    "mental-health": {"process_recording": 2, "schon": 1, "kolb": 1, "driscoll": 1, "johns": 1},
    "supervision": {"brookfield": 2, "kolb": 1, "driscoll": 1, "johns": 1, "schon": 1},
    "other": {"driscoll": 1, "gibbs": 1},
}

_FEELINGS_BY_OUTCOME = {
    "held": ("relieved", "calm", "confident", "proud", "moved", "hopeful", "encouraged", "grateful", "amused"),
    "softened": ("mixed", "guilty", "frustrated", "relieved", "anxious", "irritated"),
    "avoided": ("guilty", "ashamed", "frustrated", "dread", "helpless", "resentful"),
}
_FEELINGS_BY_CONTEXT = {
    "child-protection": ("protective", "anxious", "angry", "irritated", "sad"),
    "family-assessment": ("hopeful", "mixed", "protective", "sad"),
    "court-fdac": ("anxious", "frustrated", "resentful", "hopeful", "angry"),
    "end-of-life": ("sad", "moved", "grateful", "helpless", "numb"),
    "adult-safeguarding": ("helpless", "protective", "frustrated", "sad"),
    "mental-health": ("anxious", "helpless", "dread", "relieved"),
    "supervision": ("grateful", "relieved", "irritated", "ashamed", "resentful"),
    "other": ("irritated", "ashamed", "amused"),
}
_FEELINGS_BEFORE_HIGH = ("anxious", "dread", "overwhelmed", "helpless", "out-of-depth")
_FEELINGS_HEAVY = ("overwhelmed",) * 3 + ("drained",) * 3 + ("numb", "furious", "out-of-depth")
_FEELINGS_EARLY = ("out-of-depth", "anxious")
_FEELINGS_LATE = ("confident", "calm")
_NEGATIVE_FEELINGS = frozenset(
    {
        "irritated",
        "angry",
        "furious",
        "frustrated",
        "resentful",
        "sad",
        "guilty",
        "ashamed",
        "numb",
        "drained",
        "anxious",
        "dread",
        "overwhelmed",
        "helpless",
        "out-of-depth",
        "mixed",
    }
)

_OTHER_BY_OUTCOME = {
    "held": ("distress", "openness", "relief", "fear", "hope"),
    "softened": ("apparent-cooperation", "denial-minimising", "ambivalence", "confusion", "relief"),
    "avoided": ("withdrawal-silence", "denial-minimising", "apparent-cooperation", "anger-hostility"),
}
_OTHER_BY_CONTEXT = {
    "child-protection": ("anger-hostility", "fear", "shame", "denial-minimising"),
    "family-assessment": ("ambivalence", "openness", "hope"),
    "court-fdac": ("anger-hostility", "ambivalence", "hope", "shame"),
    "end-of-life": ("distress", "openness", "fear", "hope", "denial-minimising"),
    "adult-safeguarding": ("fear", "confusion", "shame"),
    "mental-health": ("withdrawal-silence", "distress", "ambivalence"),
    "supervision": ("openness",),
    "other": ("anger-hostility",),
}
_RELATIONAL_BY_CONTEXT = {
    "child-protection": (
        "power-authority",
        "rupture",
        "repair",
        "transference",
        "projection",
        "countertransference",
        "relationship-as-vehicle",
    ),
    "family-assessment": ("relationship-as-vehicle", "countertransference", "splitting", "containment-given"),
    "court-fdac": ("power-authority", "splitting", "rupture", "repair", "projection"),
    "end-of-life": ("containment-given", "countertransference", "denial", "relationship-as-vehicle"),
    "adult-safeguarding": ("power-authority", "containment-given", "denial"),
    "mental-health": ("containment-given", "transference", "rupture", "repair"),
    "supervision": ("parallel-process", "containment-received", "social-defence"),
    "other": ("social-defence", "containment-received"),
}
_STUCK_CONTEXTS = frozenset({"family-assessment", "court-fdac", "adult-safeguarding", "end-of-life"})


# -- the phrase banks ---------------------------------------------------------------------
@dataclass(frozen=True)
class _Line:
    text: str
    needs: frozenset[str]
    tag: str | None = None


@dataclass(frozen=True)
class _Case:
    id: str
    contexts: tuple[str, ...]
    months: tuple[float, float]
    members: tuple[str, ...]
    colleagues: tuple[str, ...]


@dataclass(frozen=True)
class _Situation:
    role: str | None
    person: str | None
    titles: tuple[_Line, ...]
    topic: _Line


@dataclass(frozen=True)
class _CustomTag:
    id: str
    label: str
    group: str
    definition: str
    reference: str
    from_month: float


@dataclass(frozen=True)
class _DemoData:
    people: tuple[tuple[str, str, tuple[str, ...]], ...]
    roles: Mapping[str, str]
    cases: tuple[_Case, ...]
    custom_tags: tuple[_CustomTag, ...]
    feeling_words: Mapping[str, str]
    situations: Mapping[str, tuple[_Situation, ...]]
    actions: Mapping[str, tuple[_Line, ...]]
    narrative: Mapping[str, tuple[_Line, ...]]
    feedback: Mapping[str, tuple[_Line, ...]]
    peer_feedback: tuple[_Line, ...]
    later_notes: Mapping[str, tuple[_Line, ...]]
    stage_kinds: Mapping[str, Mapping[str, str]]
    banks: Mapping[str, Mapping[str, tuple[_Line, ...]]]


def _line(raw: Any, where: Path, parent: Any) -> _Line:
    tag = None
    if isinstance(raw, dict):
        tag = raw.get("tag")
        raw = raw.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise DataFileError(str(where), line_of(parent), f"a phrase must be non-empty text, not {raw!r}")
    needs = frozenset(_PLACEHOLDER.findall(raw))
    unknown = needs - set(PLACEHOLDERS)
    if unknown:
        raise DataFileError(str(where), line_of(parent), f"unknown placeholder(s) {sorted(unknown)} in {raw!r}")
    return _Line(raw.strip(), needs, tag if isinstance(tag, str) else None)


def _lines(raw: Any, where: Path, parent: Any) -> tuple[_Line, ...]:
    if not isinstance(raw, list):
        raise DataFileError(str(where), line_of(parent), "expected a list of phrases")
    return tuple(_line(item, where, parent) for item in raw)


def _keyed(raw: Any, where: Path) -> dict[str, tuple[_Line, ...]]:
    if not isinstance(raw, dict):
        raise DataFileError(str(where), line_of(raw), "expected a mapping of key to a list of phrases")
    return {str(key): _lines(value, where, raw) for key, value in raw.items()}


@functools.lru_cache(maxsize=1)
def _data() -> _DemoData:  # noqa: C901 -- pending split (layout issue)
    """The demo's data files, read and checked once."""
    folder = paths.data_dir() / "demo"
    reg_path, sit_path, stage_path = folder / "register.yaml", folder / "situations.yaml", folder / "stages.yaml"
    reg, sit, stages = load_yaml(reg_path), load_yaml(sit_path), load_yaml(stage_path)
    for doc, where in ((reg, reg_path), (sit, sit_path), (stages, stage_path)):
        if not isinstance(doc, dict):
            raise DataFileError(str(where), None, "must be a mapping")

    people, roles = [], {}
    for item in reg.get("people") or []:
        pseudonym, role = item.get("pseudonym"), item.get("role")
        if not isinstance(pseudonym, str) or role not in PERSON_ROLES:
            raise DataFileError(
                str(reg_path), line_of(item), f"a person needs a pseudonym and a role from {PERSON_ROLES}"
            )
        aliases = tuple(item.get("aliases") or ())
        people.append((pseudonym, role, aliases))
        roles[pseudonym] = role
    cases = []
    for item in reg.get("cases") or []:
        members = tuple(item.get("members") or ())
        colleagues = tuple(item.get("colleagues") or ())
        missing = [p for p in (*members, *colleagues) if p not in roles]
        if missing or not members:
            raise DataFileError(str(reg_path), line_of(item), f"case members must be in the register (not: {missing})")
        low, high = item.get("months") or (0, _DESIGN_MONTHS)
        cases.append(
            _Case(
                str(item.get("id")), tuple(item.get("contexts") or ()), (float(low), float(high)), members, colleagues
            )
        )
    custom = tuple(
        _CustomTag(
            id=slugify(str(item["label"])),
            label=str(item["label"]),
            group=str(item["group"]),
            definition=str(item["definition"]).strip(),
            reference=str(item.get("reference") or "My own tag"),
            from_month=float(item.get("from_month") or 0),
        )
        for item in reg.get("custom_tags") or []
    )

    situations: dict[str, tuple[_Situation, ...]] = {}
    for context, items in (sit.get("situations") or {}).items():
        found = []
        for item in items:
            person = item.get("person")
            if person is not None and person not in roles:
                raise DataFileError(str(sit_path), line_of(item), f"{person!r} is not in the demo register")
            found.append(
                _Situation(
                    role=item.get("role"),
                    person=person,
                    titles=_lines(item.get("titles"), sit_path, item),
                    topic=_line(item.get("topic"), sit_path, item),
                )
            )
        situations[context] = tuple(found)

    kinds = stages.get("stage_kinds") or {}
    banks = {kind: _keyed(bank, stage_path) for kind, bank in (stages.get("banks") or {}).items()}
    if "generic" not in banks:
        raise DataFileError(str(stage_path), None, "needs a 'generic' bank for stages without a mapping")
    return _DemoData(
        people=tuple(people),
        roles=roles,
        cases=tuple(cases),
        custom_tags=custom,
        feeling_words={str(k): str(v) for k, v in (reg.get("feeling_words") or {}).items()},
        situations=situations,
        actions=_keyed(sit.get("actions"), sit_path),
        narrative=_keyed(sit.get("narrative"), sit_path),
        feedback=_keyed(sit.get("feedback"), sit_path),
        peer_feedback=_lines(sit.get("peer_feedback"), sit_path, sit),
        later_notes=_keyed(sit.get("later_notes"), sit_path),
        stage_kinds={str(t): {str(s): str(k) for s, k in m.items()} for t, m in kinds.items()},
        banks=banks,
    )


@functools.lru_cache(maxsize=1)
def _template_stages() -> dict[str, tuple[str, ...]]:
    """Stage ids of the bundled templates (never an institution's extra folders)."""
    return {tid: t.stage_ids for tid, t in load_templates([], warn=False).items()}


# -- public: the register ---------------------------------------------------------------
def demo_people() -> list[tuple[str, str]]:
    """The demo's people register as (pseudonym, role) pairs."""
    return [(pseudonym, role) for pseudonym, role, _ in _data().people]


def demo_custom_tags() -> list[dict[str, str]]:
    """The two tags of Sam's own, as ``journal.add_tag`` takes them (with ``id``)."""
    return [
        {"label": t.label, "group": t.group, "definition": t.definition, "reference": t.reference, "id": t.id}
        for t in _data().custom_tags
    ]


def prepare_journal(journal: Journal) -> None:
    """Add the demo's people (with their aliases) and custom tags to ``journal``.

    ``generate_entries`` refers to these, so a journal must be prepared before its
    entries are added (``build_demo`` does this itself).
    """
    for pseudonym, role, aliases in _data().people:
        if journal.people.find_pseudonym(pseudonym) is None:
            journal.people.add(pseudonym, role, aliases)
    vocabulary = journal.vocabulary()
    for tag in demo_custom_tags():
        if vocabulary.find(tag["id"]) is None:
            journal.add_tag(tag["label"], tag["group"], tag["definition"], tag["reference"], id=tag["id"])


# -- time -----------------------------------------------------------------------------------
def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class _Span:
    """The demo's stretch of time and where its features fall."""

    def __init__(self, start: dt.date, months: int) -> None:
        self.start = start
        self.months = months
        self.end = _add_months(start, months) - dt.timedelta(days=1)
        self.days = (self.end - start).days + 1

    def t(self, day: dt.date) -> float:
        """0 at the start, 1 at the end."""
        return (day - self.start).days / max(1, self.days - 1)

    def month(self, day: dt.date) -> float:
        """Position on the 18-month design scale (months since start, scaled)."""
        return self.t(day) * _DESIGN_MONTHS

    def heavy(self, day: dt.date) -> bool:
        low, high = _HEAVY_MONTHS
        return low <= self.month(day) < high


def _summer_holiday(year: int) -> tuple[dt.date, dt.date]:
    """Three weeks from the second Monday of August."""
    first = dt.date(year, 8, 1)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7)
    return monday, monday + dt.timedelta(days=20)


def _day_factor(day: dt.date) -> float:
    low, high = _summer_holiday(day.year)
    if low <= day <= high:
        return 0.0
    if (day.month == 12 and day.day >= 21) or (day.month == 1 and day.day <= 2):
        return 0.0 if day.month == 12 and 24 <= day.day <= 26 else 0.15
    return 1.0


def _dates(n: int, rng: random.Random, span: _Span) -> list[dt.date]:
    """``n`` dates in the span with an uneven rhythm: busy and quiet weeks, a summer
    holiday, a quiet Christmas and a heavy spell around month 11."""
    days = [span.start + dt.timedelta(days=i) for i in range(span.days)]
    week_factor: dict[tuple[int, int], float] = {}
    weights = []
    for day in days:
        week = day.isocalendar()[:2]
        if week not in week_factor:
            r = rng.random()
            factor = rng.lognormvariate(0.0, 0.35)
            factor *= 1.9 if r < 0.12 else 0.35 if r < 0.2 else 1.0
            week_factor[week] = factor
        weight = _WEEKDAY_WEIGHT[day.weekday()] * week_factor[week] * _day_factor(day)
        if span.heavy(day):
            weight *= 1.7
        weights.append(weight)
    if not any(weights):
        weights = [1.0] * len(days)
    picks = rng.choices(range(len(days)), weights=weights, k=n)
    return sorted(days[i] for i in picks)


# -- composing one entry ---------------------------------------------------------------------
def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _choose(rng: random.Random, values: Sequence[Any], weights: Sequence[float]) -> Any:
    """One of ``values`` by weight (a leaner ``rng.choices(...)[0]``)."""
    r = rng.random() * sum(weights)
    for value, weight in zip(values, weights, strict=True):
        r -= weight
        if r < 0:
            return value
    return values[-1]


def _one(rng: random.Random, values: Sequence[Any]) -> Any:
    """One of ``values``, uniformly (a leaner ``rng.choice``)."""
    return values[int(rng.random() * len(values))]


def _weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    return _choose(rng, tuple(weights), tuple(weights.values()))


def _distinct(rng: random.Random, pool: Sequence[str], k: int) -> list[str]:
    """Up to ``k`` distinct items, drawn from ``pool`` (repeats in it weigh more)."""
    out: list[str] = []
    pool = list(pool)
    while pool and len(out) < k:
        pick = _one(rng, pool)
        out.append(pick)
        pool = [p for p in pool if p != pick]
    return out


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


class _Composer:
    """Fills phrases for one entry and remembers what it used: people named, the
    passages that show a tag (for anchors), and lines already said."""

    def __init__(
        self,
        rng: random.Random,
        slots: dict[str, str | None],
        feelings: list[str],
        words: Mapping[str, str],
        topic_needs: frozenset[str] = frozenset(),
        cache: dict[tuple[int, frozenset[str]], list[_Line]] | None = None,
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

    def ok(self, line: _Line) -> bool:
        """Whether ``line`` can be said in this entry (and has not been yet)."""
        if line.text in self.said:
            return False
        if "feeling" in line.needs and not self.feelings:
            return False
        return line.needs <= self.available | {"feeling"}

    def _draw(self, lines: Sequence[_Line], taken: set[int]) -> _Line | None:
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

    def fill(self, line: _Line) -> tuple[str, str | None]:
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
        self, bank: Mapping[str, Sequence[_Line]], keys: Sequence[tuple[str, float, str | None]], count: int
    ) -> list[tuple[_Line, str | None]]:
        """Up to ``count`` lines: one from each key in ``keys`` (with its chance), then
        from ``any``. Each key comes with the tag its lines show (an outcome), if any."""
        chosen: list[tuple[_Line, str | None]] = []
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

    def compose(self, field: str, picked: Iterable[tuple[_Line, str | None]], sep: str = " ") -> str:
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


@dataclass
class _Plan:
    """The decisions behind one entry, before any text is written."""

    day: dt.date
    t: float
    heavy: bool
    context: str
    case: _Case
    outcome: str | None
    before: int | None
    after: int | None
    stance: int | None
    template: str | None


class _Generator:
    def __init__(self, seed: int, start: dt.date, months: int) -> None:
        self.rng = random.Random(seed)
        self.span = _Span(start, months)
        self.data = _data()
        self.stages = _template_stages()
        self.titles_seen: dict[str, int] = {}
        self.options_cache: dict[tuple[int, frozenset[str]], list[_Line]] = {}
        self.day_cache: dict[dt.date, tuple[dict[str, float], dict[str, list[_Case]]]] = {}

    # choices -------------------------------------------------------------------------
    def _open_cases(self, context: str, month: float) -> list[_Case]:
        """Cases open in ``context`` at ``month`` (both on the 18-month design scale)."""
        return [c for c in self.data.cases if context in c.contexts and c.months[0] <= month <= c.months[1]]

    def _plan(self, day: dt.date) -> _Plan:
        rng, span = self.rng, self.span
        t, heavy, month = span.t(day), span.heavy(day), span.month(day)
        cached = self.day_cache.get(day)
        if cached is None:
            all_weights = _context_weights(t, heavy)
            open_cases = {c: self._open_cases(c, month) for c in all_weights}
            weights = {c: w for c, w in all_weights.items() if open_cases[c]} or all_weights
            cached = self.day_cache[day] = (weights, open_cases)
        weights, open_cases = cached
        context = _weighted(rng, weights)
        cases = (
            open_cases.get(context) or [c for c in self.data.cases if context in c.contexts] or list(self.data.cases)
        )
        case = cases[int(rng.random() * len(cases))]

        p_held = 0.30 + 0.46 * t - (0.15 if heavy else 0.0) + (0.08 if context == "supervision" else 0.0)
        p_avoided = max(0.03, 0.25 - 0.16 * t + (0.10 if heavy else 0.0))
        outcome = _choose(rng, OUTCOMES, (p_held, p_avoided, max(0.05, 1 - p_held - p_avoided)))
        if rng.random() < 0.02:
            outcome = None

        adjust = {
            "court-fdac": 0.5,
            "end-of-life": 0.3,
            "mental-health": 0.4,
            "supervision": -1.2,
            "other": -0.8,
            "family-assessment": -0.3,
        }
        # Anticipation eases over time, so the fall from before to after narrows; how
        # the conversation went decides most of what is left afterwards.
        before = _clamp(7.3 - 2.2 * t + (2.5 if heavy else 0.0) + adjust.get(context, 0.0) + rng.gauss(0, 1.1), 1, 10)
        residue = {"held": 1.0, "softened": 2.5, "avoided": 3.5, None: 2.0}[outcome]
        after = _clamp(0.3 * before + residue + (1.0 if heavy else 0.0) + rng.gauss(0, 0.9), 0, 10)
        before_out: int | None = before
        after_out: int | None = after
        if rng.random() < 0.03:
            before_out = after_out = None

        stance = None
        if context == "end-of-life" and rng.random() < 0.9:
            stance = _clamp(-1.6 + 2.5 * t - (0.5 if heavy else 0.0) + rng.gauss(0, 0.6), -2, 2)
        elif rng.random() < 0.25:
            stance = _clamp(-0.7 + 1.0 * t - (0.5 if heavy else 0.0) + rng.gauss(0, 0.7), -2, 2)

        template: str | None = None
        if rng.random() >= (0.2 if heavy else 0.08):
            options = {k: v for k, v in _TEMPLATE_WEIGHTS.get(context, {"gibbs": 1}).items() if k in self.stages}
            if t < 0.3 and "gibbs" in self.stages:
                options["gibbs"] = options.get("gibbs", 0) + 1.5
            template = _weighted(rng, options) if options else None
        return _Plan(day, t, heavy, context, case, outcome, before_out, after_out, stance, template)

    def _slots(self, plan: _Plan) -> tuple[_Situation, dict[str, str | None]] | None:
        rng, roles = self.rng, self.data.roles
        members = plan.case.members
        options = [
            s
            for s in self.data.situations.get(plan.context, ())
            if ((s.person in members) if s.person else any(roles[m] == s.role for m in members))
        ]
        first = int(rng.random() * len(options)) if options else 0
        for situation in options[first:] + options[:first]:
            person = situation.person or _one(rng, [m for m in members if roles[m] == situation.role])
            others = [m for m in members if m != person and roles[m] != "professional"]
            children = [m for m in members if m != person and roles[m] == "child"]
            child = _one(rng, children) if children else None
            other_choices = [m for m in others if m != child] or others
            colleagues = [c for c in plan.case.colleagues if c != person]
            slots: dict[str, str | None] = {
                "person": person,
                "other": _one(rng, other_choices) if other_choices else None,
                "child": child,
                "colleague": _one(rng, colleagues) if colleagues else None,
            }
            needs = situation.topic.needs | frozenset().union(*(line.needs for line in situation.titles))
            if all(slots.get(n) for n in needs if n != "topic"):
                slots["topic"] = situation.topic.text.format_map(slots)
                return situation, slots
        return None

    def _feelings(self, plan: _Plan) -> list[str]:
        rng = self.rng
        pool: list[str] = list(_FEELINGS_BY_CONTEXT.get(plan.context, ()))
        pool += list(_FEELINGS_BY_OUTCOME.get(plan.outcome or "softened", ())) * 2
        if plan.before is not None and plan.before >= 7:
            pool += list(_FEELINGS_BEFORE_HIGH) * 2
        pool += list(_FEELINGS_EARLY if plan.t < 0.33 else _FEELINGS_LATE if plan.t > 0.67 else ())
        chosen = _distinct(rng, pool, _choose(rng, (1, 2, 3), (0.55, 0.35, 0.1)))
        if plan.heavy:
            heavy = _one(rng, _FEELINGS_HEAVY)
            chosen = [heavy, *[f for f in chosen if f != heavy]][:3]
        return chosen

    def _intensity(self, feeling: str, plan: _Plan) -> int:
        rng = self.rng
        if feeling in _NEGATIVE_FEELINGS:
            level = plan.before if plan.before is not None else 5
            base = 1 if level <= 4 else 2 if level <= 7 else 3
            if rng.random() < 0.25:
                base += -1 if rng.random() < 0.5 else 1
            return max(1, min(3, base))
        return _choose(rng, (1, 2, 3), (0.45, 0.4, 0.15))

    # text ---------------------------------------------------------------------------------
    def _keys(self, plan: _Plan) -> list[tuple[str, float, str | None]]:
        keys: list[tuple[str, float, str | None]] = [(plan.context, 0.75, None)]
        if plan.outcome:
            keys.append((plan.outcome, 0.7, plan.outcome))
        if plan.heavy:
            keys.append(("heavy", 0.9, None))
        if plan.t < 1 / 3:
            keys.append(("early", 0.4, None))
        elif plan.t > 2 / 3:
            keys.append(("late", 0.4, None))
        return keys

    def _responses(self, plan: _Plan, composer: _Composer) -> dict[str, str]:
        if plan.template is None:
            return {}
        rng = self.rng
        effort = _choose(rng, ("brief", "normal", "full"), (0.6, 0.3, 0.1) if plan.heavy else (0.25, 0.5, 0.25))
        low, high = {"brief": (1, 2), "normal": (2, 3), "full": (3, 4)}[effort]
        kinds = self.data.stage_kinds.get(plan.template, {})
        stage_ids = self.stages[plan.template]
        skip = {s for s in stage_ids if rng.random() < 0.07} if len(stage_ids) > 2 else set()
        responses: dict[str, str] = {}
        keys = self._keys(plan)
        for stage in stage_ids:
            if stage in skip:
                continue
            bank = self.data.banks.get(kinds.get(stage, "generic")) or self.data.banks["generic"]
            picked = composer.pick(bank, keys, low + (rng.random() < 0.5))
            text = composer.compose(f"responses.{stage}", picked)
            if text:
                responses[stage] = text
        return responses

    def _narrative(self, plan: _Plan, composer: _Composer) -> str:
        rng, bank = self.rng, self.data.narrative
        if plan.template is not None and rng.random() >= 0.3:
            return ""
        keys: list[tuple[str, float, str | None]] = [("opening", 0.5, None), (plan.context, 1.0, None)]
        if plan.heavy:
            keys.append(("heavy", 0.9, None))
        if plan.outcome:
            keys.append((plan.outcome, 0.9, plan.outcome))
        picked = composer.pick({k: bank.get(k, ()) for k, _, _ in keys}, keys, 6)
        if plan.template is None:
            extra = [
                line for line in bank.get(plan.context, ()) if composer.ok(line) and line not in (p[0] for p in picked)
            ]
            if extra:
                picked.insert(2, (rng.choice(extra), None))
        if rng.random() < 0.4 and bank.get("closing"):
            picked.append((rng.choice(bank["closing"]), None))
        return composer.compose("narrative", picked)

    def _title(self, situation: _Situation, composer: _Composer) -> str:
        rng = self.rng
        options = [line for line in situation.titles if composer.ok(line)] or list(situation.titles)
        base, _ = composer.fill(rng.choice(options))
        seen = self.titles_seen.get(base, 0)
        self.titles_seen[base] = seen + 1
        if not seen:
            return base
        form = rng.choice(("Follow-up: {}", "Back to it: {}", "{} (again)", "Second attempt: {}"))
        title = form.format(_lower_first(base) if form[0] != "{" else base)
        return title[0].upper() + title[1:]

    # tags ---------------------------------------------------------------------------------
    def _tags(self, plan: _Plan, feelings: list[str], composer: _Composer, month: float) -> list[dict[str, Any]]:  # noqa: C901 -- pending split (layout issue)
        rng = self.rng
        custom = {t.id: t for t in self.data.custom_tags}

        def usable(tag: str) -> bool:
            return tag not in custom or month >= custom[tag].from_month

        protected: list[str] = list(feelings)
        if plan.outcome and rng.random() < 0.65:
            protected.append(plan.outcome)
        shown = [
            tag for _f, _s, _e, tag in composer.spans if tag not in protected and tag not in OUTCOMES and usable(tag)
        ]
        if shown and rng.random() < 0.4:
            protected.append(shown[int(rng.random() * len(shown))])

        optional: list[str] = []
        held = plan.outcome == "held"
        chances = {
            "directness": (0.08 + 0.27 * plan.t) if held else 0.03,
            "compassion": 0.14,
            "consequences-clear": 0.2 if held else 0.0 if plan.outcome == "avoided" else 0.02,
            "authorship": 0.15 if plan.context in ("family-assessment", "end-of-life") else 0.05,
            "confrontational": 0.15 * (1 - plan.t) if plan.context in ("child-protection", "court-fdac") else 0.0,
            "silence-used": 0.18 if plan.context == "end-of-life" else 0.02,
            "checking-understanding": 0.04 + 0.14 * plan.t,
        }
        for tag, chance in chances.items():
            if rng.random() < chance:
                optional.append(tag)
        ran_out = next((t.id for t in self.data.custom_tags if t.group == "conversation"), None)
        if ran_out and usable(ran_out) and rng.random() < (0.2 if plan.heavy else 0.07):
            optional.append(ran_out)
        others = list(_OTHER_BY_CONTEXT.get(plan.context, ())) + list(
            _OTHER_BY_OUTCOME.get(plan.outcome or "softened", ())
        )
        optional += _distinct(rng, others, _choose(rng, (0, 1, 2), (0.5, 0.43, 0.07)))
        relational = list(_RELATIONAL_BY_CONTEXT.get(plan.context, ()))
        if plan.heavy:
            relational += ["social-defence", "containment-received"]
        optional += _distinct(rng, relational, _choose(rng, (0, 1, 2), (0.55, 0.38, 0.07)))
        if plan.stance is not None and plan.stance <= -1 and rng.random() < 0.5:
            optional.append("heroic-stance")
        if plan.stance is not None and plan.stance >= 1 and rng.random() < 0.5:
            optional.append("stoical-stance")
        stuck = next((t.id for t in self.data.custom_tags if t.group == "relational"), None)
        if stuck and usable(stuck) and plan.context in _STUCK_CONTEXTS and rng.random() < 0.12:
            optional.append(stuck)
        if rng.random() < 0.15:
            optional.append(plan.context)
        if len(plan.case.contexts) > 1 and rng.random() < 0.4:
            optional.append(
                next(c for c in plan.case.contexts if c != plan.context)
                if plan.context in plan.case.contexts
                else plan.case.contexts[0]
            )

        protected = list(dict.fromkeys(protected))[:7]
        optional = [t for t in dict.fromkeys(optional) if t not in protected]
        room = max(0, 7 - len(protected))
        if len(optional) > room:
            optional = [optional[i] for i in sorted(rng.sample(range(len(optional)), room))]
        tags = protected + optional
        if len(tags) < 2:
            tags.append(
                plan.outcome
                if plan.outcome and plan.outcome not in tags
                else "compassion"
                if "compassion" not in tags
                else "checking-understanding"
            )

        spans: dict[str, tuple[str, int, int]] = {}
        for field, start, end, tag in composer.spans:
            spans.setdefault(tag, (field, start, end))
        out = []
        for tag in tags:
            anchor = None
            if tag in spans and rng.random() < 0.6:
                field, start, end = spans[tag]
                anchor = {"field": field, "start": start, "end": end}
            intensity = self._intensity(tag, plan) if tag in feelings else None
            out.append({"tag": tag, "intensity": intensity, "anchor": anchor})
        return out

    # actions ------------------------------------------------------------------------------
    def _actions(self, plan: _Plan, composer: _Composer) -> list[dict[str, Any]]:
        rng = self.rng
        if rng.random() >= 0.6:
            return []
        count = _choose(rng, (1, 2, 3), (0.7, 0.25, 0.05))
        bank = self.data.actions
        options = [line for line in (*bank.get(plan.context, ()), *bank.get("any", ())) if composer.ok(line)]
        actions = []
        for line in rng.sample(options, min(count, len(options))):
            text, _ = composer.fill(line)
            actions.append(
                {
                    "id": f"{rng.getrandbits(48):012x}",
                    "text": text,
                    "status": "open",
                    "due_on": plan.day + dt.timedelta(days=5 + int(rng.random() * 31)),
                }
            )
        return actions

    # one entry ------------------------------------------------------------------------------
    def entry(self, day: dt.date) -> dict[str, Any]:
        rng = self.rng
        entry_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        plan = self._plan(day)
        found = self._slots(plan)
        for _ in range(50):  # a case whose members fit no situation of this context
            if found is not None:
                break
            plan.case = rng.choice(self.data.cases)
            plan.context = rng.choice(plan.case.contexts)
            found = self._slots(plan)
        if found is None:
            raise DataFileError(
                str(paths.data_dir() / "demo"), None, "no demo situation fits the cases in register.yaml"
            )
        situation, slots = found
        feelings = self._feelings(plan)
        composer = _Composer(rng, slots, feelings, self.data.feeling_words, situation.topic.needs, self.options_cache)
        title = self._title(situation, composer)
        responses = self._responses(plan, composer)
        narrative = self._narrative(plan, composer)
        if not responses and not narrative:
            narrative = composer.compose(
                "narrative", composer.pick(self.data.narrative, [(plan.context, 1.0, None)], 2)
            )
        tags = self._tags(plan, feelings, composer, self.span.month(day))
        actions = self._actions(plan, composer)
        people = [slots["person"], *(slots[s] for s in composer.used_slots if s != "person")]
        flag_chance = (
            0.07
            + (0.14 if plan.outcome == "avoided" else 0.07 if plan.outcome == "softened" else 0.0)
            + (0.08 if (plan.before or 0) >= 8 else 0.0)
            + (0.18 if plan.heavy else 0.0)
        )
        return {
            "id": entry_id,
            "occurred_on": day,
            "title": title,
            "context": plan.context,
            "people": list(dict.fromkeys(p for p in people if p)),
            "outcome": plan.outcome,
            "stance": plan.stance,
            "template": plan.template,
            "responses": responses,
            "narrative": narrative,
            "tags": tags,
            "feelings_before": plan.before,
            "feelings_after": plan.after,
            "actions": actions,
            "flagged": rng.random() < flag_chance,
        }


def generate_entries(
    n: int,
    *,
    seed: int = DEFAULT_SEED,
    start: dt.date = DEFAULT_START,
    months: int = DEFAULT_MONTHS,
) -> list[dict[str, Any]]:
    """``n`` synthetic entries as field dicts for ``journal.add``, oldest first.

    Pure and deterministic: the same arguments always give the same entries (ids
    included). The entries name people from :func:`demo_people` and may use the tags
    from :func:`demo_custom_tags`, so add those to a journal first
    (:func:`prepare_journal`). Actions are all open; :func:`build_demo` follows them up.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValidationError("entries", f"must be a whole number of 0 or more, not {n!r}.")
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        raise ValidationError("months", f"must be a whole number of 1 or more, not {months!r}.")
    generator = _Generator(seed, start, months)
    return [generator.entry(day) for day in _dates(n, generator.rng, generator.span)]


# -- building a journal ----------------------------------------------------------------------
def _fill(line: _Line, person: str | None) -> str:
    return line.text.format_map({"person": person or "them"}) if line.needs else line.text


def build_demo(
    journal: Journal,
    *,
    seed: int = DEFAULT_SEED,
    entries: int = DEFAULT_ENTRIES,
    start: dt.date = DEFAULT_START,
    months: int = DEFAULT_MONTHS,
) -> None:
    """Fill an open, empty journal with the demo, through the journal's public API.

    Adds the people register and two custom tags, the generated entries, and then what
    happens to them later: action points marked done or dropped, supervisor feedback on
    flagged entries, a few entries edited (so they have a revision history) and three
    moved to the trash. The same seed always gives the same content.
    """
    if journal.entry_ids() or journal.entry_ids(in_trash=True) or len(journal.people):
        raise ValidationError(
            "journal", "already holds entries or people; the demo is built into a new, empty journal."
        )
    prepare_journal(journal)
    generated = generate_entries(entries, seed=seed, start=start, months=months)
    for fields in generated:
        journal.add(**fields)
    _follow_up(journal, generated, random.Random(f"{seed}:follow-up"), _Span(start, months))
    journal.set_setting(
        DEMO_SETTING,
        {"practitioner": PRACTITIONER, "seed": seed, "entries": entries, "start": start.isoformat(), "months": months},
    )


def _follow_up(journal: Journal, generated: list[dict[str, Any]], rng: random.Random, span: _Span) -> None:  # noqa: C901 -- pending split (layout issue)
    data = _data()
    # Action points: most done, some dropped, the rest (and most not yet due) left open.
    for fields in generated:
        for action in fields["actions"]:
            if action["due_on"] > span.end:
                status = "done" if rng.random() < 0.25 else "open"
            else:
                status = _choose(rng, ("done", "dropped", "open"), (0.72, 0.14, 0.14))
            if status != "open":
                journal.set_action_status(fields["id"], action["id"], status)

    # Supervisor feedback on about two thirds of flagged entries; a little peer reflection.
    commented: set[str] = set()
    for fields in generated:
        if not fields["flagged"] or rng.random() >= 0.65:
            continue
        keys = ["heavy"] if span.heavy(fields["occurred_on"]) else []
        keys += [fields["outcome"] or "any", fields["context"], "any"]
        options = next(
            (data.feedback[k] for k in keys if data.feedback.get(k) and rng.random() < 0.6), data.feedback["any"]
        )
        given = min(span.end, fields["occurred_on"] + dt.timedelta(days=rng.randint(3, 18)))
        journal.add_feedback(
            fields["id"], "supervisor", _fill(rng.choice(options), fields["people"][0]), given_on=given
        )
        commented.add(fields["id"])
    plain = [f for f in generated if f["id"] not in commented]
    for fields in rng.sample(plain, min(3, len(plain) // 20)):
        given = min(span.end, fields["occurred_on"] + dt.timedelta(days=rng.randint(1, 10)))
        journal.add_feedback(fields["id"], "peer", _fill(rng.choice(data.peer_feedback), None), given_on=given)
        commented.add(fields["id"])

    # A few entries edited later (a note added, or an outcome reconsidered).
    candidates = [f for f in generated[: max(1, len(generated) * 4 // 5)] if f["id"] not in commented]
    held = [f for f in candidates if f["outcome"] == "held"]
    reconsidered = {f["id"] for f in rng.sample(held, min(_RECONSIDERED, len(held)))}
    rest = [f for f in candidates if f["id"] not in reconsidered]
    chosen = reconsidered | {f["id"] for f in rng.sample(rest, min(_EDITED, len(rest)))}
    edited = [f for f in candidates if f["id"] in chosen]
    for fields in edited:
        current = journal.get(fields["id"])
        person = fields["people"][0] if fields["people"] else None
        if fields["id"] in reconsidered:
            note = _fill(rng.choice(data.later_notes["reconsidered"]), person)
            # The tag that said "held" now says "softened" (its passage no longer fits it).
            tags = [
                {"tag": "softened", "intensity": None, "anchor": None} if t.tag == "held" else t.to_dict()
                for t in current.tags
                if not (t.tag == "softened" and "held" in current.tag_ids)
            ]
            changes: dict[str, Any] = {"outcome": "softened", "tags": tags}
        else:
            note = _fill(rng.choice(data.later_notes["any"]), person)
            changes = {}
        narrative = f"{current.narrative}\n\n{note}" if current.narrative else note
        journal.update(fields["id"], narrative=narrative, **changes)

    # Three entries moved to the trash.
    done = commented | {f["id"] for f in edited}
    spare = [f for f in generated if f["id"] not in done]
    for fields in rng.sample(spare, min(_TRASHED, len(spare) // 5)):
        journal.delete(fields["id"])


def _is_real_journal(path: Path) -> bool:
    """True if ``path`` is a workbook journal holding anything of the user's (entries,
    people or their own tags) that is not marked as a demo."""
    try:
        conn = files.connect_readonly(path)
    except (sqlite3.Error, ValueError):
        return False
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != migrations.APPLICATION_ID:
            return False
        held = conn.execute(
            "SELECT (SELECT count(*) FROM entries) + (SELECT count(*) FROM people) + (SELECT count(*) FROM custom_tags)"
        ).fetchone()[0]
        if not held:
            return False
        return conn.execute("SELECT 1 FROM settings WHERE key = ?", (DEMO_SETTING,)).fetchone() is None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def write_demo_journal(
    path: str | os.PathLike[str] | None = None,
    *,
    seed: int = DEFAULT_SEED,
    entries: int = DEFAULT_ENTRIES,
    force: bool = False,
) -> Path:
    """Write a demo journal to ``path`` (default :func:`workbook.paths.default_demo_path`) and return it.

    Refuses (ValidationError on ``path``) if the file exists, unless ``force``. Even
    with ``force`` it never replaces a journal of real entries (one not marked as a
    demo). The demo is built in a temporary file in the same folder and moved into
    place in one step, so the path never holds a half-built journal. Close the old demo
    journal elsewhere before replacing it.
    """
    target = Path(path).expanduser() if path is not None and str(path) != "" else paths.default_demo_path()
    if target.is_dir():
        raise ValidationError("path", f"{target} is a folder; give the path of a journal file.")
    if target.exists():
        if not force:
            raise ValidationError(
                "path", f"{target} already exists; choose another path, or use force to replace the demo."
            )
        if _is_real_journal(target):
            raise ValidationError(
                "path", f"{target} is a journal with entries of your own, not a demo; it was left unchanged."
            )
    files.ensure_private_dir(target.parent)
    tmp = files.private_temp_beside(target, ".building")
    try:
        with Journal(tmp) as journal:
            build_demo(journal, seed=seed, entries=entries)
        if target.exists() and not force:
            raise ValidationError(
                "path", f"{target} was created while the demo was being built; it was left unchanged."
            )
        for suffix in files.SQLITE_SIDE_FILES:
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        files.replace_durably(tmp, target)
    finally:
        files.remove_sqlite_file(tmp)
    return target
