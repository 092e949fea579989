"""The submission page in a real browser, offline: a student's answers written as script, event
handlers, javascript: links, outside images and styles run nothing and fetch nothing, even with
the page's Content-Security-Policy switched off (so the rendering alone is tested), and the
essay is there to read: the headings, the answers, the word counts."""

from __future__ import annotations

import json

import pytest

from workbook.content.assignments import load_assignments
from workbook.course.student import new_assignment_notebook
from workbook.course.submission import export_submission

pytestmark = pytest.mark.browser

HOSTILE = [
    "<script>window.__ran = 'script'</script>",
    "<img src=x onerror=\"window.__ran = 'onerror'\">",
    "<svg onload=\"window.__ran = 'svg'\"></svg>",
    "[click me](javascript:window.__ran='link') and <a href=\"javascript:window.__ran='a'\">a link</a>",
    '<img src="http://tracker.example/p.png"> <link rel=stylesheet href="https://cdn.example/x.css">',
    '<iframe src="//evil.example/"></iframe> **bold** <b>raw</b> <style>body{background:url(http://x.example/b.png)}</style>',
    "![a picture](http://tracker.example/q.png) and <details open ontoggle=\"window.__ran='details'\">x</details>",
]


@pytest.fixture
def submission_page(tmp_path, monkeypatch):
    monkeypatch.delenv("WORKBOOK_ASSIGNMENTS", raising=False)
    assignment = load_assignments(warn=False)["gibbs-critical-incident"]
    path = new_assignment_notebook(assignment, folder=tmp_path)
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        section = cell["metadata"].get("workbook_assignment", {}).get("section")
        if section == assignment.sections[0].id:
            cell["source"] = "\n\n".join(HOSTILE)
        elif section and section not in ("mappings", "depth", "confidentiality"):
            cell["source"] = f"What I wrote for {section}: I felt unsure at first and asked my supervisor."
    path.write_text(json.dumps(nb), encoding="utf-8")
    # written through the leak check, as a student writes it
    return export_submission(path), assignment


@pytest.mark.parametrize("bypass_csp", [False, True])
def test_the_submission_page_runs_no_script_and_makes_no_request(browser, submission_page, bypass_csp):
    page_path, assignment = submission_page
    context = browser.new_context(bypass_csp=bypass_csp, java_script_enabled=True, service_workers="block")
    url = page_path.as_uri()
    requests, blocked, dialogs = [], [], []

    def route(route):  # offline: anything but the page itself is aborted and recorded
        if route.request.url == url:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__ran") is None
    for element in page.locator("body *:visible").all()[:200]:  # clicking anything leads nowhere
        element.click(force=True, timeout=2_000)
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    assert dialogs == [] and blocked == []
    assert [u for u in requests if u != url] == []
    assert page.locator("script, iframe, svg, link, object, embed, img, a, details").count() == 0
    assert page.locator("style").count() == 1  # the page's own, in its head
    body = page.inner_text("body")
    assert "<script>window.__ran = 'script'</script>" in body and "[click me](javascript:" not in body
    assert "click me" in body and "<b>raw</b>" in body
    headings = page.locator("h2").all_inner_texts()
    assert headings[: len(assignment.sections)] == [s.title for s in assignment.sections]
    assert "words in all" in body
    context.close()
