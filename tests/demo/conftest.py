"""Fixtures of the demo tests: one demo journal, written once and shared read-only.

Writing the demo takes a few seconds, so every test module here shares one build
(session scope; only built when a demo test asks for it). Tests must not change it: a
test that needs a journal to change builds its own.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import workbook as wb
from workbook import demo, files, paths
from workbook.journal.alias_key import journal_uid

_DEMO_KEY: dict[str, bytes] = {}  # the shared demo's alias key file name -> its bytes


@pytest.fixture(autouse=True)
def _demo_alias_key():
    """Every test has its own user data folder (tests/conftest.py), and the alias key lives
    there, not in the journal: put the shared demo's key where this test's journal looks."""
    for name, key in _DEMO_KEY.items():
        target = paths.user_data_dir() / paths.KEYS_FOLDER / name
        if not target.exists():
            files.ensure_private_dir(target.parent)
            files.atomic_write_bytes(target, key)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    built = demo.write_demo_journal(tmp_path_factory.mktemp("demo") / "demo-journal.db")
    conn = sqlite3.connect(built)
    key_file = paths.alias_key_path(journal_uid(conn))
    conn.close()
    _DEMO_KEY[key_file.name] = key_file.read_bytes()
    return built


@pytest.fixture(scope="session")
def demo_journal(demo_path):
    opened = wb.open_journal(demo_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def entries(demo_journal) -> list[wb.Entry]:
    return demo_journal.entries()


@pytest.fixture(scope="session")
def every_entry(demo_journal, entries) -> list[wb.Entry]:
    return entries + demo_journal.trash()
