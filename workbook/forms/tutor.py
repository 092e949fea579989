"""The tutor's view of a cohort (notebook 09): check every submission in a folder at once.

A tutor types the folder where the students' assignment notebooks are and presses **Check every
submission**: each ``*.ipynb`` in it is checked (:func:`workbook.course.cohort.check_all`) while a
progress bar moves, and the view shows a summary line (how many submissions, how many meet every
requirement, and each file that is not a submission with its reason), the table (one row per
file: met or not for each requirement, and the words), two charts (how many met each
requirement; words per section) and **Save as CSV** (a private file, 0600).

Nothing here shows a student's text: the table and the charts hold file names, counts and met /
not met only (``CohortTable`` never has any text), and everything is escaped. The charts are SVG
pictures made in the kernel, so they need no network and show the same in JupyterLab, Voilà and
nbval.

CSS classes: ``wb-tutor`` (the whole view), ``wb-tutor-folder``, ``wb-tutor-check``,
``wb-tutor-progress``, ``wb-tutor-status``, ``wb-tutor-summary``, ``wb-tutor-table``,
``wb-tutor-charts``, ``wb-tutor-chart-requirements``, ``wb-tutor-chart-words``, ``wb-tutor-csv``,
``wb-tutor-save``, ``wb-tutor-save-status``, ``wb-log``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..errors import WorkbookError
from ..paths import shown
from ._common import ERROR_STYLE, NOTE_STYLE, OK_STYLE, View, css, esc, full_width, plural, section, show

__all__ = ["CourseTutor"]

# The table's headings for the cohort frame's fixed columns (requirements are named by charts.cohort).
HEADINGS = {
    "file": "File",
    "assignment": "Assignment",
    "met": "Every requirement met",
    "requirements_met": "Requirements met",
    "requirements": "Requirements",
    "words": "Words",
    "reason": "Not a submission because it",
}
FOLDER_HINT = "the folder with the students' notebooks, e.g. ~/Marking/reflective-assignment"


def _line(text: str, style: str = NOTE_STYLE, role: str | None = None) -> str:
    extra = f" role='{role}'" if role else ""
    return f"<span style='{style}'{extra}>{esc(text)}</span>"


def _section_titles(table: Any) -> dict[str, str]:
    """Section id -> title, from the assignments the submissions name (bundled or the tutor's own);
    ids put in words instead when the assignments cannot be read."""
    from ..content.assignments import load_assignments

    names = {row.assignment for row in table.checked if row.assignment}
    try:
        assignments = load_assignments()
    except WorkbookError:
        return {}
    titles: dict[str, str] = {}
    for name in sorted(names):
        if name in assignments:
            for part in assignments[name].sections:
                titles.setdefault(part.id, part.title)
    return titles


class CourseTutor(View):
    """Check every submission in a folder: a summary, a table, charts and a CSV file.

    Parameters
    ----------
    folder
        Where the submissions are (shown in the folder box, which the tutor can change).
        None: the box starts empty and nothing is checked until a folder is typed.
    today
        The date used in the CSV file's default name (``cohort-<date>.csv``).
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None, *, today: dt.date | None = None) -> None:
        self.today = today
        self.table: Any = None  # the CohortTable of the last check
        self.checked_folder: Path | None = None
        self.folder = css(
            w.Text(
                value=shown(Path(folder).expanduser()) if folder is not None else "",
                description="Folder",
                placeholder=FOLDER_HINT,
                layout=full_width(),
            ),
            "wb-tutor-folder",
        )
        self.check_button = css(
            w.Button(description="Check every submission", button_style="primary", layout=w.Layout(width="auto")),
            "wb-tutor-check",
        )
        self.progress = css(w.IntProgress(value=0, min=0, max=1, description="Checked"), "wb-tutor-progress")
        show(self.progress, False)
        self.status = css(w.HTML(""), "wb-tutor-status")
        self.summary = css(w.HTML(""), "wb-tutor-summary")
        self.table_html = css(w.HTML(""), "wb-tutor-table")
        self.charts_box = css(w.VBox([]), "wb-tutor-charts")
        self.csv_path = css(w.Text(value="", description="CSV file", layout=full_width()), "wb-tutor-csv")
        self.save_button = css(
            w.Button(description="Save as CSV", disabled=True, layout=w.Layout(width="auto")), "wb-tutor-save"
        )
        self.save_status = css(w.HTML(""), "wb-tutor-save-status")
        self.results = w.VBox(
            [
                self.summary,
                section("The table"),
                self.table_html,
                self.charts_box,
                section("Keep the table"),
                self.csv_path,
                self.save_button,
                self.save_status,
            ]
        )
        show(self.results, False)
        self.log = css(w.Output(), "wb-log")
        self.check_button.on_click(self._guard(self.check))
        self.save_button.on_click(self._guard(self.save))
        self.widget = css(
            w.VBox(
                [
                    w.HTML(_line("Type " + FOLDER_HINT + ", then press Check every submission.")),
                    self.folder,
                    self.check_button,
                    self.progress,
                    self.status,
                    self.results,
                    self.log,
                ]
            ),
            "wb-tutor",
        )

    # -- checking ------------------------------------------------------------------------------
    def _refuse(self, message: str) -> None:
        self.status.value = _line("⚠ " + message, ERROR_STYLE, "alert")
        show(self.progress, False)

    def _folder(self) -> Path | None:
        text = self.folder.value.strip()
        if not text:
            self._refuse("Type the folder where the submissions are first.")
            return None
        folder = Path(text).expanduser()
        if not folder.exists():
            self._refuse(f"There is no folder at {shown(folder)}. Check the spelling, then try again.")
            return None
        if not folder.is_dir():
            self._refuse(f"{shown(folder)} is a file, not a folder. Type the folder it is in.")
            return None
        return folder

    def _progress(self, done: int, total: int) -> None:
        self.progress.max = max(total, 1)
        self.progress.value = done

    def check(self) -> Any:
        """Check every notebook in the folder typed; returns the CohortTable (None if refused)."""
        from ..course.cohort import check_all, notebooks_in

        self.table = None
        self.checked_folder = None
        show(self.results, False)
        self.save_button.disabled = True
        self.save_status.value = ""
        folder = self._folder()
        if folder is None:
            return None
        try:
            files = notebooks_in(folder)
        except WorkbookError:
            self._refuse(f"{shown(folder)} could not be read as a folder.")
            return None
        if not files:
            self._refuse(
                f"There are no notebooks (.ipynb files) in {shown(folder)}. "
                "Put the students' submissions there, or type the folder they are in."
            )
            return None
        self.progress.max, self.progress.value = len(files), 0
        show(self.progress, True)
        self.status.value = _line(f"Checking {plural(len(files), 'notebook')}…")
        self.check_button.disabled = True  # one check at a time
        try:
            table = check_all(folder, progress=self._progress)
        except WorkbookError as exc:  # a broken assignment file of the tutor's own, named by file and line
            self._refuse(f"The submissions could not be checked: {exc}")
            return None
        finally:
            self.check_button.disabled = False
        self.table, self.checked_folder = table, folder
        self.status.value = _line(f"Checked {plural(len(table.rows), 'file')} in {shown(folder)}.", OK_STYLE)
        self._show(table)
        return table

    # -- showing -------------------------------------------------------------------------------
    def _show(self, table: Any) -> None:
        self.summary.value = self._summary_html(table)
        self.table_html.value = self._table_html(table)
        self.charts_box.children = self._charts(table)
        day = self.today or dt.date.today()
        assert self.checked_folder is not None
        self.csv_path.value = shown(self.checked_folder / f"cohort-{day.isoformat()}.csv")
        self.save_button.disabled = False
        show(self.results, True)

    @staticmethod
    def summary_text(table: Any) -> str:
        """The summary line: submissions, how many meet every requirement, files not submissions."""
        checked = table.checked
        met = sum(1 for row in checked if row.met)
        others = table.not_submissions
        meets = "meets" if met == 1 else "meet"
        parts = [plural(len(checked), "submission"), f"{met} {meets} every requirement"]
        parts.append(
            f"{plural(len(others), 'file')} that {'is' if len(others) == 1 else 'are'} not "
            f"{'a submission' if len(others) == 1 else 'submissions'}"
        )
        return ", ".join(parts) + "."

    def _summary_html(self, table: Any) -> str:
        items = "".join(f"<li><b>{esc(row.file)}</b> {esc(row.reason)}</li>" for row in table.not_submissions)
        listed = f"<ul style='margin:0.2em 0'>{items}</ul>" if items else ""
        return f"<p style='margin:0.5em 0 0.2em'><b>{esc(self.summary_text(table))}</b></p>{listed}" + _line(
            "The check counts and applies the assignment's rules; it never gives a mark. "
            "The elements of reflection it finds are a prompt for your feedback, not a judgement."
        )

    @staticmethod
    def _table_html(table: Any) -> str:
        import pandas as pd

        from ..charts.cohort import requirement_name

        frame = table.frame.copy()
        for column in frame.columns:
            kind = str(frame[column].dtype)
            if kind == "boolean":
                frame[column] = frame[column].astype(object).map(lambda v: "" if pd.isna(v) else ("yes" if v else "no"))
            elif kind == "Int64":
                frame[column] = frame[column].astype(object).map(lambda v: "" if pd.isna(v) else str(v))
        titles = _section_titles(table)
        frame.columns = [HEADINGS.get(c) or requirement_name(c, titles) for c in frame.columns]
        return (
            "<div style='overflow-x:auto;max-height:28em;overflow-y:auto'>"
            + frame.to_html(index=False, na_rep="", escape=True, border=0, classes="wb-tutor-frame")
            + "</div>"
        )

    @staticmethod
    def _charts(table: Any) -> list[w.Widget]:
        from .. import charts
        from ..charts.cohort import requirements_chart, words_chart

        if not table.checked:
            return [w.HTML(_line("No file in the folder is a submission, so there is nothing to chart."))]
        charts.use_theme()
        frame = table.frame
        boxes = []
        titles = _section_titles(table)
        made = (
            ("requirements", requirements_chart(frame, sections=titles)),
            ("words", words_chart(frame, sections=titles)),
        )
        for key, chart in made:
            boxes.append(
                css(
                    w.VBox([w.HTML(charts.chart_to_svg(chart)), w.HTML(_line(charts.describe(chart)))]),
                    "wb-tutor-chart",
                    f"wb-tutor-chart-{key}",
                )
            )
        return boxes

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> Path | None:
        """Write the table to the CSV path typed (relative paths are inside the folder checked)."""
        if self.table is None or self.checked_folder is None:
            self.save_status.value = _line("⚠ Check the submissions first.", ERROR_STYLE, "alert")
            return None
        text = self.csv_path.value.strip()
        if not text:
            self.save_status.value = _line("⚠ Type a name for the CSV file first.", ERROR_STYLE, "alert")
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.checked_folder / path
        if path.suffix.lower() == ".ipynb":
            self.save_status.value = _line("⚠ Give the file a name ending in .csv.", ERROR_STYLE, "alert")
            return None
        if path.is_dir():
            self.save_status.value = _line(
                f"⚠ {shown(path)} is a folder: add a file name ending in .csv.", ERROR_STYLE, "alert"
            )
            return None
        if not path.parent.is_dir():
            self.save_status.value = _line(f"⚠ There is no folder at {shown(path.parent)}.", ERROR_STYLE, "alert")
            return None
        try:
            written = self.table.to_csv(path)
        except OSError as exc:
            self.save_status.value = _line(
                f"⚠ The file could not be written ({exc.strerror or type(exc).__name__}).", ERROR_STYLE, "alert"
            )
            return None
        self.save_status.value = _line(
            f"Saved {shown(written)} (only you can read it). It holds no student's text.", OK_STYLE
        )
        return written
