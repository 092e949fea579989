"""Test-session isolation: no test, notebook run or kernel can touch a real journal.

Before anything is collected, ``WORKBOOK_JOURNAL`` points at a fresh temporary folder and
the user data folder is redirected there too, so even code that falls back to the
default location writes into the temporary folder. When notebooks are collected (nbval),
that journal is filled with the synthetic demo journal first, so the notebooks run on
demo data — never on the user's own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

_TMP: Path | None = None


def pytest_configure(config):
    global _TMP
    _TMP = Path(tempfile.mkdtemp(prefix="workbook-tests-"))
    os.environ["WORKBOOK_JOURNAL"] = str(_TMP / "journal.db")
    os.environ["XDG_DATA_HOME"] = str(_TMP / "data")
    os.environ.pop("WORKBOOK_TEMPLATES", None)
    os.environ.pop("WORKBOOK_ASSIGNMENTS", None)


def pytest_collection_modifyitems(session, config, items):
    if any(str(item.fspath).endswith(".ipynb") for item in items):
        from workbook.demo import write_demo_journal

        target = Path(os.environ["WORKBOOK_JOURNAL"])
        if not target.exists():
            write_demo_journal(target)


def pytest_unconfigure(config):
    if _TMP is not None:
        shutil.rmtree(_TMP, ignore_errors=True)


def pytest_itemcollected(item):
    """Notebook runs carry the `notebooks` marker, so `-m "not notebooks"` skips them."""
    import pytest

    if str(item.fspath).endswith(".ipynb"):
        item.add_marker(pytest.mark.notebooks)
