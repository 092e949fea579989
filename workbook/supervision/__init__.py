"""Supervision packs: choose entries to share, de-identify them, check the result for leaks.

``wb.supervision_pack(journal, ...)`` makes the draft of a pack (``choice``, ``review``); its
findings are answered, then ``draft.write()`` builds it (``pack``, ``html``), runs the leak
check (``leaks``) and writes it, sealed (``seal``), optionally encrypted (``crypt``).
Supervisors' feedback comes back with ``feedback``.

Names are loaded when first used (PEP 562): importing the package loads none of its modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

# public name -> module that defines it
_LAZY = {
    "PARTS": "choice",
    "PackChoice": "choice",
    "choose_entries": "choice",
    "Decision": "review",
    "PackDraft": "review",
    "Pack": "pack",
    "FEEDBACK_PLACEHOLDER": "pack",
    "UnsafePackError": "share",
    "supervision_pack": "share",
    "write_pack": "share",
    "check_share": "leaks",
    "FeedbackImport": "feedback",
    "FeedbackItem": "feedback",
    "ReturnedPack": "feedback",
    "import_feedback": "feedback",
    "read_feedback": "feedback",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .choice import PARTS, PackChoice, choose_entries
    from .feedback import FeedbackImport, FeedbackItem, ReturnedPack, import_feedback, read_feedback
    from .leaks import check_share
    from .pack import FEEDBACK_PLACEHOLDER, Pack
    from .review import Decision, PackDraft
    from .share import UnsafePackError, supervision_pack, write_pack


__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = [
    "FEEDBACK_PLACEHOLDER",
    "PARTS",
    "Decision",
    "FeedbackImport",
    "FeedbackItem",
    "Pack",
    "PackChoice",
    "PackDraft",
    "ReturnedPack",
    "UnsafePackError",
    "check_share",
    "choose_entries",
    "import_feedback",
    "read_feedback",
    "supervision_pack",
    "write_pack",
]
