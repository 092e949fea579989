"""The entry form's reflective model: the template dropdown and one text area per stage.

Every answer typed is remembered by stage id while the form is open, so switching to
another model and back loses nothing; only the current model's answers are the entry's
``responses``. Each stage shows its prompt, its guidance on demand and a word count
(with the model's suggested minimum).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as w

from ...models import Template
from .._common import NOTE_STYLE, css, css_id, error_label, esc, full_width, note, plural


class StageEditor:
    """The model chooser (``dropdown``) and the stage areas of the chosen model.

    ``on_text(stage_id)`` is called whenever a stage's text changes; the dropdown is left
    for the owner to observe, so that it can decide when a change of model rebuilds the
    stages (not while it is loading an entry or a draft).
    """

    def __init__(self, templates: Mapping[str, Template], *, on_text: Callable[[str], None]) -> None:
        self.templates = templates
        self.on_text = on_text
        self.dropdown = css(
            w.Dropdown(
                options=[("No model: free writing", ""), *((t.name, t.id) for t in templates.values())],
                value="",
                description="Model",
                layout=w.Layout(width="60%"),
            ),
            "wb-template",
        )
        self.summary = css(w.HTML(""), "wb-template-summary")
        self.box = css(w.VBox([]), "wb-stages")
        self.areas: dict[str, w.Textarea] = {}
        self.words: dict[str, w.HTML] = {}
        self.labels: dict[str, w.HTML] = {}  # error labels, keyed "responses.<stage id>"
        self.text: dict[str, str] = {}  # every stage answer typed, by stage id

    @property
    def template(self) -> Template | None:
        """The chosen model (None for free writing)."""
        return self.templates.get(self.dropdown.value) if self.dropdown.value else None

    def choose(self, template_id: str | None) -> str | None:
        """Set the dropdown (without rebuilding); returns a problem if the model is not here."""
        template_id = template_id or ""
        self.dropdown.value = template_id if template_id in self.templates else ""
        if template_id and template_id not in self.templates:
            return f"the model {template_id!r} is not available here"
        return None

    def remember(self, responses: Mapping[str, str]) -> None:
        """Keep answers by stage id (shown whenever a model with those stages is chosen)."""
        self.text.update(responses)

    def switch(self) -> None:
        """Keep what the current areas hold, then build the stages of the model now chosen."""
        for sid, area in self.areas.items():
            self.text[sid] = area.value
        self.build()

    # -- what the stages hold ---------------------------------------------------------------
    def responses(self) -> dict[str, str]:
        """The current model's non-empty answers, as the entry's ``responses``."""
        return {sid: area.value for sid, area in self.areas.items() if area.value.strip()}

    def texts(self) -> dict[str, str]:
        """The current answers by field name, as anchors name them (``responses.<id>``)."""
        return {f"responses.{sid}": area.value for sid, area in self.areas.items()}

    def text_labels(self) -> dict[str, str]:
        """The display name of each field in :meth:`texts` (the stage's title)."""
        template = self.template
        return {f"responses.{s.id}": s.title for s in template.stages} if template else {}

    def elsewhere(self) -> dict[str, str]:
        """Answers typed for another model's stages (kept in a draft, not saved)."""
        return {s: t for s, t in self.text.items() if s not in self.areas and t.strip()}

    # -- building -----------------------------------------------------------------------------
    def build(self) -> None:
        """The prompts, areas, word counts and error labels of the chosen model's stages."""
        self.areas, self.words, self.labels = {}, {}, {}
        template = self.template
        if template is None:
            self.summary.value = ""
            self.box.children = ()
            return
        self.summary.value = f"<span style='{NOTE_STYLE}'>{esc(template.summary)}</span>"
        children: list[w.Widget] = []
        for stage in template.stages:
            children += self._stage_widgets(stage.id, template)
            self.update_words(stage.id)
        other = [s for s, t in self.text.items() if t.strip() and s not in template.stage_ids]
        if other:
            children.append(
                note(
                    "Text written for another model's stages is kept in this form, but is saved only if you switch back: "
                    + ", ".join(other)
                    + ".",
                    "wb-stages-elsewhere",
                )
            )
        self.box.children = tuple(children)

    def _stage_widgets(self, stage_id: str, template: Template) -> list[w.Widget]:
        stage = template.stage(stage_id)
        sid = css_id(stage.id)
        area = css(w.Textarea(value=self.text.get(stage.id, ""), rows=5, layout=full_width()), f"wb-stage-{sid}")
        area.observe(lambda _, s=stage.id: self.on_text(s), "value")
        self.areas[stage.id] = area
        self.words[stage.id] = css(w.HTML(""), f"wb-words-{sid}")
        self.labels[f"responses.{stage.id}"] = error_label(f"responses-{stage.id}")
        prompt = css(
            w.HTML(
                f"<b>{esc(stage.title)}</b><br>{esc(stage.prompt)}"
                f"<details><summary style='{NOTE_STYLE}'>Guidance</summary>"
                f"<div style='{NOTE_STYLE}'>{esc(stage.guidance)}</div></details>"
            ),
            f"wb-stage-prompt-{sid}",
        )
        return [prompt, area, self.words[stage.id], self.labels[f"responses.{stage.id}"]]

    def update_words(self, stage_id: str) -> None:
        """The word count under a stage, with the model's suggested minimum."""
        template = self.templates.get(self.dropdown.value)
        if template is None or stage_id not in self.areas:
            return
        n = len(self.areas[stage_id].value.split())
        minimum = template.stage(stage_id).min_words
        aim = f" · aim for at least {minimum}" if minimum else ""
        self.words[stage_id].value = f"<span style='{NOTE_STYLE}'>{plural(n, 'word')}{aim}</span>"
