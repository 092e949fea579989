"""The supervision pack: the de-identified content of a reviewed draft, and the files it is written as

:func:`build_pack` turns a :class:`~workbook.supervision.review.PackDraft` whose findings
are all answered into a :class:`Pack`: the chosen parts of each entry with every answer
applied, the practitioner's questions, the open action points, the period's patterns in
words and as static SVG charts (drawn from the journal's frames, which hold no journal
text), and a sealed manifest (``seal.new_manifest``).

Writers: :func:`write_notebook` (Markdown cells only, no outputs, no widget state; under each
entry a feedback cell for the supervisor, and one at the end, marked in the cell metadata so
``feedback.read_feedback`` can read them back), :func:`write_html` (one offline page,
``supervision.html``), and for a pack of one entry :func:`entry_as_markdown` /
:func:`entry_as_html`. Files are written atomically, mode 0600, by default in
``paths.packs_dir()`` (a 0700 folder of the private workspace).

In Markdown every journal-derived string goes through :func:`md_text`: ASCII punctuation
that Markdown reads is backslash-escaped (and the colon of ``javascript:``), and ``& < >``
become character references,
so text such as ``<script>`` or ``[x](javascript:...)`` is shown, never run or linked.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..documents.markdown import md_paragraphs, md_text
from ..errors import ValidationError
from ..models import FEELINGS_SCALE, OUTCOME_LABELS

__all__ = [
    "FEEDBACK_PLACEHOLDER",
    "GENERAL_FEEDBACK_PLACEHOLDER",
    "PLACEHOLDERS",
    "Pack",
    "PackAction",
    "PackEntry",
    "build_pack",
    "entry_as_html",
    "entry_as_markdown",
    "md_text",
    "notebook_of",
    "write_entry",
    "write_html",
    "write_notebook",
]

FEEDBACK_PLACEHOLDER = "*Supervisor: write your feedback for this entry here.*"
GENERAL_FEEDBACK_PLACEHOLDER = "*Supervisor: write your feedback on the pack as a whole here.*"
PLACEHOLDERS = (FEEDBACK_PLACEHOLDER, GENERAL_FEEDBACK_PLACEHOLDER)
FUNCTION_HINT = (
    "You may start your feedback with a line naming the supervision function it served, for example "
    "`Function: educational` (Kadushin: administrative, educational, supportive; Morrison: management, "
    "development, support, mediation)."
)


@dataclass(frozen=True)
class PackAction:
    text: str = field(repr=False)
    status: str = "open"
    due_on: dt.date | None = None

    def line(self) -> str:
        due = f", due {self.due_on:%d %B %Y}" if self.due_on else ""
        return f"{self.text} ({self.status}{due})"


@dataclass(frozen=True)
class PackEntry:
    """One entry as shared: only the chosen parts, de-identified. Its repr shows no text."""

    entry_id: str
    occurred_on: dt.date
    title: str | None = field(default=None, repr=False)
    context: str | None = None
    model: str | None = None
    stages: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    narrative: str | None = field(default=None, repr=False)
    tags: tuple[str, ...] = ()
    feelings: tuple[int | None, int | None] | None = None
    outcome: str | None = None
    actions: tuple[PackAction, ...] = field(default=(), repr=False)

    @property
    def heading(self) -> str:
        date = f"{self.occurred_on:%d %B %Y}".lstrip("0")
        return f"{date}: {self.title}" if self.title else date

    def facts(self) -> list[tuple[str, str]]:
        out = []
        if self.context:
            out.append(("Context", self.context))
        if self.model:
            out.append(("Reflective model", self.model))
        if self.outcome:
            out.append(("Outcome", self.outcome))
        if self.feelings:
            before, after = self.feelings
            out.append((f"Feelings ({FEELINGS_SCALE})", f"{_dash(before)} before, {_dash(after)} after"))
        return out


def _dash(value: int | None) -> str:
    return "–" if value is None else str(value)


@dataclass(frozen=True)
class Pack:
    """A pack ready to write. ``manifest`` is sealed; ``charts`` are (heading, guide, SVG)."""

    manifest: dict[str, Any] = field(repr=False)
    entries: tuple[PackEntry, ...]
    questions: tuple[str, ...] = field(default=(), repr=False)
    summary: tuple[str, ...] = field(default=(), repr=False)
    charts: tuple[tuple[str, str, str], ...] = field(default=(), repr=False)
    period: tuple[dt.date, dt.date] | None = None

    @property
    def role(self) -> str:
        return str(self.manifest["role"])

    @property
    def title(self) -> str:
        return "Reflection for peer discussion" if self.role == "peer" else "Supervision pack"

    @property
    def reader(self) -> str:
        return "Peer" if self.role == "peer" else "Supervisor"

    @property
    def subtitle(self) -> str:
        n = len(self.entries)
        span = ""
        if self.period:
            since, until = self.period
            span = f", from {since:%d %B %Y} to {until:%d %B %Y}"
        return (
            f"For a {self.role}. Made on {self.manifest['made_on']}: {n} entr{'y' if n == 1 else 'ies'}{span}, "
            "de-identified and chosen by the practitioner; nothing else from the journal is in this pack."
        )

    @property
    def patterns_heading(self) -> str:
        return "Patterns over the period"

    @property
    def feedback_note(self) -> str:
        return (
            f"{self.reader}: this page cannot be written in. Write feedback in the notebook version of this pack "
            "(the .ipynb file), in the cell under each entry, and return that file."
        )

    @property
    def entry_note(self) -> str:
        return "One entry of a reflective journal, de-identified and shared by its writer."

    def open_actions(self) -> list[tuple[PackEntry, PackAction]]:
        return [(e, a) for e in self.entries for a in e.actions if a.status == "open"]


# -- building ---------------------------------------------------------------------------------


def _stage_heading(templates: Any, template_id: str | None, stage_id: str) -> tuple[str | None, str]:
    try:
        template = templates[template_id] if template_id else None
    except KeyError:
        template = None
    if template is None:
        return None, stage_id.replace("_", " ").capitalize()
    try:
        return template.name, template.stage(stage_id).title
    except KeyError:
        return template.name, stage_id.replace("_", " ").capitalize()


def _pack_entry(
    entry: Any, parts: tuple[str, ...], texts: dict[tuple[str, str | None], str], templates: Any
) -> PackEntry:
    model = None
    stages = []
    if "stages" in parts:
        for stage_id in entry.responses:
            if (("stages", stage_id)) in texts:
                model, heading = _stage_heading(templates, entry.template, stage_id)
                stages.append((heading, texts["stages", stage_id]))
    tags = tuple(texts["tags", t] for t in entry.tag_ids if ("tags", t) in texts) if "tags" in parts else ()
    actions = ()
    if "actions" in parts:
        actions = tuple(
            PackAction(texts["actions", a.id], a.status, a.due_on) for a in entry.actions if ("actions", a.id) in texts
        )
    feelings = None
    if "feelings" in parts and (entry.feelings_before is not None or entry.feelings_after is not None):
        feelings = (entry.feelings_before, entry.feelings_after)
    outcome = OUTCOME_LABELS.get(entry.outcome, entry.outcome) if "outcome" in parts and entry.outcome else None
    return PackEntry(
        entry_id=entry.id,
        occurred_on=entry.occurred_on,
        title=texts.get(("title", None)) if "title" in parts else None,
        context=texts.get(("context", None)),
        model=model,
        stages=tuple(stages),
        narrative=texts.get(("narrative", None)) if "narrative" in parts else None,
        tags=tags,
        feelings=feelings,
        outcome=outcome,
        actions=actions,
    )


def _charts(journal: Any, period: tuple[dt.date, dt.date]) -> list[tuple[str, str, str]]:
    """The patterns charts of the period as SVG, each left out if its words hold a certain
    identifier (a registered name in a tag of one's own, say)."""
    from ..analysis import Frames
    from ..charts.render import chart_to_svg
    from ..privacy.detect import identifier_finder
    from ..reports.patterns import CHART_GUIDES, CHART_HEADINGS, PatternsQuery, patterns_report

    since, until = period
    frames = Frames.from_journal(journal)
    report = patterns_report(frames, PatternsQuery(since=since, until=until), today=until)
    find = identifier_finder(journal)
    out = []
    for key, chart in report.charts:
        svg = chart_to_svg(chart)
        labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)  # each label on its own: axis ticks are not one number
        if any(not f.flagged for label in labels for f in find(html.unescape(label))):
            continue
        out.append((CHART_HEADINGS[key], CHART_GUIDES[key], svg))
    return out


