"""The tag picker: the vocabulary's groups, definitions on demand, a filter box, an
intensity per tag, suggestions from what was written, and tags attached to passages.

It knows nothing about journals: it is given a vocabulary (and optionally a lexicon), is
told the texts of the entry with :meth:`TagPicker.set_texts`, and returns tag uses in the
form ``Journal.add`` takes them with :meth:`TagPicker.value`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from ..content.lexicon import Lexicon, Suggestion, load_lexicon
from ..content.vocab import Vocabulary
from ..errors import DataFileError, ValidationError
from ..models import TagUse
from ._common import NOTE_STYLE, css, css_id, error_label, esc, full_width, set_error, short, show, tag_options

NO_INTENSITY = 0
INTENSITY_OPTIONS = [("intensity –", NO_INTENSITY), ("1 · mild", 1), ("2 · moderate", 2), ("3 · strong", 3)]


@dataclass
class Passage:
    """A tag attached to a passage: the passage is kept as its words (``quote``) and found
    again in the current text when the entry is saved, so later edits do not break it."""

    tag: str
    field: str
    quote: str
    start: int = 0
    intensity: int | None = None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


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


@dataclass
class _Row:
    checkbox: w.Checkbox
    intensity: w.Dropdown | None
    info: w.ToggleButton
    box: w.VBox
    definition: w.HTML | None = None  # made when first asked for


class TagPicker:
    """Choose tags for an entry, grouped as the vocabulary groups them.

    Parameters
    ----------
    vocabulary
        The tags to offer (``journal.vocabulary()``).
    lexicon
        Where suggestions come from; default the bundled ``data/lexicon.yaml``.
    on_change
        Called with no arguments whenever the chosen tags change.
    """

    def __init__(
        self,
        vocabulary: Vocabulary,
        *,
        lexicon: Lexicon | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.on_change = on_change
        self.lexicon_problem: str | None = None
        try:
            self.lexicon: Lexicon | None = lexicon or load_lexicon()
        except (DataFileError, OSError) as exc:
            self.lexicon, self.lexicon_problem = None, str(exc)
        self._chosen: dict[str, None] = {}  # tag ids in the order they were chosen
        self._passages: list[Passage] = []
        self._texts: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        self._ignored: set[str] = set()
        self._quiet = False
        self.suggestions: list[Suggestion] = []
        self._shown_suggestions: tuple = ()

        self.filter = css(
            w.Text(placeholder="Filter tags: type part of a name or definition", layout=full_width()),
            "wb-tag-filter",
        )
        self.filter.observe(lambda _: self._apply_filter(), "value")
        self.chosen_label = css(w.HTML(""), "wb-tags-chosen")
        self.error = error_label("tags")
        # Rows are built when their group is first opened (or a tag in it is needed):
        # some 400 widgets at once would make every form take half a second to appear.
        self._rows: dict[str, _Row] = {}
        self._group_of = {tag.id: tag.group for tag in vocabulary}
        self._search_text = {t.id: _fold(" ".join((t.id, t.label, t.definition))) for t in vocabulary}
        self._group_boxes: dict[str, w.VBox] = {}
        self._complete: set[str] = set()
        for group in vocabulary.groups:
            header = w.HTML(f"<span style='{NOTE_STYLE}'>{esc(group.description)}</span>")
            self._group_boxes[group.id] = css(w.VBox([header]), f"wb-tag-group-{css_id(group.id)}")
        self.groups = css(w.Accordion(children=list(self._group_boxes.values()), selected_index=None), "wb-tag-groups")
        self.groups.observe(self._group_opened, "selected_index")
        self._update_titles()
        self.matches = css(w.VBox([]), "wb-tag-matches")
        show(self.matches, False)

        self.suggestion_box = css(w.VBox([]), "wb-suggestions")
        self._build_passage_widgets()
        self.widget = css(
            w.VBox(
                [
                    w.HTML("<b>Tags</b>"),
                    self.suggestion_box,
                    self.filter,
                    self.chosen_label,
                    self.error,
                    self.groups,
                    self.matches,
                    self.passage_box,
                ]
            ),
            "wb-tag-picker",
        )
        self._refresh_suggestions()

    # -- building ---------------------------------------------------------------------
    def _group_opened(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self._build_group(self.vocabulary.groups[change["new"]].id)

    def _build_group(self, group_id: str) -> None:
        if group_id in self._complete:
            return
        self._complete.add(group_id)
        box = self._group_boxes[group_id]
        intensity = self.vocabulary.group(group_id).intensity
        rows = [
            self._rows.get(tag.id) or self._make_row(tag.id, intensity) for tag in self.vocabulary.in_group(group_id)
        ]
        box.children = (box.children[0], *(r.box for r in rows))

    def row(self, tag: str) -> _Row:
        """The widgets for one tag (checkbox, intensity, "?" toggle), built if need be."""
        return self._row(self.vocabulary.resolve(tag).id)

    def _row(self, tag_id: str) -> _Row:
        if tag_id not in self._rows:
            group = self._group_of[tag_id]
            index = self.groups.selected_index
            if index is not None and self.vocabulary.groups[index].id == group:
                self._build_group(group)  # its group is open: show the whole group
            else:
                self._make_row(tag_id, self.vocabulary.group(group).intensity)
        return self._rows[tag_id]

    def _make_row(self, tag_id: str, has_intensity: bool) -> _Row:
        tag = self.vocabulary.find(tag_id)
        assert tag is not None
        checkbox = css(
            w.Checkbox(value=False, description=tag.label, indent=False, tooltip=tag.definition),
            f"wb-tag-{css_id(tag.id)}",
        )
        checkbox.layout.width = "auto"
        intensity = None
        if has_intensity:
            intensity = css(
                w.Dropdown(options=INTENSITY_OPTIONS, value=NO_INTENSITY, layout=w.Layout(width="9em")),
                f"wb-intensity-{css_id(tag.id)}",
            )
            intensity.observe(lambda change, t=tag.id: self._intensity_changed(t, change["new"]), "value")
        info = css(
            w.ToggleButton(
                value=False, description="?", tooltip="What does this tag mean?", layout=w.Layout(width="2.5em")
            ),
            f"wb-tag-info-{css_id(tag.id)}",
        )
        info.observe(lambda change, t=tag.id: self.show_definition(t, change["new"]), "value")
        checkbox.observe(lambda change, t=tag.id: self._checked(t, change["new"]), "value")
        line = w.HBox([checkbox, *([intensity] if intensity else []), info])
        row = _Row(checkbox, intensity, info, w.VBox([line]))
        self._rows[tag.id] = row
        return row

    def show_definition(self, tag: str, visible: bool = True) -> w.HTML:
        """Show (or hide) a tag's definition and source under its checkbox."""
        row = self.row(tag)
        if row.definition is None:
            found = self.vocabulary.resolve(tag)
            row.definition = css(
                w.HTML(
                    f"<div style='{NOTE_STYLE};margin-left:1.5em'>{esc(found.definition)}"
                    f"<br><i>Source: {esc(found.reference)}</i></div>"
                ),
                f"wb-tag-definition-{css_id(found.id)}",
            )
            row.box.children = (*row.box.children, row.definition)
        show(row.definition, visible)
        if row.info.value != visible:
            row.info.value = visible
        return row.definition

    def _build_passage_widgets(self) -> None:
        self.passage_field = css(
            w.Dropdown(options=[("(write something first)", "")], value="", description="In"), "wb-passage-field"
        )
        self.passage_text = css(
            w.Textarea(
                placeholder="Copy the words of the passage here, exactly as you wrote them", rows=2, layout=full_width()
            ),
            "wb-passage-text",
        )
        self.passage_tag = css(
            w.Dropdown(options=[("(choose a tag)", ""), *tag_options(self.vocabulary)], value="", description="Tag"),
            "wb-passage-tag",
        )
        self.passage_add = css(
            w.Button(description="Attach tag to passage", layout=w.Layout(width="auto")), "wb-passage-add"
        )
        self.passage_add.on_click(lambda _: self._attach_clicked())
        self.passage_error = error_label("passage")
        self.passage_list = css(w.VBox([]), "wb-passage-list")
        self.passage_box = css(
            w.VBox(
                [
                    w.HTML(
                        "<b>Tag a passage</b> "
                        f"<span style='{NOTE_STYLE}'>(optional: pin a tag to particular words in your writing)</span>"
                    ),
                    w.HBox([self.passage_field, self.passage_tag]),
                    self.passage_text,
                    self.passage_add,
                    self.passage_error,
                    self.passage_list,
                ]
            ),
            "wb-passages",
        )

    # -- choosing ---------------------------------------------------------------------
    def _changed(self) -> None:
        self._update_titles()
        self._refresh_suggestions()
        if self.on_change is not None and not self._quiet:
            self.on_change()

    def _checked(self, tag_id: str, on: bool) -> None:
        if on:
            self._chosen.setdefault(tag_id, None)
        else:
            self._chosen.pop(tag_id, None)
            if any(p.tag == tag_id for p in self._passages):
                self._passages = [p for p in self._passages if p.tag != tag_id]
                self._render_passages()
        self._changed()

    def _intensity_changed(self, tag_id: str, value: int) -> None:
        intensity = value or None
        for passage in self._passages:
            if passage.tag == tag_id:
                passage.intensity = intensity
        row = self._rows[tag_id]
        if intensity and not row.checkbox.value:
            row.checkbox.value = True  # choosing an intensity chooses the tag
        else:
            self._changed()

    def select(self, tag: str, intensity: int | None = None) -> None:
        """Choose a tag (by id or label), with an optional intensity 1-3."""
        row = self.row(tag)
        row.checkbox.value = True
        if intensity is not None and row.intensity is not None:
            row.intensity.value = intensity

    def deselect(self, tag: str) -> None:
        self.row(tag).checkbox.value = False

    def selected(self) -> list[str]:
        """The chosen tag ids, in the order they were chosen."""
        return list(self._chosen)

    def _row_intensity(self, tag_id: str) -> int | None:
        row = self.row(tag_id)
        return (row.intensity.value or None) if row.intensity is not None else None

    def _uses(self) -> list[tuple[dict[str, Any], Passage | None, bool]]:
        out: list[tuple[dict[str, Any], Passage | None, bool]] = []
        for tag_id in self._chosen:
            passages = [p for p in self._passages if p.tag == tag_id]
            if not passages:
                out.append(({"tag": tag_id, "intensity": self._row_intensity(tag_id), "anchor": None}, None, True))
            for p in passages:
                span = find_passage(self._texts.get(p.field, ""), p.quote, p.start)
                found = span is not None
                start, end = span if span else (p.start, p.start + len(p.quote.strip()))
                anchor = {"field": p.field, "start": start, "end": end}
                out.append(({"tag": tag_id, "intensity": p.intensity, "anchor": anchor}, p, found))
        return out

    def value(self) -> list[dict[str, Any]]:
        """The tag uses, as ``Journal.add(tags=...)`` takes them.

        A chosen tag with passages gives one use per passage; otherwise one use for the
        whole entry. Passages are found again in the current texts (see ``set_texts``).
        """
        return [use for use, _, _ in self._uses()]

    def check_passages(self) -> None:
        """Raise ValidationError (``tags[i].anchor``) for a passage no longer in its text."""
        for i, (_, passage, found) in enumerate(self._uses()):
            if passage is not None and not found:
                where = self._labels.get(passage.field, passage.field)
                raise ValidationError(
                    f"tags[{i}].anchor",
                    f"the passage “{short(passage.quote, 40)}” tagged {self._label(passage.tag)} is no longer in "
                    f"{where}; attach it again or remove it.",
                )

    def set_value(
        self, uses: Iterable[TagUse | Mapping[str, Any] | str], texts: Mapping[str, str] | None = None
    ) -> list[str]:
        """Show these tag uses (from a stored entry or a draft); returns tags not known here."""
        if texts is not None:
            self._texts = dict(texts)
        unknown: list[str] = []
        self._quiet = True
        try:
            self.clear()
            for raw in uses:
                use = (
                    raw.to_dict() if isinstance(raw, TagUse) else ({"tag": raw} if isinstance(raw, str) else dict(raw))
                )
                tag = self.vocabulary.find(str(use.get("tag", "")))
                if tag is None:
                    unknown.append(str(use.get("tag")))
                    continue
                row = self.row(tag.id)
                intensity = use.get("intensity")
                if row.intensity is not None and intensity in (1, 2, 3) and not row.intensity.value:
                    row.intensity.value = intensity
                row.checkbox.value = True
                anchor = use.get("anchor")
                if anchor:
                    text = self._texts.get(anchor["field"], "")
                    quote = use.get("quote") or text[anchor["start"] : anchor["end"]]
                    self._passages.append(Passage(tag.id, anchor["field"], quote, anchor["start"], intensity))
        finally:
            self._quiet = False
        self._render_passages()
        self._changed()
        return unknown

    def passages(self) -> list[Passage]:
        return list(self._passages)

    def clear(self) -> None:
        """Choose nothing; forget passages and ignored suggestions."""
        quiet, self._quiet = self._quiet, True
        try:
            for row in self._rows.values():
                row.checkbox.value = False
                if row.intensity is not None:
                    row.intensity.value = NO_INTENSITY
            self._passages = []
            self._ignored = set()
            self.passage_text.value = ""
            set_error(self.error, None)
            set_error(self.passage_error, None)
        finally:
            self._quiet = quiet
        self._chosen = {}
        self._render_passages()
        self._changed()

    def _label(self, tag_id: str) -> str:
        tag = self.vocabulary.find(tag_id)
        return tag.label if tag else tag_id

    def _update_titles(self) -> None:
        counts: dict[str, int] = {}
        for tag_id in self._chosen:
            group = self._group_of[tag_id]
            counts[group] = counts.get(group, 0) + 1
        titles = tuple(
            f"{g.label} ({counts[g.id]} chosen)" if counts.get(g.id) else g.label for g in self.vocabulary.groups
        )
        if tuple(self.groups.titles) != titles:
            self.groups.titles = titles
        labels = [self._label(t) for t in self._chosen]
        self.chosen_label.value = (
            f"<span style='{NOTE_STYLE}'>Chosen: {esc(', '.join(labels))}</span>" if labels else ""
        )

    # -- filter -----------------------------------------------------------------------
    def _apply_filter(self) -> None:
        words = _fold(self.filter.value).split()
        if not words:
            show(self.groups, True)
            show(self.matches, False)
            self.matches.children = ()
            return
        hits = [self.row(t).box for t, text in self._search_text.items() if all(word in text for word in words)]
        message = f"{len(hits)} matching tag(s)" if hits else "No tag matches; try another word."
        self.matches.children = (w.HTML(f"<span style='{NOTE_STYLE}'>{esc(message)}</span>"), *hits)
        show(self.groups, False)
        show(self.matches, True)

    def visible_tags(self) -> list[str]:
        """Tag ids the filter currently shows (all when the filter is empty)."""
        if not _fold(self.filter.value).split():
            return list(self._search_text)
        boxes = set(map(id, self.matches.children))
        return [t for t, row in self._rows.items() if id(row.box) in boxes]

    # -- texts, suggestions and passages ------------------------------------------------
    def set_texts(self, texts: Mapping[str, str], labels: Mapping[str, str] | None = None) -> None:
        """Tell the picker the entry's texts (field → text) and their display names."""
        self._texts = dict(texts)
        new_labels = dict(labels) if labels is not None else {k: k for k in texts}
        if new_labels != self._labels:
            self._labels = new_labels
            current = self.passage_field.value
            options = [(label, key) for key, label in self._labels.items()] or [("(write something first)", "")]
            self.passage_field.options = options
            keys = [key for _, key in options]
            self.passage_field.value = current if current in keys else keys[0]
        self._refresh_suggestions()

    def _refresh_suggestions(self) -> None:
        if self.lexicon is None:
            self.suggestions = []
            problem = f"Suggestions are off: {self.lexicon_problem}" if self.lexicon_problem else ""
            self.suggestion_box.children = (
                (w.HTML(f"<span style='{NOTE_STYLE}'>{esc(problem)}</span>"),) if problem else ()
            )
            return
        all_suggestions = self.lexicon.suggest(self._texts, self.vocabulary)
        self.suggestions = [s for s in all_suggestions if s.tag not in self._chosen and s.tag not in self._ignored]
        key = tuple((s.tag, s.words, s.field) for s in self.suggestions)
        if key == self._shown_suggestions:
            return
        self._shown_suggestions = key
        by_tag: dict[str, list[Suggestion]] = {}
        for s in self.suggestions:
            by_tag.setdefault(s.tag, []).append(s)
        rows: list[w.Widget] = []
        for tag_id, items in by_tag.items():
            tag = self.vocabulary.find(tag_id)
            assert tag is not None
            reasons = "; ".join(
                ", ".join(f"“{esc(word)}”" for word in s.words) + f" in {esc(self._labels.get(s.field, s.field))}"
                for s in items
            )
            text = css(
                w.HTML(
                    f"<b>{esc(tag.label)}</b> <span style='{NOTE_STYLE}'>({esc(self.vocabulary.group(tag.group).label)})</span> — from {reasons}"
                ),
                f"wb-suggestion-{css_id(tag_id)}",
            )
            add = css(
                w.Button(description="Add", button_style="success", layout=w.Layout(width="5em")),
                f"wb-suggest-add-{css_id(tag_id)}",
            )
            ignore = css(
                w.Button(description="Ignore", layout=w.Layout(width="5em")), f"wb-suggest-ignore-{css_id(tag_id)}"
            )
            add.on_click(lambda _, t=tag_id: self.accept(t))
            ignore.on_click(lambda _, t=tag_id: self.ignore(t))
            rows.append(w.HBox([add, ignore, text]))
        header = (
            [
                w.HTML(
                    f"<b>Suggested from your words</b> <span style='{NOTE_STYLE}'>— add the ones that fit, ignore the rest</span>"
                )
            ]
            if rows
            else []
        )
        self.suggestion_box.children = (*header, *rows)

    def accept(self, tag: str) -> None:
        """Add a suggested tag."""
        self.select(tag)

    def ignore(self, tag: str) -> None:
        """Stop suggesting a tag (for this entry)."""
        self._ignored.add(self.vocabulary.resolve(tag).id)
        self._refresh_suggestions()

    def add_passage(self, tag: str, field: str, quote: str) -> Passage:
        """Attach ``tag`` to the words ``quote`` of the text ``field``; raises ValidationError."""
        if field not in self._texts:
            raise ValidationError("passage.field", "choose which answer the passage is in.")
        if not tag:
            raise ValidationError("passage.tag", "choose the tag to attach.")
        tag_id = self.vocabulary.resolve(tag, field="passage.tag").id
        if not quote.strip():
            raise ValidationError("passage.text", "copy the words of the passage into the box first.")
        where = self._labels.get(field, field)
        span = find_passage(self._texts[field], quote)
        if span is None:
            raise ValidationError(
                "passage.text", f"these words are not in {where}; copy them exactly from your answer."
            )
        start, end = span
        exact = self._texts[field][start:end]
        for p in self._passages:
            if p.tag == tag_id and p.field == field and find_passage(self._texts[field], p.quote, p.start) == span:
                raise ValidationError("passage.text", f"{self._label(tag_id)} is already attached to this passage.")
        passage = Passage(tag_id, field, exact, start, self._row_intensity(tag_id))
        self._passages.append(passage)
        self._quiet = True
        try:
            self.row(tag_id).checkbox.value = True
        finally:
            self._quiet = False
        self._render_passages()
        self._changed()
        return passage

    def _attach_clicked(self) -> None:
        try:
            self.add_passage(self.passage_tag.value, self.passage_field.value, self.passage_text.value)
        except ValidationError as exc:
            set_error(self.passage_error, exc.reason)
            return
        set_error(self.passage_error, None)
        self.passage_text.value = ""

    def remove_passage(self, index: int) -> None:
        del self._passages[index]
        self._render_passages()
        self._changed()

    def _render_passages(self) -> None:
        rows = []
        for i, p in enumerate(self._passages):
            remove = css(w.Button(description="Remove", layout=w.Layout(width="6em")), f"wb-passage-remove-{i}")
            remove.on_click(lambda _, i=i: self.remove_passage(i))
            where = self._labels.get(p.field, p.field)
            label = w.HTML(
                f"<b>{esc(self._label(p.tag))}</b> ← “{esc(short(p.quote, 80))}” <span style='{NOTE_STYLE}'>in {esc(where)}</span>"
            )
            rows.append(css(w.HBox([remove, label]), "wb-passage"))
        self.passage_list.children = tuple(rows)

    # -- errors -------------------------------------------------------------------------
    def show_error(self, field: str, message: str) -> None:
        """Show an error for ``tags...`` (or a passage) beside the picker."""
        prefix = ""
        if field.startswith("tags["):
            try:
                index = int(field[5 : field.index("]")])
                prefix = f"{self._label(self.value()[index]['tag'])}: "
            except (ValueError, IndexError):
                prefix = ""
        target = self.passage_error if ".anchor" in field or field.startswith("passage") else self.error
        set_error(target, prefix + message)

    def clear_errors(self) -> None:
        set_error(self.error, None)
        set_error(self.passage_error, None)
