"""The review step: every identifier found in the text chosen for a pack, and the practitioner's answer to each

:class:`PackDraft` holds the chosen entries cut into the pieces of text that would be shared
(a title, a stage's answer, the narrative, an action point, a tag's or context's label, a
question, a summary sentence) and the :class:`DraftFinding` of ``privacy.find_identifiers`` in
them. Findings are grouped by person or identifier across the whole pack: a registered name
is one finding wherever (and however spelt) it appears, with its pseudonym as the suggestion;
a possible name is one finding per name, suggested as ``[name 1]``, ``[name 2]``... numbered
across the pack. So one answer covers every place, and the same person gets the same
pseudonym throughout the pack.

Each finding needs a :class:`Decision`: ``accept`` (use the suggestion), ``change`` (use the
practitioner's own words) or ``dismiss`` (not an identifier: keep the text as it is).
:meth:`PackDraft.shared_texts` refuses (ValidationError naming how many) while any finding
has no answer. A draft holds the real text: it is for the practitioner's eyes and is never
written out; its repr counts and shows nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ValidationError
from ..privacy.detect import fold, identifier_finder
from .choice import PackChoice, choose_entries

__all__ = ["ACTIONS", "Decision", "DraftFinding", "Occurrence", "PackDraft", "Piece", "findings_in", "make_draft"]

ACTIONS = ("accept", "change", "dismiss")
CONTEXT_CHARS = 40
# pieces made of vocabulary labels and generated sentences: only certain findings (a
# registered name, a phone number) are asked about in them, never possible names
_LABEL_PARTS = frozenset({"context", "tags", "summary"})


@dataclass(frozen=True)
class Piece:
    """One piece of text that would be shared. ``entry_id`` is None for a question or a
    summary sentence; ``part`` is one of ``choice.PARTS`` or ``"context"``, ``"question"``,
    ``"summary"``; ``key`` tells pieces of one part apart (the stage id, action id, tag id,
    or the question's number)."""

    entry_id: str | None
    part: str
    key: str | None
    text: str = field(repr=False)

    @property
    def place(self) -> str:
        where = f"entry {self.entry_id[:8]}" if self.entry_id else "pack"
        return f"{where}, {self.part}" + (f" ({self.key})" if self.key and self.part == "stages" else "")


@dataclass(frozen=True)
class Occurrence:
    piece: int  # index into PackDraft.pieces
    start: int
    end: int


@dataclass(frozen=True)
class DraftFinding:
    """One person or identifier, found in one or more places of the pack. Its repr never
    shows the text found."""

    id: str  # "F1", "F2"... in order of first appearance
    kind: str
    suggestion: str
    occurrences: tuple[Occurrence, ...]
    text: str = field(repr=False)  # as first found

    @property
    def flagged(self) -> bool:
        """A guess (a possible name) rather than a certainty."""
        return self.kind == "possible_name"

    def __repr__(self) -> str:
        return f"<DraftFinding {self.id} {self.kind} x{len(self.occurrences)} -> {self.suggestion!r}>"


@dataclass(frozen=True)
class Decision:
    """The practitioner's answer to one finding: ``action`` is ``"accept"``, ``"change"``
    (with ``text``, the replacement) or ``"dismiss"``."""

    action: str
    text: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValidationError("decision", f"must be one of {', '.join(ACTIONS)}, not {self.action!r}.")
        if self.action == "change":
            if not isinstance(self.text, str) or not self.text.strip():
                raise ValidationError("decision", "a change needs the words to use instead.")
            object.__setattr__(self, "text", " ".join(self.text.split()))
        elif self.text is not None:
            raise ValidationError("decision", f"only a change takes replacement words, not {self.action}.")

    @classmethod
    def of(cls, value: Decision | str | tuple[str, str]) -> Decision:
        """A Decision from itself, ``"accept"``/``"dismiss"``, or ``("change", "words")``."""
        if isinstance(value, Decision):
            return value
        if isinstance(value, str):
            return cls(value)
        if isinstance(value, tuple) and len(value) == 2:
            return cls(value[0], value[1])
        raise ValidationError("decision", f"must be 'accept', 'dismiss' or ('change', words), not {value!r}.")


def _group_key(kind: str, text: str, replacement: str) -> tuple[str, str]:
    # a registered person is one finding whatever spelling was used: its pseudonym names it
    return (kind, replacement) if kind == "alias" else (kind, fold(text))


@dataclass(eq=False)
class PackDraft:
    """The chosen entries as pieces of text, the findings in them and the answers so far."""

    choice: PackChoice
    entries: list[Any] = field(repr=False)
    pieces: list[Piece] = field(repr=False)
    findings: list[DraftFinding] = field(repr=False)
    summary: list[str] = field(default_factory=list, repr=False)
    period: tuple[Any, Any] | None = None
    journal: Any = field(default=None, repr=False)
    decisions: dict[str, Decision] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        return (
            f"<PackDraft {len(self.entries)} entries, {len(self.findings)} findings, "
            f"{len(self.unanswered())} unanswered>"
        )

    # -- answering ------------------------------------------------------------------------
    def finding(self, finding_id: str) -> DraftFinding:
        for f in self.findings:
            if f.id == finding_id:
                return f
        raise ValidationError("finding", f"there is no finding {finding_id!r} in this pack.")

    def answer(self, finding_id: str, action: Decision | str, text: str | None = None) -> Decision:
        """Record the answer to one finding (``answer("F2", "change", "Parent B")``)."""
        self.finding(finding_id)
        decision = Decision.of(action) if text is None else Decision(str(action), text)
        self.decisions[finding_id] = decision
        return decision

    def answer_all(
        self,
        decisions: Mapping[str, Decision | str | tuple[str, str]]
        | Callable[[DraftFinding], Decision | str | tuple[str, str] | None]
        | str,
    ) -> None:
        """Answer many at once: a mapping of finding id to answer, a function given each
        unanswered finding (returning None leaves it unanswered), or ``"accept"`` /
        ``"dismiss"`` for every one still unanswered."""
        if isinstance(decisions, str):
            for f in self.unanswered():
                self.answer(f.id, decisions)
        elif isinstance(decisions, Mapping):
            for finding_id in decisions:
                self.finding(finding_id)  # an unknown id is refused before anything is recorded
            for finding_id, value in decisions.items():
                self.answer(finding_id, value)
        elif callable(decisions):
            for f in self.unanswered():
                value = decisions(f)
                if value is not None:
                    self.answer(f.id, value)
        else:
            raise ValidationError("decisions", "must be a mapping, a function or 'accept'/'dismiss'.")

    def unanswered(self) -> list[DraftFinding]:
        """The findings with no answer yet."""
        return [f for f in self.findings if f.id not in self.decisions]

    # -- what the practitioner sees ----------------------------------------------------------
    def context(self, finding: DraftFinding | str, *, show: str = "match", width: int = CONTEXT_CHARS) -> list[str]:
        """Each place of a finding: the text around it, the match between ⟦ ⟧. With
        ``show="suggestion"`` the match, and every other finding in view, is shown as its
        suggestion (for a terminal, where no real name should be printed again)."""
        if isinstance(finding, str):
            finding = self.finding(finding)
        out = []
        for occ in finding.occurrences:
            piece = self.pieces[occ.piece]
            text = piece.text
            lo, hi = max(0, occ.start - width), min(len(text), occ.end + width)
            before, after = text[lo : occ.start], text[occ.end : hi]
            middle = text[occ.start : occ.end]
            if show != "match":
                before = self._masked(occ.piece, lo, occ.start)
                after = self._masked(occ.piece, occ.end, hi)
                middle = finding.suggestion
            lead = "…" if lo > 0 else ""
            tail = "…" if hi < len(text) else ""
            line = " ".join(f"{lead}{before}⟦{middle}⟧{after}{tail}".split())
            out.append(f"{piece.place}: {line}")
        return out

    def _masked(self, piece: int, start: int, end: int) -> str:
        """``pieces[piece].text[start:end]`` with every finding in it shown as its suggestion
        (one cut at the edge of the window is left out altogether)."""
        text = self.pieces[piece].text
        spans = sorted((o.start, o.end, f.suggestion) for f in self.findings for o in f.occurrences if o.piece == piece)
        pieces, at = [], start
        for s, e, suggestion in spans:
            if e <= start or s >= end:
                continue
            pieces.append(text[at : max(at, s)])
            pieces.append(suggestion if start <= s and e <= end else "…")
            at = max(at, min(e, end))
        pieces.append(text[at:end])
        return "".join(pieces)

    # -- the result -------------------------------------------------------------------------
    def write(self, folder: Any = None, **options: Any) -> Any:
        """Build, check and write the pack (``share.write_pack``): refused while a finding
        is unanswered, or when the leak check finds something not overridden."""
        from .share import write_pack

        return write_pack(self, folder, **options)

    def replacement(self, finding: DraftFinding) -> str | None:
        """What stands in the finding's place (None: kept as it is). ValidationError if unanswered."""
        decision = self.decisions.get(finding.id)
        if decision is None:
            raise ValidationError("decisions", f"finding {finding.id} has no answer yet.")
        if decision.action == "accept":
            return finding.suggestion
        if decision.action == "change":
            return decision.text
        return None

    def shared_texts(self) -> list[str]:
        """Each piece's text as it will be shared, in the order of ``pieces``. Refused
        (ValidationError naming how many) while any finding is unanswered."""
        missing = self.unanswered()
        if missing:
            n = len(missing)
            raise ValidationError(
                "decisions",
                f"{n} finding{'s' if n != 1 else ''} still need{'' if n != 1 else 's'} an answer "
                "(accept, change or dismiss) before the pack can be written.",
            )
        edits: dict[int, list[tuple[int, int, str]]] = {}
        for f in self.findings:
            new = self.replacement(f)
            if new is None:
                continue
            for occ in f.occurrences:
                edits.setdefault(occ.piece, []).append((occ.start, occ.end, new))
        out = []
        for i, piece in enumerate(self.pieces):
            text = piece.text
            for start, end, new in sorted(edits.get(i, []), reverse=True):
                text = text[:start] + new + text[end:]
            out.append(text)
        return out


def _entry_pieces(entry: Any, parts: Iterable[str], label: Callable[[str], str]) -> list[Piece]:
    chosen = set(parts)
    candidates: list[tuple[str, str | None, str | None]] = [
        ("context", None, label(entry.context) if entry.context else None),
        ("title", None, entry.title),
        *(("stages", stage_id, text) for stage_id, text in entry.responses.items()),
        ("narrative", None, entry.narrative),
        *(("tags", tag, label(tag)) for tag in entry.tag_ids),
        *(("actions", action.id, action.text) for action in entry.actions),
    ]
    return [
        Piece(entry.id, part, key, text)
        for part, key, text in candidates
        if (part == "context" or part in chosen) and text and text.strip()
    ]


def _period_summary(journal: Any, entries: list[Any]) -> tuple[list[str], tuple[Any, Any]]:
    from ..analysis import Frames, summarise

    since = min(e.occurred_on for e in entries)
    until = max(e.occurred_on for e in entries)
    frames = Frames.from_journal(journal)
    return summarise(frames, since, until, today=until), (since, until)


def make_draft(journal: Any, choice: PackChoice, *, with_summary: bool = True) -> PackDraft:
    """The draft of a pack: the chosen entries (``choice.choose_entries``), their pieces of
    shareable text and every finding in them, none answered yet."""
    entries = choose_entries(journal, choice)
    vocabulary = journal.vocabulary()

    def label(tag_id: str) -> str:
        found = vocabulary.find(tag_id)
        return found.label if found is not None else tag_id

    pieces: list[Piece] = []
    for entry in entries:
        pieces += _entry_pieces(entry, choice.parts, label)
    for n, question in enumerate(choice.questions, 1):
        pieces.append(Piece(None, "question", str(n), question))
    summary: list[str] = []
    period = None
    if with_summary:
        summary, period = _period_summary(journal, entries)
        for n, sentence in enumerate(summary, 1):
            pieces.append(Piece(None, "summary", str(n), sentence))
    return PackDraft(choice, entries, pieces, findings_in(journal, pieces), summary, period, journal)


def findings_in(journal: Any, pieces: list[Piece]) -> list[DraftFinding]:
    """The findings in ``pieces``, one per person or identifier across them all."""
    find = identifier_finder(journal)
    groups: dict[tuple[str, str], list[Any]] = {}
    for i, piece in enumerate(pieces):
        for f in find(piece.text):
            if f.flagged and piece.part in _LABEL_PARTS:
                continue  # a capitalised label ("Held", "Stayed clear") is not a guess at a name
            key = _group_key(f.kind, f.text, f.replacement)
            groups.setdefault(key, []).append((i, f))
    findings: list[DraftFinding] = []
    names = 0
    for n, (key, hits) in enumerate(groups.items(), 1):
        kind, first = key[0], hits[0][1]
        if kind == "possible_name":
            names += 1
            suggestion = f"[name {names}]"
        else:
            suggestion = first.replacement
        occurrences = tuple(Occurrence(i, f.start, f.end) for i, f in hits)
        findings.append(DraftFinding(f"F{n}", kind, suggestion, occurrences, first.text))
    return findings
