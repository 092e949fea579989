"""The review form: find past entries, open and edit one, see its history, trash and
restore it, follow up its action points (in the opened entry's form), and read its
feedback and record what was learned from talking it over with a peer.

Like every form it only calls the journal it is given; filtering a text search by tag,
date, context or outcome intersects ``journal.search`` with ``journal.entry_ids``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import ipywidgets as w

from ..errors import ConflictError, ValidationError, WorkbookError
from ..journal.versions import changes, changes_html
from ..models import (
    ENTRY_FIELDS,
    FEEDBACK_FUNCTION_LABELS,
    FEEDBACK_FUNCTIONS,
    OUTCOME_LABELS,
    OUTCOMES,
    Entry,
    Feedback,
    Revision,
)
from ._api import JournalAPI
from ._common import (
    ERROR_STYLE,
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
    set_error,
    short,
    show,
    tag_options,
)
from .entry import FIELD_LABELS, EntryForm

SEARCH_LIMIT = 500
_COMPARED = tuple(name for name in ENTRY_FIELDS if name != "id")


def changed_fields(before: Entry | None, after: Entry) -> list[str]:
    """Names of the fields that differ between two versions of an entry."""
    if before is None:
        return []
    old, new = before.fields(), after.fields()
    return [key for key in _COMPARED if old.get(key) != new.get(key)]


def _matches_text(entry: Entry, words: list[str]) -> bool:
    haystack = " ".join([entry.title, entry.narrative, *entry.responses.values()]).casefold()
    return all(word in haystack for word in words)


def _when(saved: dt.datetime) -> str:
    return saved.astimezone().strftime("%Y-%m-%d %H:%M") if saved.tzinfo else saved.strftime("%Y-%m-%d %H:%M")


def function_name(function: str) -> str:
    """A supervision function's short name, e.g. "Educational (Kadushin)"."""
    label = FEEDBACK_FUNCTION_LABELS.get(function)
    return label.split(":", 1)[0] if label else function


def function_definition(function: str) -> str:
    """A supervision function's one-line definition (its name left off)."""
    label = FEEDBACK_FUNCTION_LABELS.get(function, "")
    return label.split(":", 1)[1].strip() if ":" in label else label


_FEEDBACK_PARTS = {"text": "what you learned", "given_on": "the date", "function": "the supervision function"}


def feedback_list_html(feedback: Iterable[Feedback]) -> str:
    """The feedback an entry has, oldest first: who gave it, when, the supervision function it
    served if recorded, and its text (escaped, line breaks kept)."""
    items = []
    for item in feedback:
        about = [item.author_role.capitalize(), item.given_on.isoformat()]
        if item.function:
            about.append(function_name(item.function))
        items.append(
            "<li class='wb-feedback-item'>"
            f"<b>{esc(' · '.join(about))}</b>"
            f"<div style='white-space:pre-wrap'>{esc(item.text)}</div></li>"
        )
    if not items:
        return f"<span style='{NOTE_STYLE}'>No feedback or peer reflection recorded for this entry yet.</span>"
    return "<ul style='padding-left:1.2em;margin:0.2em 0'>" + "".join(items) + "</ul>"


