"""Shared fixtures: an in-memory journal with a small people register, a journal path in
``tmp_path``, isolation so that no test can ever touch a real journal, and the one builder of
a rich entry (``full_entry``: every field, passages, actions, feedback and earlier versions)
that exporters and forms test against.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import strategies as st

from workbook import Entry, Journal
from workbook.content import PCF_DOMAINS
from workbook.models import DEPTHS, OUTCOMES
from workbook.validate import DATE_MAX, DATE_MIN

REPO_ROOT = Path(__file__).resolve().parent.parent

PEOPLE = (
    ("Parent A", "parent", ("Jo Example",)),
    ("Young person B", "young person", ()),
    ("Patient C", "patient", ("Mr Sample", "Sam")),
)


@pytest.fixture(autouse=True)
def _isolated_journal(tmp_path_factory, monkeypatch):
    """Point ``WORKBOOK_JOURNAL`` into a temporary folder and drop ``WORKBOOK_TEMPLATES`` and ``WORKBOOK_ASSIGNMENTS``."""
    home = tmp_path_factory.mktemp("default-journal")
    monkeypatch.setenv("WORKBOOK_JOURNAL", str(home / "journal.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.delenv("WORKBOOK_TEMPLATES", raising=False)
    monkeypatch.delenv("WORKBOOK_ASSIGNMENTS", raising=False)
    return home / "journal.db"


@pytest.fixture
def journal():
    """``Journal(":memory:")`` with three people; "Parent A" has the alias "Jo Example"."""
    j = Journal(":memory:")
    for pseudonym, role, aliases in PEOPLE:
        j.people.add(pseudonym, role, aliases=aliases)
    yield j
    j.close()


@pytest.fixture
def journal_path(tmp_path) -> Path:
    """Where a file journal may be created (the file does not exist yet)."""
    return tmp_path / "journals" / "journal.db"


@pytest.fixture
def child_env() -> dict[str, str]:
    """Environment for a child Python process that must import ``workbook`` from this tree."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in every table of the database (including FTS shadow tables)."""
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


@pytest.fixture
def counts():
    """``counts(journal)``: rows per table, to show that a refused write changed nothing."""

    def _counts(j: Journal | sqlite3.Connection) -> dict[str, int]:
        return table_counts(j if isinstance(j, sqlite3.Connection) else j.connection)

    return _counts


# -- one rich entry: every field, passages, actions, feedback and earlier versions -----------
CUSTOM_TAG = ("Stuck feeling", "feelings", "Feeling that nothing can move.", "My own tag")


def full_entry_fields(**overrides) -> dict:
    """Fields for ``journal.add`` that use every feature: every field set, awkward text (a
    formula, right-to-left script, emoji, quotes, markup, tabs and line breaks), tags with
    intensity and passages in the narrative and in a stage response, a custom tag, action
    points with and without a due date, and feedback. Needs the people of ``journal`` and the
    custom tag ``stuck-feeling`` (``full_entry`` adds it)."""
    fields = dict(
        occurred_on="2025-06-01",
        title="Telling Parent A about the referral — صعب 😟",
        context="child-protection",
        people=["Parent A", "Young person B"],
        outcome="softened",
        stance=-1,
        template="gibbs",
        responses={"description": "We met at the door.\nShe cried.", "feelings": "\tTight chest"},
        narrative='=HYPERLINK("http://x")\nSecond line with "quotes", commas; and <b>markup</b>',
        tags=[
            {"tag": "anxious", "intensity": 2, "anchor": {"field": "narrative", "start": 0, "end": 10}},
            {"tag": "stuck-feeling", "anchor": {"field": "responses.feelings", "start": 1, "end": 6}},
            "softened",
        ],
        feelings_before=8,
        feelings_after=5,
        actions=[{"text": "Ask supervisor", "due_on": "2025-06-10"}, "Call back"],
        flagged=True,
        feedback=[{"author_role": "supervisor", "text": "Good use of silence.", "given_on": "2025-06-05"}],
    )
    fields.update(overrides)
    return fields


@pytest.fixture
def full_entry():
    """``full_entry(journal, revisions=True, **overrides) -> Entry``: adds the custom tag if
    missing and a :func:`full_entry_fields` entry; with ``revisions`` it is then edited twice
    (outcome changed to "held", the first action point done), so it is at revision 3 with two
    earlier versions. Returns the entry as stored."""

    def make(j: Journal, *, revisions: bool = True, **overrides) -> Entry:
        if j.vocabulary().find("stuck-feeling") is None:
            j.add_tag(*CUSTOM_TAG)
        entry = j.add(**full_entry_fields(**overrides))
        if revisions:
            j.update(entry.id, outcome="held")
            entry = j.set_action_status(entry.id, entry.actions[0].id, "done")
        return entry

    return make


# -- any valid entry: a Hypothesis generator for property tests --------------------------------
_TEXT = st.characters(blacklist_categories=("Cs", "Cc"))
_LONG_TEXT = st.text(st.one_of(_TEXT, st.sampled_from("\t\n\r")), max_size=200)
_TITLE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=200).filter(
    str.strip
)
_ITEM_ID = st.from_regex(r"[A-Za-z0-9_-]{1,16}", fullmatch=True)
_DATES = st.dates(min_value=DATE_MIN, max_value=DATE_MAX)


