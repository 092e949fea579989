"""Preparing for supervision: choose entries, answer each thing that could identify someone, write the pack.

A form over ``wb.supervision_pack`` (``workbook.supervision``), on one page in three steps:

1. **Choose** which entries (flagged for supervision, a date range, tags, a context, or picked
   by hand), which parts of each go, the practitioner's own questions, who the pack is for,
   and whether the period's patterns and charts go too; **Find what could identify someone**
   makes the draft.
2. **Review**: one row per finding of the draft. Its places are shown with the finding (and
   every other finding near it) replaced by its suggestion, so a real name is only shown on
   the screen when the practitioner asks for it, row by row. Each finding is answered
   *Accept* (use the suggestion), *Change to* (the practitioner's words) or *Dismiss* (keep
   the words as written: they identify nobody). Nothing can be written until every finding
   has an answer.
3. **Write**: the notebook, and an HTML copy if wanted, optionally encrypted with a
   passphrase (cleared from the form as soon as the pack is written, or refused). A pack
   the leak check refuses is listed by kind and place (never the words found), with what to
   do; overrides exist on the command line only. **Preview** shows the pack's cells as the
   supervisor will read them, de-identified.

Status lines and messages give counts, kinds, places and file names only: never a name or
a word of an entry.

CSS classes: ``wb-supervision`` (the whole form), ``wb-sup-mode``, ``wb-sup-flagged-note``,
``wb-sup-since``, ``wb-sup-until``, ``wb-sup-tags``, ``wb-sup-context``, ``wb-sup-pick``,
``wb-sup-part-<part>``, ``wb-sup-questions``, ``wb-sup-role``, ``wb-sup-summary``,
``wb-sup-find``, ``wb-sup-status``, ``wb-error-supervision-choice``, ``wb-sup-review``,
``wb-sup-count``, ``wb-sup-accept-all``, ``wb-sup-findings``, ``wb-sup-finding`` and
``wb-sup-finding-<id>`` (one row), ``wb-sup-places``, ``wb-sup-reveal``, ``wb-sup-answer``,
``wb-sup-change-text``, ``wb-sup-html``, ``wb-sup-encrypt``, ``wb-sup-passphrase``,
``wb-sup-passphrase-again``, ``wb-sup-write``, ``wb-sup-write-status``, ``wb-sup-unsafe``,
``wb-error-supervision-write``, ``wb-sup-preview-button``, ``wb-sup-preview``, ``wb-log``.
"""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as w

from ..documents.markdown import pack_markdown_html
from ..errors import ValidationError, WorkbookError
from ..paths import shown
from ..supervision.choice import PART_LABELS, PARTS
from ._common import (
    NOTE_STYLE,
    OK_STYLE,
    View,
    context_options,
    css,
    error_label,
    esc,
    full_width,
    note,
    plural,
    section,
    set_error,
    short,
    show,
    tag_options,
)
from ._findings import FindingsReview, ReviewsFindings

PICK_LIMIT = 500  # entries offered in the hand-picked list, newest first
MIN_PASSPHRASE = 8
MODES = [
    ("Flagged for supervision", "flagged"),
    ("A date range", "dates"),
    ("With tags", "tags"),
    ("One context", "context"),
    ("Picked by hand", "pick"),
]
ROLE_OPTIONS = [("My supervisor", "supervisor"), ("A peer", "peer")]
#: what the leak check's kinds mean, and what to do about each
LEAK_HELP = {
    "register-name": (
        "a name in your people register",
        "answer Accept or Change for that name rather than Dismiss, then write again.",
    ),
    "identifier": (
        "a number, address or date that could identify someone",
        "answer Accept or Change for it, or take it out of the entry (notebook 04), then find again.",
    ),
    "unchosen-entry-text": (
        "words that are also in an entry you did not choose",
        "choose that entry too, or reword the passage in one of the two entries (notebook 04), then find again.",
    ),
    "journal-path": (
        "where your journal is kept, your home folder or your user name",
        "take the folder or user name out of the entry, or change it in your answers, then find again.",
    ),
    "notebook-output": ("something that is not plain text", "find again and write a fresh pack."),
    "script": (
        "something a web page could run or fetch",
        "change the words that look like web code in the entry (notebook 04), then find again.",
    ),
}
_SAFE_HINT_KINDS = frozenset({"unchosen-entry-text", "journal-path", "notebook-output", "script"})
PREVIEW_STYLE = (
    "border:1px solid #ccc;border-radius:4px;padding:0.5em 1em;max-height:40em;overflow:auto;background:#fff"
)