def build_pack(draft: Any, *, charts: bool = True, made_on: dt.date | None = None) -> Pack:
    """The pack of a draft whose findings are all answered (ValidationError otherwise)."""
    from .seal import new_manifest

    texts = draft.shared_texts()  # refuses while a finding is unanswered
    journal = draft.journal
    by_entry: dict[str | None, dict[tuple[str, str | None], str]] = {}
    for piece, shared in zip(draft.pieces, texts, strict=True):
        by_entry.setdefault(piece.entry_id, {})[piece.part, piece.key] = shared
    templates = journal.templates()
    entries = tuple(_pack_entry(e, draft.choice.parts, by_entry.get(e.id, {}), templates) for e in draft.entries)
    general = by_entry.get(None, {})
    questions = tuple(general["question", str(n)] for n in range(1, len(draft.choice.questions) + 1))
    summary = tuple(general["summary", str(n)] for n in range(1, len(draft.summary) + 1))
    drawn = _charts(journal, draft.period) if charts and draft.period else []
    manifest = new_manifest(journal, [e.entry_id for e in entries], role=draft.choice.role, made_on=made_on)
    return Pack(manifest, entries, questions, summary, tuple(drawn), draft.period)


# -- Markdown and the notebook ------------------------------------------------------------------


def _entry_markdown(entry: PackEntry, level: int = 2) -> str:
    hashes = "#" * level
    out = [f"{hashes} {md_text(entry.heading)}"]
    facts = entry.facts()
    if facts:
        out.append(" · ".join(f"**{md_text(k)}:** {md_text(v)}" for k, v in facts))
    if entry.tags:
        out.append("**Tags:** " + md_text(", ".join(entry.tags)))
    for heading, body in entry.stages:
        out += [f"{hashes}# {md_text(heading)}", md_paragraphs(body)]
    if entry.narrative:
        out += [f"{hashes}# Narrative", md_paragraphs(entry.narrative)]
    if entry.actions:
        out += [f"{hashes}# Action points", "\n".join(f"* {md_text(a.line())}" for a in entry.actions)]
    out.append(f"<small>Entry {md_text(entry.entry_id)}</small>")
    return "\n\n".join(out)


