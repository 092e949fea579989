"""The supervisor's view of a pack (notebook 07): open a pack or its encrypted copy, read it
rendered safely, write feedback under each entry, save it for return beside the pack.

Packs are made here from a small journal, as the practitioner makes them (notebook 06).
"""

from __future__ import annotations

import datetime as dt
import json
import stat

import nbformat
import pytest
from bs4 import BeautifulSoup
from form_helpers import DAY, text_of

import workbook as wb
from workbook.documents.markdown import pack_markdown_html as render_cell
from workbook.forms.supervisor import BringBackFeedback, SupervisorView, parse_feedback
from workbook.models import FEEDBACK_FUNCTIONS
from workbook.paths import shown
from workbook.supervision import supervision_pack
from workbook.supervision.crypt import decrypt_bytes, encrypt_file
from workbook.supervision.feedback import GENERAL_PREFIX
from workbook.supervision.pack import FEEDBACK_PLACEHOLDER, GENERAL_FEEDBACK_PLACEHOLDER

FEEDBACK = "You stayed with the hard part; next time try naming the worry sooner."
GENERAL = "A thoughtful pack: let us talk about the second visit first."
PASSPHRASE = "correct horse battery staple"
HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "![tracker](http://tracker.example/p.png)",
]


@pytest.fixture
def entries(journal):
    one = journal.add(title="Home visit", narrative="We talked about the plan.", occurred_on=DAY)
    two = journal.add(title="Follow-up call", narrative="I phoned back the next day.", occurred_on=DAY)
    return journal, one, two


def _pack(journal, ids, folder, **kwargs):
    kwargs.setdefault("charts", False)
    written = supervision_pack(journal, entry_ids=ids, decisions="accept").write(folder, html=False, **kwargs)
    return written.notebook


@pytest.fixture
def pack(entries, tmp_path):
    journal, one, two = entries
    return _pack(journal, [one.id, two.id], tmp_path), one, two


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _opened(path, **kwargs) -> SupervisorView:
    view = SupervisorView(folder=path.parent)
    view.path.value = path.name
    for name, value in kwargs.items():
        getattr(view, name).value = value
    assert view.open(), text_of(view.status)
    return view


def _said(label) -> str:
    return text_of(label).casefold()


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_view_lists_the_packs_in_its_folder_and_nothing_else(pack, tmp_path):
    path, _, _ = pack
    (tmp_path / "notes.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8")
    (tmp_path / "letter.txt").write_text("not a pack", encoding="utf-8")
    (tmp_path / "sealed.ipynb.age").write_bytes(b"age-encryption.org/v1\n")
    view = SupervisorView(folder=tmp_path)
    assert sorted(value for _, value in view.found.options[1:]) == sorted([path.name, "sealed.ipynb.age"])
    view.found.value = path.name
    assert view.path.value == path.name
    assert wb.supervisor_view(folder=tmp_path).found.options == view.found.options


def test_opening_a_pack_shows_a_feedback_box_under_each_entry_and_one_at_the_end(pack):
    path, one, two = pack
    view = _opened(path)
    assert [b.entry_id for b in view.boxes] == [one.id, two.id, None]
    assert all(b.text.value == "" and b.function.value == "" for b in view.boxes)
    assert [value for _, value in view.boxes[0].function.options] == ["", *FEEDBACK_FUNCTIONS]
    assert view.boxes[-1].text._dom_classes[-1] == "wb-supervisor-feedback-general"
    assert "2 entries" in _said(view.status)
    # each box comes after its entry's cell in the view
    children = list(view.pack_box.children)
    shown = [c for c in children if isinstance(c, wb_html())]
    assert any("Home visit" in c.value for c in shown) and any("Follow-up call" in c.value for c in shown)
    home = next(i for i, c in enumerate(children) if "<h2>14 March 2026: Home visit</h2>" in getattr(c, "value", ""))
    assert view.boxes[0].text in children[home + 1].children


def wb_html():
    import ipywidgets

    return ipywidgets.HTML


