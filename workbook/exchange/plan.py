"""The one import path: everything an import will write is checked first, then written in
one transaction, so all of it lands or none of it.

:class:`ImportPlan` takes the parts of an export document (people, the journal's own tags,
entries, earlier versions, CPD records) or plain entry-field mappings, and holds them to the same rules
as the forms: fields through ``validate.validate_entry``, tags through
``validate.check_custom_tag``, names through the people register's checks, stamps and
versions through ``validate``, CPD records through the store's own checks
(``cpd_store.check_record_row``). It writes only through the journal's seams
(``people.insert_rows``, ``insert_tags``, ``insert_entries``, ``insert_revisions``,
``cpd_store.insert_record_rows``). An
importer for another format turns its records into entry-field mappings and hands them to a
plan, so every format shares this validation and this transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..content.reflective_models import TemplateLibrary
from ..content.vocab import Vocabulary, slugify, tag_key
from ..errors import ValidationError
from ..journal import NewEntry
from ..journal.connection import utc_now
from ..journal.cpd_store import StoredCpdRecord, check_record_row, insert_record_rows, record_ids
from ..models import PERSON_ROLES, SYSTEM_FIELDS, Entry, Tag
from ..validate import (
    ALIASES_MAX,
    CUSTOM_TAG_KEYS,
    check_choice,
    check_custom_tag,
    check_earlier_versions,
    check_fields_mapping,
    check_int,
    check_keys,
    check_pseudonym,
    check_system_fields,
    safe_name,
    validate_entry,
)
from .native import check_document, is_document

if TYPE_CHECKING:
    from ..journal import Journal

#: A person in an export: ``alias_count`` from this version (the aliases stay in the journal
#: they were recorded in), ``aliases`` (readable names) from older exports, digested on import.
PERSON_KEYS = ("pseudonym", "role", "aliases", "alias_count")


class ImportPlan:
    """Everything an import will write, checked before the first row goes in.

    Make it inside ``journal.transaction()`` so the checks and the writes see one state."""

    def __init__(self, journal: Journal, *, skip_existing: bool = False) -> None:
        """``skip_existing``: an entry whose id the journal already holds (from an earlier
        import of the same file) is left as it is and counted in :attr:`skipped`, with its
        earlier versions; otherwise it is refused."""
        self.journal = journal
        self.skip_existing = skip_existing
        self.skipped = 0  # entries left out because the journal already holds their id
        self._skipped_ids: set[str] = set()
        self._seen: dict[str, str] = {}  # entry id -> how this import names the entry that has it
        self._checking: tuple[int, Vocabulary] | None = None  # (how many own tags, the vocabulary with them)
        self.people: list[tuple[str, str, list[str]]] = []  # (pseudonym, role, aliases)
        self.tags: list[Tag] = []
        self.entries: list[NewEntry] = []
        self.revisions: list[tuple[str, Entry]] = []  # (entry id, an earlier version)
        self.records: list[tuple[str, ...]] = []  # CPD records' rows (cpd_store.check_record_row)
        self.records_skipped = 0  # CPD records whose id the journal already holds
        self._new_names: dict[str, str | None] = {}  # key -> pseudonym (None if ambiguous)
        self._now = utc_now()

    def add(self, data: Any) -> None:
        """An export document, one mapping of entry fields, or a list of them."""
        if is_document(data):
            check_document(data)
            self.add_people(data.get("people"))
            self.add_tags(data.get("custom_tags"))
            entries = data.get("entries") or []
            if not isinstance(entries, list):
                raise ValidationError("entries", "must be a list of entries.")
            self.add_entries(entries, prefix=lambda i: f"entries[{i}]")
            self.add_revisions(data.get("revisions"))
            self.add_records(data.get("cpd_records"))
        elif isinstance(data, Mapping):
            self.add_entries([data], prefix=lambda i: "")
        elif isinstance(data, (list, tuple)):
            self.add_entries(data, prefix=lambda i: f"entries[{i}]")
        else:
            raise ValidationError(
                "data",
                f"must be an entry (a mapping), a list of entries or an export document, not {type(data).__name__}.",
            )

    # -- people ------------------------------------------------------------------------
    def find_person(self, name: str) -> str | None:
        """The register's pseudonym for ``name``, or one this import adds."""
        found = self.journal.people.find_pseudonym(name)
        if found is not None or not isinstance(name, str):
            return found
        return self._new_names.get(tag_key(name))

    def add_people(self, value: Any) -> None:
        """People the journal lacks (one already in the register is kept as it is)."""
        if value is None:
            return
        if not isinstance(value, list):
            raise ValidationError("people", "must be a list of {pseudonym, role, alias_count}.")
        new_keys: dict[str, str] = {}
        alias_keys: dict[str, list[str]] = {}
        for i, raw in enumerate(value):
            person = self._person(f"people[{i}]", raw, new_keys)
            if person is None:
                continue
            pseudonym, _, aliases = person
            new_keys[tag_key(pseudonym)] = pseudonym
            for alias in aliases:
                alias_keys.setdefault(tag_key(alias), []).append(pseudonym)
            self.people.append(person)
        for akey, owners in alias_keys.items():
            if akey in new_keys and any(owner != new_keys[akey] for owner in owners):
                raise ValidationError("people", f"{new_keys[akey]!r} is one person's pseudonym and another's alias.")
        # (the name quoted is a pseudonym; an alias is never quoted)
        self._new_names = {k: (v[0] if len(set(v)) == 1 else None) for k, v in alias_keys.items()}
        self._new_names.update(new_keys)

    def _person(self, field: str, raw: Any, new_keys: Mapping[str, str]) -> tuple[str, str, list[str]] | None:
        if not isinstance(raw, Mapping):
            raise ValidationError(field, "must be a mapping with 'pseudonym' and 'role'.")
        register = self.journal.people
        with ValidationError.within(field):
            check_keys("", raw, PERSON_KEYS)
            pseudonym = check_pseudonym("pseudonym", raw.get("pseudonym"))
            if register.has_pseudonym(pseudonym):
                return None  # already in the register: kept as it is
            if tag_key(pseudonym) in new_keys:
                raise ValidationError("pseudonym", f"{pseudonym!r} is listed twice.")
            role = check_choice("role", raw.get("role"), PERSON_ROLES, optional=False)
            check_int("alias_count", raw.get("alias_count"), 0, ALIASES_MAX)  # counted in the file; not imported
            register.check_pseudonym(pseudonym, None)
            aliases = register.check_aliases(raw.get("aliases"), None)
        return pseudonym, role, aliases  # type: ignore[return-value]

    # -- the journal's own tags ----------------------------------------------------------
    def add_tags(self, value: Any) -> None:
        """Tags the journal lacks (one whose id the journal knows is kept as it is)."""
        if value is None:
            return
        if not isinstance(value, list):
            raise ValidationError("custom_tags", "must be a list of {id, label, group, definition, reference}.")
        vocabulary = self.journal.vocabulary()
        for i, raw in enumerate(value):
            field = f"custom_tags[{i}]"
            if not isinstance(raw, Mapping):
                raise ValidationError(
                    field, "must be a mapping with 'id', 'label', 'group', 'definition' and 'reference'."
                )
            with ValidationError.within(field):
                check_keys("", raw, CUSTOM_TAG_KEYS)
                if _known(raw, vocabulary):
                    continue
                self.tags.append(check_custom_tag(raw, vocabulary.with_custom(self.tags)))

    # -- entries and their earlier versions ---------------------------------------------
    def add_entries(
        self, items: Sequence[Any], *, prefix: Callable[[int], str], name: Callable[[int], str] | None = None
    ) -> None:
        """Entries with their fields checked; ids, stamps, revision and trash state are kept.

        ``name(i)`` is how a message names item ``i`` when a later entry has its id (default
        ``entry <i>``); ids are compared across every call, so a plan fed one entry at a time
        refuses a repeated id as one fed them all at once does."""
        vocabulary = self.checking_vocabulary()
        templates = self.journal.templates()
        for i, raw in enumerate(items):
            where = prefix(i)
            check_fields_mapping(where, raw)
            with ValidationError.within(where):
                row = self._entry(raw, vocabulary, templates, self._seen)
            if row is None:
                continue
            self._seen[row.id] = name(i) if name is not None else f"entry {i}"
            self.entries.append(row)

    def checking_vocabulary(self) -> Vocabulary:
        """The journal's vocabulary with the tags this import adds (made once per set of tags)."""
        if self._checking is None or self._checking[0] != len(self.tags):
            vocabulary = self.journal.vocabulary()
            self._checking = (len(self.tags), vocabulary.with_custom(self.tags) if self.tags else vocabulary)
        return self._checking[1]

    def _entry(
        self, raw: Mapping[str, Any], vocabulary: Vocabulary, templates: TemplateLibrary, seen: Mapping[str, str]
    ) -> NewEntry | None:
        fields = {k: v for k, v in raw.items() if k not in SYSTEM_FIELDS}
        clean = validate_entry(fields, vocabulary=vocabulary, templates=templates, find_person=self.find_person)
        system = check_system_fields(raw)
        entry_id = clean.pop("id", None) or str(uuid.uuid4())
        if entry_id in seen:
            raise ValidationError("id", f"{entry_id!r} is also the id of {seen[entry_id]} in this import.")
        if entry_id in self.journal:
            if self.skip_existing:
                self.skipped += 1
                self._skipped_ids.add(entry_id)
                return None
            raise ValidationError("id", f"an entry with id {entry_id!r} already exists in this journal.")
        created = system["created_at"] or self._now
        updated = system["updated_at"] or max(created, self._now)
        return NewEntry(entry_id, clean, created, updated, system["revision"], system["deleted_at"])

    def add_revisions(self, value: Any) -> None:
        """Earlier versions of this import's entries: ``{entry id: [Entry.to_dict(), ...]}``.

        Each is held to the rules of an entry (``validate_entry``) and of its stamps; the
        people it names may be ones since renamed, so a name the register does not know is
        kept as it is once it passes the pseudonym rules."""
        if value is None:
            return
        if not isinstance(value, Mapping):
            raise ValidationError("revisions", "must be a mapping of entry id to a list of earlier versions.")
        current = {row.id: row.revision for row in self.entries}
        vocabulary = self.checking_vocabulary()
        templates = self.journal.templates()

        def check_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
            return validate_entry(raw, vocabulary=vocabulary, templates=templates, find_person=self._earlier_person)

        for entry_id, versions in value.items():
            field = f"revisions.{safe_name(entry_id)}"
            if entry_id in self._skipped_ids:
                continue  # the journal holds this entry and its history already
            if entry_id not in current:
                raise ValidationError(field, "names no entry of this import.")
            for old in check_earlier_versions(field, entry_id, versions, current[entry_id], check_fields):
                self.revisions.append((entry_id, old))

    def _earlier_person(self, name: str) -> str | None:
        """A name in an earlier version: the register's (or this import's) pseudonym for it,
        else the name itself if it could be a pseudonym (the person may have been renamed since)."""
        found = self.find_person(name)
        if found is not None:
            return found
        try:
            return check_pseudonym("people", name)
        except ValidationError:
            return None

    # -- CPD and revalidation records ----------------------------------------------------
    def add_records(self, value: Any) -> None:
        """CPD records the journal lacks (one whose id it holds is kept as it is, and skipped),
        checked as ``journal.add_cpd_record`` checks one; their entries are the journal's or
        this import's."""
        if value is None:
            return
        if not isinstance(value, list):
            raise ValidationError("cpd_records", "must be a list of CPD records.")
        held = record_ids(self.journal.connection)
        imported = set(self.ids)

        def entry_exists(entry_id: str) -> bool:
            return entry_id in imported or entry_id in self.journal

        seen: dict[str, int] = {}
        for i, raw in enumerate(value):
            where = f"cpd_records[{i}]"
            record_id = raw.get("id") if isinstance(raw, Mapping) else None
            if isinstance(record_id, str) and record_id in held:
                self.records_skipped += 1
                continue
            row = check_record_row(where, raw, entry_exists, now=self._now)
            if row[0] in seen:
                raise ValidationError(f"{where}.id", f"is also the id of cpd_records[{seen[row[0]]}] in this import.")
            seen[row[0]] = i
            self.records.append(row)

    # -- writing ------------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        """The ids of the entries, in the order given."""
        return [row.id for row in self.entries]

    def write(self, conn: Any) -> None:
        """Write everything through the journal's seams (inside its ``transaction()``)."""
        self.journal.people.insert_rows(conn, self.people)
        self.journal.insert_tags(conn, self.tags)
        self.journal.insert_entries(conn, self.entries)
        self.journal.insert_revisions(conn, self.revisions)
        insert_record_rows(conn, self.records)


