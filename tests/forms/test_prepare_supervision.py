"""The supervision form of notebook 06 (``wb.prepare_supervision``), driven from Python.

On a journal whose entries name a person of the people register (by an alias), an
unregistered name and a phone number: the findings are listed one row each, shown as their
suggestions until a row asks for the words as written; Write stays disabled until every
finding has an answer; Accept, Change and Dismiss reach the draft; the written files are
0600 and hold no real name; the passphrase is cleared from the form once used; a pack the
leak check refuses lists its findings by kind and place; no status line, message or repr
ever carries a name or a word of an entry.
"""

from __future__ import annotations

import stat

import pytest
from form_helpers import text_of

import workbook as wb
from workbook.forms.supervision import PrepareSupervision, preview_html
from workbook.paths import packs_dir, shown

ALIAS = "Quenby Thistlewood"
STRANGER = "Bartholomew Fennimore"
PHONE = "07700 900123"
SECRET_WORDS = "lavenderpolish"  # a word of the entry text that must never reach a status line
PASSPHRASE = "plum tractor lantern"
NAMES = (ALIAS, "Quenby", "Thistlewood", STRANGER, "Bartholomew", "Fennimore", PHONE)
REAL = (*NAMES, SECRET_WORDS)


@pytest.fixture
def journal():
    j = wb.open_journal(":memory:")
    j.people.add("Parent Willow", "parent", aliases=[ALIAS])
    j.add(
        title="Home visit",
        narrative=f"{ALIAS} opened the door; it smelt of {SECRET_WORDS}. Later {STRANGER} joined us; ring {PHONE}.",
        flagged=True,
    )
    j.add(title="Follow-up call", narrative=f"{ALIAS.upper()} phoned back and {STRANGER} too.", flagged=True)
    j.add(title="Team meeting", narrative="Nothing to bring to supervision from this one.")
    yield j
    j.close()


@pytest.fixture
def form(journal, tmp_path):
    return PrepareSupervision(journal, folder=tmp_path)


def _statuses(form) -> str:
    """Every status line and message of the form, as text."""
    labels = [form.status, form.choice_error, form.count, form.write_status, form.write_error, form.unsafe]
    return " ".join(text_of(label) for label in labels)


def _assert_no_real_text(form) -> None:
    said = _statuses(form) + repr(form) + form._repr_mimebundle_()["text/plain"]
    for word in REAL:
        assert word.casefold() not in said.casefold(), word


def _row(form, kind):
    return next(r for r in form.rows if r.finding.kind == kind)


def _answer(form, **by_kind) -> None:
    for kind, value in by_kind.items():
        row = _row(form, kind)
        if isinstance(value, tuple):
            row.answer.value, row.change_text.value = value
        else:
            row.answer.value = value


def test_find_lists_one_row_per_finding_and_write_waits_for_every_answer(form):
    assert form.write_button.disabled and form.preview_button.disabled
    form.find_button.click()
    draft = form.draft
    assert draft is not None and len(draft.entries) == 2  # the flagged ones, the default choice
    kinds = sorted(r.finding.kind for r in form.rows)
    assert kinds == ["alias", "phone", "possible_name"] == sorted(f.kind for f in draft.findings)
    assert "2 entries chosen" in text_of(form.status) and "3 things" in text_of(form.status)
    assert text_of(form.count).startswith("0 of 3 answered")
    assert form.write_button.disabled and form.preview_button.disabled

    _answer(form, alias="accept", phone="accept")
    assert text_of(form.count).startswith("2 of 3 answered")
    assert form.write_button.disabled
    assert form.write() is None and "1 finding still needs" in text_of(form.write_error)
    _answer(form, possible_name="dismiss")
    assert text_of(form.count).startswith("3 of 3 answered")
    assert not form.write_button.disabled and not form.preview_button.disabled
    _assert_no_real_text(form)