@st.composite
def entry_fields(draw, vocabulary, templates, people):
    """(fields for ``add``, what ``Entry.fields()`` must then return)."""
    fields: dict = {}
    expected: dict = {}

    def opt(key, strategy, default, to_expected=lambda v: v):
        if draw(st.booleans()):
            value = draw(strategy)
            fields[key] = value
            expected[key] = default if value is None else to_expected(value)
        else:
            expected[key] = default

    fields["title"] = expected["title"] = draw(_TITLE)
    occurred = draw(_DATES)
    fields["occurred_on"] = draw(st.sampled_from([occurred, occurred.isoformat()]))
    expected["occurred_on"] = occurred.isoformat()

    contexts = vocabulary.in_group("context")
    context = draw(st.none() | st.sampled_from(contexts))
    if context is not None:
        fields["context"] = draw(st.sampled_from([context.id, context.label, context.label.upper()]))
    expected["context"] = context.id if context else None

    chosen = draw(st.lists(st.sampled_from(people), unique_by=lambda p: p[0], max_size=3))
    if chosen or draw(st.booleans()):
        fields["people"] = [draw(st.sampled_from([p[0], p[0].upper(), *p[1]])) for p in chosen]
    expected["people"] = [p[0] for p in chosen]

    opt("outcome", st.none() | st.sampled_from(OUTCOMES), None)
    opt("stance", st.none() | st.integers(-2, 2), None)
    opt("stance_both", st.booleans(), False)
    opt("depth", st.none() | st.sampled_from(sorted(DEPTHS)), None)
    opt("feelings_before", st.none() | st.integers(0, 10), None)
    opt("feelings_after", st.none() | st.integers(0, 10), None)
    opt("flagged", st.booleans(), False)
    opt("narrative", st.none() | _LONG_TEXT, "")

    template = draw(st.none() | st.sampled_from(sorted(templates)))
    responses = {}
    if template is not None:
        fields["template"] = template
        stages = draw(st.lists(st.sampled_from(templates[template].stage_ids), unique=True))
        responses = {stage: draw(_LONG_TEXT) for stage in stages}
        if responses or draw(st.booleans()):
            fields["responses"] = responses
    expected["template"] = template
    expected["responses"] = responses

    texts = {"narrative": expected["narrative"], **{f"responses.{k}": v for k, v in responses.items()}}
    texts = {k: v for k, v in texts.items() if v}
    uses, seen = [], set()
    for _ in range(draw(st.integers(0, 5))):
        tag = draw(st.sampled_from(vocabulary.tags))
        intensity = draw(st.none() | st.integers(1, 3)) if vocabulary.group(tag.group).intensity else None
        anchor = None
        if texts and draw(st.booleans()):
            target = draw(st.sampled_from(sorted(texts)))
            start = draw(st.integers(0, len(texts[target]) - 1))
            end = draw(st.integers(start + 1, len(texts[target])))
            anchor = {"field": target, "start": start, "end": end}
        key = (tag.id, intensity, None if anchor is None else tuple(anchor.values()))
        if key in seen:
            continue
        seen.add(key)
        name = draw(st.sampled_from([tag.id, tag.label, tag.label.lower()]))
        raw = draw(st.sampled_from(["name", "mapping"])) if intensity is None and anchor is None else "mapping"
        uses.append(name if raw == "name" else {"tag": name, "intensity": intensity, "anchor": anchor})
        expected.setdefault("tags", []).append({"tag": tag.id, "intensity": intensity, "anchor": anchor})
    if uses or draw(st.booleans()):
        fields["tags"] = uses
    expected.setdefault("tags", [])

    actions = draw(
        st.lists(
            st.fixed_dictionaries(
                {"id": _ITEM_ID, "text": _LONG_TEXT.filter(str.strip)},
                optional={"status": st.sampled_from(["open", "done", "dropped"]), "due_on": st.none() | _DATES},
            ),
            unique_by=lambda a: a["id"],
            max_size=3,
        )
    )
    if actions or draw(st.booleans()):
        fields["actions"] = actions
    expected["actions"] = [
        {
            "id": a["id"],
            "text": a["text"],
            "status": a.get("status", "open"),
            "due_on": a["due_on"].isoformat() if a.get("due_on") else None,
        }
        for a in actions
    ]

    feedback = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "id": _ITEM_ID,
                    "author_role": st.sampled_from(["supervisor", "practice educator", "tutor", "peer", "self"]),
                    "given_on": _DATES,
                    "text": _LONG_TEXT.filter(str.strip),
                }
            ),
            unique_by=lambda f: f["id"],
            max_size=2,
        )
    )
    if feedback:
        fields["feedback"] = feedback
    expected["feedback"] = [{**f, "given_on": f["given_on"].isoformat()} for f in feedback]

    pcf = draw(st.lists(st.sampled_from(list(PCF_DOMAINS)), max_size=5))
    if pcf or draw(st.booleans()):
        fields["pcf"] = pcf
    expected["pcf"] = [d for d in PCF_DOMAINS if d in pcf]  # once each, in the framework's order
    return fields, expected


@pytest.fixture
def any_entry_fields():
    """``any_entry_fields(journal)``: a Hypothesis strategy of (fields for ``journal.add``, what
    ``Entry.fields()`` must then return), drawing on the journal's vocabulary, templates and
    people (names given as pseudonym, alias or in another case)."""

    def strategy(j: Journal):
        known = {pseudonym: aliases for pseudonym, _, aliases in PEOPLE}  # the register keeps only digests
        people = [(p.pseudonym, known.get(p.pseudonym, ())) for p in j.people.list()]
        return entry_fields(j.vocabulary(), j.templates(), people)

    return strategy
