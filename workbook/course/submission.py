"""A completed assignment notebook as one offline web page, ready to upload to a university's system.

:func:`submission_html` returns the page: the assignment's title, then each section in order
with its heading, its word count and the student's answer (Markdown, rendered with raw HTML
escaped by :func:`workbook.documents.markdown.pack_markdown_html`), the framework's domains or
themes ticked (as a list), the depth of reflection chosen, the confidentiality statement, the
words of the whole submission, and the journal entries pulled in as an appendix. The prompts
are left out: what is handed in is the student's essay. Nothing else of the notebook goes in
(no metadata, no code cells, no outputs). An answer still holding its placeholder shows as
"(not written)".

The page is built on the supervision pack's skeleton (:mod:`workbook.supervision.html`): no
script, a Content-Security-Policy that allows no script and no request, every string escaped.
In the student's rendered answers every tag comes from the Markdown renderer, without
attributes (no style, no class from the student), images are shown as their alternative text,
and the text between tags is escaped again as the pack's text is (``=``, ``javascript:`` and
``url(`` as character references).

:func:`export_submission` writes it (mode 0600, atomically), only after the leak check
(:func:`workbook.supervision.leaks.check_share`, with the journal's registered names when a
journal is given) passes on the very bytes, written first into a private folder beside the
destination. A refusal (:class:`UnsafeSubmissionError`) lists each finding by its kind and the
part of the page it is in, never the text found.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..documents.markdown import pack_markdown_html
from ..errors import ValidationError
from ..models import DEPTHS
from ..supervision.html import page as page_skeleton
from ..supervision.html import text
from .check import (
    COMMENT,
    KIND_WORDS,
    METADATA_KEY,
    TICK,
    answer_words,
    depth_chosen,
    is_written,
    read_submission,
    submission_parts,
)

__all__ = ["NOT_WRITTEN", "UnsafeSubmissionError", "export_submission", "submission_html"]

#: What the page shows for an answer the student has not written.
NOT_WRITTEN = "(not written)"
SPECIAL = ("mappings", "depth", "confidentiality")

_KEPT_IMAGE = re.compile(r'<img alt="([^"]*)" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]*"[^>]*>')
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_PART = re.compile(r'^<section class="part" id="part-(\d+)">')
_LINE = re.compile(r"\bline (\d+)\b")
_ENTRY_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # a journal entry's id
_HINT = re.compile(r"^(.+?) \S… \(\d+ characters\)$")


class UnsafeSubmissionError(ValidationError):
    """The leak check found something in the page; nothing was written.

    ``findings`` holds the :class:`~workbook.supervision.leaks.LeakFinding` objects; the
    message names each by its kind and the part of the page it is in, never the text found."""

    def __init__(self, findings: list[Any], where: list[str]) -> None:
        self.findings = findings
        n = len(findings)
        listed = "; ".join(where[:8]) + ("; …" if n > 8 else "")
        super().__init__(
            "submission",
            f"the leak check found {n} thing{'s' if n != 1 else ''} that must not be handed in, so nothing was "
            f"written: {listed}. Change your answers in the notebook and export it again.",
        )


# -- the student's Markdown -----------------------------------------------------------------------------
def _bare_tag(tag: str) -> str:
    """A tag the renderer made, without its attributes (``<th style=...>`` -> ``<th>``)."""
    match = _TAG_NAME.match(tag)
    if not match:
        return text(tag)
    closing, name = match.groups()
    return f"<{closing}{name.lower()}>"


def answer_html(source: str) -> str:
    """Markdown the student wrote, as HTML safe in the page."""
    rendered = pack_markdown_html(COMMENT.sub(" ", source))
    rendered = _KEPT_IMAGE.sub(lambda m: html.escape(f"[{html.unescape(m.group(1))}]"), rendered)
    out = []
    for piece in _TAG.split(rendered):
        if not piece:
            continue
        out.append(_bare_tag(piece) if piece.startswith("<") else text(html.unescape(piece)))
    return "".join(out)


# -- what the page holds --------------------------------------------------------------------------------
def _assignment(info: Mapping[str, Any]) -> Any:
    from ..content.assignments import load_assignments

    return load_assignments(warn=False).get(info["assignment"])


def _prompt_titles(notebook: Mapping[str, Any]) -> dict[str, str]:
    """Section id -> the heading of its prompt cell (for an assignment this workbook does not have)."""
    titles = {}
    for cell in notebook["cells"]:
        meta = cell.get("metadata") if isinstance(cell, Mapping) else None
        grade = meta.get("nbgrader") if isinstance(meta, Mapping) else None
        grade_id = grade.get("grade_id") if isinstance(grade, Mapping) else None
        if not (isinstance(grade_id, str) and grade_id.startswith("prompt-")):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        first = next((line for line in source.splitlines() if line.strip()), "")
        titles[grade_id.removeprefix("prompt-")] = first.lstrip("#").strip()
    return titles


def _sections(notebook: Mapping[str, Any], assignment: Any, answers: dict[str, str]) -> list[tuple[str, str, str]]:
    """(id, heading, prompt) of each section, in order."""
    if assignment is not None:
        return [(s.id, s.title, s.prompt) for s in assignment.sections]
    titles = _prompt_titles(notebook)
    return [(sid, titles.get(sid) or sid.replace("_", " ").capitalize(), "") for sid in answers if sid not in SPECIAL]


def _ticked(assignment: Any, source: str) -> list[str]:
    """The labels ticked in the mappings checklist (the framework's own, in its order, when known)."""
    lines = [
        " ".join(m.group(2).split())
        for line in COMMENT.sub("", source).splitlines()
        if (m := TICK.match(line)) and m.group(1) != " "
    ]
    if assignment is None or assignment.mappings is None:
        return lines
    options = assignment.mappings.options
    known = {v.casefold(): k for k, v in options.items()} | {k.casefold(): k for k in options}
    chosen = {known.get(label.casefold().rstrip(".")) for label in lines}
    return [label for key, label in options.items() if key in chosen]


def _count(n: int) -> str:
    return f"{n:,} word" + ("" if n == 1 else "s")


def _page_parts(notebook: Mapping[str, Any]) -> tuple[str, list[tuple[str, list[str]]], list[str]]:
    """The page's title, its parts as (label, HTML lines) and the ids of the entries pulled in."""
    info = notebook["metadata"][METADATA_KEY]
    assignment = _assignment(info)
    parts = submission_parts(notebook)
    answers = parts.answers
    title = assignment.title if assignment is not None else info.get("title")
    title = title if isinstance(title, str) and title.strip() else "Assignment"
    out: list[tuple[str, list[str]]] = []
    total = 0
    for sid, heading, prompt in _sections(notebook, assignment, answers):
        source = answers.get(sid)
        n = answer_words(source, prompt)
        total += n
        body = answer_html(source) if source is not None and is_written(source, prompt) else ""
        body = body or f"<p><em>{text(NOT_WRITTEN)}</em></p>"
        out.append((heading, [f"<h2>{text(heading)}</h2>", f'<p class="meta">{_count(n)}</p>', body]))
    if "mappings" in answers or (assignment is not None and assignment.mappings is not None):
        name = assignment.mappings.name if assignment is not None and assignment.mappings else "the framework"
        ticked = _ticked(assignment, answers.get("mappings", ""))
        listed = (
            "<ul>" + "".join(f"<li>{text(label)}</li>" for label in ticked) + "</ul>"
            if ticked
            else "<p><em>(none ticked)</em></p>"
        )
        out.append(("the mappings", [f"<h2>Mapping to {text(name)}</h2>", listed]))
    if "depth" in answers or (assignment is not None and assignment.depth):
        chosen = depth_chosen(answers.get("depth"))
        shown = f"<p>{text(DEPTHS[chosen])}</p>" if chosen else "<p><em>(not chosen)</em></p>"
        out.append(("the depth line", ["<h2>Depth of reflection</h2>", shown]))
    if "confidentiality" in answers or (assignment is not None and assignment.confidentiality.strip()):
        source = answers.get("confidentiality")
        body = answer_html(source) if source is not None and is_written(source) else ""
        body = body or f"<p><em>{text(NOT_WRITTEN)}</em></p>"
        out.append(("the confidentiality statement", ["<h2>Confidentiality statement</h2>", body]))
    counts = [
        f"<li>{text(heading)}: {_count(answer_words(answers.get(sid), prompt))}</li>"
        for sid, heading, prompt in _sections(notebook, assignment, answers)
    ]
    out.insert(
        0,
        ("the word counts", [f"<p><strong>{_count(total)}</strong> in all.</p>", "<ul>" + "".join(counts) + "</ul>"]),
    )
    if parts.entry_cells:
        out.append(("the appendix", ["<h2>Appendix: journal entries this work draws on</h2>"]))
        for n, (_, source) in enumerate(parts.entry_cells, 1):
            out.append((f"pulled-in entry {n}", [answer_html(source)]))
    listed = info.get("entries")
    entry_ids = [e for e in listed if isinstance(e, str) and _ENTRY_ID.fullmatch(e)] if isinstance(listed, list) else []
    return title, out, entry_ids


def _render(notebook: Mapping[str, Any]) -> tuple[str, list[str]]:
    title, parts, entry_ids = _page_parts(notebook)
    body = [f"<h1>{text(title)}</h1>"]
    labels = []
    for n, (label, lines) in enumerate(parts):
        labels.append(label)
        body += [f'<section class="part" id="part-{n}">', *lines, "</section>"]
    # the manifest names the entries pulled in, for the leak check's test of other entries' text
    return page_skeleton(title, {"kind": "assignment-submission", "entries": entry_ids}, body), labels


def submission_html(source: Any) -> str:
    """The offline page of a submission (a path, or the notebook): see the module docstring.
    :class:`~workbook.course.check.NotASubmissionError` when it is not an assignment notebook."""
    return _render(read_submission(source))[0]


# -- writing it -----------------------------------------------------------------------------------------
def _part_of(page: str, labels: list[str], place: str) -> str:
    """The part of the page a finding's place (``"x.html line 40"``) is in."""
    match = _LINE.search(place)
    if not match:
        return "the page"
    lines = page.splitlines()[: int(match.group(1))]
    for line in reversed(lines):
        part = _PART.match(line)
        if part:
            return labels[int(part.group(1))]
    return "the page's heading"


def _what(finding: Any) -> str:
    """A finding in words, without the text found."""
    if finding.kind == "identifier":
        match = _HINT.match(finding.hint)
        kind = match.group(1).replace(" ", "_") if match else ""
        return KIND_WORDS.get(kind, ("an identifier",))[0]
    if finding.kind == "register-name":
        return "a registered name"
    if finding.kind == "unchosen-entry-text":
        return "text of a journal entry that was not pulled in"
    if finding.kind == "script":
        return f"markup that could run or fetch something ({finding.hint})"
    return finding.hint if "…" not in finding.hint else finding.kind.replace("-", " ")


def _overridden(finding: Any, overrides: set[str], filename: str) -> bool:
    from ..supervision.share import override_key

    key = override_key(finding)
    return key in overrides or key.replace(f":{filename} ", ":", 1) in overrides


def _destination(source: Any, dest: str | os.PathLike[str] | None) -> Path:
    if dest is None:
        if not isinstance(source, (str, Path)):
            raise ValidationError("dest", "say where to write the page: the notebook was not read from a file.")
        target = Path(source).expanduser().with_suffix(".html")
    else:
        target = Path(dest).expanduser()
    if target.suffix.lower() not in (".html", ".htm"):
        raise ValidationError("dest", f"the page must be written to an .html file, not {target.name}.")
    if target.is_dir():
        raise ValidationError("dest", f"{target.name} is a folder; give the file to write.")
    if not target.parent.is_dir():
        raise ValidationError("dest", f"{target.parent.name or target.parent} is not a folder.")
    return target


def export_submission(
    source: Any,
    dest: str | os.PathLike[str] | None = None,
    *,
    journal: Any = None,
    overrides: Iterable[str] = (),
) -> Path:
    """Write the offline page of a submission to ``dest`` (default: ``<notebook stem>.html``
    beside the notebook; an earlier page there is replaced), mode 0600, atomically, only when the leak check finds nothing in it
    (with ``journal``: its registered names and other entries' text too), or only what is
    overridden by name (``"KIND:PLACE"``, as a supervision pack). Returns the path written.

    :class:`UnsafeSubmissionError` (nothing written) when something is found;
    :class:`~workbook.course.check.NotASubmissionError` when it is not an assignment notebook."""
    from ..files import atomic_write_bytes
    from ..supervision.leaks import check_share

    notebook = read_submission(source)
    target = _destination(source, dest)
    page, labels = _render(notebook)
    data = page.encode("utf-8")
    wanted = set(overrides)
    staging = Path(tempfile.mkdtemp(prefix=".submission-", dir=target.parent))  # 0700
    try:
        staged = staging / target.name
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        found = check_share(staged, journal)
        unsafe = [f for f in found if not _overridden(f, wanted, target.name)]
        if unsafe:
            where = [f"{_what(f)} in {_part_of(page, labels, f.place)}" for f in unsafe]
            raise UnsafeSubmissionError(unsafe, list(dict.fromkeys(where)))
        return atomic_write_bytes(target, data)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