def _image(heading: str, svg: str) -> str:
    from .html import svg_data_uri, text

    return f'<img alt="{text(heading)}" src="{svg_data_uri(svg)}">'


def _cells(pack: Pack) -> list[Any]:
    from ..documents.notebook import Cell

    def cell(text: str, part: str, entry_id: str | None = None, with_id: bool = False) -> Any:
        meta: dict[str, Any] = {"part": part}
        if with_id:
            meta["entry_id"] = entry_id
        return Cell("markdown", text, metadata={"workbook_pack": meta})

    intro = [
        f"# {md_text(pack.title)}",
        md_text(pack.subtitle),
        f"**{pack.reader}:** read each entry and write your feedback in the cell under it (it says "
        f"{FEEDBACK_PLACEHOLDER}), then save this notebook and return it. {FUNCTION_HINT} "
        "Nothing here needs to be run.",
        "## Agenda",
        "\n".join(f"{n}. {md_text(e.heading)}" for n, e in enumerate(pack.entries, 1)),
    ]
    cells = [cell("\n\n".join(intro), "agenda")]
    if pack.questions:
        items = "\n".join(f"{n}. {md_text(q)}" for n, q in enumerate(pack.questions, 1))
        cells.append(cell(f"## Questions for supervision\n\n{items}", "questions"))
    open_actions = pack.open_actions()
    if open_actions:
        items = "\n".join(f"* {md_text(a.line())} ({md_text(e.heading)})" for e, a in open_actions)
        cells.append(cell(f"## Open action points\n\n{items}", "actions"))
    if pack.summary or pack.charts:
        body = [f"## {pack.patterns_heading}", *(md_text(s) for s in pack.summary)]
        for heading, guide, svg in pack.charts:
            body += [f"### {md_text(heading)}", md_text(guide), _image(heading, svg)]
        cells.append(cell("\n\n".join(body), "patterns"))
    for entry in pack.entries:
        cells.append(cell(_entry_markdown(entry), "entry", entry.entry_id, True))
        cells.append(cell(FEEDBACK_PLACEHOLDER, "feedback", entry.entry_id, True))
    cells.append(cell("## Feedback on the pack as a whole", "heading"))
    cells.append(cell(GENERAL_FEEDBACK_PLACEHOLDER, "feedback", None, True))
    return cells