def preview_html(cells: list[str]) -> str:
    """The pack's Markdown cells as HTML for the form, rendered as the supervisor's view renders
    them (``documents.markdown.pack_markdown_html``): raw HTML escaped, links shown as text, only
    the pack's own chart images and entry line let through."""
    return "".join(
        f"<div class='wb-sup-preview-cell' style='margin-bottom:0.8em'>{pack_markdown_html(source)}</div>"
        for source in cells
    )


PACK_PARTS = {
    "agenda": "the opening and agenda",
    "questions": "your questions",
    "actions": "the open action points",
    "patterns": "the patterns summary and charts",
    "heading": "a heading",
    "feedback": "a feedback cell",
}


def _part_of(place: str, pack: Any) -> str:
    """Which part of the pack a leak finding's notebook cell is (an entry by its date and
    id, never its title); empty when the place is not a notebook cell."""
    from ..supervision.pack import notebook_of

    found = re.search(r"\.ipynb cell (\d+)", place)
    if found is None or pack is None:
        return ""
    cells = notebook_of(pack).cells
    index = int(found.group(1))
    if index >= len(cells):
        return ""
    meta = cells[index].metadata.get("workbook_pack", {})
    entry = next((e for e in pack.entries if e.entry_id == meta.get("entry_id")), None)
    if meta.get("part") == "entry" and entry is not None:
        day = entry.occurred_on
        return f"the entry of {day.day} {day:%B %Y}, entry {entry.entry_id[:8]}"
    return PACK_PARTS.get(meta.get("part"), "")


