"""The entry form: write up one conversation, or change one already in the journal.

A thin view: it builds widgets from a template and the vocabulary, turns them into the
fields ``Journal.add`` takes (:meth:`EntryForm.value`), and saves through the journal it
was given (:meth:`EntryForm.submit`, the same path as the Save button). Every rule about
what is allowed lives in ``workbook.validate``; the form only shows the journal's
``ValidationError`` beside the field it names. What is typed is kept as a draft in the
journal, so a kernel restart or a closed tab loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ..errors import ValidationError, WorkbookError
from ..models import ACTION_STATUSES, FEELINGS_SCALE, OUTCOMES, PERSON_ROLES, STANCES, Entry
from ._api import JournalAPI
from ._common import (
    NOTE_STYLE,
    OK_STYLE,
    OptionalSlider,
    View,
    context_options,
    css,
    css_id,
    error_label,
    esc,
    full_width,
    jsonable,
    note,
    plural,
    section,
    set_error,
    short,
    show,
)
from .drafts import DraftMixin
from .tag_picker import TagPicker

OUTCOME_HELP = (
    "Held: the painful issue was named and talked about. Avoided: it was never raised. "
    "Softened: it was raised but blurred, put off or buried in reassurance."
)
FIELD_LABELS = {
    "occurred_on": "Date",
    "title": "Title",
    "context": "Context",
    "people": "People",
    "outcome": "Outcome",
    "stance": "Stance",
    "template": "Reflective model",
    "responses": "Stage answers",
    "narrative": "Narrative",
    "tags": "Tags",
    "feelings_before": "Feelings before",
    "feelings_after": "Feelings after",
    "actions": "Action points",
    "flagged": "Bring to supervision",
    "feedback": "Feedback",
}
_SLIDERS = ("stance", "feelings_before", "feelings_after")
_SIMPLE_FIELDS = (
    "occurred_on",
    "title",
    "context",
    "people",
    "outcome",
    "stance",
    "template",
    "narrative",
    "feelings_before",
    "feelings_after",
    "actions",
    "flagged",
)


def with_subject(name: str, message: str) -> str:
    """An error beside a field, with the field named (FIELD_LABELS): ``"is required"`` →
    ``"Title is required"``; other messages get ``"Title: "`` in front."""
    if message.split(" ", 1)[0] in {"is", "must", "has", "holds", "cannot"}:
        return f"{name} {message}"
    return f"{name}: {message}"


class EntryForm(DraftMixin, View):
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
        autosave: bool = True,
        draft_interval: float = 1.0,
        today: dt.date | None = None,
    ) -> None:
        self.journal = journal
        self.vocabulary = journal.vocabulary()
        self.templates = journal.templates()
        self.on_saved = on_saved
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
        self._stage_text: dict[str, str] = {}  # every stage answer typed, by stage id
        self.stage_areas: dict[str, w.Textarea] = {}
        self._stage_words: dict[str, w.HTML] = {}
        self._action_rows: list[tuple[dict[str, Any], w.Text, w.Dropdown]] = []
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

    # -- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.log = css(w.Output(), "wb-log")
        self._labels: dict[str, w.HTML] = {
            k: error_label(k) for k in (*_SIMPLE_FIELDS, "person", "general") if k not in _SLIDERS
        }

        self.draft_message = css(w.HTML(""), "wb-draft-message")
        self.draft_restore = css(w.Button(description="Restore draft", button_style="warning"), "wb-draft-restore")
        self.draft_discard = css(w.Button(description="Discard draft"), "wb-draft-discard")
        self.draft_restore.on_click(self._guard(lambda: self.restore_draft()))
        self.draft_discard.on_click(self._guard(lambda: self.discard_draft()))
        self.draft_bar = css(
            w.VBox([self.draft_message, w.HBox([self.draft_restore, self.draft_discard])]), "wb-draft-bar"
        )
        show(self.draft_bar, False)

        self.title = css(
            w.Text(
                description="Title",
                placeholder="A short title, e.g. 'Home visit: talking about the bruise'",
                layout=full_width(),
            ),
            "wb-title",
        )
        self.date = css(w.DatePicker(description="Date"), "wb-date")
        self.context = css(
            w.Dropdown(
                options=[("(choose a context)", ""), *context_options(self.vocabulary)], value="", description="Context"
            ),
            "wb-context",
        )
        self.people = css(w.TagsInput(allowed_tags=self._pseudonyms(), allow_duplicates=False), "wb-people")
        self.person_name = css(w.Text(placeholder="New pseudonym, e.g. 'Parent Willow'"), "wb-person-pseudonym")
        self.person_role = css(
            w.Dropdown(options=PERSON_ROLES, value=PERSON_ROLES[0], description="Role"), "wb-person-role"
        )
        self.person_add = css(w.Button(description="Add person"), "wb-person-add")
        self.person_add.on_click(self._guard(lambda: self.add_person()))

        self.template = css(
            w.Dropdown(
                options=[("No model: free writing", ""), *((t.name, t.id) for t in self.templates.values())],
                value="",
                description="Model",
                layout=w.Layout(width="60%"),
            ),
            "wb-template",
        )
        self.template.observe(lambda _: self._template_changed(), "value")
        self.template_summary = css(w.HTML(""), "wb-template-summary")
        self.stages_box = css(w.VBox([]), "wb-stages")
        self.narrative = css(
            w.Textarea(placeholder="Anything else you want to write, in your own way", rows=6, layout=full_width()),
            "wb-narrative",
        )

        outcome_labels = {o: o.capitalize() for o in OUTCOMES}
        self.outcome = css(
            w.ToggleButtons(
                options=[*((outcome_labels[o], o) for o in OUTCOMES), ("Not recorded", "")],
                value="",
                tooltips=[*(self._definition(o) for o in OUTCOMES), "Leave the outcome unrecorded"],
            ),
            "wb-outcome",
        )
        stance_options = [(label, value) for value, label in sorted(STANCES.items())]
        self.stance = OptionalSlider(
            w.SelectionSlider(options=stance_options, value=0, continuous_update=False), "stance", "Heroic ↔ stoical"
        )
        self.feelings_before = OptionalSlider(w.IntSlider(value=5, min=0, max=10), "feelings-before", "Feelings before")
        self.feelings_after = OptionalSlider(w.IntSlider(value=5, min=0, max=10), "feelings-after", "Feelings after")
        for key, opt in (
            ("stance", self.stance),
            ("feelings_before", self.feelings_before),
            ("feelings_after", self.feelings_after),
        ):
            self._labels[key] = opt.error

        self.picker = TagPicker(self.vocabulary, on_change=self._changed)
        self.actions_box = css(w.VBox([]), "wb-existing-actions")
        self.actions = css(
            w.Textarea(placeholder="One action point per line", rows=3, layout=full_width()), "wb-actions"
        )
        self.flagged = css(w.Checkbox(value=False, description="Bring to supervision", indent=False), "wb-flagged")

        self.save_button = css(
            w.Button(description="Save entry" if self._entry is None else "Save changes", button_style="primary"),
            "wb-save",
        )
        self.save_button.on_click(self._guard(lambda: self.submit()))
        self.status = css(w.HTML(""), "wb-status")
        self.draft_status = css(w.HTML(""), "wb-draft-status")

        for widget in (
            self.title,
            self.date,
            self.context,
            self.people,
            self.narrative,
            self.outcome,
            self.actions,
            self.flagged,
            self.stance.slider,
            self.stance.none,
            self.feelings_before.slider,
            self.feelings_before.none,
            self.feelings_after.slider,
            self.feelings_after.none,
        ):
            widget.observe(self._input, "value")
        self.narrative.observe(lambda _: self._texts_changed(), "value")

        L = self._labels  # noqa: N806
        self.widget = css(
            w.VBox(
                [
                    self.draft_bar,
                    section("The conversation"),
                    self.title,
                    L["title"],
                    self.date,
                    L["occurred_on"],
                    self.context,
                    L["context"],
                    w.HTML("<b>Who took part</b>"),
                    note(
                        "Pseudonyms from your people register. Type to pick; use a role or a made-up name, never a real name."
                    ),
                    self.people,
                    L["people"],
                    w.HBox([self.person_name, self.person_role, self.person_add]),
                    L["person"],
                    section("Reflection"),
                    self.template,
                    self.template_summary,
                    L["template"],
                    self.stages_box,
                    w.HTML("<b>Narrative</b>"),
                    self.narrative,
                    L["narrative"],
                    section("How it went"),
                    note(OUTCOME_HELP),
                    self.outcome,
                    L["outcome"],
                    note("Heroic: fighting adversity at any cost. Stoical: accepting limits and shaping what remains."),
                    self.stance.box,
                    note(f"Feelings: {FEELINGS_SCALE}."),
                    self.feelings_before.box,
                    self.feelings_after.box,
                    self.picker.widget,
                    section("Next"),
                    self.actions_box,
                    self.actions,
                    L["actions"],
                    self.flagged,
                    L["flagged"],
                    self.save_button,
                    self.status,
                    L["general"],
                    self.draft_status,
                    self.log,
                ]
            ),
            "wb-entry-form",
        )

    def _definition(self, tag_id: str) -> str:
        tag = self.vocabulary.find(tag_id)
        return tag.definition if tag else ""

    def _pseudonyms(self) -> list[str]:
        return [p.pseudonym for p in self.journal.people.list()]

    def _guard(self, action: Callable[[], Any]) -> Callable[[Any], None]:
        """A button handler whose unexpected errors show inside the form (not a lost traceback)."""

        def handler(_: Any) -> None:
            with self.log:
                try:
                    action()
                except Exception:
                    set_error(
                        self._labels["general"],
                        "Something went wrong (a fault in the workbook, not in what you wrote). Your writing is still here; details below.",
                    )
                    raise

        return handler

    # -- stages ---------------------------------------------------------------------------
    def _template_changed(self) -> None:
        if self._loading:
            return  # whoever is loading builds the stages once everything is set
        for sid, area in self.stage_areas.items():
            self._stage_text[sid] = area.value
        self._build_stages()
        self._texts_changed()
        self._changed()

    def _build_stages(self) -> None:
        self.stage_areas, self._stage_words = {}, {}
        for key in [k for k in self._labels if k.startswith("responses.")]:
            del self._labels[key]
        template = self.templates.get(self.template.value) if self.template.value else None
        if template is None:
            self.template_summary.value = ""
            self.stages_box.children = ()
            return
        self.template_summary.value = f"<span style='{NOTE_STYLE}'>{esc(template.summary)}</span>"
        children: list[w.Widget] = []
        for stage in template.stages:
            sid = css_id(stage.id)
            area = css(
                w.Textarea(value=self._stage_text.get(stage.id, ""), rows=5, layout=full_width()), f"wb-stage-{sid}"
            )
            area.observe(self._input, "value")
            area.observe(lambda _, s=stage.id: self._texts_changed(s), "value")
            self.stage_areas[stage.id] = area
            self._stage_words[stage.id] = css(w.HTML(""), f"wb-words-{sid}")
            self._labels[f"responses.{stage.id}"] = error_label(f"responses-{stage.id}")
            children += [
                css(
                    w.HTML(
                        f"<b>{esc(stage.title)}</b><br>{esc(stage.prompt)}"
                        f"<details><summary style='{NOTE_STYLE}'>Guidance</summary>"
                        f"<div style='{NOTE_STYLE}'>{esc(stage.guidance)}</div></details>"
                    ),
                    f"wb-stage-prompt-{sid}",
                ),
                area,
                self._stage_words[stage.id],
                self._labels[f"responses.{stage.id}"],
            ]
            self._update_words(stage.id)
        other = [s for s, t in self._stage_text.items() if t.strip() and s not in template.stage_ids]
        if other:
            children.append(
                note(
                    "Text written for another model's stages is kept in this form, but is saved only if you switch back: "
                    + ", ".join(other)
                    + ".",
                    "wb-stages-elsewhere",
                )
            )
        self.stages_box.children = tuple(children)

    def _update_words(self, stage_id: str) -> None:
        template = self.templates.get(self.template.value)
        if template is None or stage_id not in self.stage_areas:
            return
        n = len(self.stage_areas[stage_id].value.split())
        minimum = template.stage(stage_id).min_words
        aim = f" · aim for at least {minimum}" if minimum else ""
        self._stage_words[stage_id].value = f"<span style='{NOTE_STYLE}'>{plural(n, 'word')}{aim}</span>"

    def texts(self) -> dict[str, str]:
        """The entry's texts by field name, as anchors name them."""
        texts = {f"responses.{sid}": area.value for sid, area in self.stage_areas.items()}
        texts["narrative"] = self.narrative.value
        return texts

    def _text_labels(self) -> dict[str, str]:
        template = self.templates.get(self.template.value)
        labels = {f"responses.{s.id}": s.title for s in template.stages} if template else {}
        labels["narrative"] = "Narrative"
        return labels

    def _texts_changed(self, stage_id: str | None = None) -> None:
        if stage_id is not None:
            self._update_words(stage_id)
        if not self._loading:
            self.picker.set_texts(self.texts(), self._text_labels())

    # -- value ------------------------------------------------------------------------------
    def value(self) -> dict[str, Any]:
        """The entry's fields, as ``Journal.add`` takes them (feedback is left untouched)."""
        actions: list[Any] = []
        for action, text, status in self._action_rows:
            if text.value.strip():
                actions.append({**action, "text": text.value.strip(), "status": status.value})
        actions += [line.strip() for line in self.actions.value.splitlines() if line.strip()]
        return {
            "occurred_on": self.date.value,
            "title": self.title.value.strip(),
            "context": self.context.value or None,
            "people": list(self.people.value),
            "outcome": self.outcome.value or None,
            "stance": self.stance.value,
            "template": self.template.value or None,
            "responses": {sid: area.value for sid, area in self.stage_areas.items() if area.value.strip()},
            "narrative": self.narrative.value,
            "tags": self.picker.value(),
            "feelings_before": self.feelings_before.value,
            "feelings_after": self.feelings_after.value,
            "actions": actions,
            "flagged": bool(self.flagged.value),
        }

    def _set_fields(self, fields: Mapping[str, Any], tag_state: list[Any] | None = None) -> list[str]:
        """Show ``fields`` (entry fields or a draft's); returns problems worth telling."""
        problems: list[str] = []
        was_loading, self._loading = self._loading, True
        try:
            template = fields.get("template") or ""
            self.template.value = template if template in self.templates else ""
            if template and template not in self.templates:
                problems.append(f"the model {template!r} is not available here")
            for sid, text in (fields.get("responses") or {}).items():
                self._stage_text[sid] = text
            self._build_stages()
            occurred = fields.get("occurred_on")
            self.date.value = dt.date.fromisoformat(occurred) if isinstance(occurred, str) else occurred
            self.title.value = fields.get("title") or ""
            context = fields.get("context") or ""
            self.context.value = context if context in [v for _, v in self.context.options] else ""
            self.people.allowed_tags = self._pseudonyms()
            people = list(fields.get("people") or [])
            missing = [p for p in people if p not in self.people.allowed_tags]
            if missing:
                problems.append("not in the people register any more: " + ", ".join(missing))
            self.people.value = [p for p in people if p in self.people.allowed_tags]
            self.outcome.value = fields.get("outcome") or ""
            self.stance.set(fields.get("stance"), 0)
            self.feelings_before.set(fields.get("feelings_before"), 5)
            self.feelings_after.set(fields.get("feelings_after"), 5)
            self.narrative.value = fields.get("narrative") or ""
            self.flagged.value = bool(fields.get("flagged"))
            existing = [a for a in fields.get("actions") or [] if isinstance(a, Mapping) and a.get("id")]
            self._set_action_rows(existing)
            self.actions.value = "\n".join(
                a if isinstance(a, str) else str(a.get("text", ""))
                for a in fields.get("actions") or []
                if isinstance(a, str) or not a.get("id")
            )
            unknown = self.picker.set_value(
                tag_state if tag_state is not None else fields.get("tags") or [], self.texts()
            )
            if unknown:
                problems.append("tags not in the vocabulary any more: " + ", ".join(unknown))
            self.picker.set_texts(self.texts(), self._text_labels())
        finally:
            self._loading = was_loading
        return problems

    def _set_action_rows(self, actions: list[Mapping[str, Any]]) -> None:
        self._action_rows, rows = [], []
        for i, raw in enumerate(actions):
            action = {
                "id": raw["id"],
                "text": raw.get("text", ""),
                "status": raw.get("status", "open"),
                "due_on": jsonable(raw.get("due_on")),
            }
            text = css(w.Text(value=action["text"], layout=w.Layout(width="70%")), f"wb-action-text-{i}")
            status = css(
                w.Dropdown(options=ACTION_STATUSES, value=action["status"], layout=w.Layout(width="8em")),
                f"wb-action-status-{i}",
            )
            text.observe(self._input, "value")
            status.observe(lambda change, i=i: self._status_changed(i, change["new"]), "value")
            self._action_rows.append((action, text, status))
            rows.append(w.HBox([status, text]))
        header = (
            [
                note(
                    "Action points so far: change a status and it is saved at once; clear an action's text to remove it."
                )
            ]
            if rows
            else []
        )
        self.actions_box.children = (*header, *rows)

    def _status_changed(self, index: int, status: str) -> None:
        if self._loading:
            return
        action, text, _ = self._action_rows[index]
        action["status"] = status
        if self._entry is None:
            return
        try:
            self._entry = self.journal.set_action_status(self._entry.id, action["id"], status)
        except ValidationError as exc:
            self._show_error("actions", exc.reason)
            return
        except WorkbookError as exc:
            self._show_error("actions", str(exc))
            return
        for saved in (self._baseline or {}).get("actions", []):
            if isinstance(saved, dict) and saved.get("id") == action["id"]:
                saved["status"] = status  # already saved: not a change to keep in the draft
        self._set_status(f"Action point ‘{short(text.value, 50)}’ marked {status} (saved).")

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
                entry = self.journal.update(self._entry.id, **fields)
        except ValidationError as exc:
            self._show_error(exc.field, exc.reason)
            where = FIELD_LABELS.get(exc.field.split("[")[0].split(".")[0], "the form")
            self._set_status(f"Not saved: please check {where} (see the message there).", error=True)
            return None
        except WorkbookError as exc:
            set_error(self._labels["general"], str(exc))
            self.errors["general"] = str(exc)
            self._set_status("Not saved.", error=True)
            return None
        n_tags, n_actions = len(entry.tag_ids), len(entry.actions)
        what = (
            f"'{entry.title}' ({entry.occurred_on.isoformat()}) with {plural(n_tags, 'tag')}; "
            f"{plural(n_actions, 'action point')}."
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
                self._load_entry(entry)
                self._set_status(f"Saved changes (revision {entry.revision}) to {what}")
        if self.on_saved is not None:
            self.on_saved(entry)
        return entry

    def _set_status(self, message: str, *, error: bool = False) -> None:
        style = "color:#b00020" if error else OK_STYLE
        self.status.value = f"<span style='{style}' role='status'>{esc(message)}</span>"

    def _clear_errors(self) -> None:
        self.errors = {}
        for label in self._labels.values():
            set_error(label, None)
        self.picker.clear_errors()
        self.status.value = ""

    def _show_error(self, field: str, message: str) -> None:  # noqa: C901
        """Put ``message`` beside the widget for ``field`` (e.g. ``tags[1].intensity``)."""
        self.errors[field] = message
        base = field.split("[")[0].split(".")[0]
        if field.startswith("responses.") and ".".join(field.split(".")[:2]) in self._labels:
            set_error(self._labels[".".join(field.split(".")[:2])], message)
        elif base in ("tags", "passage"):
            self.picker.show_error(field, message)
        elif base in self._labels and base != "responses":
            set_error(
                self._labels[base], with_subject(FIELD_LABELS.get(base, base.replace("_", " ").capitalize()), message)
            )
        else:
            set_error(self._labels["general"], f"{field}: {message}")

    def _reset(self, template: str | None) -> None:
        self._entry = None
        self._stage_text = {}
        self._set_fields({"template": template, "occurred_on": self._today or dt.date.today()})
        self._baseline = jsonable(self.value())

    def _load_entry(self, entry: Entry) -> None:
        self._entry = entry
        self._stage_text = {}
        self._set_fields(entry.fields())
        self._baseline = jsonable(self.value())

    @property
    def entry(self) -> Entry | None:
        """The entry being edited (None for a new one)."""
        return self._entry

    # -- people ---------------------------------------------------------------------------------
    def add_person(self, pseudonym: str | None = None, role: str | None = None) -> str | None:
        """Add a pseudonym to the register and to this entry; None (error shown) if refused."""
        pseudonym = self.person_name.value if pseudonym is None else pseudonym
        role = self.person_role.value if role is None else role
        set_error(self._labels["person"], None)
        try:
            person = self.journal.people.add(pseudonym, role)
        except ValidationError as exc:
            set_error(self._labels["person"], f"{exc.field.capitalize()}: {exc.reason}")
            self.errors[f"person.{exc.field}"] = exc.reason
            return None
        self.people.allowed_tags = self._pseudonyms()
        self.people.value = [*self.people.value, person.pseudonym]
        self.person_name.value = ""
        self._set_status(f"Added ‘{person.pseudonym}’ ({person.role}) to your people register.")
        return person.pseudonym
