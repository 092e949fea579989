"""The bibliography: every work the project cites, once, with where it was checked.

``data/references.yaml`` holds one entry per work (a stable key, authors, year, title, where
it was published, and ``checked``: where the reference was checked and how). The vocabulary,
the templates and the guided notebooks cite these works in free text; :meth:`Bibliography.find`
reads a free-text citation string and says which entries it names, and which citations in
it name none (a misspelt author, a wrong year, a title that belongs to another work);
:meth:`Bibliography.find_in_prose` does the same for running text ("Forrester et al. 2008b",
"Driscoll (1994, 2007)").

How a citation is recognised:

* ``Forrester D, Kershaw S, Moss H, Hughes L. 2008a. Communication skills ...`` or
  ``Baile WF, Buckman R et al. 2000.`` or ``Ruch G, Turney D, Ward A (eds). 2010.``: the
  first author's surname and the year (with a/b) choose the entry; where two entries share
  them, the title that follows decides. When a title follows, its words must be the entry's
  (a shortened title is fine, another work's title is not).
* a body as author or a work without a "Surname Initials. Year." form (``Ariadne Labs.``,
  ``Care Act 2014``): one of the entry's ``cited_as`` phrases; a year right after it must
  be the entry's.
* ``(context category)`` and ``(no single author)`` mark the project's own categories,
  which cite no work.

What names no entry is reported: a citation whose author, year, suffix or title fits no
entry; a year standing as a reference's second sentence ("Somebody. 2014.") that no
citation accounts for; and a part of a ``;``-separated list that holds a year but no
citation ("Children Act 1989, section 47" before the Act had an entry). Prose between the
citations (a note on what a template takes from its source) is left alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from ..paths import data_dir
from .datafiles import line_of, load_yaml, require_str

KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
TYPES = ("article", "book", "edited-book", "chapter", "report", "guidance", "web", "statement", "legislation")
CHECKED_PREFIXES = ("Verified:", "Partly verified:", "Not verified:")
# What each type needs to say where it was published (beyond key, authors, year, title, checked).
NEEDS: dict[str, tuple[str, ...]] = {
    "article": ("journal", "volume", "pages"),
    "book": ("publisher",),
    "edited-book": ("publisher",),
    "chapter": ("in", "publisher", "pages"),
    "report": ("publisher",),
    "guidance": ("published",),
    "web": ("published",),
    "statement": ("published",),
    "legislation": ("published",),
}
# Markers by which a reference field says it is the project's own category, citing no work.
OWN_MARKERS = ("(context category)", "(no single author)")
_TEXT_FIELDS = (
    "title",
    "journal",
    "pages",
    "publisher",
    "place",
    "edition",
    "number",
    "in",
    "published",
    "note",
)


def _fold(text: str) -> str:
    """Compare names and titles without case, accents, markdown emphasis or dash variants."""
    text = unicodedata.normalize("NFKD", text.replace("*", ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[‐-―−]", "-", text).casefold()


def _words(text: str) -> set[str]:
    """The title words that carry meaning (four letters or more), folded."""
    return {w for w in re.findall(r"[a-z0-9]+", _fold(text)) if len(w) >= 4}


@dataclass(frozen=True)
class Reference:
    """One work in the bibliography."""

    key: str
    type: str
    authors: tuple[str, ...]
    year: int
    title: str
    checked: str
    suffix: str | None = None
    et_al: bool = False
    first_published: int | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None
    place: str | None = None
    edition: str | None = None
    number: str | None = None
    in_: str | None = None
    editors: tuple[str, ...] = ()
    published: str | None = None
    note: str | None = None
    cited_as: tuple[str, ...] = ()
    further_reading: bool = False
    line: int | None = field(default=None, compare=False)

    @property
    def surname(self) -> str:
        """The first author's surname ("Forrester"), or the body's name ("Ariadne Labs")."""
        first = self.authors[0]
        parts = first.split()
        if len(parts) > 1 and re.fullmatch(r"[A-Z](?:-?[A-Z]){0,3}", parts[-1]):
            return " ".join(parts[:-1])
        return first

    @property
    def label(self) -> str:
        """How the work is cited in running text: "Forrester et al. 2008a", "Hatton & Smith 1995"."""
        year = f"{self.year}{self.suffix or ''}"
        if len(self.authors) == 1 and not self.et_al:
            return f"{self.surname} {year}"
        if len(self.authors) == 2 and not self.et_al:
            second = Reference(self.key, self.type, self.authors[1:], self.year, "", "").surname
            return f"{self.surname} & {second} {year}"
        return f"{self.surname} et al. {year}"

    def missing(self) -> list[str]:
        """The fields this entry's type needs that it lacks (empty when it is complete)."""
        return [name for name in NEEDS[self.type] if not getattr(self, "in_" if name == "in" else name)]

    def formatted(self) -> str:
        """The reference in the project's house style (authors. year. title. where published)."""
        authors = ", ".join(self.authors) + (" et al." if self.et_al else "")
        if self.type == "edited-book":
            authors += " (eds)" if len(self.authors) > 1 else " (ed)"
        end = "" if self.title.endswith(("?", "!", ".")) else "."
        head = f"{authors}. {self.year}{self.suffix or ''}. {self.title}{end}"
        if self.type == "article":
            issue = f"({self.issue})" if self.issue else ""
            where = f"{self.journal} {self.volume}{issue}:{self.pages}."
        elif self.type == "chapter":
            eds = f", ed. {', '.join(self.editors)}" if self.editors else ""
            where = f"In {self.in_}{eds}, pp. {self.pages}. {self._imprint()}"
        elif self.type in ("book", "edited-book", "report"):
            edition = f"{self.edition}. " if self.edition else ""
            number = f"{self.number}. " if self.number else ""
            where = f"{edition}{number}{self._imprint()}"
        else:
            where = f"{self.published}."
        return f"{head} {where}"

    def _imprint(self) -> str:
        return f"{self.place}: {self.publisher}." if self.place else f"{self.publisher}."


