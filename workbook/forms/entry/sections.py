"""The entry form's widgets, section by section: the conversation, the reflection, how it
went, and what comes next (with the draft bar on top and Save at the bottom).

:class:`FormSections` is the building half of :class:`~workbook.forms.EntryForm`: it makes
the widgets and lays them out, and wires them to the handlers the form defines (listed
below as annotations). Keeping the layout here leaves ``form.py`` with what the form does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ...content.vocab import Vocabulary
from ...models import (
    DEPTH_DESCRIPTORS,
    DEPTHS,
    FEELINGS_SCALE,
    OUTCOME_LABELS,
    OUTCOMES,
    PERSON_ROLES,
    STANCE_BOTH_LABEL,
    STANCES,
    Entry,
    Template,
)
from .._common import (
    NOTE_STYLE,
    OptionalSlider,
    context_options,
    css,
    error_label,
    esc,
    full_width,
    note,
    section,
    show,
)
from .actions import ActionRows
from .identifiers import IdentifierBox
from .messages import GENERAL
from .pcf import PCFChooser
from .people import ManagePeople, PeopleField
from .stages import StageEditor
from .tags import TagPicker

OUTCOME_HELP = (
    "Held: the painful issue was named and talked about. Avoided: it was never raised. "
    "Softened: it was raised but blurred, put off or buried in reassurance. "
    "Deferred by decision: you left it for another time, for a reason you can state, with a plan. "
    "Chose not to know: the person said they did not want to hear it (or not yet), and you respected that. "
    "Point at a button for more."
)
STANCE_HELP = "Heroic: fighting adversity at any cost. Stoical: accepting limits and shaping what remains."
STANCE_BOTH_HELP = "Tick if you felt both pulls at once: to fight for more, and to accept what cannot be changed."
DEPTH_HELP = (
    "Optional: how far this piece of writing goes (Hatton and Smith 1995; notebook 04 explains the four levels). "
    "It describes the writing, not you, and it is not a grade."
)
DEPTH_NOT_RATED = "Not rated"
DEPTH_CHOOSE = "Choose a level to see what it means here."
PEOPLE_HELP = (
    "Pseudonyms from your people register: type one and press Enter; ✕ takes someone off. "
    "Use a role or a made-up name, never a real name."
)
# The fields with an error label of their own (the sliders bring theirs; stages have one each).
_LABELLED = (
    "occurred_on",
    "title",
    "context",
    "people",
    "outcome",
    "stance_both",
    "depth",
    "template",
    "narrative",
    "pcf",
    "actions",
    "flagged",
)


class FormSections:
    """Builds the entry form's widgets (``_build``) and finds its error labels (``_labels``)."""

    vocabulary: Vocabulary
    templates: Mapping[str, Template]
    _entry: Entry | None
    # the handlers, defined by EntryForm and its DraftMixin
    _guard: Callable[[Callable[[], Any]], Callable[[Any], None]]
    _input: Callable[..., None]
    _changed: Callable[[], None]
    _stage_typed: Callable[[str], None]
    _template_changed: Callable[[], None]
    _texts_changed: Callable[..., None]
    _status_changed: Callable[[dict[str, Any], str, str], None]
    _pseudonyms: Callable[[], list[str]]
    _find_identifiers: Callable[[str], list[Any]]
    _replace_text: Callable[[str, int, int, str, str], bool]
    _check_identifiers: Callable[[], None]
    add_person: Callable[..., Any]
    restore_draft: Callable[[], bool]
    discard_draft: Callable[[], None]
    submit: Callable[[], Any]
    reopen: Callable[[], Any]

    # -- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.log = css(w.Output(), "wb-log")
        self._field_labels: dict[str, w.HTML] = {k: error_label(k) for k in (*_LABELLED, "person", GENERAL)}
        self.widget = css(
            w.VBox(
                [
                    self._draft_section(),
                    *self._conversation_section(),
                    *self._reflection_section(),
                    *self._outcome_section(),
                    *self._depth_section(),
                    *self._pcf_section(),
                    *self._next_section(),
                    self.log,
                ]
            ),
            "wb-entry-form",
        )
        for widget in (
            self.title,
            self.date,
            self.context,
            self.people,
            self.narrative,
            self.outcome,
            self.stance_both,
            self.depth,
            self.actions,
            self.flagged,
            *(part for slider in self._sliders().values() for part in (slider.slider, slider.none)),
        ):
            widget.observe(self._input, "value")
        self.narrative.observe(lambda _: self._texts_changed(), "value")
        self.title.observe(lambda _: self._check_identifiers(), "value")
        for decided in (self.context, self.outcome):
            decided.observe(lambda _: self._decided_changed(), "value")

    def _decided_changed(self) -> None:
        """A chosen context or outcome: the tag picker stops suggesting the tags it settles."""
        self.picker.set_decided(context=self.context.value or None, outcome=self.outcome.value or None)

    def _draft_section(self) -> w.VBox:
        self.draft_message = css(w.HTML(""), "wb-draft-message")
        self.draft_restore = css(w.Button(description="Restore draft", button_style="warning"), "wb-draft-restore")
        self.draft_discard = css(w.Button(description="Discard draft"), "wb-draft-discard")
        self.draft_restore.on_click(self._guard(lambda: self.restore_draft()))
        self.draft_discard.on_click(self._guard(lambda: self.discard_draft()))
        self.draft_bar = css(
            w.VBox([self.draft_message, w.HBox([self.draft_restore, self.draft_discard])]), "wb-draft-bar"
        )
        show(self.draft_bar, False)
        return self.draft_bar

    def _conversation_section(self) -> list[w.Widget]:
        """Title, date, context and who took part (with a row to register a new pseudonym)."""
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
        self.people = css(
            PeopleField(self.journal.people, on_unknown=lambda name: setattr(self.person_name, "value", name)),
            "wb-people",
        )
        self.manage_people = ManagePeople(self.journal.people, on_changed=self.people.renamed)
        self.person_name = css(w.Text(placeholder="New pseudonym, e.g. 'Parent Willow'"), "wb-person-pseudonym")
        self.person_role = css(
            w.Dropdown(options=PERSON_ROLES, value=PERSON_ROLES[0], description="Role"), "wb-person-role"
        )
        self.person_add = css(w.Button(description="Add person"), "wb-person-add")
        self.person_add.on_click(self._guard(lambda: self.add_person()))
        labels = self._field_labels
        return [
            section("The conversation"),
            *(self.title, labels["title"], self.date, labels["occurred_on"], self.context, labels["context"]),
            w.HTML("<b>Who took part</b>"),
            note(PEOPLE_HELP),
            self.people,
            labels["people"],
            w.HBox([self.person_name, self.person_role, self.person_add]),
            labels["person"],
            self.manage_people,
        ]

    def _reflection_section(self) -> list[w.Widget]:
        """The reflective model with its stages, then the free narrative."""
        self.stages = StageEditor(self.templates, on_text=self._stage_typed)
        self.template = self.stages.dropdown
        self.template_summary = self.stages.summary
        self.stages_box = self.stages.box
        self.template.observe(lambda _: self._template_changed(), "value")
        self.narrative = css(
            w.Textarea(placeholder="Anything else you want to write, in your own way", rows=6, layout=full_width()),
            "wb-narrative",
        )
        labels = self._field_labels
        return [
            section("Reflection"),
            *(self.template, self.template_summary, labels["template"], self.stages_box),
            *(w.HTML("<b>Narrative</b>"), self.narrative, labels["narrative"]),
        ]

    def _outcome_section(self) -> list[w.Widget]:
        """Outcome, stance, feelings before and after, and the tag picker."""
        self.outcome = css(
            w.ToggleButtons(
                options=[*((OUTCOME_LABELS[o], o) for o in OUTCOMES), ("Not recorded", "")],
                value="",
                tooltips=[*(self._definition(o) for o in OUTCOMES), "Leave the outcome unrecorded"],
                # as wide as each label (the default width cuts the long ones off); the row
                # wraps onto a second line when the notebook is narrow
                style={"button_width": "auto"},
                layout=full_width(),
            ),
            "wb-outcome",
        )
        stance_options = [(label, value) for value, label in sorted(STANCES.items())]
        self.stance = OptionalSlider(
            w.SelectionSlider(options=stance_options, value=0, continuous_update=False), "stance", "Heroic ↔ stoical"
        )
        self.stance_both = css(
            w.Checkbox(value=False, description=STANCE_BOTH_LABEL, indent=False, layout=w.Layout(width="auto")),
            "wb-stance-both",
        )
        self.feelings_before = OptionalSlider(w.IntSlider(value=5, min=0, max=10), "feelings-before", "Feelings before")
        self.feelings_after = OptionalSlider(w.IntSlider(value=5, min=0, max=10), "feelings-after", "Feelings after")
        self.picker = TagPicker(self.vocabulary, on_change=self._changed)
        return [
            section("How it went"),
            *(note(OUTCOME_HELP), self.outcome, self._field_labels["outcome"]),
            *(note(STANCE_HELP), self.stance.box),
            w.HBox(
                [w.Label("", layout=w.Layout(width="9em")), self.stance_both, note(STANCE_BOTH_HELP)],
                layout=w.Layout(align_items="center", flex_flow="row wrap"),
            ),
            self._field_labels["stance_both"],
            *(note(f"Feelings: {FEELINGS_SCALE}."), self.feelings_before.box, self.feelings_after.box),
            self.picker.widget,
        ]

    def _depth_section(self) -> list[w.Widget]:
        """The optional depth-of-reflection rating, after everything else about how it went
        (it is asked last so that it does not crowd a first entry): a choice and the line
        that says what the chosen level means."""
        self.depth = css(
            w.Dropdown(
                options=[(DEPTH_NOT_RATED, ""), *((label, key) for key, label in DEPTHS.items())],
                value="",
            ),
            "wb-depth",
        )
        self.depth_descriptor = css(w.HTML(""), "wb-depth-descriptor")
        self.depth.observe(lambda _: self._describe_depth(), "value")
        self._describe_depth()
        return [
            w.HTML("<b>Depth of reflection</b> (optional)"),
            note(DEPTH_HELP),
            *(self.depth, self.depth_descriptor),
            self._field_labels["depth"],
        ]

    def _pcf_section(self) -> list[w.Widget]:
        """The BASW PCF domains the entry is evidence for (social work), closed until opened."""
        self.pcf = PCFChooser(on_change=self._input)
        return [self.pcf.widget, self._field_labels["pcf"]]

    def _describe_depth(self) -> None:
        """Show, under the choice, what the chosen level means."""
        line = DEPTH_DESCRIPTORS.get(self.depth.value, DEPTH_CHOOSE)
        self.depth_descriptor.value = f"<span style='{NOTE_STYLE}'>{esc(line)}</span>"

    def _next_section(self) -> list[w.Widget]:
        """Action points, "bring to supervision", Save and the status lines."""
        self.action_rows = ActionRows(on_input=self._input, on_status=self._status_changed)
        self.actions_box, self.actions = self.action_rows.box, self.action_rows.new
        self.flagged = css(w.Checkbox(value=False, description="Bring to supervision", indent=False), "wb-flagged")
        self.save_button = css(
            w.Button(description="Save entry" if self._entry is None else "Save changes", button_style="primary"),
            "wb-save",
        )
        self.save_button.on_click(self._guard(lambda: self.submit()))
        self.status = css(w.HTML(""), "wb-status")
        self.draft_status = css(w.HTML(""), "wb-draft-status")
        self.identifiers = IdentifierBox(self._find_identifiers, self._replace_text, again=self._check_identifiers)
        labels = self._field_labels
        return [
            section("Next"),
            *(self.actions_box, self.actions, labels["actions"], self.flagged, labels["flagged"]),
            self.identifiers.box,
            *(self.save_button, self.status, labels[GENERAL], self._conflict_section(), self.draft_status),
        ]

    def _conflict_section(self) -> w.VBox:
        """Shown when the entry was saved elsewhere since this form opened it: what happened
        to what was typed here, and a button to reopen the newest version."""
        self.conflict_message = css(w.HTML(""), "wb-conflict-message")
        self.reopen_button = css(
            w.Button(description="Reopen the newest version", button_style="warning", layout=w.Layout(width="auto")),
            "wb-reopen",
        )
        self.reopen_button.on_click(self._guard(lambda: self.reopen()))
        self.conflict_bar = css(w.VBox([self.conflict_message, self.reopen_button]), "wb-conflict-bar")
        show(self.conflict_bar, False)
        return self.conflict_bar

    def _sliders(self) -> dict[str, OptionalSlider]:
        return {"stance": self.stance, "feelings_before": self.feelings_before, "feelings_after": self.feelings_after}

    @property
    def _labels(self) -> dict[str, w.HTML]:
        """Every error label by the field it is for (the current stages' included)."""
        sliders = {key: slider.error for key, slider in self._sliders().items()}
        return {**self._field_labels, **sliders, **self.stages.labels}

    def _definition(self, tag_id: str) -> str:
        tag = self.vocabulary.find(tag_id)
        return tag.definition if tag else ""
