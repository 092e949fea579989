"""Notebooks written from plain cell lists: the guided notebooks, and at run time the
supervision pack and the course notebooks.

A notebook is a list of :class:`Cell` values made with :func:`md` and :func:`code`, so its
prose can be reviewed as ordinary text. :func:`build` turns the list into a notebook and
:func:`render` into the exact text written to disk. The output is deterministic: no
outputs, stable cell ids (given, or derived from the notebook's name and the cell's
place) and fixed notebook metadata, so rebuilding an unchanged notebook changes no byte.
Code cells are hidden by default (``source_hidden`` and the ``hide-input`` tag, for
JupyterLab and Voilà): the people who read these notebooks are not asked to read code.

:func:`nbgrader_cell` writes nbgrader's cell metadata (schema version 3), so a course
notebook built here can be released and graded with nbgrader without it being installed
here.

nbformat is imported inside the functions that need it: importing this module (or
``workbook.documents``) costs nothing until a notebook is actually built.
"""

from __future__ import annotations

import copy
import hashlib
import math
import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import nbformat

__all__ = [
    "HIDDEN",
    "METADATA",
    "NBGRADER_KINDS",
    "NBGRADER_SCHEMA_VERSION",
    "Cell",
    "build",
    "cell_id",
    "code",
    "md",
    "nbgrader_cell",
    "refs",
    "render",
]

# Metadata of every hidden code cell: JupyterLab collapses the source, Voilà's templates
# and nbconvert drop it (the tag).
HIDDEN: Mapping[str, Any] = {"jupyter": {"source_hidden": True}, "tags": ["hide-input"]}
# Notebook metadata: a plain Python 3 kernel, nothing that changes from run to run, and the
# mark that has the workbook's save hook keep outputs and widget state off the disk
# (``cleaning.MARKER``: every notebook built here shows journal text when it runs).
METADATA: Mapping[str, Any] = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
    "reflective_workbook": {"clean_on_save": True},
}


@dataclass(frozen=True)
class Cell:
    """One cell before it is built: its kind, its text and, if given, its id.

    ``metadata`` is merged into the built cell's metadata (after :data:`HIDDEN`, for a
    hidden code cell); ``hidden`` applies to code cells only."""

    kind: str  # "markdown" or "code"
    text: str
    id: str | None = None
    hidden: bool = True
    metadata: Mapping[str, Any] = field(default_factory=dict, hash=False)


def md(
    text: str,
    id: str | None = None,
    *,
    substitutions: Mapping[str, str] | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Cell:
    """A markdown cell. The text is dedented and stripped of blank first and last lines,
    then each ``@NAME@`` is replaced by ``substitutions[NAME]``, so one definition (a
    scale, a how-to sentence) can appear in many notebooks."""
    text = textwrap.dedent(text).strip("\n")
    for name, value in (substitutions or {}).items():
        text = text.replace(f"@{name}@", value)
    return Cell("markdown", text, id, metadata=dict(metadata or {}))


def code(
    text: str,
    id: str | None = None,
    *,
    hidden: bool = True,
    metadata: Mapping[str, Any] | None = None,
) -> Cell:
    """A code cell, dedented; hidden unless ``hidden=False`` (a cell a student writes in)."""
    return Cell("code", textwrap.dedent(text).strip("\n"), id, hidden=hidden, metadata=dict(metadata or {}))


def refs(*references: str) -> Cell:
    """The references cell: one bullet per reference."""
    return Cell("markdown", "### References\n\n" + "\n".join(f"* {r}" for r in references))


def cell_id(stem: str, index: int, cell: Cell) -> str:
    """A stable id: given, or made from the notebook's name and the cell's place."""
    return cell.id or hashlib.sha256(f"{stem}:{index}".encode()).hexdigest()[:8]


def _metadata(cell: Cell) -> dict[str, Any]:
    base = copy.deepcopy(dict(HIDDEN)) if cell.kind == "code" and cell.hidden else {}
    base.update(copy.deepcopy(dict(cell.metadata)))
    return base


def build(stem: str, cells: Iterable[Cell]) -> nbformat.NotebookNode:
    """The notebook ``stem`` from ``cells``, validated against the nbformat schema (and
    nbgrader's rules, where a cell carries nbgrader metadata)."""
    import nbformat

    nb = nbformat.v4.new_notebook(metadata=copy.deepcopy(dict(METADATA)))
    for index, cell in enumerate(cells):
        if cell.kind == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.text, metadata=_metadata(cell))
        elif cell.kind == "code":
            new = nbformat.v4.new_code_cell(cell.text, metadata=_metadata(cell))
        else:
            raise ValueError(f"cell {index} of {stem}: kind must be 'markdown' or 'code', not {cell.kind!r}")
        new["id"] = cell_id(stem, index, cell)
        nb.cells.append(new)
    nbformat.validate(nb)
    _check_nbgrader(stem, nb.cells)
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    """The notebook's file text: nbformat's own layout (sorted keys, one-space indent)
    and a final newline, as JupyterLab writes it."""
    import nbformat

    return nbformat.writes(nb) + "\n"


