"""Suggestions a practitioner can trust: whose feeling it was, negation, hypotheticals,
harmful triggers left out, what the form already decided, at most eight and ranked."""

from __future__ import annotations

import pytest

from workbook.content.attribution import OTHER, TEAM, UNKNOWN, WRITER, TextReader, term_owner
from workbook.content.lexicon import MAX_SUGGESTIONS, Lexicon, load_lexicon, parse_lexicon, suggest_tags
from workbook.content.vocab import load_vocabulary
from workbook.errors import DataFileError


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()


def tags(text: str, vocabulary, **kwargs) -> set[str]:
    return {s.tag for s in suggest_tags({"narrative": text}, vocabulary, **kwargs)}


def owner(text: str, word: str) -> str:
    start = text.index(word)
    return TextReader(text).read(start, start + len(word), term_owner(word)).owner


# -- whose feeling it was ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "mine", "theirs"),
    [
        ("She felt ashamed.", set(), {"shame"}),
        ("I felt ashamed.", {"ashamed"}, set()),
        ("Her anger filled the room.", set(), {"anger-hostility"}),
        ("I was angry with her.", {"angry"}, set()),
        ("Mum was relieved.", set(), {"relief"}),
        ("I was relieved.", {"relieved"}, set()),
        ("They were hopeful.", set(), {"hope"}),
        ("Jo cried when I explained.", set(), {"distress"}),
    ],
)
def test_a_feeling_goes_to_the_group_of_whoever_had_it(vocabulary, text, mine, theirs):
    found = tags(text, vocabulary)
    feelings = {t.id for t in vocabulary.in_group("feelings")}
    other = {t.id for t in vocabulary.in_group("other-person")}
    assert found & feelings == mine
    assert found & other == theirs


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("I was frightened when he blocked the door.", "fear"),
        ("He was exhausted after the night shift.", "drained"),
        ("I nearly cried in the car.", "distress"),
        ("My manager was furious.", "furious"),
        ("My manager was furious.", "anger-hostility"),  # a colleague is not "the other person"
    ],
)
def test_a_feeling_is_not_suggested_in_the_wrong_group(vocabulary, text, wrong):
    assert wrong not in tags(text, vocabulary)


@pytest.mark.parametrize(
    "text",
    ["It was frightening.", "The meeting was overwhelming.", "Anxious.", "You feel helpless at times."],
)
def test_when_whose_it_is_cannot_be_told_nothing_is_suggested(vocabulary, text):
    assert tags(text, vocabulary) == set()


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("I felt anxious.", "anxious", WRITER),
        ("It made me anxious.", "anxious", WRITER),
        ("Felt drained all day.", "drained", WRITER),  # a diary's missing "I"
        ("Exhausted, I drove home.", "Exhausted", WRITER),
        ("She told me she was scared.", "scared", OTHER),
        ("I could see Mum was upset.", "upset", OTHER),
        ("I sat with her and felt sad.", "sad", WRITER),  # "her" is an object further away
        ("I phoned the daughter and felt relieved.", "relieved", WRITER),
        ("Mum hugged the child and cried.", "cried", OTHER),
        ("I was moved by how gently he spoke.", "gently", OTHER),
        ("I explained the plan to the patient gently.", "gently", WRITER),  # the patient is an object
        ("She left. Felt drained afterwards.", "drained", WRITER),  # a new sentence, a new subject
        ("Mrs B seemed anxious.", "anxious", OTHER),
        ("The patient's wife was tearful.", "tearful", OTHER),
        ("We avoided it together.", "avoided", TEAM),
        ("I knew Colleague Sedge was frightened.", "frightened", UNKNOWN),
        ("There was a lot of anger.", "anger", UNKNOWN),
        ("Me: 'I'm worried about you.'", "I'm worried", UNKNOWN),  # said, in a quote
    ],
)
def test_who_a_word_belongs_to(text, word, expected):
    assert owner(text, word) == expected


