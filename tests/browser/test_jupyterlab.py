"""The guided notebooks in JupyterLab, in a real (headless) browser, offline.

Each test opens a notebook in JupyterLab, runs it through ``window.jupyterapp``, works
its form through the stable ``wb-*`` CSS classes as a practitioner would (typing,
clicking, choosing), and then reads the journal file from this process to check what
was saved.
"""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect
from wbbrowser import (
    Lab,
    choose_depth,
    choose_tag,
    cut_off,
    entry_count,
    find_by_title,
    first_stage_area,
    open_tag_group,
    outcome_button,
    pick_outcome,
    require_notebook,
    tick_stance_both,
)

pytestmark = pytest.mark.browser

NEW_ENTRY = "01_journal_a_conversation.ipynb"
REVIEW = "04_review_and_revise.ipynb"
PATTERNS = "05_patterns_in_my_practice.ipynb"


def _open(lab: Lab, notebooks_copy, name: str) -> None:
    require_notebook(notebooks_copy, name)
    lab.open(name)
    lab.run_all()


def _entry_form(lab: Lab):
    form = lab.page.locator(".wb-entry-form").first
    expect(form.locator(".wb-title input")).to_be_visible(timeout=60_000)
    return form


def test_new_entry_is_saved_to_the_journal(lab, notebooks_copy):
    """(a) 01: a stage answer, two feelings with intensities, outcome "softened", both in
    tension, a depth of reflection, Save."""
    from workbook.models import DEPTH_DESCRIPTORS, OUTCOMES

    _open(lab, notebooks_copy, NEW_ENTRY)
    form = _entry_form(lab)
    title = "Home visit: telling Parent Willow about the conference"  # each run has a fresh journal
    answer = "I named the worry about the bruise plainly, then we sat with it for a while."
    assert find_by_title(lab.server.journal, title) is None

    form.locator(".wb-title input").fill(title)
    stage = first_stage_area(form)
    stage.fill(answer)
    open_tag_group(form, "feelings")
    choose_tag(form, "anxious", 3, tick_first=True)  # tick, then choose an intensity
    choose_tag(form, "relieved", 1, tick_first=False)  # choosing an intensity ticks the tag
    expect(form.locator(".wb-tag-relieved input[type=checkbox]")).to_be_checked()
    expect(form.locator(".wb-tags-chosen")).to_contain_text("Anxious")
    expect(form.locator(".wb-tags-chosen")).to_contain_text("Relieved")
    pick_outcome(form, "softened")
    expect(form.locator(".wb-outcome button.mod-active")).to_have_text("Softened")
    for outcome in OUTCOMES:  # the long labels ("Chose not to know (respected)") are not cut off
        button = outcome_button(form, outcome)
        expect(button).to_be_visible()
        assert not cut_off(button), f"the {outcome!r} button cuts its label off"
    tick_stance_both(form)
    choose_depth(form, "dialogic")
    # a name not in the register is said to be so and offered for adding, with a role
    people = form.locator(".wb-people-input input")
    people.fill("Grandad Oak")
    people.press("Enter")
    expect(form.locator(".wb-people-message")).to_contain_text("not in your people register")
    expect(form.locator(".wb-person-pseudonym input")).to_have_value("Grandad Oak")
    form.locator(".wb-person-role select").select_option(label="relative")
    form.locator(".wb-person-add").click()
    expect(form.locator(".wb-people-chips")).to_contain_text("Grandad Oak")
    expect(people).to_have_value("")
    expect(form.locator(".wb-people-message")).to_have_text("")
    expect(people).to_be_visible()  # the box to type in stays after the first person
    form.locator(".wb-people-manage").click()  # Manage people: a new pseudonym; the chip follows
    form.locator(".wb-manage-person select").select_option(label="Grandad Oak (relative)")
    form.locator(".wb-manage-new-name input").fill("Grandad Ash")
    form.locator(".wb-manage-rename").click()
    expect(form.locator(".wb-manage-status")).to_contain_text("Renamed ‘Grandad Oak’ to ‘Grandad Ash’")
    expect(form.locator(".wb-people-chips")).to_contain_text("Grandad Ash")
    expect(form.locator(".wb-depth-descriptor")).to_have_text(DEPTH_DESCRIPTORS["dialogic"])
    open_tag_group(form, "feelings", opened=False)  # the choices stay; a shorter screenshot
    expect(form.locator(".wb-tag-groups")).to_contain_text("My feelings (2 chosen)")
    lab.tab.screenshot("jupyterlab-new-entry", form, docs="jupyterlab-new-entry.png")

    form.locator(".wb-save").click()
    expect(form.locator(".wb-status")).to_contain_text("Saved", timeout=30_000)
    expect(form.locator(".wb-status")).to_contain_text("2 tags")
    lab.tab.screenshot("jupyterlab-new-entry-saved", form)

    entry = find_by_title(lab.server.journal, title)
    assert entry is not None, "the entry is not in the journal"
    assert entry.outcome == "softened"
    assert entry.stance_both is True and entry.stance is None  # the slider was left 'not recorded'
    assert entry.depth == "dialogic"
    assert answer in entry.responses.values()
    assert {(t.tag, t.intensity) for t in entry.tags} == {("anxious", 3), ("relieved", 1)}
    assert entry.people == ("Grandad Ash",)
    assert entry.revision == 1
    expect(form.locator(".wb-title input")).to_have_value("")  # ready for the next entry
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"


