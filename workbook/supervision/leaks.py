"""The leak check: scan a pack (notebook, HTML, Markdown, a Word document or a zip of them) before it is shared.

``check_share(path, journal=None)`` returns a :class:`LeakFinding` for each thing found:
``register-name`` (a registered alias), ``identifier`` (a structured identifier such as a
phone or NHS number), ``unchosen-entry-text`` (eight words in a row from an entry the pack's
manifest does not name), ``journal-path`` (the journal's path, the home folder, the user
name), ``notebook-output`` (outputs, execution counts, widget state) and ``script`` (HTML
script, ``on*`` handlers, ``javascript:`` URLs, external sources). A finding names the kind
and the place, never a real name in full (its first letter and its length).

A Word document (``.docx``, such as a CPD record) is read from its XML parts: each paragraph
(``"record.docx paragraph 3"``), each table cell (``"table 1 row 2 cell 1"``), headers, footers,
footnotes, endnotes and comments, and its properties (``"core property author"``, the
company in ``"app property company"``...). A macro, an outside link, or an author or
"last modified by" that holds the user name is a finding too. The manifest of a document
written by the workbook rides in its comments property (``workbook-pack: JSON``).

An SVG image carried as a ``data:image/svg+xml`` URI (base64 or percent-encoded, as the
pack's charts are) is decoded and checked too, at the place ``"<place> SVG image <n>"``: its
text and attribute values for the same names, identifiers, paths and unchosen entry text,
and its markup for ``script`` findings: ``<script>``, ``on*`` handlers, ``javascript:``, and an
``href`` / ``xlink:href`` / ``src`` that leads outside the image.
"""

from __future__ import annotations

import base64
import binascii
import getpass
import html
import json
import re
import urllib.parse
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ValidationError
from ..privacy.detect import find_identifiers

__all__ = ["KINDS", "LeakFinding", "check_share", "hint"]

KINDS = ("register-name", "identifier", "unchosen-entry-text", "journal-path", "notebook-output", "script")
SUFFIXES = (".ipynb", ".html", ".htm", ".md", ".docx")
ZIP_MAX_MEMBERS = 200
ZIP_MAX_MEMBER_BYTES = 20 * 1024 * 1024
ZIP_MAX_TOTAL_BYTES = 100 * 1024 * 1024
FILE_MAX_BYTES = 50 * 1024 * 1024
SHINGLE = 8

_WORD = re.compile(r"\w+(?:'\w+)*")
_SCRIPT = [
    (re.compile(r"<\s*script\b", re.I), "a <script> element"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "an on* event handler"),
    (re.compile(r"javascript\s*:", re.I), "a javascript: URL"),
    (
        re.compile(r"""\b(?:src|href|action|data|poster|srcset)\s*=\s*["']?\s*(?:https?:)?//""", re.I),
        "an external address",
    ),
    (re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.I), "an external address in a style"),
    (re.compile(r"<\s*(?:iframe|object|embed|base|link)\b", re.I), "an embedding element"),
]


@dataclass(frozen=True)
class LeakFinding:
    """One thing that must not leave: ``kind`` (one of ``KINDS``), ``place`` (file, and cell
    or line) and ``hint`` (what was found, never a real name in full)."""

    kind: str
    place: str
    hint: str

    def __str__(self) -> str:
        return f"{self.kind} at {self.place}: {self.hint}"


def hint(text: str) -> str:
    """A safe stand-in for found text: its first letter and its length."""
    text = text.strip()
    return f"{text[:1]}… ({len(text)} characters)" if text else "(empty)"


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _entry_text(entry: Any) -> str:
    actions = [a.text for a in (getattr(entry, "actions", None) or ())]
    parts = [entry.title or "", entry.narrative or "", *(entry.responses or {}).values(), *actions]
    return "\n".join(str(p) for p in parts if p)


# -- reading a pack into (place, text) pieces -----------------------------------------------


