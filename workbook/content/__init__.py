"""Bundled and institution data files: the tag vocabulary, reflective-model templates, the
assignment templates a course sets, and the keyword lexicon behind tag suggestions.

Read-only. Every loader names the file and line of a problem (``DataFileError``), and a
broken institution file is reported while the others still load. The loaders are named
``load_*`` so that no module here can shadow ``wb.vocabulary()`` or ``wb.templates()``.
"""

from __future__ import annotations

from .assignments import (
    NMC_CODE_THEMES,
    PCF_DESCRIPTIONS,
    PCF_DOMAINS,
    Assignment,
    AssignmentLibrary,
    AssignmentSection,
    load_assignments,
    parse_assignment,
)
from .lexicon import Lexicon, Suggestion, load_lexicon, suggest_tags
from .reflective_models import TemplateLibrary, load_templates
from .vocab import Vocabulary, load_vocabulary, slugify, tag_key

__all__ = [
    "NMC_CODE_THEMES",
    "PCF_DESCRIPTIONS",
    "PCF_DOMAINS",
    "Assignment",
    "AssignmentLibrary",
    "AssignmentSection",
    "Lexicon",
    "Suggestion",
    "TemplateLibrary",
    "Vocabulary",
    "load_assignments",
    "load_lexicon",
    "load_templates",
    "load_vocabulary",
    "parse_assignment",
    "slugify",
    "suggest_tags",
    "tag_key",
]
