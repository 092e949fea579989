"""The leak check looks inside SVG images carried as data URIs (base64 or percent-encoded):
their text and attribute values for names, identifiers, paths and unchosen entry text, their
markup for scripts, handlers and outside addresses; and a real pack's charts pass clean."""

from __future__ import annotations

import base64
import dataclasses
import json
import urllib.parse

import nbformat
import pytest

import workbook as wb
from workbook.demo import DEFAULT_PERSONA, phrasebank, write_demo_journal
from workbook.documents.notebook import render
from workbook.supervision import supervision_pack
from workbook.supervision.html import render_pack
from workbook.supervision.leaks import check_share
from workbook.supervision.pack import build_pack, notebook_of

NOT_CHOSEN = "The daughter said she could not bear to watch her father struggle for breath every single night."
CHOSEN = "We sat together in the family room and talked through what the next few days might bring for everyone."
ALIAS = "Quenby Thistlewood"


@pytest.fixture
def pack_journal(tmp_path):
    j = wb.Journal(tmp_path / "j" / "journal.db")
    j.people.add("Parent A", "parent", aliases=[ALIAS])
    chosen = j.add(title="Family meeting", narrative=CHOSEN)
    other = j.add(title="Night call", narrative=NOT_CHOSEN)
    yield j, chosen, other
    j.close()


def svg(inner: str, root: str = "") -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg"{root} width="100" height="40">{inner}</svg>'


