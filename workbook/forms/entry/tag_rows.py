"""One tag in the tag picker: its checkbox, an intensity (where its group has one), a "?"
toggle, and its definition and source, made only when first asked for.

The picker builds rows lazily (a group's rows when it is opened), because some 400 of
them at once would make every form slow to appear.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ...models import Tag
from .._common import NOTE_STYLE, css, css_id, esc, show

NO_INTENSITY = 0
INTENSITY_OPTIONS = [("intensity –", NO_INTENSITY), ("1 · mild", 1), ("2 · moderate", 2), ("3 · strong", 3)]


class TagRow:
    """The widgets of one tag; ``on_check(on)``, ``on_intensity(value)`` and ``on_info(visible)``
    are called when the checkbox, the intensity or the "?" toggle change."""

    def __init__(
        self,
        tag: Tag,
        has_intensity: bool,
        *,
        on_check: Callable[[bool], None],
        on_intensity: Callable[[int], None],
        on_info: Callable[[bool], None],
    ) -> None:
        self.tag = tag
        self.checkbox = css(
            w.Checkbox(value=False, description=tag.label, indent=False, tooltip=tag.definition),
            f"wb-tag-{css_id(tag.id)}",
        )
        self.checkbox.layout.width = "auto"
        self.intensity: w.Dropdown | None = None
        if has_intensity:
            self.intensity = css(
                w.Dropdown(options=INTENSITY_OPTIONS, value=NO_INTENSITY, layout=w.Layout(width="9em")),
                f"wb-intensity-{css_id(tag.id)}",
            )
            self.intensity.observe(lambda change: on_intensity(change["new"]), "value")
        self.info = css(
            w.ToggleButton(
                value=False, description="?", tooltip="What does this tag mean?", layout=w.Layout(width="2.5em")
            ),
            f"wb-tag-info-{css_id(tag.id)}",
        )
        self.info.observe(lambda change: on_info(change["new"]), "value")
        self.checkbox.observe(lambda change: on_check(change["new"]), "value")
        self.box = w.VBox([w.HBox([self.checkbox, *([self.intensity] if self.intensity else []), self.info])])
        self.definition: w.HTML | None = None  # made when first asked for

    @property
    def intensity_value(self) -> int | None:
        """The chosen intensity 1-3, or None (not chosen, or the group has none)."""
        return (self.intensity.value or None) if self.intensity is not None else None

    def reset(self) -> None:
        """Not chosen, no intensity."""
        self.checkbox.value = False
        if self.intensity is not None:
            self.intensity.value = NO_INTENSITY

    def show_definition(self, visible: bool = True) -> w.HTML:
        """Show (or hide) the definition and source under the checkbox."""
        if self.definition is None:
            self.definition = css(
                w.HTML(
                    f"<div style='{NOTE_STYLE};margin-left:1.5em'>{esc(self.tag.definition)}"
                    f"<br><i>Source: {esc(self.tag.reference)}</i></div>"
                ),
                f"wb-tag-definition-{css_id(self.tag.id)}",
            )
            self.box.children = (*self.box.children, self.definition)
        show(self.definition, visible)
        if self.info.value != visible:
            self.info.value = visible
        return self.definition
