"""The entry form: write up one conversation, or change one already in the journal.

A thin view: it builds widgets from a template and the vocabulary, turns them into the
fields ``Journal.add`` takes (:meth:`EntryForm.value`), and saves through the journal it
was given (:meth:`EntryForm.submit`, the same path as the Save button). Every rule about
what is allowed lives in ``workbook.validate``; the form only shows the journal's
``ValidationError`` beside the field it names. What is typed is kept as a draft in the
journal, so a kernel restart or a closed tab loses nothing.

An existing entry is saved with the revision the form opened (then the one it saved):
if another window or kernel saved the entry in between, the journal refuses
(``ConflictError``) and nothing is overwritten. The form says so, keeps what was typed as
the entry's draft, and offers to reopen the newest version (:meth:`EntryForm.reopen`),
after which the kept draft is offered to restore or discard.

The form is built section by section (the conversation, the reflection, how it went,
next); its collaborators are the :class:`StageEditor` (model and stage answers), the
:class:`ActionRows`, the :class:`TagPicker` and the draft half (:class:`DraftMixin`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ...errors import ConflictError, ValidationError, WorkbookError
from ...models import Entry
from .._api import JournalAPI
from .._common import (
    OK_STYLE,
    View,
    esc,
    jsonable,
    plural,
    set_error,
    short,
    show,
)
from .drafts import DraftMixin
from .identifiers import finder_for
from .messages import FIELD_LABELS, GENERAL, PICKER, error_place, error_text
from .sections import FormSections

FAULT = (
    "Something went wrong (a fault in the workbook, not in what you wrote). Your writing is still here; details below."
)


def _choose(widget: Any, value: Any, what: str) -> str | None:
    """Show ``value`` in a choice widget whose "not recorded" option is ``""``; a value it
    does not offer (an old draft's) leaves it unrecorded, and the problem is returned."""
    offered = [v for _, v in widget.options]
    chosen = value or ""
    if chosen in offered:
        widget.value = chosen
        return None
    widget.value = ""
    return f"{what} not offered any more: {value}"


class EntryForm(FormSections, DraftMixin, View):
    """A form for one journal entry, new (``entry=None``) or existing (``entry=`` an id or Entry).

    Parameters
    ----------
    journal
        Anything with the journal's methods (``wb.open_journal()`` gives one).
    template
        Id of the reflective model to start with (e.g. ``"gibbs"``); None for free writing.
    draft_key
        Where the draft is kept in the journal; an existing entry uses ``"edit-<id>"``.
    entry
        An entry (or its id) to edit: saving then calls ``journal.update``.
    on_saved
        Called with the saved Entry after every successful save.
    on_reopened
        Called with the newest Entry after :meth:`reopen` loaded it (an edit refused because
        the entry was saved elsewhere).
    autosave, draft_interval
        Keep a draft as the user types, at most once every ``draft_interval`` seconds
        (the last change is saved ``draft_interval`` seconds later at the latest).

    Examples
    --------
    >>> form = EntryForm(journal, template="driscoll")          # doctest: +SKIP
    >>> form.title.value = "Telling Willow about court"         # doctest: +SKIP
    >>> entry = form.submit()                                    # doctest: +SKIP
    """

    def __init__(
        self,
        journal: JournalAPI,
        template: str | None = None,
        draft_key: str | None = "new-entry",
        *,
        entry: Entry | str | None = None,
        on_saved: Callable[[Entry], None] | None = None,
        on_reopened: Callable[[Entry], None] | None = None,
        autosave: bool = True,
        draft_interval: float = 1.0,
        today: dt.date | None = None,
    ) -> None:
        self.journal = journal
        self.vocabulary = journal.vocabulary()
        self.templates = journal.templates()
        self.on_saved = on_saved
        self.on_reopened = on_reopened
        self.autosave = autosave
        self.draft_interval = draft_interval
        self._today = today
        # always the stored version, even when handed an Entry object that may be stale
        self._entry: Entry | None = (
            None if entry is None else journal.get(entry if isinstance(entry, str) else entry.id)
        )
        if self._entry is not None and (draft_key is None or draft_key == "new-entry"):
            draft_key = f"edit-{self._entry.id}"
        self.draft_key = draft_key or "new-entry"
        self.errors: dict[str, str] = {}
        self._loading = False
        self._discard_typed_on_reopen = False
        self._init_drafts()
        self._baseline: Any = None

        self._build()
        if template is not None and template not in self.templates:
            raise ValidationError(
                "template", f"{template!r} is not a template; choose one of {', '.join(self.templates)}."
            )
        if self._entry is not None:
            self._load_entry(self._entry)
        else:
            self._reset(template)
        self._offer_draft()

    def _pseudonyms(self) -> list[str]:
        return [p.pseudonym for p in self.journal.people.list()]

    def _on_fault(self) -> None:
        set_error(self._field_labels[GENERAL], FAULT)

    # -- stages and texts ---------------------------------------------------------------
    @property
    def stage_areas(self) -> dict[str, w.Textarea]:
        """The chosen model's text areas, by stage id."""
        return self.stages.areas

    def _stage_typed(self, stage_id: str) -> None:
        self._input()
        self._texts_changed(stage_id)

    def _template_changed(self) -> None:
        if self._loading:
            return  # whoever is loading builds the stages once everything is set
        self.stages.switch()
        self._texts_changed()
        self._changed()

    def texts(self) -> dict[str, str]:
        """The entry's texts by field name, as anchors name them."""
        return {**self.stages.texts(), "narrative": self.narrative.value}

    def _text_labels(self) -> dict[str, str]:
        return {**self.stages.text_labels(), "narrative": "Narrative"}

    def _texts_changed(self, stage_id: str | None = None) -> None:
        if stage_id is not None:
            self.stages.update_words(stage_id)
        if not self._loading:
            self.picker.set_texts(self.texts(), self._text_labels())
            self._check_identifiers()

    # -- identifiers in what was written (warned, never blocking) -------------------------------
    def _find_identifiers(self, text: str) -> list[Any]:
        return finder_for(self.journal)(text)

    def _check_identifiers(self) -> None:
        """Look for identifiers in the title and every text again (``identifiers`` shows them)."""
        if self._loading:
            return
        self.identifiers.refresh({"title": self.title.value, **self.texts()}, {"title": "Title", **self._text_labels()})

    def _text_widget(self, field: str) -> Any:
        if field == "title":
            return self.title
        if field == "narrative":
            return self.narrative
        if field.startswith("responses."):
            return self.stages.areas.get(field.removeprefix("responses."))
        return None

    def _replace_text(self, field: str, start: int, end: int, expected: str, replacement: str) -> bool:
        """Put ``replacement`` over ``text[start:end]`` of ``field`` if that is still ``expected``
        (the text may have changed since it was checked); True if it was replaced."""
        widget = self._text_widget(field)
        if widget is None or widget.value[start:end] != expected:
            return False
        widget.value = widget.value[:start] + replacement + widget.value[end:]
        return True

    # -- value ------------------------------------------------------------------------------
    def value(self) -> dict[str, Any]:
        """The entry's fields, as ``Journal.add`` takes them (feedback is left untouched)."""
        return {
            "occurred_on": self.date.value,
            "title": self.title.value.strip(),
            "context": self.context.value or None,
            "people": list(self.people.value),
            "outcome": self.outcome.value or None,
            "stance": self.stance.value,
            "stance_both": bool(self.stance_both.value),
            "depth": self.depth.value or None,
            "template": self.template.value or None,
            "responses": self.stages.responses(),
            "narrative": self.narrative.value,
            "tags": self.picker.value(),
            "feelings_before": self.feelings_before.value,
            "feelings_after": self.feelings_after.value,
            "actions": self.action_rows.value(),
            "flagged": bool(self.flagged.value),
            "pcf": self.pcf.value(),
        }

    def _set_fields(self, fields: Mapping[str, Any], tag_state: list[Any] | None = None) -> list[str]:
        """Show ``fields`` (entry fields or a draft's); returns problems worth telling."""
        was_loading, self._loading = self._loading, True
        try:
            problems = [p for p in (self.stages.choose(fields.get("template")),) if p]
            self.stages.remember(fields.get("responses") or {})
            self.stages.build()
            problems += self._set_conversation(fields)
            problems += self._set_how_it_went(fields)
            self.action_rows.set(list(fields.get("actions") or []))
            unknown = self.picker.set_value(
                tag_state if tag_state is not None else fields.get("tags") or [], self.texts()
            )
            if unknown:
                problems.append("tags not in the vocabulary any more: " + ", ".join(unknown))
            self.picker.set_texts(self.texts(), self._text_labels())
        finally:
            self._loading = was_loading
        self._check_identifiers()
        return problems

    def _set_conversation(self, fields: Mapping[str, Any]) -> list[str]:
        occurred = fields.get("occurred_on")
        self.date.value = dt.date.fromisoformat(occurred) if isinstance(occurred, str) else occurred
        self.title.value = fields.get("title") or ""
        context = fields.get("context") or ""
        self.context.value = context if context in [v for _, v in self.context.options] else ""
        self.people.allowed_tags = self._pseudonyms()
        people = list(fields.get("people") or [])
        missing = [p for p in people if p not in self.people.allowed_tags]
        self.people.value = [p for p in people if p in self.people.allowed_tags]
        return ["not in the people register any more: " + ", ".join(missing)] if missing else []

    def _set_how_it_went(self, fields: Mapping[str, Any]) -> list[str]:
        problems = [
            problem
            for problem in (
                _choose(self.outcome, fields.get("outcome"), "outcome"),
                _choose(self.depth, fields.get("depth"), "depth of reflection"),
            )
            if problem
        ]
        self.stance.set(fields.get("stance"), 0)
        self.stance_both.value = bool(fields.get("stance_both"))
        self.feelings_before.set(fields.get("feelings_before"), 5)
        self.feelings_after.set(fields.get("feelings_after"), 5)
        self.narrative.value = fields.get("narrative") or ""
        self.flagged.value = bool(fields.get("flagged"))
        unknown = self.pcf.set(fields.get("pcf"))
        if unknown:
            problems.append("PCF domains not offered any more: " + ", ".join(unknown))
        return problems

    def _status_changed(self, action: dict[str, Any], text: str, status: str) -> None:
        if self._loading:
            return
        action["status"] = status
        if self._entry is None:
            return
        opened = self._entry.revision
        try:
            # saved at once, merged with the entry as it is in the journal (nothing is lost)
            updated = self.journal.set_action_status(self._entry.id, action["id"], status)
        except ValidationError as exc:
            self._show_error(ValidationError("actions", exc.reason))
            return
        except WorkbookError as exc:
            self._show_error(ValidationError("actions", str(exc)))
            return
        for saved in (self._baseline or {}).get("actions", []):
            if isinstance(saved, dict) and saved.get("id") == action["id"]:
                saved["status"] = status  # already saved: not a change to keep in the draft
        done = f"Action point ‘{short(text, 50)}’ marked {status} (saved)."
        if updated.revision == opened + 1:
            self._entry = updated  # the form's copy plus this status: the form is up to date
            self._set_status(done)
            return
        # Saved elsewhere since this form opened it: the form keeps the revision it opened,
        # so Save is refused instead of putting this older copy over the newer one.
        self._set_status(f"{done} This entry was also changed elsewhere since you opened it.", error=True)
        self._show_conflict(ConflictError(updated.id, updated.revision - 1, opened), saving=False)

    # -- saving -------------------------------------------------------------------------------
    def submit(self) -> Entry | None:
        """Save (add or update) through the journal; None and errors beside fields if refused."""
        self._clear_errors()
        try:
            self.picker.check_passages()
            fields = self.value()
            if self._entry is None:
                entry = self.journal.add(**fields)
            else:
                entry = self.journal.update(self._entry.id, expected_revision=self._entry.revision, **fields)
        except ConflictError as exc:
            self._show_conflict(exc)
            return None
        except ValidationError as exc:
            self._show_error(exc)
            where = FIELD_LABELS.get(exc.parts.base, "the form")
            self._set_status(f"Not saved: please check {where} (see the message there).", error=True)
            return None
        except WorkbookError as exc:
            set_error(self._field_labels[GENERAL], str(exc))
            self.errors[GENERAL] = str(exc)
            self._set_status("Not saved.", error=True)
            return None
        self._saved(entry)
        return entry

    # -- saved elsewhere meanwhile ----------------------------------------------------------
    def _show_conflict(self, error: ConflictError, *, saving: bool = True) -> None:
        """The entry was saved elsewhere since the form opened it: say so beside Save, keep
        what was typed as the draft, and offer to reopen the newest version."""
        self.errors[GENERAL] = str(error)
        if saving:
            set_error(self._field_labels[GENERAL], str(error))
            self._set_status("Not saved: this entry was changed elsewhere.", error=True)
        kept = self._keep_typed()
        if kept is None:
            what = "Nothing you typed here is unsaved."
        elif kept:
            what = (
                "What you typed here is still in the form and is kept as this entry's draft. Reopening shows "
                "the newest version and then offers your version as a draft: restore it to go on from it (saving "
                "it would replace the newer version), or discard it."
            )
        else:
            what = (
                "What you typed here is still in the form, but it could not be kept as a draft: copy what you "
                "need before you reopen, because reopening replaces it."
            )
        self.conflict_message.value = (
            f"<b>This entry was saved elsewhere (revision {error.current_revision}) since this form opened "
            f"revision {error.expected_revision}.</b> {esc(what)}"
        )
        show(self.conflict_bar, True)

    def _keep_typed(self) -> bool | None:
        """Keep the form as the draft (made from the revision it opened), whether or not drafts
        are kept while typing; None if nothing differs from what was opened, False if refused."""
        if jsonable(self.value()) == self._baseline:
            return None
        with self._draft_lock:
            try:
                self.journal.save_draft(self.draft_key, self._draft_state())
            except WorkbookError as exc:
                self.draft_status.value = f"<span style='color:#b00020'>Draft not kept: {esc(exc)}</span>"
                return False
            self._last_draft, self._dirty, self._draft_saved = time.monotonic(), False, True
        return True

    def reopen(self) -> Entry | None:
        """Load the newest version of the entry into the form (after a save was refused
        because it was saved elsewhere). What was typed is kept as the draft first and
        offered again (Restore / Discard), so nothing typed is lost. Returns the entry
        loaded; None for a new entry, or if what was typed could not be kept (a second
        call then reopens anyway)."""
        if self._entry is None:
            return None
        with self._draft_lock:
            self._cancel_timer()
            kept = self._keep_typed()
            if kept is False and not self._discard_typed_on_reopen:
                self._discard_typed_on_reopen = True
                set_error(
                    self._field_labels[GENERAL],
                    "What you typed could not be kept as a draft, so nothing was reopened. Copy what you need, "
                    "then reopen again (that replaces what is in the form).",
                )
                return None
            try:
                newest = self.journal.get(self._entry.id)
            except WorkbookError as exc:
                set_error(self._field_labels[GENERAL], str(exc))
                return None
            self._discard_typed_on_reopen = False
            self._offered = None
            show(self.draft_bar, False)
            self._load_entry(newest)
            self._dirty = False
        self._clear_errors()
        self._offer_draft()  # the version kept just now (or an earlier draft of this entry)
        self._set_status(
            f"Reopened the newest version (revision {newest.revision})."
            + (" Your unsaved version is offered as a draft above." if kept else "")
        )
        if self.on_reopened is not None:
            self.on_reopened(newest)
        return newest

    def _saved(self, entry: Entry) -> None:
        """After a save: no draft any more, the form reset (new) or reloaded (edit), and say so."""
        n_tags, n_actions = len(entry.tag_ids), len(entry.actions)
        found = self.identifiers.summary()
        what = (
            f"'{entry.title}' ({entry.occurred_on.isoformat()}) with {plural(n_tags, 'tag')}; "
            f"{plural(n_actions, 'action point')}." + (f" Check: {found}" if found else "")
        )
        with self._draft_lock:  # no draft timer may write between the discard and the reset
            self._cancel_timer()
            try:
                self.journal.discard_draft(self.draft_key)
            except WorkbookError:
                pass
            self._draft_saved, self._dirty = False, False
            self.draft_status.value = ""
            if self._entry is None:
                self._reset(self.template.value or None)
                self._set_status(f"Saved {what}")
            else:
                unchanged = entry.revision == self._entry.revision  # the journal wrote no new revision
                self._load_entry(entry)
                if unchanged:
                    self._set_status(f"Nothing changed, so no new version was saved: {what}")
                else:
                    self._set_status(f"Saved changes (revision {entry.revision}) to {what}")
        if self.on_saved is not None:
            self.on_saved(entry)

    def _set_status(self, message: str, *, error: bool = False) -> None:
        style = "color:#b00020" if error else OK_STYLE
        self.status.value = f"<span style='{style}' role='status'>{esc(message)}</span>"

    def _clear_errors(self) -> None:
        self.errors = {}
        show(self.conflict_bar, False)
        for label in self._labels.values():
            set_error(label, None)
        self.picker.clear_errors()
        self.status.value = ""

    def _show_error(self, error: ValidationError) -> None:
        """Put the refusal beside the widget for its field (e.g. ``tags[1].intensity``)."""
        self.errors[error.field] = error.reason
        labels = self._labels
        place = error_place(error, labels)
        if place == PICKER:
            self.picker.show_error(error)
        else:
            set_error(labels[place], error_text(error, place))

    def _reset(self, template: str | None) -> None:
        self._entry = None
        self.stages.text = {}
        self._set_fields({"template": template, "occurred_on": self._today or dt.date.today()})
        self._baseline = jsonable(self.value())

    def _load_entry(self, entry: Entry) -> None:
        self._entry = entry
        self.stages.text = {}
        self._set_fields(entry.fields())
        self._baseline = jsonable(self.value())

    @property
    def entry(self) -> Entry | None:
        """The entry being edited (None for a new one)."""
        return self._entry

    def adopt(self, entry: Entry) -> None:
        """Take ``entry`` as the revision this form was opened from, when it was saved elsewhere
        by a change the form does not show (feedback added from the review form): the form's
        next Save then checks against it instead of being refused as a change made elsewhere."""
        if self._entry is None or entry.id != self._entry.id:
            raise ValueError("adopt() takes a newer revision of the entry this form holds.")
        self._entry = entry

    # -- people ---------------------------------------------------------------------------------

    def add_person(self, pseudonym: str | None = None, role: str | None = None) -> str | None:
        """Add a pseudonym to the register and to this entry; None (error shown) if refused."""
        pseudonym = self.person_name.value if pseudonym is None else pseudonym
        role = self.person_role.value if role is None else role
        set_error(self._field_labels["person"], None)
        try:
            person = self.journal.people.add(pseudonym, role)
        except ValidationError as exc:
            set_error(self._field_labels["person"], f"{exc.field.capitalize()}: {exc.reason}")
            self.errors[f"person.{exc.field}"] = exc.reason
            return None
        self.people.allowed_tags = self._pseudonyms()
        self.people.value = [*self.people.value, person.pseudonym]
        self.person_name.value = ""
        self._set_status(f"Added ‘{person.pseudonym}’ ({person.role}) to your people register.")
        return person.pseudonym