@dataclass
class _Doc:
    name: str
    pieces: list[tuple[str, str]]  # (place, text)
    manifest: dict[str, Any] | None
    structural: list[LeakFinding]


_MANIFEST_META = re.compile(r"""<meta\s+name=["']workbook-pack["']\s+content=(["'])(.*?)\1""", re.I | re.S)
_MANIFEST_COMMENT = re.compile(r"<!--\s*workbook-pack:\s*(\{.*?\})\s*-->", re.S)
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
_DATA_URI = re.compile(r"data:[\w+.-]+/[\w+.-]+;base64,[A-Za-z0-9+/=]+")


def _text_manifest(text: str) -> dict[str, Any] | None:
    """The pack manifest of an HTML or Markdown file: ``<meta name="workbook-pack"
    content="JSON">`` (HTML-escaped) or a comment ``<!-- workbook-pack: JSON -->``."""
    import html as _html

    match = _MANIFEST_META.search(text)
    raw = _html.unescape(match.group(2)) if match else None
    if raw is None:
        comment = _MANIFEST_COMMENT.search(text)
        raw = comment.group(1) if comment else None
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _masked(text: str) -> str:
    """``text`` without entry ids (random, allowed in a pack), base64 data URIs (charts) and
    SVG data URIs however encoded (decoded and checked on their own, :func:`_svg_images`),
    whose digits and letters would otherwise look like identifiers or words."""
    text = _UUID.sub(lambda m: " " * len(m.group()), text)
    text = _DATA_URI.sub(lambda m: "data:" + " " * (len(m.group()) - 5), text)
    for _, start, end in _svg_uris(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


# -- SVG images inside data URIs ----------------------------------------------------------

SVG_MAX_DEPTH = 3  # an SVG inside an SVG inside an SVG is decoded; deeper ones are not
_SVG_URI = re.compile(r"""(["'(]?)data:image/svg\+xml((?:;[^,;"'\s<>]*)*),""", re.I)
# where a data URI ends: at the quote it was opened with, or (unquoted, in Markdown or CSS)
# at a bracket, a quote, a space or markup
_SVG_END = {'"': re.compile('"'), "'": re.compile("'"), "": re.compile(r"""[\s"'()<>]""")}
_SVG_END["("] = _SVG_END[""]
_SVG_ROOT = re.compile(r"<svg[\s/>]", re.I)
_SVG_TAG = re.compile(r"""<[A-Za-z][\w:.-]*(?:"[^"]*"|'[^']*'|[^'">])*>""")
_SVG_MARKUP = re.compile(r"""<!--|-->|<!\[CDATA\[|\]\]>|</?[A-Za-z!?][\w:.-]*(?:"[^"]*"|'[^']*'|[^'">])*>""")
_SVG_ATTR = re.compile(r"""(?:(?<=[\s/"'])|^)([^\s=/<>"']+)\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""")
# attributes that hold only geometry, colours and layout: never words a person wrote (an axis
# tick's numbers, read together, could look like a phone number)
_SVG_LAYOUT = frozenset(
    """d points transform viewbox x y x1 x2 y1 y2 cx cy r rx ry dx dy fx fy width height offset
    opacity fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-dasharray
    stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit stop-color stop-opacity
    font-size font-weight font-style text-anchor dominant-baseline alignment-baseline display
    visibility pointer-events clip-path clip-rule mask filter version preserveaspectratio
    gradientunits gradienttransform patternunits patterntransform markerwidth markerheight
    refx refy orient shape-rendering text-rendering image-rendering xml:space""".split()
)
_SVG_EXTRA = [(re.compile(r"@import\b", re.I), "an external address in a style")]


def _svg_uris(text: str) -> list[tuple[str, int, int]]:
    """Each ``data:image/svg+xml`` URI in ``text``: (its SVG text, start, end of the URI).
    Its end is the quote (or bracket) it was opened with; one that cannot be decoded, or whose
    decoded text holds no ``<svg`` element, is left out."""
    found = []
    for match in _SVG_URI.finditer(text):
        opener, params = match.group(1), match.group(2)
        hit = _SVG_END[opener].search(text, match.end())
        end = hit.start() if hit else len(text)
        payload = html.unescape(text[match.end() : end])  # inside HTML, & and quotes come escaped
        if ";base64" in params.lower():
            data = re.sub(r"[^A-Za-z0-9+/]", "", urllib.parse.unquote(payload))
            try:
                raw = base64.b64decode(data + "=" * (-len(data) % 4))
            except (binascii.Error, ValueError):
                continue
            svg = raw.decode("utf-8", errors="replace")
        else:
            svg = urllib.parse.unquote(payload, errors="replace")
        if _SVG_ROOT.search(svg):  # bytes that are no SVG draw nothing (and may be any letters)
            found.append((svg, match.start() + len(opener), end))
    return found


def _svg_words(svg: str) -> list[str]:
    """What a person could have written in an SVG: its text (labels, titles, descriptions,
    comments) and its attribute values other than geometry and colours, each on its own."""
    out = []
    for chunk in _SVG_MARKUP.split(svg):
        if chunk.strip():
            out.append(html.unescape(chunk).strip())
    for tag in _SVG_TAG.finditer(svg):
        for name, value in _SVG_ATTR.findall(tag.group()[1:-1]):
            if name.casefold() in _SVG_LAYOUT or name.casefold().startswith("xmlns"):
                continue
            value = html.unescape(value.strip("\"'")).strip()
            if value:
                out.append(value)
    return list(dict.fromkeys(out))


def _svg_markup_findings(place: str, svg: str) -> list[LeakFinding]:
    """Scripts and outside requests in an SVG's markup: the HTML patterns, ``@import``, and
    per attribute an ``on*`` handler, a ``javascript:`` URL, or an ``href`` / ``xlink:href`` /
    ``src`` that is not a fragment of the image itself (``#id``) or a ``data:`` URI."""
    found = [LeakFinding("script", place, what) for pattern, what in [*_SCRIPT, *_SVG_EXTRA] if pattern.search(svg)]
    for tag in _SVG_TAG.finditer(svg):
        for name, raw in _SVG_ATTR.findall(tag.group()[1:-1]):
            local = name.rsplit(":", 1)[-1].casefold()
            value = re.sub(r"[\x00-\x20]", "", html.unescape(raw.strip("\"'")))
            if local.startswith("on"):
                found.append(LeakFinding("script", place, "an on* event handler"))
            if re.search(r"javascript:", value, re.I):
                found.append(LeakFinding("script", place, "a javascript: URL"))
            elif local in ("href", "src") and value and not value.startswith("#") and value[:5].casefold() != "data:":
                found.append(LeakFinding("script", place, "an external address"))
    return found


def _svg_images(place: str, text: str, depth: int = 1) -> list[tuple[str, str]]:
    """Each SVG image in ``text``'s data URIs (and in theirs, to :data:`SVG_MAX_DEPTH`) as
    (place, SVG text), the place numbering them: ``"pack.html line 9 SVG image 2"``."""
    images = []
    for n, (svg, _, _) in enumerate(_svg_uris(text), 1):
        inner = f"{place} SVG image {n}"
        images.append((inner, svg))
        if depth < SVG_MAX_DEPTH:
            images += _svg_images(inner, svg, depth + 1)
    return images


def _svg_docs(doc: _Doc) -> tuple[_Doc, list[LeakFinding]]:
    """The SVG images of ``doc`` as a document of their own, one piece per text or attribute
    value (for names, identifiers and paths), with the scripts found in their markup."""
    pieces, found = [], []
    for place, text in doc.pieces:
        if "data:image/svg" not in text.casefold():
            continue
        for inner, svg in _svg_images(place, text):
            found += _svg_markup_findings(inner, svg)
            pieces += [(inner, words) for words in _svg_words(svg)]
    return _Doc(doc.name, pieces, None, []), found


_TAG_NAME = re.compile(r"</?[A-Za-z][\w-]*|/?>")


def _untagged(text: str) -> str:
    """``text`` as its words are read: character references decoded and tag names left out
    (attribute values stay), so markup around a pack's text makes no words of its own."""
    import html as _html

    return _TAG_NAME.sub(" ", _html.unescape(text))


def _lines(name: str, text: str) -> list[tuple[str, str]]:
    return [(f"{name} line {n}", line) for n, line in enumerate(text.splitlines(), 1)]


def _read_cell(place: str, cell: dict[str, Any], pieces: list[tuple[str, str]], structural: list[LeakFinding]) -> None:
    source = cell.get("source", "")
    pieces.append((place, "".join(source) if isinstance(source, list) else str(source)))
    if cell.get("cell_type") == "code":
        structural.append(LeakFinding("notebook-output", place, "a code cell"))
    if cell.get("outputs"):
        structural.append(LeakFinding("notebook-output", place, f"{len(cell['outputs'])} output(s)"))
        pieces.append((f"{place} output", json.dumps(cell["outputs"], ensure_ascii=False)))
    if cell.get("execution_count") is not None:
        structural.append(LeakFinding("notebook-output", place, "an execution count"))
    meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
    if any("widget" in str(k) for k in meta):
        structural.append(LeakFinding("notebook-output", place, "widget state in the cell's metadata"))
    if cell.get("attachments"):
        structural.append(LeakFinding("notebook-output", place, "attachments"))


def _read_notebook(name: str, raw: bytes) -> _Doc:
    try:
        nb = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValidationError("path", f"{name} is not a notebook (not JSON).") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValidationError("path", f"{name} is not a notebook (no cells).")
    structural: list[LeakFinding] = []
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    if "widgets" in meta:
        structural.append(LeakFinding("notebook-output", f"{name} metadata", "widget state is saved in the notebook"))
    pieces: list[tuple[str, str]] = []
    for i, cell in enumerate(nb["cells"]):
        if isinstance(cell, dict):
            _read_cell(f"{name} cell {i}", cell, pieces, structural)
    manifest = meta.get("workbook_pack") if isinstance(meta.get("workbook_pack"), dict) else None
    pieces.append((f"{name} metadata", json.dumps({k: v for k, v in meta.items() if k != "workbook_pack"})))
    return _Doc(name, pieces, manifest, structural)


def _read_text(name: str, raw: bytes) -> _Doc:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError("path", f"{name} is not UTF-8 text.") from None
    return _Doc(name, _lines(name, text), _text_manifest(text), [])


# -- Word documents ---------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_PARTS = re.compile(r"word/(header|footer)(\d*)\.xml|word/(footnotes|endnotes|comments)\.xml")
_PROPERTY_NAMES = {
    "creator": "author",
    "lastModifiedBy": "last modified by",
    "description": "comments",
    "contentStatus": "content status",
}
_DOCX_MANIFEST = "workbook-pack:"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _docx_text(element: Any) -> str:
    """The words of a Word element as a reader would see them (deleted revisions and field
    codes too: they are in the file)."""
    out = []
    for node in element.iter():
        tag = _local(node.tag)
        if tag in ("t", "delText", "instrText") and node.text:
            out.append(node.text)
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")
        elif tag == "p" and node is not element and out:
            out.append("\n")
    return "".join(out)


def _docx_blocks(where: str, parent: Any, pieces: list[tuple[str, str]], counts: dict[str, int]) -> None:
    """Paragraphs and table cells of a body, header or footer, in order."""
    for child in parent:
        tag = _local(child.tag)
        if tag == "p":
            counts["paragraph"] = counts.get("paragraph", 0) + 1
            pieces.append((f"{where}paragraph {counts['paragraph']}", _docx_text(child)))
        elif tag == "tbl":
            counts["table"] = counts.get("table", 0) + 1
            rows = [r for r in child if _local(r.tag) == "tr"]
            for r, row in enumerate(rows, 1):
                cells = [c for c in row.iter() if _local(c.tag) == "tc"]
                for c, cell in enumerate(cells, 1):
                    pieces.append((f"{where}table {counts['table']} row {r} cell {c}", _docx_text(cell)))
        elif tag not in ("sectPr",):
            _docx_blocks(where, child, pieces, counts)  # content controls, inserted revisions


def _xml(name: str, raw: bytes) -> Any:
    import xml.etree.ElementTree as ET  # noqa: N817 - the usual name

    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise ValidationError("path", f"{name} declares XML entities; refused.")
    try:
        return ET.fromstring(raw)  # noqa: S314 - no DOCTYPE or entity can be in it (refused above)
    except ET.ParseError:
        raise ValidationError("path", f"{name} is not a readable Word document.") from None


class _Docx:
    """The parts of a Word document, each read within the zip limits."""

    def __init__(self, name: str, raw: bytes) -> None:
        import io

        self.name = name
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(raw))
        except zipfile.BadZipFile:
            raise ValidationError("path", f"{name} is not a readable Word document.") from None
        self.members = {m.filename: m for m in self.archive.infolist() if not m.is_dir()}
        if len(self.members) > ZIP_MAX_MEMBERS or sum(m.file_size for m in self.members.values()) > ZIP_MAX_TOTAL_BYTES:
            raise ValidationError("path", f"{name} is larger than a Word document that can be checked.")
        if "word/document.xml" not in self.members:
            raise ValidationError("path", f"{name} is not a Word document (no word/document.xml).")

    def part(self, member: str) -> Any:
        info = self.members[member]
        if info.file_size > ZIP_MAX_MEMBER_BYTES:
            raise ValidationError("path", f"{self.name}: a part is larger than {ZIP_MAX_MEMBER_BYTES} bytes; refused.")
        with self.archive.open(info) as handle:
            return _xml(self.name, handle.read(ZIP_MAX_MEMBER_BYTES + 1))


