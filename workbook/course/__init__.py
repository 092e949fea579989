"""Courses: a student's assignment notebook, checking submissions, and a tutor's cohort table.

``new_assignment_notebook(assignment, ...)`` writes the notebook a student completes for one
of the assignments in ``content.assignments`` (``student``).

Names are loaded when first used (PEP 562): importing the package loads none of its modules
(nbformat, and pandas for the cohort table, come only with the names that need them).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# public name -> module that defines it
_LAZY = {
    "ANSWER_PLACEHOLDER": "student",
    "assignment_notebook": "student",
    "new_assignment_notebook": "student",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .student import ANSWER_PLACEHOLDER, assignment_notebook, new_assignment_notebook


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'workbook.course' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "ANSWER_PLACEHOLDER",
    "assignment_notebook",
    "new_assignment_notebook",
]