# -- reading free-text citations -----------------------------------------------------------------
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
# Each part after the first starts with a capital or an apostrophe or hyphen ("McCambridge",
# "El-Jawahri", "Carper's"), so a run of lower-case letters is never split two ways.
_SURNAME = rf"(?:O['’][{_UP}][{_LOW}]+|[{_UP}][{_LOW}]+(?:['’-][{_UP}]?[{_LOW}]+|[{_UP}][{_LOW}]+)*)"
_PERSON = rf"{_SURNAME}\s+[A-Z](?:-?[A-Z]){{0,3}}"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?:/(?P<year2>1[5-9]\d\d|20\d\d))?(?P<suffix>[a-z])?"
PERSON_CITATION = re.compile(
    rf"(?<![\w'’-])(?P<first>{_SURNAME})\s+[A-Z](?:-?[A-Z]){{0,3}}"
    rf"(?:,\s*{_PERSON}){{0,30}}(?:,?\s+et\s+al\.?)?(?:\s*\(eds?\.?\))?\.?\s+{_YEAR}(?![\w])"
)
# A year standing as the second sentence of a reference ("Somebody. 2014. Title."): found
# anywhere no citation accounts for it, it is a reference this bibliography does not know.
_BARE_YEAR = re.compile(r"(?:^|(?<=[.;]\s))(1[5-9]\d\d|20\d\d)[a-z]?\.(?=\s|$)")
# Running text: "Cooper 2015", "Driscoll (1994, 2007)", "Forrester et al. 2008b", "Hatton and
# Smith (1995)", "Forrester and colleagues (2008a, b)", "Baile, Buckman et al. 2000".
_PROSE_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
PROSE_CITATION = re.compile(
    rf"(?<![\w'’-])(?P<first>{_SURNAME})"
    rf"(?P<more>(?:,\s*{_SURNAME}){{0,30}},?\s+(?:&|and)\s+{_SURNAME}|\s+and\s+colleagues|(?:,\s*{_SURNAME}){{0,30}},?\s+et\s+al\.?)?"
    rf",?\s+(?P<paren>\()?(?P<years>{_PROSE_YEAR}(?:\s*[,/;]\s*(?:{_PROSE_YEAR}|[a-z]\b)){{0,20}})(?![\w])"
)
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "spring", "summer", "autumn", "winter", "since", "until",
}  # fmt: skip
_ANY_YEAR = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")
_TITLE = re.compile(r"\.\s+(?P<title>[^.?;]+\??)")
_AFTER_PHRASE = re.compile(r"[^.;]*\.?\s*(?:" + _YEAR + r"\.?)?")


