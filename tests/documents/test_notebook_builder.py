"""The notebook builder: cells become a valid notebook with hidden code, fixed metadata and
stable ids, rendered to the same bytes every time; nbgrader cells carry schema v3 metadata."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import nbformat
import pytest

from workbook.documents import (
    HIDDEN,
    METADATA,
    NBGRADER_KINDS,
    Cell,
    build,
    cell_id,
    code,
    md,
    nbgrader_cell,
    refs,
    render,
)

CELLS = [
    md(
        """
        # A title

        Some prose, indented as in a guide.
        """,
        id="aaaa0001",
    ),
    code(
        """
        import workbook as wb

        wb.templates()
        """
    ),
    md("## More"),
    refs("Schön D. 1983. *The Reflective Practitioner*.", "Gibbs G. 1988. *Learning by Doing*."),
]


# -- cells ------------------------------------------------------------------------------------------
def test_md_dedents_strips_and_substitutes():
    cell = md(
        """
        # Title

        scale: **@SCALE@**, and @UNKNOWN@ stays
        """,
        id="x1",
        substitutions={"SCALE": "0 = calm, 10 = distressed"},
    )
    assert cell == Cell("markdown", "# Title\n\nscale: **0 = calm, 10 = distressed**, and @UNKNOWN@ stays", "x1")


def test_md_without_substitutions_keeps_at_signs():
    assert md("mail @NAME@").text == "mail @NAME@"


def test_code_dedents_and_is_hidden_by_default():
    cell = code(
        """
            import workbook as wb
            wb.vocabulary()
        """
    )
    assert cell.kind == "code" and cell.text == "import workbook as wb\nwb.vocabulary()"
    assert cell.hidden is True and cell.id is None


def test_refs_is_one_bullet_per_reference():
    assert CELLS[3].text == (
        "### References\n\n* Schön D. 1983. *The Reflective Practitioner*.\n* Gibbs G. 1988. *Learning by Doing*."
    )


def test_cells_are_values():
    assert md("a", id="1") == md("a", id="1")
    assert hash(md("a", id="1")) == hash(md("a", id="1"))


# -- building -------------------------------------------------------------------------------------
def test_build_makes_a_valid_clean_notebook():
    nb = build("99_example", CELLS)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata == METADATA
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown", "markdown"]
    assert [c.source for c in nb.cells] == [c.text for c in CELLS]
    (cell,) = [c for c in nb.cells if c.cell_type == "code"]
    assert cell.outputs == [] and cell.execution_count is None


def test_code_cells_are_hidden_and_markdown_cells_carry_no_metadata():
    nb = build("99_example", CELLS)
    assert nb.cells[1].metadata == {"jupyter": {"source_hidden": True}, "tags": ["hide-input"]} == HIDDEN
    assert all(c.metadata == {} for c in nb.cells if c.cell_type == "markdown")


def test_a_code_cell_can_be_shown():
    nb = build("99_example", [md("# t"), code("1 + 1", hidden=False)])
    assert nb.cells[1].metadata == {}


def test_extra_metadata_is_merged_after_hiding():
    nb = build("99_example", [md("# t"), code("x = 1", metadata={"tags": ["raises-exception"], "deletable": False})])
    assert nb.cells[1].metadata == {
        "jupyter": {"source_hidden": True},
        "tags": ["raises-exception"],
        "deletable": False,
    }


def test_building_never_changes_the_shared_metadata():
    before = json.dumps([HIDDEN, METADATA], sort_keys=True)
    nb = build("99_example", CELLS)
    nb.cells[1].metadata["tags"].append("changed")
    nb.cells[1].metadata["jupyter"]["source_hidden"] = False
    nb.metadata["kernelspec"]["name"] = "other"
    assert json.dumps([HIDDEN, METADATA], sort_keys=True) == before
    assert build("99_example", CELLS).cells[1].metadata == HIDDEN


def test_an_unknown_cell_kind_is_refused():
    with pytest.raises(ValueError, match="kind must be"):
        build("99_example", [md("# t"), Cell("raw", "x")])


# -- cell ids ---------------------------------------------------------------------------------------
def test_given_ids_are_kept_and_the_others_come_from_name_and_place():
    nb = build("99_example", CELLS)
    assert nb.cells[0].id == "aaaa0001"
    assert nb.cells[1].id == hashlib.sha256(b"99_example:1").hexdigest()[:8]
    assert [c.id for c in nb.cells] == [cell_id("99_example", i, c) for i, c in enumerate(CELLS)]
    assert len({c.id for c in nb.cells}) == len(nb.cells)


def test_cell_ids_are_stable_across_builds_and_differ_between_notebooks():
    first = [c.id for c in build("99_example", CELLS).cells]
    assert first == [c.id for c in build("99_example", CELLS).cells]
    other = [c.id for c in build("98_other", CELLS).cells]
    assert other[0] == first[0]  # a given id is the cell's own
    assert other[1:] != first[1:]


def test_a_derived_id_depends_on_place_not_text():
    assert cell_id("n", 2, md("one")) == cell_id("n", 2, md("two"))
    assert cell_id("n", 2, md("one")) != cell_id("n", 3, md("one"))


# -- rendering --------------------------------------------------------------------------------------
def test_render_is_deterministic_and_round_trips():
    text = render(build("99_example", CELLS))
    assert text == render(build("99_example", CELLS))
    assert text.endswith("}\n") and not text.endswith("\n\n")  # one final newline, as JupyterLab writes
    again = nbformat.reads(text, as_version=4)
    assert render(again) == text
    assert json.loads(text)["cells"][1]["metadata"] == HIDDEN


def test_importing_the_documents_package_loads_no_nbformat(child_env, tmp_path):
    code_ = "import sys, workbook.documents; print('nbformat' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code_], capture_output=True, text=True, check=True, env=child_env, cwd=tmp_path
    )
    assert out.stdout.strip() == "False"


# -- nbgrader (cell metadata schema version 3) -------------------------------------------------------
# The keys nbgrader's v3 schema allows, and those it requires.
V3_KEYS = {"schema_version", "grade", "locked", "solution", "task", "grade_id", "points", "checksum", "cell_type"}
V3_REQUIRED = {"schema_version", "grade", "locked", "solution"}


@pytest.mark.parametrize(
    ("kind", "points", "flags"),
    [
        ("manual", 5, {"grade": True, "solution": True, "locked": False, "task": False}),
        ("task", 2.5, {"grade": False, "solution": False, "locked": True, "task": True}),
        ("solution", None, {"grade": False, "solution": True, "locked": False, "task": False}),
        ("tests", 0, {"grade": True, "solution": False, "locked": True, "task": False}),
        ("readonly", None, {"grade": False, "solution": False, "locked": True, "task": False}),
    ],
)
def test_nbgrader_cell_writes_schema_v3_metadata(kind, points, flags):
    meta = nbgrader_cell(kind, f"q1-{kind}_a", points)
    assert set(meta) == {"nbgrader"}
    nb = meta["nbgrader"]
    assert V3_REQUIRED <= set(nb) <= V3_KEYS
    assert nb["schema_version"] == 3
    assert nb["grade_id"] == f"q1-{kind}_a"
    assert {k: nb[k] for k in flags} == flags
    if points is None:
        assert "points" not in nb
    else:
        assert nb["points"] == points
    assert all(isinstance(nb[k], bool) for k in ("grade", "solution", "locked", "task"))


def test_nbgrader_kinds_are_the_five_of_nbgrader():
    assert set(NBGRADER_KINDS) == {"manual", "task", "solution", "tests", "readonly"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("autograded", "q1", 1), "kind must be one of"),
        (("manual", "", 1), "grade id"),
        (("manual", "q 1", 1), "grade id"),
        (("manual", "q1/a", 1), "grade id"),
        (("manual", "q1", None), "needs points"),
        (("tests", "q1", -1), "needs points"),
        (("task", "q1", True), "needs points"),
        (("task", "q1", float("nan")), "needs points"),
        (("manual", "q1", "3"), "needs points"),
        (("solution", "q1", 1), "carries no points"),
        (("readonly", "q1", 0), "carries no points"),
    ],
)
def test_nbgrader_cell_refuses_what_nbgrader_would(args, message):
    with pytest.raises(ValueError, match=message):
        nbgrader_cell(*args)


def test_nbgrader_metadata_is_built_into_the_notebook():
    cells = [
        md("# Assignment"),
        md("Describe the conversation.", metadata=nbgrader_cell("task", "describe", 3)),
        md("Your reflection here", metadata=nbgrader_cell("manual", "reflect", 5)),
        code("answer = None", hidden=False, metadata=nbgrader_cell("solution", "answer")),
        code("assert answer is not None", metadata=nbgrader_cell("tests", "answer-test", 1)),
    ]
    nb = nbformat.reads(render(build("07_course", cells)), as_version=4)
    assert [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells] == [
        None,
        "describe",
        "reflect",
        "answer",
        "answer-test",
    ]
    assert nb.cells[3].metadata == {"nbgrader": nbgrader_cell("solution", "answer")["nbgrader"]}
    assert nb.cells[4].metadata["jupyter"] == {"source_hidden": True}
    assert nb.cells[4].metadata["nbgrader"]["points"] == 1


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (code("x", metadata=nbgrader_cell("task", "t", 1)), "task cell cannot be a code cell"),
        (md("x", metadata=nbgrader_cell("solution", "s")), "solution cell cannot be a markdown cell"),
        (md("x", metadata=nbgrader_cell("tests", "t", 1)), "tests cell cannot be a markdown cell"),
    ],
)
def test_build_refuses_an_nbgrader_kind_on_the_wrong_cell_type(cell, message):
    with pytest.raises(ValueError, match=message):
        build("07_course", [md("# t"), cell])


def test_build_refuses_a_grade_id_used_twice():
    cells = [
        md("# t"),
        md("a", metadata=nbgrader_cell("manual", "q1", 1)),
        code("b", metadata=nbgrader_cell("readonly", "q1")),
    ]
    with pytest.raises(ValueError, match="used twice"):
        build("07_course", cells)