def test_a_term_that_names_its_own_person_keeps_it():
    assert term_owner("I apologised") == WRITER
    assert term_owner("my heart sank") == WRITER
    assert term_owner("out of my depth") == WRITER
    assert term_owner("raised her voice") is None  # whose voice: the context says


def test_without_whose_a_lexicon_suggests_whoever_felt_it(vocabulary):
    lexicon = Lexicon({"ashamed": ["ashamed"], "shame": ["ashamed"]})
    assert tags("She felt ashamed.", vocabulary, lexicon=lexicon) == {"ashamed", "shame"}
    lexicon = Lexicon({"ashamed": ["ashamed"], "shame": ["ashamed"]}, whose_groups={"feelings": "me"})
    assert tags("She felt ashamed.", vocabulary, lexicon=lexicon) == {"shame"}


# -- negation and hypotheticals -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("I was not anxious.", "anxious"),
        ("I wasn't angry, just tired.", "angry"),
        ("She showed no fear.", "fear"),
        ("I never felt overwhelmed.", "overwhelmed"),
        ("Mum wasn't hostile at all.", "anger-hostility"),
        ("Nobody was shouting.", "anger-hostility"),
        ("Not once did I feel angry.", "angry"),
        ("We did not talk about the hospice.", "end-of-life"),
    ],
)
def test_a_negated_word_is_not_suggested(vocabulary, text, tag):
    assert tag not in tags(text, vocabulary)


def test_nobody_as_the_subject_negates():
    text = "Nobody was shouting."
    assert TextReader(text).read(text.index("shouting"), len(text) - 1).negated


def test_negation_stays_in_its_clause(vocabulary):
    assert "angry" in tags("She wasn't hostile, but I was angry.", vocabulary)
    assert "fear" in tags("I wasn't sure, but she seemed frightened.", vocabulary)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("I could have paused more.", "silence-used"),
        ("I should have checked her understanding.", "checking-understanding"),
        ("Next time I will name the concern.", "held"),
        ("I'll pause more next time.", "silence-used"),
        ("I need containment myself.", "containment-given"),
        ("If she cries again I will stay with her.", "containment-given"),
        ("I wish I had named the concern.", "held"),
        ("If I had paused, she might have spoken.", "silence-used"),
    ],
)
def test_a_hypothetical_is_not_suggested(vocabulary, text, tag):
    assert tag not in tags(text, vocabulary)


def test_seeing_and_feeling_are_not_hypothetical(vocabulary):
    assert "fear" in tags("I could see she was frightened.", vocabulary)
    assert "angry" in tags("I could feel myself getting angry.", vocabulary)


# -- worker conduct: the writer's own -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "tag", "suggested"),
    [
        ("I paused and let her take it in.", "silence-used", True),
        ("She paused before answering.", "silence-used", False),
        ("I argued with him about the plan.", "confrontational", True),
        ("The parent argued with me.", "confrontational", False),
        ("He insisted the medication was given.", "confrontational", False),
        ("I avoided the question.", "avoided", True),
        ("She avoided my eye.", "avoided", False),
        ("I sat with her while she cried.", "containment-given", True),
        ("Her sister sat with her.", "containment-given", False),
    ],
)
def test_worker_conduct_tags_need_the_writer_as_the_one_who_did_it(vocabulary, text, tag, suggested):
    assert (tag in tags(text, vocabulary)) is suggested


# -- harmful triggers --------------------------------------------------------------------------------
# From the practice review (lexicon findings L1, L2, L5-L8, L10; "Top 10 changes" item 3).
DROPPED = {
    "apparent-cooperation": ["compliant", "went along with", "nodded along", "disguised compliance"],
    "denial-minimising": ["denied", "nothing wrong"],
    "anxious": ["worried", "worrying"],
    "child-protection": ["bruise", "bruises", "bruising"],
    "court-fdac": ["court", "judge"],
    "softened": ["reassur*"],
    "containment-given": ["contained"],
    "splitting": ["all good", "all bad"],
    "adult-safeguarding": ["mental capacity"],
}


