"""Text for the terminal: aligned tables, safe printing, an entry as readable text.

Kept apart from the commands in ``cli`` so each file does one job. Journal text printed
here has control characters replaced, so an entry cannot move the cursor or change the
terminal's colours. Commands print through :func:`echo`, which cleans the whole line, so
text from a journal or a data file (a template, the vocabulary) never reaches the terminal
raw, whichever value of a message it came in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from ..errors import WorkbookError
from ..models import DEPTHS, OUTCOME_LABELS, STANCE_BOTH_LABEL, STANCES

if TYPE_CHECKING:
    from ..journal.store import Journal
    from ..models import Entry

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UNESCAPED_BY_JSON = re.compile(r"[\x7f-\x9f]")


def clean(text: str) -> str:
    """Text safe to print: control characters (other than tab and line breaks) replaced."""
    return _CONTROL.sub("\ufffd", text)


def echo(text: str = "", *, err: bool = False, file: IO[Any] | None = None) -> None:
    """Print ``text`` cleaned (:func:`clean`): ESC, CR, BEL and the other control characters of
    every value in it are replaced. The one way a command prints; ``click.echo`` is not used."""
    click.echo(clean(text), file=file, err=err)


def json_text(value: Any) -> str:
    """``value`` as indented JSON for other programs, with nothing a terminal acts on: json
    escapes C0 controls itself; DEL and the C1 controls (``\\x9b`` is a CSI) are escaped too,
    so the text is kept exactly (never replaced, as :func:`clean` would)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return _UNESCAPED_BY_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide East Asian characters count two)."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