def test_save_for_return_fills_the_feedback_cells_and_changes_nothing_else(pack, monkeypatch, tmp_path):
    path, _, _ = pack
    monkeypatch.setenv("HOME", str(tmp_path))
    original = path.read_bytes()
    view = _opened(path)
    view.boxes[0].text.value = f"  {FEEDBACK}\n"
    view.boxes[0].function.value = "educational"
    view.boxes[2].text.value = GENERAL
    saved = view.save()
    assert saved == path.with_name(path.name.removesuffix(".ipynb") + "-feedback.ipynb")
    assert _mode(saved) == 0o600 and path.read_bytes() == original
    status = text_of(view.save_status)
    assert f"~/{saved.name}" in status and str(tmp_path) not in status and FEEDBACK not in status

    before, after = json.loads(original), _cells(saved)
    assert after["metadata"] == before["metadata"]  # manifest and seal included
    assert {k: v for k, v in after.items() if k != "cells"} == {k: v for k, v in before.items() if k != "cells"}
    assert len(after["cells"]) == len(before["cells"])
    changed = []
    for old, new in zip(before["cells"], after["cells"], strict=True):
        if old["metadata"]["workbook_pack"]["part"] == "feedback":
            changed.append("".join(new["source"]))
            assert {k: v for k, v in new.items() if k != "source"} == {k: v for k, v in old.items() if k != "source"}
        else:
            assert new == old
    assert changed == [f"Function: educational\n\n{FEEDBACK}", FEEDBACK_PLACEHOLDER, GENERAL]
    nbformat.validate(nbformat.reads(saved.read_text(encoding="utf-8"), as_version=4))


def test_reopening_the_returned_file_shows_the_feedback_and_saves_over_it(pack):
    path, _, _ = pack
    first = _opened(path)
    first.boxes[1].text.value = FEEDBACK
    first.boxes[1].function.value = "support"
    saved = first.save()
    again = _opened(saved)
    assert [(b.text.value, b.function.value) for b in again.boxes] == [("", ""), (FEEDBACK, "support"), ("", "")]
    assert "already written in 1 box" in _said(again.status)
    again.boxes[1].function.value = ""
    assert again.save() == saved
    sources = [
        "".join(c["source"]) for c in _cells(saved)["cells"] if c["metadata"]["workbook_pack"]["part"] == "feedback"
    ]
    assert sources == [FEEDBACK_PLACEHOLDER, FEEDBACK, GENERAL_FEEDBACK_PLACEHOLDER]


def test_a_function_without_feedback_is_refused_and_nothing_is_written(pack):
    path, _, _ = pack
    view = _opened(path)
    view.boxes[1].function.value = "mediation"
    assert view.save() is None
    assert "no feedback is written" in _said(view.save_status) and "entry 2" in _said(view.save_status)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_parse_feedback_reads_the_function_line():
    assert parse_feedback(FEEDBACK_PLACEHOLDER) == ("", None)
    assert parse_feedback("  ") == ("", None)
    assert parse_feedback("function:  Educational \n\nWell done") == ("Well done", "educational")
    assert parse_feedback("Function: excellent\n\nWell done") == ("Function: excellent\n\nWell done", None)


@pytest.fixture(scope="module")
def sealed_pack(tmp_path_factory):
    """An encrypted pack of two entries, made once (each use of the passphrase takes a second
    or more: scrypt is slow on purpose); each test copies it into its own folder."""
    folder = tmp_path_factory.mktemp("sealed")
    journal = wb.open_journal(":memory:")
    try:
        one = journal.add(title="Home visit", narrative="We talked about the plan.", occurred_on=DAY)
        two = journal.add(title="Follow-up call", narrative="I phoned back the next day.", occurred_on=DAY)
        path = _pack(journal, [one.id, two.id], folder)
    finally:
        journal.close()
    sealed = encrypt_file(path, folder / (path.name + ".age"), PASSPHRASE)
    return sealed.name, sealed.read_bytes(), one.id


