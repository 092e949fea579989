"""Before and after a hard conversation: choose a debrief model, prepare, then debrief.

Three debrief templates are offered (serious-illness conversation, breaking bad news
with SPIKES, a difficult conversation in child and family work). For the chosen one the
view shows a short **prepare** panel of planning prompts, for before the conversation,
which can be kept in the journal as a draft and later copied into the debrief; and the
:class:`~workbook.forms.EntryForm` for that template, for afterwards. Each template
keeps its own plan and its own entry draft, so switching loses nothing. A model that
belongs to one context presets the debrief's Context (:data:`DEBRIEF_CONTEXTS`) while it
is empty, and it can be changed. Once the debrief is saved its plan is cleared (kept
drafts hold text too): copy the plan into the debrief first to keep it with the entry.

The planning prompts are the ``prepare:`` list of each template's data file
(``Template.prepare``), our own words after the conversation guides named in each
template's reference (Bernacki & Block 2014 and the Ariadne Labs guide; Baile et al.
2000; Forrester et al. 2008).

CSS classes: ``wb-hard-conversation`` (the whole view), ``wb-hc-template`` (the chooser),
``wb-hc-about``, ``wb-hc-prepare``, ``wb-prepare-fields``, ``wb-prepare-<prompt id>`` (textareas),
``wb-prepare-save``, ``wb-prepare-copy``, ``wb-prepare-discard``, ``wb-prepare-status``,
``wb-hc-debrief`` (holds the entry form, whose classes are listed in
``workbook.forms``), ``wb-error-prepare``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import ipywidgets as w

from ..errors import ValidationError, WorkbookError
from ..models import Entry
from ._api import JournalAPI
from ._common import NOTE_STYLE, OK_STYLE, View, css, css_id, error_label, esc, full_width, jsonable, set_error, short
from .entry import EntryForm
from .entry.identifiers import IdentifierBox, finder_for

PLAN_VERSION = 1


DEBRIEF_CHOICES: dict[str, str] = {
    "serious_illness_debrief": "Serious-illness conversation",
    "spikes_debrief": "Breaking bad news (SPIKES)",
    "child_family_debrief": "Child and family work",
}


#: The context a debrief model presets while the entry has none. The serious-illness guide is
#: for conversations about serious illness and what matters at the end of life; SPIKES (bad
#: news on any ward or visit) and child and family work (protection, assessment, court) span
#: several contexts, so they preset none rather than guess.
DEBRIEF_CONTEXTS: dict[str, str] = {"serious_illness_debrief": "end-of-life"}


def plan_key(template_id: str) -> str:
    """Where the plan for ``template_id`` is kept among the journal's drafts."""
    return f"prepare-{template_id}"


def _fit() -> w.Layout:
    """A button as wide as its label."""
    return w.Layout(width="auto", min_width="max-content")


