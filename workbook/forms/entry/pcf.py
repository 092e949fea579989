"""The entry form's BASW PCF domains: a collapsible "PCF domains (social work)" with a tick
box for each of the nine domains of the Professional Capabilities Framework (BASW 2018) and
a line on what each covers, in our own words.

Social work students and practitioners map their practice to the PCF; it is assessed from
the evidence as a whole, so ticking a domain says "this entry is evidence for it", never how
well it is met. The domains and their names are ``content.PCF_DOMAINS``, the line on each
``content.PCF_DESCRIPTIONS``; the rule (known domains, once each, in the framework's order)
is ``validate.check_pcf``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w

from ...content import PCF_DESCRIPTIONS, PCF_DOMAINS
from .._common import css, note

TITLE = "PCF domains (social work)"
HELP = (
    "If you are a social work student or practitioner, tick the domains of the Professional Capabilities "
    "Framework (BASW 2018) this conversation is evidence for. Nothing here is a score: the PCF is assessed "
    "from your evidence as a whole."
)


class PCFChooser:
    """Nine tick boxes in a collapsible section (``widget``); ``on_change`` is called when one changes."""

    def __init__(self, on_change: Callable[[Any], None]) -> None:
        self.boxes: dict[str, w.Checkbox] = {}
        rows = []
        for domain, label in PCF_DOMAINS.items():
            box = css(
                w.Checkbox(value=False, description=label, indent=False, layout=w.Layout(width="auto")),
                "wb-pcf",
                f"wb-pcf-{domain}",
            )
            box.observe(on_change, "value")
            box.observe(lambda _: self._retitle(), "value")
            self.boxes[domain] = box
            rows.append(w.VBox([box, note(PCF_DESCRIPTIONS[domain])], layout=w.Layout(margin="0 0 0.3em 0")))
        self.body = w.VBox([note(HELP), *rows])
        self.widget = css(w.Accordion(children=[self.body], selected_index=None), "wb-pcf-domains")
        self._retitle()

    def value(self) -> list[str]:
        """The ticked domains' ids, in the framework's order."""
        return [d for d, box in self.boxes.items() if box.value]

    def set(self, domains: Iterable[Any] | None) -> list[str]:
        """Tick exactly ``domains``; returns those not offered (from an old draft), not ticked."""
        wanted = list(domains or ())
        for domain, box in self.boxes.items():
            box.value = domain in wanted
        return [str(d) for d in wanted if d not in self.boxes]

    @property
    def title(self) -> str:
        """The section's title: how many domains are ticked shows while it is closed."""
        return self.widget.titles[0]

    def _retitle(self) -> None:
        n = len(self.value())
        self.widget.titles = (TITLE + (f": {n} ticked" if n else ""),)
