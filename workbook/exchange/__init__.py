"""Moving a journal's contents in and out: the workbook's own formats and other tools'.

Out (each written atomically, mode 0600, and each saying what it holds):

* :func:`export_json` (:mod:`.native`) writes everything (every entry, trash included,
  earlier revisions, the people register, the journal's own tags and the CPD and
  revalidation records; aliases are counted, never written: they are kept only as digests
  whose key stays on this computer). Exported, imported into an empty journal and exported
  again, it is the same document but for its time stamp.
* :func:`export_csv` and :func:`export_tag_uses` (:mod:`.spreadsheet`): one row per entry, or
  per use of a tag, for a spreadsheet, with formulas defused (:func:`csv_safe`).
* :mod:`.markdown`: a folder, one Markdown file per entry with YAML front matter, that imports
  back losslessly; :mod:`.dayone`: Day One's JSON export; :mod:`.refi`: a REFI-QDA codebook
  (``.qdc``) and project (``.qdpx``) for qualitative analysis software.

In, through one path: the workbook's own JSON (or Markdown folder) is an export document for
:func:`import_document` (:mod:`.plan`); another tool's file (:mod:`.dayone`, :mod:`.daylio`,
:mod:`.table` for any spreadsheet, :mod:`.markdown` for a folder of notes) is read into an
:class:`~.incoming.SourceRead`, its tags and moods are mapped as the person chooses, and
:func:`~.incoming.preview` (a dry run) or :func:`~.incoming.bring_in` checks every entry as the
forms do and writes in one transaction (all of it, or the good rows only). Importing a file
again adds nothing.

:data:`FORMATS` (:mod:`.formats`) names each format, recognises its files, and lets the
command line and the notebook's forms dispatch by name.

Only the standard library and PyYAML are used (no pandas).
"""

from __future__ import annotations

from ..files import atomic_text_file
from .formats import FORMATS, ExchangeFormat, format_for, recognised, register_format
from .incoming import (
    DROP,
    OWN,
    BroughtIn,
    ImportMapping,
    ImportRefused,
    Preview,
    RowProblem,
    SourceEntry,
    SourceRead,
    bring_in,
    preview,
    preview_document,
    suggest_mapping,
)
from .native import BATCH, FORMAT, FORMAT_VERSION, check_document, export_json, read_json
from .plan import Imported, ImportPlan, import_document, import_entries
from .spreadsheet import (
    CSV_COLUMNS,
    CSV_LEFT_OUT,
    FORMULA_STARTS,
    csv_cells,
    csv_row,
    csv_safe,
    export_csv,
    export_tag_uses,
)

__all__ = [
    "BATCH",
    "DROP",
    "OWN",
    "BroughtIn",
    "ImportMapping",
    "ImportRefused",
    "Preview",
    "RowProblem",
    "SourceEntry",
    "SourceRead",
    "bring_in",
    "export_tag_uses",
    "preview",
    "preview_document",
    "recognised",
    "suggest_mapping",
    "CSV_COLUMNS",
    "CSV_LEFT_OUT",
    "FORMAT",
    "FORMATS",
    "FORMAT_VERSION",
    "FORMULA_STARTS",
    "ExchangeFormat",
    "ImportPlan",
    "Imported",
    "atomic_text_file",
    "check_document",
    "csv_cells",
    "csv_row",
    "csv_safe",
    "export_csv",
    "export_json",
    "format_for",
    "import_document",
    "import_entries",
    "read_json",
    "register_format",
]