def _known(raw: Mapping[str, Any], vocabulary: Vocabulary) -> bool:
    """True if the journal already has the tag ``raw`` describes, under the same id."""
    label = raw.get("label")
    tag_id = raw.get("id", slugify(label) if isinstance(label, str) else None)
    found = vocabulary.find(tag_id) if isinstance(tag_id, str) else None
    return found is not None and found.id == tag_id


def readable_aliases_in(data: Any) -> int:
    """How many readable aliases an export document carries (one from before aliases were
    kept as digests): an import keeps them only as digests, but the file still holds them."""
    if not is_document(data) or not isinstance(data.get("people"), list):
        return 0
    return sum(
        len(p["aliases"]) if isinstance(p.get("aliases"), list) else 1
        for p in data["people"]
        if isinstance(p, Mapping) and p.get("aliases")
    )


@dataclass(frozen=True)
class Imported:
    """What an import saved: the entries as stored, the CPD records added, and how many CPD
    records were skipped because the journal already held their ids. Counts and ids only."""

    entries: list[Entry]
    cpd_records: list[StoredCpdRecord]
    cpd_records_skipped: int = 0
    entries_skipped: int = 0

    def __repr__(self) -> str:
        return (
            f"<Imported {len(self.entries)} entries ({self.entries_skipped} already held), "
            f"{len(self.cpd_records)} CPD records ({self.cpd_records_skipped} already held)>"
        )