class HardConversation(View):
    """Prepare for and debrief a hard or difficult conversation.

    Parameters
    ----------
    journal
        Anything with the journal's methods (``wb.open_journal()`` gives one).
    template
        The debrief model to start with: one of :data:`DEBRIEF_CHOICES`.
    autosave, draft_interval, today, on_saved
        Passed to each :class:`EntryForm`.
    """

    def __init__(
        self,
        journal: JournalAPI,
        template: str = "serious_illness_debrief",
        *,
        autosave: bool = True,
        draft_interval: float = 1.0,
        today: dt.date | None = None,
        on_saved: Callable[[Entry], None] | None = None,
    ) -> None:
        self.journal = journal
        self.autosave = autosave
        self.draft_interval = draft_interval
        self.today = today
        self.on_saved = on_saved
        available = journal.templates()
        self.choices = {tid: label for tid, label in DEBRIEF_CHOICES.items() if tid in available}
        if template not in self.choices:
            raise ValidationError(
                "template",
                f"{template!r} is not one of the debrief models here; choose one of {', '.join(self.choices)}.",
            )
        self.templates = {tid: available[tid] for tid in self.choices}
        self.forms: dict[str, EntryForm] = {}
        self.plan_areas: dict[str, dict[str, w.Textarea]] = {}
        self._plan_boxes: dict[str, w.VBox] = {}
        self.errors: dict[str, str] = {}

        self.chooser = css(
            w.ToggleButtons(options=[(label, tid) for tid, label in self.choices.items()], value=template),
            "wb-hc-template",
        )
        self.chooser.style.button_width = "auto"
        self.about = css(w.HTML(""), "wb-hc-about")
        self.plan_fields = css(w.VBox([]), "wb-prepare-fields")
        # buttons as wide as their labels (the default width cut them to "Keep plan as a dr…")
        self.save_plan_button = css(w.Button(description="Keep plan as a draft", layout=_fit()), "wb-prepare-save")
        self.copy_plan_button = css(
            w.Button(description="Copy plan into the debrief", layout=_fit()), "wb-prepare-copy"
        )
        self.discard_plan_button = css(w.Button(description="Clear plan", layout=_fit()), "wb-prepare-discard")
        self.plan_status = css(w.HTML(""), "wb-prepare-status")
        self.plan_identifiers = IdentifierBox(finder_for(journal), self._replace_in_plan, again=self._check_plan)
        self.plan_error = error_label("prepare")
        self.log = css(w.Output(), "wb-log")
        self.save_plan_button.on_click(self._guard(lambda: self.save_plan()))
        self.copy_plan_button.on_click(self._guard(lambda: self.copy_plan_to_debrief()))
        self.discard_plan_button.on_click(self._guard(lambda: self.discard_plan()))
        self.prepare_box = css(
            w.VBox(
                [
                    w.HTML("<h3 style='margin:0.8em 0 0.2em'>Before: prepare</h3>"),
                    w.HTML(
                        f"<span style='{NOTE_STYLE}'>A few minutes of planning. Nothing here is an entry: "
                        "keep it as a draft, and after the conversation copy it into the debrief to compare "
                        "what you planned with what happened.</span>"
                    ),
                    self.plan_fields,
                    self.plan_identifiers.box,
                    w.HBox(
                        [self.save_plan_button, self.copy_plan_button, self.discard_plan_button],
                        layout=w.Layout(flex_flow="row wrap"),  # wrapping onto a second line when narrow
                    ),
                    self.plan_status,
                    self.plan_error,
                ]
            ),
            "wb-hc-prepare",
        )
        self.debrief_box = css(w.VBox([]), "wb-hc-debrief")
        self.widget = css(
            w.VBox(
                [
                    w.HTML("<b>Which kind of conversation?</b>"),
                    self.chooser,
                    self.about,
                    self.prepare_box,
                    w.HTML("<h3 style='margin:1em 0 0.2em'>After: debrief</h3>"),
                    self.debrief_box,
                    self.log,
                ]
            ),
            "wb-hard-conversation",
        )
        self.chooser.observe(lambda change: self.choose(change["new"]), "value")
        self.choose(template)

    # -- choosing ------------------------------------------------------------------------------
    @property
    def template(self) -> str:
        """The chosen debrief model's id."""
        return self.chooser.value

    @property
    def form(self) -> EntryForm:
        """The entry form of the chosen model."""
        return self.forms[self.template]

    def choose(self, template: str) -> EntryForm:
        """Show the plan and the debrief form of ``template`` (each built once, then kept)."""
        if template not in self.choices:
            raise ValidationError("template", f"{template!r} is not one of {', '.join(self.choices)}.")
        if self.chooser.value != template:
            self.chooser.value = template  # observing the chooser calls choose() again
            return self.forms[template]
        model = self.templates[template]
        self.about.value = (
            f"<p style='margin:0.3em 0'>{esc(model.summary)}</p>"
            f"<p style='{NOTE_STYLE};margin:0.2em 0'>Based on: {esc(model.reference)}</p>"
        )
        self.plan_status.value = ""
        set_error(self.plan_error, None)
        if template not in self.plan_areas:
            self._build_plan(template)  # says so if a kept plan was filled in
        self.plan_fields.children = (self._plan_boxes[template],)
        self._check_plan()
        if template not in self.forms:
            self.forms[template] = EntryForm(
                self.journal,
                template=template,
                draft_key=f"debrief-{template}",
                autosave=self.autosave,
                draft_interval=self.draft_interval,
                today=self.today,
                on_saved=self._debrief_saved,
            )
            self._preset_context(self.forms[template])
        self.debrief_box.children = (self.forms[template].widget,)
        return self.forms[template]

    def _preset_context(self, form: EntryForm) -> None:
        """Set the model's context (:data:`DEBRIEF_CONTEXTS`) on a new debrief with none; the
        form stays unchanged for its draft (a preset alone is nothing to keep)."""
        context = DEBRIEF_CONTEXTS.get(form.template.value or "")
        if not context or form.entry is not None or form.context.value:
            return
        if context not in [value for _, value in form.context.options]:
            return
        was_loading, form._loading = form._loading, True
        try:
            form.context.value = context
        finally:
            form._loading = was_loading
        form._baseline = jsonable(form.value())

    def _debrief_saved(self, entry: Entry) -> None:
        """After a debrief is saved: its plan cleared, the context preset again, then ``on_saved``."""
        template = entry.template or self.template
        if template in self.plan_areas and any(text.strip() for text in self.plan(template).values()):
            self._clear_plan(template)
            if template == self.template:
                self._plan_say("The debrief is saved, so its plan was cleared (what you copied into it is kept).")
        else:
            try:
                self.journal.discard_draft(plan_key(template))
            except WorkbookError:
                pass
        form = self.forms.get(template)
        if form is not None:
            self._preset_context(form)
        if self.on_saved is not None:
            self.on_saved(entry)

    # -- the plan --------------------------------------------------------------------------------
    def _build_plan(self, template: str) -> None:
        saved = self._saved_plan(template)
        areas: dict[str, w.Textarea] = {}
        children: list[w.Widget] = []
        for prompt in self.templates[template].prepare:
            area = css(
                w.Textarea(value=saved.get(prompt.id, ""), rows=3, layout=full_width()),
                f"wb-prepare-{css_id(prompt.id)}",
            )
            areas[prompt.id] = area
            area.observe(lambda _: self._check_plan(), "value")
            children += [w.HTML(f"<b>{esc(prompt.title)}</b><br>{esc(prompt.prompt)}"), area]
        self.plan_areas[template] = areas
        self._plan_boxes[template] = w.VBox(children)
        if saved:
            self._plan_say(f"Your plan kept on {saved.get('_when', 'an earlier day')} is filled in above.")

    def _check_plan(self) -> None:
        """Look for identifiers in the chosen model's plan (warned beside it, never blocking)."""
        template = self.template
        titles = {p.id: p.title for p in self.templates[template].prepare}
        self.plan_identifiers.refresh(self.plan(template), titles)

    def _replace_in_plan(self, prompt_id: str, start: int, end: int, expected: str, replacement: str) -> bool:
        area = self.plan_areas.get(self.template, {}).get(prompt_id)
        if area is None or area.value[start:end] != expected:
            return False
        area.value = area.value[:start] + replacement + area.value[end:]
        return True

    def _saved_plan(self, template: str) -> dict[str, str]:
        try:
            draft = self.journal.draft(plan_key(template))
        except WorkbookError:
            return {}
        if not isinstance(draft, dict) or not isinstance(draft.get("answers"), dict):
            return {}
        out = {k: v for k, v in draft["answers"].items() if isinstance(k, str) and isinstance(v, str)}
        try:
            out["_when"] = dt.datetime.fromisoformat(draft["saved_at"]).astimezone().strftime("%d %b %Y, %H:%M")
        except (KeyError, TypeError, ValueError):
            pass
        return out

    def plan(self, template: str | None = None) -> dict[str, str]:
        """The plan's answers (prompt id -> text) for ``template`` (default: the chosen one)."""
        areas = self.plan_areas.get(template or self.template, {})
        return {pid: area.value for pid, area in areas.items()}

    def save_plan(self) -> bool:
        """Keep the chosen model's plan in the journal as a draft; False (message shown) if not."""
        set_error(self.plan_error, None)
        self.errors.pop("prepare", None)
        answers = {pid: text for pid, text in self.plan().items() if text.strip()}
        if not answers:
            return self._plan_problem("There is nothing in the plan to keep yet.")
        payload = {
            "version": PLAN_VERSION,
            "template": self.template,
            "saved_at": dt.datetime.now(dt.timezone.utc).isoformat(),
            "answers": answers,
        }
        try:
            self.journal.save_draft(plan_key(self.template), payload)
        except ValidationError as exc:
            return self._plan_problem(f"Plan not kept: it {exc.reason}")
        except WorkbookError as exc:
            return self._plan_problem(f"Plan not kept: {exc}")
        self._plan_say(f"Plan kept as a draft at {dt.datetime.now():%H:%M}. It will be here when you come back.")
        return True

    def discard_plan(self) -> None:
        """Empty the chosen model's plan and remove its draft."""
        self._clear_plan(self.template)
        self._plan_say("Plan cleared.")

    def _clear_plan(self, template: str) -> None:
        self.journal.discard_draft(plan_key(template))
        for area in self.plan_areas.get(template, {}).values():
            area.value = ""

    def plan_text(self, template: str | None = None) -> str:
        """The plan as plain text, one prompt title and answer per paragraph."""
        template = template or self.template
        titles = {p.id: p.title for p in self.templates[template].prepare}
        parts = [f"{titles[pid]}: {text.strip()}" for pid, text in self.plan(template).items() if text.strip()]
        return "My plan beforehand\n\n" + "\n\n".join(parts) if parts else ""

    def copy_plan_to_debrief(self) -> bool:
        """Add the plan to the debrief's narrative (after anything already written there)."""
        set_error(self.plan_error, None)
        text = self.plan_text()
        if not text:
            return self._plan_problem("There is nothing in the plan to copy yet.")
        narrative = self.form.narrative
        narrative.value = f"{narrative.value.rstrip()}\n\n{text}" if narrative.value.strip() else text
        self._plan_say(f"Plan copied into the debrief's narrative (‘{short(text.splitlines()[-1], 40)}’ …).")
        return True

    def _plan_problem(self, message: str) -> bool:
        self.errors["prepare"] = message
        set_error(self.plan_error, message)
        return False

    def _plan_say(self, message: str) -> None:
        self.plan_status.value = f"<span style='{OK_STYLE}' role='status'>{esc(message)}</span>"

    def close(self) -> None:
        """Close every entry form (keeping any pending draft)."""
        for form in self.forms.values():
            form.close()
        self.widget.close()