@pytest.mark.parametrize(("tag", "words"), DROPPED.items())
def test_the_triggers_that_nudge_suspicion_are_gone_from_the_lexicon(tag, words):
    terms = {t.casefold() for t in load_lexicon().terms[tag]}
    assert terms.isdisjoint(w.casefold() for w in words)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Mum was compliant with the plan and attendance is now good.", "apparent-cooperation"),
        ("Dad went along with the family group conference.", "apparent-cooperation"),
        ("She denied hitting him and the paediatrician found no injury.", "denial-minimising"),
        ("The GP said there was nothing wrong with his chest.", "denial-minimising"),
        ("We are worried about the children.", "anxious"),
        ("The care agency reported bruising on Mrs K's arm.", "child-protection"),
        ("The Court of Protection hearing is next month.", "court-fdac"),
        ("I was reassured by the health visitor's report.", "softened"),
        ("The report contained nothing new.", "containment-given"),
        ("It's all good from the school.", "splitting"),
        ("We assessed his mental capacity before discharge.", "adult-safeguarding"),
    ],
)
def test_harmful_triggers_suggest_nothing(vocabulary, text, tag):
    assert tag not in tags(text, vocabulary)


def test_phrases_that_describe_a_gap_still_suggest_and_carry_a_caveat(vocabulary):
    assert "apparent-cooperation" in tags("She said all the right things but nothing changed.", vocabulary)
    assert "care proceedings" in load_lexicon().terms["court-fdac"]
    assert "mistaken" in load_lexicon().caveats["denial-minimising"]


# -- what is already decided ------------------------------------------------------------------------
def test_chosen_tags_are_not_suggested(vocabulary):
    assert "anxious" not in tags("I felt anxious.", vocabulary, chosen=["anxious"])


def test_a_chosen_context_stops_suggestions_of_every_context(vocabulary):
    text = "We talked about the hospice, and the care proceedings."
    assert {"end-of-life", "court-fdac"} <= tags(text, vocabulary)
    found = tags(text, vocabulary, context="child-protection")
    assert found.isdisjoint(t.id for t in vocabulary.in_group("context"))
    assert "power-authority" in found  # only the context group is left out


def test_a_chosen_outcome_stops_suggestions_of_the_outcome_tags(vocabulary):
    text = "I named the concern, then softened it, and avoided the rest. I said it plainly."
    assert {"held", "softened", "avoided"} <= tags(text, vocabulary)
    found = tags(text, vocabulary, outcome="held")
    assert found.isdisjoint({"held", "softened", "avoided"})
    assert "directness" in found


# -- at most eight, ranked ---------------------------------------------------------------------------
LONG = (
    "I felt anxious and on edge. I was frustrated, then sad, then guilty. I felt numb. "
    "I was drained and overwhelmed. I felt helpless. I was out of my depth. I felt calm later. "
    "I was relieved and grateful. She was frightened and tearful."
)


def test_at_most_eight_suggestions_are_offered(vocabulary):
    everything = suggest_tags({"narrative": LONG}, vocabulary, limit=None)
    assert len({s.tag for s in everything}) > MAX_SUGGESTIONS == 8
    assert len({s.tag for s in suggest_tags({"narrative": LONG}, vocabulary)}) == 8


def test_ranking_is_by_words_then_phrase_length_not_the_vocabulary_order(vocabulary):
    found = suggest_tags(
        {"narrative": "I was irritated. I felt angry. I felt calm and composed. I was out of my depth."}, vocabulary
    )
    # irritated and angry come first in the vocabulary; calm has two words, out-of-depth a long phrase
    assert [s.tag for s in found] == ["calm", "out-of-depth", "irritated", "angry"]


