"""Output formats; never reads the journal.

What a document module is given (cells, aggregates, plain text already chosen by the
caller) it writes out in one format. It never opens the journal and never decides what is
shown: that belongs to the layers above (reports, supervision, course), which pass the
content in.

``notebook`` builds Jupyter notebooks from cell lists: the guided notebooks in
``notebooks/`` (from ``tools/make_notebooks.py``), and at run time the supervision pack
and course notebooks, with nbgrader cell metadata where a course needs it. ``cleaning``
decides what of a workbook notebook may be saved (sources, not outputs or widget state).
"""

from __future__ import annotations

from .cleaning import MARKER, cells_digest, clean_notebook, is_marked, needs_cleaning
from .notebook import (
    HIDDEN,
    METADATA,
    NBGRADER_KINDS,
    NBGRADER_SCHEMA_VERSION,
    Cell,
    build,
    cell_id,
    code,
    md,
    nbgrader_cell,
    refs,
    render,
)

__all__ = [
    "HIDDEN",
    "MARKER",
    "METADATA",
    "NBGRADER_KINDS",
    "NBGRADER_SCHEMA_VERSION",
    "Cell",
    "build",
    "cell_id",
    "cells_digest",
    "clean_notebook",
    "code",
    "is_marked",
    "md",
    "nbgrader_cell",
    "needs_cleaning",
    "refs",
    "render",
]
