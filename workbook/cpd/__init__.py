"""CPD and revalidation records built from the journal, for Social Work England and the NMC.

``draft_record(journal, kind, fields, entry_ids)`` checks a record's fields and finds what in
its text could identify someone (the review of a supervision pack); ``draft.save()`` keeps it
in the journal (``record``). ``export_record`` writes one as Markdown, an offline web page or
a Word document, checked by the leak check first (``export``). ``cpd_year_status`` and
``nmc_cycle_status`` count records against what each regulator asks for.

Names are loaded when first used (PEP 562): importing the package loads none of its modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

# public name -> module that defines it
_LAZY = {
    "FORMS": "record",
    "KIND_TITLES": "record",
    "NMC_CODE_THEMES": "record",
    "SWE_STANDARDS": "record",
    "CpdDraft": "record",
    "NMCCycleStatus": "record",
    "SWEYearStatus": "record",
    "add_record": "record",
    "cpd_year_status": "record",
    "draft_record": "record",
    "nmc_cycle_status": "record",
    "FORMATS": "export",
    "cpd_dir": "export",
    "export_record": "export",
    "render_docx": "export",
    "render_html": "export",
    "render_markdown": "export",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .export import FORMATS, cpd_dir, export_record, render_docx, render_html, render_markdown
    from .record import (
        FORMS,
        KIND_TITLES,
        NMC_CODE_THEMES,
        SWE_STANDARDS,
        CpdDraft,
        NMCCycleStatus,
        SWEYearStatus,
        add_record,
        cpd_year_status,
        draft_record,
        nmc_cycle_status,
    )


__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = [
    "CpdDraft",
    "FORMATS",
    "FORMS",
    "KIND_TITLES",
    "NMCCycleStatus",
    "NMC_CODE_THEMES",
    "SWEYearStatus",
    "SWE_STANDARDS",
    "add_record",
    "cpd_dir",
    "cpd_year_status",
    "draft_record",
    "export_record",
    "nmc_cycle_status",
    "render_docx",
    "render_html",
    "render_markdown",
]
