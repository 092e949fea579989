"""How a practitioner's work is spread and how it feels: the weight tables, and the plan of one entry.

An :class:`EntryPlan` holds the decisions behind an entry before any text is written:
the day, the context and case, how the conversation went, feelings before and after,
the stance, the template and the depth the practitioner gave it. The believable
patterns of the demo live in the numbers here, and none of them is a score going up:

* the share held (of held, avoided and softened) rises over the first months and then
  levels off, while conversations *deferred by decision* keep rising as the practitioner
  learns to pace them; in end-of-life work a few people choose not to know;
* held conversations feel better afterwards than avoided ones, but can still leave the
  practitioner sad, drained or moved;
* feelings are higher before than after, and the gap narrows;
* the stance follows the case, not the calendar: some families need fighting for and
  some people need their acceptance met; in end-of-life and child-protection work the
  practitioner sometimes records both pulls at once (``stance_both``);
* about 60% of entries carry a depth rating, which deepens slowly with wide variation;
* the heavy spell raises feelings and load.

Outcomes and depth ratings are drawn so that their shares over any stretch of entries
stay close to the design (:meth:`Planner._owed_draw`): a journal of a few hundred
entries shows the pattern whatever the seed, rather than by the luck of one.

:class:`Planner` draws from the generator's one ``random.Random``, so the order of its
draws is part of the demo (pinned by the golden tests).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass

from ..models import DEPTHS
from .calendar import Span
from .draws import choose, clamp, distinct, one, weighted
from .phrasebank import Case, DemoData, Persona

# The outcomes, in the order their chances are given (the journal's own order may differ).
DEMO_OUTCOMES = ("held", "avoided", "softened", "deferred", "chose-not-to-know")
DEPTH_IDS = tuple(DEPTHS)
# How often a person chooses not to know, where the practitioner asks first.
CHOSE_NOT_TO_KNOW = {"end-of-life": 0.09}
# How often the practitioner places themselves on the heroic-stoical line, by context.
STANCE_CHANCE = {
    "end-of-life": 0.85,
    "child-protection": 0.4,
    "court-fdac": 0.4,
    "family-assessment": 0.25,
    "adult-safeguarding": 0.25,
}
# Where both pulls at once ("both, in tension") is recorded, and how often when a stance is.
BOTH_CHANCE = {"end-of-life": 0.32, "child-protection": 0.3}
# Templates that ask for more than a description, and so tend to deeper entries.
DEEP_TEMPLATES = frozenset({"johns", "brookfield", "rolfe", "schon"})


def context_weights(persona: Persona, t: float, heavy: bool) -> dict[str, float]:
    """How likely each of the persona's contexts is at time ``t`` (0 at the start, 1 at the end)."""
    weights = {context: start + change * t for context, (start, change) in persona.contexts.items()}
    if heavy and "supervision" in weights:
        weights["supervision"] += 0.08
    return weights


TEMPLATE_WEIGHTS: dict[str, dict[str, float]] = {
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
    "community-nursing": {"gibbs": 2, "driscoll": 2, "johns": 1.5, "rolfe": 1, "schon": 1, "kolb": 1},
    "discharge-planning": {"gibbs": 1.5, "driscoll": 1.5, "spikes_debrief": 1, "johns": 1, "rolfe": 1},
    "supervision": {"brookfield": 2, "kolb": 1, "driscoll": 1, "johns": 1, "schon": 1},
    "other": {"driscoll": 1, "gibbs": 1},
}

# How much higher (or lower) feelings run before a conversation in each context.
_BEFORE_BY_CONTEXT = {
    "court-fdac": 0.5,
    "end-of-life": 0.3,
    "mental-health": 0.4,
    "discharge-planning": 0.2,
    "community-nursing": -0.2,
    "supervision": -1.2,
    "other": -0.8,
    "family-assessment": -0.3,
}
# What is left afterwards, by how the conversation went.
_RESIDUE: Mapping[str | None, float] = {
    "held": 1.3,
    "softened": 2.5,
    "avoided": 3.5,
    "deferred": 2.2,
    "chose-not-to-know": 2.0,
    None: 2.0,
}

