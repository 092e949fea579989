"""The tag picker's suggestion box: tags the keyword lexicon finds in what was written.

Each suggestion names the words that triggered it and where they are, so the writer can
judge it; Add chooses the tag, Ignore stops suggesting it for this entry. What the form has
already decided is not suggested again: chosen and ignored tags, the context group once a
context is chosen, the outcome tags once an outcome is. At most eight, the best supported
first (:meth:`~workbook.content.lexicon.Lexicon.suggest`). A broken lexicon turns
suggestions off with a note instead of breaking the form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import ipywidgets as w

from ...content.lexicon import Lexicon, Suggestion, load_lexicon
from ...content.vocab import Vocabulary
from ...errors import DataFileError
from .._common import NOTE_STYLE, css, css_id, esc

HEADER = f"<b>Suggested from your words</b> <span style='{NOTE_STYLE}'>— add the ones that fit, ignore the rest</span>"


class SuggestionBox:
    """Suggested tags with Add / Ignore buttons (``on_add(tag_id)``, ``on_ignore(tag_id)``).

    ``lexicon`` defaults to the bundled ``data/lexicon.yaml``.
    """

    def __init__(
        self,
        vocabulary: Vocabulary,
        lexicon: Lexicon | None,
        *,
        on_add: Callable[[str], None],
        on_ignore: Callable[[str], None],
    ) -> None:
        self.vocabulary = vocabulary
        self.on_add = on_add
        self.on_ignore = on_ignore
        self.problem: str | None = None
        try:
            self.lexicon: Lexicon | None = lexicon or load_lexicon()
        except (DataFileError, OSError) as exc:
            self.lexicon, self.problem = None, str(exc)
        self.ignored: set[str] = set()
        self.suggestions: list[Suggestion] = []
        self._shown: tuple = ()
        self.box = css(w.VBox([]), "wb-suggestions")

    def refresh(
        self,
        texts: Mapping[str, str],
        labels: Mapping[str, str],
        chosen: Iterable[str],
        *,
        context: str | None = None,
        outcome: str | None = None,
    ) -> None:
        """Suggest from ``texts`` (field → text; ``labels`` names the fields), leaving out
        tags already chosen or ignored, and those the chosen ``context`` or ``outcome``
        settle. The rows are rebuilt only when what is suggested changes."""
        if self.lexicon is None:
            self.suggestions = []
            problem = f"Suggestions are off: {self.problem}" if self.problem else ""
            self.box.children = (w.HTML(f"<span style='{NOTE_STYLE}'>{esc(problem)}</span>"),) if problem else ()
            return
        skip = {*chosen, *self.ignored}
        self.suggestions = self.lexicon.suggest(texts, self.vocabulary, chosen=skip, context=context, outcome=outcome)
        key = (tuple((s.tag, s.words, s.field) for s in self.suggestions), tuple(labels.items()))
        if key == self._shown:
            return
        self._shown = key
        by_tag: dict[str, list[Suggestion]] = {}
        for s in self.suggestions:
            by_tag.setdefault(s.tag, []).append(s)
        rows = [self._row(tag_id, items, labels) for tag_id, items in by_tag.items()]
        self.box.children = (w.HTML(HEADER), *rows) if rows else ()

    def _row(self, tag_id: str, items: list[Suggestion], labels: Mapping[str, str]) -> w.HBox:
        tag = self.vocabulary.find(tag_id)
        assert tag is not None
        reasons = "; ".join(
            ", ".join(f"“{esc(word)}”" for word in s.words) + f" in {esc(labels.get(s.field, s.field))}" for s in items
        )
        group = self.vocabulary.group(tag.group).label
        caveat = self.lexicon.caveats.get(tag_id) if self.lexicon is not None else None
        note = f"<br><span style='{NOTE_STYLE}'>{esc(caveat)}</span>" if caveat else ""
        text = css(
            w.HTML(f"<b>{esc(tag.label)}</b> <span style='{NOTE_STYLE}'>({esc(group)})</span> — from {reasons}{note}"),
            f"wb-suggestion-{css_id(tag_id)}",
        )
        add = css(
            w.Button(description="Add", button_style="success", layout=w.Layout(width="5em")),
            f"wb-suggest-add-{css_id(tag_id)}",
        )
        ignore = css(
            w.Button(description="Ignore", layout=w.Layout(width="5em")), f"wb-suggest-ignore-{css_id(tag_id)}"
        )
        add.on_click(lambda _: self.on_add(tag_id))
        ignore.on_click(lambda _: self.on_ignore(tag_id))
        return w.HBox([add, ignore, text])