def import_document(journal: Journal, data: Any, *, skip_existing: bool = False) -> Imported:
    """As :func:`import_entries`, saying also which CPD records were added and how many were
    skipped (the journal already held their ids). With ``skip_existing``, entries whose id the
    journal holds are left as they are and counted (``Imported.entries_skipped``), so importing
    one file twice adds nothing the second time."""
    journal.templates()  # load these before taking the write lock
    journal.vocabulary()
    with journal.transaction() as conn:  # holds the write lock: checks and writes see one state
        plan = ImportPlan(journal, skip_existing=skip_existing)
        plan.add(data)
        plan.write(conn)
    if plan.tags:
        journal.invalidate_vocabulary()  # the journal's own tags changed
    records = [journal.cpd_record(row[0]) for row in plan.records]
    return Imported(journal.load(plan.ids), records, plan.records_skipped, plan.skipped)


def import_entries(journal: Journal, data: Any) -> list[Entry]:
    """Add entries to ``journal`` in one transaction; returns them as stored.

    ``data`` is one mapping of entry fields (as ``journal.add`` takes them), a list of
    such mappings, or an export document from :func:`export_json`. From an export
    document, people and your own tags are added first when the journal lacks them,
    entries keep their ids, timestamps, revision number and trash state, and their
    earlier revisions and its CPD records are restored (a record whose id the journal
    already holds is skipped; the others are checked as ``journal.add_cpd_record`` checks
    them, and their entries must be the journal's or the import's). Any entry may carry ``created_at``, ``updated_at``,
    ``revision`` and ``deleted_at`` as ``Entry.to_dict()`` gives them; they are kept
    (timestamps need a time zone), otherwise they are set to now.

    Everything is checked before anything is written; any problem raises
    ValidationError naming the place (``entries[3].title``, ``people[0].role``) and
    nothing is saved. An entry whose id is already in the journal is such a problem.

    People in an older export may carry readable ``aliases``: they are digested at once
    (never stored readable); :func:`readable_aliases_in` counts them, so the caller can say
    that the file itself still holds them.
    """
    return import_document(journal, data).entries
