"""vocab.py: the bundled emotional-dynamics vocabulary, lookups, suggestions, and errors
that name the file and line of a broken vocabulary."""

from __future__ import annotations

import textwrap
import unicodedata

import pytest

import workbook as wb
from workbook import DataFileError, ValidationError
from workbook.content.vocab import FEELING_FAMILIES, TAG_ID_RE, _load_file, load_vocabulary, slugify, tag_key
from workbook.models import Tag

GROUPS = ["feelings", "other-person", "relational", "conversation", "context"]


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def test_five_groups_in_order(vocab):
    assert [g.id for g in vocab.groups] == GROUPS
    assert all(g.label.strip() and g.description.strip() for g in vocab.groups)
    assert [g.id for g in vocab.groups if g.intensity] == ["feelings"]


def test_at_least_sixty_tags_in_every_group(vocab):
    assert len(vocab) >= 60
    assert {t.group for t in vocab} == set(GROUPS)
    for group in GROUPS:
        assert len(vocab.in_group(group)) >= 3, group


def test_every_tag_is_complete(vocab):
    for tag in vocab:
        assert TAG_ID_RE.fullmatch(tag.id), tag.id
        assert tag.label.strip() == tag.label and tag.label, tag.id
        assert len(tag.definition.split()) >= 8, tag.id
        assert tag.reference.strip(), tag.id
        assert not tag.custom


def test_ids_and_labels_are_unique_and_never_shadow_each_other(vocab):
    ids = [t.id for t in vocab]
    labels = [tag_key(t.label) for t in vocab]
    assert len(set(ids)) == len(ids)
    assert len(set(labels)) == len(labels)
    for tag in vocab:
        assert vocab.find(tag.id) is tag
        assert vocab.find(tag.label) is tag, f"label {tag.label!r} finds another tag"


def test_families_only_and_always_on_feelings(vocab):
    for tag in vocab:
        if tag.group == "feelings" and tag.id != "mixed":  # mixed crosses families: none
            assert tag.family in FEELING_FAMILIES, tag.id
        else:
            assert tag.family is None, tag.id
    assert {t.family for t in vocab.in_group("feelings")} - {None} == set(FEELING_FAMILIES)


def test_context_group_holds_the_contexts(vocab):
    contexts = {t.id for t in vocab.in_group("context")}
    assert {"child-protection", "end-of-life", "court-fdac"} <= contexts


@pytest.mark.parametrize(
    "name, expected",
    [
        ("angry", "angry"),
        ("Angry", "angry"),
        ("ANGRY", "angry"),
        ("  angry \n", "angry"),
        ("Out of my depth", "out-of-depth"),
        ("out of my DEPTH", "out-of-depth"),
        ("out-of-depth", "out-of-depth"),
        ("Mixed feelings", "mixed"),
        ("Court / FDAC", "court-fdac"),
        ("Denial (as a defence)", "denial"),
        ("Denial or minimising", "denial-minimising"),
        ("Softened into an easy conversation", "softened"),
    ],
)
def test_lookup_by_id_or_label_in_any_case(vocab, name, expected):
    assert vocab.find(name).id == expected
    assert vocab.resolve(name).id == expected
    assert name in vocab


def test_lookup_is_nfc():
    tag = Tag("cafe-talk", "Café talk", "conversation", "A definition.", "Ref.")
    vocab = load_vocabulary([tag])
    assert vocab.find("Cafe\u0301 talk") is tag
    assert vocab.find(unicodedata.normalize("NFD", "CAFÉ TALK")) is tag


@pytest.mark.parametrize(
    "name, suggestions",
    [
        ("angri", ["angry"]),
        ("Anxius", ["anxious"]),
        ("releived", ["relieved"]),
        ("child protect", ["child-protection"]),
        ("countertransferance", ["countertransference"]),
    ],
)
def test_unknown_tag_suggests_close_tags(vocab, name, suggestions):
    assert vocab.find(name) is None and name not in vocab
    with pytest.raises(ValidationError) as info:
        vocab.resolve(name, field="tags[0].tag")
    assert info.value.field == "tags[0].tag"
    for s in suggestions:
        assert repr(s) in str(info.value)
        assert s in vocab.closest(name)
    assert "Did you mean" in str(info.value)


