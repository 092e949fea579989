"""CPD and revalidation records: the year's status, a new record from chosen entries, and my records.

A form over ``workbook.cpd`` (notebook 10), on one page in four parts:

1. **Where you are**: the Social Work England registration year (1 December to 30 November):
   how many CPD records, how many with peer reflection, whether the minimum is met and the days
   left; and, once the practitioner gives their NMC revalidation date (kept in the journal's
   settings as ``nmc_revalidation_due``), the written reflective accounts made in the three
   years before it and whether a reflective discussion is recorded. Counts and dates only.
2. **A new record**: its kind, the entries it comes from, the kind's fields with a line of
   guidance each; **Check for identifiers** makes the draft (``cpd.draft_record``) and lists
   each finding in the rows of the supervision form (accept, change or dismiss, shown as the
   suggestion unless asked); **Save record** is enabled once every finding is answered.
3. **My records**: the records kept, each written as Markdown, a web page or Word
   (``cpd.export_record``, 0600, leak-checked), or deleted after a confirmation.
4. **Evidence for the PCF domains (social work)**: for the dates chosen (default: the
   registration year of part 1), each of the nine domains of the BASW Professional
   Capabilities Framework in the framework's order, with its description, how many entries
   and action points were given it and a list of them (date and entry title), and the domains
   with none yet (``reports.pcf.pcf_evidence``). Evidence for the practitioner's own
   portfolio, never a score.

Status lines, messages and the repr carry counts, kinds, dates and paths only: never a word
the practitioner typed.

CSS classes: ``wb-cpd`` (the whole form), ``wb-cpd-swe-status``, ``wb-cpd-nmc-due``,
``wb-cpd-nmc-status``, ``wb-cpd-kind``, ``wb-cpd-entries``, ``wb-cpd-fields-<kind>``,
``wb-cpd-field-<name>`` (each field's widget; ``wb-cpd-field-<name>-<id>`` for a checkbox),
``wb-cpd-discussion-note``, ``wb-cpd-check``, ``wb-cpd-status``, ``wb-error-cpd-record``,
``wb-cpd-review``, ``wb-cpd-count``, ``wb-cpd-accept-all``, ``wb-cpd-findings`` (rows as in the
supervision form: ``wb-sup-finding``, ``wb-sup-answer`` …), ``wb-cpd-save``,
``wb-cpd-save-status``, ``wb-cpd-records``, ``wb-cpd-format``, ``wb-cpd-write``,
``wb-cpd-write-status``, ``wb-error-cpd-write``, ``wb-cpd-delete``, ``wb-cpd-confirm``,
``wb-cpd-delete-yes``, ``wb-cpd-delete-no``, ``wb-cpd-pcf-since``, ``wb-cpd-pcf-until``,
``wb-cpd-pcf-show``, ``wb-cpd-pcf-status``, ``wb-error-cpd-pcf``, ``wb-cpd-pcf-domain`` and
``wb-cpd-pcf-<domain>`` (each domain's part), ``wb-cpd-pcf-missing``, ``wb-log``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from ..content import PCF_DESCRIPTIONS, PCF_DOMAINS
from ..cpd.record import FORMS, KIND_TITLES, cpd_year_status, draft_record, nmc_cycle_status
from ..errors import ValidationError, WorkbookError
from ..paths import shown
from ..validate import check_date
from ._common import NOTE_STYLE, OK_STYLE, View, css, error_label, esc, full_width, note, plural, section, set_error
from ._findings import FindingsReview, ReviewsFindings
from .supervision import LEAK_HELP

NMC_DUE_SETTING = "nmc_revalidation_due"
PICK_LIMIT = 500
KINDS = [(title, kind) for kind, title in KIND_TITLES.items()]
FORMAT_OPTIONS = [("Markdown", "md"), ("Web page", "html"), ("Word", "docx")]
PEER_ROLES = [
    "A social work colleague",
    "My supervisor",
    "My practice educator",
    "My team manager",
    "A colleague from another profession",
    "A reflective practice group",
]
#: one line of guidance under each field, in our own words
GUIDANCE = {
    ("swe", "cpd_type"): "The kind of learning: a course, reading, supervision, shadowing, a reflective conversation…",
    ("swe", "description_relevance"): "A few sentences on what it was and why it matters to your practice now.",
    ("swe", "occurred_on"): "When the learning took place (today or earlier).",
    ("swe", "learned"): "The knowledge, skill or insight you took from it, in your own words.",
    ("swe", "impact_practice"): "What you now do differently, or with more confidence, because of it.",
    (
        "swe",
        "impact_people",
    ): "The difference it makes to the people you work with: describe them by role, never by name.",
    ("swe", "peer_reflection"): "If you talked it over with a colleague, what that conversation taught you. "
    "At least one record a year needs this.",
    ("swe", "peer_role"): "The colleague's role only, such as “a social work colleague”: never their name.",
    ("swe", "standards"): "Tick the parts of professional standard 4 this learning relates to.",
    ("nmc-account", "nature"): "What it was: a course, some feedback on your practice, or an event or experience "
    "at work. Describe people by role.",
    ("nmc-account", "learned"): "What you learned from it.",
    ("nmc-account", "changed"): "What you now do differently or better as a result.",
    ("nmc-account", "code_relevance"): "How it connects with the Code, and with which parts.",
    ("nmc-account", "code_themes"): "Tick the themes of the Code it relates to (at least one).",
    ("nmc-discussion", "account_ids"): "The written reflective accounts you talked through (at least one).",
    ("nmc-discussion", "discussed"): "What the two of you talked about in your accounts.",
    ("nmc-discussion", "learned"): "What you took away from the discussion.",
}
PCF_TITLE = "Evidence for the PCF domains (social work)"
PCF_HELP = (
    "Which of your entries, and which of their action points, you have given each domain of the Professional "
    "Capabilities Framework (BASW 2018). It is evidence for your own portfolio, to read through and choose from "
    "when you write about a domain: never a score of how well you meet it. You give an entry its domains in the "
    "entry form (notebook 01), under PCF domains (social work), or on the command line with "
    "workbook edit ID --pcf DOMAIN."
)
DISCUSSION_NOTE = (
    "The other registrant's name, NMC PIN, email and address are never kept in the journal, and you should not "
    "type them here. When you write the record out, it leaves labelled blanks for them, and for the signatures, "
    "to fill in by hand."
)


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _days(n: int) -> str:
    return plural(n, "day")


class _Checks:
    """A field of ids shown as one checkbox each; ``value`` is the list ticked."""

    def __init__(self, name: str, allowed: Any) -> None:
        self.boxes = {
            key: css(
                w.Checkbox(value=False, description=f"{label}", indent=False, layout=w.Layout(width="auto")),
                f"wb-cpd-field-{name}-{key.replace('.', '-')}",
            )
            for key, label in allowed.items()
        }
        self.widget = css(w.VBox(list(self.boxes.values())), f"wb-cpd-field-{name}")

    @property
    def value(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.value]

    def clear(self) -> None:
        for box in self.boxes.values():
            box.value = False

    def observe(self, handler: Any) -> None:
        for box in self.boxes.values():
            box.observe(handler, "value")


class CPDRecords(ReviewsFindings, View):
    """The year's status, a new CPD or revalidation record from chosen entries, and the records kept.

    Parameters
    ----------
    journal
        An open journal (``wb.open_journal()``); ``wb.cpd_records()`` gives the default one.
    folder
        Where records are written out (default: the private CPD folder, ``cpd.cpd_dir()``).
    today
        The day the status counts to, and records are made on (default: today).
    """

    def __init__(self, journal: Any, *, folder: Any = None, today: dt.date | None = None) -> None:
        self.journal = journal
        self.folder = folder
        self.today = today
        self.draft: Any = None
        self.saved: Any = None
        self.written: Any = None
        self._loading = False
        self.log = css(w.Output(), "wb-log")

        # -- 1. status ------------------------------------------------------------------------
        self.swe_status = css(w.HTML(""), "wb-cpd-swe-status")
        self.nmc_due = css(w.DatePicker(description="NMC revalidation due"), "wb-cpd-nmc-due")
        self.nmc_due.style.description_width = "initial"
        self.nmc_status = css(w.HTML(""), "wb-cpd-nmc-status")
        self.nmc_error = error_label("nmc-due")
        self._loading = True
        self.nmc_due.value = self._stored_due()
        self._loading = False
        self.nmc_due.observe(lambda _: self._due_changed(), "value")

        # -- 2. a new record --------------------------------------------------------------------
        self.kind = css(
            w.RadioButtons(options=KINDS, value="swe", description="Kind", layout=w.Layout(width="auto")),
            "wb-cpd-kind",
        )
        self.entries = css(
            w.SelectMultiple(options=self._entry_options(), rows=8, description="Entries", layout=full_width()),
            "wb-cpd-entries",
        )
        self.fields: dict[str, dict[str, Any]] = {}
        self.field_boxes: dict[str, w.VBox] = {}
        for kind, rules in FORMS.items():
            widgets: dict[str, Any] = {}
            rows: list[Any] = []
            for rule in rules:
                widget, shown_widget = self._field_widget(kind, rule)
                widgets[rule.name] = widget
                optional = "" if rule.required else " <span style='font-weight:normal'>(optional)</span>"
                rows += [w.HTML(f"<b>{esc(rule.label)}</b>{optional}"), shown_widget]
                rows.append(note(GUIDANCE.get((kind, rule.name), "")))
            if kind == "nmc-discussion":
                rows.insert(0, note(DISCUSSION_NOTE, "wb-cpd-discussion-note"))
            self.fields[kind] = widgets
            self.field_boxes[kind] = css(w.VBox(rows), f"wb-cpd-fields-{kind}")
        self.check_button = css(
            w.Button(description="Check for identifiers", button_style="primary", layout=w.Layout(width="auto")),
            "wb-cpd-check",
        )
        self.status = css(w.HTML(""), "wb-cpd-status")
        self.record_error = error_label("cpd-record")
        self.review = FindingsReview("cpd", ready="you can save the record", pending="before the record can be saved")
        self.count, self.accept_all_button = self.review.count, self.review.accept_all_button
        self.findings_box, self.review_box = self.review.findings_box, self.review.box
        self.accept_all_button.on_click(self._guard(self.accept_all))
        self.save_button = css(
            w.Button(description="Save record", button_style="success", disabled=True, layout=w.Layout(width="auto")),
            "wb-cpd-save",
        )
        self.save_status = css(w.HTML(""), "wb-cpd-save-status")

        # -- 3. my records ---------------------------------------------------------------------
        self.records = css(w.Select(options=[], rows=6, description="Records", layout=full_width()), "wb-cpd-records")
        self.records_note = note("")
        self.format = css(
            w.ToggleButtons(
                options=FORMAT_OPTIONS, value="docx", description="Write as", style={"button_width": "auto"}
            ),
            "wb-cpd-format",
        )
        self.write_button = css(w.Button(description="Write it", layout=w.Layout(width="auto")), "wb-cpd-write")
        self.write_status = css(w.HTML(""), "wb-cpd-write-status")
        self.write_error = error_label("cpd-write")
        self.delete_button = css(
            w.Button(description="Delete", button_style="danger", layout=w.Layout(width="auto")), "wb-cpd-delete"
        )
        self.confirm_text = w.HTML("")
        self.delete_yes = css(
            w.Button(description="Yes, delete it", button_style="danger", layout=w.Layout(width="auto")),
            "wb-cpd-delete-yes",
        )
        self.delete_no = css(w.Button(description="No, keep it", layout=w.Layout(width="auto")), "wb-cpd-delete-no")
        self.confirm_box = css(w.VBox([self.confirm_text, w.HBox([self.delete_yes, self.delete_no])]), "wb-cpd-confirm")

        # -- 4. evidence for the PCF domains --------------------------------------------------------
        year = self._swe_year()
        self.pcf_since = css(w.DatePicker(description="From", value=year.starts_on), "wb-cpd-pcf-since")
        self.pcf_until = css(w.DatePicker(description="Until", value=year.ends_on), "wb-cpd-pcf-until")
        self.pcf_button = css(w.Button(description="Show", layout=w.Layout(width="auto")), "wb-cpd-pcf-show")
        self.pcf_status = css(w.HTML(""), "wb-cpd-pcf-status")
        self.pcf_error = error_label("cpd-pcf")
        self.pcf_domains = {
            domain: css(w.HTML(""), "wb-cpd-pcf-domain", f"wb-cpd-pcf-{domain}") for domain in PCF_DOMAINS
        }
        self.pcf_missing = css(w.HTML(""), "wb-cpd-pcf-missing")
        self.evidence: Any = None

        # -- wiring ------------------------------------------------------------------------------
        self.kind.observe(lambda _: self._kind_changed(), "value")
        self.entries.observe(lambda _: self._fields_changed(), "value")
        for widgets in self.fields.values():
            for widget in widgets.values():
                if isinstance(widget, _Checks):
                    widget.observe(lambda _: self._fields_changed())
                else:
                    widget.observe(lambda _: self._fields_changed(), "value")
        self.check_button.on_click(self._guard(self.check))
        self.save_button.on_click(self._guard(self.save))
        self.write_button.on_click(self._guard(self.write))
        self.delete_button.on_click(self._guard(self.ask_delete))
        self.delete_yes.on_click(self._guard(self.delete))
        self.delete_no.on_click(self._guard(self.cancel_delete))
        self.records.observe(lambda _: self._record_chosen(), "value")
        self.pcf_button.on_click(self._guard(self.show_evidence))

        self.widget = css(
            w.VBox(
                [
                    section("1. Where you are"),
                    self.swe_status,
                    w.HBox([self.nmc_due]),
                    self.nmc_error,
                    self.nmc_status,
                    section("2. A new record"),
                    self.kind,
                    w.HTML("<b>The entries it comes from</b>"),
                    self.entries,
                    note("Newest first. Ctrl or ⌘ to choose more than one; a record may come from none."),
                    *self.field_boxes.values(),
                    w.HBox([self.check_button]),
                    self.record_error,
                    self.status,
                    self.review_box,
                    w.HBox([self.save_button]),
                    self.save_status,
                    section("3. My records"),
                    self.records_note,
                    self.records,
                    w.HBox([self.format, self.write_button]),
                    self.write_error,
                    self.write_status,
                    w.HBox([self.delete_button]),
                    self.confirm_box,
                    section(f"4. {PCF_TITLE}"),
                    note(PCF_HELP),
                    w.HBox([self.pcf_since, self.pcf_until, self.pcf_button]),
                    self.pcf_error,
                    self.pcf_status,
                    *self.pcf_domains.values(),
                    self.pcf_missing,
                    self.log,
                ]
            ),
            "wb-cpd",
        )
        self._kind_changed()
        self._clear_draft()
        self.cancel_delete()
        self.refresh()
        self.show_evidence()

    def __repr__(self) -> str:
        n = len(self.journal.cpd_records())
        return f"<CPDRecords: a form, {plural(n, 'record')} kept; display it in a notebook to use it>"

    # -- building --------------------------------------------------------------------------------
    def _field_widget(self, kind: str, rule: Any) -> tuple[Any, Any]:
        name = rule.name
        if rule.shape == "ids" and rule.allowed is not None:
            checks = _Checks(name, rule.allowed)
            return checks, checks.widget
        if rule.shape == "ids":
            widget = css(w.SelectMultiple(options=[], rows=5, layout=full_width()), f"wb-cpd-field-{name}")
        elif rule.shape == "date":
            widget = css(w.DatePicker(), f"wb-cpd-field-{name}")
        elif name == "peer_role":
            widget = css(
                w.Combobox(options=PEER_ROLES, placeholder="A role, never a name", ensure_option=False),
                f"wb-cpd-field-{name}",
            )
        elif rule.shape == "line":
            widget = css(w.Text(layout=full_width()), f"wb-cpd-field-{name}")
        else:
            widget = css(w.Textarea(rows=4, layout=full_width()), f"wb-cpd-field-{name}")
        return widget, widget

    def _day(self) -> dt.date:
        return self.today or dt.date.today()

    def _entry_options(self) -> list[tuple[str, str]]:
        ids = self.journal.entry_ids()[-PICK_LIMIT:]
        entries = self.journal.load(list(reversed(ids)))
        return [(f"{e.occurred_on:%d %b %Y} · {' '.join(e.title.split())[:70]}", e.id) for e in entries]

    def _account_options(self) -> list[tuple[str, str]]:
        return [
            (f"Written reflective account of {_long(r.made_on)} ({r.id[:8]})", r.id)
            for r in self.journal.cpd_records("nmc-account")
        ]

    # -- status ------------------------------------------------------------------------------------
    def _stored_due(self) -> dt.date | None:
        value = self.journal.setting(NMC_DUE_SETTING)
        if value is None:
            return None
        try:
            return check_date(NMC_DUE_SETTING, value)
        except ValidationError:
            return None

    def _due_changed(self) -> None:
        if self._loading:
            return
        set_error(self.nmc_error, None)
        day = self.nmc_due.value
        try:
            self.journal.set_setting(NMC_DUE_SETTING, day.isoformat() if day else None)
        except WorkbookError as exc:
            set_error(self.nmc_error, f"Not kept: {exc.reason if isinstance(exc, ValidationError) else exc}")
        self.refresh_status()

    def _swe_year(self) -> Any:
        """The registration year running on the form's day, with its counts."""
        return cpd_year_status(self.journal, today=self._day())

    def swe_line(self) -> str:
        s = self._swe_year()
        state = "met" if s.met else "not met yet"
        left = f"{_days(s.days_left)} left" if s.days_left else "the year has ended"
        return (
            f"Social Work England, registration year {_long(s.starts_on)} to {_long(s.ends_on)}: "
            f"{plural(s.records, 'CPD record')} so far, {s.with_peer_reflection} with peer reflection. "
            f"You need at least {s.needed}, one of them with peer reflection: {state}. {left[:1].upper()}{left[1:]}."
        )

    def nmc_line(self) -> str:
        due = self.nmc_due.value
        if due is None:
            return "NMC: give your revalidation date above to count your records towards it."
        s = nmc_cycle_status(self.journal, due, today=self._day())
        discussion = "a reflective discussion is recorded" if s.discussion_recorded else "no reflective discussion yet"
        left = f"{_days(s.days_left)} left" if s.days_left else "the date has passed"
        return (
            f"NMC revalidation due {_long(s.due_on)}. In the three years from {_long(s.starts_on)}: "
            f"{s.accounts} of the {s.needed} written reflective accounts, and {discussion}: "
            f"{'met' if s.met else 'not met yet'}. {left[:1].upper()}{left[1:]}."
        )

    def refresh_status(self) -> None:
        self.swe_status.value = f"<p role='status'>{esc(self.swe_line())}</p>"
        self.nmc_status.value = f"<p role='status'>{esc(self.nmc_line())}</p>"

    def refresh(self) -> None:
        """Count again and list the records (after a save or a delete)."""
        self.refresh_status()
        kept = self.journal.cpd_records()
        chosen = self.records.value
        self.records.options = [
            (
                f"{KIND_TITLES[r.kind]} · {_long(r.made_on)} · from {plural(len(r.entry_ids), 'entry', 'entries')}",
                r.id,
            )
            for r in kept
        ]
        ids = [r.id for r in kept]
        self.records.value = chosen if chosen in ids else (ids[-1] if ids else None)
        self.records_note.value = (
            f"<span style='{NOTE_STYLE}'>{esc(plural(len(kept), 'record'))} kept. Choose one to write it out "
            "or delete it.</span>"
            if kept
            else f"<span style='{NOTE_STYLE}'>No records yet: the ones you save appear here.</span>"
        )
        accounts = self.fields["nmc-discussion"]["account_ids"]
        picked = [i for i in accounts.value if i in ids]
        accounts.options = self._account_options()
        accounts.value = picked
        self._record_chosen()

    # -- a new record -------------------------------------------------------------------------------
    def _kind_changed(self) -> None:
        for kind, box in self.field_boxes.items():
            box.layout.display = None if kind == self.kind.value else "none"
        self._fields_changed()

    def _fields_changed(self) -> None:
        if not self._loading and self.draft is not None:
            self._clear_draft()
            self._say(self.status, "Changed since the check: press Check for identifiers again.", ok=False)

    def values(self) -> dict[str, Any]:
        """The fields of the chosen kind as the form holds them."""
        out: dict[str, Any] = {}
        for name, widget in self.fields[self.kind.value].items():
            value = widget.value
            out[name] = list(value) if isinstance(value, (list, tuple)) else value
        return out

    def _clear_draft(self) -> None:
        self.draft = None
        self.review.clear()
        self._update_buttons()

    def check(self) -> Any:
        """Check the fields and find what could identify someone; the draft, or None if refused."""
        set_error(self.record_error, None)
        self.save_status.value = ""
        self._clear_draft()
        try:
            draft = draft_record(
                self.journal, self.kind.value, self.values(), list(self.entries.value), made_on=self._day()
            )
        except WorkbookError as exc:
            self._refuse_record(exc)
            self._say(self.status, "Not checked yet: see the message above.", ok=False)
            return None
        self.draft = draft
        self.review.fill(self, draft.findings)
        m = len(draft.findings)
        found = (
            f"{plural(m, 'thing')} that could identify someone: answer each one below."
            if m
            else "nothing that looks like it identifies someone. Read it through once more before you save."
        )
        self._say(self.status, f"Checked ({plural(len(draft.entries), 'entry', 'entries')}); found {found}")
        self._answers_changed()
        return draft

    def _refuse_record(self, exc: WorkbookError) -> None:
        if isinstance(exc, ValidationError):
            label = next((r.label for r in FORMS[self.kind.value] if exc.field.split("[")[0] == r.name), exc.field)
            set_error(self.record_error, f"{label}: {exc.reason}")
        else:
            set_error(self.record_error, str(exc))

    def _answers_updated(self) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.disabled = self.draft is None or bool(self.draft.unanswered())

    def save(self) -> Any:
        """Keep the checked record in the journal; the record, or None when refused."""
        set_error(self.record_error, None)
        if self.draft is None:
            set_error(self.record_error, "Press Check for identifiers first.")
            return None
        left = len(self.draft.unanswered())
        if left:
            set_error(self.record_error, f"{plural(left, 'finding')} still need{'s' if left == 1 else ''} an answer.")
            return None
        try:
            record = self.draft.save()
        except WorkbookError as exc:
            self._refuse_record(exc)
            return None
        self.saved = record
        self._clear_fields()
        self.status.value = ""
        self.save_status.value = (
            f"<span style='{OK_STYLE}' role='status'>Saved: {esc(KIND_TITLES[record.kind])} of "
            f"{esc(_long(record.made_on))}, from {esc(plural(len(record.entry_ids), 'entry', 'entries'))}. "
            "It is listed under My records, where you can write it out.</span>"
        )
        self.refresh()
        self.records.value = record.id
        return record

    def _clear_fields(self) -> None:
        self._loading = True
        try:
            self.entries.value = ()
            for widget in self.fields[self.kind.value].values():
                if isinstance(widget, _Checks):
                    widget.clear()
                elif isinstance(widget, w.SelectMultiple):
                    widget.value = ()
                elif isinstance(widget, w.DatePicker):
                    widget.value = None
                else:
                    widget.value = ""
        finally:
            self._loading = False
        self._clear_draft()

    # -- my records -----------------------------------------------------------------------------------
    def _record_chosen(self) -> None:
        has = self.records.value is not None
        self.write_button.disabled = not has
        self.delete_button.disabled = not has
        self.cancel_delete()

    def _chosen(self) -> Any:
        return None if self.records.value is None else self.journal.cpd_record(self.records.value)

    def write(self) -> Any:
        """Write the chosen record in the chosen format; the path, or None when refused."""
        from ..cpd.export import export_record
        from ..supervision.share import UnsafePackError

        set_error(self.write_error, None)
        self.write_status.value = ""
        record = self._chosen()
        if record is None:
            set_error(self.write_error, "Choose a record first.")
            return None
        try:
            path = export_record(self.journal, record, self.format.value, self.folder)
        except UnsafePackError as exc:
            items = "".join(
                f"<li>At <code>{esc(f.place)}</code>: {esc(LEAK_HELP.get(f.kind, (f.kind.replace('-', ' '),))[0])}</li>"
                for f in exc.findings
            )
            set_error(self.write_error, f"Not written: the final check found {plural(len(exc.findings), 'problem')}.")
            self.write_status.value = (
                f"<div role='alert'><ul>{items}</ul><span style='{NOTE_STYLE}'>The words found are not shown. Delete "
                "this record and make it again with those words changed.</span></div>"
            )
            return None
        except WorkbookError as exc:
            set_error(self.write_error, f"Not written: {exc.reason if isinstance(exc, ValidationError) else exc}")
            return None
        self.written = path
        blanks = (
            " Fill in the blanks for the other registrant and the signatures by hand."
            if record.kind == "nmc-discussion"
            else ""
        )
        self.write_status.value = (
            f"<span style='{OK_STYLE}' role='status'>Written, readable by you only: <code>{esc(shown(path))}</code>."
            f"</span> <span style='{NOTE_STYLE}'>Copy what it says into the regulator's own site or form.{esc(blanks)}"
            "</span>"
        )
        return path

    def ask_delete(self) -> None:
        """Ask before deleting the chosen record."""
        record = self._chosen()
        if record is None:
            return
        self.confirm_text.value = (
            f"<b>Delete the {esc(KIND_TITLES[record.kind])} of {esc(_long(record.made_on))}?</b> "
            f"<span style='{NOTE_STYLE}'>It cannot be brought back. Files you have already written are not "
            "deleted, and the entries it came from stay as they are.</span>"
        )
        self.confirm_box.layout.display = None

    def cancel_delete(self) -> None:
        self.confirm_box.layout.display = "none"
        self.confirm_text.value = ""

    def delete(self) -> None:
        """Delete the chosen record (after ``ask_delete``)."""
        record = self._chosen()
        if record is None:
            return
        self.journal.delete_cpd_record(record.id)
        self.cancel_delete()
        self.refresh()
        self.write_status.value = (
            f"<span style='{OK_STYLE}' role='status'>Deleted the {esc(KIND_TITLES[record.kind])} of "
            f"{esc(_long(record.made_on))}.</span>"
        )

    # -- evidence for the PCF domains -------------------------------------------------------------------
    def show_evidence(self) -> Any:
        """List the evidence for each PCF domain between the dates chosen; the evidence
        (``reports.pcf.PCFEvidence``), or None when the dates are refused."""
        from ..reports.pcf import pcf_evidence

        set_error(self.pcf_error, None)
        since, until = self.pcf_since.value, self.pcf_until.value
        try:
            if since and until and until < since:
                raise ValidationError("until", f"is before {_long(since)}; choose a day on or after it.")
            evidence = pcf_evidence(self.journal, since, until)
        except ValidationError as exc:
            label = {"since": "From", "until": "Until"}.get(exc.field, exc.field)
            set_error(self.pcf_error, f"{label}: {exc.reason}")
            self.pcf_status.value = ""
            self._clear_evidence()
            return None
        self.evidence = evidence
        for part in evidence:
            self.pcf_domains[part.domain].value = self._domain_html(part)
        missing = [PCF_DOMAINS[d] for d in evidence.without_evidence]
        self.pcf_missing.value = (
            f"<p><b>No evidence recorded yet for:</b> {esc('; '.join(missing))}.</p>"  # a label may hold a comma
            if missing
            else "<p>Every domain has some evidence recorded.</p>"
        )
        self._say(self.pcf_status, self.evidence_line(evidence))
        return evidence

    def evidence_line(self, evidence: Any) -> str:
        """The status line: the dates and counts only."""
        have = len(evidence) - len(evidence.without_evidence)
        return (
            f"PCF evidence, {self._span(evidence)}: {plural(evidence.n_entries, 'entry', 'entries')} and "
            f"{plural(evidence.n_actions, 'action point')} given a domain; {have} of the {len(evidence)} domains "
            "have some evidence."
        )

    @staticmethod
    def _span(evidence: Any) -> str:
        since, until = evidence.since, evidence.until
        if since and until:
            return f"{_long(since)} to {_long(until)}"
        if since:
            return f"from {_long(since)}"
        if until:
            return f"up to {_long(until)}"
        return "all dates"

    @staticmethod
    def _domain_html(part: Any) -> str:
        items = [(e.occurred_on, e.title, None) for e in part.entries]
        items += [(a.occurred_on, a.title, a) for a in part.actions]
        items.sort(key=lambda item: item[0])  # stable: on one day, entries before action points
        rows = []
        for day, title, action in items:
            shown_title = esc(" ".join(title.split())) if title.strip() else "<i>(no title)</i>"
            mark = ""
            if action is not None:
                due = f", due {_long(action.due_on)}" if action.due_on else ""
                mark = f" · <i>action point</i> <span style='{NOTE_STYLE}'>({esc(action.status)}{esc(due)})</span>"
            rows.append(f"<li>{esc(_long(day))} · {shown_title}{mark}</li>")
        listed = f"<ul style='margin:0.2em 0'>{''.join(rows)}</ul>" if rows else ""
        return (
            f"<div style='margin:0.5em 0 0.3em 0'><b>{esc(part.label)}</b>: {esc(part.counts_text())}<br>"
            f"<span style='{NOTE_STYLE}'>{esc(PCF_DESCRIPTIONS[part.domain])}</span>{listed}</div>"
        )

    def _clear_evidence(self) -> None:
        self.evidence = None
        for widget in self.pcf_domains.values():
            widget.value = ""
        self.pcf_missing.value = ""

    # -- messages ---------------------------------------------------------------------------------------
    @staticmethod
    def _say(label: w.HTML, message: str, *, ok: bool = True) -> None:
        style = OK_STYLE if ok else NOTE_STYLE
        label.value = f"<span style='{style}' role='status'>{esc(message)}</span>"

    def _on_fault(self) -> None:
        set_error(self.record_error, "Something went wrong (the details are below); your journal is unchanged.")