def notebook_of(pack: Pack) -> Any:
    """The pack as an nbformat notebook (validated): Markdown cells only, the manifest in
    ``metadata["workbook_pack"]``, none of the workbook's save-cleaning or kernel state."""
    from ..documents.notebook import build

    nb = build(f"pack-{pack.manifest['pack_id']}", _cells(pack))
    nb.metadata.pop("reflective_workbook", None)
    nb.metadata["workbook_pack"] = dict(pack.manifest)
    return nb


# -- writing ---------------------------------------------------------------------------------------


def _target(path: str | Path | None, name: str) -> Path:
    from ..files import ensure_private_dir
    from ..paths import packs_dir

    if path is None:
        folder = packs_dir()
        ensure_private_dir(folder)
        return folder / name
    target = Path(path).expanduser()
    if target.is_dir():
        return target / name
    return target


def default_stem(pack: Pack) -> str:
    kind = "peer-reflection" if pack.role == "peer" else "supervision-pack"
    return f"{kind}-{pack.manifest['made_on']}-{pack.manifest['pack_id'][:8]}"


def _write(path: Path, text: str) -> Path:
    from ..files import atomic_text_file

    with atomic_text_file(path) as handle:
        handle.write(text)
    return path


def write_notebook(pack: Pack, path: str | Path | None = None) -> Path:
    """Write the pack notebook (0600); ``path`` a file or folder, default ``paths.packs_dir()``."""
    from ..documents.notebook import render

    return _write(_target(path, default_stem(pack) + ".ipynb"), render(notebook_of(pack)))


def write_html(pack: Pack, path: str | Path | None = None) -> Path:
    """Write the pack as one offline page (0600); see :mod:`workbook.supervision.html`."""
    from .html import render_pack

    return _write(_target(path, default_stem(pack) + ".html"), render_pack(pack))


def _single(pack: Pack) -> PackEntry:
    if len(pack.entries) != 1:
        raise ValidationError("entry", f"one entry alone is written from a pack of one entry, not {len(pack.entries)}.")
    return pack.entries[0]


def entry_as_markdown(pack: Pack) -> str:
    """The one entry of a single-entry pack as Markdown (manifest in a first-line comment)."""
    entry = _single(pack)
    header = f"<!-- workbook-pack: {json.dumps(pack.manifest, sort_keys=True)} -->"
    return f"{header}\n\n{_entry_markdown(entry, level=1)}\n\n*{md_text(pack.entry_note)}*\n"


def entry_as_html(pack: Pack) -> str:
    """The one entry of a single-entry pack as an offline page."""
    from .html import render_entry

    _single(pack)
    return render_entry(pack)


def write_entry(pack: Pack, path: str | Path | None = None, *, fmt: str = "markdown") -> Path:
    """Write the one entry of a single-entry pack as Markdown (``fmt="markdown"``) or HTML."""
    if fmt not in ("markdown", "html"):
        raise ValidationError("fmt", f"must be 'markdown' or 'html', not {fmt!r}.")
    entry = _single(pack)
    suffix = ".md" if fmt == "markdown" else ".html"
    name = f"entry-{entry.entry_id[:8]}-{pack.manifest['made_on']}{suffix}"
    return _write(_target(path, name), entry_as_markdown(pack) if fmt == "markdown" else entry_as_html(pack))
