"""reflective_models.py: the bundled reflective-model templates, and an institution's own folder
(``$WORKBOOK_TEMPLATES``) where a broken file is reported by file and line while every
other template still loads."""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from pathlib import Path

import pytest

import workbook as wb
from workbook import DataFileError, Journal
from workbook.content.reflective_models import KINDS, STAGE_ID_RE, TemplateLibrary, load_templates, parse_template

BUNDLED = {
    "gibbs": "reflective-model",
    "kolb": "reflective-model",
    "driscoll": "reflective-model",
    "rolfe": "reflective-model",
    "schon": "reflective-model",
    "johns": "reflective-model",
    "brookfield": "reflective-model",
    "process_recording": "conversation-debrief",
    "serious_illness_debrief": "conversation-debrief",
    "spikes_debrief": "conversation-debrief",
    "child_family_debrief": "conversation-debrief",
}


@pytest.fixture(scope="module")
def bundled() -> TemplateLibrary:
    return load_templates([])


def test_the_eleven_bundled_templates(bundled):
    assert set(bundled) == set(BUNDLED) and len(bundled) == 11
    assert bundled.problems == []
    assert {k: t.kind for k, t in bundled.items()} == BUNDLED


@pytest.mark.parametrize("template_id", sorted(BUNDLED))
def test_bundled_template_is_complete(bundled, template_id):
    t = bundled[template_id]
    assert t.id == template_id and t.kind in KINDS
    assert t.name.strip() and len(t.summary.split()) >= 10 and t.reference.strip()
    assert len(t.stages) >= 3
    assert len(set(t.stage_ids)) == len(t.stage_ids)
    for stage in t.stages:
        assert STAGE_ID_RE.match(stage.id)
        assert stage.title.strip() and stage.prompt.strip() and stage.guidance.strip()
        assert stage.prompt.rstrip().endswith("?") or len(stage.prompt.split()) >= 5
        assert len(stage.guidance.split()) >= 15
        assert stage.min_words is None or (isinstance(stage.min_words, int) and 0 <= stage.min_words <= 1000)
    assert t.stage(t.stage_ids[0]) is t.stages[0]
    with pytest.raises(KeyError):
        t.stage("no_such_stage")
    assert Path(t.source).name in {f"{template_id}.yaml", f"{template_id}.yml"}


def test_gibbs_has_its_six_stages(bundled):
    assert bundled["gibbs"].stage_ids == (
        "description",
        "feelings",
        "evaluation",
        "analysis",
        "conclusion",
        "action_plan",
    )


# -- prepare: the debriefs' planning prompts ------------------------------------------------------
# (id list, sha256 of the [id, title, prompt] triples): the words are exactly those the
# prepare panel showed when they were written in Python, so moving them to data changed nothing;
# since then the serious-illness explore prompt names the Guide's areas without its question
# wording, and the child-and-family plan gained a prompt on the forum that holds the conversation.
PREPARE = {
    "serious_illness_debrief": (
        ["purpose", "understanding", "key_message", "explore", "close", "support"],
        "def3cc174698ec39",
    ),
    "spikes_debrief": (
        ["setting", "perception_invitation", "knowledge", "emotions", "strategy", "support"],
        "23410cd7b5365619",
    ),
    "child_family_debrief": (
        ["purpose", "what_has_to_be_said", "empathy_and_clarity", "consequences", "choices", "forum", "support"],
        "07d7ac6e06078e35",
    ),
}


@pytest.mark.parametrize("template_id", sorted(BUNDLED))
def test_the_three_debriefs_bring_their_prepare_prompts(bundled, template_id):
    prepare = bundled[template_id].prepare
    if template_id not in PREPARE:
        assert prepare == ()
        return
    ids, digest = PREPARE[template_id]
    assert [p.id for p in prepare] == ids
    triples = [(p.id, p.title, p.prompt) for p in prepare]
    assert hashlib.sha256(json.dumps(triples).encode()).hexdigest()[:16] == digest
    for p in prepare:
        assert p.title.strip() and len(p.prompt.split()) >= 10 and p.guidance == ""


def test_repr(bundled):
    assert repr(bundled) == "<TemplateLibrary 11 templates>"


# -- an institution's own folder ----------------------------------------------------------------

GOOD = """\
# Our team's debrief
id: team_debrief
name: Team debrief
kind: conversation-debrief
summary: A short debrief used by our team after a hard phone call with a family.
reference: Our team, 2025.
stages:
  - id: what_happened
    title: What happened
    prompt: What happened on the call?
    guidance: Say what was said, using roles rather than names.
    min_words: 20
  - id: next
    title: Next
    prompt: What will you do next?
    guidance: One or two concrete steps.
"""