def test_an_encrypted_pack_opens_with_its_passphrase_and_returns_encrypted(sealed_pack, tmp_path):
    name, data, first_id = sealed_pack
    sealed = tmp_path / name
    sealed.write_bytes(data)
    view = SupervisorView(folder=tmp_path)
    assert [v for _, v in view.found.options[1:]] == [sealed.name]
    view.found.value = sealed.name
    assert not view.open()
    assert "encrypted: type the passphrase" in _said(view.status)
    view.passphrase.value = "not the passphrase"
    assert not view.open()
    assert "the passphrase is wrong" in _said(view.status) and "not the passphrase" not in _said(view.status)
    view.passphrase.value = PASSPHRASE
    assert view.open(), _said(view.status)
    assert view.boxes[0].entry_id == first_id and view.passphrase.disabled
    view.boxes[0].text.value = FEEDBACK
    view.boxes[0].function.value = "supportive"
    saved = view.save()
    assert saved.name == name.removesuffix(".ipynb.age") + "-feedback.ipynb.age"
    assert _mode(saved) == 0o600 and sealed.read_bytes() == data
    assert view.passphrase.value == "" and not view.passphrase.disabled  # cleared once used
    assert PASSPHRASE not in _said(view.save_status) and FEEDBACK not in text_of(view.save_status)
    raw = saved.read_bytes()
    assert FEEDBACK.encode() not in raw and raw.startswith(b"age-encryption.org/v1\n")
    plain = decrypt_bytes(raw, PASSPHRASE).decode("utf-8")
    nb = nbformat.reads(plain, as_version=4)
    assert [c.source for c in nb.cells if c.metadata["workbook_pack"]["part"] == "feedback"] == [
        f"Function: supportive\n\n{FEEDBACK}",
        FEEDBACK_PLACEHOLDER,
        GENERAL_FEEDBACK_PLACEHOLDER,
    ]
    original = json.loads(decrypt_bytes(data, PASSPHRASE))
    assert json.loads(plain)["metadata"] == original["metadata"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([sealed.name, saved.name])


def test_an_encrypted_pack_is_not_saved_with_another_passphrase(sealed_pack, tmp_path):
    name, data, _ = sealed_pack
    (tmp_path / name).write_bytes(data)
    view = _opened(tmp_path / name, passphrase=PASSPHRASE)
    view.boxes[0].text.value = FEEDBACK
    view.path.value = "another.ipynb.age"  # the box is unlocked once another file is named
    assert not view.passphrase.disabled
    view.passphrase.value = ""
    assert view.save() is None and "type the passphrase again" in _said(view.save_status)
    view.passphrase.value = "a different one"
    assert view.save() is None and "the passphrase is wrong" in _said(view.save_status)
    assert not list(tmp_path.glob("*-feedback*"))


def test_a_file_that_is_not_a_pack_is_refused(tmp_path):
    (tmp_path / "notes.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8")
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    view = SupervisorView(folder=tmp_path)
    assert not view.open("notes.ipynb") and "not a supervision pack" in _said(view.status)
    assert not view.open("broken.ipynb") and "could not be read as a notebook" in _said(view.status)
    assert not view.open("missing.ipynb") and "there is no file" in _said(view.status)
    assert view.boxes == [] and view.save() is None


def _assert_inert(view: SupervisorView) -> str:
    """Every rendered cell, parsed as a browser would: nothing that runs or fetches, and images
    only the pack's charts (data: URIs). Returns the text a reader sees."""
    seen = []
    for child in view.pack_box.children:
        if not isinstance(child, wb_html()):
            continue
        soup = BeautifulSoup(child.value, "html.parser")
        assert soup.find_all(["script", "iframe", "object", "embed", "svg", "a", "link", "form", "style"]) == []
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
            for attr in ("href", "action", "srcset", "poster"):
                assert not tag.get(attr), tag
        for image in soup.find_all("img"):
            assert str(image["src"]).startswith("data:image/svg+xml;base64,")
        seen.append(soup.get_text(" "))
    return "\n".join(seen)


def test_text_in_a_pack_that_looks_like_html_is_shown_never_run(journal, tmp_path):
    entry = journal.add(title="<script>alert('title')</script>", narrative="\n\n".join(HOSTILE), occurred_on=DAY)
    path = supervision_pack(journal, entry_ids=[entry.id], decisions="dismiss").write(
        tmp_path, html=False, charts=False
    )
    path = path.notebook
    # and a pack changed by hand after it was written: raw HTML in its cells
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.metadata["workbook_pack"]["part"] == "entry")
    cell.source += (
        "\n\n" + "\n\n".join(HOSTILE) + '\n\n<img alt="c" src="data:image/svg+xml;base64,PHN2Zz4=" onload=alert(3)>'
    )
    nbformat.write(nb, path)
    view = _opened(path)
    seen = _assert_inert(view)
    assert "<script>alert('title')</script>" in seen and "<img src=x onerror=alert(1)>" in seen
    assert "[click me](javascript:alert(1))" in seen and "onload=alert(3)" in seen
    assert "![tracker](http://tracker.example/p.png)" in seen


