"""Course work: a student's assignment notebook (notebook 08).

:class:`CourseAssignment` (``wb.course_assignment()``), for a student, in two parts:

1. **Start an assignment**: choose one of the assignments (``content.assignments``; what it
   asks is shown under the choice in plain words: its sections and their lengths, the
   framework to map to, the depth expected), pick journal entries to pull in (de-identified
   by ``course.student``), and **Create my assignment notebook** writes it into the private
   assignments folder (``paths.assignments_dir()``), showing where (the home folder as ``~``)
   and, when that folder is under this notebook's own, a link that opens it in JupyterLab.
2. **Check my assignment**: choose one of the notebooks in that folder (newest first) and
   **Check** runs ``course.check.check_submission`` on the saved file: one line per
   requirement, met or not met in words as well as ✓ / ✗ and colour, and for each written
   section the elements of reflection found (``course.elements``), with the sentences that
   show each, escaped. Those sentences are the student's own writing, shown to them in their
   own session only: never in a status line, a message or the repr.
3. **Hand it in**: **Make the web page to hand in** writes the chosen notebook as one offline
   web page beside it (``course.submission.export_submission``), only when the leak check
   finds nothing in it; a refusal names each finding by kind and part, never the words.

Status lines give counts, file names and assignment titles only.

CSS classes: ``wb-course-assignment`` (the whole form), ``wb-ca-assignment``, ``wb-ca-about``,
``wb-ca-entries``, ``wb-ca-create``, ``wb-ca-create-status``, ``wb-error-course-create``,
``wb-ca-submission``, ``wb-ca-refresh``, ``wb-ca-check``, ``wb-ca-check-status``,
``wb-error-course-check``, ``wb-ca-checklist``, ``wb-ca-requirement`` (one line, with
``wb-ca-met`` or ``wb-ca-not-met``), ``wb-ca-elements``, ``wb-ca-section-<id>``, ``wb-ca-export``,
``wb-ca-export-status``, ``wb-error-course-export``, ``wb-log``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import ipywidgets as w

from ..errors import ValidationError, WorkbookError
from ..paths import shown
from ._common import (
    ERROR_STYLE,
    NOTE_STYLE,
    OK_STYLE,
    View,
    css,
    css_id,
    error_label,
    esc,
    full_width,
    note,
    plural,
    section,
    set_error,
    short,
)

PICK_LIMIT = 500  # entries offered to pull in, newest first
SUBMISSION_LIMIT = 200  # assignment notebooks offered to check, newest first
MET_STYLE = OK_STYLE
NOT_MET_STYLE = ERROR_STYLE


def assignment_summary(assignment: Any) -> str:
    """What ``assignment`` asks, in plain words, as HTML (everything escaped)."""
    from ..models import DEPTHS

    labels = _element_labels()
    rows = []
    for part in assignment.sections:
        bits = [f"<b>{esc(part.title)}</b>"]
        if part.words:
            bits.append(esc(part.words.label))
        if part.elements:
            bits.append("should show " + esc(", ".join(labels.get(e, e).lower() for e in part.elements)))
        rows.append("<li>" + " · ".join(bits) + "</li>")
    lines = [f"<p style='margin:0.3em 0'>{esc(assignment.introduction)}</p>"]
    lines.append(f"<p style='margin:0.3em 0'><b>Sections</b> ({len(assignment.sections)}):</p><ul>{''.join(rows)}</ul>")
    more = []
    if assignment.word_limit:
        more.append(f"Length in all: {assignment.word_limit.label}.")
    if assignment.mappings:
        m = assignment.mappings
        more.append(f"Map your work to {m.name}: tick at least {plural(m.min, 'item')} of {len(m.options)}.")
    if assignment.depth:
        more.append(f"Depth of reflection expected: at least {DEPTHS.get(assignment.depth, assignment.depth)}.")
    journal = assignment.journal
    if journal and journal.min_entries:
        wanted = f"Pull in at least {plural(journal.min_entries, 'journal entry', 'journal entries')}"
        if journal.span_days:
            wanted += f", covering at least {plural(journal.span_days, 'day')}"
        more.append(wanted + ".")
    more.append("The notebook ends with a confidentiality statement for you to keep.")
    lines.append(f"<p style='{NOTE_STYLE};margin:0.3em 0'>" + " ".join(esc(m) for m in more) + "</p>")
    return "".join(lines)


def _element_labels() -> dict[str, str]:
    from ..course.elements import ELEMENTS

    return {e.id: e.label for e in ELEMENTS}


def lab_link(path: Path, here: Path | None = None) -> str | None:
    """A relative link (URL-quoted) from this notebook's folder (``here``, default the kernel's
    working folder, which JupyterLab sets to the notebook's) to ``path``, or None when
    ``path`` is not under it (JupyterLab could not open it from here)."""
    here = Path.cwd() if here is None else here
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(here))
    except ValueError:
        return None
    return "/".join(quote(part) for part in relative.parts)


class CourseAssignment(View):
    """Start an assignment notebook from a chosen assignment and journal entries; check a saved one.

    Parameters
    ----------
    journal
        An open journal (``wb.open_journal()``); ``wb.course_assignment()`` gives the default one.
    folder
        Where assignment notebooks are written and looked for (default: ``paths.assignments_dir()``).
    """

    def __init__(self, journal: Any, *, folder: Any = None) -> None:
        from ..content.assignments import load_assignments

        self.journal = journal
        self.folder = folder
        self.library = load_assignments(warn=False)
        self.written: Path | None = None
        self.report: Any = None

        # -- 1. start ---------------------------------------------------------------------
        options = [(short(a.title, 90), a.id) for a in self.library.values()]
        self.assignment = css(
            w.Dropdown(
                options=options,
                value=options[0][1] if options else None,
                description="Assignment",
                layout=full_width(),
            ),
            "wb-ca-assignment",
        )
        self.about = css(w.HTML(""), "wb-ca-about")
        self.entries = css(
            w.SelectMultiple(options=self._entry_options(), rows=8, description="Entries", layout=full_width()),
            "wb-ca-entries",
        )
        self.create_button = css(
            w.Button(
                description="Create my assignment notebook", button_style="primary", layout=w.Layout(width="auto")
            ),
            "wb-ca-create",
        )
        self.create_status = css(w.HTML(""), "wb-ca-create-status")
        self.create_error = error_label("course-create")

        # -- 2. check ---------------------------------------------------------------------
        self.submission = css(
            w.Dropdown(options=[], value=None, description="Notebook", layout=w.Layout(width="36em")),
            "wb-ca-submission",
        )
        self.refresh_button = css(
            w.Button(
                description="Look again",
                tooltip="List the notebooks in the folder again",
                layout=w.Layout(width="auto"),
            ),
            "wb-ca-refresh",
        )
        self.check_button = css(w.Button(description="Check", button_style="primary"), "wb-ca-check")
        self.check_status = css(w.HTML(""), "wb-ca-check-status")
        self.check_error = error_label("course-check")
        self.checklist = css(w.HTML(""), "wb-ca-checklist")
        self.elements = css(w.HTML(""), "wb-ca-elements")

        # -- 3. hand in -------------------------------------------------------------------
        self.export_button = css(
            w.Button(description="Make the web page to hand in", layout=w.Layout(width="auto")), "wb-ca-export"
        )
        self.export_status = css(w.HTML(""), "wb-ca-export-status")
        self.export_error = error_label("course-export")
        self.log = css(w.Output(), "wb-log")

        self.assignment.observe(lambda _: self._show_about(), "value")
        self.create_button.on_click(self._guard(self.create))
        self.refresh_button.on_click(self._guard(self.refresh))
        self.check_button.on_click(self._guard(self.check))
        self.export_button.on_click(self._guard(self.export))

        self.widget = css(
            w.VBox(
                [
                    section("1. Start an assignment"),
                    self.assignment,
                    self.about,
                    w.HTML("<b>Journal entries to pull in</b>"),
                    self.entries,
                    note(
                        "Newest first. Ctrl or ⌘ to choose more than one. The entries you choose are copied into the "
                        "notebook de-identified: names in your people register become their pseudonyms, other "
                        "possible names, phone numbers and addresses become labels. Your journal is not changed."
                    ),
                    w.HBox([self.create_button]),
                    self.create_error,
                    self.create_status,
                    section("2. Check my assignment"),
                    note(
                        "Save the assignment notebook first (Ctrl+S, or ⌘+S on a Mac): the check reads the file as "
                        "it was last saved."
                    ),
                    w.HBox([self.submission, self.refresh_button, self.check_button]),
                    self.check_error,
                    self.check_status,
                    self.checklist,
                    self.elements,
                    section("3. Hand it in"),
                    note(
                        "Hand in the notebook itself, or, if your course asks for a web page, make one here from the "
                        "notebook chosen above (saved first). It holds your answers, the domains you ticked, the depth, "
                        "the confidentiality statement and the entries you pulled in; it is written only if nothing "
                        "in it looks like a name from your register, a phone number or an address."
                    ),
                    w.HBox([self.export_button]),
                    self.export_error,
                    self.export_status,
                    self.log,
                ]
            ),
            "wb-course-assignment",
        )
        self._show_about()
        self.refresh()
        if not options:
            self.create_button.disabled = True
            self._say(
                self.create_status, "No assignments could be read: ask your tutor for the assignment file.", ok=False
            )

    # -- starting -------------------------------------------------------------------------------
    def _entry_options(self) -> list[tuple[str, str]]:
        ids = self.journal.entry_ids()[-PICK_LIMIT:]
        entries = self.journal.load(list(reversed(ids)))
        return [(f"{e.occurred_on:%d %b %Y} · {short(e.title, 70)}", e.id) for e in entries]

    def _chosen(self) -> Any:
        return self.library.get(self.assignment.value) if self.assignment.value else None

    def _show_about(self) -> None:
        chosen = self._chosen()
        self.about.value = assignment_summary(chosen) if chosen else ""

    def _folder(self) -> Path:
        from ..paths import assignments_dir

        return assignments_dir() if self.folder is None else Path(self.folder).expanduser()

    def create(self) -> Path | None:
        """Write the notebook for the chosen assignment with the chosen entries; its path, or None."""
        from ..course.student import new_assignment_notebook

        set_error(self.create_error, None)
        chosen = self._chosen()
        if chosen is None:
            set_error(self.create_error, "Choose an assignment first.")
            return None
        entry_ids = list(self.entries.value)
        try:
            path = new_assignment_notebook(chosen, journal=self.journal, entry_ids=entry_ids, folder=self._folder())
        except WorkbookError as exc:
            reason = exc.reason if isinstance(exc, ValidationError) else str(exc)
            set_error(self.create_error, f"Not written: {reason}")
            self.create_status.value = ""
            return None
        self.written = path
        link = lab_link(path)
        opener = (
            f" <a href='{esc(link)}' target='_blank' class='wb-ca-open'>Open it in JupyterLab</a>"
            if link
            else " Open it from JupyterLab's file browser (the folder icon on the left)."
        )
        pulled = plural(len(entry_ids), "journal entry", "journal entries")
        self.create_status.value = (
            f"<div style='{OK_STYLE}' role='status'><b>Written</b>, readable by you only, with {esc(pulled)} "
            f"pulled in: <code>{esc(shown(path))}</code>.{opener}</div>"
            f"<span style='{NOTE_STYLE}'>Write your answers in that notebook and save it; then come back here "
            "and check it.</span>"
        )
        self.refresh()
        self.submission.value = str(path)
        return path

    # -- checking -------------------------------------------------------------------------------
    def _submission_options(self) -> list[tuple[str, str]]:
        folder = self._folder()
        try:
            files = [p for p in folder.glob("*.ipynb") if p.is_file()]
        except OSError:
            return []
        files.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
        return [(p.name, str(p)) for p in files[:SUBMISSION_LIMIT]]

    def refresh(self) -> None:
        """List the assignment notebooks in the folder again (newest first)."""
        keep = self.submission.value
        options = self._submission_options()
        self.submission.options = options
        values = [v for _, v in options]
        self.submission.value = keep if keep in values else (values[0] if values else None)
        self.check_button.disabled = self.export_button.disabled = not values
        if not values:
            self._say(self.check_status, "No assignment notebooks yet: create one above.", ok=False)
        elif not self.report:
            self._say(self.check_status, f"{plural(len(values), 'assignment notebook')} to check.", ok=False)

    def check(self) -> Any:
        """Check the chosen notebook as saved; the CheckReport, or None when it is not one."""
        from ..course.check import NotASubmissionError, check_submission

        set_error(self.check_error, None)
        self.checklist.value = self.elements.value = ""
        self.report = None
        if not self.submission.value:
            set_error(self.check_error, "Choose a notebook first (create one above).")
            return None
        path = Path(self.submission.value)
        try:
            report = check_submission(path, journal=self.journal)
        except NotASubmissionError as exc:
            set_error(self.check_error, str(exc))
            self.check_status.value = ""
            return None
        self.report = report
        required = report.requirements
        done = sum(i.met for i in required)
        left = len(required) - done
        summary = f"{path.name}: {done} of {len(required)} requirements met"
        summary += "." if not left else f"; {left} not met yet, marked ✗ below."
        self._say(self.check_status, summary, ok=not left)
        self.checklist.value = self._checklist_html(report)
        self.elements.value = self._elements_html(path, report)
        return report

    def export(self) -> Path | None:
        """Write the chosen notebook as the offline web page to hand in; its path, or None when refused."""
        from ..course.check import NotASubmissionError
        from ..course.submission import UnsafeSubmissionError, export_submission

        set_error(self.export_error, None)
        self.export_status.value = ""
        if not self.submission.value:
            set_error(self.export_error, "Choose a notebook first (create one above).")
            return None
        try:
            path = export_submission(Path(self.submission.value), journal=self.journal)
        except NotASubmissionError as exc:
            set_error(self.export_error, str(exc))
            return None
        except UnsafeSubmissionError as exc:
            set_error(self.export_error, f"Not written: {exc.reason}")
            return None
        except ValidationError as exc:
            set_error(self.export_error, f"Not written: {exc.reason}")
            return None
        self.export_status.value = (
            f"<div style='{OK_STYLE}' role='status'><b>Written</b>, readable by you only: "
            f"<code>{esc(shown(path))}</code>.</div><span style='{NOTE_STYLE}'>Open it in a web browser to read it "
            "through, then upload it the way your course asks.</span>"
        )
        return path

    @staticmethod
    def _checklist_html(report: Any) -> str:
        rows = []
        notes = []
        for item in report.items:
            if not item.required:
                notes.append(f"<li>{esc(item.label)}: {esc(item.detail)}</li>")
                continue
            mark, word, style, cls = (
                ("✓", "met", MET_STYLE, "wb-ca-met") if item.met else ("✗", "not met", NOT_MET_STYLE, "wb-ca-not-met")
            )
            rows.append(
                f"<li class='wb-ca-requirement {cls}' style='list-style:none'><span style='{style}'>"
                f"<b>{mark} {word}</b></span> — {esc(item.label)}: {esc(item.detail)}</li>"
            )
        html = f"<p style='margin:0.5em 0 0.2em'><b>{esc(report.title)}</b></p><ul style='padding-left:0.5em'>{''.join(rows)}</ul>"
        if notes:
            html += f"<p style='{NOTE_STYLE};margin:0.2em 0'>For your information (these do not count):</p><ul style='{NOTE_STYLE}'>{''.join(notes)}</ul>"
        return html + (
            f"<p style='{NOTE_STYLE}'>These are rules a computer can check, not a mark: your tutor reads your work "
            "and decides.</p>"
        )

    def _elements_html(self, path: Path, report: Any) -> str:
        from ..course.check import section_texts
        from ..course.elements import ELEMENTS, elements_of

        assignment = self.library.get(report.assignment)
        if assignment is None:
            return ""
        try:
            answers = section_texts(path, assignment)
            parts = []
            for part in assignment.sections:
                text = answers.get(part.id)
                head = f"<h5 style='margin:0.6em 0 0.1em'>{esc(part.title)}</h5>"
                if text is None:
                    parts.append(
                        f"<div class='wb-ca-section-{css_id(part.id)}'>{head}"
                        f"<span style='{NOTE_STYLE}'>Not written yet.</span></div>"
                    )
                    continue
                found = elements_of(text)
                items = []
                for element in ELEMENTS:
                    sentences = found.get(element.id) or []
                    expected = " (expected here)" if element.id in part.elements else ""
                    if sentences:
                        quoted = "".join(f"<li><i>{esc(s)}</i></li>" for s in sentences)
                        items.append(
                            f"<li><span style='{MET_STYLE}'>✓ found</span> <b>{esc(element.label)}</b>{expected}"
                            f"<ul>{quoted}</ul></li>"
                        )
                    elif expected:
                        items.append(
                            f"<li><span style='{NOT_MET_STYLE}'>✗ not found</span> <b>{esc(element.label)}</b>"
                            f"{expected}: {esc(element.description)}</li>"
                        )
                parts.append(
                    f"<div class='wb-ca-section-{css_id(part.id)}'>{head}<ul style='list-style:none;padding-left:0.5em'>"
                    + ("".join(items) or f"<li style='{NOTE_STYLE}'>No element of reflection found.</li>")
                    + "</ul></div>"
                )
        except WorkbookError as exc:  # the elements' rules file cannot be read
            return f"<p style='{NOTE_STYLE}'>The elements of reflection were not shown ({esc(exc)}).</p>"
        return (
            "<h4 style='margin:0.8em 0 0.2em'>Elements of reflection in each section</h4>"
            f"<p style='{NOTE_STYLE}'>The sentences below are your own, shown here to you only, with the element "
            "each one seems to show. The finder goes by phrases, so it misses some and mistakes others: use it to "
            "see what your writing leans on, not as a mark.</p>" + "".join(parts)
        )

    # -- status lines -----------------------------------------------------------------------------
    @staticmethod
    def _say(label: w.HTML, message: str, *, ok: bool = True) -> None:
        style = OK_STYLE if ok else NOTE_STYLE
        label.value = f"<span style='{style}' role='status'>{esc(message)}</span>"


# The tutor's view of a cohort (notebook 09) has a module of its own; wb.course_tutor() finds it here.
from .tutor import CourseTutor as CourseTutor  # noqa: E402  (re-exported)
