"""Reflective-model templates: guided prompts, one YAML file per template.

Bundled templates live in ``data/templates``; an institution adds its own by naming
folders in ``$WORKBOOK_TEMPLATES``. A broken file is reported (file and line) in
``TemplateLibrary.problems`` and as a warning; every other template still loads. So is a
file that is not a plain file or is too large (``datafiles.MAX_FILE_BYTES``), a folder
with more than ``MAX_TEMPLATE_FILES`` templates (only the first ones are read), and the
files past ``MAX_TEMPLATE_BYTES`` in all.

A debrief may also carry a ``prepare:`` list, the planning prompts shown before the
conversation (``Template.prepare``); it is optional, so templates without it still load.
"""

from __future__ import annotations

import functools
import html
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ..errors import DataFileError
from ..models import Stage, Template
from ..paths import data_dir, extra_template_dirs
from .datafiles import check_file, line_of, load_yaml, require_str

TEMPLATE_ID_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")
STAGE_ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*\Z")
KINDS = ("reflective-model", "conversation-debrief")
# Templates read from one folder at most. The bundled folder has 11 and an institution a few
# more; the limit keeps a folder of thousands of files (each up to MAX_FILE_BYTES) from
# stalling every command that lists templates.
MAX_TEMPLATE_FILES = 200
# Bytes of template files read in all (bundled ones included: about 50 KB). Even libyaml takes
# 1-2 s for a hostile 256 KB file, so 200 files at the size limit could take minutes; 2 MB is
# 200 templates of 10 KB (larger than any bundled one) and keeps the worst case to seconds.
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
# The order in which bundled templates are offered: the most used models first.
PREFERRED_ORDER = (
    "gibbs",
    "driscoll",
    "kolb",
    "rolfe",
    "schon",
    "johns",
    "brookfield",
    "child_family_debrief",
    "serious_illness_debrief",
    "spikes_debrief",
    "process_recording",
)


def _order(path: Path) -> tuple[int, str]:
    stem = path.stem
    return (PREFERRED_ORDER.index(stem) if stem in PREFERRED_ORDER else len(PREFERRED_ORDER), stem)


class TemplateLibrary(Mapping[str, Template]):
    """Templates by id, in a stable order (bundled first, then each extra folder)."""

    def __init__(self, templates: dict[str, Template], problems: list[DataFileError]) -> None:
        self._templates = templates
        self.problems = problems

    def __getitem__(self, key: str) -> Template:
        return self._templates[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._templates)

    def __len__(self) -> int:
        return len(self._templates)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td><b>{html.escape(t.name)}</b></td><td>{html.escape(' → '.join(s.title for s in t.stages))}</td></tr>"
            for t in self._templates.values()
        )
        problems = "".join(f"<li>{html.escape(str(p))}</li>" for p in self.problems)
        note = f"<p>Not loaded:</p><ul>{problems}</ul>" if problems else ""
        return f"<table><tr><th>Template</th><th>Stages</th></tr>{rows}</table>{note}"

    def __repr__(self) -> str:
        extra = f", {len(self.problems)} problem(s)" if self.problems else ""
        return f"<TemplateLibrary {len(self)} templates{extra}>"


def parse_template(path: Path) -> Template:
    """Read one template file; raises DataFileError naming the file and line."""
    doc = load_yaml(path)
    if not isinstance(doc, dict):
        raise DataFileError(str(path), None, "must be a mapping with id, name, stages, ...")
    template_id = require_str(doc, "id", path)
    if not TEMPLATE_ID_RE.match(template_id):
        raise DataFileError(
            str(path), line_of(doc), f"id {template_id!r} must be lowercase letters, digits, '-' or '_'"
        )
    kind = doc.get("kind", "reflective-model")
    if kind not in KINDS:
        raise DataFileError(str(path), line_of(doc), f"kind must be one of {', '.join(KINDS)}")
    raw_stages = doc.get("stages")
    if not isinstance(raw_stages, list) or not raw_stages:
        raise DataFileError(str(path), line_of(doc), "'stages' must be a non-empty list")
    return Template(
        id=template_id,
        name=require_str(doc, "name", path),
        kind=kind,
        summary=require_str(doc, "summary", path),
        reference=require_str(doc, "reference", path),
        stages=_prompts(raw_stages, path, doc, "stage", _stage),
        source=str(path),
        prepare=_prepare(doc, path),
    )