def test_unknown_tag_with_nothing_close_points_to_the_vocabulary(vocab):
    with pytest.raises(ValidationError, match=r"wb\.vocabulary\(\)"):
        vocab.resolve("qqqqxxxx")


@pytest.mark.parametrize("name", [42, None, ["angry"]])
def test_non_text_is_not_a_tag(vocab, name):
    assert name not in vocab


def test_bundled_vocabulary_is_read_once(vocab):
    assert load_vocabulary() is vocab


def test_custom_tags_extend_without_changing_the_bundle(vocab):
    custom = Tag("stuck-feeling", "Stuck feeling", "feelings", "Going round.", "Mine", custom=True)
    extended = load_vocabulary([custom])
    assert len(extended) == len(vocab) + 1 and extended.find("stuck feeling") is custom
    assert vocab.find("stuck feeling") is None


def test_public_vocabulary_without_a_journal_file(_isolated_journal):
    assert len(wb.vocabulary()) == len(load_vocabulary())
    assert not _isolated_journal.exists()  # nothing was created


@pytest.mark.parametrize(
    "label, slug",
    [
        ("Stuck feeling", "stuck-feeling"),
        ("Über-müde!!", "uber-mude"),
        ("  A  b  ", "a-b"),
        ("情", ""),
        ("x2 y3", "x2-y3"),
    ],
)
def test_slugify(label, slug):
    assert slugify(label) == slug


def test_repr(vocab):
    assert repr(vocab) == f"<Vocabulary 5 groups, {len(vocab)} tags>"


# -- broken vocabulary files name the file and line ------------------------------------------

HEADER = """\
groups:
  - id: feelings
    label: My feelings
    description: What you felt.
    intensity: true
tags:
"""  # tags start on line 7


@pytest.mark.parametrize(
    "tags_yaml, line, fragment",
    [
        (
            "  - id: ok\n    label: Ok\n    group: feelings\n    definition: d\n    reference: r\n"
            "  - id: Bad_Id\n    label: Bad\n    group: feelings\n    definition: d\n    reference: r\n",
            12,
            "must be lowercase",
        ),
        (
            "  - id: same\n    label: A\n    group: feelings\n    definition: d\n    reference: r\n"
            "  - id: same\n    label: B\n    group: feelings\n    definition: d\n    reference: r\n",
            12,
            "used twice",
        ),
        (
            "  - id: lost\n    label: Lost\n    group: moods\n    definition: d\n    reference: r\n",
            7,
            "unknown group 'moods'",
        ),
        ("  - id: nodef\n    label: No definition\n    group: feelings\n    reference: r\n", 7, "'definition'"),
        (
            "  - id: emptyref\n    label: E\n    group: feelings\n    definition: d\n    reference: '  '\n",
            7,
            "'reference'",
        ),
        (
            "  - id: fam\n    label: F\n    group: feelings\n    family: grumpy\n    definition: d\n    reference: r\n",
            7,
            "family must be one of",
        ),
        ("  - id: ok\n    label: a: b\n    group: feelings\n", 8, "not valid YAML"),
    ],
)
def test_broken_vocabulary_names_file_and_line(tmp_path, tags_yaml, line, fragment):
    path = tmp_path / "vocabulary.yaml"
    path.write_text(HEADER + tags_yaml, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        _load_file(path)
    assert info.value.path == str(path)
    assert info.value.line == line, str(info.value)
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"{path}, line {line}: ")


def test_vocabulary_without_lists_is_refused(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text(textwrap.dedent("groups: {}\ntags: []\n"), encoding="utf-8")
    with pytest.raises(DataFileError, match="needs a 'groups' list"):
        _load_file(path)


def test_unreadable_vocabulary_is_a_data_file_error(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_bytes(b"groups: [\xff\xfe]\n")
    with pytest.raises(DataFileError, match="cannot be read"):
        _load_file(path)