def test_places_show_the_suggestion_until_the_words_as_written_are_asked_for(form):
    form.find_button.click()
    for row in form.rows:
        for word in NAMES:
            assert word.casefold() not in row.places.value.casefold()
    alias = _row(form, "alias")
    assert "Parent Willow" in alias.places.value and alias.places.value.count("<li>") == 2  # both spellings
    alias.reveal.value = True
    assert ALIAS in alias.places.value and ALIAS.upper() in alias.places.value
    assert all("Quenby" not in r.places.value for r in form.rows if r is not alias)  # only the row asked
    alias.reveal.value = False
    assert "Quenby" not in alias.places.value.title()


def test_accept_change_and_dismiss_reach_the_draft(form):
    form.find_button.click()
    draft = form.draft
    alias, name, phone = _row(form, "alias"), _row(form, "possible_name"), _row(form, "phone")
    _answer(form, alias="accept", possible_name="dismiss", phone="change")
    assert phone.change_text.layout.display != "none"  # the box to type in shows for Change
    assert phone.finding.id not in draft.decisions  # a change with no words yet is no answer
    phone.change_text.value = "  the office   number "
    assert draft.decisions[alias.finding.id].action == "accept"
    assert draft.decisions[name.finding.id].action == "dismiss"
    assert (draft.decisions[phone.finding.id].action, draft.decisions[phone.finding.id].text) == (
        "change",
        "the office number",
    )
    phone.answer.value = None  # taking an answer back makes the finding unanswered again
    assert phone.finding.id not in draft.decisions and form.write_button.disabled
    form.accept_all_button.click()
    assert draft.decisions[phone.finding.id].action == "accept"
    assert draft.decisions[name.finding.id].action == "dismiss"  # answered ones are left alone
    texts = " ".join(draft.shared_texts())
    assert "Parent Willow" in texts and "[phone]" in texts and STRANGER in texts


def test_the_written_pack_is_private_and_holds_no_real_name(form, tmp_path):
    form.find_button.click()
    form.accept_all_button.click()
    form.questions.value = "How do I stay steady when a parent shouts?\n\n"
    assert form.draft is None  # changing the choice asks for Find again
    assert "Find" in text_of(form.status) and form.write_button.disabled
    form.find_button.click()
    form.accept_all_button.click()
    form.write_button.click()
    written = form.written
    assert written is not None and {p.suffix for p in written.paths} == {".ipynb", ".html"}
    for path in written.paths:
        assert path.parent == tmp_path and path.exists()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        data = path.read_text(encoding="utf-8")
        assert SECRET_WORDS in data  # the chosen text goes, de-identified
        for word in NAMES:
            assert word.casefold() not in data.casefold(), (path.name, word)
        assert "Parent Willow" in data and "How do I stay steady" in data
    status = text_of(form.write_status)
    assert status.startswith("Written (2 files)") and all(shown(p) in status for p in written.paths)
    _assert_no_real_text(form)


def test_the_html_copy_can_be_left_out_and_the_default_folder_is_the_packs_folder(journal):
    form = PrepareSupervision(journal)
    form.summary.value = False
    form.find_button.click()
    form.accept_all_button.click()
    form.html_copy.value = False
    written = form.write()
    assert [p.suffix for p in written.paths] == [".ipynb"] and written.paths[0].parent == packs_dir()