class FeedbackPanel:
    """The opened entry's feedback, and a place to record a peer-reflection conversation
    (``journal.add_feedback(entry_id, "peer", ...)``). Its status line never repeats the text."""

    TITLE = "Feedback and peer reflection"

    def __init__(self, journal: JournalAPI, *, today: dt.date | None = None) -> None:
        self.journal = journal
        self.today = today
        self.entry_id: str | None = None
        self.on_saved: Any = None  # called with the entry after a save
        self.list_html = css(w.HTML(""), "wb-feedback-list")
        self.text = css(
            w.Textarea(
                placeholder="For example: what your peer noticed, what you would do differently, what you will try",
                rows=4,
                layout=full_width(),
            ),
            "wb-peer-text",
        )
        self.date = css(w.DatePicker(description="Talked on"), "wb-peer-date")
        self.function = css(
            w.Dropdown(
                options=[("not recorded", ""), *((function_name(f), f) for f in FEEDBACK_FUNCTIONS)],
                value="",
                description="Function",
                layout=w.Layout(width="auto"),
            ),
            "wb-peer-function",
        )
        self.definition = css(w.HTML(""), "wb-peer-function-definition")
        self.save_button = css(w.Button(description="Save peer reflection", button_style="primary"), "wb-peer-save")
        self.status = css(w.HTML(""), "wb-peer-status")
        self.function.observe(lambda _: self._show_definition(), "value")
        self._show_definition()
        form = w.VBox(
            [
                w.HTML("<b>Feedback so far</b>"),
                self.list_html,
                w.HTML("<b>What did you learn from discussing this with a peer?</b>"),
                note(
                    "Social Work England asks you to record what you learned from talking a piece of practice "
                    "over with a colleague. Write it in your own words; use pseudonyms, not real names.",
                ),
                self.text,
                self.date,
                self.function,
                self.definition,
                self.save_button,
                self.status,
            ]
        )
        self.widget = css(w.Accordion(children=[form], titles=(self.TITLE,), selected_index=None), "wb-feedback")

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    def _show_definition(self) -> None:
        chosen = self.function.value
        text = (
            function_definition(chosen)
            if chosen
            else "Optional: the supervision function this conversation served (Kadushin's or Morrison's)."
        )
        self.definition.value = f"<span style='{NOTE_STYLE}'>{esc(text)}</span>"

    def _say(self, message: str, *, error: bool = False) -> None:
        style = ERROR_STYLE if error else OK_STYLE
        role = "alert" if error else "status"
        self.status.value = f"<span style='{style}' role='{role}'>{esc(message)}</span>"

    def show(self, entry: Entry) -> None:
        """Follow ``entry``: list its feedback; for another entry, start the form afresh."""
        if entry.id != self.entry_id:
            self.entry_id = entry.id
            self.text.value = ""
            self.date.value = self._today()
            self.function.value = ""
            self.status.value = ""
        self.list_html.value = feedback_list_html(entry.feedback)

    def save(self) -> Entry | None:
        """Add what was typed as the entry's peer feedback; None (with the reason in the status
        line) if nothing was written or the journal refused it."""
        if self.entry_id is None:
            self._say("Open an entry first.", error=True)
            return None
        text = self.text.value
        if not text.strip():
            self._say(
                "Nothing saved: write what you learned from discussing this with a peer in the box above.",
                error=True,
            )
            return None
        if self.date.value is None:
            self._say("Nothing saved: give the date you talked it over with your peer.", error=True)
            return None
        try:
            entry = self.journal.add_feedback(
                self.entry_id, "peer", text, self.date.value, function=self.function.value or None
            )
        except ValidationError as exc:
            part = _FEEDBACK_PARTS.get(exc.parts.rest or "")
            self._say(f"Not saved: {part} {exc.reason}" if part else f"Not saved: {exc}", error=True)
            return None
        except WorkbookError as exc:
            self._say(f"Not saved: {exc}", error=True)
            return None
        self.text.value = ""
        self.list_html.value = feedback_list_html(entry.feedback)
        self._say("Peer reflection saved.")
        if self.on_saved is not None:
            self.on_saved(entry)
        return entry


