"""A demo journal: filled through the journal's public API, then written to a file safely.

* :func:`build_demo` fills an open, empty journal with one persona's demo: its people
  register and the practitioner's two tags, the generated entries, and then what happens to them later (the follow-up
  steps below), each drawing from one ``random.Random`` seeded from the demo's seed.
* :func:`write_demo_journal` builds the demo in a private temporary file beside the
  target and moves it into place in one step, and never replaces a journal holding
  anything of the user's (:func:`_is_real_journal`).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
from pathlib import Path
from typing import Any

from .. import files, paths
from ..errors import ValidationError
from ..journal import migrations
from ..journal.store import Journal
from ..models import Entry
from . import phrasebank
from .calendar import Span
from .draws import choose
from .generator import DEFAULT_MONTHS, DEFAULT_SEED, DEFAULT_START, generate_entries
from .phrasebank import DEFAULT_PERSONA, DemoData, Line, demo_custom_tags

DEFAULT_ENTRIES = 300
PRACTITIONER = "Sam Okafor-Reyes"
"""The default persona's practitioner, a children and families social worker (as register.yaml says)."""
DEMO_SETTING = "demo"
"""Settings key that marks a journal as a demo (its value says how it was built)."""

_TRASHED = 3
_EDITED = 4
_RECONSIDERED = 2

Fields = dict[str, Any]


def prepare_journal(journal: Journal, persona: str = DEFAULT_PERSONA) -> None:
    """Add a persona's people (with their aliases) and custom tags to ``journal``.

    ``generate_entries`` refers to these, so a journal must be prepared (for the same
    persona) before its entries are added (``build_demo`` does this itself).
    """
    for pseudonym, role, aliases in phrasebank.load().persona(persona).people:
        if journal.people.find_pseudonym(pseudonym) is None:
            journal.people.add(pseudonym, role, aliases)
    vocabulary = journal.vocabulary()
    for tag in demo_custom_tags(persona):
        if vocabulary.find(tag["id"]) is None:
            journal.add_tag(tag["label"], tag["group"], tag["definition"], tag["reference"], id=tag["id"])


def build_demo(
    journal: Journal,
    *,
    seed: int = DEFAULT_SEED,
    entries: int = DEFAULT_ENTRIES,
    start: dt.date = DEFAULT_START,
    months: int = DEFAULT_MONTHS,
    persona: str = DEFAULT_PERSONA,
) -> None:
    """Fill an open, empty journal with one persona's demo, through the journal's public API.

    Adds the persona's people register and two custom tags, the generated entries, and
    then what happens to them later: action points marked done or dropped, supervisor
    feedback on some of the entries flagged to share in supervision, a little peer
    reflection, a few entries edited (so they have a revision history) and three moved
    to the trash. The same seed and persona always give the same content.
    """
    practitioner = phrasebank.load().persona(persona)  # an unknown persona is refused before anything is added
    if journal.entry_ids() or journal.entry_ids(in_trash=True) or len(journal.people):
        raise ValidationError(
            "journal", "already holds entries or people; the demo is built into a new, empty journal."
        )
    prepare_journal(journal, persona)
    generated = generate_entries(entries, seed=seed, start=start, months=months, persona=persona)
    for fields in generated:
        journal.add(**fields)
    follow_up_seed = f"{seed}:follow-up" if persona == DEFAULT_PERSONA else f"{seed}:{persona}:follow-up"
    _follow_up(journal, generated, random.Random(follow_up_seed), Span(start, months), persona)
    journal.set_setting(
        DEMO_SETTING,
        {
            "practitioner": practitioner.practitioner,
            "persona": persona,
            "seed": seed,
            "entries": entries,
            "start": start.isoformat(),
            "months": months,
        },
    )


# -- what happens to entries later ------------------------------------------------------------
def _follow_up(journal: Journal, generated: list[Fields], rng: random.Random, span: Span, persona: str) -> None:
    """The follow-up steps, in this order (each draws after the one before). An entry
    gets at most one of feedback, a later edit or the trash, so each stays easy to find."""
    data = phrasebank.load()
    _follow_up_actions(journal, generated, rng, span)
    commented = _supervisor_feedback(journal, generated, rng, span, data)
    commented |= _peer_feedback(journal, generated, rng, span, data, commented, persona)
    edited = _edit_a_few(journal, generated, rng, data, commented)
    _trash_a_few(journal, generated, rng, commented | edited)


def _fill(line: Line, person: str | None) -> str:
    return line.text.format_map({"person": person or "them"}) if line.needs else line.text


def _follow_up_actions(journal: Journal, generated: list[Fields], rng: random.Random, span: Span) -> None:
    """Action points: most done, some dropped, the rest (and most not yet due) left open."""
    for fields in generated:
        for action in fields["actions"]:
            if action["due_on"] > span.end:
                status = "done" if rng.random() < 0.25 else "open"
            else:
                status = choose(rng, ("done", "dropped", "open"), (0.72, 0.14, 0.14))
            if status != "open":
                journal.set_action_status(fields["id"], action["id"], status)


