"""One entry at a time: title, responses, narrative, tags and actions, from a plan.

:func:`generate_entries` is the pure entry point: for the same arguments it always gives
the same entries, ids included. Everything draws from one ``random.Random`` in a fixed
order (dates first, then each entry's id, plan, people, feelings, text, tags, actions
and flag), and the golden tests pin the result: moving a draw changes the whole demo.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from typing import Any

from .. import paths
from ..errors import DataFileError, ValidationError
from ..models import OUTCOMES
from . import phrasebank
from .calendar import Span, dates
from .compose import Composer, Key
from .draws import choose, distinct, one
from .phrasebank import DEFAULT_PERSONA, Line, Situation
from .plan import (
    OTHER_BY_CONTEXT,
    OTHER_BY_OUTCOME,
    RELATIONAL_BY_CONTEXT,
    STUCK_CONTEXTS,
    EntryPlan,
    Planner,
    tag_chances,
)

DEFAULT_SEED = 2026
DEFAULT_START = dt.date(2025, 5, 1)
DEFAULT_MONTHS = 18
_MAX_TAGS = 7


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


class Generator:
    """Writes the demo's entries in date order, remembering titles already used."""

    def __init__(self, seed: int, start: dt.date, months: int, persona: str = DEFAULT_PERSONA) -> None:
        # another persona draws from a stream of its own, so its ids never repeat the default's
        self.rng = random.Random(seed if persona == DEFAULT_PERSONA else f"{seed}:{persona}")
        self.span = Span(start, months)
        self.data = phrasebank.load()
        self.persona = self.data.persona(persona)
        self.stages = phrasebank.template_stages()
        self.planner = Planner(self.rng, self.span, self.data, self.stages, self.persona)
        self.titles_seen: dict[str, int] = {}
        self.options_cache: dict[tuple[int, frozenset[str]], list[Line]] = {}

    # people ---------------------------------------------------------------------------------
    def _slots(self, plan: EntryPlan) -> tuple[Situation, dict[str, str | None]] | None:
        rng, roles = self.rng, self.data.roles
        members = plan.case.members
        persona = self.persona.id
        options = [
            s
            for s in self.data.situations.get(plan.context, ())
            if (s.persona is None or s.persona == persona)
            and ((s.person in members) if s.person else any(roles[m] == s.role for m in members))
        ]
        first = int(rng.random() * len(options)) if options else 0
        for situation in options[first:] + options[:first]:
            person = situation.person or one(rng, [m for m in members if roles[m] == situation.role])
            others = [m for m in members if m != person and roles[m] != "professional"]
            children = [m for m in members if m != person and roles[m] == "child"]
            child = one(rng, children) if children else None
            other_choices = [m for m in others if m != child] or others
            colleagues = [c for c in plan.case.colleagues if c != person]
            slots: dict[str, str | None] = {
                "person": person,
                "other": one(rng, other_choices) if other_choices else None,
                "child": child,
                "colleague": one(rng, colleagues) if colleagues else None,
            }
            needs = situation.topic.needs | frozenset().union(*(line.needs for line in situation.titles))
            if all(slots.get(n) for n in needs if n != "topic"):
                slots["topic"] = situation.topic.text.format_map(slots)
                return situation, slots
        return None

    def _situation(self, plan: EntryPlan) -> tuple[Situation, dict[str, str | None]]:
        """A situation and its people for ``plan``; if none fits, another case (and context) is tried."""
        rng = self.rng
        found = self._slots(plan)
        for _ in range(50):  # a case whose members fit no situation of this context
            if found is not None:
                break
            plan.case = rng.choice(self.persona.cases)
            plan.context = rng.choice(plan.case.contexts)
            found = self._slots(plan)
        if found is None:
            raise DataFileError(
                str(paths.data_dir() / "demo"), None, "no demo situation fits the cases in register.yaml"
            )
        return found

    # text ---------------------------------------------------------------------------------
    def _keys(self, plan: EntryPlan) -> list[Key]:
        keys: list[Key] = [(plan.context, 0.75, None), (self.persona.id, 0.3, None)]
        if plan.outcome:
            keys.append((plan.outcome, 0.7, plan.outcome))
        if plan.heavy:
            keys.append(("heavy", 0.9, None))
        if plan.t < 1 / 3:
            keys.append(("early", 0.4, None))
        elif plan.t > 2 / 3:
            keys.append(("late", 0.4, None))
        return keys

    def _responses(self, plan: EntryPlan, composer: Composer) -> dict[str, str]:
        if plan.template is None:
            return {}
        rng = self.rng
        effort = choose(rng, ("brief", "normal", "full"), (0.6, 0.3, 0.1) if plan.heavy else (0.25, 0.5, 0.25))
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

    def _narrative(self, plan: EntryPlan, composer: Composer) -> str:
        rng, bank = self.rng, self.data.narrative
        if plan.template is not None and rng.random() >= 0.3:
            return ""
        keys: list[Key] = [("opening", 0.5, None), (plan.context, 1.0, None)]
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

    def _title(self, situation: Situation, composer: Composer) -> str:
        rng = self.rng
        options = [line for line in situation.titles if composer.ok(line)] or list(situation.titles)
        line = rng.choice(options)
        base, _ = composer.fill(line)
        seen = self.titles_seen.get(base, 0)
        self.titles_seen[base] = seen + 1
        if not seen:
            return base
        form = rng.choice(("Follow-up: {}", "Back to it: {}", "{} (again)", "Second attempt: {}"))
        named_first = line.text.startswith("{")  # a pseudonym keeps its capital ("Patient Mr Heron")
        title = form.format(_lower_first(base) if form[0] != "{" and not named_first else base)
        return title[0].upper() + title[1:]

    # tags ---------------------------------------------------------------------------------
    def _tags(self, plan: EntryPlan, feelings: list[str], composer: Composer, month: float) -> list[dict[str, Any]]:
        """Two to seven tag uses: the protected ones (feelings, the outcome, a tag the text
        shows) always kept, then a sample of the optional ones that fits."""
        custom = {t.id: t for t in self.persona.custom_tags}

        def usable(tag: str) -> bool:
            return tag not in custom or month >= custom[tag].from_month

        protected = self._protected_tags(plan, feelings, composer, usable)
        optional = self._optional_tags(plan, usable)
        return self._anchors(self._fit(protected, optional, plan), plan, feelings, composer)

    def _protected_tags(
        self, plan: EntryPlan, feelings: list[str], composer: Composer, usable: Callable[[str], bool]
    ) -> list[str]:
        rng = self.rng
        protected: list[str] = list(feelings)
        if plan.outcome and rng.random() < 0.65:
            protected.append(plan.outcome)
        shown = [
            tag for _f, _s, _e, tag in composer.spans if tag not in protected and tag not in OUTCOMES and usable(tag)
        ]
        if shown and rng.random() < 0.4:
            protected.append(shown[int(rng.random() * len(shown))])
        return protected

    def _optional_tags(self, plan: EntryPlan, usable: Callable[[str], bool]) -> list[str]:
        """Candidates from the other groups, drawn in this order (conversation first)."""
        return [
            *self._conversation_tags(plan, usable),
            *self._other_person_tags(plan),
            *self._relational_tags(plan, usable),
            *self._context_tags(plan),
        ]

    def _conversation_tags(self, plan: EntryPlan, usable: Callable[[str], bool]) -> list[str]:
        rng = self.rng
        found = [tag for tag, chance in tag_chances(plan).items() if rng.random() < chance]
        ran_out = next((t.id for t in self.persona.custom_tags if t.group == "conversation"), None)
        if ran_out and usable(ran_out) and rng.random() < (0.2 if plan.heavy else 0.07):
            found.append(ran_out)
        return found

    def _other_person_tags(self, plan: EntryPlan) -> list[str]:
        rng = self.rng
        others = list(OTHER_BY_CONTEXT.get(plan.context, ())) + list(
            OTHER_BY_OUTCOME.get(plan.outcome or "softened", ())
        )
        return distinct(rng, others, choose(rng, (0, 1, 2), (0.5, 0.43, 0.07)))

    def _relational_tags(self, plan: EntryPlan, usable: Callable[[str], bool]) -> list[str]:
        rng = self.rng
        relational = list(RELATIONAL_BY_CONTEXT.get(plan.context, ()))
        if plan.heavy:
            relational += ["social-defence", "containment-received"]
        found = distinct(rng, relational, choose(rng, (0, 1, 2), (0.55, 0.38, 0.07)))
        if plan.stance_both and rng.random() < 0.4:
            found += ["heroic-stance", "stoical-stance"]
        elif plan.stance is not None and plan.stance <= -1 and rng.random() < 0.5:
            found.append("heroic-stance")
        elif plan.stance is not None and plan.stance >= 1 and rng.random() < 0.5:
            found.append("stoical-stance")
        stuck = next((t.id for t in self.persona.custom_tags if t.group == "relational"), None)
        if stuck and usable(stuck) and plan.context in STUCK_CONTEXTS and rng.random() < 0.12:
            found.append(stuck)
        return found

    def _context_tags(self, plan: EntryPlan) -> list[str]:
        rng, contexts = self.rng, plan.case.contexts
        found = []
        if rng.random() < 0.15:
            found.append(plan.context)
        if len(contexts) > 1 and rng.random() < 0.4:
            found.append(next(c for c in contexts if c != plan.context) if plan.context in contexts else contexts[0])
        return found

    def _fit(self, protected: list[str], optional: list[str], plan: EntryPlan) -> list[str]:
        """At most seven distinct tags, protected first; at least two."""
        protected = list(dict.fromkeys(protected))[:_MAX_TAGS]
        optional = [t for t in dict.fromkeys(optional) if t not in protected]
        room = max(0, _MAX_TAGS - len(protected))
        if len(optional) > room:
            optional = [optional[i] for i in sorted(self.rng.sample(range(len(optional)), room))]
        tags = protected + optional
        if len(tags) < 2:
            tags.append(
                plan.outcome
                if plan.outcome and plan.outcome not in tags
                else "compassion"
                if "compassion" not in tags
                else "checking-understanding"
            )
        return tags

    def _anchors(
        self, tags: list[str], plan: EntryPlan, feelings: list[str], composer: Composer
    ) -> list[dict[str, Any]]:
        """Tag uses: most tags the text shows are anchored to their first passage; feelings get an intensity."""
        rng = self.rng
        spans: dict[str, tuple[str, int, int]] = {}
        for field, start, end, tag in composer.spans:
            spans.setdefault(tag, (field, start, end))
        out = []
        for tag in tags:
            anchor = None
            if tag in spans and rng.random() < 0.6:
                field, start, end = spans[tag]
                anchor = {"field": field, "start": start, "end": end}
            intensity = self.planner.intensity(tag, plan) if tag in feelings else None
            out.append({"tag": tag, "intensity": intensity, "anchor": anchor})
        return out

    # actions ------------------------------------------------------------------------------
    def _actions(self, plan: EntryPlan, composer: Composer) -> list[dict[str, Any]]:
        rng = self.rng
        if rng.random() >= 0.6:
            return []
        count = choose(rng, (1, 2, 3), (0.7, 0.25, 0.05))
        bank = self.data.actions
        keys = (plan.context, plan.outcome or "", self.persona.id, "any")
        options = [line for key in keys for line in bank.get(key, ()) if composer.ok(line)]
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
        """The fields of one entry on ``day``, as ``journal.add`` takes them."""
        rng = self.rng
        entry_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        plan = self.planner.plan(day)
        situation, slots = self._situation(plan)
        feelings = self.planner.feelings(plan)
        composer = Composer(rng, slots, feelings, self.data.feeling_words, situation.topic.needs, self.options_cache)
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
        return {
            "id": entry_id,
            "occurred_on": day,
            "title": title,
            "context": plan.context,
            "people": list(dict.fromkeys(p for p in people if p)),
            "outcome": plan.outcome,
            "stance": plan.stance,
            "stance_both": plan.stance_both,
            "depth": plan.depth,
            "template": plan.template,
            "responses": responses,
            "narrative": narrative,
            "tags": tags,
            "feelings_before": plan.before,
            "feelings_after": plan.after,
            "actions": actions,
            "flagged": rng.random() < _flag_chance(plan),
        }


