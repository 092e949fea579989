"""Answering what could identify someone, finding by finding: the review shared by the forms
that share or keep a de-identified text (a supervision pack in notebook 06, a CPD record in
notebook 10).

:class:`FindingsReview` is the panel: how many findings are answered, a button that accepts
every suggestion still unanswered, and one :class:`FindingRow` per finding. A row shows the
finding's places with every finding replaced by its suggestion, and the words as written only
when the person asks, on the screen; its answer (Accept, Change to, Dismiss) goes into the
owner's draft (``owner.draft.answer``) and the owner hears of it (``owner._answers_changed()``).
The draft's own ``unanswered()`` says when everything is answered.
"""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as w

from ._common import NOTE_STYLE, css, esc, note, plural, show

ANSWERS = [("Accept", "accept"), ("Change to", "change"), ("Dismiss", "dismiss")]
ANSWER_TOOLTIPS = [
    "Use the suggestion shown, in every place",
    "Use your own words instead, in every place",
    "Keep the words as written: they do not identify anyone",
]
KIND_LABELS = {
    "alias": "A name in your people register",
    "phone": "A phone number",
    "email": "An email address",
    "postcode": "A postcode",
    "nhs_number": "An NHS number",
    "ni_number": "A National Insurance number",
    "date_of_birth": "A date of birth",
    "address": "An address",
    "institution": "A named school, hospital or other place",
    "possible_name": "Possibly a name",
}


def _marked(line: str) -> str:
    """A context line with the finding (between ⟦ ⟧) in bold, everything escaped."""
    line = re.sub("…{2,}", "…", line)
    return re.sub(r"⟦(.*?)⟧", r"<mark><b>\1</b></mark>", esc(line))


class FindingRow:
    """One finding: what kind, its places (as suggestions unless revealed), and the answer."""

    def __init__(self, form: Any, finding: Any) -> None:
        self.form = form
        self.finding = finding
        n = len(finding.occurrences)
        label = KIND_LABELS.get(finding.kind, finding.kind.replace("_", " ").capitalize())
        where = f"found in {plural(n, 'place')}; suggested: "
        self.header = w.HTML(f"<b>{esc(finding.id)}. {esc(label)}</b> <span style='{NOTE_STYLE}'>{esc(where)}</span>")
        self.header.value += f"<code>{esc(finding.suggestion)}</code>"
        self.places = css(w.HTML(""), "wb-sup-places")
        self.reveal = css(
            w.ToggleButton(
                value=False,
                description="Show the words as written",
                tooltip="Show what you wrote here, on this screen only",
                layout=w.Layout(width="auto"),
            ),
            "wb-sup-reveal",
        )
        self.answer = css(
            w.ToggleButtons(options=ANSWERS, value=None, tooltips=ANSWER_TOOLTIPS, style={"button_width": "auto"}),
            "wb-sup-answer",
        )
        self.change_text = css(
            w.Text(placeholder="Your words instead, such as Parent B", layout=w.Layout(width="22em")),
            "wb-sup-change-text",
        )
        show(self.change_text, False)
        warning = ""
        if finding.kind == "alias":
            warning = "This is a name in your people register: a pack that keeps it is refused, so Dismiss will not do."
        elif finding.flagged:
            warning = (
                "A guess: dismiss it if these words name nobody (a month, a place in general, a word at the start)."
            )
        self.warning = note(warning) if warning else w.HTML("")
        self.reveal.observe(lambda _: self._show_places(), "value")
        self.answer.observe(lambda _: self._answered(), "value")
        self.change_text.observe(lambda _: self._answered(), "value")
        self.box = css(
            w.VBox(
                [
                    self.header,
                    self.places,
                    self.warning,
                    w.HBox([self.answer, self.change_text, self.reveal]),
                ],
                layout=w.Layout(margin="0.3em 0"),
            ),
            "wb-sup-finding",
            f"wb-sup-finding-{finding.id}",
        )
        self._show_places()

    def _show_places(self) -> None:
        shown_as = "match" if self.reveal.value else "suggestion"
        lines = self.form.draft.context(self.finding, show=shown_as)
        items = "".join(f"<li>{_marked(line)}</li>" for line in lines)
        self.places.value = f"<ul style='margin:0.2em 0'>{items}</ul>"
        self.reveal.description = "Hide the words as written" if self.reveal.value else "Show the words as written"

    def _answered(self) -> None:
        action = self.answer.value
        show(self.change_text, action == "change")
        draft = self.form.draft
        if action is None or (action == "change" and not self.change_text.value.strip()):
            draft.decisions.pop(self.finding.id, None)
        elif action == "change":
            draft.answer(self.finding.id, "change", self.change_text.value)
        else:
            draft.answer(self.finding.id, action)
        self.form._answers_changed()