def _docx_words(doc: _Docx, pieces: list[tuple[str, str]], structural: list[LeakFinding]) -> None:
    """The body, headers, footers, notes and comments; macros and outside links."""
    body = doc.part("word/document.xml").find(f"{_W}body")
    if body is not None:
        _docx_blocks(f"{doc.name} ", body, pieces, {})
    for member in sorted(doc.members):
        match = _DOCX_PARTS.fullmatch(member)
        if match:
            label = f"{match.group(1)} {match.group(2) or 1}" if match.group(1) else match.group(3)
            _docx_blocks(f"{doc.name} {label} ", doc.part(member), pieces, {})
        elif member.lower().endswith(".bin") and "vba" in member.lower():
            structural.append(LeakFinding("script", f"{doc.name} {member}", "a macro"))
        elif member.endswith(".rels"):
            if any(rel.get("TargetMode") == "External" for rel in doc.part(member)):
                structural.append(LeakFinding("script", f"{doc.name} {member}", "an external address"))


def _docx_properties(doc: _Docx, pieces: list[tuple[str, str]], structural: list[LeakFinding]) -> dict | None:
    """The core, app and custom properties (author, company...); the manifest, if any."""
    try:
        user = getpass.getuser().casefold()
    except (KeyError, OSError):
        user = ""
    manifest = None
    for member, prefix in (
        ("docProps/core.xml", "core"),
        ("docProps/app.xml", "app"),
        ("docProps/custom.xml", "custom"),
    ):
        if member not in doc.members:
            continue
        for prop in doc.part(member).iter():
            value = (prop.text or "").strip()
            if not value or len(prop):
                continue
            local = _local(prop.tag)
            label = prop.get("name") or _PROPERTY_NAMES.get(local, re.sub(r"(?<!^)([A-Z])", r" \1", local).lower())
            place = f"{doc.name} {prefix} property {label}"
            pieces.append((place, value))
            if prefix == "core" and local == "description" and value.startswith(_DOCX_MANIFEST):
                manifest = _text_manifest(f"<!-- workbook-pack: {value[len(_DOCX_MANIFEST) :].strip()} -->")
            if local in ("creator", "lastModifiedBy") and len(user) >= 3 and user in _words(value):
                structural.append(LeakFinding("journal-path", place, "the user name"))
    return manifest


