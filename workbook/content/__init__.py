"""Bundled and institution data files: the tag vocabulary, reflective-model templates and
the keyword lexicon behind tag suggestions.

Read-only. Every loader names the file and line of a problem (``DataFileError``), and a
broken institution file is reported while the others still load. The loaders are named
``load_*`` so that no module here can shadow ``wb.vocabulary()`` or ``wb.templates()``.
"""

from __future__ import annotations

from .lexicon import Lexicon, Suggestion, load_lexicon, suggest_tags
from .reflective_models import TemplateLibrary, load_templates
from .vocab import Vocabulary, load_vocabulary, slugify, tag_key

__all__ = [
    "Lexicon",
    "Suggestion",
    "TemplateLibrary",
    "Vocabulary",
    "load_lexicon",
    "load_templates",
    "load_vocabulary",
    "slugify",
    "suggest_tags",
    "tag_key",
]