def fit(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` terminal columns (ending in an ellipsis), then padded."""
    text = clean(" ".join(text.split()))
    if width(text) > columns:
        out, used = "", 0
        for ch in text:
            w = 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if used + w > columns - 1:
                break
            out, used = out + ch, used + w
        text = out + "…"
    return text + " " * max(0, columns - width(text))


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    caps: Sequence[int | None],
    floors: Sequence[int | None] | None = None,
    total: int | None = None,
) -> list[str]:
    """Rows as aligned columns; ``caps`` limits each column (None: the rest of the line).

    The flexible column (the first None in ``caps``) has priority: when it does not fit, the
    columns with a floor give up width first, down to their floor, so that (for example) a
    title is shown whole and a list of tags is cut instead."""
    total = total or shutil.get_terminal_size((100, 24)).columns
    widths = [max([width(h), *(width(clean(r[i])) for r in rows)]) for i, h in enumerate(headers)]
    widths = [min(w, c) if c else w for w, c in zip(widths, caps, strict=True)]
    flexible = [i for i, c in enumerate(caps) if c is None]
    if flexible:
        i = flexible[0]

        def room() -> int:
            return total - sum(w for j, w in enumerate(widths) if j != i) - 2 * (len(widths) - 1) - 1

        for j, floor in sorted(enumerate(floors or ()), key=lambda p: -p[0]):
            if floor is not None and j != i and room() < widths[i]:
                widths[j] = max(min(floor, widths[j]), widths[j] - (widths[i] - room()))
        widths[i] = max(20, min(widths[i], room()))
    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  ".join(fit(str(v), w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return lines


def short_id(entry_id: str) -> str:
    return entry_id[:8]


def tag_text(use: Any) -> str:
    return use.tag if use.intensity is None else f"{use.tag}:{use.intensity}"


#: Below this many columns ``workbook list`` leaves the tags out, so titles keep their room.
TAGS_FROM_COLUMNS = 100


def entry_table(entries: Sequence[Entry]) -> list[str]:
    """Entries as a table that fits the terminal: the title column takes the room left
    (tags are cut before titles are), and in a terminal narrower than :data:`TAGS_FROM_COLUMNS`
    the tags are left out (``workbook show ID`` lists them) and long contexts are cut."""
    total = shutil.get_terminal_size((100, 24)).columns
    with_tags = total >= TAGS_FROM_COLUMNS
    rows = [
        (
            short_id(e.id),
            e.occurred_on.isoformat(),
            e.context or "-",
            e.outcome or "-",
            *((", ".join(tag_text(t) for t in e.tags) or "-",) if with_tags else ()),
            e.title,
        )
        for e in entries
    ]
    if with_tags:
        headers = ("ID", "DATE", "CONTEXT", "OUTCOME", "TAGS", "TITLE")
        caps, floors = (8, 10, 18, 8, 28, None), (None, None, None, None, 10, None)
    else:
        headers = ("ID", "DATE", "CONTEXT", "OUTCOME", "TITLE")
        caps, floors = (8, 10, 18, 8, None), (None, None, 12, None, None)
    lines = table(headers, rows, caps=caps, floors=floors, total=total)
    if not with_tags and rows:
        lines.append(f"(Tags are left out below {TAGS_FROM_COLUMNS} columns: `workbook show ID` lists them.)")
    return lines


def mode_text(path: Path) -> str:
    mode = path.stat().st_mode
    private = not stat.S_IMODE(mode) & 0o077
    if path.is_dir():
        who = "only you can look inside" if private else "other users can see the names of the files in it"
    else:
        who = "only you can open it" if private else "OTHER USERS CAN OPEN IT"
    return f"{stat.filemode(mode)} ({stat.S_IMODE(mode):04o}: {who})"


def entry_text(journal: Journal, entry: Entry) -> Iterator[str]:
    """The whole entry as lines of text: a title, a table of its fields, then its sections."""
    yield entry.title
    yield "=" * min(width(entry.title), 80)
    for key, value in entry_rows(journal, entry):
        yield f"{key:<12}{value}"
    yield from response_sections(journal, entry)
    yield from other_sections(entry)


def _id_and_label(value: str | None, labels: dict[str, str]) -> str:
    """``deferred (Deferred by decision)``: the id a command takes, and its name when that says more."""
    if not value:
        return "-"
    label = labels.get(value, value)
    return value if label.lower() == value else f"{value} ({label})"


def _stance_text(entry: Entry) -> str:
    """The point on the heroic-stoical line, and "both, in tension" when that was ticked."""
    parts = [f"{entry.stance:+d} ({STANCES[entry.stance]})"] if entry.stance is not None else []
    if entry.stance_both:
        parts.append(STANCE_BOTH_LABEL.lower())
    return "; ".join(parts) or "-"


def entry_rows(journal: Journal, entry: Entry) -> list[tuple[str, str]]:
    """The entry's short fields as (label, value) rows, with tag and template names spelt out."""
    templates = journal.templates()
    rows = [
        ("id", entry.id),
        ("date", entry.occurred_on.isoformat()),
        ("context", tag_label(journal, entry.context) if entry.context else "-"),
        ("people", ", ".join(f"{p} ({role_of(journal, p)})" for p in entry.people) or "-"),
        ("outcome", _id_and_label(entry.outcome, OUTCOME_LABELS)),
        ("stance", _stance_text(entry)),
        ("depth", _id_and_label(entry.depth, DEPTHS)),
        ("feelings", f"before {or_dash(entry.feelings_before)}, after {or_dash(entry.feelings_after)} (0-10)"),
        ("tags", ", ".join(tag_display(t) for t in entry.tags) or "-"),
        (
            "template",
            f"{entry.template} ({templates[entry.template].name})"
            if entry.template in templates
            else entry.template or "-",
        ),
        ("supervision", "bring to supervision" if entry.flagged else "-"),
        ("saved", f"created {stamp(entry.created_at)}, updated {stamp(entry.updated_at)}, revision {entry.revision}"),
    ]
    if entry.deleted_at is not None:
        rows.append(
            ("in trash", f"since {stamp(entry.deleted_at)}; `workbook restore {short_id(entry.id)}` brings it back")
        )
    return rows


def response_sections(journal: Journal, entry: Entry) -> Iterator[str]:
    """One section per answered stage, titled as the template titles it (else by the stage id)."""
    template = journal.templates().get(entry.template) if entry.template else None
    for stage_id, text in entry.responses.items():
        title = stage_id
        if template is not None and stage_id in template.stage_ids:
            title = template.stage(stage_id).title
        yield ""
        yield f"-- {title} --"
        yield text


def other_sections(entry: Entry) -> Iterator[str]:
    """The narrative, the action points (with their ids, for ``edit --action-status``) and feedback."""
    if entry.narrative:
        yield ""
        yield "-- Narrative --"
        yield entry.narrative
    if entry.actions:
        yield ""
        yield "-- Action points --"
        for a in entry.actions:
            due = f", due {a.due_on.isoformat()}" if a.due_on else ""
            yield f"[{a.status}] {a.text}  (id {a.id}{due})"
    if entry.feedback:
        yield ""
        yield "-- Feedback --"
        for f in entry.feedback:
            function = f" ({f.function})" if f.function else ""
            yield f"{f.author_role}{function}, {f.given_on.isoformat()}: {f.text}"


def tag_label(journal: Journal, tag_id: str) -> str:
    """``child-protection (Child protection)``: the id, and the label when it says more."""
    tag = journal.vocabulary().find(tag_id)
    return f"{tag_id} ({tag.label})" if tag and tag.label.casefold() != tag_id.casefold() else tag_id


def role_of(journal: Journal, pseudonym: str) -> str:
    try:
        return journal.people.get(pseudonym).role
    except WorkbookError:
        return "?"


def tag_display(use: Any) -> str:
    text = tag_text(use)
    if use.anchor is not None:
        text += f" (at {use.anchor.field} {use.anchor.start}-{use.anchor.end})"
    return text


def or_dash(value: Any) -> str:
    return "-" if value is None else str(value)


def stamp(value: dt.datetime | None) -> str:
    """A stored time in the computer's local time; in UTC if it lies where local time cannot
    reach (the first or last hours of year 1 or 9999), never a traceback."""
    if not value:
        return "-"
    try:
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    except (OverflowError, ValueError, OSError):
        return f"{value.year:04d}-{value:%m-%d %H:%M} UTC"
