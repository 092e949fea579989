"""The direction of imports (DESIGN.md, "Layers and the direction of imports").

Every module of the package is parsed with ``ast``; each import is classified as made at
import time ("module level", including inside ``try``/``if`` at the top), inside a
function ("lazy"), or under ``if TYPE_CHECKING:`` ("typing only", never executed).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "workbook"
HEAVY = {"pandas", "altair", "ipywidgets", "IPython", "numpy", "vl_convert", "anywidget"}
STDLIB = set(sys.stdlib_module_names) | {"__future__"}


@dataclass(frozen=True)
class Import:
    target: str  # "pandas" for a third-party module; "workbook.journal.store" for one of ours
    scope: str  # "module", "lazy" or "typing"
    line: int

    @property
    def internal(self) -> bool:
        return self.target.startswith("workbook.")

    @property
    def top(self) -> str:
        return self.target.split(".")[0]

    @property
    def inner(self) -> str:
        """``workbook.forms._api`` -> ``forms``: the package module imported."""
        return self.target.split(".")[1]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(["workbook", *parts])


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path, name: str | None = None) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: list[Import] = []

    def resolve(node: ast.ImportFrom) -> list[str]:
        if node.level == 0:
            return [node.module] if node.module else []
        base = package.split(".")
        base = base[: len(base) - (node.level - 1)]
        if node.module:
            return [".".join([*base, node.module])]
        return [".".join([*base, alias.name]) for alias in node.names]  # from . import x

    def visit(node: ast.AST, scope: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend(Import(a.name, scope, child.lineno) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                found.extend(Import(t, scope, child.lineno) for t in resolve(child))
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, "typing" if scope == "typing" else "lazy")
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    visit(ast.Module(body=[stmt], type_ignores=[]), "typing")
                for stmt in child.orelse:
                    visit(ast.Module(body=[stmt], type_ignores=[]), scope)
            else:
                visit(child, scope)

    visit(tree, "module")
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "_data" not in p.parts}
IMPORTS = {name: imports_of(path) for name, path in MODULES.items()}


def short(name: str) -> str:
    return name.split(".", 1)[1] if "." in name else "__init__"


def violations(module: str, rule) -> list[str]:
    return [f"{module}:{imp.line} imports {imp.target} ({imp.scope})" for imp in IMPORTS[module] if rule(imp)]


def test_the_parser_sees_the_package():
    assert {"workbook", "workbook.journal.store", "workbook.errors", "workbook.models", "workbook.paths"} <= set(
        MODULES
    )
    store = IMPORTS["workbook.journal.store"]
    assert any(i.target == "workbook.journal.migrations" and i.scope == "module" for i in store)
    assert any(i.target == "pandas" and i.scope == "typing" for i in store)
    assert any(i.target == "workbook.journal.frames" and i.scope == "lazy" for i in store)


def test_the_parser_classifies_scopes(tmp_path):
    source = tmp_path / "widget.py"
    source.write_text(
        "from __future__ import annotations\n"
        "import os.path\n"
        "from typing import TYPE_CHECKING\n"
        "from . import store, models\n"
        "from ..errors import WorkbookError\n"
        "try:\n    import pandas as pd\nexcept ImportError:\n    pd = None\n"
        "if TYPE_CHECKING:\n    import ipywidgets\nelse:\n    import json\n"
        "def f():\n    import altair\n    from .charts import x\n"
        "class C:\n    import yaml\n"
    )
    found = {(i.target, i.scope) for i in imports_of(source, "workbook.forms.widget")}
    assert found == {
        ("__future__", "module"),
        ("os.path", "module"),
        ("typing", "module"),
        ("workbook.forms.store", "module"),
        ("workbook.forms.models", "module"),
        ("workbook.errors", "module"),
        ("pandas", "module"),
        ("ipywidgets", "typing"),
        ("json", "module"),
        ("altair", "lazy"),
        ("workbook.forms.charts", "lazy"),
        ("yaml", "module"),
    }


# -- one map of layers, covering every module ----------------------------------------------------
# A unit is a top-level module (``workbook.paths``) or a subpackage (``workbook.journal``). A module
# may import its own unit and units in lower layers, never a higher one. Units in one layer do not
# import each other, except where CROSS below says so. A new module is covered by its unit's layer
# without being listed; a new unit must be placed here (test_every_unit_has_a_layer).
LAYERS: list[set[str]] = [
    {"errors", "models", "paths", "files", "lazy"},  # L0: standard library only (platformdirs lazily in paths)
    {"content"},  # L1: bundled and institution data files (+ PyYAML)
    {"validate"},  # L2: every field rule
    {"journal", "documents", "privacy"},  # L3: the SQLite journal; output formats; de-identification
    {"analysis", "exchange", "demo"},  # L4: pure pandas; interchange formats; the synthetic journal
    {"charts"},  # L5: Altair from aggregates
    {"reports"},  # L6: what is shown or shared, as plain data
    {"supervision", "course", "cpd"},  # L7: features built on the layers below
    {"forms", "notebook_api", "app", "cli", "__init__", "__main__"},  # L8: what people use
]
LAYER_OF = {unit: n for n, units in enumerate(LAYERS) for unit in units}
# Imports allowed within one layer (importer -> imported), each for a stated reason.
CROSS = {
    ("models", "errors"): "a model's checks raise the user-facing errors",
    ("files", "errors"): "a refused path is a ValidationError naming the field",
    ("notebook_api", "forms"): "the one-line notebook calls build the forms",
    ("cli", "app"): "workbook lab / app start what app.launch describes",
    ("__main__", "cli"): "python -m workbook runs the command line",
    ("journal", "privacy"): "the register keeps aliases only as privacy's keyed digests",
    ("cpd", "supervision"): "a CPD record uses the pack's review of identifiers, its leak check and its offline page",
    ("course", "supervision"): "a submission page is the pack's offline page and passes the same leak check",
}
# Units that may import anything, but only inside functions: the public API and the command line.
LAZY_ANYTHING = {"__init__", "cli"}

# Heavy libraries and where they may be imported (at any scope). Elsewhere: never.
HEAVY_HOMES = {
    "pandas": {"journal.frames", "analysis", "charts", "reports", "forms", "course.cohort"},
    "numpy": {"journal.frames", "analysis", "charts", "reports"},
    "altair": {"charts", "reports", "forms"},
    "vl_convert": {"charts"},
    "anywidget": {"charts"},
    "ipywidgets": {"forms"},
    "IPython": {"forms", "notebook_api", "charts"},
    "click": {"cli", "__main__"},
    "nbformat": {"documents", "course", "supervision.feedback"},  # feedback: reading a returned pack
    "pyrage": {"supervision.crypt"},
    "docx": {"cpd.export"},
}
# Modules that may hold heavy imports at module level (import time). Everything below L4 stays light.
HEAVY_AT_IMPORT_TIME_OK = {"journal.frames"}
LIGHT_UNITS = {unit for n, units in enumerate(LAYERS[:4]) for unit in units} - {"documents"}


def unit_of(module: str) -> str:
    """``workbook.journal.store`` -> ``journal``; ``workbook`` -> ``__init__``.

    ``from .. import __version__`` imports a name, not a module: it counts as its package."""
    while module not in MODULES and "." in module:
        module = module.rsplit(".", 1)[0]
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def dotted(module: str) -> str:
    """``workbook.journal.frames`` -> ``journal.frames``."""
    return module.split(".", 1)[1] if "." in module else "__init__"


def _homes_match(module: str, homes: set[str]) -> bool:
    name = dotted(module)
    return any(name == home or name.startswith(home + ".") for home in homes)


def test_every_unit_has_a_layer():
    units = {unit_of(m) for m in MODULES}
    assert units - set(LAYER_OF) == set(), "place each new subpackage or top-level module in LAYERS"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_down_the_layers(module):
    mine = unit_of(module)

    def bad(imp: Import) -> bool:
        if not (imp.internal or imp.target == "workbook") or imp.scope == "typing":
            return False
        if imp.target == "workbook.__version__":  # the root package is always loaded first
            return False
        theirs = unit_of(imp.target) if imp.target != "workbook" else "__init__"
        if theirs == mine or LAYER_OF[theirs] < LAYER_OF[mine]:
            return False
        if (mine, theirs) in CROSS:
            return False
        return not (mine in LAZY_ANYTHING and imp.scope == "lazy")

    assert violations(module, bad) == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_heavy_libraries_only_where_they_belong(module):
    def bad(imp: Import) -> bool:
        homes = HEAVY_HOMES.get(imp.top)
        return homes is not None and imp.scope != "typing" and not _homes_match(module, homes)

    assert violations(module, bad) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if unit_of(m) in LIGHT_UNITS))
def test_lower_layers_load_nothing_heavy_at_import_time(module):
    """errors, models, paths, files, content, validate and journal stay light: the command line,
    ``import workbook`` and the storage tests never pay for pandas, altair or widgets."""
    if dotted(module) in HEAVY_AT_IMPORT_TIME_OK:
        pytest.skip("loaded only when a frame is asked for (test_store_loads_frames_only_when_asked)")
    assert violations(module, lambda i: i.scope == "module" and i.top in HEAVY_HOMES) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if LAYER_OF[unit_of(m)] == 0))
def test_base_modules_import_only_the_standard_library(module):
    def bad(imp: Import) -> bool:
        if imp.internal or imp.target == "workbook":
            return LAYER_OF[unit_of(imp.target)] != 0
        if imp.top in STDLIB:
            return False
        return not (dotted(module) == "paths" and imp.scope == "lazy" and imp.top == "platformdirs")

    assert violations(module, bad) == []


def test_store_loads_frames_only_when_asked():
    frames = [i for i in IMPORTS["workbook.journal.store"] if i.target == "workbook.journal.frames"]
    assert frames and all(i.scope == "lazy" for i in frames)


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if unit_of(m) in {"analysis", "charts", "reports", "forms", "documents"})
)
def test_analysis_charts_reports_and_forms_never_touch_sqlite(module):
    """Charts never read the store; forms never run SQL; analysis never opens files."""
    assert violations(module, lambda i: i.top == "sqlite3" or i.target == "workbook.journal.migrations") == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if unit_of(m) in {"analysis", "charts"}))
def test_analysis_and_charts_never_import_the_journal(module):
    assert violations(module, lambda i: unit_of(i.target) == "journal" and i.internal and i.scope != "typing") == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if unit_of(m) == "cli"))
def test_cli_imports_heavy_modules_lazily(module):
    heavy_internal = {"journal.frames", "analysis", "charts", "forms", "reports", "demo", "exchange"}
    assert (
        violations(
            module,
            lambda i: (
                i.scope == "module"
                and (i.top in HEAVY_HOMES.keys() - {"click"} or (i.internal and _homes_match(i.target, heavy_internal)))
            ),
        )
        == []
    )


# -- no reach into the journal's private members ---------------------------------------------------


def _private_members_of_the_journal() -> set[str]:
    """Every ``_name`` defined by a class in ``workbook.journal`` (methods and ``self._x`` attributes)."""
    names: set[str] = set()
    for module, path in MODULES.items():
        if unit_of(module) != "journal":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("_"):
                names.add(node.name)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
                if node.attr.startswith("_"):
                    names.add(node.attr)
    return {n for n in names if not (n.startswith("__") and n.endswith("__"))}


JOURNAL_PRIVATE = _private_members_of_the_journal()


def test_the_private_member_list_is_real():
    assert {"_lock", "_conn"} <= JOURNAL_PRIVATE


@pytest.mark.parametrize("module", sorted(m for m in MODULES if unit_of(m) != "journal"))
def test_no_module_outside_the_journal_touches_its_private_members(module):
    """``journal._lock``, ``j._load(...)``, ``journal._conn``: outside ``workbook.journal`` only public
    seams are used. ``self._x`` is a class's own attribute and is not counted."""
    found = []
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in JOURNAL_PRIVATE:
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in {"self", "cls"}:
                continue
            found.append(f"{module}:{node.lineno} .{node.attr}")
    assert found == []


