"""The vocabulary browser: the five groups of tags with definitions and references, a
filter box, and a row to add a tag of your own.

Like every form it only calls the journal it is given: ``vocabulary()`` to read the tags
and ``add_tag(...)`` to add one. Refused tags show the journal's message beside the
field it names, and nothing is saved. Every label, definition and reference is
HTML-escaped (your own tags can hold any text).

CSS classes: ``wb-vocab`` (the whole browser), ``wb-vocab-filter``, ``wb-vocab-count``,
``wb-vocab-groups``, ``wb-vocab-group-<group id>`` (one per group: feelings,
other-person, relational, conversation, context), ``wb-newtag`` (the add row),
``wb-newtag-label``, ``wb-newtag-group``, ``wb-newtag-definition``,
``wb-newtag-reference``, ``wb-newtag-save``, ``wb-newtag-status``; errors
``wb-error-newtag-label``, ``wb-error-newtag-group``, ``wb-error-newtag-definition``,
``wb-error-newtag-reference``, ``wb-error-newtag-general``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Protocol

import ipywidgets as w

from ..content.vocab import Vocabulary
from ..errors import ValidationError, WorkbookError
from ..models import Tag
from ._common import NOTE_STYLE, OK_STYLE, View, css, css_id, error_label, esc, full_width, plural, set_error

DEFAULT_REFERENCE = "My own tag"
NEW_TAG_FIELDS = ("label", "group", "definition", "reference")


class TagJournal(Protocol):
    """What the browser needs from a journal (``workbook.Journal`` has both)."""

    def vocabulary(self) -> Vocabulary: ...

    def add_tag(self, label: str, group: str, definition: str, reference: str = DEFAULT_REFERENCE) -> Tag: ...


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _search_text(tag: Tag) -> str:
    return _fold(" ".join(filter(None, (tag.id, tag.label, tag.definition, tag.reference, tag.family))))


class VocabularyBrowser(View):
    """Browse the tag vocabulary and add tags of your own.

    Parameters
    ----------
    journal
        Anything with ``vocabulary()`` and ``add_tag()`` (``wb.open_journal()`` gives one).
    on_added
        Called with the new Tag after each tag is added.
    """

    def __init__(self, journal: TagJournal, *, on_added: Callable[[Tag], None] | None = None) -> None:
        self.journal = journal
        self.on_added = on_added
        self.vocabulary = journal.vocabulary()
        self.errors: dict[str, str] = {}
        self._opened: set[str] = set()

        self.filter = css(
            w.Text(placeholder="Filter: type part of a tag, a definition or an author", layout=full_width()),
            "wb-vocab-filter",
        )
        self.filter.observe(lambda _: self.render(), "value")
        self.count = css(w.HTML(""), "wb-vocab-count")
        self.group_views: dict[str, w.HTML] = {
            g.id: css(w.HTML(""), f"wb-vocab-group-{css_id(g.id)}") for g in self.vocabulary.groups
        }
        self.groups_box = css(w.VBox(list(self.group_views.values())), "wb-vocab-groups")

        self.new_label = css(w.Text(description="Tag", placeholder="e.g. Stuck"), "wb-newtag-label")
        self.new_group = css(
            w.Dropdown(options=[(g.label, g.id) for g in self.vocabulary.groups], description="Group"),
            "wb-newtag-group",
        )
        self.new_definition = css(
            w.Textarea(
                description="Definition",
                placeholder="What you mean by it, in a sentence or two",
                rows=3,
                layout=w.Layout(width="80%"),
            ),
            "wb-newtag-definition",
        )
        self.new_reference = css(
            w.Text(
                description="Reference",
                placeholder=f"Where the idea comes from (optional; default '{DEFAULT_REFERENCE}')",
                layout=w.Layout(width="80%"),
            ),
            "wb-newtag-reference",
        )
        self.save_button = css(w.Button(description="Add tag", button_style="primary"), "wb-newtag-save")
        self.save_button.on_click(self._guard(lambda: self.add_tag()))
        self.status = css(w.HTML(""), "wb-newtag-status")
        self.labels = {name: error_label(f"newtag-{name}") for name in (*NEW_TAG_FIELDS, "general")}
        self.log = css(w.Output(), "wb-log")
        L = self.labels  # noqa: N806
        self.new_tag_box = css(
            w.VBox(
                [
                    w.HTML("<h4 style='margin:1em 0 0.2em'>Add a tag of your own</h4>"),
                    w.HTML(
                        f"<span style='{NOTE_STYLE}'>When no tag says what you mean, add your own. It is kept in "
                        "this journal and offered in every form from the next one you open.</span>"
                    ),
                    w.HBox([self.new_label, self.new_group]),
                    L["label"],
                    L["group"],
                    self.new_definition,
                    L["definition"],
                    self.new_reference,
                    L["reference"],
                    self.save_button,
                    self.status,
                    L["general"],
                ]
            ),
            "wb-newtag",
        )
        self.widget = css(
            w.VBox([self.filter, self.count, self.groups_box, self.new_tag_box, self.log]),
            "wb-vocab",
        )
        self.render()

    # -- browsing ------------------------------------------------------------------------
    def matches(self) -> dict[str, list[Tag]]:
        """The tags that pass the filter, by group id (every word typed must appear)."""
        words = _fold(self.filter.value).split()
        return {
            g.id: [t for t in self.vocabulary.in_group(g.id) if all(word in _search_text(t) for word in words)]
            for g in self.vocabulary.groups
        }

    def render(self) -> None:
        """Redraw the groups for the current filter (groups with matches open while filtering)."""
        found = self.matches()
        filtering = bool(self.filter.value.strip())
        for group in self.vocabulary.groups:
            tags = found[group.id]
            total = len(self.vocabulary.in_group(group.id))
            opened = (filtering and bool(tags)) or group.id in self._opened
            self.group_views[group.id].value = self._group_html(group.id, tags, total, opened, filtering)
        n = sum(len(tags) for tags in found.values())
        if filtering:
            text = f"{plural(n, 'tag')} of {len(self.vocabulary)} match ‘{self.filter.value.strip()}’."
        else:
            text = f"{len(self.vocabulary)} tags in {len(self.vocabulary.groups)} groups. Click a group to open it."
        self.count.value = f"<span style='{NOTE_STYLE}'>{esc(text)}</span>"

    def _group_html(self, group_id: str, tags: list[Tag], total: int, opened: bool, filtering: bool) -> str:
        group = self.vocabulary.group(group_id)
        shown = f"{len(tags)} of {total}" if filtering else str(total)
        items = []
        for tag in tags:
            own = " <span style='color:#0072B2'>(your own)</span>" if tag.custom else ""
            family = f" <span style='{NOTE_STYLE}'>· {esc(tag.family)}</span>" if tag.family else ""
            items.append(
                f"<dt style='margin-top:0.5em'><b>{esc(tag.label)}</b>{own}{family}</dt>"
                f"<dd style='margin-left:1.2em'>{esc(tag.definition)}"
                f"<br><span style='{NOTE_STYLE}'>Reference: {esc(tag.reference)}</span></dd>"
            )
        body = (
            f"<dl style='margin:0.3em 0'>{''.join(items)}</dl>"
            if items
            else (f"<p style='{NOTE_STYLE}'>No tag in this group matches.</p>")
        )
        return (
            f"<details{' open' if opened else ''} style='margin:0.3em 0'>"
            f"<summary style='cursor:pointer'><b>{esc(group.label)}</b> "
            f"<span style='{NOTE_STYLE}'>({shown} tags)</span></summary>"
            f"<p style='{NOTE_STYLE};margin:0.3em 0'>{esc(group.description)}</p>{body}</details>"
        )

    # -- adding ----------------------------------------------------------------------------
    def add_tag(
        self,
        label: str | None = None,
        group: str | None = None,
        definition: str | None = None,
        reference: str | None = None,
    ) -> Tag | None:
        """Add a tag through the journal (from the fields, or the arguments given).

        Returns the new Tag, or None with the journal's message beside the field it names
        (nothing is saved then).
        """
        self._clear_errors()
        label = self.new_label.value if label is None else label
        group = self.new_group.value if group is None else group
        definition = self.new_definition.value if definition is None else definition
        reference = self.new_reference.value if reference is None else reference
        if not reference.strip():
            reference = DEFAULT_REFERENCE
        try:
            tag = self.journal.add_tag(label, group, definition, reference)
        except ValidationError as exc:
            field = "label" if exc.field == "id" else exc.field  # the id is made from the label
            where = field if field in NEW_TAG_FIELDS else "general"
            message = exc.reason if where != "general" else f"{exc.field}: {exc.reason}"
            if exc.field == "id":
                message = "needs at least one letter or digit (the tag's id is made from it)."
            self.errors[where] = message
            set_error(self.labels[where], message[:1].upper() + message[1:])
            self._say("Not added: please check the message beside the field.", error=True)
            return None
        except WorkbookError as exc:
            self.errors["general"] = str(exc)
            set_error(self.labels["general"], str(exc))
            self._say("Not added.", error=True)
            return None
        self.vocabulary = self.journal.vocabulary()
        self._opened.add(tag.group)
        for widget in (self.new_label, self.new_definition, self.new_reference):
            widget.value = ""
        self.render()
        self._say(
            f"Added ‘{tag.label}’ to {self.vocabulary.group(tag.group).label}. Forms you open from now on offer it."
        )
        if self.on_added is not None:
            self.on_added(tag)
        return tag

    def _say(self, message: str, *, error: bool = False) -> None:
        style = "color:#b00020" if error else OK_STYLE
        self.status.value = f"<span style='{style}' role='status'>{esc(message)}</span>"

    def _clear_errors(self) -> None:
        self.errors = {}
        for label in self.labels.values():
            set_error(label, None)
        self.status.value = ""
