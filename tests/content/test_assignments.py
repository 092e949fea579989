"""content/assignments.py: the bundled assignment templates, the frameworks they map to, and a
tutor's own folder (``$WORKBOOK_ASSIGNMENTS``), where a broken file is reported by file and
line while every other assignment still loads."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from workbook import DataFileError
from workbook.content import NMC_CODE_THEMES, PCF_DESCRIPTIONS, PCF_DOMAINS, load_assignments, parse_assignment
from workbook.content.assignments import (
    ELEMENTS,
    MAX_ASSIGNMENT_FILES,
    AssignmentLibrary,
    JournalRequirements,
    Mapping,
    WordRange,
)
from workbook.content.datafiles import MAX_FILE_BYTES
from workbook.content.references import load_references
from workbook.content.reflective_models import load_templates
from workbook.models import DEPTHS

BUNDLED = ("gibbs-critical-incident", "process-recording", "driscoll-short", "nmc-reflective-account")

GOOD = """\
id: {id}
title: "Placement reflection"
introduction: "Reflect on one visit."
confidentiality: "Names have been changed."
sections:
  - id: what
    title: What?
    prompt: "What happened?"
    words: {{min: 50, max: 200}}
    points: 5
"""


@pytest.fixture(autouse=True)
def _no_tutor_folder(monkeypatch):
    monkeypatch.delenv("WORKBOOK_ASSIGNMENTS", raising=False)


@pytest.fixture(scope="module")
def bundled() -> AssignmentLibrary:
    return load_assignments([])


def test_the_four_bundled_assignments_load(bundled):
    assert tuple(bundled) == BUNDLED
    assert bundled.problems == []
    for a in bundled.values():
        assert a.title.strip() and len(a.introduction.split()) >= 30 and len(a.confidentiality.split()) >= 15
        assert a.sections and all(s.prompt.strip() and s.points > 0 for s in a.sections)
        assert all(set(s.elements) <= set(ELEMENTS) and s.elements for s in a.sections)
        assert a.references and all(key in load_references() for key in a.references)
        assert a.model is None or a.model in load_templates([])
        assert a.depth is None or a.depth in DEPTHS
        assert Path(a.source).name == f"{a.id}.yaml"


def test_the_frameworks_are_defined_once_in_order():
    assert list(PCF_DOMAINS.values()) == [
        "Professionalism",
        "Values and ethics",
        "Diversity and equality",
        "Rights, justice and economic wellbeing",
        "Knowledge",
        "Critical reflection and analysis",
        "Skills and interventions",
        "Contexts and organisations",
        "Professional leadership",
    ]
    assert list(NMC_CODE_THEMES.values()) == [
        "Prioritise people",
        "Practise effectively",
        "Preserve safety",
        "Promote professionalism and trust",
    ]
    assert Mapping("pcf", 3).options is PCF_DOMAINS and Mapping("nmc-code").options is NMC_CODE_THEMES


def test_each_pcf_domain_has_one_line_describing_it():
    assert len(PCF_DESCRIPTIONS) == 9
    assert list(PCF_DESCRIPTIONS) == list(PCF_DOMAINS)
    for domain, line in PCF_DESCRIPTIONS.items():
        assert line.strip() and "\n" not in line and line != PCF_DOMAINS[domain], domain


def test_the_gibbs_critical_incident(bundled):
    a = bundled["gibbs-critical-incident"]
    gibbs = load_templates([])["gibbs"]
    assert a.model == "gibbs" and a.section_ids == gibbs.stage_ids
    assert a.word_limit == WordRange(1500, 2500)
    assert a.mappings == Mapping("pcf", 3)
    assert a.depth == "dialogic" and a.journal == JournalRequirements(min_entries=1)
    assert "analysis" in a.section("analysis").elements and "change" in a.section("action_plan").elements
    assert "basw-2018" in a.references and "gibbs-1988" in a.references
    # the section ranges fit inside the whole: a student can meet both
    assert sum(s.words.min for s in a.sections) <= 1500 and sum(s.words.max for s in a.sections) >= 2500


def test_the_other_bundled_assignments(bundled):
    assert bundled["process-recording"].section_ids == (
        "purpose",
        "conversation",
        "assessment",
        "plans",
        "supervision_issues",
    )
    driscoll = bundled["driscoll-short"]
    assert driscoll.section_ids == ("what", "so_what", "now_what") and driscoll.word_limit == WordRange(500, 800)
    nmc = bundled["nmc-reflective-account"]
    assert nmc.section_ids == ("nature", "learned", "changed", "code_relevance")
    assert nmc.mappings == Mapping("nmc-code", 1)
    assert "identif" in nmc.confidentiality and "identif" in nmc.introduction


def test_a_word_range_says_what_it_allows():
    assert WordRange(500, 800).allows(500) and WordRange(500, 800).allows(800)
    assert not WordRange(500, 800).allows(499) and not WordRange(500, 800).allows(801)
    assert WordRange(400).label == "at least 400 words" and WordRange(None, 90).label == "at most 90 words"


# -- a tutor's own folder ----------------------------------------------------------------------------
BROKEN = {
    "bad-yaml": ("sections:\n  - id: what\n    title: [unclosed\n", 4, "not valid YAML"),
    "no-section-id": (GOOD.replace("  - id: what\n", "  - name: what\n"), 6, "'id'"),
    "bad-words": (GOOD.replace("{{min: 50, max: 200}}", "{{min: 300, max: 200}}"), 9, "min (300) is more than max"),
    "negative-words": (GOOD.replace("{{min: 50, max: 200}}", "{{min: -5}}"), 9, "whole numbers"),
    "framework": (GOOD + "mappings: {{framework: hcpc, min: 1}}\n", 11, "unknown framework 'hcpc'"),
    "too-many-ticks": (GOOD + "mappings: {{framework: nmc-code, min: 5}}\n", 11, "from 1 to 4"),
    "depth": (GOOD + "depth: profound\n", 1, "unknown depth 'profound'"),
    "depth-list": (GOOD + "depth: [dialogic]\n", 1, "unknown depth ['dialogic']"),
    "framework-list": (GOOD + "mappings: {{framework: [pcf]}}\n", 11, "unknown framework ['pcf']"),
    "reference": (GOOD + "references: [gibbs-1988, nobody-2031]\n", 1, "unknown reference key 'nobody-2031'"),
    "model": (GOOD + "model: no_such_model\n", 1, "not a reflective-model template"),
    "reserved": (GOOD.replace("id: what", "id: mappings"), 6, "kept for the notebook"),
    "element": (GOOD + "    elements: [feelings, vibes]\n", 6, "unknown element 'vibes'"),
}


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(text).format(id=name) if "{id}" in text else text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_tutor_file_is_reported_by_file_and_line(tmp_path, name):
    text, line, problem = BROKEN[name]
    _write(tmp_path, name, text.format(id=name) if "{id}" in text else text)
    _write(tmp_path, "fine-one", GOOD.format(id="fine-one"))
    library = load_assignments([tmp_path], warn=False)
    assert "fine-one" in library and set(BUNDLED) <= set(library)
    assert len(library.problems) == 1
    error = library.problems[0]
    assert isinstance(error, DataFileError) and Path(error.path).name == f"{name}.yaml"
    assert error.line == line, str(error)
    assert f"{name}.yaml, line {line}: " in str(error) and problem in str(error)


def test_the_tutor_folder_comes_from_the_environment_and_warns(tmp_path, monkeypatch):
    _write(tmp_path, "placement-one", GOOD.format(id="placement-one"))
    _write(tmp_path, "broken", "id: [\n")
    monkeypatch.setenv("WORKBOOK_ASSIGNMENTS", str(tmp_path))
    with pytest.warns(UserWarning, match=r"broken\.yaml, line \d"):
        library = load_assignments()
    assert list(library)[-1] == "placement-one" and library["placement-one"].section("what").words == WordRange(50, 200)


def test_a_tutor_file_cannot_take_a_bundled_id(tmp_path):
    _write(tmp_path, "mine", GOOD.format(id="driscoll-short"))
    library = load_assignments([tmp_path], warn=False)
    assert library["driscoll-short"].title.startswith("Short reflection")
    assert "already used" in str(library.problems[0])


def test_the_same_size_limits_as_templates(tmp_path):
    (tmp_path / "huge.yaml").write_text(GOOD.format(id="huge") + "#" * MAX_FILE_BYTES, encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    library = load_assignments([tmp_path], warn=False)
    assert sorted(Path(p.path).name for p in library.problems) == ["folder.yaml", "huge.yaml"]
    assert "too large" in str(next(p for p in library.problems if "huge" in p.path))
    assert "huge" not in library


def test_only_so_many_files_are_read_from_one_folder(tmp_path):
    for n in range(MAX_ASSIGNMENT_FILES + 2):
        _write(tmp_path, f"a{n:03d}", GOOD.format(id=f"a{n:03d}"))
    library = load_assignments([tmp_path], warn=False)
    assert len(library) == len(BUNDLED) + MAX_ASSIGNMENT_FILES
    assert "only the first" in str(library.problems[0])


def test_a_missing_folder_is_reported(tmp_path):
    library = load_assignments([tmp_path / "nowhere"], warn=False)
    assert set(library) == set(BUNDLED) and "does not exist" in str(library.problems[0])


def test_parse_one_file_for_a_rubric(tmp_path):
    a = parse_assignment(_write(tmp_path, "rubric", GOOD.format(id="rubric")))
    assert a.id == "rubric" and a.mappings is None and a.word_limit is None and a.references == ()
    with pytest.raises(DataFileError, match=r"nope\.yaml"):
        parse_assignment(tmp_path / "nope.yaml")
