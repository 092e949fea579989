"""The practice review's findings on the reflective-model templates and the guided notebooks' prose,
checked where a check is possible: the child-and-family debrief's two new stages, no Serious Illness
Conversation Guide question wording anywhere, the Johns and Rolfe prompts in our own words (or
labelled "adapted from"), complete citations, and the notebooks regenerated from their guides."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.content.reflective_models import load_templates

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "data" / "templates"
GUIDES = ROOT / "tools" / "guides"
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="module")
def bundled():
    return load_templates([])


def _normal(text: str) -> str:
    """Lower case, straight apostrophes, one space, and every first- or second-person pronoun made the
    same (I/you -> P, my/your -> PP, myself/yourself -> PS) so a cue shifted from "I" to "you" still
    matches; YAML folding and Python indentation are undone by collapsing whitespace."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\b(myself|yourself)\b", "PS", text)
    text = re.sub(r"\b(my|your)\b", "PP", text)
    text = re.sub(r"\b(i|me|you)\b", "P", text)
    return text


def _files(*globs: str) -> list[Path]:
    found = [p for g in globs for p in sorted(ROOT.glob(g))]
    assert found, globs
    return found


TEMPLATE_FILES = _files("data/templates/*.yaml")
GUIDE_FILES = _files("tools/guides/g0*.py")
NOTEBOOK_FILES = _files("notebooks/0*.ipynb")
PROMPT_CODE = _files("workbook/forms/*.py")


# -- T13, T14: the child's experience and the space that held it ----------------------------------


def test_child_family_debrief_has_the_childs_experience_and_the_forum(bundled):
    t = bundled["child_family_debrief"]
    ids = list(t.stage_ids)
    assert "childs_experience" in ids and "forum" in ids
    # the child comes after the parent's response, the forum before the worker's own feelings
    assert ids.index("their_response") < ids.index("childs_experience") < ids.index("avoided_or_softened")
    assert ids.index("their_choices") < ids.index("forum") < ids.index("feelings_countertransference")
    child = t.stage("childs_experience")
    assert child.title == "The child's experience"
    words = _normal(child.prompt)
    assert "seen" in words and "alone" in words and "would they say" in words
    forum = t.stage("forum")
    assert "space" in forum.title.lower()
    for place in ("core group", "family group conference", "fdac", "court", "team meeting"):
        assert place in forum.prompt.lower(), place
    assert "alone" in forum.prompt.lower()
    assert "continental" in forum.guidance.lower() and "judge" in forum.guidance.lower()


def test_child_family_plan_asks_about_the_forum(bundled):
    prepare = {p.id: p for p in bundled["child_family_debrief"].prepare}
    assert "forum" in prepare
    assert "FDAC" in prepare["forum"].prompt and "family group conference" in prepare["forum"].prompt


def test_child_family_cites_both_forrester_studies(bundled):
    guidance = bundled["child_family_debrief"].stage("how_i_said_it").guidance
    assert "(Forrester et al. 2008b; 2008a)" in guidance
    assert "Forrester and colleagues (2008)" not in guidance


# -- T9, D13: the Serious Illness Conversation Guide at the level of its domains ------------------

# Fragments of the Guide's own questions (D13 and a public copy of the Guide), or of the earlier
# near-verbatim summaries of them; none may appear in a template, a guide, a notebook or a form.
SIC_PHRASES = (
    "gives them strength",
    "gives P strength",
    "imagine living without",
    "willing to go through",
    "would go through for",
    "or would not go through",
    "for the chance of more time",
    "for a chance of more time",
    "for the possibility of more time",
    "people closest to P know",
    "what their family knows",
    "what they hope for",
    "what are PP hopes",
    "biggest fears",
    "fears and worries",
    "so critical to PP life",
    "so important that losing them",
    "time may be as short as",
    "if PP health does get worse",
    "what abilities are so",
)
SIC_DOMAINS = (
    "goals if health worsens",
    "worries",
    "sources of strength",
    "critical abilities",
    "trade-offs",
    "family awareness",
    "hopes",
)


