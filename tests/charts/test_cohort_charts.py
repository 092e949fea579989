"""Charts of a cohort (workbook.charts.cohort), from small hand-made cohort frames."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from workbook import charts
from workbook.charts.cohort import requirement_columns, requirement_name, requirements_chart, words_chart

FILE_NAME = "jordan-quill-reflection.ipynb"  # a file name a student chose: it may name them


def frame(**extra) -> pd.DataFrame:
    """Four files in the layout of CohortTable.frame: three submissions and one broken file."""
    data = {
        "file": [FILE_NAME, "b.ipynb", "c.ipynb", "broken.ipynb"],
        "assignment": ["driscoll-short", "driscoll-short", "driscoll-short", None],
        "met": [True, False, False, None],
        "requirements_met": [3, 2, 1, None],
        "requirements": [3, 3, 3, None],
        "words": [620, 540, 210, None],
        "reason": ["", "", "", "is not a notebook: it could not be read as JSON (line 1)."],
        "section:so_what": [True, True, False, None],
        "words:total": [True, True, False, None],
        "elements:so_what:feelings": [True, False, None, None],
        **extra,
    }
    out = pd.DataFrame(data)
    for column in ("met", "section:so_what", "words:total", "elements:so_what:feelings"):
        out[column] = out[column].astype("boolean")
    for column in ("requirements_met", "requirements", "words", *extra):
        out[column] = out[column].astype("Int64")
    return out


def values(chart) -> list[dict]:
    spec = chart.to_dict()
    return next(iter(spec["datasets"].values()))


def counts(chart) -> dict[tuple[str, str], int]:
    return {(row["requirement"], row["status"]): row["submissions"] for row in values(chart)}


def test_requirements_are_counted_met_and_not_met_over_the_submissions_checked():
    chart = requirements_chart(frame(), sections={"so_what": "So what?"})
    assert counts(chart) == {
        ("Section: So what?", "met"): 2,
        ("Section: So what?", "not met"): 1,
        ("Whole submission (words)", "met"): 2,
        ("Whole submission (words)", "not met"): 1,
        # a requirement one submission's assignment did not have is left out, not counted as not met
        ("So what?: element feelings", "met"): 1,
        ("So what?: element feelings", "not met"): 1,
    }
    assert "over 3 submissions checked" in charts.describe(chart)
    assert "Not met by some: Section: So what? (1)" in charts.describe(chart)


def test_words_are_drawn_for_the_whole_submission_without_section_columns():
    chart = words_chart(frame())
    assert sorted(row["words"] for row in values(chart)) == [210, 540, 620]
    assert {row["section"] for row in values(chart)} == {"Whole submission"}
    assert "in the whole submission" in charts.describe(chart)
    assert "210 to 620, median 540" in charts.describe(chart)


def test_words_per_section_when_the_frame_has_them():
    f = frame(**{"words.what": [150, 120, 40, None], "words.so_what": [300, 280, 90, None]})
    assert requirement_columns(f) == ["section:so_what", "words:total", "elements:so_what:feelings"]
    chart = words_chart(f, sections={"what": "What?"})
    got = sorted((row["section"], row["words"]) for row in values(chart))
    assert got == [("So what", 90), ("So what", 280), ("So what", 300), ("What?", 40), ("What?", 120), ("What?", 150)]
    assert "per section" in charts.describe(chart)


@pytest.mark.parametrize("build", [requirements_chart, words_chart])
def test_no_chart_embeds_a_file_name_or_a_reason(build):
    text = json.dumps(build(frame()).to_dict())
    assert "jordan" not in text.lower() and ".ipynb" not in text
    assert "could not be read" not in text and "driscoll-short" not in text


def test_a_frame_with_no_submission_checked_still_draws():
    empty = frame().iloc[3:]
    assert all(row["submissions"] == 0 for row in values(requirements_chart(empty)))
    assert values(words_chart(empty)) == []
    assert "No words yet" in charts.describe(words_chart(empty))


def test_the_charts_render_as_svg_with_the_theme():
    charts.use_theme()
    for chart in (requirements_chart(frame()), words_chart(frame())):
        svg = charts.chart_to_svg(chart)
        assert svg.lstrip().startswith("<svg")
        assert ("#009E73" in svg) or ("#0072B2" in svg)  # met in green, word ticks in blue


def test_requirement_names_in_words():
    assert requirement_name("section:now_what") == "Section: Now what"
    assert requirement_name("section:now_what", {"now_what": "Now what?"}) == "Section: Now what?"
    assert requirement_name("entries:tag:anxious") == "Journal entries: tag anxious"
    assert requirement_name("entries:count") == "Journal entries: how many"
    assert requirement_name("identifiers") == "No identifiers"
