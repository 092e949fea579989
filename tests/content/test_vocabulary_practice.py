"""The practice review's vocabulary findings, checked where they can be: the missing dynamics
present with a definition and a reference, the two Forrester studies cited for what each
found, mixed feelings counted in no family, the nursing contexts, full citations."""

from __future__ import annotations

import pandas as pd
import pytest

from workbook.content.vocab import FEELING_FAMILIES, load_vocabulary
from workbook.forms.entry.tags import TagPicker

FORRESTER_A = "Forrester D, Kershaw S, Moss H, Hughes L. 2008a."  # simulated interviews (CFSW 13(1):41-51)
FORRESTER_B = "Forrester D, McCambridge J, Waissbein C, Rollnick S. 2008b."  # vignettes (CAR 17(1):23-35)

# The dynamics the review's §3 found missing, with the group each belongs in and a word
# its reference must name.
NEW_TAGS = {
    "unsafe": ("feelings", "Ferguson"),
    "moral-distress": ("feelings", "Jameton"),
    "compassion-fatigue": ("feelings", "Figley"),
    "disgust": ("feelings", "Plutchik"),
    "grief-loss": ("other-person", "Lindemann"),
    "hopelessness": ("other-person", "Beck"),
    "collusion": ("relational", "Conspiracy of silence"),
    "rule-of-optimism": ("relational", "Dingwall"),
    "start-again": ("relational", "DCSF-RR023"),
    "difference-power": ("relational", "Professional Capabilities Framework"),
    "supervision-management": ("relational", "Kadushin"),
    "supervision-development": ("relational", "Kadushin"),
    "supervision-support": ("relational", "Kadushin"),
    "supervision-mediation": ("relational", "Morrison"),
    "child-unseen": ("conversation", "Ferguson"),
    "authoritative": ("conversation", "Oliver C, Charles G. 2016"),
    "curiosity": ("conversation", "Laming"),
    "projective-identification": ("relational", "Klein"),
}
NURSING_CONTEXTS = (
    "acute-ward",
    "community-nursing",
    "critical-care",
    "discharge-planning",
    "paediatric-nursing",
    "maternity",
)


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


@pytest.mark.parametrize(("tag_id", "group", "source"), [(k, *v) for k, v in NEW_TAGS.items()])
def test_each_missing_dynamic_is_a_tag_with_a_definition_and_a_reference(vocab, tag_id, group, source):
    tag = vocab.find(tag_id)
    assert tag is not None, tag_id
    assert tag.group == group
    assert len(tag.definition.split()) >= 25, "a definition, not a gloss"
    assert source.casefold() in tag.reference.casefold()
    assert "Reflective Workbook" not in tag.reference, "a dynamic needs a source, not our own category"


def test_practitioner_fear_is_a_safety_matter_for_a_manager_and_not_the_other_persons_fear(vocab):
    unsafe = vocab.find("unsafe")
    assert unsafe.family == "scared"
    assert "manager" in unsafe.definition and "safety" in unsafe.definition
    assert vocab.find("fear").group == "other-person"


def test_compassion_fatigue_is_a_note_for_supervision_and_never_a_diagnosis(vocab):
    definition = vocab.find("compassion-fatigue").definition
    assert "supervision" in definition
    assert "not a diagnosis" in definition


def test_moral_distress_carries_its_critique_and_the_rule_of_optimism_its_misuse(vocab):
    assert "Johnstone MJ, Hutchinson A. 2015" in vocab.find("moral-distress").reference
    assert "misused" in vocab.find("rule-of-optimism").definition


def test_difference_and_power_includes_the_interpreter(vocab):
    assert "interpreter" in vocab.find("difference-power").definition


# -- Forrester: each finding with the study that found it -------------------------------------
@pytest.mark.parametrize("tag_id", ["anger-hostility", "openness", "directness", "consequences-clear"])
def test_empathy_disclosure_resistance_and_clarity_cite_the_simulated_interviews(vocab, tag_id):
    reference = vocab.find(tag_id).reference
    assert FORRESTER_A in reference
    assert FORRESTER_B not in reference, "2008b (vignettes) found confrontation, not these"


def test_confrontation_and_own_agenda_cite_the_vignette_study_and_say_which_found_what(vocab):
    tag = vocab.find("confrontational")
    assert FORRESTER_B in tag.reference and FORRESTER_A in tag.reference
    text = " ".join(tag.definition.split())
    vignettes, actor = text.index("vignettes"), text.index("actor playing a parent")
    assert "own agenda" in text[vignettes : text.index("(2008b)")]
    assert "less resistance" in text[actor : text.index("(2008a)")]


