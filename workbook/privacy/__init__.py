"""De-identification: finding identifiers in text, and replacing them before anything is shared

Names are loaded when first used (PEP 562): the journal imports ``privacy.names`` for its
alias digests, and that must not load the finders (their patterns and word lists) with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'workbook.privacy' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