def test_the_passphrase_encrypts_and_is_cleared_from_the_form(form, tmp_path):
    from workbook.supervision.crypt import decrypt_bytes

    form.summary.value = form.html_copy.value = False  # one file: each passphrase takes seconds to stretch
    form.find_button.click()
    form.accept_all_button.click()
    form.encrypt.value = True
    assert form.passphrase_box.layout.display != "none"
    form.passphrase.value, form.passphrase_again.value = PASSPHRASE, PASSPHRASE + "x"
    assert form.write() is None and "differ" in text_of(form.write_error)
    assert form.passphrase.value == form.passphrase_again.value == ""  # cleared even when refused
    assert list(tmp_path.iterdir()) == []

    form.passphrase.value = form.passphrase_again.value = PASSPHRASE
    form.write_button.click()
    written = form.written
    assert written is not None and [p.name[-10:] for p in written.paths] == [".ipynb.age"]
    for widget in (form.passphrase, form.passphrase_again):
        assert widget.value == "" and widget.get_state()["value"] == ""
    held = [v for v in vars(form).values() if isinstance(v, str)]
    assert PASSPHRASE not in held and PASSPHRASE not in _statuses(form)
    for path in written.paths:
        raw = path.read_bytes()
        assert b"Parent Willow" not in raw  # never written in plain
        plain = decrypt_bytes(raw, PASSPHRASE, name=path.name).decode("utf-8")
        assert "Parent Willow" in plain and ALIAS not in plain
    form.passphrase.value = "typed then unticked"
    form.encrypt.value = False
    assert form.passphrase.value == "" and form.passphrase_box.layout.display == "none"


def test_a_pack_the_leak_check_refuses_lists_its_findings_by_kind_and_place(form, tmp_path):
    form.summary.value = False
    form.find_button.click()
    _answer(form, alias="dismiss", possible_name="accept", phone="accept")  # keeps a registered name
    form.encrypt.value = True
    form.passphrase.value = form.passphrase_again.value = PASSPHRASE
    form.write_button.click()
    assert form.written is None and list(tmp_path.iterdir()) == []
    assert form.unsafe_findings and {f.kind for f in form.unsafe_findings} == {"register-name"}
    assert "Not written" in text_of(form.write_error)
    listed = text_of(form.unsafe)
    assert "Nothing was written" in listed and "a name in your people register" in listed
    assert all(f.place in listed for f in form.unsafe_findings) and "Accept or Change" in listed
    assert "override" not in listed.casefold()  # overrides are for the command line only
    entries = {f"entry {e.id[:8]}" for e in form.draft.entries}
    assert any(f"the entry of {e.occurred_on.day} {e.occurred_on:%B %Y}" in listed for e in form.draft.entries)
    assert any(e in listed for e in entries)
    assert "Home visit" not in listed and "Follow-up call" not in listed  # dates and ids, never titles
    assert form.passphrase.value == ""
    _assert_no_real_text(form)

    _row(form, "alias").answer.value = "accept"  # the fix the form gives works
    form.encrypt.value = False
    assert form.write() is not None and text_of(form.unsafe) == ""


def test_a_choice_that_names_nothing_is_refused_beside_the_button(form, journal):
    form.mode.value = "pick"
    assert form.find() is None and "choose at least one entry" in text_of(form.choice_error).casefold()
    form.mode.value = "context"
    assert form.find() is None and "choose a context" in text_of(form.choice_error).casefold()
    form.mode.value = "flagged"
    for box in form.parts.values():
        box.value = False
    assert form.find() is None and "at least one part" in text_of(form.choice_error)
    assert form.draft is None and not form.rows and form.write_button.disabled
    _assert_no_real_text(form)


def test_the_choice_reaches_the_draft(form, journal):
    team = next(e for e in journal.entries() if e.title == "Team meeting")
    assert ("Team meeting" in label for label, _ in form.pick.options)
    form.mode.value = "pick"
    form.pick.value = (team.id,)
    for part, box in form.parts.items():
        box.value = part in ("title", "narrative")
    form.questions.value = "First question\n\n  Second question  \n"
    form.role.value = "peer"
    form.summary.value = False
    draft = form.find()
    assert [e.id for e in draft.entries] == [team.id]
    assert draft.choice.parts == ("title", "narrative") and draft.choice.role == "peer"
    assert draft.choice.questions == ("First question", "Second question")
    assert draft.summary == [] and draft.findings == []
    assert "nothing that looks like it identifies someone" in text_of(form.status)
    assert not form.write_button.disabled  # nothing to answer
    assert form.write().pack.role == "peer"


