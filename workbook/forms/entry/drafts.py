"""Drafts for the entry form: kept in the journal as the user types, offered again later.

A draft is written at most once every ``draft_interval`` seconds while typing (the first
change at once, the last one at most ``draft_interval`` seconds later, by a timer), so a
kernel restart or a closed tab loses nothing. A form that finds a draft under its key
offers it (Restore / Discard) and writes no new draft until the user has chosen.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ...errors import WorkbookError
from .._common import NOTE_STYLE, esc, jsonable, set_error, short, show

if TYPE_CHECKING:
    from ...models import Entry
    from .._api import JournalAPI
    from .stages import StageEditor
    from .tags import TagPicker

DRAFT_VERSION = 1


class DraftMixin:
    """The draft half of :class:`~workbook.forms.EntryForm` (it provides the attributes below)."""

    journal: JournalAPI
    draft_key: str
    autosave: bool
    draft_interval: float
    picker: TagPicker
    stages: StageEditor
    draft_bar: w.VBox
    draft_message: w.HTML
    draft_status: w.HTML
    widget: w.VBox
    _entry: Entry | None
    _labels: dict[str, w.HTML]
    _loading: bool
    _baseline: Any

    def _init_drafts(self) -> None:
        self._draft_lock = threading.RLock()
        self._timer: threading.Timer | None = None
        self._last_draft = float("-inf")
        self._dirty = False
        self._draft_saved = False
        self._offered: dict[str, Any] | None = None

    def value(self) -> dict[str, Any]:
        raise NotImplementedError

    def _set_fields(self, fields: Mapping[str, Any], tag_state: list[Any] | None = None) -> list[str]:
        raise NotImplementedError

    def _set_status(self, message: str, *, error: bool = False) -> None:
        raise NotImplementedError

    def _input(self, _: Any = None) -> None:
        self._changed()

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        if not self.autosave or self._offered is not None:
            return
        wait = self._last_draft + self.draft_interval - time.monotonic()
        if wait <= 0:
            self.save_draft_now()
        elif self._timer is None:
            self._timer = threading.Timer(wait, self._timer_fired)
            self._timer.daemon = True
            self._timer.start()

    def _timer_fired(self) -> None:
        with self._draft_lock:
            self._timer = None
            if self._dirty:
                self.save_draft_now()

    def _cancel_timer(self) -> None:
        timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()

    def _draft_state(self) -> dict[str, Any]:
        fields = jsonable(self.value())
        return {
            "version": DRAFT_VERSION,
            "saved_at": dt.datetime.now(dt.timezone.utc).isoformat(),
            "entry_id": self._entry.id if self._entry else None,
            "revision": self._entry.revision if self._entry else None,
            "fields": fields,
            "tags": self.picker.draft_uses(),
            # answers to another model's stages (the current ones are in fields.responses)
            "stage_text": self.stages.elsewhere(),
        }

    def save_draft_now(self) -> bool:
        """Keep what is in the form as the draft now; False if nothing was kept.

        Nothing is written while an earlier draft is being offered (restore or discard it
        first), and an untouched form removes its draft instead of keeping an empty one.
        """
        if self._offered is not None:
            return False
        with self._draft_lock:
            self._last_draft = time.monotonic()
            self._dirty = False
            try:
                if jsonable(self.value()) == self._baseline:
                    if self._draft_saved:
                        self.journal.discard_draft(self.draft_key)
                        self._draft_saved = False
                    return False
                self.journal.save_draft(self.draft_key, self._draft_state())
            except WorkbookError as exc:
                self.draft_status.value = f"<span style='color:#b00020'>Draft not kept: {esc(exc)}</span>"
                return False
            self._draft_saved = True
            self.draft_status.value = f"<span style='{NOTE_STYLE}'>Draft kept at {dt.datetime.now():%H:%M:%S}.</span>"
            return True

    def _offer_draft(self) -> None:
        try:
            draft = self.journal.draft(self.draft_key)
        except WorkbookError:
            draft = None
        if not isinstance(draft, dict) or not isinstance(draft.get("fields"), dict):
            return
        self._offered = draft
        try:
            when = dt.datetime.fromisoformat(draft["saved_at"]).astimezone().strftime("%d %b %Y, %H:%M")
        except (KeyError, TypeError, ValueError):
            when = "an earlier session"
        title = draft["fields"].get("title") or "untitled"
        older = ""
        if self._entry is not None and draft.get("revision") not in (None, self._entry.revision):
            older = (
                f" It was made from revision {draft['revision']}; the entry is now at revision {self._entry.revision}."
            )
        self.draft_message.value = (
            f"<b>Unsaved draft from {esc(when)}</b> — ‘{esc(short(str(title), 60))}’.{esc(older)} "
            "Restore it, or discard it. Until you choose, what you type here is not kept as a draft."
        )
        show(self.draft_bar, True)

    @property
    def draft_offered(self) -> bool:
        """True while an earlier draft is offered (Restore / Discard)."""
        return self._offered is not None

    def restore_draft(self) -> bool:
        """Put the offered draft back into the form; False if there was none or it is unreadable."""
        draft = self._offered
        if draft is None:
            return False
        try:
            self.stages.text = {k: v for k, v in (draft.get("stage_text") or {}).items() if isinstance(v, str)}
            problems = self._set_fields(draft["fields"], draft.get("tags"))
        except (KeyError, TypeError, ValueError) as exc:
            set_error(self._labels["general"], f"This draft could not be restored ({exc}); it is still kept.")
            return False
        self._offered = None
        show(self.draft_bar, False)
        note_text = f" Not restored: {'; '.join(problems)}." if problems else ""
        self._set_status("Draft restored." + note_text)
        self._dirty = True
        return True

    def discard_draft(self) -> None:
        """Throw the draft away (the form is left as it is)."""
        self._cancel_timer()
        self.journal.discard_draft(self.draft_key)
        self._offered, self._draft_saved = None, False
        show(self.draft_bar, False)
        self.draft_status.value = ""

    def close(self) -> None:
        """Keep any pending change as the draft and stop the draft timer."""
        self._cancel_timer()
        if self._dirty and self.autosave:
            self.save_draft_now()
        self.widget.close()
