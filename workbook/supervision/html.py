"""The pack as one offline web page: no script, no outside address, every journal-derived string escaped

:func:`render_pack` and :func:`render_entry` return the page's text. Everything that came
from the journal or the practitioner (titles, answers, labels, questions, summary sentences)
goes through :func:`text`: ``html.escape``, and then ``=``, ``javascript:`` and ``url(`` as
character references, so not even escaped text looks like a handler or a link to a scanner.
The page's Content-Security-Policy allows no script, no request, and images only from
``data:`` URIs (the charts, static SVG). The pack's manifest rides in
``<meta name="workbook-pack">`` for the leak check.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pack import Pack, PackEntry

__all__ = ["CSP", "page", "paragraphs", "render_entry", "render_pack", "svg_data_uri", "text"]

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_JS = re.compile(r"(javascript|vbscript|data)(\s*):", re.I)
_URL = re.compile(r"(url)(\s*)\(", re.I)
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1d1d1f; }
h1, h2, h3 { line-height: 1.25; }
section.entry { border-top: 1px solid #ccc; margin-top: 2rem; }
.meta { color: #555; }
.feedback { border-left: 4px solid #8a6; padding: .25rem .75rem; color: #444; background: #f6f8f2; }
img.chart { max-width: 100%; height: auto; }
.id { color: #777; font-size: .85em; }
"""


def text(value: Any) -> str:
    """``value`` as HTML text: escaped, with ``=``, ``javascript:`` and ``url(`` written as
    character references (a browser shows them as typed)."""
    out = html.escape(str(value), quote=True).replace("=", "&#61;")
    out = _JS.sub(r"\1\2&#58;", out)
    return _URL.sub(r"\1\2&#40;", out)


def paragraphs(value: str) -> str:
    """Text with blank lines as paragraphs and single line breaks kept."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", value.strip()) if b.strip()]
    return "\n".join("<p>" + "<br>\n".join(text(line.strip()) for line in b.splitlines()) + "</p>" for b in blocks)


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def page(title: str, manifest: dict[str, Any], body: Iterable[str]) -> str:
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="workbook-pack" content="{html.escape(json.dumps(manifest, sort_keys=True))}">',
        f"<title>{text(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>", ""])


def _entry_section(entry: PackEntry, *, feedback_note: str | None) -> list[str]:
    out = [f'<section class="entry" id="entry-{text(entry.entry_id)}">', f"<h2>{text(entry.heading)}</h2>"]
    meta = entry.facts()
    if meta:
        out.append('<p class="meta">' + " · ".join(f"<strong>{text(k)}:</strong> {text(v)}" for k, v in meta) + "</p>")
    if entry.tags:
        out.append('<p class="meta"><strong>Tags:</strong> ' + text(", ".join(entry.tags)) + "</p>")
    for heading, body in entry.stages:
        out += [f"<h3>{text(heading)}</h3>", paragraphs(body)]
    if entry.narrative:
        out += ["<h3>Narrative</h3>", paragraphs(entry.narrative)]
    if entry.actions:
        out.append("<h3>Action points</h3>")
        out.append("<ul>" + "".join(f"<li>{text(a.line())}</li>" for a in entry.actions) + "</ul>")
    out.append(f'<p class="id">Entry {text(entry.entry_id)}</p>')
    if feedback_note:
        out.append(f'<p class="feedback">{text(feedback_note)}</p>')
    out.append("</section>")
    return out


def render_pack(pack: Pack) -> str:
    """The whole pack as one self-contained page."""
    body = [f"<h1>{text(pack.title)}</h1>", f'<p class="meta">{text(pack.subtitle)}</p>']
    body += ["<h2>Agenda</h2>", "<ol>"]
    body += [f'<li><a href="#entry-{text(e.entry_id)}">{text(e.heading)}</a></li>' for e in pack.entries]
    body.append("</ol>")
    if pack.questions:
        body += ["<h2>Questions for supervision</h2>", "<ol>"]
        body += [f"<li>{text(q)}</li>" for q in pack.questions]
        body.append("</ol>")
    open_actions = pack.open_actions()
    if open_actions:
        body += ["<h2>Open action points</h2>", "<ul>"]
        body += [f"<li>{text(a.line())} <span class='id'>({text(e.heading)})</span></li>" for e, a in open_actions]
        body.append("</ul>")
    if pack.summary or pack.charts:
        body.append(f"<h2>{text(pack.patterns_heading)}</h2>")
        body += [f"<p>{text(s)}</p>" for s in pack.summary]
        for heading, guide, svg in pack.charts:
            body += [f"<h3>{text(heading)}</h3>", f"<p class='meta'>{text(guide)}</p>"]
            body.append(f'<img class="chart" alt="{text(heading)}" src="{svg_data_uri(svg)}">')
    note = pack.feedback_note
    for entry in pack.entries:
        body += _entry_section(entry, feedback_note=note)
    return page(pack.title, pack.manifest, body)


def render_entry(pack: Pack) -> str:
    """The one entry of a single-entry pack, as a page (for a portfolio or a peer)."""
    (entry,) = pack.entries
    body = [f"<h1>{text(entry.heading)}</h1>", f'<p class="meta">{text(pack.entry_note)}</p>']
    body += _entry_section(entry, feedback_note=None)
    return page(entry.heading, pack.manifest, body)
