"""Moving a journal's contents in and out: lossless JSON, spreadsheet CSV, and import.

* :func:`export_json` (:mod:`.native`) writes everything (every entry, trash included,
  earlier revisions, the people register, the journal's own tags and the CPD and
  revalidation records; aliases are counted, never written: they are kept only as digests
  whose key stays on this computer).
  It is a complete copy for moving to another computer or keeping outside the journal
  file, so it is as private as the journal itself: written atomically, mode 0600.
* :func:`export_csv` (:mod:`.spreadsheet`) writes one row per entry (trash left out) for a
  spreadsheet. Cells that a spreadsheet would run as a formula are defused (:func:`csv_safe`).
* :func:`import_entries` (:mod:`.plan`) adds entries from a mapping, a list of mappings or
  an export document (with its CPD records; :func:`import_document` also says how many). Everything is validated before anything is written, and the whole
  import is one transaction: all of it lands, or none of it.
* :data:`FORMATS` (:mod:`.formats`) names each format, so the command line dispatches by name.

Only the standard library is used (no pandas).
"""

from __future__ import annotations

from ..files import atomic_text_file
from .formats import FORMATS, ExchangeFormat, format_for, register_format
from .native import BATCH, FORMAT, FORMAT_VERSION, check_document, export_json, read_json
from .plan import Imported, ImportPlan, import_document, import_entries
from .spreadsheet import CSV_COLUMNS, CSV_LEFT_OUT, FORMULA_STARTS, csv_cells, csv_row, csv_safe, export_csv

__all__ = [
    "BATCH",
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
