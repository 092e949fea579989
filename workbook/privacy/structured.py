"""Identifiers with a format: UK phone numbers, email addresses, postcodes, NHS and National
Insurance numbers, and dates of birth

Each finder yields ``(start, end, kind, replacement)``. Phone numbers are read by
``phonenumbers`` and NHS check digits by ``python-stdnum``, both imported when first used so
``import workbook`` stays light; a cheap pattern picks the few places worth handing to them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

Hit = tuple[int, int, str, str]

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")

# The Royal Mail's shapes: outward code (area, district) and inward code (sector, unit).
POSTCODE_RE = re.compile(
    r"(?<![\w])(?:GIR ?0AA|(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})(?![\w])",
    re.IGNORECASE,
)

# HMRC: the first letter is not D, F, I, Q, U or V; the second not D, F, I, O, Q, U or V;
# BG, GB, KN, NK, NT, TN and ZZ are never issued; six digits and a suffix A-D.
NINO_RE = re.compile(
    r"(?<![\w])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"(?:[ \u00a0]?\d{2}){3}[ \u00a0]?[A-D](?![\w])"
)

NHS_RE = re.compile(r"(?<![\w-])\d{3}([ \u00a0-]?)\d{3}\1\d{4}(?![\w-])")

# Where a phone number may be: a "+" or a trunk 0, then digits with spaces, dots, dashes or
# brackets between them (a bare "792 174 2181" is more likely an NHS number or a reference). Only these windows are handed to phonenumbers.
PHONE_CANDIDATE_RE = re.compile(r"(?<![\w+])(?:\+|\(\+?|\(?0)\d?(?:[\d \u00a0().-]{7,20})\d")

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"  # 03/03/2011, 3.3.11
    r"|(?:19|20)\d{2}(?P<sep>[/-])\d{1,2}(?P=sep)\d{1,2}"  # 2011-03-03, as records and forms write it
    rf"|{_DAY}\s+(?:of\s+)?{_MONTHS},?\s+\d{{4}}"  # 3 March 2011, 3rd of March 2011
    rf"|{_MONTHS}\s+{_DAY},?\s+\d{{4}}"  # March 3, 2011
    rf"|{_MONTHS}\s+\d{{4}})"  # March 2011
)
# A date counts as a date of birth only after words that say so; other dates are when things happened.
DOB_RE = re.compile(
    r"(?<![\w])(?:born(?:\s+on)?(?:\s+in)?|d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|birthday(?:\s+is)?)"
    rf"\s*(?:is\s+|was\s+|[:=–-]\s*)?(?:the\s+)?(?P<date>{_DATE})(?![\w/.-]\d)",
    re.IGNORECASE,
)


_LOCAL_CHAR = re.compile(r"[\w.+-]")


def _local_start(text: str, at: int, floor: int) -> int:
    """Where the local part before the "@" at ``at`` starts (``at`` if there is none)."""
    start = at
    while start > floor and at - start < 64 and _LOCAL_CHAR.match(text, start - 1):
        start -= 1
    return start


def emails(text: str) -> Iterator[Hit]:
    """Read from each "@" (a scan for "@" is far quicker than one for the local part)."""
    done = 0
    at = text.find("@")
    while at != -1:
        start = _local_start(text, at, done)
        match = EMAIL_RE.match(text, start) if start < at else None
        if match is not None:
            yield match.start(), match.end(), "email", "[email]"
            done = match.end()
        at = text.find("@", max(at + 1, done))


def postcodes(text: str) -> Iterator[Hit]:
    for match in POSTCODE_RE.finditer(text):
        yield match.start(), match.end(), "postcode", "[postcode]"


def ni_numbers(text: str) -> Iterator[Hit]:
    for match in NINO_RE.finditer(text):
        yield match.start(), match.end(), "ni_number", "[NI number]"


def nhs_numbers(text: str) -> Iterator[Hit]:
    """Ten digits (3-3-4, spaced, dashed or run together) whose mod-11 check digit holds."""
    from stdnum.gb import nhs

    for match in NHS_RE.finditer(text):
        if nhs.is_valid(match.group()):
            yield match.start(), match.end(), "nhs_number", "[NHS number]"


def dates_of_birth(text: str) -> Iterator[Hit]:
    """The date after "born", "DOB", "d.o.b.", "date of birth": the date itself, not the cue."""
    for match in DOB_RE.finditer(text):
        yield match.start("date"), match.end("date"), "date_of_birth", "[date of birth]"


def _dialled(raw: str) -> bool:
    """Written as someone would dial it: a trunk 0 or an international + or 00 in front (a bare
    "792 174 2181" is more likely an NHS number or a reference than a phone)."""
    return re.sub(r"[^\d+]", "", raw).startswith(("0", "+"))


def _uk_shaped(raw: str) -> bool:
    """A number written as a UK one: trunk 0 or +44 (or 0044) in front."""
    digits = re.sub(r"[^\d+]", "", raw)
    return digits.startswith(("+44", "0044")) or (digits.startswith("0") and not digits.startswith("00"))


def phones(text: str) -> Iterator[Hit]:
    """Phone numbers phonenumbers reads in the text (region GB): every valid number, and numbers
    of a possible length written the UK way even where no operator holds them (Ofcom's drama
    ranges, a misremembered digit), since those still point at someone."""
    for window in PHONE_CANDIDATE_RE.finditer(text):
        offset = window.start()
        for start, end in _phones_in(window.group()):
            yield offset + start, offset + end, "phone", "[phone]"


@functools.lru_cache(maxsize=4096)
def _phones_in(window: str) -> tuple[tuple[int, int], ...]:
    """Phone numbers in one candidate window (remembered: the same number recurs in a journal)."""
    import phonenumbers

    found = []
    for match in phonenumbers.PhoneNumberMatcher(window, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        number = match.number
        if not _dialled(match.raw_string):
            continue
        if phonenumbers.is_valid_number(number) or (
            _uk_shaped(match.raw_string) and phonenumbers.is_possible_number(number) and number.country_code == 44
        ):
            found.append((match.start, match.end))
    return tuple(found)


FINDERS = (emails, phones, nhs_numbers, ni_numbers, postcodes, dates_of_birth)


def structured(text: str) -> Iterator[Hit]:
    """Every formatted identifier in ``text`` (overlaps are left for the caller to settle)."""
    for finder in FINDERS:
        yield from finder(text)
