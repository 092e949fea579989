"""07 in JupyterLab: the supervisor opens a pack, types feedback under the first entry and
saves it for return; the returned file, read from this process, holds the feedback.

The pack is made here from a small journal of the test's own and put beside the notebook,
where the view looks for packs (the kernel's current folder).
"""

from __future__ import annotations

import datetime as dt
import json
import stat
import uuid

import pytest
from playwright.sync_api import expect
from wbbrowser import Lab, require_notebook

pytestmark = pytest.mark.browser

SUPERVISOR = "07_supervisor_view.ipynb"


def _make_pack(folder):
    """A pack of two entries from a journal of the test's own, written into ``folder``."""
    import workbook as wb
    from workbook.supervision import supervision_pack

    journal = wb.open_journal(":memory:")
    try:
        one = journal.add(title="Home visit", narrative="We talked about the plan.", occurred_on=dt.date(2026, 3, 14))
        two = journal.add(title="Follow-up call", narrative="I phoned back.", occurred_on=dt.date(2026, 3, 15))
        written = supervision_pack(journal, entry_ids=[one.id, two.id], decisions="accept")
        path = written.write(folder, html=False, charts=False).notebook
    finally:
        journal.close()
    return path, one.id


def test_the_supervisor_writes_feedback_and_saves_it_for_return(lab: Lab, notebooks_copy):
    from workbook.models import FEEDBACK_FUNCTION_LABELS

    require_notebook(notebooks_copy, SUPERVISOR)
    pack, first_id = _make_pack(notebooks_copy)
    returned = pack.with_name(pack.name.removesuffix(".ipynb") + "-feedback.ipynb")
    feedback = f"You named the worry early and clearly ({uuid.uuid4().hex[:6]})."
    try:
        lab.open(SUPERVISOR)
        lab.run_all()
        view = lab.page.locator(".wb-supervisor").first
        view.locator(".wb-supervisor-found select").select_option(label=pack.name)
        expect(view.locator(".wb-supervisor-path input")).to_have_value(pack.name)
        view.locator(".wb-supervisor-open").click()
        expect(view.locator(".wb-supervisor-status")).to_contain_text("Opened", timeout=30_000)
        expect(view.locator(".wb-supervisor-pack")).to_contain_text("Home visit")
        boxes = view.locator(".wb-supervisor-feedback textarea")
        expect(boxes).to_have_count(3)  # two entries and the pack as a whole
        boxes.first.fill(feedback)
        view.locator(".wb-supervisor-function select").first.select_option(
            label=FEEDBACK_FUNCTION_LABELS["educational"]
        )
        view.locator(".wb-supervisor-save").click()
        expect(view.locator(".wb-supervisor-save-status")).to_contain_text("Saved for return", timeout=30_000)
        expect(view.locator(".wb-supervisor-save-status")).to_contain_text(returned.name)

        assert stat.S_IMODE(returned.stat().st_mode) == 0o600
        cells = json.loads(returned.read_text(encoding="utf-8"))["cells"]
        first = next(c for c in cells if c["metadata"]["workbook_pack"] == {"part": "feedback", "entry_id": first_id})
        assert "".join(first["source"]) == f"Function: educational\n\n{feedback}"
        assert feedback not in pack.read_text(encoding="utf-8")  # the pack itself is left as it was
        assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"
    finally:
        pack.unlink(missing_ok=True)
        returned.unlink(missing_ok=True)
