"""Fixtures of the demo tests: one demo journal, written once and shared read-only.

Writing the demo takes a few seconds, so every test module here shares one build
(session scope; only built when a demo test asks for it). Tests must not change it: a
test that needs a journal to change builds its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import workbook as wb
from workbook import demo


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    return demo.write_demo_journal(tmp_path_factory.mktemp("demo") / "demo-journal.db")


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
