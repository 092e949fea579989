"""Bringing in entries kept by another tool: what a reader gives, how its tags and moods are
mapped, a dry run, and the import itself.

A reader for another format (Day One, Daylio, a spreadsheet, a folder of Markdown files)
turns its file into a :class:`SourceRead`: one :class:`SourceEntry` per entry it could read
(with its number in the file, the source's id for it, its text, and its tags and mood as the
source named them) and one :class:`RowProblem` per row it could not. Nothing is mapped yet.

The person then reviews an :class:`ImportMapping` (:func:`suggest_mapping` proposes one):
each of the source's tags becomes a tag of the vocabulary, a tag of their own, or is dropped,
and each mood may become the feelings rating after the conversation. :func:`preview` is the
dry run (counts, dates, the mapping, which entries may name someone, which rows are bad) and
writes nothing; :func:`bring_in` imports, in one transaction through :class:`plan.ImportPlan`,
either everything or (if the person chose so) the good rows only.

Re-importing adds nothing: each entry's id is a uuid5 of the format and the source's id for
the entry, or of its date and a hash of its text where the source has no id
(:func:`entry_id_for`), and entries whose id the journal already holds are left as they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..content.vocab import Vocabulary, slugify
from ..errors import ValidationError
from ..validate import TAG_LABEL_MAX, TITLE_MAX
from .plan import ImportPlan

if TYPE_CHECKING:
    from ..journal import Journal
    from ..models import Entry

#: The namespace of imported entries' ids (uuid5 of it and the format and source key).
IMPORT_NAMESPACE = uuid.UUID("6f0c1d0e-7a52-5b8e-9c4a-2f1e3b7d9a10")
#: A mapping's choices for a source tag besides a vocabulary tag id.
OWN = "own"  # becomes a tag of the journal's own, with the source's label
DROP = "drop"  # left out
#: The group a tag of one's own made from a source tag goes in (places, activities, settings).
OWN_TAG_GROUP = "context"
#: How many entries are checked between two calls of ``progress``.
PROGRESS_STEP = 200


@dataclass(frozen=True)
class SourceEntry:
    """One entry as another tool kept it, before its tags and mood are mapped.

    ``number`` is its row (a CSV's line number, the header being line 1) or its place in the
    file (1 for the first entry), for messages. ``key`` is the source's own id for it ("" if
    it has none: then its date and a hash of its text stand in). ``labels`` are its tags or
    activities and ``mood`` its mood, as the source names them. ``fields`` holds any other
    entry fields, as ``journal.add`` takes them (``context``, ``responses``, ``flagged``...),
    and may hold ``created_at``/``updated_at`` (ISO text with a time zone). The repr shows no text.
    """

    number: int
    key: str
    occurred_on: dt.date | str
    title: str
    narrative: str = ""
    labels: tuple[str, ...] = ()
    mood: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    intensities: Mapping[str, int] = field(default_factory=dict)  # source tag -> intensity 1-3

    def __repr__(self) -> str:
        return f"<SourceEntry {self.number} on {self.occurred_on} ({len(self.labels)} tags)>"


@dataclass(frozen=True)
class RowProblem:
    """A row or entry that cannot be imported: its number in the file and why (never its text)."""

    number: int
    reason: str

    def __str__(self) -> str:
        return f"{self.number}: {self.reason}"


@dataclass
class SourceRead:
    """What a reader made of a file: the entries it read and the rows it could not.

    ``unit`` names what ``number`` counts in messages ("row", "entry", "file"). ``mood_ratings``
    is the reader's suggestion of a feelings rating (0-10) for each mood it met, e.g. Daylio's
    five moods; ``mood_field`` is where a mapped mood goes."""

    format: str
    label: str
    entries: list[SourceEntry]
    problems: list[RowProblem] = field(default_factory=list)
    unit: str = "entry"
    mood_ratings: dict[str, int] = field(default_factory=dict)
    mood_field: str = "feelings_after"

    def labels(self) -> Counter[str]:
        """Each source tag and how many entries carry it."""
        return Counter(label for e in self.entries for label in dict.fromkeys(e.labels))

    def moods(self) -> Counter[str]:
        """Each mood and how many entries have it."""
        return Counter(e.mood for e in self.entries if e.mood)

    def __repr__(self) -> str:
        return f"<SourceRead {self.format}: {len(self.entries)} entries, {len(self.problems)} problems>"


@dataclass
class ImportMapping:
    """The person's choices: ``tags`` maps each source tag to a vocabulary tag id, :data:`OWN`
    or :data:`DROP`; ``moods`` maps each mood to a feelings rating 0-10 (None: left out)."""

    tags: dict[str, str] = field(default_factory=dict)
    moods: dict[str, int | None] = field(default_factory=dict)

    def check(self, vocabulary: Vocabulary) -> None:
        """Refuse (ValidationError naming the tag or mood) a choice that is not allowed."""
        for label, choice in self.tags.items():
            if choice in (OWN, DROP):
                continue
            if not isinstance(choice, str) or vocabulary.find(choice) is None:
                raise ValidationError(
                    f"tags[{label!r}]", f"must be a tag of the vocabulary, {OWN!r} or {DROP!r}, not {choice!r}."
                )
        for label, rating in self.moods.items():
            if rating is not None and (
                isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 10
            ):
                raise ValidationError(
                    f"moods[{label!r}]", f"must be a whole number from 0 to 10 or empty, not {rating!r}."
                )


def suggest_mapping(read: SourceRead, vocabulary: Vocabulary, *, unknown: str = OWN) -> ImportMapping:
    """A mapping to review: a source tag that names a vocabulary tag (its id or label, in any
    case) maps to it; any other becomes ``unknown`` (:data:`OWN` or :data:`DROP`). Moods take
    the reader's suggested rating."""
    if unknown not in (OWN, DROP):
        raise ValidationError("unknown", f"must be {OWN!r} or {DROP!r}, not {unknown!r}.")
    tags: dict[str, str] = {}
    for label in read.labels():
        found = vocabulary.find(label)
        tags[label] = found.id if found is not None else unknown
    moods: dict[str, int | None] = {mood: read.mood_ratings.get(mood) for mood in read.moods()}
    return ImportMapping(tags, moods)


