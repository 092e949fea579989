"""Small helpers shared by the forms: CSS classes, error labels, showing and hiding."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ..validate import CONTEXT_GROUP

if TYPE_CHECKING:
    from ..content.vocab import Vocabulary

ERROR_STYLE = "color:#b00020"  # dark red, with a ⚠ so colour is not the only cue
NOTE_STYLE = "color:#555;font-size:0.9em"
OK_STYLE = "color:#1b5e20"


def css(widget: Any, *classes: str) -> Any:
    """Add stable CSS classes (for browser tests and styling) and return the widget."""
    for name in classes:
        widget.add_class(name)
    return widget


def css_id(text: str) -> str:
    """A fragment safe inside a CSS class name (stage and tag ids already are)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def esc(text: object) -> str:
    """Escape anything for an HTML widget (journal text never goes in unescaped)."""
    return html.escape(str(text), quote=True)


def error_label(key: str) -> w.HTML:
    """An empty HTML label that shows an error beside the field ``key``."""
    return css(w.HTML(""), "wb-error", f"wb-error-{css_id(key)}")


def set_error(label: w.HTML, message: str | None) -> None:
    label.value = f"<span style='{ERROR_STYLE}' role='alert'>⚠ {esc(message)}</span>" if message else ""


def note(text: str, *classes: str) -> w.HTML:
    """A small grey explanatory line (``text`` is escaped)."""
    return css(w.HTML(f"<span style='{NOTE_STYLE}'>{esc(text)}</span>"), *classes)


def show(widget: Any, visible: bool = True) -> None:
    widget.layout.display = None if visible else "none"


def is_shown(widget: Any) -> bool:
    return widget.layout.display != "none"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def short(text: str, limit: int = 60) -> str:
    """One line, at most ``limit`` characters (for list labels)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


#: ipywidgets give every widget a margin of ``--jp-widgets-margin`` (2 px) on each side, so a
#: width of 100% ends 2-4 px past the form's edge and clips the field's right border.
FULL_WIDTH = "calc(100% - 2 * var(--jp-widgets-margin, 2px))"


def full_width() -> w.Layout:
    """A field as wide as the form, its margins included (:data:`FULL_WIDTH`)."""
    return w.Layout(width=FULL_WIDTH)


def jsonable(value: Any) -> Any:
    """``value`` with dates as ISO text (for drafts and comparisons)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def tag_options(vocabulary: Vocabulary, *, contexts: bool = True) -> list[tuple[str, str]]:
    """Dropdown choices for every tag, labelled ``"Group: Tag"`` (vocabulary order);
    ``contexts=False`` leaves out the context tags (a separate dropdown offers them)."""
    return [
        (f"{vocabulary.group(t.group).label}: {t.label}", t.id)
        for t in vocabulary
        if contexts or t.group != CONTEXT_GROUP
    ]


def tag_label(vocabulary: Vocabulary, tag_id: str) -> str:
    """A tag's label, or its id if the vocabulary no longer has it."""
    tag = vocabulary.find(tag_id)
    return tag.label if tag else tag_id


def context_options(vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """Dropdown choices for an entry's context (the tags of the context group)."""
    return [(t.label, t.id) for t in vocabulary.in_group(CONTEXT_GROUP)]


def section(title: str) -> w.HTML:
    """A small heading inside a form."""
    return w.HTML(f"<h4 style='margin:0.8em 0 0.2em'>{esc(title)}</h4>")


class View:
    """What every form and view shares: it displays as its ``widget``, and button
    handlers run inside its ``log`` Output so an unexpected error shows in the form
    instead of being swallowed by the front end. Its repr, and the plain-text form of its
    display, name the view only: never a value typed or loaded into it."""

    widget: w.Widget
    log: w.Output

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: a form; display it in a notebook to use it>"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """The widget, with a ``text/plain`` fallback of our own: ipywidgets' would list the
        children's values (a draft's title, typed text), and notebooks save that output."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle = {**bundle, "text/plain": repr(self)}
        return bundle

    def _guard(self, action: Callable[[], Any]) -> Callable[[Any], None]:
        """A button handler whose unexpected errors show inside the view (not a lost traceback):
        ``_on_fault`` is told first, then the traceback goes to ``log``."""

        def handler(_: Any) -> None:
            with self.log:
                try:
                    action()
                except Exception:
                    self._on_fault()
                    raise

        return handler

    def _on_fault(self) -> None:
        """Called when a button's action fails with a bug (not a refusal, which the action
        shows itself); a view with writing in it says that the writing is safe."""


class OptionalSlider:
    """A slider with a 'not recorded' checkbox: ``value`` is None when not recorded."""

    def __init__(self, slider: w.ValueWidget, name: str, label: str) -> None:
        self.slider = css(slider, f"wb-{name}")
        self.none = css(w.Checkbox(value=True, description="not recorded", indent=False), f"wb-{name}-none")
        self.none.layout.width = "auto"
        self.none.layout.margin = "2px 2px 2px 1.5em"  # apart from the slider's reading ("leaning stoical")
        self.slider.observe(self._moved, "value")
        self.error = error_label(name.replace("-", "_"))
        self.box = w.VBox([w.HBox([w.Label(label, layout=w.Layout(width="9em")), self.slider, self.none]), self.error])
        self.loading = False

    def _moved(self, _: Any) -> None:
        if not self.loading:
            self.none.value = False  # moving the slider records a value

    @property
    def value(self) -> Any:
        return None if self.none.value else self.slider.value

    def set(self, value: Any, default: Any) -> None:
        self.loading = True
        try:
            self.slider.value = default if value is None else value
            self.none.value = value is None
        finally:
            self.loading = False
