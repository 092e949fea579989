"""The journal: one private SQLite file per practitioner.

``Journal`` is the only way in: it opens and migrates the file, validates every write and
keeps each one to a single transaction. Nothing here imports pandas at import time
(``Journal.to_frame()`` loads ``journal.frames`` when called), so the command line and the
storage tests stay light.
"""

from __future__ import annotations

from .entries import NewEntry
from .store import Journal, open_journal

__all__ = ["Journal", "NewEntry", "open_journal"]
