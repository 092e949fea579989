"""Print the package tree with each module's one-line responsibility (its docstring's first line).

ARCHITECTURE.md carries this tree between two markers; tests/test_docs.py checks that it is
up to date, so the map of the code can never drift from the code. Refresh it with

    python tools/package_tree.py --write
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "workbook"
DOC = ROOT / "ARCHITECTURE.md"
BEGIN = "<!-- package-tree:begin (python tools/package_tree.py --write) -->"
END = "<!-- package-tree:end -->"
WIDTH = 34


def summary(path: Path) -> str:
    """The first sentence of a module's docstring (its first paragraph, up to a full stop), or ""."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    paragraph = " ".join(doc.strip().split("\n\n")[0].split())
    return paragraph.split(". ")[0].rstrip(".")


def _entries(folder: Path) -> list[Path]:
    modules = sorted(p for p in folder.glob("*.py") if p.name != "__init__.py")
    packages = sorted(p for p in folder.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    return [*modules, *packages]


def _lines(folder: Path, depth: int) -> list[str]:
    out = []
    for entry in _entries(folder):
        indent = "    " * depth
        if entry.is_dir():
            name = f"{indent}{entry.name}/"
            out.append(f"{name:<{WIDTH}} {summary(entry / '__init__.py')}".rstrip())
            out.extend(_lines(entry, depth + 1))
        else:
            name = f"{indent}{entry.name}"
            out.append(f"{name:<{WIDTH}} {summary(entry)}".rstrip())
    return out


def tree() -> str:
    """The whole tree as a fenced block."""
    head = f"{'workbook/':<{WIDTH}} {summary(PACKAGE / '__init__.py')}".rstrip()
    body = "\n".join(["    " + line for line in _lines(PACKAGE, 0)])
    return f"```\n{head}\n{body}\n```"


def with_tree(text: str) -> str:
    """``text`` (ARCHITECTURE.md) with the block between the markers replaced by today's tree."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + tree() + "\n" + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update the tree in ARCHITECTURE.md")
    args = parser.parse_args(argv)
    if not args.write:
        print(tree())
        return 0
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(with_tree(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
