"""Schema step 0007: the table of CPD and revalidation records (``workbook.cpd``).

A record is made from chosen entries after their text went through the review of what
could identify someone; it keeps the entry ids it was made from and its fields as JSON.
Registered in ``migrations.MIGRATIONS``. Never edit a released step: add a new one.
"""

from __future__ import annotations

CPD_RECORDS_STEP = "0007_cpd_records"

#: The kinds of record: a Social Work England CPD record, an NMC written reflective account,
#: an NMC reflective discussion.
CPD_KINDS = ("swe", "nmc-account", "nmc-discussion")

CPD_RECORDS_STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE cpd_records (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ("""
    + ", ".join(f"'{k}'" for k in CPD_KINDS)
    + """)),
        made_on TEXT NOT NULL,
        entry_ids TEXT NOT NULL,
        fields TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX cpd_records_by_kind ON cpd_records (kind, made_on)",
)
