"""The suggestion lexicon: the data file agrees with the vocabulary, and matching is
whole-word, case-insensitive, NFC, and says which words suggested which tag."""

from __future__ import annotations

import unicodedata

import pytest

from workbook.content.lexicon import Lexicon, Suggestion, load_lexicon, parse_lexicon, suggest_tags
from workbook.content.vocab import load_vocabulary
from workbook.errors import DataFileError


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()


def test_every_tag_in_the_lexicon_exists_in_the_vocabulary(vocabulary):
    lexicon = load_lexicon()
    assert lexicon.unknown_tags(vocabulary) == []
    assert len(lexicon) >= 40


def test_every_lexicon_entry_is_a_list_of_distinct_words():
    for tag, words in load_lexicon().terms.items():
        folded = [w.casefold() for w in words]
        assert len(folded) == len(set(folded)), f"{tag} lists a word twice"


def test_suggestions_say_which_words_suggested_which_tag_and_where(vocabulary):
    texts = {
        "responses.feelings": "Before the visit I was worried and on edge.",
        "narrative": "She went quiet, then said it only happened once.",
    }
    found = suggest_tags(texts, vocabulary)
    assert Suggestion("anxious", ("I was worried", "on edge"), "responses.feelings") in found
    assert Suggestion("withdrawal-silence", ("went quiet",), "narrative") in found
    assert Suggestion("denial-minimising", ("only happened once",), "narrative") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I felt ANXIOUS.", ("ANXIOUS",)),
        ("anxiousness is not the word", ()),  # whole words only
        ("unanxious", ()),
        ("Anxious, anxious and anxious again", ("Anxious",)),  # one report per word, as first written
        ("I was on\n   edge", ("on edge",)),  # a phrase across line breaks and spaces
    ],
)
def test_matching_is_whole_word_and_case_insensitive(vocabulary, text, expected):
    words = load_lexicon().matches("anxious", text)
    assert words == expected


def test_curly_and_straight_apostrophes_are_the_same(vocabulary):
    lexicon = load_lexicon()
    assert lexicon.matches("overwhelmed", "I couldn’t think straight") == ("couldn’t think straight",)
    assert lexicon.matches("overwhelmed", "I couldn't think straight") == ("couldn't think straight",)


def test_a_trailing_star_matches_any_ending(vocabulary):
    lexicon = Lexicon({"softened": ["reassur*"]})
    found = lexicon.suggest({"narrative": "I reassured her; reassurance came too soon. Sure."}, vocabulary)
    assert found == [Suggestion("softened", ("reassured", "reassurance"), "narrative")]


def test_text_and_terms_are_compared_after_nfc_normalisation(vocabulary):
    decomposed = unicodedata.normalize("NFD", "café")
    lexicon = Lexicon({"calm": ["café calm"]})
    assert lexicon.matches("calm", f"a {decomposed} calm moment") == ("café calm",)
    lexicon = Lexicon({"calm": [decomposed]})
    assert lexicon.matches("calm", "in the café") == ("café",)


def test_order_follows_the_vocabulary_then_the_fields(vocabulary):
    texts = {"a": "I felt calm.", "b": "I felt anxious and calm."}
    found = suggest_tags(texts, vocabulary)
    assert [(s.tag, s.field) for s in found] == [("anxious", "b"), ("calm", "a"), ("calm", "b")]


def test_tags_unknown_to_the_vocabulary_are_skipped(vocabulary):
    lexicon = Lexicon({"no-such-tag": ["anxious"], "anxious": ["anxious"]})
    assert lexicon.unknown_tags(vocabulary) == ["no-such-tag"]
    assert [s.tag for s in lexicon.suggest({"n": "anxious"}, vocabulary)] == ["anxious"]


def test_suggest_tags_is_pure(vocabulary):
    texts = {"narrative": "I was furious."}
    before = dict(texts)
    assert suggest_tags(texts, vocabulary) == suggest_tags(texts, vocabulary)
    assert texts == before


def test_markup_and_regex_characters_in_text_are_just_text(vocabulary):
    text = "<b>(anxious)</b> [.*+?] \\ $ ^ " * 50
    assert load_lexicon().matches("anxious", text) == ("anxious",)


def test_empty_and_missing_texts_give_no_suggestions(vocabulary):
    assert suggest_tags({}, vocabulary) == []
    assert suggest_tags({"narrative": ""}, vocabulary) == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("tags: [a, b]\n", "needs a 'tags' mapping"),
        ("tags:\n  anxious: worried\n", "needs a non-empty list"),
        ("tags:\n  anxious: [worried, 3]\n", "is not a word or phrase"),
        ("tags:\n  anxious: ['*']\n", "is not a word or phrase"),
        ("tags: {anxious: [worried\n", "is not valid YAML"),
        ("tags:\n  calm: [calm]\nwhose:\n  groups: {feelings: mine}\n", "must be one of me, us, them, anyone"),
        ("tags:\n  calm: [calm]\nwhose: [me]\n", "'whose' needs"),
        ("tags:\n  calm: [calm]\nwhose:\n  tags: [calm]\n", "'whose: tags' must map"),
        ("tags:\n  calm: [calm]\ncaveats:\n  calm: 3\n", "'caveats' must map"),
    ],
)
def test_a_broken_lexicon_file_is_reported_with_its_name(tmp_path, content, problem):
    path = tmp_path / "lexicon.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        parse_lexicon(path)
    assert str(path) in str(info.value)
    assert problem in str(info.value)


def test_load_lexicon_reads_a_named_file(tmp_path, vocabulary):
    path = tmp_path / "mine.yaml"
    path.write_text("version: 1\ntags:\n  calm: [serene]\n", encoding="utf-8")
    lexicon = load_lexicon(path)
    assert [s.tag for s in suggest_tags({"n": "Serene."}, vocabulary, lexicon)] == ["calm"]
