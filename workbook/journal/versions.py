"""Earlier versions of an entry, field by field: what each version said and how it differs.

``Journal.history`` gives every version; :func:`version_texts` turns one into what a person
reads, field by field (stage answers by their stage's title, tags and outcomes by their
names), and :func:`changes` pairs two versions' texts where they differ. The review form
shows them side by side with :func:`changes_html` (every text escaped); ``workbook history``
prints :func:`diff_lines`. Plain Python (``difflib``), no widgets, so the command line can
use it at once.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..content.assignments import PCF_DOMAINS
from ..models import DEPTHS, OUTCOME_LABELS, STANCE_BOTH_LABEL, STANCES, Entry

__all__ = ["Change", "changes", "changes_html", "diff_lines", "version_texts", "word_diff_html"]

#: (label, old text, new text) of one field that differs between two versions.
Change = tuple[str, str, str]

_WORDS = re.compile(r"\s+|\S+")


def _label(find: Any, tag_id: str | None) -> str:
    tag = find(tag_id) if (find is not None and tag_id) else None
    return tag.label if tag is not None else (tag_id or "")


def _pcf_labels(domains: Iterable[str]) -> list[str]:
    return [PCF_DOMAINS.get(d, d) for d in domains]


def version_texts(entry: Entry, vocabulary: Any = None, templates: Mapping[str, Any] | None = None) -> dict[str, str]:
    """The fields of one version as text a person reads, in the form's order; stage answers
    under their stage's title (the stage id only when the template is not known)."""
    find = getattr(vocabulary, "find", None)
    template = (templates or {}).get(entry.template) if entry.template else None
    out: dict[str, str] = {
        "Title": entry.title,
        "Date": entry.occurred_on.isoformat(),
        "Context": _label(find, entry.context),
        "People": ", ".join(entry.people),
        "Reflective model": getattr(template, "name", None) or (entry.template or ""),
    }
    for stage_id, text in entry.responses.items():
        title = stage_id
        if template is not None and stage_id in getattr(template, "stage_ids", ()):
            title = template.stage(stage_id).title
        out[title] = text
    out["Narrative"] = entry.narrative
    out["Outcome"] = OUTCOME_LABELS.get(entry.outcome, entry.outcome) if entry.outcome else ""
    stance = [STANCES[entry.stance]] if entry.stance is not None else []
    out["Stance"] = "; ".join([*stance, *([STANCE_BOTH_LABEL.lower()] if entry.stance_both else [])])
    out["Depth of reflection"] = DEPTHS.get(entry.depth, entry.depth) if entry.depth else ""
    out["Feelings before"] = "" if entry.feelings_before is None else str(entry.feelings_before)
    out["Feelings after"] = "" if entry.feelings_after is None else str(entry.feelings_after)
    tags = []
    for use in entry.tags:
        text = _label(find, use.tag) + (f" {use.intensity}" if use.intensity else "")
        if use.anchor is not None:
            field = use.anchor.field
            if field.startswith("responses.") and template is not None:
                stage_id = field.split(".", 1)[1]
                if stage_id in getattr(template, "stage_ids", ()):
                    field = template.stage(stage_id).title
            text += f" (a passage in {field})"
        tags.append(text)
    out["Tags"] = "\n".join(tags)
    out["PCF domains"] = "\n".join(_pcf_labels(entry.pcf))
    out["Action points"] = "\n".join(
        f"[{a.status}] {a.text}" + (f" (PCF: {'; '.join(_pcf_labels(a.pcf))})" if a.pcf else "") for a in entry.actions
    )
    out["Bring to supervision"] = "yes" if entry.flagged else ""
    out["Feedback"] = "\n".join(f"{f.author_role}, {f.given_on.isoformat()}: {f.text}" for f in entry.feedback)
    return out


def changes(
    before: Entry | None, after: Entry, vocabulary: Any = None, templates: Mapping[str, Any] | None = None
) -> list[Change]:
    """(label, earlier text, this version's text) of each field that differs; every field
    with something in it for a first version (``before`` None)."""
    new = version_texts(after, vocabulary, templates)
    old = version_texts(before, vocabulary, templates) if before is not None else {}
    labels = list(dict.fromkeys([*new, *old]))
    return [(k, old.get(k, ""), new.get(k, "")) for k in labels if old.get(k, "") != new.get(k, "")]


def diff_lines(old: str, new: str) -> list[str]:
    """Line by line, ``- `` for a line only in the earlier text, ``+ `` for one only in this
    version, ``  `` for one in both (``difflib.ndiff`` without its hint lines)."""
    return [line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if not line.startswith("? ")]


def word_diff_html(old: str, new: str) -> tuple[str, str]:
    """The two texts as escaped HTML, the words only in the earlier one in ``<del>``, those
    only in the later one in ``<ins>``; line breaks kept."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        gone, came = html.escape("".join(a[i1:i2])), html.escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(gone)
            right.append(came)
            continue
        if gone:
            left.append(f"<del class='wb-diff-del'>{gone}</del>")
        if came:
            right.append(f"<ins class='wb-diff-ins'>{came}</ins>")
    return "".join(left).replace("\n", "<br>"), "".join(right).replace("\n", "<br>")


_EMPTY = "<i>(empty)</i>"


def changes_html(rows: Iterable[Change], earlier: str = "Before", later: str = "This version") -> str:
    """A side-by-side table, one row per changed field: its name, the earlier text and this
    version's, the words that differ marked. All text is escaped."""
    body = []
    for label, old, new in rows:
        left, right = word_diff_html(old, new)
        body.append(
            f"<tr><th style='text-align:left;vertical-align:top'>{html.escape(label)}</th>"
            f"<td style='vertical-align:top'>{left or _EMPTY}</td><td style='vertical-align:top'>{right or _EMPTY}</td></tr>"
        )
    if not body:
        return "<p><i>No field changed in this version.</i></p>"
    return (
        "<table class='wb-diff' style='width:100%;table-layout:fixed'>"
        f"<tr><th style='width:18%'>Field</th><th>{html.escape(earlier)}</th><th>{html.escape(later)}</th></tr>"
        + "".join(body)
        + "</table>"
    )
