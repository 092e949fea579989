"""Errors in the words of the command line: which option to fix, in one line.

The library names the field a value was refused for (``tags[2].intensity``); a person at a
terminal typed an option (``--tag``). ``FLAGS`` maps one to the other, and :func:`explain`
rewrites a ``ValidationError`` with it. ``WorkbookGroup`` (in ``cli/__init__``) is the one
place that calls these, so every command gets the same one-line errors without a
``try`` of its own.
"""

from __future__ import annotations

from typing import Any

import click

from ..errors import ValidationError
from .terminal import clean, echo

# Which command-line option sets which field (of an entry, or of a command's own input),
# for error messages. tests/cli/test_entry_flags.py checks that every entry field has one.
FLAGS = {
    "occurred_on": "--date",
    "title": "--title",
    "context": "--context",
    "outcome": "--outcome",
    "stance": "--stance",
    "stance_both": "--stance-both",
    "depth": "--depth",
    "pcf": "--pcf",
    "template": "--template",
    "responses": "--response",
    "narrative": "--narrative",
    "tags": "--tag",
    "people": "--person",
    "feelings_before": "--feelings-before",
    "feelings_after": "--feelings-after",
    "actions": "--action",
    "flagged": "--flag",
    "action_id": "--action-status",
    "remove_tags": "--remove-tag",
    "since": "--since",
    "until": "--until",
    "role": "--role",
    "aliases": "--alias",
    "format": "--format",
}


def explain(exc: ValidationError) -> str:
    """A validation error in the words of the command line (``--date: ...``)."""
    base, index, rest = exc.parts
    reason = exc.reason
    if base == "people" and index is not None and "people register" in reason:
        reason += " Use `workbook people add PSEUDONYM --role ROLE`."
    if base not in FLAGS:
        return str(exc)
    flag = FLAGS[base]
    if flag == "--action" and rest == "status":
        flag, rest = "--action-status", ""
    if flag == "--response":
        reason = reason.replace("set 'template' too", "give --template too")
    if rest and rest != "tag":
        return f"{flag} {rest}: {reason}"
    return f"{flag}: {reason}"


def one_line(text: str) -> str:
    """``text`` with its line breaks and runs of spaces made single spaces, and any other
    control character (ESC, BEL) replaced: an error may quote a value from a file."""
    return clean(" ".join(text.split()))


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line (``Error: ...``) instead of usage text plus error."""

    def show(self, file: Any = None) -> None:
        hint = f" (see `{self.ctx.command_path} --help`)" if self.ctx is not None else ""
        echo(f"Error: {one_line(self.format_message())}{hint}", file=file, err=file is None)


def shorten(exc: click.UsageError) -> click.UsageError:
    """The one-line form of a usage error (the help itself is left as it is)."""
    if isinstance(exc, OneLineUsageError) or type(exc).__name__ == "NoArgsIsHelpError":
        return exc  # "workbook people" with nothing after it shows the help
    return OneLineUsageError(exc.format_message(), exc.ctx)