def test_the_packs_own_charts_are_shown(entries, tmp_path):
    journal, one, two = entries
    path = _pack(journal, [one.id, two.id], tmp_path, charts=True)
    charts = _cells(path)["cells"]
    expected = sum("".join(c["source"]).count('<img alt="') for c in charts)
    view = _opened(path)
    _assert_inert(view)
    images = [
        i
        for c in view.pack_box.children
        if isinstance(c, wb_html())
        for i in BeautifulSoup(c.value, "html.parser").find_all("img")
    ]
    assert expected >= 1 and len(images) == expected


def test_render_cell_escapes_html_and_keeps_only_chart_images():
    out = render_cell('A <b>bold</b> &lt;i&gt; word\n\n<img alt="x" src="data:image/svg+xml;base64,PHN2Zz4=">')
    assert "&lt;b&gt;bold&lt;/b&gt;" in out and "&lt;i&gt;" in out
    assert '<img alt="x" src="data:image/svg+xml;base64,PHN2Zz4="' in out
    assert "<img" not in render_cell('<img alt="x" src="https://example.org/a.svg">')
    assert "<a " not in render_cell("[x](https://example.org) <https://example.org>")


def test_no_feedback_or_passphrase_in_the_views_repr_or_display_text(pack):
    path, _, _ = pack
    view = _opened(path)
    view.boxes[0].text.value = FEEDBACK
    view.passphrase.value = PASSPHRASE
    assert FEEDBACK not in repr(view) and PASSPHRASE not in repr(view)
    assert view._repr_mimebundle_()["text/plain"] == repr(view)


# -- bringing the feedback back (the practitioner) ---------------------------------------------------


def _returned(pack, *, general=True):
    """The supervisor's side: feedback on the first entry (educational) and, if asked, on the whole pack."""
    path, _, _ = pack
    view = _opened(path)
    view.boxes[0].text.value = FEEDBACK
    view.boxes[0].function.value = "educational"
    if general:
        view.boxes[-1].text.value = GENERAL
    return view.save()


def _feedback(journal, entry):
    return journal.load([entry.id])[0].feedback


def test_bringing_feedback_back_checks_first_then_adds_it(entries, pack, tmp_path, monkeypatch):
    journal, one, two = entries
    returned = _returned(pack)
    monkeypatch.chdir(tmp_path)
    form = BringBackFeedback(journal, today=DAY)
    assert [v for _, v in form.found.options[1:]] == [shown(returned)]  # returned files only
    assert wb.bring_back_feedback(journal).found.options[1:] == form.found.options[1:]
    form.found.value = shown(returned)
    assert form.add() is None and "press check first" in _said(form.status)

    checked = form.check()
    assert (checked.added, checked.dry_run) == (3, True)  # one comment, and the general one on both entries
    said = _said(form.status)
    assert "would add 3 comments to 2 entries" in said and "nothing was written" in said
    assert FEEDBACK.casefold() not in said and GENERAL.casefold() not in said
    assert _feedback(journal, one) == () and _feedback(journal, two) == ()
    assert not form.add_button.disabled

    form.date.value = DAY - dt.timedelta(days=2)
    added = form.add()
    assert (added.added, added.dry_run) == (3, False) and "added 3 comments" in _said(form.status)
    assert form.add_button.disabled
    mine = _feedback(journal, one)
    assert sorted((f.text, f.function, f.author_role, f.given_on) for f in mine) == sorted(
        [
            (FEEDBACK, "educational", "supervisor", DAY - dt.timedelta(days=2)),
            (GENERAL_PREFIX + GENERAL, None, "supervisor", DAY - dt.timedelta(days=2)),
        ]
    )
    assert [f.text for f in _feedback(journal, two)] == [GENERAL_PREFIX + GENERAL]

    again = form.check()  # the same file twice adds nothing
    assert again.added == 0 and "nothing new" in _said(form.status) and form.add_button.disabled