def _read_docx(name: str, raw: bytes) -> _Doc:
    doc = _Docx(name, raw)
    pieces: list[tuple[str, str]] = []
    structural: list[LeakFinding] = []
    with doc.archive:
        _docx_words(doc, pieces, structural)
        manifest = _docx_properties(doc, pieces, structural)
    return _Doc(name, pieces, manifest, structural)


def _read(name: str, raw: bytes) -> _Doc:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".ipynb":
        return _read_notebook(name, raw)
    if suffix in (".html", ".htm", ".md"):
        return _read_text(name, raw)
    if suffix == ".docx":
        return _read_docx(name, raw)
    raise ValidationError("path", f"{name}: only .ipynb, .html, .md, .docx and .zip files can be checked.")


def _read_zip(path: Path) -> list[_Doc]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ValidationError("path", f"{path.name} is not a readable zip file.") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > ZIP_MAX_MEMBERS:
            raise ValidationError(
                "path", f"{path.name} holds {len(members)} files; at most {ZIP_MAX_MEMBERS} are checked."
            )
        total = 0
        docs: list[_Doc] = []
        for member in members:
            inner = PurePosixPath(member.filename.replace("\\", "/"))
            if inner.is_absolute() or ".." in inner.parts or re.match(r"^[A-Za-z]:", member.filename):
                raise ValidationError("path", f"{path.name} has a member with an unsafe path; refused.")
            if member.file_size > ZIP_MAX_MEMBER_BYTES:
                raise ValidationError(
                    "path", f"{path.name}: a member is larger than {ZIP_MAX_MEMBER_BYTES} bytes; refused."
                )
            total += member.file_size
            if total > ZIP_MAX_TOTAL_BYTES:
                raise ValidationError("path", f"{path.name} unpacks to more than {ZIP_MAX_TOTAL_BYTES} bytes; refused.")
            name = f"{path.name}:{inner}"
            suffix = inner.suffix.lower()
            if suffix == ".zip":
                raise ValidationError("path", f"{name}: zips inside zips are not checked; refused.")
            if suffix not in SUFFIXES:
                raise ValidationError("path", f"{name}: only .ipynb, .html, .md and .docx members can be checked.")
            with archive.open(member) as handle:
                raw = handle.read(ZIP_MAX_MEMBER_BYTES + 1)
            if len(raw) > ZIP_MAX_MEMBER_BYTES:
                raise ValidationError("path", f"{name} is larger than it says; refused.")
            docs.append(_read(name, raw))
        return docs


