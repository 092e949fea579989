"""Elements of reflection: each element is found in a clear sentence and not in a near miss,
other people's feelings are not the writer's, sentences are cut sensibly, and a broken
rules file is reported with its line."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from workbook.course.elements import (
    ELEMENT_IDS,
    ELEMENTS,
    ElementHit,
    elements_of,
    find_elements,
    load_rules,
    parse_rules,
    split_sentences,
)
from workbook.errors import DataFileError


def found(sentence: str) -> set[str]:
    return {hit.element for hit in find_elements(sentence)}


def test_elements_have_ids_labels_and_descriptions():
    assert ELEMENT_IDS == ("description", "feelings", "analysis", "perspectives", "evaluation", "change")
    for element in ELEMENTS:
        assert element.label and element.description.endswith(".")


def test_every_rule_has_a_reason_a_student_can_read():
    rules = load_rules()
    assert {rule.element for rule in rules.rules} == set(ELEMENT_IDS)
    for rule in rules.rules:
        assert 20 <= len(rule.why) <= 200 and "\n" not in rule.why, rule.id


CLEAR_AND_NEAR = [
    # element, a clear sentence, a near miss without it
    ("description", "On Monday I visited Mr A at home with my practice educator.", "It is hard to say."),
    ("feelings", "I felt anxious before I knocked on the door.", "The house was cold and untidy."),
    ("analysis", "According to Bion (1962), containment makes feelings bearable.", "Mr A made a cup of tea."),
    ("analysis", "This links to attachment theory.", "Mr A showed me his garden."),
    ("perspectives", "From her point of view, the visit may have felt like an inspection.", "I looked at the form."),
    ("perspectives", "The family might have felt judged by the number of questions.", "The family lives nearby."),
    ("evaluation", "What went well was that I kept to the plan we agreed.", "The plan has four parts."),
    ("evaluation", "The leaflet was not helpful for someone who reads little English.", "The leaflet is blue."),
    ("change", "Next time I will ask what she already knows before I explain.", "Last time she was out."),
    ("change", "In future I plan to check the chronology before a visit.", "The chronology was long."),
]


@pytest.mark.parametrize(("element", "clear", "near"), CLEAR_AND_NEAR)
def test_each_element_is_found_in_a_clear_sentence_and_not_in_a_near_miss(element, clear, near):
    assert element in found(clear)
    assert element not in found(near)


@pytest.mark.parametrize(
    "sentence",
    [
        "Parent Willow was upset and tearful.",
        "She seemed anxious when the doctor arrived.",
        "Mr A was angry about the delay.",
        "I could see that the daughter was frightened.",
    ],
)
def test_other_peoples_feelings_are_not_the_writers(sentence):
    assert "feelings" not in found(sentence)


def test_the_writers_feelings_beside_someone_elses_are_found_and_placed():
    text = "Parent Willow was upset. I felt helpless and a bit shaky."
    hits = [h for h in find_elements(text) if h.element == "feelings"]
    assert hits and {h.sentence for h in hits} == {1}
    assert {text[h.start : h.end] for h in hits} >= {"helpless"}


def test_an_opinion_with_felt_that_is_not_a_feeling():
    assert "feelings" not in found("I felt that the plan was rushed.")
    assert "feelings" in found("I felt uneasy about the plan.")


def test_a_negated_feeling_is_still_writing_about_feelings():
    assert "feelings" in found("I did not feel confident at all.")


def test_hits_give_the_sentence_the_offsets_and_the_rule():
    text = "I arrived late. Next time I will leave earlier."
    hit = next(h for h in find_elements(text) if h.element == "change")
    assert isinstance(hit, ElementHit)
    assert hit.sentence == 1 and text[hit.start : hit.end].lower() == "next time"
    assert hit.rule in load_rules().by_id and load_rules().why(hit.rule)


def test_elements_of_lists_every_element_with_the_sentences_showing_it():
    text = "I felt out of my depth. This links to Schön's idea of reflection-in-action. The room was small."
    shown = elements_of(text)
    assert list(shown) == list(ELEMENT_IDS)
    assert shown["feelings"] == ["I felt out of my depth."]
    assert shown["analysis"] == ["This links to Schön's idea of reflection-in-action."]
    assert shown["change"] == []


def test_hits_hold_no_text_of_the_writing():
    text = "Next time I will ask Parent Willow about the garden."
    for hit in find_elements(text):
        assert "Willow" not in repr(hit) and "garden" not in repr(hit)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("I phoned Dr. Reed. She was out.", ["I phoned Dr. Reed.", "She was out."]),
        (
            "Some tasks, e.g. the medication round, were late. I said so.",
            ["Some tasks, e.g. the medication round, were late.", "I said so."],
        ),
        ("Ruch et al. (2010) describe this. It helped!", ["Ruch et al. (2010) describe this.", "It helped!"]),
        ("I visited Mr A. He was out? Yes.", ["I visited Mr A.", "He was out?", "Yes."]),
        ("She said “I’m fine.” Then she cried.", ["She said “I’m fine.”", "Then she cried."]),
        ("About approx. three hours", ["About approx. three hours"]),
        ("First point\n\nSecond point", ["First point", "Second point"]),
        ("- one thing\n- another", ["- one thing", "- another"]),
        ("", []),
    ],
)
def test_sentences_are_split_at_their_ends_not_at_abbreviations(text, sentences):
    assert split_sentences(text) == sentences


def write(tmp_path, body: str):
    path = tmp_path / "elements.yaml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD_REST = "".join(
    f"  {e}:\n    rules:\n      - id: {e}-x\n        why: A reason for {e}.\n        phrases: [{e}word]\n"
    for e in ("description", "feelings", "analysis", "perspectives", "evaluation", "change")
)


def rule_line(element: str) -> int:
    """The line of an element's rule in a file made of "elements:" and GOOD_REST."""
    return 4 + 5 * ELEMENT_IDS.index(element)


