"""The HTML supervision pack in a real browser: journal text written as script, event
handlers, javascript: links, outside images and Markdown/HTML mixes runs nothing and fetches
nothing, even with the page's Content-Security-Policy switched off (so the escaping alone is
tested), and the charts, static SVG in data: URIs, are drawn."""

from __future__ import annotations

import pytest

import workbook as wb
from workbook.supervision.pack import build_pack, write_html

pytestmark = pytest.mark.browser

HOSTILE = [
    "<script>window.__ran = 'script'</script>",
    "<img src=x onerror=\"window.__ran = 'onerror'\">",
    "<svg onload=\"window.__ran = 'svg'\"></svg>",
    "[click me](javascript:window.__ran='link') and <a href=\"javascript:window.__ran='a'\">a link</a>",
    '<img src="http://tracker.example/p.png"> <link rel=stylesheet href="https://cdn.example/x.css">',
    '<iframe src="//evil.example/"></iframe> **bold** <b>raw</b> $x$ <style>body{background:url(http://x.example/b.png)}</style>',
]


@pytest.fixture
def pack_page(tmp_path):
    from workbook.demo import write_demo_journal

    with wb.open_journal(write_demo_journal(tmp_path / "demo.db")) as journal:
        entry = journal.add(
            title="<script>window.__ran = 'title'</script>",
            narrative="\n\n".join(HOSTILE),
            actions=[{"text": "<img src=y onerror=\"window.__ran = 'action'\"> ring back"}],
            occurred_on=journal.entries()[-1].occurred_on,
        )
        others = [e.id for e in journal.entries(flagged=True)[-2:]]
        draft = wb.supervision_pack(journal, entry_ids=[*others, entry.id], decisions="accept")
        pack = build_pack(draft)
    # written without the leak check (which refuses an unescaped page too), so the page's own escaping is what is tested
    page = write_html(pack, tmp_path / "pack.html")
    assert len(pack.charts) >= 2
    return page, len(pack.charts)


@pytest.mark.parametrize("bypass_csp", [False, True])
def test_the_pack_page_runs_no_script_and_makes_no_request(browser, pack_page, bypass_csp):
    page_path, charts = pack_page
    context = browser.new_context(bypass_csp=bypass_csp, java_script_enabled=True)
    page = context.new_page()
    requests, dialogs = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    url = page_path.as_uri()
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    # clicking every link on the page goes nowhere outside it
    for link in page.locator("a").all():
        link.click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    assert dialogs == []
    outside = [u for u in requests if not (u == url or u.startswith(url + "#") or u.startswith("data:"))]
    assert outside == []
    assert page.locator("script, iframe, svg, link, object, embed").count() == 0
    # the hostile text is there to read, as typed
    body = page.inner_text("body")
    assert "<script>window.__ran = 'script'</script>" in body and "[click me](javascript:" in body
    # every image is a chart, and each one is drawn
    sizes = page.evaluate("[...document.images].map(i => [i.src.slice(0, 26), i.naturalWidth])")
    assert len(sizes) == charts and all(src == "data:image/svg+xml;base64," and w > 0 for src, w in sizes)
    context.close()