def _supervisor_feedback(
    journal: Journal, generated: list[Fields], rng: random.Random, span: Span, data: DemoData
) -> set[str]:
    """Supervisor feedback on about two thirds of flagged entries (flagged to share in
    supervision: a supervisor sees only what the practitioner chose to show); the ids of
    those answered."""
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
    return commented


def _peer_feedback(
    journal: Journal,
    generated: list[Fields],
    rng: random.Random,
    span: Span,
    data: DemoData,
    commented: set[str],
    persona: str,
) -> set[str]:
    """A little peer reflection on entries without a supervisor's feedback; their ids."""
    plain = [f for f in generated if f["id"] not in commented]
    chosen = rng.sample(plain, min(3, len(plain) // 20))
    lines = (*data.peer_feedback.get(persona, ()), *data.peer_feedback.get("any", ()))
    for fields in chosen:
        given = min(span.end, fields["occurred_on"] + dt.timedelta(days=rng.randint(1, 10)))
        journal.add_feedback(fields["id"], "peer", _fill(rng.choice(lines), None), given_on=given)
    return {f["id"] for f in chosen}


def _edit_a_few(
    journal: Journal, generated: list[Fields], rng: random.Random, data: DemoData, commented: set[str]
) -> set[str]:
    """A few entries edited later: a note added, or (for two held ones) the outcome
    reconsidered. Only older entries without feedback; returns the ids edited."""
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
            changes = _softened(current)
        else:
            note = _fill(rng.choice(data.later_notes["any"]), person)
            changes = {}
        narrative = f"{current.narrative}\n\n{note}" if current.narrative else note
        journal.update(fields["id"], narrative=narrative, **changes)
    return {f["id"] for f in edited}


def _softened(current: Entry) -> dict[str, Any]:
    """The changes that reconsider a held conversation as softened.

    The tag that said "held" now says "softened" (its passage no longer fits it)."""
    tags = [
        {"tag": "softened", "intensity": None, "anchor": None} if t.tag == "held" else t.to_dict()
        for t in current.tags
        if not (t.tag == "softened" and "held" in current.tag_ids)
    ]
    return {"outcome": "softened", "tags": tags}


def _trash_a_few(journal: Journal, generated: list[Fields], rng: random.Random, done: set[str]) -> None:
    """Three entries, none touched by the steps before, moved to the trash."""
    spare = [f for f in generated if f["id"] not in done]
    for fields in rng.sample(spare, min(_TRASHED, len(spare) // 5)):
        journal.delete(fields["id"])


# -- the file --------------------------------------------------------------------------------
def _is_real_journal(path: Path) -> bool:
    """True if ``path`` is a workbook journal holding anything of the user's (entries,
    people or their own tags) that is not marked as a demo.

    Opened read-only and, with no write-ahead log beside it, immutable: looking must not
    leave -shm or -wal files beside a journal we then refuse to touch."""
    try:
        conn = files.connect_readonly(path, immutable_without_wal=True)
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


def _demo_target(path: str | os.PathLike[str] | None, force: bool) -> Path:
    """Where the demo goes, refused (ValidationError on ``path``) if that would lose anything."""
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
    return target


def write_demo_journal(
    path: str | os.PathLike[str] | None = None,
    *,
    seed: int = DEFAULT_SEED,
    entries: int = DEFAULT_ENTRIES,
    force: bool = False,
    persona: str = DEFAULT_PERSONA,
) -> Path:
    """Write a demo journal of ``persona`` (one of :data:`~workbook.demo.PERSONAS`; the
    default is the social worker's) to ``path`` (default
    :func:`workbook.paths.default_demo_path`) and return it.

    Refuses (ValidationError on ``path``) if the file exists, unless ``force``. Even
    with ``force`` it never replaces a journal of real entries (one not marked as a
    demo). The demo is built in a temporary file in the same folder and moved into
    place in one step, so the path never holds a half-built journal. Close the old demo
    journal elsewhere before replacing it.
    """
    phrasebank.load().persona(persona)  # an unknown persona is refused before any file is touched
    target = _demo_target(path, force)
    files.ensure_private_dir(target.parent)
    tmp = files.private_temp_beside(target, ".building")
    tmp.unlink()  # a name no one else uses: a journal is created only where no file exists
    try:
        with Journal(tmp) as journal:
            build_demo(journal, seed=seed, entries=entries, persona=persona)
        if target.exists() and not force:
            raise ValidationError(
                "path", f"{target} was created while the demo was being built; it was left unchanged."
            )
        old_key = _alias_key_of(target) if target.exists() else None
        for suffix in files.SQLITE_SIDE_FILES:
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        files.replace_durably(tmp, target)
        if old_key is not None:
            old_key.unlink(missing_ok=True)  # the replaced demo's alias key: nothing uses it now
    finally:
        files.remove_sqlite_file(tmp)
    return target


def _alias_key_of(path: Path) -> Path | None:
    """Where the alias key of the journal at ``path`` is kept (None if it has none)."""
    from ..journal.alias_key import key_path

    try:
        conn = files.connect_readonly(path)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        return key_path(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
