"""Notebooks 06 and 07 in JupyterLab, in a real (headless) browser, offline: a supervision pack
made through the form as a practitioner would make it, and the whole round trip.

The test adds one entry to the server's copy of the demo journal, naming someone by a
real-looking name and giving a phone number, then opens notebook 06, runs it, picks that
entry by hand, presses Find, accepts every suggestion and writes the pack. The name is never
on the page until asked for; the files the status line names exist, are 0600 and hold the
suggestions, not the name or the number.

The round trip goes on from there as the three people would: the practitioner writes the pack in
06; the supervisor opens that file in 07, types feedback under the entry and saves it for
return; the practitioner, in 07's second form, checks the returned file and adds the feedback,
which is then on the entry in the journal (and a second Check finds nothing new).
"""

from __future__ import annotations

import stat
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect
from wbbrowser import Lab, require_notebook

SUPERVISOR = "07_supervisor_view.ipynb"

pytestmark = pytest.mark.browser

NOTEBOOK = "06_preparing_for_supervision.ipynb"
NAME = "Ottilie Brackenridge"
PHONE = "07700 900461"


@pytest.fixture
def named_entry(lab_server):
    """An entry of today naming ``NAME`` and giving ``PHONE``, moved to the trash afterwards."""
    import workbook as wb

    title = f"Doorstep talk {uuid.uuid4().hex[:8]}"
    with wb.open_journal(lab_server.journal) as journal:
        entry = journal.add(
            title=title,
            narrative=f"At the gate {NAME} stopped me; she gave me her number, {PHONE}, for the school run.",
        )
    yield title
    with wb.open_journal(lab_server.journal) as journal:
        journal.delete(entry.id)


def _shown_path(text: str) -> Path:
    return Path(text).expanduser()


def test_a_pack_is_written_from_notebook_06(lab: Lab, notebooks_copy, named_entry):
    require_notebook(notebooks_copy, NOTEBOOK)
    lab.open(NOTEBOOK)
    lab.run_all()
    form = lab.page.locator(".wb-supervision").first
    expect(form.locator(".wb-sup-find")).to_be_visible(timeout=60_000)
    expect(form.locator(".wb-sup-write")).to_be_disabled()

    form.locator(".wb-sup-mode label", has_text="Picked by hand").click()
    option = form.locator(".wb-sup-pick option", has_text=named_entry)
    expect(option).to_have_count(1)
    form.locator(".wb-sup-pick select").select_option(value=option.get_attribute("value"))
    form.locator(".wb-sup-summary input[type=checkbox]").uncheck()  # no charts: a quicker pack
    form.locator(".wb-sup-find").click()

    count = form.locator(".wb-sup-count")
    expect(count).to_contain_text("0 of ", timeout=30_000)
    expect(form.locator(".wb-sup-finding", has_text="Possibly a name")).to_contain_text("[name 1]")
    expect(form.locator(".wb-sup-finding", has_text="A phone number")).to_contain_text("[phone]")
    shown = form.inner_text()
    assert NAME not in shown and PHONE not in shown, "the name is on the page before it was asked for"
    expect(form.locator(".wb-sup-write")).to_be_disabled()

    form.locator(".wb-sup-accept-all").click()
    expect(count).to_contain_text("Every finding is answered")
    write = form.locator(".wb-sup-write")
    expect(write).to_be_enabled()
    write.click()
    status = form.locator(".wb-sup-write-status")
    expect(status).to_contain_text("Written", timeout=30_000)
    lab.tab.screenshot("jupyterlab-supervision", form)

    paths = [_shown_path(t) for t in status.locator("code").all_inner_texts()]
    assert {p.suffix for p in paths} == {".ipynb", ".html"}
    for path in paths:
        assert path.exists(), path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        data = path.read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes the brackets
        assert "[name 1]" in data and "[phone]" in data
        assert "Brackenridge" not in data and PHONE not in data
    assert NAME not in form.inner_text()
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"


