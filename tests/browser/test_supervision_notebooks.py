"""Notebook 06 in JupyterLab, in a real (headless) browser, offline: a supervision pack made
through the form as a practitioner would make it.

The test adds one entry to the server's copy of the demo journal, naming someone by a
real-looking name and giving a phone number, then opens notebook 06, runs it, picks that
entry by hand, presses Find, accepts every suggestion and writes the pack. The name is never
on the page until asked for; the files the status line names exist, are 0600 and hold the
suggestions, not the name or the number.
"""

from __future__ import annotations

import stat
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect
from wbbrowser import Lab, require_notebook

pytestmark = pytest.mark.browser

NOTEBOOK = "06_preparing_for_supervision.ipynb"
NAME = "Ottilie Brackenridge"
PHONE = "07700 900461"


def _give_the_server_its_alias_key(server, tmp_path_factory) -> None:
    """The demo journal's alias key, where the server's kernels look for it.

    The session's demo journal is written before any test's own isolation applies, so its
    key lands in the session's user data folder (``workbook-tests-*/data``, see the root
    conftest.py), while the server's kernels look in the server's own
    (``XDG_DATA_HOME=<server home>/xdg``); without it no pack can be sealed."""
    import shutil
    import sqlite3
    import tempfile

    from workbook.journal.alias_key import journal_uid

    with sqlite3.connect(server.journal) as conn:
        name = f"{journal_uid(conn)}.key"
    target = server.journal.parents[1] / "xdg" / "reflective-workbook" / "keys" / name
    if target.exists():
        return
    session = Path(tempfile.gettempdir()).glob(f"workbook-tests-*/data/reflective-workbook/keys/{name}")
    found = next(iter([*session, *tmp_path_factory.getbasetemp().rglob(name)]), None)
    assert found is not None, f"the demo journal's alias key {name} is nowhere to be found"
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(found, target)
    target.chmod(0o600)


@pytest.fixture
def named_entry(lab_server, tmp_path_factory):
    """An entry of today naming ``NAME`` and giving ``PHONE``, moved to the trash afterwards."""
    import workbook as wb

    _give_the_server_its_alias_key(lab_server, tmp_path_factory)
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
