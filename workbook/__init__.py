"""Reflective Workbook: a private journal of the hard and difficult conversations of
practice, with reflective-model prompts, an emotional-dynamics vocabulary, and patterns
over time.

Use it as ``import workbook as wb``::

    with wb.open_journal() as journal:
        journal.add(title="Home visit: talking about the bruise", outcome="held")

In a notebook, one call shows a form: ``wb.new_entry_form()``, ``wb.review_form()``,
``wb.vocabulary_browser()``, ``wb.hard_conversation()``, ``wb.patterns_view()``,
``wb.prepare_supervision()``, ``wb.supervisor_view()``, ``wb.bring_back_feedback()``,
``wb.course_assignment()``, ``wb.course_tutor()``, ``wb.cpd_records()``, ``wb.import_form()``,
``wb.export_form()``.

Names are loaded when first used (PEP 562), so ``import workbook`` — and the
``workbook --help`` command — stay fast and never load pandas, altair or ipywidgets.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .lazy import lazy_names

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "WorkbookError": "errors",
    "ValidationError": "errors",
    "ConflictError": "errors",
    "NotFoundError": "errors",
    "EntryNotFoundError": "errors",
    "PersonNotFoundError": "errors",
    "JournalError": "errors",
    "CorruptJournalError": "errors",
    "SchemaTooNewError": "errors",
    "DataFileError": "errors",
    "Action": "models",
    "Anchor": "models",
    "Entry": "models",
    "Feedback": "models",
    "Person": "models",
    "Revision": "models",
    "Stage": "models",
    "Tag": "models",
    "TagGroup": "models",
    "TagUse": "models",
    "Template": "models",
    "FEELINGS_SCALE": "models",
    "Journal": "journal",
    "open_journal": "journal",
    "TemplateLibrary": "content",
    "Vocabulary": "content",
    # de-identification: what in a text could identify someone, and the text without it
    "find_identifiers": "privacy",
    "redact": "privacy",
    "redaction": "privacy",
    # supervision: a de-identified pack of chosen entries (draft, review findings, write)
    "PackChoice": "supervision",
    "supervision_pack": "supervision",
    "import_feedback": "supervision",
    # one-line calls for the guided notebooks (each returns a form or view to display)
    "new_entry_form": "notebook_api",
    "review_form": "notebook_api",
    "vocabulary_browser": "notebook_api",
    "hard_conversation": "notebook_api",
    "patterns_view": "notebook_api",
    "prepare_supervision": "notebook_api",
    "supervisor_view": "notebook_api",
    "bring_back_feedback": "notebook_api",
    "course_assignment": "notebook_api",
    "course_tutor": "notebook_api",
    "cpd_records": "notebook_api",
    "import_form": "notebook_api",
    "export_form": "notebook_api",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .content import TemplateLibrary, Vocabulary
    from .errors import (
        ConflictError,
        CorruptJournalError,
        DataFileError,
        EntryNotFoundError,
        JournalError,
        NotFoundError,
        PersonNotFoundError,
        SchemaTooNewError,
        ValidationError,
        WorkbookError,
    )
    from .journal import Journal, open_journal
    from .models import (
        FEELINGS_SCALE,
        Action,
        Anchor,
        Entry,
        Feedback,
        Person,
        Revision,
        Stage,
        Tag,
        TagGroup,
        TagUse,
        Template,
    )
    from .notebook_api import (
        bring_back_feedback,
        course_assignment,
        course_tutor,
        cpd_records,
        export_form,
        hard_conversation,
        import_form,
        new_entry_form,
        patterns_view,
        prepare_supervision,
        review_form,
        supervisor_view,
        vocabulary_browser,
    )
    from .privacy import find_identifiers, redact, redaction
    from .supervision import PackChoice, import_feedback, supervision_pack


__getattr__, __dir__ = lazy_names(__name__, _LAZY)


def vocabulary(journal: Any = None) -> Any:
    """The tag vocabulary (``wb.Vocabulary``), including the user's own tags.

    With no argument, the user's own tags come from the default journal if it exists
    (nothing is written). Pass a journal or a path to choose another.
    """
    from .content.vocab import load_vocabulary
    from .journal.store import Journal, open_journal
    from .paths import resolve_journal_path

    if isinstance(journal, Journal):
        return journal.vocabulary()
    path = resolve_journal_path(journal if journal is None else os.fspath(journal))
    if not path.exists():
        return load_vocabulary()
    with open_journal(path) as opened:
        return opened.vocabulary()


def templates() -> Any:
    """Reflective-model templates by id (``wb.TemplateLibrary``): the bundled ones plus
    those in the folders named by ``$WORKBOOK_TEMPLATES``."""
    from .content.reflective_models import load_templates

    return load_templates()


__all__ = [
    "Action",
    "Anchor",
    "ConflictError",
    "CorruptJournalError",
    "DataFileError",
    "Entry",
    "EntryNotFoundError",
    "FEELINGS_SCALE",
    "Feedback",
    "Journal",
    "JournalError",
    "NotFoundError",
    "PackChoice",
    "Person",
    "PersonNotFoundError",
    "Revision",
    "SchemaTooNewError",
    "Stage",
    "Tag",
    "TagGroup",
    "TagUse",
    "Template",
    "TemplateLibrary",
    "ValidationError",
    "Vocabulary",
    "WorkbookError",
    "__version__",
    "bring_back_feedback",
    "course_assignment",
    "course_tutor",
    "cpd_records",
    "export_form",
    "find_identifiers",
    "hard_conversation",
    "import_feedback",
    "import_form",
    "new_entry_form",
    "open_journal",
    "patterns_view",
    "prepare_supervision",
    "redact",
    "redaction",
    "review_form",
    "supervision_pack",
    "supervisor_view",
    "templates",
    "vocabulary",
    "vocabulary_browser",
]
