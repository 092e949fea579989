"""De-identification: finding identifiers in text, and replacing them before anything is shared

Names are loaded when first used (PEP 562): the journal imports ``privacy.names`` for its
alias digests, and that must not load the finders (their patterns and word lists) with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

# public name -> module that defines it
_LAZY = {
    "FLAGGED_KINDS": "detect",
    "KINDS": "detect",
    "Finding": "detect",
    "NameMatcher": "detect",
    "find_identifiers": "detect",
    "identifier_finder": "detect",
    "Redaction": "deidentify",
    "redact": "deidentify",
    "redaction": "deidentify",
    "AliasIndex": "names",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .deidentify import Redaction, redact, redaction
    from .detect import FLAGGED_KINDS, KINDS, Finding, NameMatcher, find_identifiers, identifier_finder
    from .names import AliasIndex


__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = [
    "FLAGGED_KINDS",
    "KINDS",
    "AliasIndex",
    "Finding",
    "NameMatcher",
    "Redaction",
    "find_identifiers",
    "identifier_finder",
    "redact",
    "redaction",
]
