"""CPD and revalidation records made from chosen entries: the fields, their rules, the review of
what could identify someone, and the counts a regulator asks for

Three kinds of record, each with the fields of its regulator's form:

* ``"swe"``, a Social Work England CPD record: ``cpd_type``, ``description_relevance``,
  ``occurred_on``, ``learned``, ``impact_practice``, ``impact_people``, ``peer_reflection``
  (what was learned from discussing it with a peer), ``peer_role`` (the peer's role only) and
  ``standards`` (parts of professional standard 4, :data:`SWE_STANDARDS`);
* ``"nmc-account"``, an NMC written reflective account: ``nature`` (of the CPD activity,
  feedback or event), ``learned``, ``changed``, ``code_relevance`` and ``code_themes``
  (:data:`NMC_CODE_THEMES`);
* ``"nmc-discussion"``, an NMC reflective discussion: ``account_ids`` (the accounts discussed),
  ``discussed`` and ``learned``; the day is the record's ``made_on``. The other registrant's
  name, PIN and email are never kept: the export leaves labelled blanks to fill in by hand.

:func:`draft_record` checks every field (:class:`ValidationError` naming it and what is
allowed) and then puts the text through the same review as a supervision pack
(``supervision.review.PackDraft``): each registered name, identifier or possible name found is
one finding, to accept, change or dismiss. :meth:`CpdDraft.save` refuses while a finding has no
answer, then looks again at the text as it will be kept and refuses what is still certain to
identify someone (a registered name or an identifier left by a dismissal or a change), or looks
like an NMC PIN. Only then is the record kept in the journal.

:func:`cpd_year_status` and :func:`nmc_cycle_status` count records; their ``str`` holds
counts and dates only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..content.assignments import NMC_CODE_THEMES
from ..errors import ValidationError
from ..journal.cpd_store import CPD_KINDS, StoredCpdRecord
from ..privacy.detect import find_identifiers
from ..supervision.choice import PackChoice
from ..supervision.review import PackDraft, Piece, findings_in
from ..validate import check_date, check_text

__all__ = [
    "CPD_KINDS",
    "FORMS",
    "NMC_CODE_THEMES",
    "SWE_STANDARDS",
    "CpdDraft",
    "FieldRule",
    "NMCCycleStatus",
    "SWEYearStatus",
    "add_record",
    "cpd_year_status",
    "draft_record",
    "nmc_cycle_status",
]

#: The four themes of the NMC Code. (content/assignments.py is to hold them for every part of the
#: workbook; until it does, they are defined here.)

#: The eight parts of Social Work England's professional standard 4 (continuing professional
#: development), each with a short label in our own words; the standards give the full wording.
SWE_STANDARDS: Mapping[str, str] = {
    "4.1": "Feedback from others, including people with lived experience of my practice",
    "4.2": "Supervision and feedback to reflect on my learning needs",
    "4.3": "Keeping up to date: research, theories and frameworks in my practice",
    "4.4": "Subject knowledge, current issues and social policy",
    "4.5": "An open learning culture at work: discussing and sharing practice",
    "4.6": "The impact of my CPD on the quality of my practice",
    "4.7": "Recording my learning and reflection regularly",
    "4.8": "Reflecting on my own values and their impact on my practice",
}

KIND_TITLES = {
    "swe": "Social Work England CPD record",
    "nmc-account": "NMC written reflective account",
    "nmc-discussion": "NMC reflective discussion",
}

_LINE, _TEXT = 200, 5000


@dataclass(frozen=True)
class FieldRule:
    """One field of a form: its ``label`` (as the form asks it), its shape (``"line"``, ``"text"``,
    ``"date"`` or ``"ids"``), whether it is required, and the longest text or the allowed ids."""

    name: str
    label: str
    shape: str = "text"
    required: bool = True
    max_len: int = _TEXT
    allowed: Mapping[str, str] | None = None


FORMS: Mapping[str, tuple[FieldRule, ...]] = {
    "swe": (
        FieldRule("cpd_type", "CPD type", "line", max_len=_LINE),
        FieldRule("description_relevance", "Description and relevance to your practice", max_len=3000),
        FieldRule("occurred_on", "Date of the activity", "date"),
        FieldRule("learned", "What did you learn?"),
        FieldRule("impact_practice", "What impact has this had on your practice?"),
        FieldRule("impact_people", "What impact has this had on the people you work with?"),
        FieldRule(
            "peer_reflection", "Peer reflection: what did you learn from discussing it with a peer?", required=False
        ),
        FieldRule("peer_role", "The peer's role", "line", required=False, max_len=80),
        FieldRule("standards", "Professional standard 4: the parts it relates to", "ids", False, allowed=SWE_STANDARDS),
    ),
    "nmc-account": (
        FieldRule(
            "nature", "What was the nature of the CPD activity, practice-related feedback or event?", max_len=3000
        ),
        FieldRule("learned", "What did you learn from it?"),
        FieldRule("changed", "How did you change or improve your practice as a result?"),
        FieldRule("code_relevance", "How is this relevant to the Code?"),
        FieldRule("code_themes", "Themes of the Code", "ids", allowed=NMC_CODE_THEMES),
    ),
    "nmc-discussion": (
        FieldRule("account_ids", "The written reflective accounts discussed", "ids"),
        FieldRule("discussed", "What we discussed"),
        FieldRule("learned", "What I learned from the discussion"),
    ),
}

# An NMC PIN: two digits, a letter, four digits, a letter (e.g. 12A3456E).
_NMC_PIN = re.compile(r"\b\d{2}[A-Za-z]\d{4}[A-Za-z]\b")


def _kind(kind: Any) -> str:
    if kind not in CPD_KINDS:
        raise ValidationError("kind", f"must be one of {', '.join(CPD_KINDS)}, not {kind!r}.")
    return kind


def _ids(rule: FieldRule, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    if not isinstance(value, Iterable):
        raise ValidationError(rule.name, "must be a list of ids.")
    out: list[str] = []
    for i, item in enumerate(value):
        item = check_text(f"{rule.name}[{i}]", item, max_len=64, multiline=False).strip()
        if not item:
            continue
        if rule.allowed is not None and item not in rule.allowed:
            raise ValidationError(
                f"{rule.name}[{i}]", f"{item!r} is not allowed; choose from {', '.join(rule.allowed)}."
            )
        if item not in out:
            out.append(item)
    if rule.allowed is not None:
        out.sort(key=list(rule.allowed).index)
    if rule.required and not out:
        allowed = f" from {', '.join(rule.allowed)}" if rule.allowed else ""
        raise ValidationError(rule.name, f"is required: give at least one{allowed}.")
    return out


def _field_value(rule: FieldRule, value: Any, made_on: dt.date) -> Any:
    """One field checked and cleaned (None or empty when not given)."""
    if rule.shape == "ids":
        return _ids(rule, [] if value is None else value)
    if value is None or (isinstance(value, str) and not value.strip()):
        if rule.required:
            raise ValidationError(rule.name, f"is required ({rule.label}).")
        return None
    if rule.shape == "date":
        day = check_date(rule.name, value)
        if day > made_on:
            raise ValidationError(rule.name, f"{day.isoformat()} is after the day the record is made ({made_on}).")
        return day.isoformat()
    return check_text(rule.name, value, max_len=rule.max_len, multiline=rule.shape == "text").strip()


def check_fields(kind: str, fields: Mapping[str, Any], *, made_on: dt.date) -> dict[str, Any]:
    """The fields of a ``kind`` record, checked and cleaned; ValidationError naming the first
    field that is missing, unknown, too long, or not one of the allowed ids or a date."""
    rules = {r.name: r for r in FORMS[_kind(kind)]}
    if not isinstance(fields, Mapping):
        raise ValidationError("fields", "must be a mapping of field names to values.")
    for key in fields:
        if key not in rules:
            shown = key if isinstance(key, str) and key.isidentifier() and len(key) <= 40 else "a field"
            raise ValidationError(shown, f"is not a field of a {KIND_TITLES[kind]}; the fields are {', '.join(rules)}.")
    clean: dict[str, Any] = {}
    for name, rule in rules.items():
        value = _field_value(rule, fields.get(name), made_on)
        if value:
            clean[name] = value
    if kind == "swe" and clean.get("peer_role") and not clean.get("peer_reflection"):
        raise ValidationError("peer_role", "is kept only with a peer reflection; write what you learned from the peer.")
    return clean


@dataclass(frozen=True)
class _FieldPiece(Piece):
    """A field of the record, as a piece of text to review."""

    @property
    def place(self) -> str:
        return f"record, {self.key}"


@dataclass(eq=False, repr=False)
class CpdDraft(PackDraft):
    """A record not yet kept: its checked fields, and the findings in their text to answer
    (``answer``, ``answer_all``, ``unanswered``, ``context``: see ``PackDraft``). Then
    :meth:`save`. Holds the real text; its repr counts."""

    kind: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    made_on: dt.date = field(default_factory=dt.date.today)

    def __repr__(self) -> str:
        return (
            f"<CpdDraft {self.kind} from {len(self.entries)} entries, {len(self.findings)} findings, "
            f"{len(self.unanswered())} unanswered>"
        )

    def write(self, folder: Any = None, **options: Any) -> Any:
        raise ValidationError("record", "a CPD record is kept with save(); export it from the journal after.")

    def kept_fields(self) -> dict[str, Any]:
        """The fields as they will be kept: the answers applied. Refused (ValidationError) while a
        finding has no answer, and for text still certain to identify someone."""
        texts = self.shared_texts()
        out = dict(self.fields)
        for piece, text in zip(self.pieces, texts, strict=True):
            out[str(piece.key)] = text
        for name, value in out.items():
            if not isinstance(value, str) or name == "occurred_on":
                continue
            left = [f for f in find_identifiers(value, self.journal) if not f.flagged]
            if left:
                kinds = sorted({f.kind.replace("_", " ") for f in left})
                raise ValidationError(
                    name,
                    f"still holds {len(left)} thing(s) that identify someone ({', '.join(kinds)}); "
                    "accept the suggestion or change it to words that identify nobody.",
                )
            if _NMC_PIN.search(value):
                raise ValidationError(name, "holds what looks like an NMC PIN; a PIN is never kept in the journal.")
        return out

    def save(self) -> StoredCpdRecord:
        """Keep the record in the journal (see :meth:`kept_fields` for what is refused)."""
        return self.journal.add_cpd_record(
            self.kind, self.kept_fields(), [e.id for e in self.entries], made_on=self.made_on
        )


def _entries(journal: Any, entry_ids: Iterable[str]) -> list[Any]:
    if isinstance(entry_ids, str):
        raise ValidationError("entry_ids", "must be a list of entry ids, not one text.")
    entries = []
    for entry_id in dict.fromkeys(entry_ids):
        entry = journal.get(entry_id)  # NotFoundError names an unknown id
        if entry.in_trash:
            raise ValidationError("entry_ids", f"entry {entry.id[:8]} is in the trash; restore it to use it.")
        entries.append(entry)
    return entries


def _accounts(journal: Any, ids: list[str]) -> list[str]:
    out = []
    for i, record_id in enumerate(ids):
        try:
            record = journal.cpd_record(record_id)
        except LookupError:
            raise ValidationError(f"account_ids[{i}]", "is not a CPD record of this journal.") from None
        if record.kind != "nmc-account":
            raise ValidationError(
                f"account_ids[{i}]", f"is a {record.kind} record, not an NMC written reflective account."
            )
        out.append(record.id)
    return list(dict.fromkeys(out))


def draft_record(
    journal: Any,
    kind: str,
    fields: Mapping[str, Any],
    entry_ids: Iterable[str] = (),
    *,
    made_on: dt.date | str | None = None,
) -> CpdDraft:
    """Check the fields of a ``kind`` record made from these entries, and find what in their
    text could identify someone. Nothing is kept until ``save()``."""
    day = dt.date.today() if made_on is None else check_date("made_on", made_on)
    clean = check_fields(kind, fields, made_on=day)
    entries = _entries(journal, entry_ids)
    if kind == "nmc-discussion":
        clean["account_ids"] = _accounts(journal, clean["account_ids"])
    rules = {r.name: r for r in FORMS[kind]}
    pieces: list[Piece] = [
        _FieldPiece(None, "record", name, value)
        for name, value in clean.items()
        if isinstance(value, str) and rules[name].shape in ("line", "text")
    ]
    choice = PackChoice(entry_ids=tuple(e.id for e in entries))
    return CpdDraft(
        choice, entries, pieces, findings_in(journal, pieces), journal=journal, kind=kind, fields=clean, made_on=day
    )


def add_record(
    journal: Any,
    kind: str,
    fields: Mapping[str, Any],
    entry_ids: Iterable[str] = (),
    *,
    made_on: dt.date | str | None = None,
    decisions: Any = None,
) -> StoredCpdRecord:
    """Draft, answer and keep a record in one call: ``decisions`` answers the findings as
    ``PackDraft.answer_all`` does (``"accept"`` takes every suggestion). Refused while any
    finding is left without an answer."""
    draft = draft_record(journal, kind, fields, entry_ids, made_on=made_on)
    if decisions is not None:
        draft.answer_all(decisions)
    return draft.save()


# -- counting ---------------------------------------------------------------------------------


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class SWEYearStatus:
    """A Social Work England registration year (1 December to 30 November): how many CPD
    records were made in it, how many with peer reflection, whether the minimum (two, one of
    them with peer reflection) is met, and the days left to 30 November."""

    starts_on: dt.date
    ends_on: dt.date
    records: int
    with_peer_reflection: int
    days_left: int
    needed: int = 2
    needed_with_peer: int = 1

    @property
    def met(self) -> bool:
        return self.records >= self.needed and self.with_peer_reflection >= self.needed_with_peer

    def __str__(self) -> str:
        state = "met" if self.met else "not met yet"
        left = (
            f"{self.days_left} day{'s' if self.days_left != 1 else ''} left" if self.days_left else "the year has ended"
        )
        return (
            f"Registration year {_long(self.starts_on)} to {_long(self.ends_on)}: {self.records} CPD "
            f"record{'s' if self.records != 1 else ''}, {self.with_peer_reflection} with peer reflection "
            f"({self.needed} needed, {self.needed_with_peer} with peer reflection): {state}; {left}."
        )


def _today(today: dt.date | str | None) -> dt.date:
    return dt.date.today() if today is None else check_date("today", today)


def cpd_year_status(
    journal: Any, year_ending: int | None = None, *, today: dt.date | str | None = None
) -> SWEYearStatus:
    """The Social Work England registration year ending on 30 November of ``year_ending``
    (default: the year running today). A record counts in the year of the day it was made."""
    now = _today(today)
    if year_ending is None:
        year_ending = now.year + 1 if now > dt.date(now.year, 11, 30) else now.year
    if isinstance(year_ending, bool) or not isinstance(year_ending, int) or not 1900 < year_ending < 3000:
        raise ValidationError("year_ending", f"must be a year such as {now.year}, not {year_ending!r}.")
    start, end = dt.date(year_ending - 1, 12, 1), dt.date(year_ending, 11, 30)
    records = [r for r in journal.cpd_records("swe") if start <= r.made_on <= end]
    peer = sum(1 for r in records if str(r.fields.get("peer_reflection") or "").strip())
    return SWEYearStatus(start, end, len(records), peer, max(0, (end - now).days))


@dataclass(frozen=True)
class NMCCycleStatus:
    """The three years before an NMC revalidation: written reflective accounts made in them
    (five needed), reflective discussions recorded, and the days left."""

    starts_on: dt.date
    due_on: dt.date
    accounts: int
    discussions: int
    days_left: int
    needed: int = 5

    @property
    def discussion_recorded(self) -> bool:
        return self.discussions > 0

    @property
    def met(self) -> bool:
        return self.accounts >= self.needed and self.discussion_recorded

    def __str__(self) -> str:
        discussion = "a reflective discussion recorded" if self.discussion_recorded else "no reflective discussion yet"
        left = (
            f"{self.days_left} day{'s' if self.days_left != 1 else ''} left"
            if self.days_left
            else "the date has passed"
        )
        return (
            f"Revalidation due {_long(self.due_on)} (the three years from {_long(self.starts_on)}): "
            f"{self.accounts} of {self.needed} written reflective accounts, {discussion}: "
            f"{'met' if self.met else 'not met yet'}; {left}."
        )


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def nmc_cycle_status(journal: Any, due_on: dt.date | str, *, today: dt.date | str | None = None) -> NMCCycleStatus:
    """The NMC revalidation due on ``due_on``: records made in the three years before it (from
    the same day three years earlier, up to the day before it)."""
    due = check_date("due_on", due_on)
    start = _years_before(due, 3)
    now = _today(today)

    def made_in(kind: str) -> int:
        return sum(1 for r in journal.cpd_records(kind) if start <= r.made_on < due)

    return NMCCycleStatus(start, due, made_in("nmc-account"), made_in("nmc-discussion"), max(0, (due - now).days))