# -- nbgrader cell metadata (schema version 3) ------------------------------------------------------
NBGRADER_SCHEMA_VERSION = 3
# The five cell types of nbgrader's "Create Assignment" tool, as (grade, solution, locked, task).
NBGRADER_KINDS: Mapping[str, tuple[bool, bool, bool, bool]] = {
    "manual": (True, True, False, False),  # manually graded answer (markdown or code)
    "task": (False, False, True, True),  # manually graded task (markdown only)
    "solution": (False, True, False, False),  # autograded answer (code only)
    "tests": (True, False, True, False),  # autograder tests (code only)
    "readonly": (False, False, True, False),  # read-only
}
_WITH_POINTS = {"manual", "task", "tests"}
_CELL_TYPES = {"task": {"markdown"}, "solution": {"code"}, "tests": {"code"}}
_GRADE_ID = re.compile(r"[A-Za-z0-9_\-]+")


def nbgrader_cell(kind: str, grade_id: str, points: float | None = None) -> dict[str, Any]:
    """Cell metadata marking a cell for nbgrader, in schema version 3.

    ``kind`` is one of nbgrader's cell types (:data:`NBGRADER_KINDS`). Graded kinds
    (``manual``, ``task``, ``tests``) need ``points`` (a number, at least 0); the others
    take none. Pass the result as ``metadata=`` to :func:`md` or :func:`code`; :func:`build`
    checks that the cell's type fits the kind and that no grade id is used twice."""
    if kind not in NBGRADER_KINDS:
        raise ValueError(f"nbgrader cell kind must be one of {', '.join(NBGRADER_KINDS)}, not {kind!r}")
    if not isinstance(grade_id, str) or not _GRADE_ID.fullmatch(grade_id):
        raise ValueError("an nbgrader grade id is letters, digits, '_' and '-' only, and not empty")
    grade, solution, locked, task = NBGRADER_KINDS[kind]
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": NBGRADER_SCHEMA_VERSION,
        "solution": solution,
        "task": task,
    }
    if kind in _WITH_POINTS:
        if isinstance(points, bool) or not isinstance(points, (int, float)) or not math.isfinite(points) or points < 0:
            raise ValueError(f"an nbgrader {kind} cell needs points: a number, at least 0")
        meta["points"] = points
    elif points is not None:
        raise ValueError(f"an nbgrader {kind} cell carries no points")
    return {"nbgrader": meta}


def _nbgrader_kind(meta: Mapping[str, Any]) -> str:
    flags = (meta.get("grade"), meta.get("solution"), meta.get("locked"), meta.get("task", False))
    return next((kind for kind, value in NBGRADER_KINDS.items() if value == flags), "")


def _check_nbgrader(stem: str, cells: list) -> None:
    """nbgrader's own checks on a whole notebook: each kind on a cell type it allows, and
    each grade id once."""
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        kind = _nbgrader_kind(meta)
        if cell.cell_type not in _CELL_TYPES.get(kind, {"markdown", "code"}):
            raise ValueError(f"cell {index} of {stem}: an nbgrader {kind} cell cannot be a {cell.cell_type} cell")
        grade_id = meta.get("grade_id")
        if grade_id in seen:
            raise ValueError(f"cell {index} of {stem}: nbgrader grade id {grade_id!r} is used twice")
        if grade_id:
            seen.add(grade_id)