def _flag_chance(plan: EntryPlan) -> float:
    """Avoided or softened conversations, high feelings and the heavy spell go to supervision more often."""
    return (
        0.07
        + (0.14 if plan.outcome == "avoided" else 0.07 if plan.outcome in ("softened", "deferred") else 0.0)
        + (0.08 if (plan.before or 0) >= 8 else 0.0)
        + (0.18 if plan.heavy else 0.0)
    )


def generate_entries(
    n: int,
    *,
    seed: int = DEFAULT_SEED,
    start: dt.date = DEFAULT_START,
    months: int = DEFAULT_MONTHS,
    persona: str = DEFAULT_PERSONA,
) -> list[dict[str, Any]]:
    """``n`` synthetic entries of ``persona`` (one of :data:`PERSONAS`) as field dicts for
    ``journal.add``, oldest first.

    Pure and deterministic: the same arguments always give the same entries (ids
    included). The entries name people from :func:`demo_people` and may use the tags
    from :func:`demo_custom_tags` (of the same persona), so add those to a journal first
    (:func:`prepare_journal`). Actions are all open; :func:`build_demo` follows them up.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValidationError("entries", f"must be a whole number of 0 or more, not {n!r}.")
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        raise ValidationError("months", f"must be a whole number of 1 or more, not {months!r}.")
    generator = Generator(seed, start, months, persona)
    return [generator.entry(day) for day in dates(n, generator.rng, generator.span)]
