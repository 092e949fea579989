"""Tags attached to passages: the "Tag a passage" panel of the tag picker.

A passage is kept as its words, not as offsets, and found again in the current text
(:func:`find_passage`) whenever the tag uses are read, so editing the text around a
passage does not break it. The panel checks what is attached (the words must be in the
answer named) and lists the passages; which tags are chosen stays with the
:class:`~workbook.forms.TagPicker`, which owns this panel.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from ...content.vocab import Vocabulary
from ...errors import ValidationError
from .._common import NOTE_STYLE, css, error_label, esc, full_width, set_error, short, tag_label, tag_options

NO_TEXT = ("(write something first)", "")


@dataclass
class Passage:
    """A tag attached to a passage: the passage is kept as its words (``quote``) and found
    again in the current text when the entry is saved, so later edits do not break it."""

    tag: str
    field: str
    quote: str
    start: int = 0
    intensity: int | None = None


def find_passage(text: str, quote: str, hint: int | None = None) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text`` as ``(start, end)``, or None.

    An exact match is preferred; otherwise case and runs of white space are ignored. When
    the passage occurs more than once, the occurrence nearest ``hint`` wins.
    """
    quote = quote.strip()
    if not quote or not text:
        return None
    spans: list[tuple[int, int]] = []
    at = text.find(quote)
    while at != -1:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    if not spans:
        pattern = r"\s+".join(re.escape(part) for part in quote.split())
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    if not spans:
        return None
    if hint is None:
        return spans[0]
    return min(spans, key=lambda span: abs(span[0] - hint))


class PassagePanel:
    """The passages attached so far, and the widgets to attach and remove them.

    ``on_attach(tag, field, quote)`` is called by the Attach button (the picker checks the
    tag and calls :meth:`attach`); ``on_remove(index)`` by a passage's Remove button.
    """

    def __init__(
        self,
        vocabulary: Vocabulary,
        *,
        on_attach: Callable[[str, str, str], Any],
        on_remove: Callable[[int], None],
    ) -> None:
        self.vocabulary = vocabulary
        self.on_attach = on_attach
        self.on_remove = on_remove
        self.items: list[Passage] = []
        self.texts: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.field = css(w.Dropdown(options=[NO_TEXT], value="", description="In"), "wb-passage-field")
        self.text = css(
            w.Textarea(
                placeholder="Copy the words of the passage here, exactly as you wrote them", rows=2, layout=full_width()
            ),
            "wb-passage-text",
        )
        self.tag = css(
            w.Dropdown(options=[("(choose a tag)", ""), *tag_options(vocabulary)], value="", description="Tag"),
            "wb-passage-tag",
        )
        self.add = css(w.Button(description="Attach tag to passage", layout=w.Layout(width="auto")), "wb-passage-add")
        self.add.on_click(lambda _: self._attach_clicked())
        self.error = error_label("passage")
        self.list = css(w.VBox([]), "wb-passage-list")
        self.box = css(
            w.VBox(
                [
                    w.HTML(
                        "<b>Tag a passage</b> "
                        f"<span style='{NOTE_STYLE}'>(optional: pin a tag to particular words in your writing)</span>"
                    ),
                    w.HBox([self.field, self.tag]),
                    self.text,
                    self.add,
                    self.error,
                    self.list,
                ]
            ),
            "wb-passages",
        )

    # -- the texts passages are in ---------------------------------------------------------
    def set_texts(self, texts: Mapping[str, str], labels: Mapping[str, str]) -> None:
        """The entry's texts (field → text) and their names, for the "In" dropdown."""
        self.texts = dict(texts)
        if dict(labels) == self.labels:
            return
        self.labels = dict(labels)
        current = self.field.value
        options = [(label, key) for key, label in self.labels.items()] or [NO_TEXT]
        self.field.options = options
        keys = [key for _, key in options]
        self.field.value = current if current in keys else keys[0]
        self.render()  # the list names each passage's text by these labels (a stage's title)

    def where(self, field: str) -> str:
        """The name of the text ``field`` (e.g. a stage's title)."""
        return self.labels.get(field, field)

    def locate(self, passage: Passage) -> tuple[dict[str, Any], bool]:
        """The passage's anchor in the current text, and whether its words are still there
        (if not, the anchor is where they were)."""
        span = find_passage(self.texts.get(passage.field, ""), passage.quote, passage.start)
        start, end = span if span else (passage.start, passage.start + len(passage.quote.strip()))
        return {"field": passage.field, "start": start, "end": end}, span is not None

    # -- attaching and removing -------------------------------------------------------------
    def attach(self, tag_id: str, field: str, quote: str, intensity: int | None) -> Passage:
        """Attach ``tag_id`` to the words ``quote`` of the text ``field``; raises ValidationError."""
        if not quote.strip():
            raise ValidationError("passage.text", "copy the words of the passage into the box first.")
        text = self.texts[field]
        span = find_passage(text, quote)
        if span is None:
            raise ValidationError(
                "passage.text", f"these words are not in {self.where(field)}; copy them exactly from your answer."
            )
        for p in self.items:
            if p.tag == tag_id and p.field == field and find_passage(text, p.quote, p.start) == span:
                raise ValidationError(
                    "passage.text", f"{tag_label(self.vocabulary, tag_id)} is already attached to this passage."
                )
        start, end = span
        passage = Passage(tag_id, field, text[start:end], start, intensity)
        self.items.append(passage)
        self.render()
        return passage

    def _attach_clicked(self) -> None:
        try:
            self.on_attach(self.tag.value, self.field.value, self.text.value)
        except ValidationError as exc:
            set_error(self.error, exc.reason)
            return
        set_error(self.error, None)
        self.text.value = ""

    def of_tag(self, tag_id: str) -> list[Passage]:
        return [p for p in self.items if p.tag == tag_id]

    def drop_tag(self, tag_id: str) -> None:
        """Forget the passages of a tag that is no longer chosen."""
        if any(p.tag == tag_id for p in self.items):
            self.items = [p for p in self.items if p.tag != tag_id]
            self.render()

    def set_intensity(self, tag_id: str, intensity: int | None) -> None:
        for passage in self.of_tag(tag_id):
            passage.intensity = intensity

    def remove(self, index: int) -> None:
        del self.items[index]
        self.render()

    def clear(self) -> None:
        """No passages, an empty passage box and no error."""
        self.items = []
        self.text.value = ""
        set_error(self.error, None)
        self.render()

    def render(self) -> None:
        rows = []
        for i, p in enumerate(self.items):
            remove = css(w.Button(description="Remove", layout=w.Layout(width="6em")), f"wb-passage-remove-{i}")
            remove.on_click(lambda _, i=i: self.on_remove(i))
            label = w.HTML(
                f"<b>{esc(tag_label(self.vocabulary, p.tag))}</b> ← “{esc(short(p.quote, 80))}” "
                f"<span style='{NOTE_STYLE}'>in {esc(self.where(p.field))}</span>"
            )
            rows.append(css(w.HBox([remove, label]), "wb-passage"))
        self.list.children = tuple(rows)