def test_saving_without_a_title_shows_the_error_in_the_form(lab, notebooks_copy):
    """(b) 01: Save with no title shows the error beside the title; nothing is saved."""
    _open(lab, notebooks_copy, NEW_ENTRY)
    form = _entry_form(lab)
    marker = f"untitled{uuid.uuid4().hex[:10]}"
    first_stage_area(form).fill(f"An answer written before the title ({marker}).")
    pick_outcome(form, "held")
    before = entry_count(lab.server.journal)

    form.locator(".wb-save").click()
    error = form.locator(".wb-error-title")
    expect(error).to_be_visible()
    expect(error).to_contain_text("is required")
    expect(form.locator(".wb-status")).to_contain_text("Not saved")
    lab.tab.screenshot("jupyterlab-validation-error", form, docs="jupyterlab-validation-error.png")
    assert entry_count(lab.server.journal) == before, "an entry was saved without a title"
    expect(form.locator(".wb-stages textarea").first).to_have_value(re.compile(marker))  # nothing typed was lost

    # adding the title and saving again clears the error and saves
    title = f"Ward round: the title added after the error {marker}"
    form.locator(".wb-title input").fill(title)
    form.locator(".wb-save").click()
    expect(form.locator(".wb-status")).to_contain_text("Saved")
    expect(error).to_have_text("")
    assert entry_count(lab.server.journal) == before + 1
    entry = find_by_title(lab.server.journal, title)
    assert entry is not None and entry.outcome == "held"
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"


def _demo_entry_to_revise(journal_path):
    """A demo entry never revised, whose title is short, plain and unique."""
    import workbook as wb

    with wb.open_journal(journal_path) as journal:
        entries = journal.entries()
        titles = [e.title for e in entries]
        for entry in reversed(entries):
            if (
                entry.revision == 1
                and len(entry.title) < 55
                and titles.count(entry.title) == 1
                and entry.title.replace(" ", "").replace(":", "").replace("-", "").isalnum()
                and entry.outcome in ("held", "avoided")
            ):
                return entry
    raise AssertionError("the demo journal has no entry fit to revise")


def test_an_entry_is_revised_in_the_review_notebook(lab, notebooks_copy):
    """(c) 04: search for a demo entry, open it, change it, save: revision 2 in the journal."""
    from workbook.models import DEPTHS

    require_notebook(notebooks_copy, REVIEW)
    entry = _demo_entry_to_revise(lab.server.journal)
    _open(lab, notebooks_copy, REVIEW)
    review = lab.page.locator(".wb-review").first
    search = review.locator(".wb-review-search input")
    expect(search).to_be_visible(timeout=60_000)

    search.fill(entry.title)
    search.press("Enter")  # the search box sends its value on Enter
    option = review.locator(".wb-review-results option", has_text=entry.title)
    expect(option).to_have_count(1)
    review.locator(".wb-review-results select").select_option(value=option.get_attribute("value"))
    review.locator(".wb-review-open").click()

    editor = review.locator(".wb-review-editor .wb-entry-form")
    expect(editor.locator(".wb-title input")).to_have_value(entry.title)
    new_title = f"{entry.title} (revised)"
    new_outcome = "deferred"
    new_depth = next(d for d in DEPTHS if d != entry.depth)
    editor.locator(".wb-title input").fill(new_title)
    pick_outcome(editor, new_outcome)
    expect(editor.locator(".wb-outcome button.mod-active")).to_have_text("Deferred by decision")
    choose_depth(editor, new_depth)  # rating the depth again is part of revising
    editor.locator(".wb-save").click()
    expect(review.locator(".wb-review-status")).to_contain_text("revision 2")
    expect(editor.locator(".wb-status")).to_contain_text("revision 2")
    lab.tab.screenshot("jupyterlab-review", review, docs="jupyterlab-review.png")

    import workbook as wb

    with wb.open_journal(lab.server.journal) as journal:
        saved = journal.get(entry.id)
        history = journal.history(entry.id)
    assert saved.revision == 2
    assert saved.title == new_title and saved.outcome == new_outcome
    assert saved.depth == new_depth
    assert [r.revision for r in history] == [1, 2]
    assert history[0].entry.title == entry.title and history[0].entry.outcome == entry.outcome

    # the history shows the earlier text beside the new, and restores it as revision 3
    review.locator(".wb-review-history").click()
    diff = review.locator(".wb-review-version-diff")
    expect(diff).to_contain_text("Revision 1 beside the current version (revision 2)", timeout=30_000)
    expect(diff.locator("del")).not_to_have_count(0)
    expect(diff).to_contain_text("(revised)")
    expect(diff).to_contain_text("Deferred by decision")
    for button in (*review.locator(".wb-review-compare button").all(), review.locator(".wb-review-restore-version")):
        assert not cut_off(button), f"{button.inner_text()!r} is cut off"
    review.locator(".wb-review-compare button", has_text="What it changed").click()
    expect(diff).to_contain_text("Revision 1, the first version")
    review.locator(".wb-review-restore-version").click()
    expect(review.locator(".wb-review-status")).to_contain_text("Restored revision 1", timeout=30_000)
    expect(review.locator(".wb-review-history-table")).to_contain_text("restores revision 1")
    lab.tab.screenshot("jupyterlab-review-history", review)
    with wb.open_journal(lab.server.journal) as journal:
        restored = journal.get(entry.id)
        assert [r.revision for r in journal.history(entry.id)] == [1, 2, 3]
    assert (restored.revision, restored.title, restored.outcome) == (3, entry.title, entry.outcome)
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"


