"""Every guided notebook lists its references one per bullet (00's once ran together as one
paragraph, because Markdown joins lines that are not list items)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_references_are_a_list(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = [c for c in cells if c["cell_type"] == "markdown" and "### References" in "".join(c["source"])]
    for cell in found:
        body = "".join(cell["source"]).split("### References", 1)[1].strip().splitlines()
        assert body, f"{path.name}: an empty References section"
        for line in body:
            # each line starts a bullet, or continues the one above (indented)
            assert line.startswith(("* ", "- ", "  ")), f"{path.name}: {line!r} is not a list item"
