"""The forms fit their boxes in a real browser: full-width fields end inside the form (a
width of 100% plus the widgets' margins clipped their right border by 2-4 px), the 'not
recorded' box stands apart from the stance slider's reading, and the buttons of notebook 03
show their whole labels."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from wbbrowser import Lab, cut_off, open_tag_group, require_notebook

pytestmark = pytest.mark.browser

NEW_ENTRY = "01_journal_a_conversation.ipynb"
HARD = "03_hard_conversations.ipynb"
FIELDS = (".wb-title", ".wb-narrative", ".wb-actions", ".wb-tag-filter")

# every element of ``selector`` inside ``form``, as [{sel, right}] beside the form's right edge
_OVERFLOW = """(form, selectors) => {
    const edge = form.getBoundingClientRect().right;
    const out = [];
    for (const sel of selectors) {
        for (const el of form.querySelectorAll(sel)) {
            const r = el.getBoundingClientRect();
            if (r.width > 0) out.push({sel, right: r.right, edge});
        }
    }
    return out;
}"""


def _run(lab: Lab, notebooks_copy, name: str):
    require_notebook(notebooks_copy, name)
    lab.open(name)
    lab.run_all()


def _assert_inside(form, selectors) -> None:
    measured = form.evaluate(_OVERFLOW, list(selectors))
    assert {m["sel"] for m in measured} == set(selectors), measured  # each was found and measured
    for m in measured:
        assert m["right"] <= m["edge"] + 0.5, f"{m['sel']} ends at {m['right']:.1f}, past the form at {m['edge']:.1f}"


def test_entry_fields_end_inside_the_form_and_the_stance_box_stands_apart(lab, notebooks_copy):
    _run(lab, notebooks_copy, NEW_ENTRY)
    form = lab.page.locator(".wb-entry-form").first
    expect(form.locator(".wb-title input")).to_be_visible(timeout=60_000)
    open_tag_group(form, "feelings")
    _assert_inside(form.element_handle(), FIELDS)

    # the slider's reading, at its longest, never touches its 'not recorded' box
    stance = form.locator(".wb-stance")
    stance.locator(".slider-container, .noUi-target").first.focus()
    lab.page.keyboard.press("End")  # the stoical end: "leaning stoical" or "stoical"
    gap = form.evaluate(
        """f => {
            const readout = f.querySelector('.wb-stance .widget-readout');
            const box = f.querySelector('.wb-stance-none');
            return box.getBoundingClientRect().left - readout.getBoundingClientRect().right;
        }"""
    )
    assert gap >= 8, f"the 'not recorded' box is {gap:.1f} px from the stance reading"


def test_hard_conversation_buttons_show_their_labels_and_fields_fit(lab, notebooks_copy):
    _run(lab, notebooks_copy, HARD)
    view = lab.page.locator(".wb-hard-conversation").first
    expect(view.locator(".wb-prepare-save")).to_be_visible(timeout=60_000)
    for name in ("save", "copy", "discard"):
        button = view.locator(f".wb-prepare-{name}")
        assert not cut_off(button), f"the {name} button cuts its label off"
    _assert_inside(view.element_handle(), (".wb-prepare-fields textarea", ".wb-title", ".wb-narrative"))
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"


def test_entry_fields_end_inside_the_form_in_voila(voila_server, tab):
    page = tab.page
    page.goto(voila_server.url("/"), wait_until="domcontentloaded")
    form = page.locator(".wb-entry-form").first
    expect(form.locator(".wb-title input")).to_be_visible(timeout=120_000)
    open_tag_group(form, "feelings")
    _assert_inside(form.element_handle(), FIELDS)