# -- the checks -------------------------------------------------------------------------


def _script_findings(doc: _Doc) -> list[LeakFinding]:
    found = []
    for place, text in doc.pieces:
        for pattern, what in _SCRIPT:
            if pattern.search(text):
                found.append(LeakFinding("script", place, what))
    return found


def _identifier_findings(doc: _Doc) -> list[LeakFinding]:
    found = []
    for place, text in doc.pieces:
        for f in find_identifiers(_masked(text)):
            if f.flagged or f.kind in ("alias", "person", "registered"):
                continue
            found.append(LeakFinding("identifier", place, f"{f.kind.replace('_', ' ')} {hint(f.text)}"))
    return found


def _alias_findings(doc: _Doc, journal: Any) -> list[LeakFinding]:
    found = []
    for place, text in doc.pieces:
        for start, end, _pseudonym in journal.people.alias_spans(text):
            found.append(LeakFinding("register-name", place, f"a registered name {hint(text[start:end])}"))
    return found


def _path_needles(journal: Any) -> list[tuple[str, str]]:
    needles: list[tuple[str, str]] = []
    if journal is not None and getattr(journal, "path", None):
        needles.append((str(journal.path), "the journal's path"))
        needles.append((str(Path(journal.path).parent), "the journal's folder"))
    home = str(Path.home())
    if len(home) > 1:
        needles.append((home, "the home folder"))
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    if len(user) >= 3:
        needles.append((user, "the user name"))
    return needles