def _prompts(
    items: list, path: Path, doc: dict, what: str, make: Callable[[dict, str, Path], Stage]
) -> tuple[Stage, ...]:
    """Each mapping in ``items`` made into a Stage by ``make``; ids are checked and unique."""
    out, seen = [], set()
    for item in items:
        if not isinstance(item, dict):
            raise DataFileError(str(path), line_of(doc), f"each {what} must be a mapping")
        prompt_id = require_str(item, "id", path)
        if not STAGE_ID_RE.match(prompt_id):
            raise DataFileError(
                str(path), line_of(item), f"{what} id {prompt_id!r} must be lowercase letters, digits and '_'"
            )
        if prompt_id in seen:
            raise DataFileError(str(path), line_of(item), f"{what} id {prompt_id!r} is used twice")
        seen.add(prompt_id)
        out.append(make(item, prompt_id, path))
    return tuple(out)


def _stage(item: dict, stage_id: str, path: Path) -> Stage:
    min_words = item.get("min_words")
    if min_words is not None and (not isinstance(min_words, int) or isinstance(min_words, bool) or min_words < 0):
        raise DataFileError(str(path), line_of(item), "min_words must be a whole number of 0 or more")
    return Stage(
        id=stage_id,
        title=require_str(item, "title", path),
        prompt=require_str(item, "prompt", path),
        guidance=require_str(item, "guidance", path),
        min_words=min_words,
    )


def _prepare_prompt(item: dict, prompt_id: str, path: Path) -> Stage:
    return Stage(
        id=prompt_id, title=require_str(item, "title", path), prompt=require_str(item, "prompt", path), guidance=""
    )


def _prepare(doc: dict, path: Path) -> tuple[Stage, ...]:
    """The optional ``prepare:`` list: planning prompts (id, title, prompt) for before a conversation.

    Kept in the data file, not in the view, so an institution's debrief can bring its own."""
    raw = doc.get("prepare")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise DataFileError(str(path), line_of(doc), "'prepare' must be a list of prompts (id, title, prompt)")
    return _prompts(raw, path, doc, "prepare prompt", _prepare_prompt)


@functools.lru_cache(maxsize=512)
def _parse_cached(path: str, mtime_ns: int, size: int) -> Template:
    return parse_template(Path(path))


class _Budget:
    """The bytes of template files still to be read by one ``load_templates``."""

    def __init__(self) -> None:
        self.left = MAX_TEMPLATE_BYTES

    def take(self, path: Path, size: int) -> None:
        if size > self.left:
            raise DataFileError(
                str(path), None, f"was not read: the template files come to more than {MAX_TEMPLATE_BYTES:,} bytes"
            )
        self.left -= size


def _parse(path: Path, budget: _Budget) -> Template:
    """Parse a template file, re-using the last result while the file is unchanged.

    Only a plain file of at most ``MAX_FILE_BYTES``, within the ``budget``, is read
    (DataFileError otherwise)."""
    stat = check_file(path)
    budget.take(path, stat.st_size)
    return _parse_cached(str(path), stat.st_mtime_ns, stat.st_size)


def _template_files(folder: Path, problems: list[DataFileError]) -> list[Path]:
    """The template files of ``folder`` in order, at most ``MAX_TEMPLATE_FILES`` (more are reported)."""
    paths = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")], key=_order)
    if len(paths) > MAX_TEMPLATE_FILES:
        problems.append(
            DataFileError(
                str(folder), None, f"holds {len(paths)} template files; only the first {MAX_TEMPLATE_FILES} were read"
            )
        )
    return paths[:MAX_TEMPLATE_FILES]


def load_templates(extra_dirs: list[Path] | None = None, *, warn: bool = True) -> TemplateLibrary:
    """Bundled templates plus those in ``extra_dirs`` (default: ``$WORKBOOK_TEMPLATES``)."""
    folders = [data_dir() / "templates", *(extra_template_dirs() if extra_dirs is None else extra_dirs)]
    templates: dict[str, Template] = {}
    problems: list[DataFileError] = []
    budget = _Budget()
    for folder in folders:
        if not folder.is_dir():
            problems.append(DataFileError(str(folder), None, "template folder does not exist"))
            continue
        for path in _template_files(folder, problems):
            try:
                template = _parse(path, budget)
            except DataFileError as exc:
                problems.append(exc)
                continue
            if template.id in templates:
                problems.append(
                    DataFileError(
                        str(path),
                        None,
                        f"template id {template.id!r} is already used by {templates[template.id].source}",
                    )
                )
                continue
            templates[template.id] = template
    if warn:
        for problem in problems:
            warnings.warn(f"Template not loaded: {problem}", stacklevel=2)
    return TemplateLibrary(templates, problems)
