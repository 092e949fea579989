"""The tag picker: the vocabulary's groups, definitions on demand, a filter box, an
intensity per tag, suggestions from what was written, and tags attached to passages.

It knows nothing about journals: it is given a vocabulary (and optionally a lexicon), is
told the texts of the entry with :meth:`TagPicker.set_texts`, and returns tag uses in the
form ``Journal.add`` takes them with :meth:`TagPicker.value`. This module does the
choosing (the rows, the groups, the filter and the value); the passage panel
(:mod:`.passages`) and the suggestion box (:mod:`.suggestions`) are its collaborators.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ipywidgets as w

from ...content.lexicon import Lexicon, Suggestion
from ...content.vocab import Vocabulary
from ...errors import ValidationError
from ...models import TagUse
from .._common import NOTE_STYLE, css, css_id, error_label, esc, full_width, set_error, short, show, tag_label
from .passages import Passage, PassagePanel
from .suggestions import SuggestionBox
from .tag_rows import TagRow


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


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
        self._chosen: dict[str, None] = {}  # tag ids in the order they were chosen
        self._texts: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        self._decided: dict[str, str | None] = {"context": None, "outcome": None}
        self._quiet = False
        self.suggester = SuggestionBox(vocabulary, lexicon, on_add=self.accept, on_ignore=self.ignore)
        self.panel = PassagePanel(vocabulary, on_attach=self.add_passage, on_remove=self.remove_passage)
        self._build_widgets()
        self._refresh_suggestions()

    # -- building ---------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.filter = css(
            w.Text(placeholder="Filter tags: type part of a name or definition", layout=full_width()),
            "wb-tag-filter",
        )
        self.filter.observe(lambda _: self._apply_filter(), "value")
        self.chosen_label = css(w.HTML(""), "wb-tags-chosen")
        self.error = error_label("tags")
        # Rows are built when their group is first opened (or a tag in it is needed):
        # some 400 widgets at once would make every form take half a second to appear.
        self._rows: dict[str, TagRow] = {}
        self._group_of = {tag.id: tag.group for tag in self.vocabulary}
        self._search_text = {t.id: _fold(" ".join((t.id, t.label, t.definition))) for t in self.vocabulary}
        self._group_boxes: dict[str, w.VBox] = {}
        self._complete: set[str] = set()
        for group in self.vocabulary.groups:
            header = w.HTML(f"<span style='{NOTE_STYLE}'>{esc(group.description)}</span>")
            self._group_boxes[group.id] = css(w.VBox([header]), f"wb-tag-group-{css_id(group.id)}")
        self.groups = css(w.Accordion(children=list(self._group_boxes.values()), selected_index=None), "wb-tag-groups")
        self.groups.observe(self._group_opened, "selected_index")
        self._update_titles()
        self.matches = css(w.VBox([]), "wb-tag-matches")
        show(self.matches, False)
        panel = self.panel
        self.suggestion_box = self.suggester.box
        self.passage_field, self.passage_text, self.passage_tag = panel.field, panel.text, panel.tag
        self.passage_add, self.passage_error, self.passage_list = panel.add, panel.error, panel.list
        self.passage_box = panel.box
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

    def row(self, tag: str) -> TagRow:
        """The widgets for one tag (checkbox, intensity, "?" toggle), built if need be."""
        return self._row(self.vocabulary.resolve(tag).id)

    def _row(self, tag_id: str) -> TagRow:
        if tag_id not in self._rows:
            group = self._group_of[tag_id]
            index = self.groups.selected_index
            if index is not None and self.vocabulary.groups[index].id == group:
                self._build_group(group)  # its group is open: show the whole group
            else:
                self._make_row(tag_id, self.vocabulary.group(group).intensity)
        return self._rows[tag_id]

    def _make_row(self, tag_id: str, has_intensity: bool) -> TagRow:
        tag = self.vocabulary.find(tag_id)
        assert tag is not None
        row = TagRow(
            tag,
            has_intensity,
            on_check=lambda on: self._checked(tag_id, on),
            on_intensity=lambda value: self._intensity_changed(tag_id, value),
            on_info=lambda visible: self.show_definition(tag_id, visible),
        )
        self._rows[tag_id] = row
        return row

    def show_definition(self, tag: str, visible: bool = True) -> w.HTML:
        """Show (or hide) a tag's definition and source under its checkbox."""
        return self.row(tag).show_definition(visible)

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
            self.panel.drop_tag(tag_id)
        self._changed()

    def _intensity_changed(self, tag_id: str, value: int) -> None:
        intensity = value or None
        self.panel.set_intensity(tag_id, intensity)
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

    def _uses(self) -> list[tuple[dict[str, Any], Passage | None, bool]]:
        """Each tag use, with its passage (if any) and whether the passage's words are still there."""
        out: list[tuple[dict[str, Any], Passage | None, bool]] = []
        for tag_id in self._chosen:
            passages = self.panel.of_tag(tag_id)
            if not passages:
                out.append(({"tag": tag_id, "intensity": self.row(tag_id).intensity_value, "anchor": None}, None, True))
            for p in passages:
                anchor, found = self.panel.locate(p)
                out.append(({"tag": tag_id, "intensity": p.intensity, "anchor": anchor}, p, found))
        return out

    def value(self) -> list[dict[str, Any]]:
        """The tag uses, as ``Journal.add(tags=...)`` takes them.

        A chosen tag with passages gives one use per passage; otherwise one use for the
        whole entry. Passages are found again in the current texts (see ``set_texts``).
        """
        return [use for use, _, _ in self._uses()]

    def draft_uses(self) -> list[dict[str, Any]]:
        """The tag uses as a draft keeps them: each passage also keeps its words (``quote``),
        so it can be found again after the text around it changes."""
        return [{**use, "quote": passage.quote} if passage is not None else use for use, passage, _ in self._uses()]

    def check_passages(self) -> None:
        """Raise ValidationError (``tags[i].anchor``) for a passage no longer in its text."""
        for i, (_, passage, found) in enumerate(self._uses()):
            if passage is not None and not found:
                raise ValidationError(
                    f"tags[{i}].anchor",
                    f"the passage “{short(passage.quote, 40)}” tagged {self._label(passage.tag)} is no longer in "
                    f"{self.panel.where(passage.field)}; attach it again or remove it.",
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
                if not self._show_use(use):
                    unknown.append(str(use.get("tag")))
        finally:
            self._quiet = False
        self.panel.render()
        self._changed()
        return unknown

    def _show_use(self, use: Mapping[str, Any]) -> bool:
        """Choose one stored or drafted tag use (and its passage); False if the tag is unknown."""
        tag = self.vocabulary.find(str(use.get("tag", "")))
        if tag is None:
            return False
        row = self.row(tag.id)
        intensity = use.get("intensity")
        if row.intensity is not None and intensity in (1, 2, 3) and not row.intensity.value:
            row.intensity.value = intensity
        row.checkbox.value = True
        anchor = use.get("anchor")
        if anchor:
            text = self._texts.get(anchor["field"], "")
            quote = use.get("quote") or text[anchor["start"] : anchor["end"]]
            self.panel.items.append(Passage(tag.id, anchor["field"], quote, anchor["start"], intensity))
        return True

    def passages(self) -> list[Passage]:
        return list(self.panel.items)

    def clear(self) -> None:
        """Choose nothing; forget passages and ignored suggestions."""
        quiet, self._quiet = self._quiet, True
        try:
            for row in self._rows.values():
                row.reset()
            self.suggester.ignored = set()
            set_error(self.error, None)
            self.panel.clear()
        finally:
            self._quiet = quiet
        self._chosen = {}
        self.panel.render()
        self._changed()

    def _label(self, tag_id: str) -> str:
        return tag_label(self.vocabulary, tag_id)

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
        self._labels = dict(labels) if labels is not None else {k: k for k in texts}
        self.panel.set_texts(self._texts, self._labels)
        self._refresh_suggestions()

    def set_decided(self, *, context: str | None = None, outcome: str | None = None) -> None:
        """Tell the picker the entry's chosen context and outcome: their tags are then not
        suggested (the context's group, and held, avoided, softened)."""
        decided = {"context": context or None, "outcome": outcome or None}
        if decided != self._decided:
            self._decided = decided
            self._refresh_suggestions()

    @property
    def suggestions(self) -> list[Suggestion]:
        """What the lexicon suggests now (tags already chosen or ignored, and those the
        context and outcome settle, left out)."""
        return self.suggester.suggestions

    @property
    def lexicon(self) -> Lexicon | None:
        return self.suggester.lexicon

    @property
    def lexicon_problem(self) -> str | None:
        """Why suggestions are off (the lexicon could not be read), or None."""
        return self.suggester.problem

    def _refresh_suggestions(self) -> None:
        self.suggester.refresh(self._texts, self._labels, self._chosen, **self._decided)

    def accept(self, tag: str) -> None:
        """Add a suggested tag."""
        self.select(tag)

    def ignore(self, tag: str) -> None:
        """Stop suggesting a tag (for this entry)."""
        self.suggester.ignored.add(self.vocabulary.resolve(tag).id)
        self._refresh_suggestions()

    def add_passage(self, tag: str, field: str, quote: str) -> Passage:
        """Attach ``tag`` to the words ``quote`` of the text ``field``; raises ValidationError."""
        if field not in self._texts:
            raise ValidationError("passage.field", "choose which answer the passage is in.")
        if not tag:
            raise ValidationError("passage.tag", "choose the tag to attach.")
        tag_id = self.vocabulary.resolve(tag, field="passage.tag").id
        passage = self.panel.attach(tag_id, field, quote, self.row(tag_id).intensity_value)
        self._quiet = True
        try:
            self.row(tag_id).checkbox.value = True
        finally:
            self._quiet = False
        self._changed()
        return passage

    def remove_passage(self, index: int) -> None:
        self.panel.remove(index)
        self._changed()

    # -- errors -------------------------------------------------------------------------
    def show_error(self, error: ValidationError) -> None:
        """Show an error for ``tags...`` (or a passage) beside the picker; an error about
        one tag use names its tag."""
        base, index, rest = error.parts
        prefix = ""
        if base == "tags" and index is not None:
            uses = self.value()
            prefix = f"{self._label(uses[index]['tag'])}: " if index < len(uses) else ""
        to_passage = base == "passage" or rest.split(".")[0] == "anchor"
        set_error(self.panel.error if to_passage else self.error, prefix + error.reason)

    def clear_errors(self) -> None:
        set_error(self.error, None)
        set_error(self.panel.error, None)