def _path_findings(doc: _Doc, needles: list[tuple[str, str]]) -> list[LeakFinding]:
    found = []
    for place, text in doc.pieces:
        for needle, what in needles:
            if what == "the user name":  # in a path or an address only: a user name may be a word
                name = re.escape(needle)
                hit = re.search(rf"[/\\~]{name}(?![\w.-])|(?<![\w.-]){name}@", text)
            else:
                hit = needle in text
            if hit:
                found.append(LeakFinding("journal-path", place, what))
    return found


def _unchosen_shingles(journal: Any, chosen: set[str]) -> dict[tuple[str, ...], str]:
    """Every eight words in a row of an entry not chosen (with that entry's id), less those a
    chosen entry holds too: words a chosen entry holds are chosen, wherever else they appear."""
    others: dict[tuple[str, ...], str] = {}
    shared: set[tuple[str, ...]] = set()
    for entry in [*journal.entries(), *journal.trash()]:  # a trashed entry's text is no less private
        if entry.id in chosen:
            shared |= _shingles(_entry_text(entry))
            continue
        for shingle in _shingles(_entry_text(entry)):
            others.setdefault(shingle, entry.id)
    for shingle in shared:
        others.pop(shingle, None)
    return others


def _unchosen_findings(docs: list[_Doc], journal: Any) -> list[LeakFinding]:
    chosen: set[str] = set()
    for doc in docs:
        if doc.manifest and isinstance(doc.manifest.get("entries"), list):
            chosen.update(str(e) for e in doc.manifest["entries"])
    others = _unchosen_shingles(journal, chosen)
    if not others:
        return []
    found = []
    for doc in docs:
        for place, text in doc.pieces:
            hits = {others[s] for s in _shingles(_masked(_untagged(text))) if s in others}
            for entry_id in sorted(hits):
                found.append(
                    LeakFinding("unchosen-entry-text", place, f"text of entry {entry_id[:8]}, which was not chosen")
                )
    return found