def text_digest(*texts: str) -> str:
    """A short hash of an entry's texts, with its date the key of an entry with no source id."""
    return hashlib.sha256("\x00".join(texts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def entry_id_for(fmt: str, entry: SourceEntry) -> str:
    """The id an imported entry gets: the same for the same source entry, every time.

    A source id that is a UUID (Day One's 32 hex digits, the workbook's own CSV's ``id``) is
    the entry's id itself, so an entry that went out to Day One or a spreadsheet and comes back
    is recognised as the one the journal holds; any other key is hashed with the format's name
    (uuid5), and an entry with no key is keyed by its date and a hash of its text."""
    if entry.key:
        try:
            return str(uuid.UUID(entry.key))
        except ValueError:
            pass
    key = entry.key or f"{entry.occurred_on}\n{text_digest(entry.title, entry.narrative)}"
    return str(uuid.uuid5(IMPORT_NAMESPACE, f"{fmt}\n{key}"))


def title_from(text: str, fallback: str) -> str:
    """A title for an entry whose source has none: the first line of its text that holds
    words (Markdown heading marks taken off), cut to :data:`~workbook.validate.TITLE_MAX`, else ``fallback``."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1].rstrip() + "…"
    return fallback


def own_tags(read: SourceRead, mapping: ImportMapping, vocabulary: Vocabulary) -> dict[str, dict[str, Any]]:
    """``{source label: custom tag}`` for the labels mapped to :data:`OWN`, as the journal's own
    tags (an existing tag of that name is used instead, so a second import makes none)."""
    made: dict[str, dict[str, Any]] = {}
    by_id: dict[str, dict[str, Any]] = {}  # two labels of one slug ("Work", "work!") make one tag
    for label in read.labels():
        if mapping.tags.get(label, OWN) != OWN or vocabulary.find(label) is not None:
            continue
        clean = " ".join(label.split())[:TAG_LABEL_MAX].strip()
        tag_id = slugify(clean) or "tag-" + text_digest(label)[:8]
        if tag_id in by_id:
            made[label] = by_id[tag_id]
            continue
        made[label] = by_id[tag_id] = {
            "id": tag_id,
            "label": clean,
            "group": OWN_TAG_GROUP,
            "definition": f"A tag brought in from {read.format} ({read.label}).",
            "reference": "My own tag",
        }
    return made


def _tag_id(
    label: str, mapping: ImportMapping, vocabulary: Vocabulary, made: Mapping[str, Mapping[str, Any]]
) -> str | None:
    choice = mapping.tags.get(label, OWN)
    if choice == DROP:
        return None
    if choice == OWN:
        found = vocabulary.find(label)
        return found.id if found is not None else made[label]["id"]
    return vocabulary.find(choice).id  # type: ignore[union-attr]  # checked by mapping.check


def _takes_intensity(tag_id: str, vocabulary: Vocabulary, made: Mapping[str, Mapping[str, Any]]) -> bool:
    tag = vocabulary.find(tag_id)
    group = tag.group if tag is not None else OWN_TAG_GROUP  # a tag this import makes
    return bool(vocabulary.group(group).intensity)


def entry_fields(
    read: SourceRead,
    entry: SourceEntry,
    mapping: ImportMapping,
    vocabulary: Vocabulary,
    made: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    """The entry fields (as ``journal.add`` takes them, with id and stamps) for ``entry``."""
    fields: dict[str, Any] = dict(entry.fields)
    fields["id"] = entry_id_for(read.format, entry)
    fields["occurred_on"] = entry.occurred_on
    fields["title"] = entry.title
    fields["narrative"] = entry.narrative
    uses: dict[str, int | None] = {}  # tag id -> intensity (the first label mapped to it wins)
    for label in entry.labels:
        tag_id = _tag_id(label, mapping, vocabulary, made)
        if tag_id is not None and tag_id not in uses:
            uses[tag_id] = entry.intensities.get(label) if _takes_intensity(tag_id, vocabulary, made) else None
    fields["tags"] = [*fields.get("tags", []), *({"tag": t, "intensity": n} for t, n in uses.items())]
    if entry.mood is not None and mapping.moods.get(entry.mood) is not None:
        fields.setdefault(read.mood_field, mapping.moods[entry.mood])
    return fields


@dataclass
class Preview:
    """A dry run: what an import would do, written nowhere. Counts, dates and labels only
    (the tags and moods are the source's names for them; no entry's text is held).

    ``new`` and ``already`` count entries that would be added and that the journal already
    holds (from an earlier import of the same file); ``problems`` are the rows that would be
    refused; ``may_identify`` maps an entry's number to the kinds of identifier found in it."""

    format: str
    label: str
    unit: str
    new: int
    already: int
    problems: list[RowProblem]
    first: dt.date | None
    last: dt.date | None
    tags: list[tuple[str, int, str]]  # (source tag, entries carrying it, what it becomes)
    moods: list[tuple[str, int, int | None]]  # (mood, entries, feelings rating or None)
    own_tags: list[str]  # labels of the tags of one's own it would make
    may_identify: dict[int, list[str]]

    def __repr__(self) -> str:
        return f"<Preview {self.format}: {self.new} new, {self.already} already held, {len(self.problems)} problems>"


@dataclass
class BroughtIn:
    """What an import saved: the entries added (as stored), how many were already held, the
    rows refused (when the person chose to import the good rows only) and the tags of their
    own it made. Counts and ids only in the repr."""

    entries: list[Entry]
    already: int
    problems: list[RowProblem]
    own_tags: list[str]
    may_identify: dict[int, list[str]]

    def __repr__(self) -> str:
        return f"<BroughtIn {len(self.entries)} entries, {self.already} already held, {len(self.problems)} refused>"


class ImportRefused(ValidationError):
    """Some rows cannot be imported and the person asked for all or nothing: nothing was saved.

    ``problems`` lists each refused row by number with the reason."""

    def __init__(self, unit: str, problems: Sequence[RowProblem]) -> None:
        self.problems = list(problems)
        shown = "; ".join(f"{unit} {p}" for p in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(
            "file",
            f"{len(self.problems)} {unit}(s) cannot be imported, so nothing was saved: {shown}{more}. "
            "Fix them, or choose to import the good rows only.",
        )


@dataclass
class _Planned:
    plan: ImportPlan
    numbers: list[int]  # the source number of each planned entry, in plan order
    already: int
    problems: list[RowProblem]
    made: dict[str, dict[str, Any]]


def _plan(
    journal: Journal,
    read: SourceRead,
    mapping: ImportMapping,
    progress: Callable[[int, int], Any] | None,
    redact: Callable[[str], str] | None,
) -> _Planned:
    """Check every entry as the forms would, in batches (``progress(done, total)`` between
    them); entries already held are counted and left out, bad ones become problems."""
    vocabulary = journal.vocabulary()
    mapping.check(vocabulary)
    made = own_tags(read, mapping, vocabulary)
    plan = ImportPlan(journal, skip_existing=True)
    plan.add_tags(list({t["id"]: t for t in made.values()}.values()))
    problems = list(read.problems)
    numbers: list[int] = []
    total = len(read.entries)
    if progress is not None:
        progress(0, total)
    for start in range(0, total, PROGRESS_STEP):
        batch = read.entries[start : start + PROGRESS_STEP]
        for source in batch:
            fields = entry_fields(read, source, mapping, vocabulary, made)
            if redact is not None:
                fields["title"] = redact(fields["title"])
                fields["narrative"] = redact(fields["narrative"])
            before = len(plan.entries)
            try:
                named = f"{read.unit} {source.number}"
                plan.add_entries([fields], prefix=lambda i: "", name=lambda i, named=named: named)
            except ValidationError as exc:
                problems.append(RowProblem(source.number, str(exc)))
                continue
            if len(plan.entries) > before:
                numbers.append(source.number)
        if progress is not None:
            progress(min(start + PROGRESS_STEP, total), total)
    problems.sort(key=lambda p: p.number)
    # a tag of one's own is made only if an entry this import adds carries it (not for entries
    # already held, refused or whose tag was mapped elsewhere)
    used = {_use_tag(use) for row in plan.entries for use in row.fields["tags"]}
    plan.tags = [tag for tag in plan.tags if tag.id in used]
    made = {label: tag for label, tag in made.items() if tag["id"] in used}
    return _Planned(plan, numbers, plan.skipped, problems, made)


def _use_tag(use: Any) -> str:
    return use.tag if hasattr(use, "tag") else use["tag"]


def _may_identify(journal: Journal, planned: _Planned) -> dict[int, list[str]]:
    """For each planned entry whose title or text holds an identifier, the kinds found."""
    from ..privacy import identifier_finder

    find = identifier_finder(journal)
    out: dict[int, list[str]] = {}
    for number, row in zip(planned.numbers, planned.plan.entries, strict=True):
        kinds = [f.kind for text in (row.fields["title"], row.fields["narrative"]) for f in find(text)]
        if kinds:
            out[number] = list(dict.fromkeys(kinds))
    return out


def _dates(rows: Iterable[Any]) -> tuple[dt.date | None, dt.date | None]:
    dates = [row.fields["occurred_on"] for row in rows]
    return (min(dates), max(dates)) if dates else (None, None)


def preview(
    journal: Journal,
    read: SourceRead,
    mapping: ImportMapping | None = None,
    *,
    progress: Callable[[int, int], Any] | None = None,
    redact: bool = False,
) -> Preview:
    """The dry run: everything :func:`bring_in` would check, nothing written."""
    journal.templates()
    vocabulary = journal.vocabulary()
    mapping = mapping if mapping is not None else suggest_mapping(read, vocabulary)
    with journal.read_snapshot():
        planned = _plan(journal, read, mapping, progress, _redactor(journal) if redact else None)
        may_identify = _may_identify(journal, planned)
    first, last = _dates(planned.plan.entries)
    counts = read.labels()
    tags = [(label, n, _becomes(mapping.tags.get(label, OWN), label, vocabulary)) for label, n in counts.items()]
    moods = [(mood, n, mapping.moods.get(mood)) for mood, n in read.moods().items()]
    return Preview(
        read.format,
        read.label,
        read.unit,
        len(planned.plan.entries),
        planned.already,
        planned.problems,
        first,
        last,
        tags,
        moods,
        [t["label"] for t in planned.made.values()],
        may_identify,
    )


def _becomes(choice: str, label: str, vocabulary: Vocabulary) -> str:
    if choice == DROP:
        return "left out"
    if choice == OWN:
        found = vocabulary.find(label)
        return f"{found.label} ({found.id})" if found is not None else "a tag of your own"
    found = vocabulary.find(choice)
    return f"{found.label} ({found.id})" if found is not None else choice


def _redactor(journal: Journal) -> Callable[[str], str]:
    from ..privacy import redact

    return lambda text: redact(text, journal) if text else text


def bring_in(
    journal: Journal,
    read: SourceRead,
    mapping: ImportMapping | None = None,
    *,
    good_rows_only: bool = False,
    progress: Callable[[int, int], Any] | None = None,
    redact: bool = False,
) -> BroughtIn:
    """Import ``read`` in one transaction: all of it, or nothing if any row is bad (raising
    :class:`ImportRefused` with every bad row), unless ``good_rows_only``. Entries the journal
    already holds (an earlier import of the same file) are left as they are and counted.
    ``redact`` replaces certain identifiers (registered names by pseudonyms, phone numbers by
    ``[phone]``...) in the titles and texts before they are saved."""
    journal.templates()  # loaded before the write lock is taken
    vocabulary = journal.vocabulary()
    mapping = mapping if mapping is not None else suggest_mapping(read, vocabulary)
    with journal.transaction() as conn:
        planned = _plan(journal, read, mapping, progress, _redactor(journal) if redact else None)
        if planned.problems and not good_rows_only:
            raise ImportRefused(read.unit, planned.problems)
        planned.plan.write(conn)
    if planned.plan.tags:
        journal.invalidate_vocabulary()
    may_identify = _may_identify(journal, planned)
    return BroughtIn(
        journal.load(planned.plan.ids),
        planned.already,
        planned.problems,
        [t.label for t in planned.plan.tags],
        may_identify,
    )


def preview_document(journal: Journal, data: Any) -> Preview:
    """The dry run of an export document or a list of entry mappings (the workbook's own JSON,
    or a Markdown folder it wrote): what :func:`plan.import_document` with ``skip_existing``
    would add, written nowhere. A problem is reported as the refused entry and its reason."""
    journal.templates()
    journal.vocabulary()
    problems: list[RowProblem] = []
    with journal.read_snapshot():
        plan = ImportPlan(journal, skip_existing=True)
        try:
            plan.add(data)
        except ValidationError as exc:
            problems.append(RowProblem(_entry_number(exc.field), str(exc)))
    first, last = _dates(plan.entries)
    return Preview(
        "json",
        "",
        "entry",
        len(plan.entries),
        plan.skipped,
        problems,
        first,
        last,
        [],
        [],
        [t.label for t in plan.tags],
        {},
    )


def _entry_number(field_name: str) -> int:
    """1 for ``entries[0].title`` (the first entry), 0 where the field names no entry."""
    if field_name.startswith("entries[") and "]" in field_name:
        inside = field_name[len("entries[") : field_name.index("]")]
        if inside.isdigit():
            return int(inside) + 1
    return 0
