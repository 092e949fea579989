"""documents/cleaning.py: what of a workbook notebook may be saved."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from workbook.documents import METADATA
from workbook.documents.cleaning import MARKER, cells_digest, clean_notebook, is_marked, needs_cleaning

SECRET = "Parent Ash said the drinking had started again"


def _dirty() -> dict:
    return {
        "cells": [
            {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Notes"},
            {
                "cell_type": "code",
                "execution_count": 7,
                "id": "c",
                "metadata": {"execution": {"iopub.status.idle": "2026-12-03T08:00:00Z"}, "scrolled": True, "tags": ["hide-input"]},
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": SECRET},
                    {"output_type": "display_data", "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "1"}, "text/plain": SECRET}, "metadata": {}},
                ],
                "source": ["import workbook as wb\n", "wb.entry_form()"],
            },
        ],
        "metadata": {
            "kernelspec": {"name": "python3"},
            MARKER: {"clean_on_save": True},
            "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {"1": {"state": {"value": SECRET}}}}},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }  # fmt: skip


def test_cleaning_removes_outputs_counts_widget_state_and_run_metadata():
    nb = _dirty()
    assert is_marked(nb) and needs_cleaning(nb)
    assert clean_notebook(nb) is True
    assert SECRET not in json.dumps(nb)
    code = nb["cells"][1]
    assert code["outputs"] == [] and code["execution_count"] is None
    assert code["metadata"] == {"tags": ["hide-input"]}  # what the person or the workbook set stays
    assert code["source"] == ["import workbook as wb\n", "wb.entry_form()"]
    assert "widgets" not in nb["metadata"] and nb["metadata"][MARKER] == {"clean_on_save": True}
    assert not needs_cleaning(nb) and clean_notebook(nb) is False


def test_cleaning_keeps_what_a_person_writes():
    nb = _dirty()
    before = cells_digest(nb)
    clean_notebook(nb)
    assert cells_digest(nb) == before
    changed = copy.deepcopy(nb)
    changed["cells"][0]["source"] = "# My notes"
    assert cells_digest(changed) != before


def test_only_marked_notebooks_are_workbook_notebooks():
    nb = _dirty()
    for mark in (None, {}, {"clean_on_save": False}, {"clean_on_save": "yes"}, "true"):
        nb["metadata"][MARKER] = mark
        assert not is_marked(nb)
    assert not is_marked({}) and not is_marked({"metadata": []})


def test_every_notebook_the_workbook_builds_is_marked():
    assert METADATA[MARKER] == {"clean_on_save": True}
    for path in sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb")):
        assert is_marked(json.loads(path.read_text())), path.name


def test_odd_notebooks_do_not_break_the_cleaner():
    for odd in ({}, {"cells": "x"}, {"cells": [1, None, "x"]}, {"cells": [{"cell_type": "markdown", "outputs": [1]}]}):
        clean_notebook(odd)
        assert not needs_cleaning(odd)
