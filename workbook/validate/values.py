"""Rules for the JSON values a journal keeps besides entries: drafts, settings, and the load
signal's thresholds (the ``load_signal`` setting).

A kept value is plain JSON data: nothing, true/false, finite numbers, whole numbers of at
most 63 bits, text with no lone surrogates, lists and mappings with text keys, at most
``JSON_DEPTH_MAX`` deep and never circular, and at most a size in bytes (``DRAFT_MAX_BYTES``,
``SETTING_MAX_BYTES``). Keys are one line of text. A setting with a rule of its own
(``SETTING_RULES``: ``load_signal``, ``nmc_revalidation_due``) is held to it when written, so a bad value is refused
then, not found later by the view that reads it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import ValidationError
from .basic import _SURROGATE, _check_list, _describe, check_date, check_text, safe_name
from .records import check_tag_id

DRAFT_MAX_BYTES = 1_000_000
SETTING_MAX_BYTES = 64_000
KEY_MAX = 200
JSON_DEPTH_MAX = 32

LOAD_SIGNAL = "load_signal"
DEFAULT_HEAVY_TAGS = ("overwhelmed", "dread", "helpless", "drained", "numb", "out-of-depth", "furious", "ashamed")
#: The load signal's thresholds and their defaults (``analysis.LoadSettings`` holds them).
LOAD_SIGNAL_DEFAULTS: dict[str, Any] = {
    "window_weeks": 4,
    "min_entries": 4,
    "heavy_level": 7,
    "heavy_tags": DEFAULT_HEAVY_TAGS,
    "heavy_tag_intensity": 2,
    "min_heavy_share": 0.5,
    "min_heavy_weeks": 3,
}
WINDOW_WEEKS_MAX = 520  # ten years
MIN_ENTRIES_MAX = 10_000
HEAVY_TAGS_MAX = 200


def check_key(field: str, value: Any) -> str:
    """A draft's or a setting's key: one line of text, at most ``KEY_MAX`` characters."""
    return check_text(field, value, max_len=KEY_MAX, multiline=False, required=True)


def to_json(field: str, value: Any, *, max_bytes: int, as_text: Callable[[Any], str] | None = None) -> str:
    """``value`` as JSON text, or ValidationError naming the place inside it (``field.a[2]``).

    ``as_text`` turns a value of any other kind into text (drafts keep dates and the like as
    text); without it such a value is refused."""
    plain = _plain(field, value, 0, set(), as_text)
    text = json.dumps(plain, ensure_ascii=False, allow_nan=False)
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise ValidationError(field, f"is {size:,} bytes as JSON; at most {max_bytes:,} are allowed.")
    return text


def _plain(where: str, value: Any, depth: int, active: set[int], as_text: Callable[[Any], str] | None) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return _scalar(where, value)
    if isinstance(value, (Mapping, list, tuple)):
        if depth >= JSON_DEPTH_MAX:
            raise ValidationError(where, f"nests lists or mappings more than {JSON_DEPTH_MAX} deep.")
        if id(value) in active:
            raise ValidationError(where, "contains itself (a circular value cannot be kept).")
        active.add(id(value))
        try:
            if isinstance(value, Mapping):
                return {
                    _text_key(where, key): _plain(f"{where}.{safe_name(key)}", item, depth + 1, active, as_text)
                    for key, item in value.items()
                }
            return [_plain(f"{where}[{i}]", item, depth + 1, active, as_text) for i, item in enumerate(value)]
        finally:
            active.discard(id(value))
    if as_text is not None:
        return _scalar(where, as_text(value))
    raise ValidationError(where, f"cannot be kept: {_describe(value)} is not text, a number, a list or a mapping.")


def _scalar(where: str, value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if value.bit_length() > 63:
            raise ValidationError(where, "is a whole number too large to keep (at most 63 bits).")
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(where, "must be a finite number, not NaN or infinity.")
        return float(value)
    bad = _SURROGATE.search(value)
    if bad:
        raise ValidationError(where, f"holds a lone surrogate at position {bad.start()} (broken Unicode).")
    return str(value)


def _text_key(where: str, key: Any) -> str:
    if not isinstance(key, str):
        raise ValidationError(where, f"has a key that is {_describe(key)}; keys must be text.")
    if _SURROGATE.search(key):
        raise ValidationError(f"{where}.{safe_name(key)}", "is a key holding a lone surrogate (broken Unicode).")
    return str(key)


def draft_text(value: Any) -> str:
    """How a draft keeps a value of another kind: dates and times in ISO form, else ``str``."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def check_draft(key: Any, payload: Any) -> tuple[str, str]:
    """(key, payload as JSON) for ``journal.save_draft``: a text key, a mapping of plain
    values (dates and other objects kept as text) of at most ``DRAFT_MAX_BYTES``."""
    key = check_key("key", key)
    if not isinstance(payload, Mapping):
        raise ValidationError("draft", f"must be a mapping, not {_describe(payload)}.")
    return key, to_json("draft", payload, max_bytes=DRAFT_MAX_BYTES, as_text=draft_text)


