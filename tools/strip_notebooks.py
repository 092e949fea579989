"""Strip outputs, execution counts and widget state from the guided notebooks.

Notebooks are committed without outputs, so no journal text or chart data can travel
with them. Run: python tools/strip_notebooks.py notebooks/*.ipynb
tests/test_notebook_hygiene.py checks that every committed notebook is clean.
"""

from __future__ import annotations

import sys

import nbformat


def strip(path: str) -> bool:
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "code":
            if cell.outputs or cell.execution_count is not None:
                cell.outputs, cell.execution_count = [], None
                changed = True
    if "widgets" in nb.metadata:
        del nb.metadata["widgets"]
        changed = True
    if changed:
        nbformat.write(nb, path)
    return changed


if __name__ == "__main__":
    for name in sys.argv[1:]:
        if strip(name):
            print(f"stripped {name}")
