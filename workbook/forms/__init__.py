"""Forms (ipywidgets) over a journal: write an entry, pick tags, review past entries.

Thin views: each form is given a journal-like object (:class:`JournalAPI`, which
``workbook.Journal`` satisfies), never opens a database itself, and can be driven from
Python without a browser — set widget values, call ``submit()`` or ``button.click()``,
then read the journal.

* :class:`EntryForm` — a new entry (or an existing one, ``entry=``): template stages,
  date, title, context, people (add a pseudonym on the spot), outcome (the five of
  ``models.OUTCOMES``), stance with "both, in tension", feelings, tags, an optional depth of
  reflection, action points, "bring to supervision"; drafts kept in the journal as you type.
* :class:`TagPicker` — tags by vocabulary group, definitions on demand, a filter box,
  intensity, suggestions from a keyword lexicon (with the words that triggered them),
  and tags attached to passages.
* :class:`ReviewForm` — find entries by text, tag, dates, context, outcome; open and edit
  one; its revision history; trash and restore; follow up action points; read its feedback
  and record a peer reflection.
* ``supervision.PrepareSupervision`` (``wb.prepare_supervision()``, notebook 06) — choose
  entries for a supervision pack, answer each identifier found, preview and write the pack.
* ``supervisor.SupervisorView`` and ``supervisor.BringBackFeedback`` (notebook 07) — the
  supervisor reads a pack and writes feedback in it; the practitioner brings it back.
* ``course.CourseAssignment`` (``wb.course_assignment()``, notebook 08) — a student starts an
  assignment notebook, checks it (requirements and elements of reflection) and makes the page
  to hand in; ``tutor.CourseTutor`` (``wb.course_tutor()``, notebook 09) — a tutor's cohort
  table and charts over a folder of submissions.
* ``cpd.CPDRecords`` (``wb.cpd_records()``, notebook 10) — the registration year's status, CPD
  and revalidation records from chosen entries, written as Markdown, a web page or Word.

Where things are: ``entry/`` holds the entry form and its parts (stages, action points,
drafts, refusal messages, the tag picker with its passages and suggestions); ``review``,
``debrief`` (``wb.hard_conversation()``), ``tag_browser``, ``patterns``, ``supervision``,
``supervisor`` (the two forms of notebook 07), ``course``, ``tutor`` and ``cpd`` are one view each;
``_common`` has what they share (the ``View`` base, CSS helpers, tag and context choices).

Stable CSS classes (for browser tests and styling)
--------------------------------------------------
Entry form: ``wb-entry-form``, ``wb-title``, ``wb-date``, ``wb-context``, ``wb-people``,
``wb-person-pseudonym``, ``wb-person-role``, ``wb-person-add``, ``wb-template``,
``wb-template-summary``, ``wb-stages``, ``wb-stage-<stage id>`` (textarea),
``wb-stage-prompt-<stage id>``, ``wb-words-<stage id>``, ``wb-stages-elsewhere``,
``wb-narrative``, ``wb-outcome``, ``wb-stance``, ``wb-stance-none``, ``wb-stance-both``,
``wb-feelings-before``, ``wb-feelings-before-none``, ``wb-feelings-after``,
``wb-feelings-after-none``, ``wb-depth`` (dropdown), ``wb-depth-descriptor``,
``wb-existing-actions``, ``wb-action-text-<n>``, ``wb-action-status-<n>``, ``wb-actions``,
``wb-flagged``, ``wb-save``, ``wb-status``, ``wb-draft-bar``, ``wb-draft-message``,
``wb-draft-restore``, ``wb-draft-discard``, ``wb-draft-status``, ``wb-conflict-bar``,
``wb-conflict-message``, ``wb-reopen``, ``wb-log``.

Errors: every error label has ``wb-error`` and ``wb-error-<field>``: ``wb-error-title``,
``wb-error-occurred_on``, ``wb-error-context``, ``wb-error-people``, ``wb-error-person``,
``wb-error-template``, ``wb-error-responses-<stage id>``, ``wb-error-narrative``,
``wb-error-outcome``, ``wb-error-stance``, ``wb-error-stance_both``, ``wb-error-depth``,
``wb-error-feelings_before``,
``wb-error-feelings_after``, ``wb-error-actions``, ``wb-error-flagged``, ``wb-error-tags``,
``wb-error-passage``, ``wb-error-general`` (anything not tied to one field).

Tag picker: ``wb-tag-picker``, ``wb-tag-filter``, ``wb-tags-chosen``, ``wb-tag-groups``,
``wb-tag-group-<group id>``, ``wb-tag-matches``, ``wb-tag-<tag id>`` (checkbox),
``wb-intensity-<tag id>``, ``wb-tag-info-<tag id>`` (the "?" toggle),
``wb-tag-definition-<tag id>``, ``wb-suggestions``, ``wb-suggestion-<tag id>``,
``wb-suggest-add-<tag id>``, ``wb-suggest-ignore-<tag id>``, ``wb-passages``,
``wb-passage-field``, ``wb-passage-tag``, ``wb-passage-text``, ``wb-passage-add``,
``wb-passage-list``, ``wb-passage``, ``wb-passage-remove-<n>``.

Review: ``wb-review``, ``wb-review-search``, ``wb-review-tag``, ``wb-review-since``,
``wb-review-until``, ``wb-review-context``, ``wb-review-outcome``, ``wb-review-find``,
``wb-review-clear``, ``wb-review-view`` (entries / trash), ``wb-review-results``,
``wb-review-count``, ``wb-review-open``, ``wb-review-history``, ``wb-review-trash``,
``wb-review-restore``, ``wb-review-history-table``, ``wb-review-editor``,
``wb-review-status``, ``wb-error-review``; its feedback panel: ``wb-feedback``,
``wb-feedback-list``, ``wb-peer-text``, ``wb-peer-date``, ``wb-peer-function``,
``wb-peer-function-definition``, ``wb-peer-save``, ``wb-peer-status``.

Supervision, courses and CPD (notebooks 06 to 10): the ``wb-sup-*``, ``wb-supervisor-*``,
``wb-bring-back-*``, ``wb-ca-*``, ``wb-tutor-*`` and ``wb-cpd-*`` classes are listed in the
docstrings of ``supervision``, ``supervisor``, ``course``, ``tutor`` and ``cpd``.
"""

from __future__ import annotations

from ._api import JournalAPI, PeopleRegister
from .entry import EntryForm, Passage, TagPicker, find_passage
from .review import ReviewForm

__all__ = ["EntryForm", "JournalAPI", "Passage", "PeopleRegister", "ReviewForm", "TagPicker", "find_passage"]
