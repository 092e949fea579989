"""Output formats; never reads the journal.

What a document module is given (cells, aggregates, plain text already chosen by the
caller) it writes out in one format. It never opens the journal and never decides what is
shown: that belongs to the layers above (reports, supervision, course), which pass the
content in.

``notebook`` builds Jupyter notebooks from cell lists: the guided notebooks in
``notebooks/`` (from ``tools/make_notebooks.py``), and at run time the supervision pack
and course notebooks, with nbgrader cell metadata where a course needs it.
"""

from __future__ import annotations

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
