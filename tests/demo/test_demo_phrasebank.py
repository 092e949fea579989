"""The demo's data files are checked on loading: a broken phrase bank names its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import workbook as wb
from workbook import paths
from workbook.content.vocab import load_vocabulary
from workbook.demo import PLACEHOLDERS, phrasebank

DEMO_DATA = paths.data_dir() / "demo"


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """Copy the demo's data files to ``tmp_path``; return a function that edits one of them
    and loads the copy (the cache of the real files is restored afterwards)."""
    shutil.copytree(DEMO_DATA, tmp_path / "demo")
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)

    def edit_and_load(name: str, old: str | None, new: str) -> phrasebank.DemoData:
        """Replace the first ``old`` in ``name`` by ``new`` (the whole file if ``old`` is None), then load."""
        path: Path = tmp_path / "demo" / name
        text = path.read_text(encoding="utf-8")
        assert old is None or old in text
        path.write_text(new if old is None else text.replace(old, new, 1), encoding="utf-8")
        phrasebank.load.cache_clear()
        return phrasebank.load()

    phrasebank.load.cache_clear()
    yield edit_and_load
    phrasebank.load.cache_clear()


def test_the_bundled_data_loads_and_fits_together():
    data = phrasebank.load()
    assert data.people and data.cases
    assert tuple(data.personas) == phrasebank.PERSONAS == ("social-worker", "nurse")
    for persona in data.personas.values():
        assert persona.practitioner and persona.cases and persona.people
        assert sorted(t.group for t in persona.custom_tags) == ["conversation", "relational"]
        assert set(persona.contexts) <= {t.id for t in load_vocabulary() if t.group == "context"}
    register = set(data.roles)
    assert all(set(case.members) | set(case.colleagues) <= register for case in data.cases)
    assert "generic" in data.banks
    lines = [line for bank in data.banks.values() for group in bank.values() for line in group]
    lines += [line for group in (*data.actions.values(), *data.narrative.values()) for line in group]
    assert lines and all(line.needs <= set(PLACEHOLDERS) for line in lines)


def test_an_unknown_placeholder_names_the_file_and_line(broken):
    with pytest.raises(wb.DataFileError) as error:
        broken("situations.yaml", "topic: the decision to go to court", "topic: the decision to go to {judge}")
    assert error.value.path.endswith("situations.yaml")
    assert error.value.line
    assert "unknown placeholder" in str(error.value) and "judge" in str(error.value)


def test_a_person_not_in_the_register_is_refused(broken):
    with pytest.raises(wb.DataFileError) as error:
        broken("situations.yaml", "person: Colleague Bramble", "person: Colleague Nobody")
    assert error.value.path.endswith("situations.yaml")
    assert "not in the demo register" in str(error.value)


def test_the_stage_banks_need_a_generic_bank(broken):
    with pytest.raises(wb.DataFileError) as error:
        broken("stages.yaml", "\n  generic:\n", "\n  general:\n")
    assert error.value.path.endswith("stages.yaml")
    assert "generic" in str(error.value)


def test_each_file_must_be_a_mapping(broken):
    with pytest.raises(wb.DataFileError) as error:
        broken("register.yaml", None, "- a list\n- not a mapping\n")
    assert error.value.path.endswith("register.yaml")
    assert "must be a mapping" in str(error.value)


def test_an_unknown_persona_is_refused():
    with pytest.raises(wb.ValidationError) as error:
        phrasebank.demo_people("doctor")
    assert error.value.field == "persona"


def test_a_situation_kept_to_an_unknown_persona_is_refused(broken):
    with pytest.raises(wb.DataFileError) as error:
        broken("situations.yaml", "persona: social-worker", "persona: surgeon")
    assert error.value.path.endswith("situations.yaml")


# Wording of the Serious Illness Conversation Guide (Ariadne Labs) that a demo line must not
# track: its prognosis sentence and its questions, as a public copy reads them.
GUIDE_WORDING = (
    "time may be",
    "shorter than we hoped",
    "lie ahead",
    "what is ahead",
    "how much information",
    "understanding now",
    "most important to you",
    "biggest fears",
    "gives you strength",
    "imagine living without",
    "willing to go through",
    "how much does your family know",
)


def _all_text() -> str:
    return "\n".join((DEMO_DATA / f"{name}.yaml").read_text(encoding="utf-8") for name in ("situations", "stages"))


def test_no_demo_line_tracks_the_guides_wording():
    text = _all_text().lower()
    assert "matters most" in text  # the file was read
    for phrase in GUIDE_WORDING:
        assert phrase not in text, phrase
