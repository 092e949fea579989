"""Charts of a cohort's submissions, from the cohort table's frame only (``CohortTable.frame``).

Two builders, each a pure function of the frame (they never read a file or a notebook):

* :func:`requirements_chart` — for each requirement, how many submissions met it and how many
  did not (files that are not submissions, and requirements an assignment does not have, are
  left out);
* :func:`words_chart` — how many words each submission has, one mark per submission: per
  section when the frame has a ``words.<section id>`` column for it, and for the whole
  submission (the ``words`` column) otherwise.

What a chart embeds: requirement names with counts, and section names with word counts. Never
a file name (a student may name a file after themselves), an assignment's reason or any text.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from ._encode import _finish, _only
from .theme import OKABE_ITO

__all__ = ["SECTION_WORDS_PREFIX", "requirement_columns", "requirement_name", "requirements_chart", "words_chart"]

# Columns of the cohort frame that are not requirements (course.cohort.FIXED_COLUMNS, repeated
# here because charts sit below course in the layering).
_FIXED = ("file", "assignment", "met", "requirements_met", "requirements", "words", "reason")
SECTION_WORDS_PREFIX = "words."
STATUS_COLOURS = {"met": OKABE_ITO[2], "not met": "#D55E00"}  # bluish green, vermilion
_KIND_NAMES = {
    "section": "Section",
    "words": "Words",
    "entries": "Journal entries",
    "elements": "Elements",
}
_SINGLE_NAMES = {
    "words:total": "Whole submission (words)",
    "confidentiality": "Confidentiality statement",
    "mappings": "Mappings ticked",
    "identifiers": "No identifiers",
    "depth": "Depth of reflection",
}


def requirement_columns(frame: pd.DataFrame) -> list[str]:
    """The frame's requirement columns, in its order (not the fixed ones, not section words)."""
    return [c for c in frame.columns if c not in _FIXED and not str(c).startswith(SECTION_WORDS_PREFIX)]


def _words_of(key: str) -> str:
    return key.replace("_", " ").replace("-", " ")


def requirement_name(requirement: str, sections: Mapping[str, str] | None = None) -> str:
    """A requirement id in words: ``section:so_what`` -> ``Section: so what``,
    ``elements:so_what:feelings`` -> ``So what: element feelings``; ``sections`` maps a section id
    to its title (else the id is put in words)."""
    if requirement in _SINGLE_NAMES:
        return _SINGLE_NAMES[requirement]
    kind, _, rest = requirement.partition(":")
    if not rest:
        return _words_of(requirement).capitalize()

    def title(section_id: str) -> str:
        return (sections or {}).get(section_id) or _words_of(section_id).capitalize()

    if kind == "section":
        return f"Section: {title(rest)}"
    if kind == "elements" and ":" in rest:
        section_id, _, element = rest.partition(":")
        return f"{title(section_id)}: element {_words_of(element)}"
    if kind == "entries":
        what, _, tag = rest.partition(":")
        if what == "tag":
            return f"Journal entries: tag {tag}"
        return {"count": "Journal entries: how many", "span": "Journal entries: days covered"}.get(
            what, f"Journal entries: {_words_of(rest)}"
        )
    return f"{_KIND_NAMES.get(kind, _words_of(kind).capitalize())}: {_words_of(rest)}"