# -- at run time ------------------------------------------------------------------------------------


def test_import_workbook_loads_no_heavy_library(tmp_path, child_env):
    code = (
        "import json, sys; import workbook; import workbook.journal.store, workbook.validate, workbook.journal.people; "
        "print(json.dumps(sorted(m for m in sys.modules)))"
    )
    env = {**child_env, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    env["WORKBOOK_JOURNAL"] = str(tmp_path / "journal-dir" / "journal.db")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env, cwd=tmp_path)
    loaded = {m.split(".")[0] for m in json.loads(out.stdout)}
    assert loaded & HEAVY == set()
    assert "workbook" in loaded
    # no import side effects: nothing was created
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_public_calls_without_a_journal_create_nothing(tmp_path, child_env):
    code = "import workbook as wb; wb.templates(); wb.vocabulary(); print(wb.__version__)"
    env = {**child_env, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    env["WORKBOOK_JOURNAL"] = str(tmp_path / "journal-dir" / "journal.db")
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env, cwd=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_public_api_lists_exactly_what_it_provides():
    import workbook as wb

    lazy = set(wb._LAZY)
    assert lazy | {"__version__", "templates", "vocabulary"} == set(wb.__all__)
    for name in wb.__all__:
        assert getattr(wb, name) is not None


def test_no_submodule_shadows_a_public_function():
    """Importing a submodule sets it as an attribute of the package: a module named
    like a public function (``templates.py`` vs ``wb.templates()``) would replace it."""
    import importlib
    import pkgutil

    import workbook as wb

    public = set(wb.__all__)
    seen = []
    for info in pkgutil.walk_packages(wb.__path__, prefix="workbook."):
        if info.name.endswith("__main__"):  # running it would start the command line
            continue
        parent_name, leaf = info.name.rsplit(".", 1)
        assert leaf not in public, f"{info.name} is named like wb.{leaf}"
        parent = importlib.import_module(parent_name)
        assert leaf not in getattr(parent, "__all__", ()), f"{info.name} is named like {parent_name}.{leaf}"
        importlib.import_module(info.name)
        seen.append(info.name)
    assert "workbook.journal.store" in seen and "workbook.forms.entry" in seen
    assert callable(wb.templates) and callable(wb.vocabulary)
    assert len(wb.templates()) >= 11
