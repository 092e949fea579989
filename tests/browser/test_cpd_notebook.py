"""Notebook 10 in JupyterLab, in a real (headless) browser, offline, on the demo journal: a social
worker makes a Social Work England CPD record from one entry, accepts every suggestion, saves it,
and writes it as a Word document, which is there, readable by its owner only.
"""

from __future__ import annotations

import datetime as dt
import stat
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from wbbrowser import Lab, require_notebook

pytestmark = pytest.mark.browser

NOTEBOOK = "10_cpd_and_revalidation.ipynb"
STRANGER = "Bartholomew Fennimore"  # an unregistered name: a finding to answer


def test_a_swe_record_is_made_saved_and_written_as_word_from_notebook_10(lab: Lab, lab_server, notebooks_copy):
    started = time.monotonic()
    require_notebook(notebooks_copy, NOTEBOOK)
    lab.open(NOTEBOOK)
    lab.run_all()
    form = lab.page.locator(".wb-cpd").first
    expect(form.locator(".wb-cpd-check")).to_be_visible(timeout=60_000)
    expect(form.locator(".wb-cpd-swe-status")).to_contain_text("Social Work England, registration year")
    before = len(lab_server_records(lab_server))

    entries = form.locator(".wb-cpd-entries select")
    entries.select_option(value=entries.locator("option").first.get_attribute("value"))
    fields = {
        "cpd_type": "Reflective conversation",
        "description_relevance": f"A home visit with {STRANGER}, and why it matters to how I explain plans.",
        "learned": "Listening before explaining.",
        "impact_practice": "I leave longer pauses.",
        "impact_people": "Families say they feel heard.",
        "peer_reflection": "My colleague asked me to slow down.",
    }
    for name, text in fields.items():
        form.locator(f".wb-cpd-field-{name}").locator("input, textarea").first.fill(text)
    form.locator(".wb-cpd-field-peer_role input").fill("A social work colleague")
    day = dt.date.today() - dt.timedelta(days=7)
    form.locator(".wb-cpd-field-occurred_on input").fill(day.isoformat())
    form.locator(".wb-cpd-field-standards-4-2 input").check()

    form.locator(".wb-cpd-check").click()
    expect(form.locator(".wb-cpd-status")).to_contain_text("that could identify someone", timeout=30_000)
    save = form.locator("button.wb-cpd-save")
    expect(save).to_be_disabled()
    form.locator(".wb-cpd-accept-all").click()
    expect(form.locator(".wb-cpd-count")).to_contain_text("Every finding is answered", timeout=30_000)
    expect(save).to_be_enabled()
    save.click()
    expect(form.locator(".wb-cpd-save-status")).to_contain_text("Saved", timeout=30_000)
    assert len(lab_server_records(lab_server)) == before + 1

    form.locator(".wb-cpd-format button", has_text="Word").click()
    form.locator(".wb-cpd-write").click()
    status = form.locator(".wb-cpd-write-status")
    expect(status).to_contain_text("Written", timeout=30_000)
    path = Path(status.locator("code").inner_text()).expanduser()
    assert path.exists() and path.suffix == ".docx" and path.name.startswith("swe-cpd-record-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes()[:2] == b"PK"  # a Word document is a zip
    lab.tab.screenshot("jupyterlab-cpd-records", form, docs="jupyterlab-cpd-records.png", max_height=1800)
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"
    assert time.monotonic() - started < 60, "notebook 10 took over a minute"


def lab_server_records(lab_server) -> list:
    import workbook as wb

    with wb.open_journal(lab_server.journal) as journal:
        return journal.cpd_records()