@dataclass(frozen=True)
class Citation:
    """One citation found in a text, and the entries it names (none when it names no entry)."""

    text: str
    start: int
    end: int
    entries: tuple[Reference, ...]
    problem: str | None = None

    @property
    def resolved(self) -> bool:
        return bool(self.entries)


@dataclass(frozen=True)
class Found:
    """What a citation string names: the entries, and each part that names none (with why)."""

    citations: tuple[Citation, ...]
    unresolved: tuple[str, ...]

    @property
    def entries(self) -> tuple[Reference, ...]:
        return tuple(dict.fromkeys(e for c in self.citations for e in c.entries))


class Bibliography:
    """The works the project cites, by key; reads free-text citations."""

    def __init__(self, references: Iterable[Reference]) -> None:
        self.references: tuple[Reference, ...] = tuple(references)
        self._by_key = {r.key: r for r in self.references}
        self._by_surname: dict[str, list[Reference]] = {}
        for ref in self.references:
            self._by_surname.setdefault(_fold(ref.surname), []).append(ref)

    def __iter__(self) -> Iterator[Reference]:
        return iter(self.references)

    def __len__(self) -> int:
        return len(self.references)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __getitem__(self, key: str) -> Reference:
        return self._by_key[key]

    def __repr__(self) -> str:
        return f"<Bibliography {len(self.references)} references>"

    def incomplete(self) -> dict[str, list[str]]:
        """Each entry that lacks a field its type needs: key -> the missing fields."""
        return {r.key: r.missing() for r in self.references if r.missing()}

    def find(self, text: str) -> Found:
        """The entries ``text`` (a reference field, a line of a reference list) cites, and
        every part of it that looks like a citation but names no entry."""
        plain = text.replace("*", "").replace("\u00a0", " ")
        citations = [self._person(m, plain) for m in PERSON_CITATION.finditer(plain)]
        taken = [(c.start, c.end) for c in citations]
        citations += self._phrases(plain, taken)
        citations.sort(key=lambda c: c.start)
        spans = [(c.start, c.end) for c in citations]
        unresolved = [f"{c.text!r}: {c.problem}" for c in citations if not c.resolved]
        for m in _BARE_YEAR.finditer(plain):
            if not any(s <= m.start() < e for s, e in spans):
                before = plain[max(0, m.start() - 60) : m.end()].strip()
                unresolved.append(f"{before!r}: a reference this bibliography does not know")
        start = 0
        for part in plain.split(";"):
            end, bare = start + len(part), part.strip()
            if _ANY_YEAR.search(bare) and not any(m in bare for m in OWN_MARKERS):
                if not any(s < end and start < e for s, e in spans):
                    unresolved.append(f"{bare!r}: names no work in the bibliography")
            start = end + 1
        return Found(tuple(citations), tuple(unresolved))

    def find_in_prose(self, text: str) -> Found:
        """The entries running text cites ("Cooper 2015", "Forrester et al. (2008a, b)"), and
        each such citation that names none. A name the bibliography knows must come with a year
        and suffix it has; an unknown name counts as a citation only in a citation's shape (in
        brackets, with "et al." or "&"), so "in March 2025" is not one."""
        citations, unresolved = [], []
        for m in PROSE_CITATION.finditer(text):
            name = re.sub(r"['’]s\Z", "", m["first"])  # "Carper's (1978)"
            surname = _fold(name)
            before = re.search(r"([A-Z][a-z]+)\s+$", text[: m.start()])
            if surname not in self._by_surname and before and _fold(f"{before[1]} {name}") in self._by_surname:
                surname = _fold(f"{before[1]} {name}")  # "Ariadne Labs 2023"
            known = surname in self._by_surname
            shaped = bool(m["paren"] or m["more"]) or text[max(0, m.start() - 1) : m.start()] == "("
            if not known and (surname in _MONTHS or not shaped):
                continue
            found = " ".join(m.group(0).split())
            last_year = None
            for part in re.split(r"\s*[,/;]\s*", m["years"]):
                if part.isalpha():  # "2008a, b": b of the last year
                    year, suffix = last_year, part
                else:
                    year, suffix = int(part[:4]), (part[4:] or None)
                last_year = year
                candidates = [r for r in self._by_surname.get(surname, []) if year in (r.year, r.first_published)]
                if suffix:
                    candidates = [r for r in candidates if r.suffix == suffix]
                if len(candidates) == 1:
                    citations.append(Citation(found, m.start(), m.end(), (candidates[0],)))
                    continue
                problem = (
                    f"could be any of {', '.join(r.key for r in candidates)}: add a or b"
                    if candidates
                    else f"no entry by {name} from {year}{suffix or ''}"
                )
                citations.append(Citation(found, m.start(), m.end(), (), problem))
                unresolved.append(f"{found!r}: {problem}")
        return Found(tuple(citations), tuple(unresolved))

    def _person(self, match: re.Match[str], text: str) -> Citation:
        surname, suffix = _fold(match["first"]), match["suffix"]
        years = {int(match["year"])} | ({int(match["year2"])} if match["year2"] else set())
        found = text[match.start() : match.end()]
        candidates = [
            r for r in self._by_surname.get(surname, []) if r.year in years or (r.first_published or 0) in years
        ]
        if not candidates:
            return Citation(found, match.start(), match.end(), (), "no entry by that first author and year")
        if suffix:
            candidates = [r for r in candidates if r.suffix == suffix]
            if not candidates:
                return Citation(found, match.start(), match.end(), (), f"no entry with the suffix {suffix!r}")
        title_match = _TITLE.match(text, match.end())
        if title_match:
            title = _words(re.sub(r"\([^)]*\)", " ", title_match["title"]))
            fitting = [r for r in candidates if title and title <= _words(r.title)]
            if not fitting:
                return Citation(
                    found,
                    match.start(),
                    match.end(),
                    (),
                    f"the title {title_match['title'].strip()!r} is not the title of "
                    + " or ".join(r.key for r in candidates),
                )
            candidates = fitting
        if len(candidates) > 1:
            keys = ", ".join(r.key for r in candidates)
            return Citation(found, match.start(), match.end(), (), f"could be any of {keys}: add a or b")
        return Citation(found, match.start(), match.end(), (candidates[0],))

    def _phrases(self, text: str, taken: list[tuple[int, int]]) -> list[Citation]:
        folded = _fold(text)
        out: list[Citation] = []
        for ref in self.references:
            for phrase in ref.cited_as:
                for m in re.finditer(re.escape(_fold(phrase)), folded):
                    if any(s <= m.start() < e for s, e in taken):
                        continue
                    after = _AFTER_PHRASE.match(text, m.end())
                    end = after.end() if after else m.end()
                    year = int(after["year"]) if after and after["year"] else None
                    found = text[m.start() : end].strip()
                    if year is not None and year not in (ref.year, ref.first_published):
                        problem = f"{ref.key} is {ref.year}, not {year}"
                        out.append(Citation(found, m.start(), end, (), problem))
                    else:
                        out.append(Citation(found, m.start(), end, (ref,)))
                    taken.append((m.start(), end))
        return out


