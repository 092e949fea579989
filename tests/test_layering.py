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
    target: str  # "pandas" for a third-party module; "workbook.store" for one of ours
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
    assert {"workbook", "workbook.store", "workbook.errors", "workbook.models", "workbook.paths"} <= set(MODULES)
    store = IMPORTS["workbook.store"]
    assert any(i.target == "workbook.migrations" and i.scope == "module" for i in store)
    assert any(i.target == "pandas" and i.scope == "typing" for i in store)
    assert any(i.target == "workbook.frames" and i.scope == "lazy" for i in store)


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


# -- the base layer: errors, models, paths ------------------------------------------------------

BASE_INTERNAL = {"errors": set(), "models": {"errors"}, "paths": set()}
LAZY_THIRD_PARTY = {"paths": {"platformdirs"}}  # the user data folder, looked up when needed


@pytest.mark.parametrize("name", sorted(BASE_INTERNAL))
def test_base_modules_import_only_the_standard_library(name):
    module = f"workbook.{name}"
    allowed_internal = {f"workbook.{m}" for m in BASE_INTERNAL[name]}
    allowed_lazy = LAZY_THIRD_PARTY.get(name, set())

    def bad(imp: Import) -> bool:
        if imp.internal or imp.target == "workbook":
            return imp.target not in allowed_internal
        if imp.top in STDLIB:
            return False
        return not (imp.scope == "lazy" and imp.top in allowed_lazy)

    assert violations(module, bad) == []


# -- the storage layer never pulls in analysis or UI libraries ------------------------------------

STORAGE = ["store", "people", "validate", "vocab", "reflective_models", "migrations", "datafiles"]
STORAGE_INTERNAL = {
    "datafiles": {"errors"},
    "migrations": {"errors"},
    "vocab": {"datafiles", "errors", "models", "paths"},
    "reflective_models": {"datafiles", "errors", "models", "paths"},
    "validate": {"errors", "models", "reflective_models", "vocab"},
    "people": {"errors", "models", "validate", "vocab"},
    "store": {"errors", "models", "paths", "people", "reflective_models", "validate", "vocab", "migrations", "frames"},
}


@pytest.mark.parametrize("name", STORAGE)
def test_storage_never_imports_pandas_altair_or_widgets_at_import_time(name):
    assert violations(f"workbook.{name}", lambda i: i.scope == "module" and i.top in HEAVY) == []


@pytest.mark.parametrize("name", STORAGE)
def test_storage_imports_only_lower_layers(name):
    allowed = {f"workbook.{m}" for m in STORAGE_INTERNAL[name]}
    assert violations(f"workbook.{name}", lambda i: i.internal and i.target not in allowed) == []


def test_store_loads_frames_only_when_asked():
    frames = [i for i in IMPORTS["workbook.store"] if i.target == "workbook.frames"]
    assert frames and all(i.scope == "lazy" for i in frames)


def test_frames_may_use_pandas_but_never_the_ui():
    assert any(i.top == "pandas" for i in IMPORTS["workbook.frames"])
    assert violations("workbook.frames", lambda i: i.top in {"altair", "ipywidgets", "IPython"}) == []
    assert violations("workbook.frames", lambda i: i.internal and i.inner in {"store", "charts", "forms", "cli"}) == []


# -- rules across the package --------------------------------------------------------------------


@pytest.mark.parametrize("module", [m for m in sorted(MODULES) if not short(m).startswith("forms")])
def test_only_forms_import_ipywidgets(module):
    assert violations(module, lambda i: i.top == "ipywidgets") == []


@pytest.mark.parametrize("module", [m for m in sorted(MODULES) if short(m).startswith("charts")])
def test_charts_never_read_the_store(module):
    assert (
        violations(module, lambda i: i.internal and i.inner in {"store", "people", "migrations"} or i.top == "sqlite3")
        == []
    )


@pytest.mark.parametrize("module", [m for m in sorted(MODULES) if short(m).startswith("analysis")])
def test_analysis_never_opens_the_store(module):
    assert (
        violations(module, lambda i: i.internal and i.inner in {"store", "people", "migrations"} or i.top == "sqlite3")
        == []
    )


@pytest.mark.parametrize("module", [m for m in sorted(MODULES) if short(m).startswith("forms")])
def test_forms_never_run_sql(module):
    assert (
        violations(
            module,
            lambda i: (i.internal and i.inner in {"store", "migrations"} and i.scope != "typing") or i.top == "sqlite3",
        )
        == []
    )


def test_nothing_below_the_cli_imports_click():
    users = [m for m in MODULES if any(i.top == "click" for i in IMPORTS[m])]
    assert all(short(m) in {"cli", "__main__"} or short(m).startswith("cli") for m in users), users


@pytest.mark.parametrize("module", [m for m in sorted(MODULES) if short(m).startswith("cli")])
def test_cli_imports_heavy_modules_lazily(module):
    heavy_internal = {"frames", "analysis", "charts", "forms"}
    assert (
        violations(
            module, lambda i: i.scope == "module" and (i.top in HEAVY or (i.internal and i.inner in heavy_internal))
        )
        == []
    )


# -- at run time ------------------------------------------------------------------------------------


def test_import_workbook_loads_no_heavy_library(tmp_path, child_env):
    code = (
        "import json, sys; import workbook; import workbook.store, workbook.validate, workbook.people; "
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

    for info in pkgutil.iter_modules(wb.__path__):
        if info.name != "__main__":  # running it would start the command line
            importlib.import_module(f"workbook.{info.name}")
    assert callable(wb.templates) and callable(wb.vocabulary)
    assert len(wb.templates()) >= 11
