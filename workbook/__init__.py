"""Reflective Workbook: a private journal of the hard and difficult conversations of
practice, with reflective-model prompts, an emotional-dynamics vocabulary, and patterns
over time.

Use it as ``import workbook as wb``::

    with wb.open_journal() as journal:
        journal.add(title="Home visit: talking about the bruise", outcome="held")
"""

from __future__ import annotations

import os

from .errors import (
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
from .models import Action, Anchor, Entry, Feedback, Person, Revision, Stage, Tag, TagGroup, TagUse, Template
from .store import Journal, open_journal
from .templates import TemplateLibrary
from .vocab import Vocabulary

__version__ = "0.1.0"


def vocabulary(journal: Journal | str | os.PathLike[str] | None = None) -> Vocabulary:
    """The tag vocabulary, including the user's own tags.

    With no argument, the user's own tags come from the default journal if it exists
    (opened read-only in effect: nothing is written). Pass a journal or path to choose.
    """
    from .paths import resolve_journal_path
    from .vocab import load_vocabulary

    if isinstance(journal, Journal):
        return journal.vocabulary()
    path = resolve_journal_path(journal)
    if not path.exists():
        return load_vocabulary()
    with open_journal(path) as opened:
        return opened.vocabulary()


def templates() -> TemplateLibrary:
    """Reflective-model templates by id: bundled ones plus ``$WORKBOOK_TEMPLATES`` folders."""
    from .templates import load_templates

    return load_templates()


__all__ = [
    "Action",
    "Anchor",
    "CorruptJournalError",
    "DataFileError",
    "Entry",
    "EntryNotFoundError",
    "Feedback",
    "Journal",
    "JournalError",
    "NotFoundError",
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
    "open_journal",
    "templates",
    "vocabulary",
]