class FindingsReview:
    """The count of answers, "accept every suggestion" and one row per finding, as one panel.

    ``prefix`` names its CSS classes (``wb-<prefix>-review``, ``-count``, ``-accept-all``,
    ``-findings``); ``ready`` and ``pending`` finish the count's sentence when every finding
    is answered and when some are not ("you can save the record", "before the record can be saved").
    The owner wires the button to :meth:`accept_all` (through its fault guard)."""

    def __init__(self, prefix: str, *, ready: str, pending: str) -> None:
        self.ready = ready
        self.pending = pending
        self.rows: list[FindingRow] = []
        self.count = css(w.HTML(""), f"wb-{prefix}-count")
        self.accept_all_button = css(
            w.Button(
                description="Accept every suggestion still unanswered",
                tooltip="Use the suggested stand-in for every finding you have not answered",
                layout=w.Layout(width="auto"),
            ),
            f"wb-{prefix}-accept-all",
        )
        self.findings_box = css(w.VBox([]), f"wb-{prefix}-findings")
        self.box = css(w.VBox([self.count, w.HBox([self.accept_all_button]), self.findings_box]), f"wb-{prefix}-review")
        show(self.box, False)

    def clear(self) -> None:
        """No draft: no rows, the panel hidden."""
        self.rows = []
        self.findings_box.children = ()
        show(self.box, False)

    def fill(self, owner: Any, findings: list[Any]) -> None:
        """One row per finding of ``owner.draft``, the panel shown."""
        self.rows = [FindingRow(owner, f) for f in findings]
        self.findings_box.children = tuple(
            w.VBox([row.box], layout=w.Layout(border_top="1px solid #ddd")) for row in self.rows
        )
        show(self.box, True)
        show(self.accept_all_button, bool(self.rows))

    def accept_all(self) -> None:
        """Answer Accept for every finding not answered yet."""
        for row in self.rows:
            if row.answer.value is None or (row.answer.value == "change" and not row.change_text.value.strip()):
                row.answer.value = "accept"

    def show_count(self, draft: Any) -> None:
        """How many of ``draft``'s findings are answered, and what that allows."""
        total = len(draft.findings)
        left = len(draft.unanswered())
        if total:
            rest = (
                f" Every finding is answered: {self.ready}."
                if not left
                else f" {plural(left, 'finding needs', 'findings need')} an answer {self.pending}."
            )
            self.count.value = (
                f"<b>{total - left} of {total} answered.</b><span style='{NOTE_STYLE}'>{esc(rest)}</span>"
            )
        else:
            self.count.value = f"<span style='{NOTE_STYLE}'>Nothing to answer.</span>"


class ReviewsFindings:
    """What a form with a :class:`FindingsReview` (``self.review``) and a draft (``self.draft``)
    has: its rows, "accept every suggestion", and the count kept up to date as answers come
    (``FindingRow`` calls ``_answers_changed``); ``_answers_updated`` is the form's own step after."""

    review: FindingsReview
    draft: Any

    @property
    def rows(self) -> list[FindingRow]:
        """One row per finding of the draft."""
        return self.review.rows

    def accept_all(self) -> None:
        """Answer Accept for every finding not answered yet."""
        self.review.accept_all()

    def _answers_changed(self) -> None:
        if self.draft is None:
            return
        self.review.show_count(self.draft)
        self._answers_updated()

    def _answers_updated(self) -> None:
        """What the form does once the count is shown (enable its save or write button)."""
