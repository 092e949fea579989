"""01 served as an app by Voilà (as ``workbook app`` serves it): no code on the page, and a
new entry saved from the browser reaches the journal."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from wbbrowser import choose_tag, find_by_title, first_stage_area, open_tag_group, pick_outcome

pytestmark = pytest.mark.browser

NEW_ENTRY = "01_journal_a_conversation.ipynb"


def _code_lines(notebook) -> list[str]:
    """Lines of the notebook's code that its prose does not also quote."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]

    def source(cell):
        return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]

    prose = "\n".join(source(c) for c in cells if c["cell_type"] == "markdown")
    lines = {line.strip() for c in cells if c["cell_type"] == "code" for line in source(c).splitlines()}
    return sorted(line for line in lines if len(line) >= 8 and line not in prose)


def test_new_entry_in_voila_shows_no_code_and_saves(voila_server, tab):
    """(d) Voilà: the form works as in JupyterLab; no input area or code text is on the page."""
    page = tab.page
    page.goto(voila_server.url("/"), wait_until="domcontentloaded")
    form = page.locator(".wb-entry-form").first
    expect(form.locator(".wb-title input")).to_be_visible(timeout=120_000)  # kernel start + imports
    page.wait_for_load_state("load")

    # no code: no input areas or editors, and no line of the notebook's code in the page
    # (Voilà renders markdown cells in a .jp-InputArea too: only code cells' count)
    code_ui = ".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .jp-InputPrompt, .cm-editor, .CodeMirror"
    assert page.locator(code_ui).count() == 0
    html, text = page.content(), page.locator("body").inner_text()
    code = _code_lines(voila_server.root / NEW_ENTRY)
    assert code, "the notebook has no code to hide?"
    shown = [line for line in code if line in html or line in text]
    assert not shown, f"code visible in Voilà: {shown}"

    title = "Ward: talking with Patient Rowan about going home"  # each run has a fresh journal
    answer = "We talked about going home and what the family can and cannot manage."
    assert find_by_title(voila_server.journal, title) is None
    form.locator(".wb-title input").fill(title)
    first_stage_area(form).fill(answer)
    open_tag_group(form, "feelings")
    choose_tag(form, "anxious", 2, tick_first=True)
    choose_tag(form, "relieved", 1, tick_first=False)
    pick_outcome(form, "softened")
    expect(form.locator(".wb-tag-relieved input[type=checkbox]")).to_be_checked()
    open_tag_group(form, "feelings", opened=False)
    tab.screenshot("voila-page", page.locator("#rendered_cells"))  # prose, then the form; no code
    tab.screenshot("voila-new-entry", form, docs="voila-new-entry.png")

    form.locator(".wb-save").click()
    expect(form.locator(".wb-status")).to_contain_text("Saved")
    tab.screenshot("voila-new-entry-saved", form)

    entry = find_by_title(voila_server.journal, title)
    assert entry is not None, "the entry is not in the journal"
    assert entry.outcome == "softened"
    assert answer in entry.responses.values()
    assert {(t.tag, t.intensity) for t in entry.tags} == {("anxious", 2), ("relieved", 1)}
    assert not tab.blocked, f"requests to other machines: {tab.blocked}"


def test_voila_page_requests_nothing_from_another_machine(voila_server, tab):
    """Opening the app must not contact any other machine (the README promises that)."""
    page = tab.page
    page.goto(voila_server.url("/"), wait_until="domcontentloaded")
    expect(page.locator(".wb-entry-form .wb-title input").first).to_be_visible(timeout=120_000)
    page.wait_for_load_state("load")
    assert not tab.blocked, f"requests to other machines: {tab.blocked}"