def test_the_role_can_be_chosen_and_a_changed_file_needs_a_new_check(entries, pack):
    journal, one, _ = entries
    returned = _returned(pack, general=False)
    form = BringBackFeedback(journal, folders=[returned.parent], today=DAY)
    form.path.value = str(returned)
    form.role.value = "practice educator"
    assert form.check().added == 1
    form.path.value = str(returned) + " "  # another choice: the check no longer stands
    assert form.add_button.disabled and form.add() is None
    assert form.check() and form.add().added == 1
    assert [(f.author_role, f.given_on) for f in _feedback(journal, one)] == [("practice educator", DAY)]


def test_a_pack_from_another_journal_is_refused_and_nothing_is_added(pack, entries):
    journal, one, _ = entries
    returned = _returned(pack)
    other = wb.open_journal(":memory:")
    try:
        form = BringBackFeedback(other, folders=[returned.parent])
        form.path.value = str(returned)
        assert form.check() is None
        assert "seal does not match" in _said(form.status) and FEEDBACK.casefold() not in _said(form.status)
        assert form.add_button.disabled
    finally:
        other.close()
    assert _feedback(journal, one) == ()


def test_an_encrypted_returned_file_is_checked_with_its_passphrase(entries, pack):
    journal, one, _ = entries
    returned = _returned(pack, general=False)
    sealed = encrypt_file(returned, returned.with_name(returned.name + ".age"), PASSPHRASE)
    returned.unlink()
    form = BringBackFeedback(journal, folders=[sealed.parent], today=DAY)
    assert [v for _, v in form.found.options[1:]] == [shown(sealed)]
    form.found.value = shown(sealed)
    assert form.check() is None and "encrypted: type the passphrase" in _said(form.status)
    form.passphrase.value = "not the passphrase"
    assert form.check() is None and "the passphrase is wrong" in _said(form.status)
    form.passphrase.value = PASSPHRASE
    assert form.check().added == 1 and form.passphrase.value == ""  # used and dropped
    assert form.add().added == 1 and [f.text for f in _feedback(journal, one)] == [FEEDBACK]


def test_feedback_typed_straight_into_the_notebook_is_read_as_the_import_reads_it(pack):
    path, _, _ = pack
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if c.metadata["workbook_pack"]["part"] == "feedback"]
    cells[0].source = f"{FEEDBACK_PLACEHOLDER}\n\n**Function:** Development\n\n{FEEDBACK}"  # typed under the prompt
    nbformat.write(nb, path)
    view = _opened(path)
    assert (view.boxes[0].text.value, view.boxes[0].function.value) == (FEEDBACK, "development")
    saved = view.save()
    first = next(c for c in _cells(saved)["cells"] if c["metadata"]["workbook_pack"]["part"] == "feedback")
    assert "".join(first["source"]) == f"Function: development\n\n{FEEDBACK}"


def test_a_fault_while_saving_says_the_feedback_is_still_in_the_boxes(pack, monkeypatch):
    path, _, _ = pack
    view = _opened(path)
    view.boxes[0].text.value = FEEDBACK

    def broken(_):
        raise RuntimeError("disk gone")

    monkeypatch.setattr("workbook.documents.notebook.render", broken)
    with pytest.raises(RuntimeError):
        view._guard(view.save)(None)
    assert "still in the boxes" in _said(view.save_status) and view.boxes[0].text.value == FEEDBACK
