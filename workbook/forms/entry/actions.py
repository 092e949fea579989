"""The entry form's action points: the existing ones as rows, new ones one per line.

An existing action point keeps its id, so editing its text or status updates it rather
than adding a new one; clearing its text removes it. Changing a status is saved at once
by the form (``on_status``), so following up an action point needs no Save.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as w

from ...models import ACTION_STATUSES
from .._common import css, full_width, jsonable, note

HEADER = "Action points so far: change a status and it is saved at once; clear an action's text to remove it."


class ActionRows:
    """Existing action points (``box``) and a text area for new ones (``new``).

    ``rows`` holds ``(action, text, status)`` per existing point: the action as a dict
    (id, text, status, due_on and any PCF domains, which are kept as they are), its text box
    and its status dropdown. ``on_input`` is
    called when a text changes; ``on_status(action, text, status)`` when a status does.
    """

    def __init__(
        self, *, on_input: Callable[[Any], None], on_status: Callable[[dict[str, Any], str, str], None]
    ) -> None:
        self.on_input = on_input
        self.on_status = on_status
        self.rows: list[tuple[dict[str, Any], w.Text, w.Dropdown]] = []
        self.box = css(w.VBox([]), "wb-existing-actions")
        self.new = css(w.Textarea(placeholder="One action point per line", rows=3, layout=full_width()), "wb-actions")

    def set(self, actions: Sequence[Any]) -> None:
        """Show an entry's (or a draft's) actions: those with an id as rows, the rest as lines."""
        self._set_rows([a for a in actions if isinstance(a, Mapping) and a.get("id")])
        self.new.value = "\n".join(
            a if isinstance(a, str) else str(a.get("text", ""))
            for a in actions
            if isinstance(a, str) or not a.get("id")
        )

    def value(self) -> list[Any]:
        """The actions as ``Journal.add(actions=...)`` takes them: rows still holding text,
        then each non-empty new line."""
        actions: list[Any] = [
            {**action, "text": text.value.strip(), "status": status.value}
            for action, text, status in self.rows
            if text.value.strip()
        ]
        return actions + [line.strip() for line in self.new.value.splitlines() if line.strip()]

    def _set_rows(self, actions: list[Mapping[str, Any]]) -> None:
        self.rows, boxes = [], []
        for i, raw in enumerate(actions):
            action = {
                "id": raw["id"],
                "text": raw.get("text", ""),
                "status": raw.get("status", "open"),
                "due_on": jsonable(raw.get("due_on")),
                # kept as they are: the form does not show an action point's PCF domains yet
                **({"pcf": list(raw["pcf"])} if raw.get("pcf") else {}),
            }
            text = css(w.Text(value=action["text"], layout=w.Layout(width="70%")), f"wb-action-text-{i}")
            status = css(
                w.Dropdown(options=ACTION_STATUSES, value=action["status"], layout=w.Layout(width="8em")),
                f"wb-action-status-{i}",
            )
            text.observe(self.on_input, "value")
            status.observe(lambda change, a=action, t=text: self.on_status(a, t.value, change["new"]), "value")
            self.rows.append((action, text, status))
            boxes.append(w.HBox([status, text]))
        self.box.children = (note(HEADER), *boxes) if boxes else ()
