"""The entry form and its parts: one conversation written up, or an entry changed.

* :class:`EntryForm` (``form``) — builds the form section by section and saves through the journal;
* :class:`StageEditor` (``stages``) — the reflective model and its stage answers;
* :class:`ActionRows` (``actions``) — existing action points and new ones;
* :class:`DraftMixin` (``drafts``) — drafts kept as the user types and offered again;
* :class:`TagPicker` (``tags``) with its :class:`PassagePanel` (``passages``) and
  :class:`SuggestionBox` (``suggestions``);
* ``messages`` — where a refusal is shown and in what words (:data:`FIELD_LABELS`).
"""

from __future__ import annotations

from .actions import ActionRows
from .drafts import DRAFT_VERSION, DraftMixin
from .form import EntryForm
from .messages import FIELD_LABELS, with_subject
from .passages import Passage, PassagePanel, find_passage
from .stages import StageEditor
from .suggestions import SuggestionBox
from .tags import TagPicker

__all__ = [
    "DRAFT_VERSION",
    "FIELD_LABELS",
    "ActionRows",
    "DraftMixin",
    "EntryForm",
    "Passage",
    "PassagePanel",
    "StageEditor",
    "SuggestionBox",
    "TagPicker",
    "find_passage",
    "with_subject",
]