def test_every_forrester_citation_is_complete(vocab):
    for tag in vocab:
        if FORRESTER_A in tag.reference:
            assert "Child and Family Social Work 13(1):41-51" in tag.reference, tag.id
        if FORRESTER_B in tag.reference:
            assert "Child Abuse Review 17(1):23-35" in tag.reference, tag.id


def test_willcox_and_bernacki_are_cited_in_full(vocab):
    for tag in vocab:
        if "Willcox" in tag.reference:
            assert "The Feeling Wheel: a tool for expanding awareness" in tag.reference, tag.id
            assert "12(4):274-6" in tag.reference, tag.id
        if "Bernacki" in tag.reference:
            assert "JAMA Internal Medicine 174(12):1994-2003" in tag.reference, tag.id


def test_denial_and_apparent_cooperation_guard_against_suspicion(vocab):
    assert "mistaken" in vocab.find("denial-minimising").definition
    cooperation = vocab.find("apparent-cooperation")
    assert "NSPCC" in cooperation.reference and "describe the behaviour" in cooperation.definition


# -- mixed feelings count in no family ----------------------------------------------------------
def test_mixed_feelings_have_no_family_and_no_family_count_includes_them(vocab):
    assert vocab.find("mixed").family is None
    families = vocab.families()
    assert tuple(families) == FEELING_FAMILIES
    assert all("mixed" not in {t.id for t in tags} for tags in families.values())
    assert sum(len(tags) for tags in families.values()) == len(vocab.in_group("feelings")) - 1
    counts = vocab.family_counts(["mixed", "Mixed feelings", "mixed", "dread", "unsafe", "angry", "held"])
    assert counts == {"mad": 1, "sad": 0, "scared": 2, "joyful": 0, "powerful": 0, "peaceful": 0}


def test_a_family_outside_the_feelings_group_is_refused(tmp_path):
    from workbook.content.vocab import _load_file
    from workbook.errors import DataFileError

    path = tmp_path / "vocabulary.yaml"
    path.write_text(
        "groups:\n  - id: relational\n    label: R\n    description: d\n"
        "tags:\n  - id: odd\n    label: Odd\n    group: relational\n    family: sad\n"
        "    definition: d\n    reference: r\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="only feelings tags have a family"):
        _load_file(path)


def test_the_ladder_is_ours_in_the_spirit_of_plutchik(vocab):
    assert "in the spirit of" in " ".join(vocab.find("irritated").definition.split())
    for tag_id in ("irritated", "angry", "furious"):
        assert "intensity" in vocab.find(tag_id).definition, tag_id


# -- contexts ---------------------------------------------------------------------------------
def test_nursing_contexts_are_there(vocab):
    contexts = {t.id for t in vocab.in_group("context")}
    assert set(NURSING_CONTEXTS) <= contexts
    assert "adult-assessment" in contexts
    assert "carer's assessment" not in vocab.find("family-assessment").definition.split(". ")[0]
    assert vocab.in_group("context")[-1].id == "other", "Other stays last"


def test_the_statutory_tests_are_worded_as_the_law_words_them(vocab):
    child = " ".join(vocab.find("child-protection").definition.split())
    assert "is suffering, or is likely to suffer, significant harm" in child
    assert "England" in child
    adult = " ".join(vocab.find("adult-safeguarding").definition.split())
    assert "as a result of those needs" in adult


# -- the new tags work in the form's picker and in charts ----------------------------------------
def test_the_tag_picker_offers_and_records_the_new_tags(vocab):
    picker = TagPicker(vocab)
    for tag_id in ("unsafe", "collusion", "supervision-support", "curiosity"):
        picker.select(tag_id)
    assert {"unsafe", "collusion", "supervision-support", "curiosity"} <= set(picker.selected())


def test_with_every_context_in_use_the_outcome_chart_folds_the_least_used(vocab):
    from workbook.charts.builders import MAX_PANELS, _fold_panels

    contexts = [t.label for t in vocab.in_group("context")]
    assert len(contexts) > MAX_PANELS
    wide = pd.DataFrame(
        {"period_start": pd.Timestamp("2026-01-01"), "panel": contexts, "held": range(1, len(contexts) + 1)}
    )
    folded = _fold_panels(wide, ["held"], "All other contexts")
    assert len(folded) == MAX_PANELS
    assert "All other contexts" in set(folded["panel"])
    assert folded["held"].sum() == wide["held"].sum(), "nothing lost in the fold"
    assert contexts[-1] in set(folded["panel"]), "the most used context keeps its panel"
    assert contexts[0] not in set(folded["panel"]), "the least used goes into the fold"
    assert _fold_panels(wide.head(MAX_PANELS), ["held"], "All other contexts").equals(wide.head(MAX_PANELS))