def _checked(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of submissions that were checked (``met`` not missing)."""
    return frame[frame["met"].notna()] if "met" in frame.columns else frame.iloc[0:0]


def requirements_chart(frame: pd.DataFrame, *, sections: Mapping[str, str] | None = None) -> alt.Chart:
    """How many submissions met each requirement, and how many did not (horizontal stacked bars).

    Requirements are named by :func:`requirement_name`; ``sections`` maps section ids to titles."""
    checked = _checked(frame)
    rows = []
    for order, column in enumerate(requirement_columns(frame)):
        values = checked[column].dropna().astype(bool)
        name = requirement_name(column, sections)
        rows.append({"requirement": name, "order": order, "status": "met", "submissions": int(values.sum())})
        rows.append({"requirement": name, "order": order, "status": "not met", "submissions": int((~values).sum())})
    data = _only(
        pd.DataFrame(rows, columns=["requirement", "order", "status", "submissions"]),
        ["requirement", "order", "status", "submissions"],
    )
    names = list(dict.fromkeys(data["requirement"]))
    chart = (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            y=alt.Y("requirement:N", title=None, sort=names, axis=alt.Axis(labelLimit=260)),
            x=alt.X("submissions:Q", title="Submissions", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "status:N",
                title="Requirement",
                scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
                sort=list(STATUS_COLOURS),
            ),
            order=alt.Order("status:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("requirement:N", title="Requirement"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("submissions:Q", title="Submissions"),
            ],
        )
        .properties(height=alt.Step(22))
    )
    n = len(checked)
    unmet = [f"{r['requirement']} ({r['submissions']})" for r in rows if r["status"] == "not met" and r["submissions"]]
    description = (
        f"Bar chart of {len(names)} requirements over {n} submission{'' if n == 1 else 's'} checked: "
        "each bar shows how many met the requirement (green) and how many did not (vermilion). "
        + (f"Not met by some: {'; '.join(unmet)}." if unmet else "Every submission met every requirement shown.")
    )
    return _finish(chart, "How many submissions met each requirement", description)


def _section_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if str(c).startswith(SECTION_WORDS_PREFIX)]


def words_chart(frame: pd.DataFrame, *, sections: Mapping[str, str] | None = None) -> alt.Chart:
    """Words per section, one tick per submission (or words in the whole submission when the
    frame has no ``words.<section id>`` columns); ``sections`` maps a section id to its title."""
    checked = _checked(frame)
    columns = _section_columns(frame)
    rows = []
    names: list[str] = []
    if columns:
        for column in columns:
            section = column[len(SECTION_WORDS_PREFIX) :]
            name = (sections or {}).get(section) or _words_of(section).capitalize()
            names.append(name)
            rows += [{"section": name, "words": int(v)} for v in checked[column].dropna()]
    else:
        names = ["Whole submission"]
        if "words" in checked.columns:
            rows = [{"section": names[0], "words": int(v)} for v in checked["words"].dropna()]
    data = _only(pd.DataFrame(rows, columns=["section", "words"]), ["section", "words"])
    ticks = (
        alt.Chart(data)
        .mark_tick(thickness=2, color=OKABE_ITO[0], opacity=0.8)
        .encode(
            y=alt.Y("section:N", title=None, sort=names, axis=alt.Axis(labelLimit=260)),
            x=alt.X("words:Q", title="Words", scale=alt.Scale(zero=True)),
            tooltip=[alt.Tooltip("section:N", title="Section"), alt.Tooltip("words:Q", title="Words")],
        )
    )
    medians = (
        alt.Chart(data)
        .mark_point(shape="diamond", filled=True, size=70, color=OKABE_ITO[1])
        .encode(
            y=alt.Y("section:N", sort=names),
            x=alt.X("median(words):Q"),
            tooltip=[alt.Tooltip("section:N", title="Section"), alt.Tooltip("median(words):Q", title="Median words")],
        )
    )
    chart = alt.layer(ticks, medians).properties(height=alt.Step(28))
    n = len(checked)
    parts = []
    for name in names:
        values = data.loc[data["section"] == name, "words"]
        if len(values):
            parts.append(f"{name}: {int(values.min())} to {int(values.max())}, median {values.median():g}")
    what = "per section" if columns else "in the whole submission"
    description = (
        f"Words written {what} by the {n} submission{'' if n == 1 else 's'} checked, one blue tick per "
        "submission and an orange diamond at the median. " + ("; ".join(parts) + "." if parts else "No words yet.")
    )
    return _finish(chart, f"Words {what}", description)