def test_patterns_charts_render_offline(lab, notebooks_copy):
    """(e) 05: charts render (a vega-embed with an svg or canvas) with the network cut off,
    and nothing tried to reach a CDN, or any other machine."""
    _open(lab, notebooks_copy, PATTERNS)
    patterns = lab.page.locator(".wb-patterns").first
    drawn = patterns.locator(".vega-embed svg, .vega-embed canvas")
    expect(drawn.first).to_be_visible(timeout=90_000)
    charts = patterns.locator(".wb-patterns-chart")
    n_charts = charts.count()
    assert n_charts >= 1
    for i in range(n_charts):
        chart = charts.nth(i)
        if chart.is_visible():
            expect(chart.locator(".vega-embed svg, .vega-embed canvas").first).to_be_attached(timeout=60_000)
    lab.tab.screenshot("jupyterlab-patterns", patterns, docs="jupyterlab-patterns.png")
    assert not lab.tab.cdn_requests(), f"tried to reach a CDN: {lab.tab.cdn_requests()}"
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"


def test_the_form_warns_of_an_identifier_and_replaces_it(lab, notebooks_copy):
    """01: a phone number typed into the narrative is shown with a button; the button puts
    the label in its place; saving is not blocked."""
    _open(lab, notebooks_copy, NEW_ENTRY)
    form = _entry_form(lab)
    form.locator(".wb-title input").fill(f"Phone call {uuid.uuid4().hex[:6]}")
    narrative = form.locator(".wb-narrative textarea")
    narrative.fill("She asked me to ring her on 07700 900123 after the review.")
    warnings = form.locator(".wb-identifiers")
    expect(warnings).to_contain_text("a phone number", timeout=30_000)
    expect(warnings).to_contain_text("07700 900123")
    lab.tab.screenshot("jupyterlab-identifier-warning", warnings, docs="jupyterlab-identifier-warning.png")
    warnings.locator(".wb-identifier-phone").click()
    expect(narrative).to_have_value("She asked me to ring her on [phone] after the review.", timeout=30_000)
    expect(warnings).not_to_contain_text("a phone number")
    # a warning left standing never stops a save: the entry is saved as written, and the
    # status names the kind found, not the number
    title = f"Kept as written {uuid.uuid4().hex[:6]}"
    form.locator(".wb-title input").fill(title)
    narrative.fill("Her NHS number is 943 476 5919, she said.")
    expect(warnings).to_contain_text("an NHS number", timeout=30_000)
    form.locator(".wb-save").click()
    status = form.locator(".wb-status")
    expect(status).to_contain_text("Saved", timeout=30_000)
    expect(status).to_contain_text("an NHS number")
    expect(status).not_to_contain_text("943 476 5919")
    entry = find_by_title(lab.server.journal, title)
    assert entry is not None and "943 476 5919" in entry.narrative
    assert not lab.tab.blocked, f"requests to other machines: {lab.tab.blocked}"