def _joined(doc: _Doc) -> _Doc:
    """``doc`` with one piece per place, its texts joined line by line (for eight words in a
    row that an image's labels may hold between them)."""
    places: dict[str, list[str]] = {}
    for place, text in doc.pieces:
        places.setdefault(place, []).append(text)
    return _Doc(doc.name, [(place, "\n".join(texts)) for place, texts in places.items()], None, [])


def check_share(path: str | Path, journal: Any = None) -> list[LeakFinding]:
    """Everything in the file at ``path`` that must not be shared, as :class:`LeakFinding`s
    (empty when it is clean). With ``journal``, also registered names and the text of
    entries the pack's manifest does not name. ValidationError if the file cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError("path", f"{path.name} is not a file.")
    if path.suffix.lower() == ".zip":
        docs = _read_zip(path)
    else:
        if path.stat().st_size > FILE_MAX_BYTES:
            raise ValidationError("path", f"{path.name} is larger than {FILE_MAX_BYTES} bytes.")
        docs = [_read(path.name, path.read_bytes())]
    needles = _path_needles(journal)
    found: list[LeakFinding] = []
    images: list[_Doc] = []
    for doc in docs:
        svg, svg_scripts = _svg_docs(doc)
        images.append(_joined(svg))
        found += doc.structural
        found += _script_findings(doc) + svg_scripts
        for part in (doc, svg):
            found += _identifier_findings(part)
            found += _path_findings(part, needles)
            if journal is not None:
                found += _alias_findings(part, journal)
    if journal is not None:
        found += _unchosen_findings([*docs, *images], journal)
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda f: (KINDS.index(f.kind), f.place))