def test_the_preview_shows_only_de_identified_text_and_runs_nothing(journal, tmp_path):
    journal.add(
        title="<script>alert('title')</script> visit",
        narrative=f"{ALIAS} said <img src=x onerror=alert(1)> and [click](javascript:alert(2)).",
        flagged=True,
    )
    form = PrepareSupervision(journal, folder=tmp_path)
    form.find_button.click()
    form.accept_all_button.click()
    body = form.show_preview()
    assert "Parent Willow" in body and "Supervision pack" in body
    for word in NAMES:
        assert word.casefold() not in body.casefold(), word
    _assert_inert(body)
    assert "&lt;script&gt;alert('title')&lt;/script&gt; visit" in body  # shown as typed, escaped once
    assert "<img" in body  # the charts
    assert form.preview.value.endswith(body + "</div>")
    _row(form, "alias").answer.value = "change"  # an answer changed: the old preview goes
    assert form.preview.value == ""


def _assert_inert(body: str) -> None:
    """No script, no handler, no link or source other than a data: image."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    assert not soup.find_all(["script", "iframe", "object", "embed", "style", "link", "svg"])
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.casefold().startswith("on")], tag
        if tag.name == "img":
            assert tag["src"].startswith("data:image/svg+xml;base64,"), tag
        else:
            assert "src" not in tag.attrs, tag
        if tag.name == "a":
            assert not tag["href"].casefold().startswith(("javascript", "http", "data")), tag


def test_preview_html_lets_through_only_its_own_markup():
    cells = [
        "## A heading\n\n<small>Entry 123</small>",
        '<img alt="Chart" src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
        "<b>raw</b> <img src=x onerror=alert(1)> <a href='javascript:alert(1)'>x</a> [y](javascript:alert(2))",
    ]
    out = preview_html(cells)
    _assert_inert(out)
    assert "<small>Entry 123</small>" in out and "<h2>A heading</h2>" in out
    assert out.count("<img") == 1 and 'src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="' in out
    assert "<b>" not in out and "&lt;b&gt;raw" in out and "<a " not in out.replace('<a href="#harmful', "")
    assert 'href="javascript' not in out


def test_the_form_displays_as_its_widget_and_names_no_text(form):
    form.find_button.click()
    _row(form, "alias").reveal.value = True
    bundle = form._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == repr(form) and "PrepareSupervision" in repr(form)
    _assert_no_real_text(form)
    assert wb.prepare_supervision(form.journal).__class__ is PrepareSupervision


def test_text_of_an_entry_not_chosen_is_refused_naming_that_entry_by_id(journal, tmp_path):
    shared = "we agreed that the next visit would be on the first Monday after the school holidays"
    chosen = journal.add(title="Planning the visits", narrative="The meeting went well.")
    other = journal.add(title="Notes for myself", narrative=f"Remember: {shared}, whatever happens.")
    form = PrepareSupervision(journal, folder=tmp_path)
    form.summary.value = False
    form.mode.value = "pick"
    form.pick.value = (chosen.id,)
    form.questions.value = f"Was it right that {shared}?"  # copied from an entry that is not in the pack
    form.find_button.click()
    assert form.write() is None and list(tmp_path.iterdir()) == []
    listed = text_of(form.unsafe)
    assert {f.kind for f in form.unsafe_findings} == {"unchosen-entry-text"}
    assert f"text of entry {other.id[:8]}, which was not chosen" in listed
    assert "choose that entry too" in listed
    assert "school holidays" not in listed and "Notes for myself" not in listed


def test_the_preview_after_writing_is_the_pack_written_and_a_second_write_is_a_new_pack(form):
    form.summary.value = form.html_copy.value = False
    form.find_button.click()
    form.accept_all_button.click()
    form.show_preview()
    previewed = form._pack
    first = form.write()
    assert first.pack is previewed  # the preview showed exactly what was written
    form.show_preview()
    assert form._pack is first.pack
    second = form.write()
    assert second.pack.manifest["pack_id"] != first.pack.manifest["pack_id"]
    assert set(first.paths).isdisjoint(second.paths) and all(p.exists() for p in first.paths)