def test_a_small_valid_rules_file_is_read(tmp_path):
    rules = parse_rules(write(tmp_path, "elements:\n" + GOOD_REST), feeling_words={})
    assert [r.id for r in rules.rules][0] == "description-x"
    assert {h.element for h in rules.find("Some analysisword here.")} == {"analysis"}


@pytest.mark.parametrize(
    ("body", "line", "says"),
    [
        ("elements:\n  description: [\n", None, "not valid YAML"),
        ("elements:\n" + GOOD_REST + "  musings:\n    rules: []\n", 2, "not an element"),
        (
            "elements:\n" + GOOD_REST.replace("        why: A reason for analysis.\n", ""),
            rule_line("analysis"),
            "needs a one-line 'why'",
        ),
        (
            "elements:\n" + GOOD_REST.replace("[feelingsword]", "[]\n        regex: ['(unclosed']"),
            rule_line("feelings"),
            "not valid",
        ),
        ("elements:\n" + GOOD_REST.replace("id: change-x", "id: Change X"), rule_line("change"), "rule id"),
        (
            "elements:\n" + GOOD_REST.replace("phrases: [changeword]", "regex: ['(?s)x.*y']"),
            rule_line("change"),
            "not valid",
        ),
        ("elements:\n" + GOOD_REST.replace("id: change-x", "id: analysis-x"), rule_line("change"), "used twice"),
        ("elements:\n" + GOOD_REST.replace("phrases: [changeword]", "whose: nobody"), rule_line("change"), "whose"),
        (
            "elements:\n" + GOOD_REST.replace("phrases: [changeword]", "lexicon: feelings"),
            rule_line("change"),
            "lexicon",
        ),
    ],
)
def test_a_broken_rules_file_names_its_line(tmp_path, body, line, says):
    with pytest.raises(DataFileError) as caught:
        parse_rules(write(tmp_path, body), feeling_words={})
    assert says in str(caught.value)
    if line is not None:
        assert caught.value.line == line
    else:
        assert caught.value.line is not None


def test_a_rules_file_without_an_element_says_which(tmp_path):
    body = "elements:\n" + GOOD_REST.split("  change:")[0]
    with pytest.raises(DataFileError, match="no rules for change"):
        parse_rules(write(tmp_path, body), feeling_words={})


# -- the labelled set and the benchmark ------------------------------------------------------

LABELLED = Path(__file__).resolve().parents[2] / "data" / "elements-labelled.yaml"


def _bench():
    path = Path(__file__).resolve().parents[2] / "bench" / "elements.py"
    spec = importlib.util.spec_from_file_location("bench_elements", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_the_labelled_set_is_valid_large_enough_and_a_third_held_out():
    doc = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    ids = [r["id"] for r in doc["reflections"]]
    assert len(ids) == len(set(ids))
    sentences, held_out, texts = 0, 0, set()
    for reflection in doc["reflections"]:
        assert set(reflection) == {"id", "writer", "held_out", "sentences"}, reflection["id"]
        assert isinstance(reflection["held_out"], bool)
        for sentence in reflection["sentences"]:
            assert set(sentence) == {"text", "elements"}
            assert sentence["text"].strip() and sentence["text"] not in texts
            texts.add(sentence["text"])
            labels = sentence["elements"]
            assert isinstance(labels, list) and len(labels) == len(set(labels))
            assert set(labels) <= set(ELEMENT_IDS), sentence["text"]
            sentences += 1
            held_out += reflection["held_out"]
    assert sentences >= 150
    assert 0.28 <= held_out / sentences <= 0.40
    # every element has examples on both sides of the split
    for part in (True, False):
        shown = {e for r in doc["reflections"] if r["held_out"] is part for s in r["sentences"] for e in s["elements"]}
        assert shown == set(ELEMENT_IDS)


def test_each_labelled_sentence_is_one_sentence():
    doc = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    for reflection in doc["reflections"]:
        for sentence in reflection["sentences"]:
            assert split_sentences(sentence["text"]) == [sentence["text"]]


def test_the_benchmark_runs_and_returns_its_figures(capsys):
    bench = _bench()
    figures = bench.main([])
    assert set(figures) == {"dev", "held-out"}
    for by_element in figures.values():
        assert set(by_element) == set(ELEMENT_IDS)
        for f in by_element.values():
            assert -1.0 <= f.kappa <= 1.0 and 0.0 <= f.precision <= 1.0 and 0.0 <= f.recall <= 1.0
    assert figures["dev"]["feelings"].n + figures["held-out"]["feelings"].n >= 150
    printed = capsys.readouterr().out
    assert "held-out" in printed and "kappa" in printed


def test_the_benchmarks_kappa_matches_a_worked_example():
    figures = _bench().Figures(both=20, found_only=5, labelled_only=10, neither=15)
    # po = 35/50 = 0.7; pe = (25*30 + 25*20) / 2500 = 0.5; kappa = 0.2 / 0.5
    assert figures.kappa == pytest.approx(0.4)
    assert figures.precision == pytest.approx(0.8) and figures.recall == pytest.approx(20 / 30)