# -- the data file -------------------------------------------------------------------------------
def _text(item: dict, name: str, path: Path) -> str | None:
    value = item.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise DataFileError(str(path), line_of(item), f"'{name}' must be a non-empty text")
    return str(value).strip()


def _names(item: dict, name: str, path: Path, *, required: bool) -> tuple[str, ...]:
    value = item.get(name)
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(str(path), line_of(item), f"'{name}' must be a list of names")
    return tuple(v.strip() for v in value)


def _year(item: dict, name: str, path: Path, *, required: bool) -> int | None:
    value = item.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1500 <= value <= 2100:
        raise DataFileError(str(path), line_of(item), f"'{name}' must be a year (four digits)")
    return value


def _flag(item: dict, name: str, path: Path) -> bool:
    value = item.get(name, False)
    if not isinstance(value, bool):
        raise DataFileError(str(path), line_of(item), f"'{name}' must be true or false")
    return value


def _entry(item: Any, path: Path, doc: Any) -> Reference:
    if not isinstance(item, dict):
        raise DataFileError(str(path), line_of(doc), "each reference must be a mapping")
    key = require_str(item, "key", path)
    if not KEY_RE.match(key):
        raise DataFileError(str(path), line_of(item), f"key {key!r} must be lowercase letters, digits and hyphens")
    kind = require_str(item, "type", path)
    if kind not in TYPES:
        raise DataFileError(str(path), line_of(item), f"{key}: 'type' must be one of {', '.join(TYPES)}")
    checked = require_str(item, "checked", path)
    if not checked.startswith(CHECKED_PREFIXES):
        raise DataFileError(
            str(path), line_of(item), f"{key}: 'checked' must begin with {', '.join(map(repr, CHECKED_PREFIXES))}"
        )
    suffix = _text(item, "suffix", path)
    if suffix is not None and not re.fullmatch(r"[a-z]", suffix):
        raise DataFileError(str(path), line_of(item), f"{key}: 'suffix' must be one letter, a to z")
    texts = {name: _text(item, name, path) for name in _TEXT_FIELDS}
    texts.update(volume=_text(item, "volume", path), issue=_text(item, "issue", path))
    return Reference(
        key=key,
        type=kind,
        authors=_names(item, "authors", path, required=True),
        year=_year(item, "year", path, required=True) or 0,
        title=require_str(item, "title", path),
        checked=checked,
        suffix=suffix,
        et_al=_flag(item, "et_al", path),
        first_published=_year(item, "first_published", path, required=False),
        journal=texts["journal"],
        volume=texts["volume"],
        issue=texts["issue"],
        pages=texts["pages"],
        publisher=texts["publisher"],
        place=texts["place"],
        edition=texts["edition"],
        number=texts["number"],
        in_=texts["in"],
        editors=_names(item, "editors", path, required=False),
        published=texts["published"],
        note=texts["note"],
        cited_as=_names(item, "cited_as", path, required=False),
        further_reading=_flag(item, "further_reading", path),
        line=line_of(item),
    )


def _load_file(path: Path) -> Bibliography:
    doc = load_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("references"), list):
        raise DataFileError(str(path), line_of(doc), "needs a 'references' list")
    refs: list[Reference] = []
    seen: dict[str, int | None] = {}
    for item in doc["references"]:
        ref = _entry(item, path, doc)
        if ref.key in seen:
            raise DataFileError(str(path), ref.line, f"key {ref.key!r} is used twice (first at line {seen[ref.key]})")
        seen[ref.key] = ref.line
        refs.append(ref)
    return Bibliography(refs)


@functools.lru_cache(maxsize=4)
def _bundled(path: Path, mtime: float) -> Bibliography:
    return _load_file(path)


def load_references(path: Path | None = None) -> Bibliography:
    """The bibliography in ``path`` (the bundled ``data/references.yaml`` by default)."""
    if path is not None:
        return _load_file(Path(path))
    bundled = data_dir() / "references.yaml"
    return _bundled(bundled, bundled.stat().st_mtime)
