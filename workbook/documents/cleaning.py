"""What of a notebook may reach the disk: its cells' sources and its fixed metadata, nothing a
kernel or a widget put there.

A workbook notebook (one whose metadata carries :data:`MARKER` with ``clean_on_save``) is
saved without outputs, execution counts or widget state, whatever JupyterLab's settings say:
its forms show journal text and people's pseudonyms, and "Save Widget State Automatically"
would otherwise copy a whole entry into the ``.ipynb`` file. The guided notebooks, the
supervision pack and the course notebooks all carry the marker (``notebook.METADATA``).

These functions work on the notebook as plain JSON data (a dict, as Jupyter's contents API
and ``json.load`` give it), so the save hook needs no nbformat import.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["CELL_METADATA_DROPPED", "MARKER", "cells_digest", "clean_notebook", "is_marked", "needs_cleaning"]

# The notebook-metadata key that marks a workbook notebook (``{"clean_on_save": true}``).
MARKER = "reflective_workbook"
# Notebook metadata written by widgets: the state of every widget model (the entry on show).
_NOTEBOOK_METADATA_DROPPED = ("widgets",)
# Cell metadata a kernel run adds (timings, the "scrolled" state of an output).
CELL_METADATA_DROPPED = ("execution", "scrolled", "collapsed")


def is_marked(nb: Mapping[str, Any]) -> bool:
    """True if ``nb`` is a workbook notebook whose saves must be cleaned."""
    meta = nb.get("metadata")
    mark = meta.get(MARKER) if isinstance(meta, Mapping) else None
    return isinstance(mark, Mapping) and mark.get("clean_on_save") is True


def _cells(nb: Mapping[str, Any]) -> list[Any]:
    cells = nb.get("cells")
    return cells if isinstance(cells, list) else []


def needs_cleaning(nb: Mapping[str, Any]) -> bool:
    """True if ``nb`` holds anything :func:`clean_notebook` would remove."""
    meta = nb.get("metadata")
    if isinstance(meta, Mapping) and any(key in meta for key in _NOTEBOOK_METADATA_DROPPED):
        return True
    for cell in _cells(nb):
        if not isinstance(cell, Mapping):
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            return True
        cell_meta = cell.get("metadata")
        if isinstance(cell_meta, Mapping) and any(key in cell_meta for key in CELL_METADATA_DROPPED):
            return True
    return False


def _drop_keys(mapping: Any, keys: tuple[str, ...]) -> bool:
    if not isinstance(mapping, dict):
        return False
    found = [key for key in keys if key in mapping]
    for key in found:
        del mapping[key]
    return bool(found)


def _clean_cell(cell: dict[str, Any]) -> bool:
    """Clear one cell's outputs and execution count (removed outright outside code cells,
    where they are not valid) and the metadata a run adds; True if anything went."""
    if cell.get("cell_type") == "code":
        changed = bool(cell.get("outputs")) or cell.get("execution_count") is not None
        cell["outputs"] = []
        cell["execution_count"] = None
    else:
        changed = _drop_keys(cell, ("outputs", "execution_count"))
    return _drop_keys(cell.get("metadata"), CELL_METADATA_DROPPED) or changed


def clean_notebook(nb: dict[str, Any]) -> bool:
    """Remove, in place, every output, execution count and widget state from ``nb`` (and
    the cell metadata a run adds); True if anything was removed. Sources are kept as they are."""
    changed = _drop_keys(nb.get("metadata"), _NOTEBOOK_METADATA_DROPPED)
    for cell in _cells(nb):
        if isinstance(cell, dict) and _clean_cell(cell):
            changed = True
    return changed


def cells_digest(nb: Mapping[str, Any]) -> str:
    """A digest of what a person writes in a notebook: each cell's kind and source.

    JupyterLab rewrites a notebook's metadata when it saves one (kernel, language version),
    so comparing bytes would call every opened notebook "changed"; this compares only the
    cells, which is what a person changes."""
    parts = []
    for cell in _cells(nb):
        if isinstance(cell, Mapping):
            source = cell.get("source", "")
            parts.append([cell.get("cell_type"), "".join(source) if isinstance(source, list) else source])
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()
