"""Write the guided notebooks in notebooks/ from their prose in tools/guides/.

Every guided notebook is generated, so its prose and its one setup call can be reviewed as
ordinary text and the notebooks regenerated at any time:

    python tools/make_notebooks.py            # write notebooks/*.ipynb
    python tools/make_notebooks.py --check    # exit 1 if a notebook differs from its guide

Each notebook's cells are in one module, tools/guides/gNN_*.py; the builder is
``workbook.documents.notebook`` (package code, because the supervision pack and the course
notebooks are built the same way at run time). Notebooks are written without outputs, with
every code cell hidden and with stable cell ids, so regenerating an unchanged notebook
changes nothing. tests/test_notebook_hygiene.py checks the rules every notebook keeps:
prose first, one short call per cell, and ``import workbook as wb`` as the only import.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]  # this checkout's workbook, and tools/guides

from workbook.documents import Cell, build, render  # noqa: E402  (after the path is set)


def guides() -> dict[str, list[Cell]]:
    """Every notebook's cells by its stem, from the ``gNN_*`` modules of tools/guides in order."""
    package = importlib.import_module("guides")
    found: dict[str, list[Cell]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("g") and info.name[1:3].isdigit():
            module = importlib.import_module(f"guides.{info.name}")
            if module.STEM in found:
                raise SystemExit(f"{info.name}: notebook {module.STEM} is already made by another guide")
            found[module.STEM] = module.CELLS
    return found


def main(argv: list[str]) -> int:
    check = "--check" in argv
    made = guides()
    orphans = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb") if p.stem not in made)
    stale = []
    for stem, cells in made.items():
        path = NOTEBOOKS / f"{stem}.ipynb"
        text = render(build(stem, cells))
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check:
            stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if orphans:
        print("no guide in tools/guides makes: " + ", ".join(orphans))
    if stale:
        print("out of date (run python tools/make_notebooks.py): " + ", ".join(stale))
    return 1 if stale or orphans else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