def _write_pack_in_06(lab: Lab, title: str) -> Path:
    """Notebook 06: pick the entry called ``title``, accept every suggestion, write; the notebook's path."""
    lab.open(NOTEBOOK)
    lab.run_all()
    form = lab.page.locator(".wb-supervision").first
    expect(form.locator(".wb-sup-find")).to_be_visible(timeout=60_000)
    form.locator(".wb-sup-mode label", has_text="Picked by hand").click()
    option = form.locator(".wb-sup-pick option", has_text=title)
    form.locator(".wb-sup-pick select").select_option(value=option.get_attribute("value"))
    form.locator(".wb-sup-questions textarea").fill("How do I keep the school run talk from drifting?")
    form.locator(".wb-sup-summary input[type=checkbox]").uncheck()  # a short pack: its entry shows in the screenshot
    form.locator(".wb-sup-find").click()
    expect(form.locator(".wb-sup-count")).to_contain_text("0 of ", timeout=60_000)
    lab.tab.screenshot("jupyterlab-supervision-review", form, docs="jupyterlab-supervision-review.png")
    form.locator(".wb-sup-accept-all").click()
    form.locator(".wb-sup-write").click()
    status = form.locator(".wb-sup-write-status")
    expect(status).to_contain_text("Written", timeout=60_000)
    return next(p for p in map(_shown_path, status.locator("code").all_inner_texts()) if p.suffix == ".ipynb")


def test_the_whole_round_trip_from_06_to_the_supervisor_and_back(lab: Lab, lab_server, notebooks_copy, named_entry):
    import workbook as wb

    require_notebook(notebooks_copy, NOTEBOOK)
    require_notebook(notebooks_copy, SUPERVISOR)
    pack = _write_pack_in_06(lab, named_entry)
    returned = pack.with_name(pack.name.removesuffix(".ipynb") + "-feedback.ipynb")
    feedback = f"You kept to what you had seen, and said it plainly ({uuid.uuid4().hex[:6]})."

    lab.open(SUPERVISOR)  # the supervisor's side: the file they were sent
    lab.run_all()
    view = lab.page.locator(".wb-supervisor").first
    expect(view.locator(".wb-supervisor-open")).to_be_visible(timeout=60_000)
    view.locator(".wb-supervisor-path input").fill(str(pack))
    view.locator(".wb-supervisor-open").click()
    expect(view.locator(".wb-supervisor-status")).to_contain_text("Opened", timeout=30_000)
    shown = view.locator(".wb-supervisor-pack")
    expect(shown).to_contain_text("[name 1]")
    assert NAME not in shown.inner_text() and PHONE not in shown.inner_text()
    view.locator(".wb-supervisor-feedback textarea").first.fill(feedback)
    view.locator(".wb-supervisor-save").click()
    expect(view.locator(".wb-supervisor-save-status")).to_contain_text("Saved for return", timeout=30_000)
    lab.tab.screenshot("jupyterlab-supervisor-view", view, docs="jupyterlab-supervisor-view.png", max_height=1600)
    assert returned.exists() and feedback in returned.read_text(encoding="utf-8")

    back = lab.page.locator(".wb-bring-back").first  # the practitioner's side
    back.locator(".wb-bring-back-path input").fill(str(returned))
    back.locator(".wb-bring-back-check").click()
    status = back.locator(".wb-bring-back-status")
    expect(status).to_contain_text("Would add 1 comment to 1 entry", timeout=30_000)
    assert feedback not in status.inner_text()
    back.locator(".wb-bring-back-add").click()
    expect(status).to_contain_text("Added 1 comment to 1 entry", timeout=30_000)
    back.locator(".wb-bring-back-check").click()
    expect(status).to_contain_text("Nothing new", timeout=30_000)

    with wb.open_journal(lab_server.journal) as journal:
        entry = next(e for e in journal.entries() if e.title == named_entry)
        assert [(f.author_role, f.text) for f in entry.feedback] == [("supervisor", feedback)]
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"