# Holding a hard conversation often leaves the practitioner sad, drained or moved, not only relieved.
FEELINGS_BY_OUTCOME = {
    "held": ("relieved", "calm", "confident", "proud", "moved", "hopeful", "grateful", "sad", "drained"),
    "softened": ("mixed", "guilty", "frustrated", "relieved", "anxious", "irritated"),
    "avoided": ("guilty", "ashamed", "frustrated", "dread", "helpless", "resentful"),
    "deferred": ("mixed", "relieved", "calm", "anxious", "guilty", "confident"),
    "chose-not-to-know": ("moved", "sad", "calm", "mixed", "helpless", "grateful"),
}
FEELINGS_BY_CONTEXT = {
    "child-protection": ("protective", "anxious", "angry", "irritated", "sad"),
    "family-assessment": ("hopeful", "mixed", "protective", "sad"),
    "court-fdac": ("anxious", "frustrated", "resentful", "hopeful", "angry"),
    "end-of-life": ("sad", "moved", "grateful", "helpless", "numb"),
    "adult-safeguarding": ("helpless", "protective", "frustrated", "sad"),
    "mental-health": ("anxious", "helpless", "dread", "relieved"),
    "community-nursing": ("frustrated", "protective", "sad", "hopeful", "irritated"),
    "discharge-planning": ("frustrated", "anxious", "resentful", "protective"),
    "supervision": ("grateful", "relieved", "irritated", "ashamed", "resentful"),
    "other": ("irritated", "ashamed", "amused"),
}
FEELINGS_BEFORE_HIGH = ("anxious", "dread", "overwhelmed", "helpless", "out-of-depth")
FEELINGS_HEAVY = ("overwhelmed",) * 3 + ("drained",) * 3 + ("numb", "furious", "out-of-depth")
FEELINGS_EARLY = ("out-of-depth", "anxious")
FEELINGS_LATE = ("confident", "calm")
NEGATIVE_FEELINGS = frozenset(
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

OTHER_BY_OUTCOME = {
    "held": ("distress", "openness", "relief", "fear", "hope"),
    "softened": ("apparent-cooperation", "denial-minimising", "ambivalence", "confusion", "relief"),
    "avoided": ("withdrawal-silence", "denial-minimising", "apparent-cooperation", "anger-hostility"),
    "deferred": ("distress", "confusion", "fear", "relief"),
    "chose-not-to-know": ("fear", "distress", "hope", "relief"),
}
OTHER_BY_CONTEXT = {
    "child-protection": ("anger-hostility", "fear", "shame", "denial-minimising"),
    "family-assessment": ("ambivalence", "openness", "hope"),
    "court-fdac": ("anger-hostility", "ambivalence", "hope", "shame"),
    "end-of-life": ("distress", "openness", "fear", "hope", "denial-minimising"),
    "adult-safeguarding": ("fear", "confusion", "shame"),
    "mental-health": ("withdrawal-silence", "distress", "ambivalence"),
    "community-nursing": ("denial-minimising", "shame", "anger-hostility", "openness"),
    "discharge-planning": ("fear", "anger-hostility", "ambivalence", "distress"),
    "supervision": ("openness",),
    "other": ("anger-hostility",),
}
RELATIONAL_BY_CONTEXT = {
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
    "community-nursing": ("relationship-as-vehicle", "social-defence", "power-authority", "containment-given"),
    "discharge-planning": ("power-authority", "splitting", "social-defence"),
    "supervision": ("parallel-process", "containment-received", "social-defence"),
    "other": ("social-defence", "containment-received"),
}
STUCK_CONTEXTS = frozenset(
    {"family-assessment", "court-fdac", "adult-safeguarding", "end-of-life", "discharge-planning"}
)


def _level_chances(mean: float, sd: float, levels: int) -> tuple[float, ...]:
    """The chance of each of ``levels`` whole levels (0, 1, ...) for a normal spread of
    ``sd`` around ``mean``, the ends taking what lies beyond them."""

    def below(x: float) -> float:
        return 0.5 * (1 + math.erf((x - mean) / (sd * math.sqrt(2))))

    edges = [-math.inf, *(k + 0.5 for k in range(levels - 1)), math.inf]
    return tuple(below(edges[k + 1]) - below(edges[k]) for k in range(levels))


@dataclass
class EntryPlan:
    """The decisions behind one entry, before any text is written."""

    day: dt.date
    t: float
    heavy: bool
    context: str
    case: Case
    outcome: str | None
    before: int | None
    after: int | None
    stance: int | None
    stance_both: bool
    template: str | None
    depth: str | None


def tag_chances(plan: EntryPlan) -> dict[str, float]:
    """How likely each conversation tag is for ``plan`` (drawn in this order)."""
    held = plan.outcome == "held"
    return {
        "directness": (0.08 + 0.27 * plan.t) if held else 0.03,
        "compassion": 0.14,
        "consequences-clear": 0.2 if held else 0.0 if plan.outcome == "avoided" else 0.02,
        "authorship": 0.15 if plan.context in ("family-assessment", "end-of-life") else 0.05,
        "confrontational": 0.15 * (1 - plan.t) if plan.context in ("child-protection", "court-fdac") else 0.0,
        "silence-used": 0.18 if plan.context == "end-of-life" else 0.02,
        "checking-understanding": 0.04 + 0.14 * plan.t,
    }


class Planner:
    """Plans entries day by day, and picks their feelings and how strong they are."""

    def __init__(
        self,
        rng: random.Random,
        span: Span,
        data: DemoData,
        stages: Mapping[str, tuple[str, ...]],
        persona: Persona,
    ) -> None:
        self.rng = rng
        self.span = span
        self.data = data
        self.stages = stages
        self.persona = persona
        self.owed: dict[str, float] = dict.fromkeys((*DEMO_OUTCOMES, *DEPTH_IDS), 0.0)  # see _owed_draw
        self.day_cache: dict[dt.date, tuple[dict[str, float], dict[str, list[Case]]]] = {}

    def open_cases(self, context: str, month: float) -> list[Case]:
        """Cases open in ``context`` at ``month`` (both on the 18-month design scale)."""
        return [c for c in self.persona.cases if context in c.contexts and c.months[0] <= month <= c.months[1]]

    def plan(self, day: dt.date) -> EntryPlan:
        """The plan of an entry on ``day``; each step draws in turn, in this order."""
        t, heavy = self.span.t(day), self.span.heavy(day)
        context, case = self._context_and_case(day, t, heavy)
        outcome = self._outcome(t, heavy, context)
        before, after = self._before_and_after(t, heavy, context, outcome)
        stance, both = self._stance(heavy, context, case)
        template = self._template(t, heavy, context)
        depth = self._depth(t, heavy, template)
        return EntryPlan(day, t, heavy, context, case, outcome, before, after, stance, both, template, depth)

    def _context_and_case(self, day: dt.date, t: float, heavy: bool) -> tuple[str, Case]:
        """A context with an open case (weights and open cases depend only on the day, so are cached)."""
        rng = self.rng
        cached = self.day_cache.get(day)
        if cached is None:
            month = self.span.month(day)
            all_weights = context_weights(self.persona, t, heavy)
            open_cases = {c: self.open_cases(c, month) for c in all_weights}
            weights = {c: w for c, w in all_weights.items() if open_cases[c]} or all_weights
            cached = self.day_cache[day] = (weights, open_cases)
        weights, open_cases = cached
        context = weighted(rng, weights)
        cases = (
            open_cases.get(context)
            or [c for c in self.persona.cases if context in c.contexts]
            or list(self.persona.cases)
        )
        return context, cases[int(rng.random() * len(cases))]

    def _outcome(self, t: float, heavy: bool, context: str) -> str | None:
        """How the painful issue fared. Of held, avoided and softened, the share held rises
        over the first 40% of the demo and then levels off (the practitioner does not simply
        get "better"); deferring by decision keeps rising as they learn to pace a hard
        conversation; in end-of-life work a few people choose not to know."""
        rng = self.rng
        learning = min(1.0, t / 0.4)
        held = 0.42 + 0.2 * learning - (0.14 if heavy else 0.0) + (0.06 if context == "supervision" else 0.0)
        avoided = max(0.05, 0.26 - 0.12 * learning + (0.10 if heavy else 0.0))
        softened = max(0.05, 1 - held - avoided)
        deferred = 0.015 + 0.22 * t
        not_knowing = CHOSE_NOT_TO_KNOW.get(context, 0.0)
        rest = 1 - deferred - not_knowing
        outcome = self._owed_draw(DEMO_OUTCOMES, (rest * held, rest * avoided, rest * softened, deferred, not_knowing))
        if rng.random() < 0.02:
            outcome = None
        return outcome

    def _before_and_after(
        self, t: float, heavy: bool, context: str, outcome: str | None
    ) -> tuple[int | None, int | None]:
        """Feelings before and after (0-10), or neither.

        Anticipation eases over time, so the fall from before to after narrows; how the
        conversation went decides most of what is left afterwards."""
        rng = self.rng
        before = clamp(
            7.3 - 2.2 * t + (2.5 if heavy else 0.0) + _BEFORE_BY_CONTEXT.get(context, 0.0) + rng.gauss(0, 1.1), 1, 10
        )
        after = clamp(0.3 * before + _RESIDUE[outcome] + (1.0 if heavy else 0.0) + rng.gauss(0, 0.9), 0, 10)
        if rng.random() < 0.03:
            return None, None
        return before, after

    def _owed_draw(self, values: tuple[str, ...], chances: tuple[float, ...]) -> str:
        """One of ``values`` with these chances, drawn so that over any stretch of entries
        each value's share stays close to its chances (a few hundred independent draws
        would blur the designed pattern): every entry adds its chances to what each value
        is owed, the draw favours the values owed most (squared, so the order stays
        irregular), and the value drawn pays one back. Only values possible for this entry
        are drawn (nobody chooses not to know outside end-of-life work)."""
        owed = self.owed
        for value, chance in zip(values, chances, strict=True):
            owed[value] += chance
        weights = [
            (max(owed[v], 0.0) ** 2 + 0.01 * chance) if chance > 0 else 0.0
            for v, chance in zip(values, chances, strict=True)
        ]
        value = choose(self.rng, values, weights)
        owed[value] -= 1.0
        return value

    def _stance(self, heavy: bool, context: str, case: Case) -> tuple[int | None, bool]:
        """A point on the heroic (-2) to stoical (+2) line, or none, and whether both pulls
        were felt at once. The point follows the case (some families need fighting for),
        never the calendar; in the heavy spell the practitioner leans towards rescuing."""
        rng = self.rng
        if rng.random() >= STANCE_CHANCE.get(context, 0.12):
            return None, False
        stance = clamp(case.stance + rng.gauss(0, 0.65) - (0.4 if heavy else 0.0), -2, 2)
        return stance, rng.random() < BOTH_CHANCE.get(context, 0.0)

    def _template(self, t: float, heavy: bool, context: str) -> str | None:
        """A bundled template, or None (free narrative) more often in the heavy spell."""
        rng = self.rng
        if rng.random() < (0.2 if heavy else 0.08):
            return None
        options = {k: v for k, v in TEMPLATE_WEIGHTS.get(context, {"gibbs": 1}).items() if k in self.stages}
        if t < 0.3 and "gibbs" in self.stages:
            options["gibbs"] = options.get("gibbs", 0) + 1.5
        return weighted(rng, options) if options else None

    def _depth(self, t: float, heavy: bool, template: str | None) -> str | None:
        """The practitioner's own rating of the entry's depth (Hatton and Smith), on about 60%
        of entries: deepening slowly over the months, with wide variation from entry to entry."""
        if self.rng.random() >= 0.6:
            return None
        mean = 0.75 + 1.1 * t - (0.5 if heavy else 0.0)
        mean += 0.3 if template in DEEP_TEMPLATES else -0.3 if template is None else 0.0
        return self._owed_draw(DEPTH_IDS, _level_chances(mean, 0.85, len(DEPTH_IDS)))

    def feelings(self, plan: EntryPlan) -> list[str]:
        """One to three feeling tags for ``plan``; in the heavy spell one of them is a load."""
        rng = self.rng
        pool: list[str] = list(FEELINGS_BY_CONTEXT.get(plan.context, ()))
        pool += list(FEELINGS_BY_OUTCOME.get(plan.outcome or "softened", ())) * 2
        if plan.before is not None and plan.before >= 7:
            pool += list(FEELINGS_BEFORE_HIGH) * 2
        pool += list(FEELINGS_EARLY if plan.t < 0.33 else FEELINGS_LATE if plan.t > 0.67 else ())
        chosen = distinct(rng, pool, choose(rng, (1, 2, 3), (0.55, 0.35, 0.1)))
        if plan.heavy:
            heavy = one(rng, FEELINGS_HEAVY)
            chosen = [heavy, *[f for f in chosen if f != heavy]][:3]
        return chosen

    def intensity(self, feeling: str, plan: EntryPlan) -> int:
        """1-3: negative feelings follow how high feelings ran before; others are drawn."""
        rng = self.rng
        if feeling in NEGATIVE_FEELINGS:
            level = plan.before if plan.before is not None else 5
            base = 1 if level <= 4 else 2 if level <= 7 else 3
            if rng.random() < 0.25:
                base += -1 if rng.random() < 0.5 else 1
            return max(1, min(3, base))
        return choose(rng, (1, 2, 3), (0.45, 0.4, 0.15))