def test_more_words_then_longer_phrases_rank_first_and_words_are_kept(vocabulary):
    texts = {"a": "I felt calm.", "b": "I felt anxious and on edge; I was calm.", "c": "I was out of my depth."}
    found = suggest_tags(texts, vocabulary)
    assert [(s.tag, s.field) for s in found] == [
        ("anxious", "b"),  # two words
        ("out-of-depth", "c"),  # one phrase of four words
        ("calm", "a"),  # one word, in two fields: together, in field order
        ("calm", "b"),
    ]
    assert found[0].words == ("anxious", "on edge")


def test_the_bundled_whose_names_real_groups_and_tags(vocabulary):
    lexicon = load_lexicon()
    assert set(lexicon.whose_groups) <= {g.id for g in vocabulary.groups}
    assert all(vocabulary.find(tag) is not None for tag in (*lexicon.whose_tags, *lexicon.caveats))
    assert lexicon.whose("ashamed", "feelings") == "me"
    assert lexicon.whose("shame", "other-person") == "them"
    assert lexicon.whose("authorship", "conversation") == "anyone"


# -- the dynamics added later: whose fear, and nothing that reads suspicion -----------------------
@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        ("I felt unsafe once the partner came home.", "unsafe", "fear"),
        ("I was frightened for my own safety on the stairs.", "unsafe", "fear"),
        ("She said she was frightened of the landlord.", "fear", "unsafe"),
        ("The daughter was grieving for the mother she used to know.", "grief-loss", "sad"),
        ("Dad said it was hopeless.", "hopelessness", "helpless"),
        ("Her son asked us not to tell her she was dying.", "collusion", "avoided"),
        ("I did not see the children alone.", "child-unseen", "avoided"),
        ("I found the smell disgusting.", "disgust", "anger-hostility"),
        ("We used an interpreter on the phone.", "difference-power", "power-authority"),
    ],
)
def test_the_new_dynamics_are_suggested_for_the_right_person(vocabulary, text, expected, wrong):
    found = tags(text, vocabulary)
    assert expected in found
    assert wrong not in found


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("She told me she didn't feel safe at home.", "unsafe"),  # her fear, not mine
        ("Mum said she was not hopeless, just tired.", "hopelessness"),
        ("I was grieving a little myself.", "grief-loss"),
        ("The house was disgusting, the nurse said.", "disgust"),
        ("I interpreted her silence as agreement.", "difference-power"),
        ("I saw the children alone in their room.", "child-unseen"),
        ("I encouraged her to ring the ward.", "encouraged"),  # what I did, not how I felt
        ("I think I am showing signs of compassion fatigue.", "compassion"),  # the lexicon's unless
        ("I assumed Parent Rowan could not cope with the full picture.", "distress"),  # a guess
        ("I felt the old pull to find something hopeful to say.", "hopeful"),  # a thing, not a feeling
    ],
)
def test_the_new_words_are_not_suggested_where_they_do_not_mean_it(vocabulary, text, wrong):
    assert wrong not in tags(text, vocabulary)


def test_no_new_trigger_reads_suspicion_or_names_a_diagnosis():
    lexicon = load_lexicon()
    words = {w.casefold() for tag in lexicon.terms.values() for w in tag}
    for harmful in ("in denial", "manipulative", "disguised compliance", "burnout", "personality", "ptsd"):
        assert harmful not in words
    # the rule of optimism is the writer's judgement of their own reading, never a parent's act
    assert all("mum" not in w and "parent" not in w for w in lexicon.terms["rule-of-optimism"])


def test_unless_stops_a_word_inside_a_phrase_that_means_something_else(vocabulary, tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text(
        "unless:\n  compassion: [compassion fatigue]\ntags:\n  compassion: [compassion]\n", encoding="utf-8"
    )
    lexicon = parse_lexicon(path)
    assert lexicon.meant("compassion", "I showed compassion.", "us") == ("compassion",)
    assert lexicon.meant("compassion", "I have compassion fatigue.", "us") == ()
    path.write_text("unless:\n  gone: [x]\ntags:\n  compassion: [compassion]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no words"):
        parse_lexicon(path)
