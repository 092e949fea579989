"""What a browser session writes to disk: with autosave every 5 s and widget state saved
(the riskiest settings), no text typed into a form and no widget state reaches a saved
notebook, every file in the workspace is 0600, and the repository's notebooks are unchanged."""

from __future__ import annotations

import json
import stat
import time
import uuid

import pytest
from playwright.sync_api import expect
from wbbrowser import REPO, Lab, require_notebook

pytestmark = pytest.mark.browser

NEW_ENTRY = "01_journal_a_conversation.ipynb"


def _files(folder):
    return [p for p in folder.rglob("*") if p.is_file()]


def test_a_form_typed_into_and_saved_leaves_nothing_on_disk(lab: Lab, notebooks_copy, checkout_notebooks):
    require_notebook(notebooks_copy, NEW_ENTRY)
    lab.open(NEW_ENTRY)
    lab.run_all()
    form = lab.page.locator(".wb-entry-form").first
    marker = f"Talked with Kayden-{uuid.uuid4().hex[:8]} about the drinking"
    expect(form.locator(".wb-title input")).to_be_visible(timeout=60_000)
    form.locator(".wb-title input").fill(marker)
    form.locator(".wb-title input").press("Tab")  # the value reaches the kernel's widget
    saved_path = notebooks_copy / NEW_ENTRY
    before = saved_path.stat().st_mtime_ns
    # an explicit save, a checkpoint, and autosave (every 5 s) all get their chance
    lab.page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    deadline = time.monotonic() + 30
    while saved_path.stat().st_mtime_ns == before and time.monotonic() < deadline:
        time.sleep(0.5)
    assert saved_path.stat().st_mtime_ns != before, "the notebook was not saved"
    time.sleep(7)  # one autosave more
    saved = json.loads(saved_path.read_text())
    assert "widgets" not in saved["metadata"]
    assert all(not c.get("outputs") for c in saved["cells"] if c["cell_type"] == "code")
    leaking = [
        p.relative_to(notebooks_copy).as_posix() for p in _files(notebooks_copy) if marker.encode() in p.read_bytes()
    ]
    assert leaking == []
    wide = [
        p.relative_to(notebooks_copy).as_posix()
        for p in _files(notebooks_copy)
        if stat.S_IMODE(p.stat().st_mode) != 0o600
    ]
    assert wide == []
    assert (notebooks_copy / ".ipynb_checkpoints").is_dir()
    now = {p.name: p.read_bytes() for p in sorted((REPO / "notebooks").glob("*.ipynb"))}
    assert now == checkout_notebooks, "the repository's notebooks changed"
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"
