"""The journal: one private SQLite file per practitioner.

``Journal`` (:mod:`.store`) is the only way in: it opens and migrates the file, validates every
write and keeps each one to a single transaction. Behind it: :mod:`.connection` (opening,
pragmas, errors), :mod:`.entries` (an entry as rows, by column name), :mod:`.queries` (filters
and search), :mod:`.drafts`, :mod:`.tags`, :mod:`.people`, :mod:`.edits`, :mod:`.migrations`,
:mod:`.purge`, :mod:`.doctor` and :mod:`.frames`. Importers write through
``Journal.transaction()`` and the journal's seams (``insert_entries`` with :class:`NewEntry`
rows, ``insert_tags``, ``insert_revisions``, ``people.insert_rows``), never through its private
members.

Nothing here imports pandas at import time (``Journal.to_frame()`` loads ``journal.frames``
when called), so the command line and the storage tests stay light.
"""

from __future__ import annotations

from .entries import NewEntry
from .purge import PurgeReport
from .store import Journal, open_journal

__all__ = ["Journal", "NewEntry", "PurgeReport", "open_journal"]
