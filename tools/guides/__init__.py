"""The prose of the guided notebooks: one module per notebook in notebooks/.

Each ``gNN_*.py`` module sets ``STEM`` (the notebook's file name without ``.ipynb``) and
``CELLS`` (its cells, in order, made with :func:`md`, :func:`code` and :func:`refs`).
tools/make_notebooks.py finds them by name, in order; the next notebook (06 supervision,
07 course work …) is a new module with the next number.

:func:`md` here is ``workbook.documents.md`` with the guides' substitutions: ``@NAME@`` in a
markdown cell becomes ``SUBSTITUTIONS[NAME]``, so a sentence or a scale shared by several
notebooks is written once. Prose is in our own words; sources are cited in each notebook's
references.
"""

from __future__ import annotations

from workbook.documents import Cell, code, refs
from workbook.documents import md as _md
from workbook.models import FEELINGS_SCALE

__all__ = ["SUBSTITUTIONS", "code", "md", "refs"]

SUBSTITUTIONS = {
    "HOW_TO_RUN": (
        "You do not need to write or read any code: in JupyterLab choose **Run ▸ Run All Cells**, and what you\n"
        "need appears at the bottom of the page (in the app version, `./dev app`, it is already there)."
    ),
    "FEELINGS_SCALE": FEELINGS_SCALE,  # the one definition, in workbook.models
}


def md(text: str, id: str | None = None) -> Cell:
    """A markdown cell; ``@NAME@`` is replaced by ``SUBSTITUTIONS[NAME]`` after dedenting."""
    return _md(text, id, substitutions=SUBSTITUTIONS)