@pytest.mark.parametrize(
    "path", TEMPLATE_FILES + GUIDE_FILES + NOTEBOOK_FILES + PROMPT_CODE, ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_serious_illness_guide_question_wording(path):
    text = _normal(path.read_text(encoding="utf-8"))
    found = [phrase for phrase in SIC_PHRASES if phrase in text]
    assert found == [], f"{path.name} carries the Guide's question wording: {found}"


def test_serious_illness_debrief_names_the_domains_and_attributes_the_guide(bundled):
    t = bundled["serious_illness_debrief"]
    explore_plan = {p.id: p for p in t.prepare}["explore"].prompt
    for text in (t.stage("explore").prompt, explore_plan):
        for domain in SIC_DOMAINS:
            assert domain in text, domain
    assert "Ariadne Labs" in t.reference and "2023" in t.reference
    assert "Ariadne Labs" in t.summary
    g03 = (GUIDES / "g03_hard_conversations.py").read_text(encoding="utf-8")
    assert all(domain in g03 for domain in SIC_DOMAINS)
    assert "Ariadne Labs (*Serious Illness Conversation Guide*, revised 2023)" in g03


# -- T1, T2, T3: Johns and Rolfe in our own words --------------------------------------------------

# Johns' (2000) and Rolfe et al.'s (2001) published cue questions, and the pronoun-shifted versions the
# templates once carried (normalised as _normal does, so "I" and "you" forms both match).
JOHNS_CUES = (
    "trying to achieve",
    "why did P respond as P did",
    "what were the consequences",
    "how were others feeling",
    "how were they feeling",
    "how did P know",
    "why did P feel the way P did",
    "did P act for the best",
    "what knowledge did or could have informed",
    "what knowledge informed what P did",
    "connect with PP past experience",
    "connect with previous experiences",
    "could P have handled it better",
    "how could P handle this situation better",
    "consequences of alternative actions",
    "how do P feel about it now",
    "how do P now feel",
    "support PS and others",
    "changed PP ways of knowing",
)
ROLFE_CUES = (
    "what was PP role",
    "what were P trying to do",
    "what was P trying to achieve",
    "what actions did P take",
    "how did the other person respond",
    "the response of others",
    "what felt good or bad",
    "what was good or bad about",
    "so what does this tell P",
    "about PP relationship with them",
    "what knowledge were P drawing on",
    "what did P base PP actions on",
    "what new understanding",
    "PP new understanding",
    "going through PP mind",
    "now what do P need to do",
    "broader issues need to be considered",
    "what are PP options",
)


def _cues_found(template_id: str, cues: tuple[str, ...]) -> list[str]:
    raw = (TEMPLATES / f"{template_id}.yaml").read_text(encoding="utf-8")
    if "adapted from" in raw.lower():
        return []
    text = _normal(raw)
    return [cue for cue in cues if cue in text]


@pytest.mark.parametrize(("template_id", "cues"), [("johns", JOHNS_CUES), ("rolfe", ROLFE_CUES)])
def test_published_cue_questions_are_not_reproduced_unless_labelled(template_id, cues):
    assert _cues_found(template_id, cues) == []


def test_the_cue_check_would_catch_the_old_pronoun_shifted_prompts():
    old = _normal(
        "What were you trying to achieve, and why did you respond as you did? How were they feeling, and how "
        "did you know? Why did you feel the way you did in this situation?"
    )
    assert [cue for cue in JOHNS_CUES if cue in old] == [
        "trying to achieve",
        "why did P respond as P did",
        "how were they feeling",
        "how did P know",
        "why did P feel the way P did",
    ]


@pytest.mark.parametrize("template_id", ["johns", "rolfe"])
def test_header_says_what_the_prompts_are(template_id):
    header = [line for line in (TEMPLATES / f"{template_id}.yaml").read_text(encoding="utf-8").splitlines()]
    comment = " ".join(line.lstrip("# ") for line in header if line.startswith("#")).lower()
    assert "paraphrase" in comment or "adapted from" in comment
    assert "do not reproduce" in comment or "adapted from" in comment


def test_rolfe_names_its_levels_and_cites_borton(bundled):
    t = bundled["rolfe"]
    assert "theory- and knowledge-building" in t.summary
    assert t.stage("so_what_theory_building").title == "So what? (theory- and knowledge-building level)"
    assert "Borton T. 1970" in t.reference
    assert "theory-building level" not in (TEMPLATES / "rolfe.yaml").read_text(encoding="utf-8")


# -- T4, T5, T7, T8, T10, T15: citations and claims ------------------------------------------------

DRISCOLL_1994 = "Reflective practice for practise"


@pytest.mark.parametrize("path", TEMPLATE_FILES + GUIDE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_driscoll_1994_is_referenced_wherever_it_is_cited(path):
    text = path.read_text(encoding="utf-8")
    assert "1994/2007" not in text
    if re.search(r"Driscoll[^.\n]{0,12}1994", text):
        assert DRISCOLL_1994 in text and "Senior Nurse 14(1):47" in text.replace("*", "")


def test_driscoll_template_carries_both_references(bundled):
    reference = bundled["driscoll"].reference
    assert "Driscoll J. 1994. Reflective practice for practise. Senior Nurse 14(1):47–50." in reference
    assert "Driscoll J. 2007" in reference and "Borton T. 1970" in reference


@pytest.mark.parametrize("path", [TEMPLATES / "gibbs.yaml", GUIDES / "g01_journal_a_conversation.py"])
def test_gibbs_is_one_of_the_models_courses_ask_for_not_the_model(path):
    text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
    assert "most often ask for" in text
    for match in re.finditer(r"most often ask for", text):
        assert "one of the models" in text[max(0, match.start() - 60) : match.start()]


def test_schon_next_time_is_labelled_reflection_for_action(bundled):
    guidance = bundled["schon"].stage("next_time").guidance
    assert "reflection-for-action" in guidance and "not one of Schön's own terms" in guidance


def test_brookfield_names_the_three_kinds_of_assumption(bundled):
    guidance = bundled["brookfield"].stage("assumptions").guidance
    for kind in ("paradigmatic", "prescriptive", "causal"):
        assert f"{kind} assumptions" in guidance


def test_spikes_summary_gives_both_halves_of_baile_2015(bundled):
    summary = bundled["spikes_debrief"].summary
    assert "not been formally trialled" in summary
    assert "associated with good outcomes for patients" in summary
    g03 = re.sub(r"\s+", " ", (GUIDES / "g03_hard_conversations.py").read_text(encoding="utf-8"))
    assert "associated with good outcomes for patients" in g03


def test_process_recording_says_honestly_where_it_comes_from(bundled):
    reference = bundled["process_recording"].reference
    assert "no single originator" in reference
    assert "Fox R, Gutheil IA. 2000" in reference and "Journal of Teaching in Social Work 20(1-2):39–55" in reference


# -- notebook prose (D1-D4, D7, D10-D12, D5, D6, D14) -----------------------------------------------


def _guide(name: str) -> str:
    return re.sub(r"\s+", " ", (GUIDES / name).read_text(encoding="utf-8"))


def test_forrester_findings_sit_with_the_right_study():
    g02, g03 = _guide("g02_emotional_dynamics.py"), _guide("g03_hard_conversations.py")
    for text in (g02, g03):
        assert "(2008a, b)" not in text
        assert "confrontation frequent in simulated" not in text
    assert re.search(r"vignettes[^.]*confrontational[^.]*\(2008b\)", g02)
    assert re.search(r"simulated interviews[^.]*actor[^.]*less resistance[^.]*\(2008a\)", g02)
    assert "than less empathic workers" in g03 and "than workers who confronted" not in g03


def test_temel_wording_and_references():
    g03 = _guide("g03_hard_conversations.py")
    assert "Gawande rounded" not in g03 and "Gawande reports it as 25%" in g03
    assert "involve palliative care early" in g03
    assert "*Journal of Clinical Oncology* 35(8):834–41" in g03


def test_fdac_phase_two_and_one_menzies_title():
    g02 = _guide("g02_emotional_dynamics.py")
    assert "Harwin et al. 2014" in g02 and "Harwin J, Alrouh B, Ryan M, Tunnard J. 2014." in g02
    assert "A case-study in the functioning of social systems as a defence against anxiety" in g02
    assert "Menzies IEP. 1960. Social systems as a defence" not in g02


def test_notebook_01_explains_five_outcomes_and_stance_both():
    g01 = _guide("g01_journal_a_conversation.py")
    for outcome in ("**Held**", "**Avoided**", "**Softened**", "**Deferred by decision**"):
        assert outcome in g01
    assert "**The person chose not to know (respected)**" in g01
    assert "held ÷ (held + avoided + softened)" in g01
    assert "**Both, in tension**" in g01
    assert "never averages it across contexts" in g01
    assert "often put as" not in g01 and "Cooper borrows the two terms from Dartington (2010)" in g01


def test_notebook_04_explains_the_four_depth_levels():
    g04 = _guide("g04_review_and_revise.py")
    assert "## Depth of reflection" in g04
    for level in ("Descriptive writing", "Descriptive reflection", "Dialogic reflection", "Critical reflection"):
        assert re.search(rf"\* \*\*{level}\*\* — \S", g04), level
    assert "*Teaching and Teacher Education* 11(1):33–49" in g04


def test_notebooks_are_regenerated_from_their_guides():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_notebooks.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