SYNTAX_ERROR = """\
id: broken_syntax
name: Broken syntax
summary: A file with a YAML mistake on line 6.
reference: Nobody, 2025.
stages:
  - id: one: two
    title: One
    prompt: Why?
    guidance: Because.
"""
SYNTAX_ERROR_LINE = 6

MISSING_PROMPT = """\
id: no_prompt
name: No prompt
summary: The second stage has no prompt.
reference: Nobody, 2025.
stages:
  - id: first
    title: First
    prompt: What happened?
    guidance: Describe it.
  - id: second
    title: Second
    guidance: There is no prompt above this line.
"""
MISSING_PROMPT_LINE = 10  # where the second stage starts


@pytest.fixture
def institution(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "our-templates"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "syntax.yaml").write_text(SYNTAX_ERROR, encoding="utf-8")
    (folder / "no_prompt.yml").write_text(MISSING_PROMPT, encoding="utf-8")
    (folder / "README.txt").write_text("not a template", encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_TEMPLATES", str(folder))
    return folder


def test_good_file_loads_and_broken_files_are_named_with_their_line(institution):
    with pytest.warns(UserWarning, match="Template not loaded") as warned:
        library = wb.templates()
    assert "team_debrief" in library and len(library) == 12
    assert set(BUNDLED) <= set(library)
    assert list(library)[-1] == "team_debrief"  # bundled first, then the folder
    team = library["team_debrief"]
    assert team.stage_ids == ("what_happened", "next") and team.stages[0].min_words == 20
    assert team.source == str(institution / "good.yaml")

    problems = {Path(p.path).name: p for p in library.problems}
    assert set(problems) == {"syntax.yaml", "no_prompt.yml"}
    syntax = problems["syntax.yaml"]
    assert syntax.line == SYNTAX_ERROR_LINE
    assert str(syntax).startswith(f"{institution / 'syntax.yaml'}, line {SYNTAX_ERROR_LINE}: ")
    assert "not valid YAML" in str(syntax)
    missing = problems["no_prompt.yml"]
    assert missing.line == MISSING_PROMPT_LINE
    assert "'prompt'" in str(missing) and str(institution / "no_prompt.yml") in str(missing)
    assert len(warned) == 2
    assert repr(library) == "<TemplateLibrary 12 templates, 2 problem(s)>"


def test_journal_uses_the_institution_templates(institution, journal_path):
    with Journal(journal_path) as j:
        entry = j.add(title="call", template="team_debrief", responses={"next": "Ring back tomorrow."})
        assert entry.responses == {"next": "Ring back tomorrow."}
        with pytest.raises(wb.ValidationError) as info:
            j.add(title="call", template="no_prompt")
        assert info.value.field == "template"


def test_several_folders_and_a_missing_one(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, template_id in ((first, "first_one"), (second, "second_one")):
        folder.mkdir()
        (folder / "t.yaml").write_text(GOOD.replace("team_debrief", template_id), encoding="utf-8")
    missing = tmp_path / "nowhere"
    monkeypatch.setenv("WORKBOOK_TEMPLATES", os.pathsep.join([str(first), str(missing), str(second)]))
    library = load_templates(warn=False)
    assert {"first_one", "second_one"} <= set(library)
    assert [(p.path, "does not exist" in str(p)) for p in library.problems] == [(str(missing), True)]


def test_a_template_cannot_replace_a_bundled_one(tmp_path):
    (tmp_path / "gibbs.yaml").write_text(GOOD.replace("team_debrief", "gibbs"), encoding="utf-8")
    library = load_templates([tmp_path], warn=False)
    assert library["gibbs"].name == "Gibbs' reflective cycle"
    assert len(library.problems) == 1 and "already used" in str(library.problems[0])


def test_no_environment_means_bundled_only(monkeypatch):
    monkeypatch.delenv("WORKBOOK_TEMPLATES", raising=False)
    library = wb.templates()
    assert set(library) == set(BUNDLED) and library.problems == []


# -- parse_template refusals -------------------------------------------------------------------


def _stage(**overrides) -> str:
    fields = {"id": "one", "title": "One", "prompt": "Why?", "guidance": "Because."}
    fields.update(overrides)
    return "  - " + "\n    ".join(f"{k}: {v}" for k, v in fields.items() if v is not None) + "\n"


HEAD = "id: t\nname: T\nsummary: S.\nreference: R, 2025.\n"  # four lines


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("- just\n- a list\n", None, "must be a mapping"),
        (HEAD.replace("id: t", "id: Bad Id") + "stages:\n" + _stage(), 1, "id 'Bad Id'"),
        (HEAD.replace("id: t\n", "") + "stages:\n" + _stage(), 1, "'id'"),
        (HEAD + "kind: poem\nstages:\n" + _stage(), 1, "kind must be one of"),
        (HEAD + "stages: []\n", 1, "non-empty list"),
        (HEAD + "stages: none\n", 1, "non-empty list"),
        (HEAD + "stages:\n  - just text\n", 1, "each stage must be a mapping"),
        (HEAD + "stages:\n" + _stage(id="Bad-Stage"), 6, "stage id 'Bad-Stage'"),
        (HEAD + "stages:\n" + _stage() + _stage(), 10, "used twice"),
        (HEAD + "stages:\n" + _stage(min_words=-1), 6, "min_words"),
        (HEAD + "stages:\n" + _stage(min_words="many"), 6, "min_words"),
        (HEAD + "stages:\n" + _stage(min_words="true"), 6, "min_words"),
        (HEAD + "stages:\n" + _stage(title=None), 6, "'title'"),
        (HEAD + "stages:\n" + _stage(guidance="''"), 6, "'guidance'"),
        (HEAD.replace("summary: S.\n", "") + "stages:\n" + _stage(), 1, "'summary'"),
        (HEAD.replace("reference: R, 2025.\n", "") + "stages:\n" + _stage(), 1, "'reference'"),
        (HEAD + "stages:\n" + _stage() + "\t- tab\n", 10, "not valid YAML"),
    ],
)
def test_broken_template_names_the_line(tmp_path, text, line, fragment):
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        parse_template(path)
    assert info.value.path == str(path)
    assert info.value.line == line, str(info.value)
    assert fragment in str(info.value)


