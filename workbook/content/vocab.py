"""The tag vocabulary: the five groups of emotional dynamics and their tags.

The bundled vocabulary is ``data/vocabulary.yaml``; a journal adds the user's own tags
(stored in the journal, passed in here as ``custom``). Lookups accept an id or a label
in any case; an unknown tag is refused with the closest known tags in the message.
"""

from __future__ import annotations

import difflib
import functools
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import DataFileError, ValidationError
from ..models import Tag, TagGroup
from ..paths import data_dir
from .datafiles import line_of, load_yaml, require_str

TAG_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
FEELING_FAMILIES = ("mad", "sad", "scared", "joyful", "powerful", "peaceful")
FEELINGS_GROUP = "feelings"


def tag_key(text: str) -> str:
    """How tags are compared: NFC, trimmed, case-folded."""
    return unicodedata.normalize("NFC", text).strip().casefold()


def slugify(label: str) -> str:
    """A tag id made from a label: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


class Vocabulary:
    """Groups and tags, looked up by id or label."""

    def __init__(self, groups: Iterable[TagGroup], tags: Iterable[Tag]) -> None:
        self.groups: tuple[TagGroup, ...] = tuple(groups)
        self.tags: tuple[Tag, ...] = tuple(tags)
        self._groups = {g.id: g for g in self.groups}
        self._by_key: dict[str, Tag] = {}
        for tag in self.tags:
            self._by_key.setdefault(tag_key(tag.id), tag)
        for tag in self.tags:
            self._by_key.setdefault(tag_key(tag.label), tag)

    def __iter__(self) -> Iterator[Tag]:
        return iter(self.tags)

    def __len__(self) -> int:
        return len(self.tags)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and tag_key(name) in self._by_key

    def __repr__(self) -> str:
        return f"<Vocabulary {len(self.groups)} groups, {len(self.tags)} tags>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td><b>{html.escape(g.label)}</b></td><td>{len(self.in_group(g.id))}</td>"
            f"<td>{html.escape(', '.join(t.label for t in self.in_group(g.id)))}</td></tr>"
            for g in self.groups
        )
        return (
            f"<p>{len(self.tags)} tags in {len(self.groups)} groups.</p>"
            f"<table><tr><th>Group</th><th>Tags</th><th></th></tr>{rows}</table>"
        )

    def group(self, group_id: str) -> TagGroup:
        return self._groups[group_id]

    def in_group(self, group_id: str) -> tuple[Tag, ...]:
        return tuple(t for t in self.tags if t.group == group_id)

    def find(self, name: str) -> Tag | None:
        """The tag with this id or label (any case), or None."""
        return self._by_key.get(tag_key(name))

    def closest(self, name: str, n: int = 3) -> list[str]:
        """Up to ``n`` known tag ids that look like ``name``."""
        key = tag_key(name)
        candidates = list(self._by_key)
        close = difflib.get_close_matches(key, candidates, n=n * 2, cutoff=0.6)
        if not close:
            close = [c for c in candidates if key and (key in c or c in key)]
        ids = list(dict.fromkeys(self._by_key[c].id for c in close))
        return ids[:n]

    def resolve(self, name: str, field: str = "tags") -> Tag:
        """The tag for ``name``, or a ValidationError that suggests the closest tags."""
        tag = self.find(name)
        if tag is not None:
            return tag
        near = self.closest(name)
        hint = (
            f" Did you mean {', '.join(repr(t) for t in near)}?"
            if near
            else " See wb.vocabulary() for the tags, or add your own."
        )
        raise ValidationError(field, f"unknown tag {name!r}.{hint}")

    def families(self) -> dict[str, tuple[Tag, ...]]:
        """The feelings tags by Feeling Wheel family, in :data:`FEELING_FAMILIES` order.

        A tag with no family (``mixed``, which crosses families, and custom tags) is in
        none of them: anything counted by family counts only what is listed here.
        """
        return {f: tuple(t for t in self.tags if t.family == f) for f in FEELING_FAMILIES}

    def family_counts(self, tag_ids: Iterable[str]) -> dict[str, int]:
        """How many of ``tag_ids`` (one per use) fall in each family; tags without one are skipped."""
        counts = dict.fromkeys(FEELING_FAMILIES, 0)
        for name in tag_ids:
            tag = self.find(name)
            if tag is not None and tag.family in counts:
                counts[tag.family] += 1
        return counts

    def with_custom(self, custom: Iterable[Tag]) -> Vocabulary:
        return Vocabulary(self.groups, (*self.tags, *custom))


def _family(item: dict, tag_id: str, group: str, path: Path) -> str | None:
    """A tag's Feeling Wheel family: one of the six, on a feelings tag only, or None."""
    family = item.get("family")
    if family is not None and family not in FEELING_FAMILIES:
        raise DataFileError(str(path), line_of(item), f"family must be one of {', '.join(FEELING_FAMILIES)}")
    if family is not None and group != FEELINGS_GROUP:
        raise DataFileError(str(path), line_of(item), f"tag {tag_id!r}: only feelings tags have a family")
    return family


def _load_file(path: Path) -> Vocabulary:
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("groups"), list) or not isinstance(doc.get("tags"), list):
        raise DataFileError(str(path), line_of(doc), "needs a 'groups' list and a 'tags' list")
    groups = []
    for item in doc["groups"]:
        if not isinstance(item, dict):
            raise DataFileError(str(path), line_of(doc), "each group must be a mapping")
        groups.append(
            TagGroup(
                id=require_str(item, "id", path),
                label=require_str(item, "label", path),
                description=require_str(item, "description", path),
                intensity=bool(item.get("intensity", False)),
            )
        )
    group_ids = {g.id for g in groups}
    tags, seen = [], set()
    for item in doc["tags"]:
        if not isinstance(item, dict):
            raise DataFileError(str(path), line_of(doc), "each tag must be a mapping")
        tag_id = require_str(item, "id", path)
        if not TAG_ID_RE.match(tag_id):
            raise DataFileError(
                str(path), line_of(item), f"tag id {tag_id!r} must be lowercase letters, digits and hyphens"
            )
        if tag_id in seen:
            raise DataFileError(str(path), line_of(item), f"tag id {tag_id!r} is used twice")
        seen.add(tag_id)
        group = require_str(item, "group", path)
        if group not in group_ids:
            raise DataFileError(str(path), line_of(item), f"tag {tag_id!r} names unknown group {group!r}")
        family = _family(item, tag_id, group, path)
        tags.append(
            Tag(
                id=tag_id,
                label=require_str(item, "label", path),
                group=group,
                definition=require_str(item, "definition", path),
                reference=require_str(item, "reference", path),
                family=family,
            )
        )
    return Vocabulary(groups, tags)


@functools.lru_cache(maxsize=4)
def _bundled(path: Path, mtime: float) -> Vocabulary:
    return _load_file(path)


def load_vocabulary(custom: Iterable[Tag] = ()) -> Vocabulary:
    """The bundled vocabulary plus the given custom tags (read once, then cached)."""
    path = data_dir() / "vocabulary.yaml"
    base = _bundled(path, path.stat().st_mtime)
    custom = tuple(custom)
    return base.with_custom(custom) if custom else base