class PrepareSupervision(ReviewsFindings, View):
    """Choose entries for supervision, answer every identifier found, write the pack.

    Parameters
    ----------
    journal
        An open journal (``wb.open_journal()``); ``wb.prepare_supervision()`` gives the default one.
    folder
        Where packs are written (default: the private packs folder, ``paths.packs_dir()``).
    """

    def __init__(self, journal: Any, *, folder: Any = None) -> None:
        self.journal = journal
        self.folder = folder
        self.vocabulary = journal.vocabulary()
        self.draft: Any = None
        self.written: Any = None
        self.unsafe_findings: list[Any] = []
        self._loading = False
        self._pack: Any = None  # the pack last built, with the answers it was built from
        self._pack_key: Any = None
        self._pack_written = False

        # -- 1. choose --------------------------------------------------------------------
        self.mode = css(
            w.RadioButtons(options=MODES, value="flagged", description="Entries", layout=w.Layout(width="auto")),
            "wb-sup-mode",
        )
        flagged = len(journal.entry_ids(flagged=True))
        self.flagged_note = note(
            f"{plural(flagged, 'entry', 'entries')} in your journal {'is' if flagged == 1 else 'are'} flagged "
            "“bring to supervision” (you can flag an entry when you write or revise it).",
            "wb-sup-flagged-note",
        )
        self.since = css(w.DatePicker(description="From"), "wb-sup-since")
        self.until = css(w.DatePicker(description="To"), "wb-sup-until")
        self.dates_box = w.VBox(
            [w.HBox([self.since, self.until]), note("Every entry from the first date to the last.")]
        )
        self.tags = css(
            w.SelectMultiple(
                options=tag_options(self.vocabulary, contexts=False), rows=8, description="Tags", layout=full_width()
            ),
            "wb-sup-tags",
        )
        self.tags_box = w.VBox([self.tags, note("Entries carrying every tag you choose (Ctrl or ⌘ to choose more).")])
        self.context = css(
            w.Dropdown(options=context_options(self.vocabulary), value=None, description="Context"), "wb-sup-context"
        )
        self.pick = css(
            w.SelectMultiple(options=self._pick_options(), rows=10, description="Entries", layout=full_width()),
            "wb-sup-pick",
        )
        self.pick_box = w.VBox(
            [self.pick, note(f"Newest first (the latest {PICK_LIMIT} at most). Ctrl or ⌘ to choose more than one.")]
        )
        self.parts = {
            part: css(
                w.Checkbox(value=True, description=PART_LABELS[part], indent=False, layout=w.Layout(width="auto")),
                f"wb-sup-part-{part}",
            )
            for part in PARTS
        }
        self.questions = css(
            w.Textarea(
                placeholder="One question a line, for instance: How do I keep hope alive without promising too much?",
                rows=4,
                layout=full_width(),
            ),
            "wb-sup-questions",
        )
        self.role = css(
            w.ToggleButtons(
                options=ROLE_OPTIONS, value="supervisor", description="For", style={"button_width": "auto"}
            ),
            "wb-sup-role",
        )
        self.summary = css(
            w.Checkbox(
                value=True, description="Include a summary of my patterns over the period, with charts", indent=False
            ),
            "wb-sup-summary",
        )
        self.summary.layout.width = "auto"
        self.find_button = css(
            w.Button(
                description="Find what could identify someone", button_style="primary", layout=w.Layout(width="auto")
            ),
            "wb-sup-find",
        )
        self.status = css(w.HTML(""), "wb-sup-status")
        self.choice_error = error_label("supervision-choice")

        # -- 2. review --------------------------------------------------------------------
        self.review = FindingsReview(
            "sup", ready="you can preview and write the pack", pending="before the pack can be written"
        )
        self.count, self.accept_all_button = self.review.count, self.review.accept_all_button
        self.findings_box, self.review_box = self.review.findings_box, self.review.box
        self.accept_all_button.on_click(self._guard(self.accept_all))

        # -- 3. write ---------------------------------------------------------------------
        self.html_copy = css(
            w.Checkbox(value=True, description="Also write a web page copy (to read, not to write in)", indent=False),
            "wb-sup-html",
        )
        self.html_copy.layout.width = "auto"
        self.encrypt = css(
            w.Checkbox(value=False, description="Encrypt the files with a passphrase", indent=False), "wb-sup-encrypt"
        )
        self.encrypt.layout.width = "auto"
        self.passphrase = css(w.Password(description="Passphrase", placeholder="several words"), "wb-sup-passphrase")
        self.passphrase_again = css(w.Password(description="Again"), "wb-sup-passphrase-again")
        self.passphrase_box = w.VBox(
            [
                w.HBox([self.passphrase, self.passphrase_again]),
                note(
                    f"At least {MIN_PASSPHRASE} characters; a few unrelated words are easy to say and hard to guess. "
                    "Tell it to your supervisor another way (in person or by phone), never in the same email. "
                    "It is not kept anywhere: the form forgets it once the pack is written."
                ),
            ]
        )
        show(self.passphrase_box, False)
        self.write_button = css(
            w.Button(description="Write the pack", button_style="primary", disabled=True), "wb-sup-write"
        )
        self.preview_button = css(
            w.Button(description="Preview what the supervisor will see", disabled=True, layout=w.Layout(width="auto")),
            "wb-sup-preview-button",
        )
        self.write_status = css(w.HTML(""), "wb-sup-write-status")
        self.write_error = error_label("supervision-write")
        self.unsafe = css(w.HTML(""), "wb-sup-unsafe")
        self.preview = css(w.HTML(""), "wb-sup-preview")
        self.log = css(w.Output(), "wb-log")

        self.mode.observe(lambda _: self._mode_changed(), "value")
        choice_widgets = [
            self.mode, self.since, self.until, self.tags, self.context, self.pick, self.questions, self.role,
            self.summary, *self.parts.values(),
        ]  # fmt: skip
        for widget in choice_widgets:
            widget.observe(lambda _: self._choice_changed(), "value")
        self.encrypt.observe(lambda _: self._encrypt_changed(), "value")
        self.find_button.on_click(self._guard(self.find))
        self.write_button.on_click(self._guard(self.write))
        self.preview_button.on_click(self._guard(self.show_preview))

        parts_grid = w.GridBox(
            list(self.parts.values()), layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(20em, 1fr))")
        )
        self.widget = css(
            w.VBox(
                [
                    section("1. Choose what to share"),
                    self.mode,
                    self.flagged_note,
                    self.dates_box,
                    self.tags_box,
                    self.context,
                    self.pick_box,
                    w.HTML("<b>Which parts of each entry go</b>"),
                    parts_grid,
                    w.HTML("<b>Your questions for supervision</b>"),
                    self.questions,
                    self.role,
                    self.summary,
                    w.HBox([self.find_button]),
                    self.choice_error,
                    self.status,
                    section("2. Check what could identify someone"),
                    self.review_box,
                    section("3. Write the pack"),
                    self.html_copy,
                    self.encrypt,
                    self.passphrase_box,
                    w.HBox([self.write_button, self.preview_button]),
                    self.write_error,
                    self.write_status,
                    self.unsafe,
                    self.preview,
                    self.log,
                ]
            ),
            "wb-supervision",
        )
        self._mode_changed()
        self._say(self.status, "Choose the entries and parts, then press Find what could identify someone.", ok=False)

    # -- choosing -------------------------------------------------------------------------------
    def _pick_options(self) -> list[tuple[str, str]]:
        ids = self.journal.entry_ids()[-PICK_LIMIT:]
        entries = self.journal.load(list(reversed(ids)))
        return [(f"{e.occurred_on:%d %b %Y} · {short(e.title, 70)}", e.id) for e in entries]

    def _mode_changed(self) -> None:
        mode = self.mode.value
        show(self.flagged_note, mode == "flagged")
        show(self.dates_box, mode == "dates")
        show(self.tags_box, mode == "tags")
        show(self.context, mode == "context")
        show(self.pick_box, mode == "pick")

    def choice(self) -> dict[str, Any]:
        """The choice as ``wb.supervision_pack`` takes it (refused with ValidationError if it
        names no entries)."""
        mode = self.mode.value
        out: dict[str, Any] = {}
        if mode == "flagged":
            out["flagged"] = True
        elif mode == "dates":
            if not (self.since.value or self.until.value):
                raise ValidationError("since", "choose a first date, a last date or both.")
            out["since"], out["until"] = self.since.value, self.until.value
        elif mode == "tags":
            if not self.tags.value:
                raise ValidationError("tags", "choose at least one tag.")
            out["tags"] = list(self.tags.value)
        elif mode == "context":
            if not self.context.value:
                raise ValidationError("context", "choose a context.")
            out["context"] = self.context.value
        else:
            if not self.pick.value:
                raise ValidationError("entry_ids", "choose at least one entry in the list.")
            out["entry_ids"] = list(self.pick.value)
        parts = [p for p, box in self.parts.items() if box.value]
        if not parts:
            raise ValidationError("parts", "choose at least one part of each entry to share.")
        out["parts"] = parts
        out["questions"] = [line for line in self.questions.value.splitlines() if line.strip()]
        out["role"] = self.role.value
        return out

    def _choice_changed(self) -> None:
        if self._loading or self.draft is None:
            return
        self._clear_draft()
        self._say(self.status, "You changed your choice: press Find what could identify someone again.", ok=False)

    def _clear_draft(self) -> None:
        self.draft = None
        self.review.clear()
        self.preview.value = ""
        self._update_buttons()

    def find(self) -> Any:
        """Make the draft of the chosen entries and list its findings; None if the choice is refused."""
        set_error(self.choice_error, None)
        self._clear_draft()
        self.unsafe.value = ""
        self.unsafe_findings = []
        try:
            choice = self.choice()
            from ..supervision import supervision_pack

            draft = supervision_pack(self.journal, summary=self.summary.value, **choice)
        except WorkbookError as exc:
            reason = exc.reason if isinstance(exc, ValidationError) else str(exc)
            set_error(self.choice_error, reason[:1].upper() + reason[1:])
            self._say(self.status, "Nothing found yet: see the message above.", ok=False)
            return None
        self.draft = draft
        self.review.fill(self, draft.findings)
        n, m = len(draft.entries), len(draft.findings)
        found = (
            f"{plural(m, 'thing')} that could identify someone: answer each one below."
            if m
            else "nothing that looks like it identifies someone. Read the preview before you write all the same."
        )
        self._say(self.status, f"{plural(n, 'entry', 'entries')} chosen; found {found}")
        self._answers_changed()
        return draft

    # -- reviewing ------------------------------------------------------------------------------
    def _answers_updated(self) -> None:
        self.preview.value = ""
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.draft is not None and not self.draft.unanswered()
        self.write_button.disabled = not ready
        self.preview_button.disabled = not ready

    # -- writing --------------------------------------------------------------------------------
    def _encrypt_changed(self) -> None:
        show(self.passphrase_box, self.encrypt.value)
        if not self.encrypt.value:
            self._forget_passphrase()

    def _forget_passphrase(self) -> None:
        self.passphrase.value = ""
        self.passphrase_again.value = ""

    def write(self) -> Any:
        """Write the pack (``draft.write``); the WrittenPack, or None when refused."""
        set_error(self.write_error, None)
        self.unsafe.value = ""
        self.unsafe_findings = []
        try:
            return self._write()
        finally:
            self._forget_passphrase()

    def _write(self) -> Any:
        from ..supervision.share import UnsafePackError

        if self.draft is None:
            return self._refuse("Choose the entries and press Find what could identify someone first.")
        left = len(self.draft.unanswered())
        if left:
            return self._refuse(f"{plural(left, 'finding')} still need{'s' if left == 1 else ''} an answer.")
        passphrase = None
        if self.encrypt.value:
            passphrase = self.passphrase.value
            if len(passphrase) < MIN_PASSPHRASE:
                return self._refuse(f"Type a passphrase of at least {MIN_PASSPHRASE} characters, twice.")
            if passphrase != self.passphrase_again.value:
                return self._refuse("The two passphrases differ: type it twice the same.")
        try:
            pack = self._pack_now(fresh=self._pack_written)  # a pack written once is never written again
            options = dict(html=self.html_copy.value, passphrase=passphrase, charts=self.summary.value, pack=pack)
            written = self.draft.write(self.folder, **options)
        except UnsafePackError as exc:
            self.unsafe_findings = list(exc.findings)
            self.unsafe.value = self._unsafe_html(exc.findings, self._pack)
            return self._refuse(
                f"Not written: the final check found {plural(len(exc.findings), 'problem')}, listed below."
            )
        except WorkbookError as exc:
            reason = exc.reason if isinstance(exc, ValidationError) else str(exc)
            return self._refuse(f"Not written: {reason}")
        self.written = written
        self._pack_written = True
        files = "".join(f"<li><code>{esc(shown(p))}</code></li>" for p in written.paths)
        how = (
            "Encrypted: send the files to your supervisor and tell them the passphrase another way."
            if passphrase
            else "Send the notebook (.ipynb) to your supervisor by a secure route your organisation approves; "
            "they write their feedback in it and send it back."
        )
        self.write_status.value = (
            f"<div style='{OK_STYLE}' role='status'><b>Written ({plural(len(written.paths), 'file')}), "
            f"readable by you only:</b><ul>{files}</ul></div><span style='{NOTE_STYLE}'>{esc(how)}</span>"
        )
        return written

    def _refuse(self, message: str) -> None:
        set_error(self.write_error, message)
        self.write_status.value = ""
        return None

    @staticmethod
    def _unsafe_html(findings: list[Any], pack: Any) -> str:
        items = []
        for f in findings:
            what, fix = LEAK_HELP.get(f.kind, (f.kind, "find again and check your answers."))
            detail = f" ({f.hint})" if f.kind in _SAFE_HINT_KINDS else ""
            part = _part_of(f.place, pack)
            where = f" ({part})" if part else ""
            items.append(
                f"<li>At <code>{esc(f.place)}</code>{esc(where)}: {esc(what)}{esc(detail)}. To fix it, {esc(fix)}</li>"
            )
        return (
            "<div role='alert'><b>Nothing was written.</b> Before a pack is written it is checked once more, as "
            "the supervisor would receive it; this check found:<ul>" + "".join(items) + "</ul>"
            f"<span style='{NOTE_STYLE}'>The places name the file and its cell or line; the words found are not "
            "shown here.</span></div>"
        )

    def _on_fault(self) -> None:
        self._forget_passphrase()
        set_error(self.write_error, "Something went wrong (the details are below); your journal is unchanged.")

    # -- the pack -------------------------------------------------------------------------------
    def _pack_now(self, *, fresh: bool = False) -> Any:
        """The pack of the draft with its answers as they are now: the one built last if
        nothing changed since (so the preview shows what is written), else a new one."""
        from ..supervision.pack import build_pack

        decisions = tuple(sorted((k, d.action, d.text) for k, d in self.draft.decisions.items()))
        key = (id(self.draft), decisions, self.summary.value)
        if fresh or self._pack is None or self._pack_key != key:
            self._pack, self._pack_key, self._pack_written = build_pack(self.draft, charts=key[2]), key, False
        return self._pack

    # -- preview --------------------------------------------------------------------------------
    def show_preview(self) -> str:
        """Show the pack's cells as the supervisor will read them (de-identified); returns the HTML."""
        from ..supervision.pack import notebook_of

        if self.draft is None or self.draft.unanswered():
            set_error(self.write_error, "Answer every finding before the preview.")
            return ""
        pack = self._pack_now()
        cells = [c.source for c in notebook_of(pack).cells if c.cell_type == "markdown"]
        body = preview_html(cells)
        self.preview.value = (
            f"<p style='{NOTE_STYLE}'>What the supervisor will read (the notebook's cells; the web page copy holds "
            f"the same):</p><div style='{PREVIEW_STYLE}'>{body}</div>"
        )
        return body

    # -- status lines -----------------------------------------------------------------------------
    @staticmethod
    def _say(label: w.HTML, message: str, *, ok: bool = True) -> None:
        style = OK_STYLE if ok else NOTE_STYLE
        label.value = f"<span style='{style}' role='status'>{esc(message)}</span>"
