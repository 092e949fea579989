"""Courses: a student's assignment notebook, checking submissions, and a tutor's cohort table.

``new_assignment_notebook(assignment, ...)`` writes the notebook a student completes for one
of the assignments in ``content.assignments`` (``student``); ``check_submission`` checks a
completed one against its requirements (``check``), with the elements of reflection each section
shows (``elements``); ``check_all`` gives a tutor one table over a folder of them (``cohort``);
``export_submission`` writes a completed one as an offline page to hand in (``submission``).

Names are loaded when first used (PEP 562): importing the package loads none of its modules
(nbformat, and pandas for the cohort table, come only with the names that need them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

# public name -> module that defines it
_LAZY = {
    "CheckReport": "check",
    "NotASubmissionError": "check",
    "RequirementResult": "check",
    "check_submission": "check",
    "section_texts": "check",
    "UnsafeSubmissionError": "submission",
    "export_submission": "submission",
    "submission_html": "submission",
    "CohortRow": "cohort",
    "CohortTable": "cohort",
    "check_all": "cohort",
    "ELEMENTS": "elements",
    "ElementHit": "elements",
    "elements_of": "elements",
    "find_elements": "elements",
    "ANSWER_PLACEHOLDER": "student",
    "assignment_notebook": "student",
    "new_assignment_notebook": "student",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .check import CheckReport, NotASubmissionError, RequirementResult, check_submission, section_texts
    from .cohort import CohortRow, CohortTable, check_all
    from .elements import ELEMENTS, ElementHit, elements_of, find_elements
    from .student import ANSWER_PLACEHOLDER, assignment_notebook, new_assignment_notebook
    from .submission import UnsafeSubmissionError, export_submission, submission_html


__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = [
    "ANSWER_PLACEHOLDER",
    "CheckReport",
    "CohortRow",
    "CohortTable",
    "ELEMENTS",
    "ElementHit",
    "NotASubmissionError",
    "RequirementResult",
    "UnsafeSubmissionError",
    "assignment_notebook",
    "check_all",
    "check_submission",
    "elements_of",
    "export_submission",
    "find_elements",
    "new_assignment_notebook",
    "section_texts",
    "submission_html",
]
