"""Fixtures of the demo tests: one demo journal per persona, written once and shared read-only.

Writing a demo takes a few seconds, so every test module here shares one build of each
(session scope; only built when a demo test asks for it). ``demo_journal`` and friends are
the default persona's (the social worker's); ``persona_journal`` and friends run a test
once for each persona. Tests must not change them: a test that needs a journal to change
builds its own.
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


def _write(folder: Path, persona: str) -> Path:
    built = demo.write_demo_journal(folder / "demo-journal.db", persona=persona)
    conn = sqlite3.connect(built)
    key_file = paths.alias_key_path(journal_uid(conn))
    conn.close()
    _DEMO_KEY[key_file.name] = key_file.read_bytes()
    return built


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    """The default demo (the social worker's)."""
    return _write(tmp_path_factory.mktemp("demo"), demo.DEFAULT_PERSONA)


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


# -- each persona's demo: a test asking for these runs once per persona -----------------
@pytest.fixture(scope="session", params=demo.PERSONAS)
def persona(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def persona_journal(persona, demo_journal, tmp_path_factory):
    if persona == demo.DEFAULT_PERSONA:
        yield demo_journal
        return
    opened = wb.open_journal(_write(tmp_path_factory.mktemp(f"demo-{persona}"), persona))
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def persona_entries(persona_journal) -> list[wb.Entry]:
    return persona_journal.entries()


@pytest.fixture(scope="session")
def persona_every_entry(persona_journal, persona_entries) -> list[wb.Entry]:
    return persona_entries + persona_journal.trash()
