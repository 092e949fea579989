"""Real names as keyed digests: normalised into variants, digested with a key kept apart, found again in text

The people register keeps an alias (a real name, a nickname) only as an HMAC-SHA256 digest
of its normalised forms, keyed with 32 random bytes kept outside the journal. Someone holding
only the journal, a backup or an export cannot test guesses ("is Jo Bloggs an alias?");
with the key, :class:`AliasIndex` still finds a registered name typed into any text.

How a name is normalised, the same way for an alias and for every word of a text:

* words are runs of letters and digits (with their accents, and apostrophes inside:
  "O'Neil"); hyphens, spaces and punctuation separate words, so "Mary-Jane" is two words;
* each word: NFKC, case-folded, accents stripped (NFKD without combining marks), curly and
  straight apostrophes removed, and a possessive ('s, ’s; the apostrophe of s') dropped;
* the words are joined by one space: "JÓ  Bloggs’s" and "jo bloggs" are both ``jo bloggs``.

An alias also has a joined variant where its words were hyphenated ("Mary-Jane" is found as
"Mary Jane", "Mary-Jane" and "Maryjane"). An alias has at most :data:`MAX_ALIAS_WORDS` words.

Finding names must be fast, so a text is split into words once and a word's digest is
computed once per distinct word; a longer run of words is digested only when its first word
falls in the *head bucket* of an alias of that many words (the first byte of the digest of
its first word, with the number of words: :func:`head`). The bucket is one of 256, so a
holder of the journal cannot tell from it
which aliases begin with the same word.

Standard library only, and never the journal: the register hands in its digests.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import files

__all__ = [
    "KEY_BYTES",
    "MAX_ALIAS_WORDS",
    "AliasIndex",
    "AliasVariant",
    "create_key",
    "digest",
    "head",
    "normalise",
    "read_key",
    "variants",
    "words",
]

#: The most words an alias may have (longer runs of words are never digested).
MAX_ALIAS_WORDS = 4
#: The length of an alias key, in random bytes.
KEY_BYTES = 32
#: Hex digits of a head bucket (2: one of 256).
HEAD_HEX = 2
_ALL_LENGTHS = tuple(range(MAX_ALIAS_WORDS, 1, -1))

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_APOSTROPHES = "'\u2019\u02bc\u2018"
# Letters, digits and combining marks ("_" is turned into a space first: same offsets).
_WORD = re.compile(rf"[\w{_MARKS}]+(?:[{_APOSTROPHES}][\w{_MARKS}]+)*")
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d")
_DROP = str.maketrans("", "", _APOSTROPHES)


def _fold(word: str) -> str:
    """One word's normal form: NFKC, case-folded, accents stripped, apostrophes removed."""
    folded = unicodedata.normalize("NFKC", word).casefold()
    bare = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).translate(_DROP)


def _token(match: re.Match[str], folded: dict[str, str]) -> tuple[int, int, str] | None:
    """One word found by ``_WORD`` as (start, end, normal form), a possessive left outside the
    span; None for a word with no letters or digits left. ``folded`` remembers normal forms."""
    start, end = match.span()
    word = match.group()
    if word[-1] in "sS" and len(word) > 2 and word[-2] in _APOSTROPHES:
        end -= 2
        word = word[:-2]
    form = folded.get(word)
    if form is None:
        form = folded[word] = word.lower().translate(_DROP) if word.isascii() else _fold(word)
    return (start, end, form) if form else None


_WORD_CHAR = re.compile(rf"[\w{_MARKS}]")
# Up to this many distinct words, each is looked for with str.find (a pass through the text per
# word, in C); past it, one walk through every word in Python is quicker. Measured here: 76
# words on 5 MB of the identifier corpus, 1,800 on 1 MB of bench/aliases.py's synthetic words.
FIND_EACH_AT_MOST = 200


def _occurrences(source: str, raws: set[str]) -> list[re.Match[str]]:
    """Where ``_WORD`` reads one of ``raws`` in ``source``, in order: each found with
    ``str.find`` and kept only if ``_WORD`` reads that very word there (not a piece of a
    longer one), so only these places, not every word, are visited in Python."""
    if len(raws) > FIND_EACH_AT_MOST:  # many words to look for: one walk through every word is quicker
        return [match for match in _WORD.finditer(source) if match.group() in raws]
    found: list[re.Match[str]] = []
    for raw in raws:
        at = source.find(raw)
        while at != -1:
            before = at > 0 and _WORD_CHAR.match(source, at - 1)
            joined = at > 1 and source[at - 1] in _APOSTROPHES and _WORD_CHAR.match(source, at - 2)
            if not before and not joined:
                match = _WORD.match(source, at)
                if match is not None and match.group() == raw:
                    found.append(match)
            at = source.find(raw, at + 1)
    found.sort(key=lambda m: m.start())
    return found


