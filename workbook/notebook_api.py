"""One-line calls for the guided notebooks: each returns a form or view to display.

::

    import workbook as wb
    wb.new_entry_form()          # 01: journal a conversation
    wb.vocabulary_browser()      # 02: the emotional-dynamics vocabulary
    wb.hard_conversation()       # 03: prepare for and debrief a hard conversation
    wb.review_form()             # 04: find, revise, trash and restore entries
    wb.patterns_view()           # 05: patterns in your practice
    wb.prepare_supervision()     # 06: choose entries, answer each finding, write the pack
    wb.supervisor_view()         # 07: (the supervisor) open a pack, write feedback, save it for return
    wb.bring_back_feedback()     # 07: (the practitioner) bring the returned feedback into the journal
    wb.course_assignment()       # 08: (a student) start an assignment, check it against its requirements
    wb.course_tutor()            # 09: (a tutor) the cohort's table and charts
    wb.cpd_records()             # 10: CPD and revalidation records, and the year's status
    wb.import_form()             # 11: bring entries in from another tool or another copy
    wb.export_form()             # 11: take the journal out as JSON, CSV, Markdown, Day One, REFI-QDA

``journal`` may be None (the default journal: ``$WORKBOOK_JOURNAL``, or ``journal.db`` in
the user data folder), a path, or an open ``wb.Journal``.

The default journal is opened once and kept in this module, so the forms of every cell
of a kernel share one connection. The cache is only filled by these helpers (never at
import) and it follows ``$WORKBOOK_JOURNAL``: if the variable points elsewhere, or the
cached journal was closed, the next call opens the default journal again. A path is
opened afresh on each call (and stays open while its form is in use).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from .journal.store import Journal
from .paths import resolve_journal_path

if TYPE_CHECKING:
    from .forms import EntryForm, ReviewForm
    from .forms.course import CourseAssignment, CourseTutor
    from .forms.cpd import CPDRecords
    from .forms.debrief import HardConversation
    from .forms.exchange import ExportForm, ImportForm
    from .forms.patterns import PatternsView
    from .forms.supervision import PrepareSupervision
    from .forms.supervisor import BringBackFeedback, SupervisorView
    from .forms.tag_browser import VocabularyBrowser

_default_journal: Journal | None = None
_default_lock = threading.Lock()


def _is_open(journal: Journal) -> bool:
    return getattr(journal, "_conn", None) is not None


def default_journal() -> Journal:
    """The default journal, opened on first use and then kept (see the module docstring)."""
    global _default_journal
    with _default_lock:
        path = resolve_journal_path(None)
        cached = _default_journal
        if cached is None or not _is_open(cached) or cached.path != path:
            _default_journal = Journal(path)
        return _default_journal


def _forget_default_journal() -> None:
    """Close and drop the cached default journal (for tests)."""
    global _default_journal
    with _default_lock:
        if _default_journal is not None:
            _default_journal.close()
        _default_journal = None


def resolve_journal(journal: Journal | str | os.PathLike[str] | None = None) -> Journal:
    """A Journal from None (the default journal), a path, or a Journal (returned as is)."""
    if journal is None:
        return default_journal()
    if isinstance(journal, Journal):
        return journal
    if isinstance(journal, (str, os.PathLike)):
        return Journal(journal)
    raise TypeError(f"journal must be None, a path or a wb.Journal, not {type(journal).__name__}.")


def new_entry_form(journal: Any = None, template: str | None = None) -> EntryForm:
    """A form to journal a conversation (optionally starting with a reflective model, e.g. "gibbs")."""
    from .forms import EntryForm

    return EntryForm(resolve_journal(journal), template=template)


def review_form(journal: Any = None) -> ReviewForm:
    """Find, open and revise past entries; history, trash and action points."""
    from .forms import ReviewForm

    return ReviewForm(resolve_journal(journal))


def vocabulary_browser(journal: Any = None) -> VocabularyBrowser:
    """Browse the tag vocabulary (definitions and references) and add tags of your own."""
    from .forms.tag_browser import VocabularyBrowser

    return VocabularyBrowser(resolve_journal(journal))


def hard_conversation(journal: Any = None) -> HardConversation:
    """Choose a debrief model, prepare for the conversation, then debrief it."""
    from .forms.debrief import HardConversation

    return HardConversation(resolve_journal(journal))


def patterns_view(journal: Any = None, static: bool = False) -> PatternsView:
    """Summary sentences, the load signal and charts of your journal, with filters.

    ``static=True`` draws charts as SVG images (Voilà, exported notebooks, nbval) instead
    of interactive charts; neither needs the network. The load signal's thresholds come
    from the journal's ``load_signal`` setting, e.g.
    ``journal.set_setting("load_signal", {"heavy_level": 8, "window_weeks": 6})``.
    """
    from .analysis import load_settings_from
    from .forms.patterns import PatternsView

    opened = resolve_journal(journal)
    return PatternsView(opened, static=static, load_settings=load_settings_from(opened.setting("load_signal")))


def prepare_supervision(journal: Any = None) -> PrepareSupervision:
    """Choose entries and parts for a supervision pack, answer each identifier found, write the pack."""
    from .forms.supervision import PrepareSupervision

    return PrepareSupervision(resolve_journal(journal))


def supervisor_view(folder: Any = None) -> SupervisorView:
    """For the supervisor: open a pack (or its encrypted file), read it, write feedback under
    each entry and save it for return. Needs no journal: a supervisor has only the pack.
    ``folder`` is where packs are looked for (default: the current folder)."""
    from .forms.supervisor import SupervisorView

    return SupervisorView(folder=folder)


def bring_back_feedback(journal: Any = None) -> BringBackFeedback:
    """For the practitioner: read a returned pack's feedback, see what it adds, add it to the entries."""
    from .forms.supervisor import BringBackFeedback

    return BringBackFeedback(resolve_journal(journal))


def course_assignment(journal: Any = None) -> CourseAssignment:
    """For a student: start an assignment notebook (with journal entries pulled in, de-identified),
    then check a saved one against its requirements, with the elements of reflection in each section."""
    from .forms.course import CourseAssignment

    return CourseAssignment(resolve_journal(journal))


def course_tutor(folder: Any = None) -> CourseTutor:
    """For a tutor: check every submission in a folder, as one table (no student's text) with charts.
    Needs no journal. ``folder`` is where the submissions are (default: asked for in the form)."""
    from .forms.course import CourseTutor

    return CourseTutor(folder=folder)


def cpd_records(journal: Any = None) -> CPDRecords:
    """CPD and revalidation records from chosen entries (Social Work England, NMC), the year's status,
    and each record written as Markdown, a web page or Word."""
    from .forms.cpd import CPDRecords

    return CPDRecords(resolve_journal(journal))


def import_form(journal: Any = None) -> ImportForm:
    """Bring entries in from another tool (Day One, Daylio, a spreadsheet, Markdown notes) or another
    copy of the workbook: look at the file, map its tags and moods, preview (writes nothing), import."""
    from .forms.exchange import ImportForm

    return ImportForm(resolve_journal(journal))


def export_form(journal: Any = None) -> ExportForm:
    """Write the journal out in a chosen format (every format that can be exported), readable by you only."""
    from .forms.exchange import ExportForm

    return ExportForm(resolve_journal(journal))
