"""The checks every field rule is built from: text, dates, whole numbers, choices and ids.

Text may hold any Unicode (emoji, right-to-left scripts, quotes, markup) but no NUL or
other control characters (tab and line breaks are allowed in long text) and no lone
surrogates, which SQLite cannot store faithfully. Each check raises
:class:`~workbook.errors.ValidationError` naming the field, in words a non-programmer reads.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

from ..errors import ValidationError

DATE_MIN = dt.date(1950, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)

# C0 controls other than tab, LF and CR; DEL; C1 controls.
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


_KINDS = {
    type(None): "nothing",
    str: "text",
    int: "a whole number",
    float: "a decimal number",
    bool: "true/false",
    list: "a list",
    tuple: "a list",
    dict: "a mapping",
    bytes: "bytes",
}


def _describe(value: Any) -> str:
    """What was given, in words a non-programmer can read ("nothing", "text", ...)."""
    return _KINDS.get(type(value), type(value).__name__)


_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


def safe_name(value: Any) -> str:
    """A key taken from input, safe to put in a field name and print: a plain name
    (letters, digits, '-', '_', at most 64) as it is, anything else quoted with escapes
    (so no control character, escape sequence or lone surrogate reaches a terminal)."""
    if isinstance(value, str) and _PLAIN_NAME.fullmatch(value):
        return value
    if not isinstance(value, str):
        return f"<{_describe(value)}>"
    text = ascii(value[:40])
    return text if len(value) <= 40 else text[:-1] + "...'"


def _number(value: int) -> str:
    """A whole number for a message; one too long to print is described by its size."""
    if value.bit_length() > 64:
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    return str(value)


def check_text(
    field: str,
    value: Any,
    *,
    max_len: int,
    multiline: bool = True,
    required: bool = False,
) -> str:
    """A string within ``max_len`` characters with no control characters or surrogates."""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {_describe(value)}.")
    if required and not value.strip():
        raise ValidationError(field, "is required and cannot be empty or only spaces.")
    if len(value) > max_len:
        raise ValidationError(field, f"is {len(value):,} characters long; at most {max_len:,} are allowed.")
    bad = _SURROGATE.search(value)
    if bad:
        raise ValidationError(field, f"holds a lone surrogate at position {bad.start()} (broken Unicode); remove it.")
    pattern = _CONTROL_MULTILINE if multiline else _CONTROL_ONE_LINE
    bad = pattern.search(value)
    if bad:
        allowed = (
            "tab and line breaks are the only control characters allowed"
            if multiline
            else "it must be a single line with no control characters"
        )
        raise ValidationError(
            field, f"holds control character U+{ord(bad.group()):04X} at position {bad.start()}; {allowed}."
        )
    return value


def check_date(field: str, value: Any) -> dt.date:
    """A real calendar date from a ``date``/``datetime`` or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValidationError(field, f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-14.")
        try:
            value = dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(field, f"{text!r} is not a real calendar date.") from None
    elif value is None:
        raise ValidationError(field, "is required: give a date (YYYY-MM-DD).")
    elif not isinstance(value, dt.date):
        raise ValidationError(field, f"must be a date (YYYY-MM-DD), not {_describe(value)}.")
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValidationError(
            field, f"{value.isoformat()} is out of range; dates from {DATE_MIN} to {DATE_MAX} are allowed."
        )
    return value


def check_int(field: str, value: Any, low: int, high: int, *, optional: bool = True) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number from {low} to {high}, not {_describe(value)}.")
    if not low <= value <= high:
        raise ValidationError(field, f"is {_number(value)}; allowed values are whole numbers from {low} to {high}.")
    return value


def check_choice(field: str, value: Any, allowed: tuple[str, ...], *, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or value not in allowed:
        extra = " or none" if optional else ""
        raise ValidationError(field, f"{value!r} is not allowed; choose one of {', '.join(allowed)}{extra}.")
    return value


def check_uuid(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError(field, f"must be a UUID string, not {_describe(value)}.")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a UUID.") from None


def _check_list(field: str, value: Any, max_items: int) -> list:
    if value is None:
        return []
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
        raise ValidationError(field, f"must be a list, not {_describe(value)}.")
    if len(value) > max_items:
        raise ValidationError(field, f"has {len(value)} items; at most {max_items} are allowed.")
    return list(value)


def check_keys(field: str, item: Mapping, allowed: tuple[str, ...]) -> None:
    for key in item:
        if key not in allowed:
            name = safe_name(key)
            where = f"{field}.{name}" if field else name
            raise ValidationError(where, f"is not a known key; allowed keys are {', '.join(allowed)}.")


def new_item_id() -> str:
    """A short random id for an action point or a feedback item."""
    return uuid.uuid4().hex[:12]


def _check_item_id(field: str, value: Any) -> str:
    if value is None:
        return new_item_id()
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", value):
        raise ValidationError(field, "must be 1-64 letters, digits, '-' or '_'.")
    return value
