"""Fixtures of the analysis tests: the hand-built journals of ``hand_journal`` as Frames."""

from __future__ import annotations

import pytest
from hand_journal import entries, five_outcome_entries

import workbook as wb
from workbook.analysis import Frames


@pytest.fixture(scope="module")
def built():
    j = wb.open_journal(":memory:")
    for pseudonym, role in (
        ("Parent P", "parent"),
        ("Doctor D", "professional"),
        ("Relative R", "relative"),
        ("Aunt T", "relative"),
    ):
        j.people.add(pseudonym, role)
    ids = [j.add(**fields).id for fields in entries()]
    yield j, ids
    j.close()


@pytest.fixture(scope="module")
def frames(built) -> Frames:
    return Frames.from_journal(built[0])


@pytest.fixture(scope="module")
def ids(built) -> list[str]:
    return built[1]


@pytest.fixture(scope="module")
def frames5() -> Frames:
    """The second hand-built journal: every outcome, stance both, depth (see hand_journal)."""
    j = wb.open_journal(":memory:")
    for fields in five_outcome_entries():
        j.add(**fields)
    frames = Frames.from_journal(j)
    j.close()
    return frames
