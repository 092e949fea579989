"""Notebook 11 in JupyterLab, in a real (headless) browser, offline, on the demo journal: a
practitioner brings in a small Day One export (synthetic), looks at it, sees its tags offered a
place, previews it (nothing written), imports the good entries with the bad one left out, and is
told which entry may name someone; then writes a JSON export, readable by its owner only. The
saved notebook holds none of the entries' words.
"""

from __future__ import annotations

import json
import stat
import time
import uuid

import pytest
from playwright.sync_api import expect
from wbbrowser import Lab, entry_count, require_notebook

pytestmark = pytest.mark.browser

NOTEBOOK = "11_bring_and_take_your_journal.ipynb"
SECRET = f"heron-{uuid.uuid4().hex[:8]}"  # a word of the imported text: never on the page or on disk


def day_one_export() -> dict:
    """Three invented Day One entries: two good (one with a phone number), one with no date."""

    def entry(day: str | None, text: str, tags: list[str]) -> dict:
        found = {"uuid": uuid.uuid4().hex.upper(), "timeZone": "Europe/London", "text": text, "tags": tags}
        if day:
            found["creationDate"] = f"{day}T09:30:00Z"
        return found

    return {
        "metadata": {"version": "1.0"},
        "entries": [
            entry("2021-03-01", f"# Ward round\n\nThe {SECRET} conversation went better.", ["Night shift", "Anxious"]),
            entry("2021-03-04", f"# Handover\n\nI rang 07700 900123 about {SECRET}.", ["Night shift"]),
            entry(None, f"# Lost\n\n{SECRET} without a date.", ["supervision"]),
        ],
    }


def test_a_day_one_export_is_previewed_and_imported_and_the_journal_exported_from_notebook_11(
    lab: Lab, lab_server, notebooks_copy
):
    started = time.monotonic()
    require_notebook(notebooks_copy, NOTEBOOK)
    # beside the notebook, so the form is given a short relative path (no user name in the screenshot)
    source = notebooks_copy / "day-one-export.json"
    written = notebooks_copy / "my-journal-export.json"
    source.write_text(json.dumps(day_one_export()), encoding="utf-8")
    source.chmod(0o600)
    try:
        lab.open(NOTEBOOK)
        lab.run_all()
        form = lab.page.locator(".wb-import").first
        expect(form.locator(".wb-import-look")).to_be_visible(timeout=60_000)
        before = entry_count(lab_server.journal)

        form.locator(".wb-import-path input").fill(source.name)
        form.locator(".wb-import-path input").press("Tab")  # the value reaches the kernel's widget
        form.locator(".wb-import-look").click()
        expect(form.locator(".wb-import-status")).to_contain_text("Read as dayone: 2 entries", timeout=30_000)
        expect(form.locator(".wb-import-tag")).to_have_count(2)
        expect(form.locator(".wb-import-mapping")).to_contain_text("Night shift (2 entries)")
        form.locator(".wb-import-tag-1 select").select_option(label="Keep as a tag of my own")

        form.locator(".wb-import-preview").click()
        preview = form.locator(".wb-import-preview-status")
        expect(preview).to_contain_text("Nothing has been written. Importing would add 2 entries", timeout=30_000)
        expect(preview).to_contain_text("Entry 3: has no creationDate")
        assert entry_count(lab_server.journal) == before  # the dry run wrote nothing

        form.locator(".wb-import-bad-rows label", has_text="Import the good ones").click()
        form.locator(".wb-import-go").click()
        result = form.locator(".wb-import-result")
        expect(result).to_contain_text("Imported 2 entries", timeout=30_000)
        expect(result).to_contain_text("1 entry left out")
        expect(result).to_contain_text("Entry 2 (the entry of 4 March 2021): a phone number")
        expect(result).to_contain_text("notebook 04")
        assert entry_count(lab_server.journal) == before + 2
        expect(form.locator(".wb-import-progress")).to_be_visible()
        assert SECRET not in form.inner_text()
        lab.tab.screenshot("jupyterlab-import", form, docs="jupyterlab-import.png", max_height=1800)

        export = lab.page.locator(".wb-export").first
        export.locator(".wb-export-path input").fill(written.name)
        export.locator(".wb-export-path input").press("Tab")
        export.locator(".wb-export-go").click()
        status = export.locator(".wb-export-status")
        expect(status).to_contain_text("Written:", timeout=30_000)
        expect(status).to_contain_text("Only you can read it.")
        assert written.exists() and stat.S_IMODE(written.stat().st_mode) == 0o600
        assert json.loads(written.read_text(encoding="utf-8"))["format"]

        saved_path = notebooks_copy / NOTEBOOK
        saved_before = saved_path.stat().st_mtime_ns
        lab.page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        deadline = time.monotonic() + 30
        while saved_path.stat().st_mtime_ns == saved_before and time.monotonic() < deadline:
            time.sleep(0.5)
        saved = saved_path.read_text(encoding="utf-8")
        assert SECRET not in saved and "07700" not in saved
        assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"
        assert time.monotonic() - started < 90, "notebook 11 took over a minute and a half"
    finally:
        source.unlink(missing_ok=True)
        written.unlink(missing_ok=True)
