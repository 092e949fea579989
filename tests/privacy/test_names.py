"""privacy/names.py: a name's normal forms, its keyed digests, the key file, and finding names in text."""

from __future__ import annotations

import hashlib
import hmac
import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.privacy import names

KEY = bytes(range(32))


def index(*aliases: str, heads: bool = True) -> names.AliasIndex:
    digests, buckets = {}, set()
    for n, alias in enumerate(aliases):
        for variant in names.digest_variants(KEY, alias):
            digests[variant.digest] = f"P{n}"
            if variant.n_words > 1:
                buckets.add(variant.head)
    return names.AliasIndex(KEY, digests, buckets if heads else None)


@pytest.mark.parametrize(
    "name, normal",
    [
        ("Jo Bloggs", "jo bloggs"),
        ("  JO   BLOGGS\t", "jo bloggs"),
        ("Jó Bloggs", "jo bloggs"),
        ("Jo\u0301 Bloggs", "jo bloggs"),  # decomposed accent
        ("Jo Bloggs's", "jo bloggs"),
        ("Jo Bloggs’s", "jo bloggs"),
        ("Jo Bloggs'", "jo bloggs"),
        ("O'Neil", "oneil"),
        ("O’Neil", "oneil"),
        ("Mary-Jane", "mary jane"),
        ("Mary–Jane", "mary jane"),
        ("ＪＯ", "jo"),  # NFKC: full-width letters
        ("Straße", "strasse"),  # case-folded
        ("Mr. H.", "mr h"),
        ("!!!", ""),
    ],
)
def test_normalise(name, normal):
    assert names.normalise(name) == normal


def test_variants_join_hyphenated_words():
    assert names.variants("Mary-Jane Smith") == ["mary jane smith", "maryjane smith"]
    assert names.variants("Mary Jane Smith") == ["mary jane smith"]
    assert names.variants("...") == []


def test_digest_is_hmac_sha256_hex():
    # RFC 4231, test case 2
    assert names.digest(b"Jefe", "what do ya want for nothing?") == (
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    )
    assert names.digest(KEY, "jo bloggs") == hmac.new(KEY, b"jo bloggs", hashlib.sha256).hexdigest()
    assert names.digest(KEY, "jo bloggs") != names.digest(bytes(32), "jo bloggs")  # the key matters


def test_a_head_bucket_is_one_of_256_and_says_how_many_words():
    head = names.head(KEY, "jo bloggs")
    assert len(head) == 3 and head[2] == "2" and head[:2] == names.digest(KEY, "jo")[:2]


@pytest.mark.parametrize(
    "text, span",
    [
        ("Jo Bloggs's mum rang", (0, 9)),
        ("then JO BLOGGS came", (5, 14)),
        ("Jó Bloggs", (0, 9)),
        ("(Jo Bloggs)", (1, 10)),
        ("_Jo Bloggs_", (1, 10)),
        ("jo\nbloggs", (0, 9)),
    ],
)
def test_spans_find_the_variants(text, span):
    assert index("Jo Bloggs").spans(text) == [(*span, "P0")]


def test_spans_take_the_longest_match_first_and_only_whole_words():
    found = index("Jo", "Jo Bloggs", "Bloggs Family Home").spans("Jo Bloggs Family Home, Jo, Joanne, jolly Bloggs")
    assert found == [(0, 9, "P1"), (23, 25, "P0")]  # "Jo Bloggs" wins at 0; "Bloggs Family Home" overlaps it


def test_an_empty_index_finds_nothing_and_shows_no_digest():
    empty = names.AliasIndex(KEY, {})
    assert empty.spans("Jo Bloggs") == [] and len(empty) == 0
    assert repr(index("Jo Bloggs")) == "<AliasIndex: 1 digests>"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["Jo", "Bloggs", "Mary", "Jane", "-", "'s", "met", "and", " ", "\n", "."]), max_size=30)
)
def test_head_buckets_only_skip_work_never_a_name(parts):
    text = " ".join(parts)
    aliases = ("Jo Bloggs", "Mary-Jane", "Jane", "Mary Jane Jo Bloggs")
    assert index(*aliases).spans(text) == index(*aliases, heads=False).spans(text)


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Jo", "Bloggs", "O", "Neil", "Jane", "Janet", "’", "'", "_", "é", "\u0301", "s", "x", " ", "."]
        ),
        max_size=24,
    )
)
def test_looking_only_where_a_name_could_start_finds_what_a_walk_through_every_word_finds(parts):
    """Words glued to others (by apostrophes, accents, underscores, or inside longer words:
    "Neil" in "O'Neil", "Jane" in "Janet") are found exactly where reading every word finds them."""
    text = "".join(parts)
    aliases = ("Neil", "Jane", "Jo Bloggs", "O'Neil")
    assert index(*aliases).spans(text) == index(*aliases, heads=False).spans(text)


def test_a_word_inside_another_or_joined_by_an_apostrophe_is_not_a_name():
    found = index("Neil", "Jane").spans("O'Neil met Janet, then Neil and Jane's dog.")
    assert found == [(23, 27, "P0"), (32, 36, "P1")]


def test_a_new_key_is_random_private_and_never_replaced(tmp_path):
    path = tmp_path / "keys" / "abc.key"
    key = names.create_key(path)
    assert len(key) == names.KEY_BYTES and names.read_key(path) == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert names.create_key(path) == key  # another process made it first: that key wins
    assert names.create_key(tmp_path / "keys" / "other.key") != key
    assert sorted(p.name for p in path.parent.iterdir()) == ["abc.key", "other.key"]  # no temporary file left


def test_a_key_file_others_can_read_is_tightened_and_a_damaged_one_refused(tmp_path):
    path = tmp_path / "k.key"
    assert names.read_key(path) is None
    path.write_bytes(os.urandom(32))
    os.chmod(path, 0o644)
    names.read_key(path, tighten=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # a check changes nothing
    names.read_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_bytes(b"short")
    with pytest.raises(ValueError, match="damaged"):
        names.read_key(path)
