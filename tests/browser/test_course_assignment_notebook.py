"""Notebook 08 in JupyterLab, in a real (headless) browser, offline, on the demo journal: a
student starts an assignment notebook with one journal entry pulled in, then checks it before
writing anything, and sees the requirements not met listed, each marked ✗ and "not met"; the
web page to hand in is written beside the notebook.
"""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from wbbrowser import Lab, find_by_title, require_notebook

pytestmark = pytest.mark.browser

NOTEBOOK = "08_course_assignment.ipynb"


def test_an_assignment_is_started_and_checked_from_notebook_08(lab: Lab, lab_server, notebooks_copy):
    from workbook.content.assignments import load_assignments

    title = load_assignments(warn=False)["driscoll-short"].title
    started = time.monotonic()
    require_notebook(notebooks_copy, NOTEBOOK)
    lab.open(NOTEBOOK)
    lab.run_all()
    form = lab.page.locator(".wb-course-assignment").first
    expect(form.locator(".wb-ca-create")).to_be_visible(timeout=60_000)
    expect(form.locator(".wb-ca-about")).to_contain_text("Sections")

    form.locator(".wb-ca-assignment select").select_option(label=title)
    expect(form.locator(".wb-ca-about")).to_contain_text("So what?")
    entries = form.locator(".wb-ca-entries select")
    first = entries.locator("option").first
    entry = find_by_title(lab_server.journal, first.text_content().replace("\xa0", " ").split(" · ", 1)[1])
    entries.select_option(value=first.get_attribute("value"))
    form.locator(".wb-ca-create").click()
    status = form.locator(".wb-ca-create-status")
    expect(status).to_contain_text("Written", timeout=30_000)
    path = Path(status.locator("code").inner_text()).expanduser()
    assert path.exists() and path.name.startswith("driscoll-short-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]["workbook_assignment"]
    assert meta["assignment"] == "driscoll-short" and meta["entries"] == [entry.id]

    chosen = form.locator(".wb-ca-submission select").evaluate("s => s.options[s.selectedIndex].text")
    assert chosen == path.name
    form.locator(".wb-ca-check").click()
    expect(form.locator(".wb-ca-check-status")).to_contain_text("not met yet", timeout=30_000)
    missing = form.locator(".wb-ca-checklist .wb-ca-not-met")
    assert missing.count() > 0
    expect(missing.first).to_contain_text("✗ not met")
    expect(form.locator(".wb-ca-checklist")).to_contain_text("not written yet")
    expect(form.locator(".wb-ca-elements")).to_contain_text("Not written yet.")
    form.locator(".wb-ca-export").click()  # an unwritten notebook still makes a page: "(not written)"
    expect(form.locator(".wb-ca-export-status")).to_contain_text("Written", timeout=30_000)
    page = Path(form.locator(".wb-ca-export-status code").inner_text()).expanduser()
    assert page == path.with_suffix(".html") and stat.S_IMODE(page.stat().st_mode) == 0o600
    lab.tab.screenshot("jupyterlab-course-assignment", form, docs="jupyterlab-course-assignment.png", max_height=1800)
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"
    assert time.monotonic() - started < 60, "notebook 08 took over a minute"
