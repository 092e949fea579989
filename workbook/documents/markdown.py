"""Journal text as Markdown that shows exactly what was typed, and a pack's Markdown as safe HTML.

``md_text`` and ``md_paragraphs`` write journal text into a notebook the workbook makes at run
time (a supervision pack, a student's assignment notebook) so that it shows as typed: Markdown's
punctuation escaped, a line start that would make a list kept as text, links and schemes broken
up, HTML escaped. ``pack_markdown_html`` renders such a notebook's cells for a form.

Both sides of supervision show a pack inside JupyterLab: the practitioner's preview before
writing it (notebook 06) and the supervisor's view of the file they were sent (notebook 07).
The file may have been changed by anyone on the way, so rendering trusts nothing in it:
mistune renders the Markdown with raw HTML escaped, links are shown as their text (never
followed), images as their alternative text, and the only markup let through is the pack's
own: its chart images (``<img alt=… src="data:image/svg+xml;base64,…">``, rebuilt here from
their decoded base64) and the small entry line (``<small>…</small>``, rebuilt from its words).
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import secrets
from typing import Any

__all__ = ["md_paragraphs", "md_text", "pack_markdown_html"]

_MD_PUNCT = re.compile(r"([\\`*_{}\[\]()#!|~=$])")
_JS = re.compile(r"(?i)\b(javascript|vbscript|data|https?|ftp|file)(\s*):")
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+])")
_WWW = re.compile(r"(?i)\b(www)\.")


def md_text(value: Any) -> str:
    """One line of journal text as Markdown that shows exactly what was typed."""
    line = " ".join(str(value).split())
    line = _MD_PUNCT.sub(r"\\\1", line)
    line = _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", line)
    line = _WWW.sub(r"\1\\.", line)
    line = _JS.sub(r"\1\2\\:", line)
    return html.escape(line, quote=False)


def md_paragraphs(value: str) -> str:
    """Journal text as Markdown paragraphs: blank lines kept, single line breaks kept."""
    blocks = [b for b in re.split(r"\n\s*\n", value.strip()) if b.strip()]
    return "\n\n".join("  \n".join(md_text(line) for line in b.splitlines() if line.strip()) for b in blocks)


_PACK_SMALL = re.compile(r"<small>([^<>]*)</small>")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PACK_IMAGE = re.compile(r'<img alt="([^"<>]*)" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">')


def _renderer() -> Any:
    import mistune

    class SafeRenderer(mistune.HTMLRenderer):
        """Raw HTML escaped; a link shown as its text (never followed); an image shown as its
        alternative text (the pack's own charts are put back by :func:`pack_markdown_html`)."""

        def text(self, text: str) -> str:
            return mistune.util.safe_entity(text)  # "&lt;" shown as "<", and "<" itself escaped

        def link(self, text: str, url: str, title: str | None = None) -> str:
            return text

        def image(self, text: str, url: str, title: str | None = None) -> str:
            return f"[{text}]" if text else ""

    return mistune.create_markdown(escape=True, renderer=SafeRenderer(escape=True), plugins=["strikethrough", "table"])


_MARKDOWN: Any = None


def pack_markdown_html(source: str) -> str:
    """A pack cell's Markdown as HTML safe in the page: every tag that came in the text is
    escaped; the only images kept are the pack's charts (``<img alt=… src=data:image/svg+xml;base64,…>``),
    rebuilt from their decoded parts."""
    global _MARKDOWN
    if _MARKDOWN is None:
        _MARKDOWN = _renderer()
    images: dict[str, str] = {}

    def keep(match: re.Match[str]) -> str:
        try:
            base64.b64decode(match.group(2), validate=True)
        except (binascii.Error, ValueError):
            return match.group(0)  # not a chart of ours: escaped like any other text
        token = f"wbchart{secrets.token_hex(8)}"
        alt = html.escape(html.unescape(match.group(1)), quote=True)
        images[token] = f'<img alt="{alt}" src="data:image/svg+xml;base64,{match.group(2)}" style="max-width:100%">'
        return f"\n\n{token}\n\n"

    def small(match: re.Match[str]) -> str:
        token = f"wbsmall{secrets.token_hex(8)}"
        words = html.unescape(_MD_ESCAPE.sub(r"\1", match.group(1)))
        images[token] = f"<small>{html.escape(words, quote=True)}</small>"
        return token

    out = _MARKDOWN(_PACK_SMALL.sub(small, _PACK_IMAGE.sub(keep, source)))
    for token, image in images.items():
        out = out.replace(f"<p>{token}</p>", image).replace(token, image)
    return out