class ReviewForm(View):
    """Find, open, edit, trash and restore entries of a journal.

    Parameters
    ----------
    journal
        Anything with the journal's methods (``wb.open_journal()`` gives one).
    limit
        How many results to list (newest first).
    autosave, draft_interval
        Passed to the :class:`EntryForm` that opens an entry.
    today
        The date a peer reflection is given by default (today if not given).
    """

    def __init__(
        self,
        journal: JournalAPI,
        *,
        limit: int = 100,
        autosave: bool = True,
        draft_interval: float = 1.0,
        today: dt.date | None = None,
    ) -> None:
        self.journal = journal
        self.vocabulary = journal.vocabulary()
        self.limit = limit
        self.autosave = autosave
        self.draft_interval = draft_interval
        self.editor: EntryForm | None = None
        self.errors: dict[str, str] = {}
        self.history_rows: list[dict[str, Any]] = []
        self._busy = False

        self.search = css(
            w.Text(
                placeholder="Words in the title or text",
                description="Find",
                continuous_update=False,
                layout=w.Layout(width="60%"),
            ),
            "wb-review-search",
        )
        self.tag = css(
            w.Dropdown(options=[("(any tag)", ""), *tag_options(self.vocabulary)], value="", description="Tag"),
            "wb-review-tag",
        )
        self.since = css(w.DatePicker(description="From"), "wb-review-since")
        self.until = css(w.DatePicker(description="To"), "wb-review-until")
        self.context = css(
            w.Dropdown(
                options=[("(any context)", ""), *context_options(self.vocabulary)], value="", description="Context"
            ),
            "wb-review-context",
        )
        self.outcome = css(
            w.Dropdown(
                options=[("(any outcome)", ""), *((OUTCOME_LABELS[o], o) for o in OUTCOMES)],
                value="",
                description="Outcome",
            ),
            "wb-review-outcome",
        )
        self.view = css(
            w.ToggleButtons(options=[("Journal", "entries"), ("Trash", "trash")], value="entries"), "wb-review-view"
        )
        self.find_button = css(w.Button(description="Find", button_style="primary"), "wb-review-find")
        self.clear_button = css(w.Button(description="Clear filters"), "wb-review-clear")
        self.results = css(w.Select(options=[], rows=8, layout=full_width()), "wb-review-results")
        self.count = css(w.HTML(""), "wb-review-count")
        self.open_button = css(w.Button(description="Open"), "wb-review-open")
        self.history_button = css(w.Button(description="History"), "wb-review-history")
        self.trash_button = css(w.Button(description="Move to trash"), "wb-review-trash")
        self.restore_button = css(w.Button(description="Restore"), "wb-review-restore")
        self.history_html = css(w.HTML(""), "wb-review-history-table")
        self.version = css(
            w.Dropdown(options=[], description="Version", layout=w.Layout(width="60%")), "wb-review-version"
        )
        self.compare = css(
            w.ToggleButtons(
                options=[("Beside the current version", "current"), ("What it changed", "previous")],
                value="current",
                style={"button_width": "auto"},
            ),
            "wb-review-compare",
        )
        self.version_restore_button = css(
            w.Button(
                description="Restore this version",
                tooltip="Saved as a new revision: nothing is lost",
                layout=w.Layout(width="auto"),
            ),
            "wb-review-restore-version",
        )
        self.version_html = css(w.HTML(""), "wb-review-version-diff")
        self.version_box = css(
            w.VBox([w.HBox([self.version, self.version_restore_button]), self.compare, self.version_html]),
            "wb-review-versions",
        )
        show(self.version_box, False)
        self._history: list[Revision] = []
        self._history_id: str | None = None
        self.status = css(w.HTML(""), "wb-review-status")
        self.error = error_label("review")
        self.log = css(w.Output(), "wb-log")
        self.editor_box = css(w.VBox([]), "wb-review-editor")
        self.feedback = FeedbackPanel(journal, today=today)
        self.feedback.on_saved = self._feedback_saved

        for widget in (self.search, self.tag, self.since, self.until, self.context, self.outcome, self.view):
            widget.observe(lambda _: self._refind(), "value")
        self.results.observe(lambda _: self._update_buttons(), "value")
        self.find_button.on_click(self._guard(self.find))
        self.clear_button.on_click(self._guard(self.clear_filters))
        self.open_button.on_click(self._guard(self.open))
        self.history_button.on_click(self._guard(self.show_history))
        self.trash_button.on_click(self._guard(self.move_to_trash))
        self.restore_button.on_click(self._guard(self.restore))
        self.version.observe(lambda _: self._show_version(), "value")
        self.compare.observe(lambda _: self._show_version(), "value")
        self.version_restore_button.on_click(self._guard(lambda: self.restore_version()))
        self.feedback.save_button.on_click(self._guard(self.feedback.save))

        self.widget = css(
            w.VBox(
                [
                    self.view,
                    w.HBox([self.search, self.find_button, self.clear_button]),
                    w.HBox([self.tag, self.context, self.outcome]),
                    w.HBox([self.since, self.until]),
                    self.error,
                    self.count,
                    self.results,
                    w.HBox([self.open_button, self.history_button, self.trash_button, self.restore_button]),
                    self.status,
                    self.history_html,
                    self.version_box,
                    self.editor_box,
                    self.log,
                ]
            ),
            "wb-review",
        )
        self.find()

    # -- finding ------------------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        """The filters as ``journal.entry_ids`` takes them (empty ones left out)."""
        out: dict[str, Any] = {}
        if self.since.value:
            out["since"] = self.since.value
        if self.until.value:
            out["until"] = self.until.value
        if self.tag.value:
            out["tags"] = [self.tag.value]
        if self.context.value:
            out["context"] = self.context.value
        if self.outcome.value:
            out["outcome"] = self.outcome.value
        return out

    def _refind(self) -> None:
        if not self._busy:
            self.find()

    def clear_filters(self) -> None:
        self._busy = True
        try:
            self.search.value = ""
            self.tag.value = self.context.value = self.outcome.value = ""
            self.since.value = self.until.value = None
        finally:
            self._busy = False
        self.find()

    def find(self) -> list[Entry]:
        """List the entries matching the search box and filters, newest first."""
        set_error(self.error, None)
        self.errors.pop("review", None)
        filters = self.filters()
        trash = self.view.value == "trash"
        text = self.search.value.strip()
        try:
            if text and not trash:
                allowed = set(self.journal.entry_ids(**filters)) if filters else None
                found = [e for e in self.journal.search(text, limit=SEARCH_LIMIT) if allowed is None or e.id in allowed]
                total = len(found)
                entries = found[: self.limit]
            else:
                ids = self.journal.entry_ids(in_trash=trash, **filters)
                entries = []
                words = text.casefold().split()
                for entry_id in reversed(ids):
                    entry = self.journal.get(entry_id)
                    if not words or _matches_text(entry, words):
                        entries.append(entry)
                    if len(entries) >= self.limit and not words:
                        break
                total = len(ids) if not words else len(entries)
                entries = entries[: self.limit]
        except ValidationError as exc:
            self._error(exc.field, exc.reason)
            entries, total = [], 0
        previous = self.results.value
        self._busy = True
        try:
            self.results.options = [(self._label(e), e.id) for e in entries]
            ids = [e.id for e in entries]
            self.results.value = previous if previous in ids else (ids[0] if ids else None)
        finally:
            self._busy = False
        self.count.value = f"<span style='{NOTE_STYLE}'>{esc(self._count_line(total, len(entries), trash))}</span>"
        self._update_buttons()
        return entries

    def _count_line(self, matching: int, shown: int, trash: bool) -> str:
        """ "3 entries in your journal", or with a search or filter "1 of 3 entries match";
        then how many are listed, newest first (by the conversation's date, as ``search``)."""
        where = "in the trash" if trash else "in your journal"
        searched = bool(self.search.value.strip()) or bool(self.filters())
        if searched:
            everything = len(self.journal.entry_ids(in_trash=trash))
            verb = "matches" if matching == 1 and everything == 1 else "match"
            line = f"{matching} of {plural(everything, 'entry', 'entries')} {verb}" + (
                " (in the trash)" if trash else ""
            )
        else:
            line = f"{plural(matching, 'entry', 'entries')} {where}"
        if shown:
            line += f"; showing {shown}, newest first" if shown < matching else "; newest first"
        return line + "."

    def _label(self, entry: Entry) -> str:
        context = self.vocabulary.find(entry.context) if entry.context else None
        context_label = context.label if context else "no context"
        outcome = f" · {OUTCOME_LABELS.get(entry.outcome, entry.outcome).lower()}" if entry.outcome else ""
        return f"{entry.occurred_on.isoformat()} · {context_label}{outcome} · {short(entry.title, 60)}"

    def result_ids(self) -> list[str]:
        return [value for _, value in self.results.options]

    def _update_buttons(self) -> None:
        none = self.results.value is None
        trash = self.view.value == "trash"
        self.open_button.disabled = none
        self.history_button.disabled = none
        self.trash_button.disabled = none or trash
        self.restore_button.disabled = none or not trash
        show(self.trash_button, not trash)
        show(self.restore_button, trash)

    def _selected(self, entry_id: str | None) -> str | None:
        chosen = entry_id or self.results.value
        if chosen is None:
            self._error("review", "Choose an entry in the list first.")
        return chosen

    def _error(self, field: str, message: str) -> None:
        self.errors[field] = message
        set_error(self.error, message)

    def _say(self, message: str) -> None:
        self.status.value = f"<span style='{OK_STYLE}' role='status'>{esc(message)}</span>"

    # -- one entry ------------------------------------------------------------------------
    def open(self, entry_id: str | None = None) -> EntryForm | None:
        """Show an entry in an EntryForm (edit mode) below the list."""
        chosen = self._selected(entry_id)
        if chosen is None:
            return None
        self._close_editor()
        try:
            self.editor = EntryForm(
                self.journal,
                entry=chosen,
                on_saved=self._saved,
                on_reopened=self._set_header,
                autosave=self.autosave,
                draft_interval=self.draft_interval,
            )
        except WorkbookError as exc:
            self._error("review", str(exc))
            return None
        entry = self.editor.entry
        assert entry is not None
        self.editor_header = w.HTML()
        self._set_header(entry)
        self.editor_box.children = (self.editor_header, self.feedback.widget, self.editor.widget)
        self._clear_history()
        return self.editor

    def _set_header(self, entry: Entry) -> None:
        header = f"Editing ‘{short(entry.title, 80)}’ (revision {entry.revision})"
        if entry.in_trash:
            header += " — this entry is in the trash"
        self.editor_header.value = f"<h4>{esc(header)}</h4>"
        self.feedback.show(entry)

    def _feedback_saved(self, entry: Entry) -> None:
        """Feedback is saved as a new revision of the entry: the opened form takes it on if it
        had the revision just before (so its Save is not refused as a change made elsewhere)."""
        if self._history_id == entry.id:
            self.show_history(entry.id)
        editor = self.editor
        if editor is None or editor.entry is None or editor.entry.id != entry.id:
            return
        if entry.revision == editor.entry.revision + 1:
            editor.adopt(entry)  # only the feedback differs, and the form leaves feedback untouched
            self._set_header(entry)
        else:
            self.feedback._say("Peer reflection saved. This entry was also changed elsewhere since you opened it.")

    def _close_editor(self) -> None:
        if self.editor is not None:
            self.editor.close()
        self.editor = None
        self.editor_box.children = ()

    def _saved(self, entry: Entry) -> None:
        if self.editor is not None:
            self._set_header(entry)
        self.find()
        self._say(f"Saved ‘{short(entry.title, 60)}’: revision {entry.revision}.")

    def show_history(self, entry_id: str | None = None) -> list[dict[str, Any]]:
        """List an entry's revisions (number, when saved, which fields changed, and which
        earlier revision a restore brought back), then show one: what it changed, field by
        field, its earlier text beside its own, or beside the current version."""
        chosen = self._selected(entry_id)
        if chosen is None:
            return []
        try:
            revisions: list[Revision] = self.journal.history(chosen)
            restored = self.journal.restored_from(chosen)
        except WorkbookError as exc:
            self._error("review", str(exc))
            return []
        rows, previous = [], None
        for rev in revisions:
            changed = changed_fields(previous, rev.entry)
            rows.append(
                {
                    "revision": rev.revision,
                    "saved_at": rev.saved_at,
                    "changed": changed,
                    "restores": restored.get(rev.revision),
                }
            )
            previous = rev.entry
        self.history_rows = rows
        self._history, self._history_id = revisions, revisions[-1].entry.id if revisions else None
        self.history_html.value = self._history_table(rows, revisions[-1].entry if revisions else None)
        self._busy = True
        try:
            self.version.options = [
                (
                    f"Revision {r['revision']}{' (current)' if r is rows[-1] else ''} · {_when(r['saved_at'])}",
                    r["revision"],
                )
                for r in reversed(rows)
            ]
            self.version.value = rows[-2]["revision"] if len(rows) > 1 else rows[-1]["revision"]
        finally:
            self._busy = False
        show(self.version_box, bool(rows))
        self._show_version()
        return rows

    def _show_version(self) -> None:
        """Show the chosen version against the one before it, or against the current one."""
        if self._busy or not self._history or self.version.value is None:
            return
        number = self.version.value
        index = next(i for i, r in enumerate(self._history) if r.revision == number)
        chosen, current = self._history[index].entry, self._history[-1].entry
        vocabulary, templates = self.vocabulary, self.journal.templates()
        is_current = index == len(self._history) - 1
        self.version_restore_button.disabled = is_current
        if self.compare.value == "current" and not is_current:
            rows = changes(chosen, current, vocabulary, templates)
            header = f"Revision {number} beside the current version (revision {current.revision})"
            table = changes_html(rows, f"Revision {number}", f"Current (revision {current.revision})")
        else:
            before = self._history[index - 1].entry if index else None
            rows = changes(before, chosen, vocabulary, templates)
            header = f"What revision {number} changed" if index else "Revision 1, the first version"
            table = changes_html(rows, f"Revision {number - 1}" if index else "Before", f"Revision {number}")
        self.version_html.value = f"<b>{esc(header)}</b>{table}"

    def restore_version(self, revision: int | None = None, entry_id: str | None = None) -> Entry | None:
        """Make an earlier version current again, as a new revision (nothing is lost).

        Refused, with the reason shown, if the entry was saved elsewhere since its history was
        shown (the history is shown again) or if the version is the current one."""
        entry_id = entry_id or self._history_id
        number = revision if revision is not None else self.version.value
        if entry_id is None or number is None:
            self._error("review", "Show an entry's history and choose a version first.")
            return None
        seen = self._history[-1].revision if self._history and self._history_id == entry_id else None
        try:
            entry = self.journal.restore_revision(entry_id, number, expected_revision=seen)
        except ConflictError as exc:
            self._error("review", str(exc))
            self.show_history(entry_id)
            return None
        except WorkbookError as exc:
            self._error("review", str(exc))
            return None
        set_error(self.error, None)
        self.errors.pop("review", None)
        if self.editor is not None and self.editor.entry is not None and self.editor.entry.id == entry.id:
            self.open(entry.id)
        self.find()
        self.show_history(entry.id)
        self._say(f"Restored revision {number} of ‘{short(entry.title, 60)}’ as revision {entry.revision}.")
        return entry

    @staticmethod
    def _history_table(rows: Iterable[dict[str, Any]], current: Entry | None) -> str:
        body = []
        for row in rows:
            if row["changed"]:
                what = ", ".join(FIELD_LABELS.get(f, f) for f in row["changed"])
            else:
                what = "first version" if row["revision"] == 1 else "no field changed"
            if row.get("restores"):
                what = f"restores revision {row['restores']}: {what}"
            body.append(
                f"<tr><td>{row['revision']}</td><td>{esc(_when(row['saved_at']))}</td><td>{esc(what)}</td></tr>"
            )
        title = f"History of ‘{esc(short(current.title, 60))}’" if current else "History"
        return (
            f"<b>{title}</b><table><tr><th>Revision</th><th>Saved</th><th>What changed</th></tr>"
            + "".join(body)
            + "</table>"
        )

    def _clear_history(self) -> None:
        self.history_html.value = self.version_html.value = ""
        self._history, self._history_id = [], None
        show(self.version_box, False)

    def move_to_trash(self, entry_id: str | None = None) -> bool:
        """Move an entry to the trash (it can be restored from the Trash view)."""
        chosen = self._selected(entry_id)
        if chosen is None:
            return False
        try:
            entry = self.journal.get(chosen)
            self.journal.delete(chosen)
        except WorkbookError as exc:
            self._error("review", str(exc))
            return False
        if self.editor is not None and self.editor.entry is not None and self.editor.entry.id == entry.id:
            self._close_editor()
        self._clear_history()
        self.find()
        self._say(f"Moved ‘{short(entry.title, 60)}’ to the trash. Choose Trash above to restore it.")
        return True

    def restore(self, entry_id: str | None = None) -> Entry | None:
        """Bring an entry back from the trash."""
        chosen = self._selected(entry_id)
        if chosen is None:
            return None
        try:
            entry = self.journal.restore(chosen)
        except WorkbookError as exc:
            self._error("review", str(exc))
            return None
        self.find()
        self._say(f"Restored ‘{short(entry.title, 60)}’ to your journal.")
        return entry

    # -- the opened entry ---------------------------------------------------------------
    def value(self) -> dict[str, Any]:
        """The opened entry's fields as edited (empty when none is open)."""
        return self.editor.value() if self.editor is not None else {}

    def submit(self) -> Entry | None:
        """Save the opened entry (``journal.update``); None if none is open or it was refused."""
        return self.editor.submit() if self.editor is not None else None