def b64(markup: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(markup.encode("utf-8")).decode("ascii")


def pct(markup: str) -> str:
    return "data:image/svg+xml;charset=utf-8," + urllib.parse.quote(markup)


def html_pack(tmp_path, chosen_id: str, body: str):
    page = tmp_path / "pack.html"
    manifest = json.dumps({"entries": [chosen_id]}).replace('"', "&quot;")
    page.write_text(
        f'<html><head><meta name="workbook-pack" content="{manifest}"></head>\n<body><p>{CHOSEN}</p>\n{body}\n</body></html>',
        encoding="utf-8",
    )
    return page


def notebook_pack(tmp_path, chosen_id: str, markdown: str):
    nb = nbformat.v4.new_notebook()
    nb.metadata["workbook_pack"] = {"format": 1, "entries": [chosen_id]}
    nb.cells.append(nbformat.v4.new_markdown_cell(f"{CHOSEN}\n\n{markdown}"))
    path = tmp_path / "pack.ipynb"
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def pairs(findings) -> set[tuple[str, str]]:
    return {(f.kind, f.place) for f in findings}


def test_a_registered_name_only_inside_an_svg_text_in_a_base64_uri_is_found(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    chart = b64(svg(f"<text x='5' y='20'>{ALIAS}</text>"))
    page = html_pack(tmp_path, chosen.id, f'<img alt="Chart" src="{chart}">')
    assert "thistlewood" not in page.read_text().casefold()  # only the decoded image holds it
    found = check_share(page, j)
    assert pairs(found) == {("register-name", "pack.html line 3 SVG image 1")}
    assert "thistlewood" not in str(found).casefold() and "Q… (18 characters)" in found[0].hint


@pytest.mark.parametrize(
    ("where", "encode"),
    [
        ("<title>", b64),
        ("<desc>", pct),
        ("aria-label", b64),
        ("tspan", pct),
    ],
)
def test_a_name_in_any_text_or_label_of_the_svg_is_found(pack_journal, tmp_path, where, encode):
    j, chosen, _ = pack_journal
    inner = {
        "<title>": f"<title>Visits with {ALIAS}</title>",
        "<desc>": f"<desc>About {ALIAS.upper()}</desc>",
        "aria-label": f'<g aria-label="Bar: {ALIAS}"><rect width="5" height="5"/></g>',
        "tspan": f"<text><tspan>{ALIAS}'s</tspan></text>",
    }[where]
    page = notebook_pack(tmp_path, chosen.id, f'<img src="{encode(svg(inner))}">')
    found = check_share(page, j)
    assert pairs(found) == {("register-name", "pack.ipynb cell 0 SVG image 1")}


def test_a_percent_encoded_svg_in_markdown_is_read(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    md = tmp_path / "entry.md"
    markup = svg("<text>Ring 07700 900123</text>")
    md.write_text(
        f'<!-- workbook-pack: {{"entries": ["{chosen.id}"]}} -->\n\n{CHOSEN}\n\n![chart]({pct(markup)})\n',
        encoding="utf-8",
    )
    found = check_share(md, j)
    assert pairs(found) == {("identifier", "entry.md line 5 SVG image 1")}
    assert "900123" not in str(found)


def test_unchosen_entry_text_and_the_journal_path_inside_an_svg_are_found(pack_journal, tmp_path):
    j, chosen, other = pack_journal
    words = NOT_CHOSEN.split()
    labels = "".join(f"<text y='{n}'>{' '.join(words[n : n + 3])}</text>" for n in range(0, 9, 3))
    page = html_pack(tmp_path, chosen.id, f'<img src="{b64(svg(labels))}">')
    found = check_share(page, j)
    assert pairs(found) == {("unchosen-entry-text", "pack.html line 3 SVG image 1")}
    assert other.id[:8] in found[0].hint
    comment = b64(svg(f"<!-- made from {j.path} -->"))
    page = html_pack(tmp_path, chosen.id, f'<img src="{comment}">')
    assert pairs(check_share(page, j)) == {("journal-path", "pack.html line 3 SVG image 1")}


@pytest.mark.parametrize(
    ("markup", "what"),
    [
        (svg("<script>alert(1)</script>"), "a <script> element"),
        (svg("<script><![CDATA[fetch('x')]]></script>"), "a <script> element"),
        (svg("", root=' onload="alert(1)"'), "an on* event handler"),
        ("<svg/onload=alert(1)></svg>", "an on* event handler"),
        (svg('<image href="https://example.org/x.png" width="5" height="5"/>'), "an external address"),
        (
            svg('<use xlink:href="other.svg#shape"/>', root=' xmlns:xlink="http://www.w3.org/1999/xlink"'),
            "an external address",
        ),
        (svg('<a href="&#106;avascript:alert(1)"><text>x</text></a>'), "a javascript: URL"),
        (svg("<style>@import 'https://example.org/a.css';</style>"), "an external address in a style"),
        (svg("<rect style=\"fill:url('//example.org/p')\"/>"), "an external address in a style"),
    ],
)
def test_scripts_and_outside_requests_inside_an_svg_are_found(pack_journal, tmp_path, markup, what):
    j, chosen, _ = pack_journal
    for encode in (b64, pct):
        page = html_pack(tmp_path, chosen.id, f'<img src="{encode(markup)}">')
        found = check_share(page, j)
        assert ("script", "pack.html line 3 SVG image 1") in pairs(found), (markup, encode.__name__)
        assert {f.kind for f in found} == {"script"}
        assert what in {f.hint for f in found if f.place.endswith("SVG image 1")}


def test_links_inside_the_image_itself_are_not_outside_requests(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    markup = svg(
        '<defs><linearGradient id="g"/></defs><use href="#g"/><use xlink:href="#g"/>'
        '<image href="data:image/png;base64,iVBORw0KGgo=" width="5" height="5"/>',
        root=' xmlns:xlink="http://www.w3.org/1999/xlink"',
    )
    page = html_pack(tmp_path, chosen.id, f'<img src="{b64(markup)}">')
    assert check_share(page, j) == []


def test_an_svg_inside_an_svg_is_read(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    inner = svg("<script>alert(1)</script>")
    outer = svg(f'<image href="{b64(inner)}" width="5" height="5"/>')
    page = html_pack(tmp_path, chosen.id, f'<img src="{b64(outer)}">')
    assert pairs(check_share(page, j)) == {("script", "pack.html line 3 SVG image 1 SVG image 1")}


@pytest.fixture(scope="module")
def demo_pack(tmp_path_factory):
    """A pack of the demo journal as it is written, with the period's charts."""
    folder = tmp_path_factory.mktemp("demo")
    journal = wb.open_journal(write_demo_journal(folder / "journal" / "demo.db"))
    flagged = journal.entries(flagged=True)[-4:]
    pack = build_pack(supervision_pack(journal, entry_ids=[e.id for e in flagged], decisions="accept"))
    yield journal, pack, folder
    journal.close()


def _write(pack, folder):
    nb, page = folder / "p.ipynb", folder / "p.html"
    nb.write_text(render(notebook_of(pack)), encoding="utf-8")
    page.write_text(render_pack(pack), encoding="utf-8")
    return nb, page


def test_the_charts_of_a_real_pack_pass_clean_and_are_read(demo_pack):
    journal, pack, folder = demo_pack
    assert len(pack.charts) >= 3
    for path in _write(pack, folder):
        assert check_share(path, journal) == []
    # the same pack with a registered name in one chart's labels: found there, in both files
    alias = max((a for _, _, aliases in phrasebank.load().persona(DEFAULT_PERSONA).people for a in aliases), key=len)
    heading, guide, chart = pack.charts[0]
    planted = chart.replace("</svg>", f"<text>{alias}</text></svg>")
    leaky = dataclasses.replace(pack, charts=((heading, guide, planted), *pack.charts[1:]))
    for path in _write(leaky, folder):
        found = check_share(path, journal)
        assert {f.kind for f in found} == {"register-name"}
        assert all(" SVG image " in f.place for f in found)
        assert alias.casefold() not in str(found).casefold()