def words(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` as (start, end, normal form); a possessive is left outside the span."""
    folded: dict[str, str] = {}  # each distinct word folded once
    found = (_token(match, folded) for match in _WORD.finditer(text.replace("_", " ")))
    return [token for token in found if token is not None]


def normalise(name: str) -> str:
    """A name's normal form: its words' normal forms joined by one space ("" if it has none)."""
    return " ".join(w for _, _, w in words(name))


def variants(name: str) -> list[str]:
    """The normal forms a name is found by: :func:`normalise`, and the form with hyphenated
    words joined ("mary-jane smith" also as "maryjane smith"); no repeats, in that order."""
    found = words(name)
    plain = " ".join(w for _, _, w in found)
    if not found:
        return []
    joined = [found[0][2]]
    for (_, end, _), (start, _, word) in zip(found, found[1:], strict=False):
        gap = name[end:start]
        if gap and set(gap) <= _HYPHENS:
            joined[-1] += word
        else:
            joined.append(word)
    forms = [plain, " ".join(joined)]
    return list(dict.fromkeys(forms))


def digest(key: bytes, normalised: str) -> str:
    """HMAC-SHA256 of a normal form under ``key``, as hex: what the register keeps."""
    return hmac.new(key, normalised.encode("utf-8"), hashlib.sha256).hexdigest()


def head(key: bytes, normalised: str) -> str:
    """The head bucket of a normal form: the start of the digest of its first word, and its
    number of words (``"a7" + "2"``): which runs of words are worth digesting."""
    return digest(key, normalised.split(" ", 1)[0])[:HEAD_HEX] + str(normalised.count(" ") + 1)


@dataclass(frozen=True)
class AliasVariant:
    """One normal form of an alias as the register keeps it: no readable name."""

    digest: str
    head: str
    n_words: int


def digest_variants(key: bytes, name: str) -> list[AliasVariant]:
    """Every variant of ``name`` as (digest, head bucket, number of words)."""
    return [AliasVariant(digest(key, form), head(key, form), form.count(" ") + 1) for form in variants(name)]


WORD_CACHE_SIZE = 100_000  # distinct words whose digest an index remembers (about 15 MB at most)


class AliasIndex:
    """Find registered names in text: ``AliasIndex(key, {digest: pseudonym}, heads).spans(text)``.

    ``heads`` are the head buckets of the aliases of more than one word (:func:`head`);
    without them (None) every run of up to :data:`MAX_ALIAS_WORDS` words is digested, which
    finds the same names more slowly. The index never holds a readable name, and its repr
    says only how many digests it has.
    """

    def __init__(self, key: bytes, digests: Mapping[str, str], heads: Collection[str] | None = None) -> None:
        self._base = hmac.new(key, digestmod=hashlib.sha256)  # keyed once; copied per digest
        self._digests = dict(digests)
        self._lengths: dict[str, tuple[int, ...]] | None = None  # bucket -> word counts, longest first
        # each distinct word digested once per index, not once per text: a form checks its
        # fields at every keystroke, and doctor thousands of short texts (in memory only)
        self._word_digests: dict[str, str] = {}
        if heads is not None:
            lengths: dict[str, set[int]] = {}
            for h in heads:
                lengths.setdefault(h[:HEAD_HEX], set()).add(int(h[HEAD_HEX:]))
            self._lengths = {b: tuple(sorted(ns, reverse=True)) for b, ns in lengths.items()}

    def __repr__(self) -> str:
        return f"<AliasIndex: {len(self._digests)} digests>"

    def __len__(self) -> int:
        return len(self._digests)

    def _digest(self, normalised: str) -> str:
        """:func:`digest` under this index's key, without keying HMAC again each time."""
        h = self._base.copy()
        h.update(normalised.encode("utf-8"))
        return h.hexdigest()

    def _longest_at(self, found: list[tuple[int, int, str]], i: int, first: str) -> tuple[int, str] | None:
        """(number of words, pseudonym) of the longest alias starting at word ``i`` (whose
        digest is ``first``), or None."""
        lengths = _ALL_LENGTHS if self._lengths is None else self._lengths.get(first[:HEAD_HEX], ())
        for n in lengths:
            if i + n <= len(found):
                form = " ".join(w for _, _, w in found[i : i + n])
                pseudonym = self._digests.get(self._digest(form))
                if pseudonym is not None:
                    return n, pseudonym
        pseudonym = self._digests.get(first)
        return (1, pseudonym) if pseudonym is not None else None

    def _starting_words(self, source: str) -> set[str]:
        """The distinct words of ``source`` (as written) that are an alias or could start one
        (their digest's head bucket), found with one ``findall`` and a digest per distinct word."""
        assert self._lengths is not None
        word_digests, lengths, digests = self._word_digests, self._lengths, self._digests
        hits: set[str] = set()
        for raw in set(_WORD.findall(source)):
            word = raw[:-2] if raw[-1] in "sS" and len(raw) > 2 and raw[-2] in _APOSTROPHES else raw
            form = word.lower().translate(_DROP) if word.isascii() else _fold(word)
            if not form:
                continue
            first = word_digests.get(form)
            if first is None:
                first = word_digests[form] = self._digest(form)
            if first in digests or first[:HEAD_HEX] in lengths:
                hits.add(raw)
        return hits

    def _spans_from_starts(self, source: str, hits: set[str]) -> list[tuple[int, int, str]]:
        """:meth:`spans` looking only at the words in ``hits``: the words after one are read
        only when it could start a name. Same results as walking every word."""
        folded: dict[str, str] = {}
        spans: list[tuple[int, int, str]] = []
        resume = 0  # words before this offset belong to a name already found
        for match in _occurrences(source, hits):
            if match.start() < resume:
                continue
            following = itertools.islice(_WORD.finditer(source, match.end()), MAX_ALIAS_WORDS - 1)
            tokens = [t for t in (_token(m, folded) for m in (match, *following)) if t is not None]
            if not tokens or tokens[0][0] != match.start():
                continue
            found = self._longest_at(tokens, 0, self._word_digests.get(tokens[0][2]) or self._digest(tokens[0][2]))
            if found is not None:
                n, pseudonym = found
                spans.append((tokens[0][0], tokens[n - 1][1], pseudonym))
                resume = tokens[n - 1][1]
        return spans

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Every registered name in ``text`` as (start, end, pseudonym), left to right, the
        longest first where names overlap ("Jo Bloggs" before "Jo"). A possessive stays
        outside the span, so replacing it keeps "'s"."""
        if not self._digests or not text:
            return []
        word_digests, lengths, digests = self._word_digests, self._lengths, self._digests
        if len(word_digests) > WORD_CACHE_SIZE:
            word_digests.clear()
        if lengths is not None:  # only the words that could start a name are looked at closely
            source = text.replace("_", " ")
            hits = self._starting_words(source)
            return self._spans_from_starts(source, hits) if hits else []
        found = words(text)
        spans: list[tuple[int, int, str]] = []
        i = 0
        while i < len(found):
            word = found[i][2]
            first = word_digests.get(word)
            if first is None:
                first = word_digests[word] = self._digest(word)
            if lengths is not None and first[:HEAD_HEX] not in lengths and first not in digests:
                i += 1  # the common case, decided without a call: no alias starts with this word
                continue
            match = self._longest_at(found, i, first)
            if match is None:
                i += 1
                continue
            n, pseudonym = match
            spans.append((found[i][0], found[i + n - 1][1], pseudonym))
            i += n
        return spans


# -- the key file --------------------------------------------------------------------------------
def read_key(path: Path, *, tighten: bool = True) -> bytes | None:
    """The key in ``path``, or None if there is no file. A file of the wrong size is a
    ValueError (the key is damaged); one of yours that others can read is made 0600
    (unless ``tighten`` is False: a check that must change nothing)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if len(data) != KEY_BYTES:
        raise ValueError(f"the alias key {path} is damaged ({len(data)} bytes, not {KEY_BYTES}).")
    if tighten:
        _tighten(path)
    return data


def _tighten(path: Path) -> None:
    info = path.stat()
    if files.my_uid() is not None and info.st_uid == files.my_uid() and stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, files.PRIVATE_FILE_MODE)


def create_key(path: Path) -> bytes:
    """Write a new random key to ``path`` (0600, in a 0700 folder) and return it.

    The key is written to a private temporary file and linked into place, so it is
    never half-written and never replaces another key: if another process made one
    first, that key is returned."""
    files.ensure_private_dir(path.parent)
    _tighten_folder(path.parent)
    tmp = files.private_temp_beside(path)
    try:
        with open(tmp, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            files.publish_new(tmp, path)
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    key = read_key(path)
    assert key is not None
    return key


def _tighten_folder(folder: Path) -> None:
    """The keys folder is the workbook's own: if it is yours and others can open it, make it 0700."""
    info = folder.stat()
    if files.my_uid() is not None and info.st_uid == files.my_uid() and stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(folder, files.PRIVATE_DIR_MODE)


def index_from_rows(key: bytes, rows: Iterable[tuple[str, str | None, str]]) -> AliasIndex:
    """An index from the register's rows (digest, head bucket or None, pseudonym)."""
    digests: dict[str, str] = {}
    heads: set[str] = set()
    for row_digest, row_head, pseudonym in rows:
        digests.setdefault(row_digest, pseudonym)
        if row_head is not None:
            heads.add(row_head)
    return AliasIndex(key, digests, heads)