def _prompt(**overrides) -> str:
    fields = {"id": "before", "title": "Before", "prompt": "What will you say?"}
    fields.update(overrides)
    return "  - " + "\n    ".join(f"{k}: {v}" for k, v in fields.items() if v is not None) + "\n"


def test_prepare_prompts_parse_in_their_order(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(
        HEAD
        + "prepare:\n"
        + _prompt()
        + _prompt(id="after", title="After", prompt="Who helps?")
        + "stages:\n"
        + _stage(),
        encoding="utf-8",
    )
    t = parse_template(path)
    assert [(p.id, p.title, p.prompt) for p in t.prepare] == [
        ("before", "Before", "What will you say?"),
        ("after", "After", "Who helps?"),
    ]
    assert t.stage_ids == ("one",)


def test_a_template_without_prepare_has_none(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + "stages:\n" + _stage(), encoding="utf-8")
    assert parse_template(path).prepare == ()
    path.write_text(HEAD + "prepare:\nstages:\n" + _stage(), encoding="utf-8")  # an empty key
    assert parse_template(path).prepare == ()


@pytest.mark.parametrize(
    "prepare, line, fragment",
    [
        ("prepare: plan ahead\n", 1, "'prepare' must be a list"),
        ("prepare:\n  before: What?\n", 1, "'prepare' must be a list"),
        ("prepare:\n  - just text\n", 1, "each prepare prompt must be a mapping"),
        ("prepare:\n" + _prompt(id="Bad Id"), 6, "prepare prompt id 'Bad Id'"),
        ("prepare:\n" + _prompt() + _prompt(), 9, "prepare prompt id 'before' is used twice"),
        ("prepare:\n" + _prompt(title=None), 6, "'title'"),
        ("prepare:\n" + _prompt(prompt="''"), 6, "'prompt'"),
        ("prepare:\n" + _prompt(id=None), 6, "'id'"),
    ],
)
def test_broken_prepare_names_the_file_and_line(tmp_path, prepare, line, fragment):
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + prepare + "stages:\n" + _stage(), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        parse_template(path)
    assert info.value.path == str(path)
    assert info.value.line == line, str(info.value)
    assert fragment in str(info.value)


def test_an_institution_debrief_without_prepare_loads_beside_the_bundled(tmp_path):
    (tmp_path / "ward_debrief.yaml").write_text(
        HEAD.replace("id: t", "id: ward_debrief") + "kind: conversation-debrief\nstages:\n" + _stage(),
        encoding="utf-8",
    )
    (tmp_path / "broken.yaml").write_text(
        HEAD.replace("id: t", "id: broken") + "prepare: soon\nstages:\n" + _stage(), encoding="utf-8"
    )
    library = load_templates([tmp_path], warn=False)
    assert library["ward_debrief"].prepare == () and library["spikes_debrief"].prepare
    assert "broken" not in library
    assert [Path(p.path).name for p in library.problems] == ["broken.yaml"]


def test_minimal_template_parses(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + "stages:\n" + _stage(min_words=0), encoding="utf-8")
    t = parse_template(path)
    assert (t.id, t.kind, t.stage_ids, t.stages[0].min_words) == ("t", "reflective-model", ("one",), 0)


def test_unreadable_template_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "latin1.yaml").write_bytes(textwrap.dedent("id: caf\xe9\n").encode("latin-1"))
    library = load_templates([tmp_path], warn=False)
    assert len(library) == 11
    assert "cannot be read" in str(library.problems[0])