def check_setting(key: Any, value: Any) -> tuple[str, str]:
    """(key, value as JSON) for ``journal.set_setting``: a text key, a plain value of at most
    ``SETTING_MAX_BYTES``, held to the key's rule in ``SETTING_RULES`` if it has one."""
    key = check_key("key", key)
    text = to_json(safe_name(key), value, max_bytes=SETTING_MAX_BYTES)
    rule = SETTING_RULES.get(key)
    if rule is not None:
        rule(value)
    return key, text


# -- the load signal's thresholds ----------------------------------------------------------------
def _whole(key: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{LOAD_SIGNAL}.{key}", f"must be a whole number, not {_describe(value)}.")
    if not low <= value <= high:
        raise ValidationError(f"{LOAD_SIGNAL}.{key}", f"must be between {low} and {high}.")
    return value


def check_load_signal(value: Any) -> dict[str, Any]:
    """Every threshold of the load signal from ``value``, a mapping of some of them (None or
    empty: the defaults, ``LOAD_SIGNAL_DEFAULTS``), or ValidationError naming
    ``load_signal.<key>``. ``heavy_tags`` comes back as a tuple."""
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise ValidationError(LOAD_SIGNAL, f"must be a mapping of thresholds, not {_describe(value)}.")
    for key in value:
        if key not in LOAD_SIGNAL_DEFAULTS:
            raise ValidationError(
                f"{LOAD_SIGNAL}.{safe_name(key)}",
                f"is not a setting; the settings are {', '.join(sorted(LOAD_SIGNAL_DEFAULTS))}.",
            )
    v = {**LOAD_SIGNAL_DEFAULTS, **value}
    out: dict[str, Any] = {
        "window_weeks": _whole("window_weeks", v["window_weeks"], 1, WINDOW_WEEKS_MAX),
        "min_entries": _whole("min_entries", v["min_entries"], 1, MIN_ENTRIES_MAX),
        "heavy_level": _whole("heavy_level", v["heavy_level"], 0, 10),
        "heavy_tag_intensity": _whole("heavy_tag_intensity", v["heavy_tag_intensity"], 1, 3),
    }
    out["min_heavy_weeks"] = _whole("min_heavy_weeks", v["min_heavy_weeks"], 1, out["window_weeks"])
    share = v["min_heavy_share"]
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not math.isfinite(share):
        raise ValidationError(f"{LOAD_SIGNAL}.min_heavy_share", f"must be a number, not {_describe(share)}.")
    if not 0 < share <= 1:
        raise ValidationError(f"{LOAD_SIGNAL}.min_heavy_share", "must be above 0 and at most 1.")
    out["min_heavy_share"] = share
    tags = _check_list(f"{LOAD_SIGNAL}.heavy_tags", v["heavy_tags"], HEAVY_TAGS_MAX)
    out["heavy_tags"] = tuple(check_tag_id(f"{LOAD_SIGNAL}.heavy_tags[{i}]", t) for i, t in enumerate(tags))
    return {key: out[key] for key in LOAD_SIGNAL_DEFAULTS}


#: Settings with a rule of their own: key -> check (raises ValidationError).
NMC_REVALIDATION_DUE = "nmc_revalidation_due"


def check_revalidation_due(value: Any) -> str | None:
    """The ``nmc_revalidation_due`` setting (the day an NMC registrant's revalidation is due,
    which notebook 10 counts back three years from): a date written YYYY-MM-DD, or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(NMC_REVALIDATION_DUE, "must be a date written YYYY-MM-DD, or null.")
    check_date(NMC_REVALIDATION_DUE, value)
    return value


SETTING_RULES: dict[str, Callable[[Any], Any]] = {
    LOAD_SIGNAL: check_load_signal,
    NMC_REVALIDATION_DUE: check_revalidation_due,
}
