"""validate: every bad input is refused with the right field and a helpful message,
and nothing is written; every good (if tricky) input is stored and returned exactly."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata

import pytest

from workbook import Journal, ValidationError, WorkbookError
from workbook.validate import NARRATIVE_MAX, RESPONSE_MAX, TITLE_MAX, check_date, check_text, validate_entry

T = {"title": "A hard conversation"}  # the one required field

NARR = {**T, "narrative": "abc"}  # a narrative of three characters, for anchors


def tag(name="angry", **kw):
    return {"tag": name, **kw}


def anchor(field="narrative", start=0, end=1):
    return {"field": field, "start": start, "end": end}


BAD = [
    # -- title ------------------------------------------------------------------------
    pytest.param({}, "title", "required", id="title-missing"),
    pytest.param({"title": ""}, "title", "cannot be empty", id="title-empty"),
    pytest.param({"title": "   \t "}, "title", "cannot be empty", id="title-whitespace-only"),
    pytest.param({"title": "\u3000\u00a0"}, "title", "cannot be empty", id="title-unicode-spaces-only"),
    pytest.param({"title": None}, "title", "must be text", id="title-none"),
    pytest.param({"title": 123}, "title", "must be text, not a whole number", id="title-int"),
    pytest.param({"title": b"bytes"}, "title", "must be text, not bytes", id="title-bytes"),
    pytest.param({"title": "x" * (TITLE_MAX + 1)}, "title", "201 characters long", id="title-201-chars"),
    pytest.param({"title": "first line\nsecond"}, "title", "single line", id="title-newline"),
    pytest.param({"title": "line\r"}, "title", "U+000D", id="title-carriage-return"),
    pytest.param({"title": "a\tb"}, "title", "U+0009", id="title-tab"),
    pytest.param({"title": "nul\x00here"}, "title", "U+0000 at position 3", id="title-nul"),
    pytest.param({"title": "esc\x1b[31m"}, "title", "U+001B", id="title-escape"),
    pytest.param({"title": "del\x7f"}, "title", "U+007F", id="title-del"),
    pytest.param({"title": "next\x85line"}, "title", "U+0085", id="title-c1-nel"),
    pytest.param({"title": "broken \ud800"}, "title", "lone surrogate at position 7", id="title-lone-surrogate"),
    pytest.param({"title": "a\u2028b"}, "title", "single line", id="title-unicode-line-separator"),
    pytest.param({"title": "a\u2029b"}, "title", "single line", id="title-unicode-paragraph-separator"),
    # -- narrative ----------------------------------------------------------------------
    pytest.param(
        {**T, "narrative": "x" * (NARRATIVE_MAX + 1)}, "narrative", "100,001 characters", id="narrative-too-long"
    ),
    pytest.param({**T, "narrative": "before\x00after"}, "narrative", "U+0000", id="narrative-nul"),
    pytest.param({**T, "narrative": "bell\x07"}, "narrative", "U+0007", id="narrative-bell"),
    pytest.param({**T, "narrative": "form\x0cfeed"}, "narrative", "U+000C", id="narrative-formfeed"),
    pytest.param({**T, "narrative": "\x9b"}, "narrative", "U+009B", id="narrative-c1-csi"),
    pytest.param({**T, "narrative": "low \udfff"}, "narrative", "surrogate", id="narrative-lone-low-surrogate"),
    pytest.param({**T, "narrative": 42}, "narrative", "must be text", id="narrative-int"),
    pytest.param({**T, "narrative": ["a", "b"]}, "narrative", "must be text", id="narrative-list"),
    # -- numbers ------------------------------------------------------------------------
    pytest.param({**T, "stance": -3}, "stance", "from -2 to 2", id="stance-minus-3"),
    pytest.param({**T, "stance": 3}, "stance", "from -2 to 2", id="stance-3"),
    pytest.param({**T, "stance": True}, "stance", "not true/false", id="stance-bool"),
    pytest.param({**T, "stance": 1.5}, "stance", "not a decimal number", id="stance-float"),
    pytest.param({**T, "stance": "1"}, "stance", "not text", id="stance-str"),
    pytest.param({**T, "feelings_before": -1}, "feelings_before", "from 0 to 10", id="feelings-before-minus-1"),
    pytest.param({**T, "feelings_after": 11}, "feelings_after", "from 0 to 10", id="feelings-after-11"),
    pytest.param({**T, "feelings_after": 5.0}, "feelings_after", "whole number", id="feelings-after-float"),
    pytest.param({**T, "feelings_before": False}, "feelings_before", "not true/false", id="feelings-before-bool"),
    pytest.param({**T, "tags": [tag(intensity=0)]}, "tags[0].intensity", "from 1 to 3", id="intensity-0"),
    pytest.param({**T, "tags": [tag(intensity=4)]}, "tags[0].intensity", "from 1 to 3", id="intensity-4"),
    pytest.param({**T, "tags": [tag(intensity="2")]}, "tags[0].intensity", "whole number", id="intensity-str"),
    pytest.param(
        {**T, "tags": [tag("child-protection", intensity=2)]},
        "tags[0].intensity",
        "",
        id="intensity-on-group-without-intensity",
    ),
    # -- dates --------------------------------------------------------------------------
    pytest.param({**T, "occurred_on": "2025-02-30"}, "occurred_on", "not a real calendar date", id="date-feb-30"),
    pytest.param({**T, "occurred_on": "2025-13-01"}, "occurred_on", "not a real calendar date", id="date-month-13"),
    pytest.param({**T, "occurred_on": "yesterday"}, "occurred_on", "use YYYY-MM-DD", id="date-yesterday"),
    pytest.param({**T, "occurred_on": "2025-1-5"}, "occurred_on", "use YYYY-MM-DD", id="date-unpadded"),
    pytest.param({**T, "occurred_on": "05/01/2025"}, "occurred_on", "use YYYY-MM-DD", id="date-slashes"),
    pytest.param({**T, "occurred_on": dt.date(1949, 12, 31)}, "occurred_on", "out of range", id="date-1949-12-31"),
    pytest.param({**T, "occurred_on": "1949-12-31"}, "occurred_on", "out of range", id="date-1949-12-31-str"),
    pytest.param({**T, "occurred_on": "2101-01-01"}, "occurred_on", "out of range", id="date-2101"),
    pytest.param({**T, "occurred_on": 20250101}, "occurred_on", "must be a date", id="date-int"),
    pytest.param({**T, "occurred_on": None}, "occurred_on", "is required: give a date", id="date-none"),
    # -- templates and responses --------------------------------------------------------
    pytest.param({**T, "template": "no-such-model"}, "template", "is not a template", id="template-unknown"),
    pytest.param({**T, "template": "Gibbs"}, "template", "gibbs", id="template-wrong-case"),
    pytest.param({**T, "template": 7}, "template", "is not a template", id="template-int"),
    pytest.param(
        {**T, "template": "gibbs", "responses": {"what": "x"}},
        "responses.what",
        "not a stage",
        id="stage-not-in-template",
    ),
    pytest.param(
        {**T, "responses": {"description": "x"}}, "responses", "need a template", id="responses-without-template"
    ),
    pytest.param({**T, "template": "gibbs", "responses": "text"}, "responses", "must be a mapping", id="responses-str"),
    pytest.param(
        {**T, "template": "gibbs", "responses": {"description": "a\x00"}},
        "responses.description",
        "U+0000",
        id="response-nul",
    ),
    pytest.param(
        {**T, "template": "gibbs", "responses": {"feelings": "\ud83d"}},
        "responses.feelings",
        "surrogate",
        id="response-surrogate",
    ),
    pytest.param(
        {**T, "template": "gibbs", "responses": {"analysis": "y" * (RESPONSE_MAX + 1)}},
        "responses.analysis",
        "50,001 characters",
        id="response-too-long",
    ),
    pytest.param(
        {**T, "template": "gibbs", "responses": {"analysis": 3}},
        "responses.analysis",
        "must be text",
        id="response-int",
    ),
    # -- tags ---------------------------------------------------------------------------
    pytest.param({**T, "tags": ["angri"]}, "tags[0].tag", "Did you mean 'angry'", id="tag-unknown-suggests"),
    pytest.param({**T, "tags": ["Anxius"]}, "tags[0].tag", "'anxious'", id="tag-unknown-suggests-any-case"),
    pytest.param({**T, "tags": ["calm", "zzzzqqq"]}, "tags[1].tag", "unknown tag 'zzzzqqq'", id="tag-unknown-second"),
    pytest.param({**T, "tags": "angry"}, "tags", "must be a list", id="tags-str"),
    pytest.param({**T, "tags": [5]}, "tags[0]", "tag id or a mapping", id="tag-int"),
    pytest.param({**T, "tags": [{"tag": None}]}, "tags[0].tag", "must be a tag id", id="tag-none"),
    pytest.param({**T, "tags": [tag(colour="red")]}, "tags[0].colour", "not a known key", id="tag-unknown-key"),
    pytest.param({**T, "tags": ["angry", "Angry"]}, "tags[1]", "twice", id="tag-duplicate"),
    pytest.param({**T, "tags": ["angry"] * 61}, "tags", "at most 60", id="tags-61"),
    # -- anchors ------------------------------------------------------------------------
    pytest.param(
        {**NARR, "tags": [tag(anchor=anchor(end=10))]},
        "tags[0].anchor.end",
        "from 0 to 3",
        id="anchor-end-out-of-range",
    ),
    pytest.param(
        {**NARR, "tags": [tag(anchor=anchor(start=-1))]},
        "tags[0].anchor.start",
        "from 0 to 3",
        id="anchor-negative-start",
    ),
    pytest.param(
        {**NARR, "tags": [tag(anchor=anchor(start=2, end=2))]},
        "tags[0].anchor.end",
        "must be after start",
        id="anchor-empty",
    ),
    pytest.param(
        {**NARR, "tags": [tag(anchor=anchor(start=3, end=1))]},
        "tags[0].anchor.end",
        "must be after start",
        id="anchor-end-before-start",
    ),
    pytest.param(
        {**NARR, "tags": [tag(anchor=anchor(field="responses.description"))]},
        "tags[0].anchor.field",
        "not a text of this entry",
        id="anchor-missing-field",
    ),
    pytest.param(
        {**NARR, "tags": [tag(anchor=anchor(field="title"))]}, "tags[0].anchor.field", "'narrative'", id="anchor-title"
    ),
    pytest.param(
        {**NARR, "tags": [tag(anchor=anchor(start="0"))]}, "tags[0].anchor.start", "whole number", id="anchor-start-str"
    ),
    pytest.param(
        {**NARR, "tags": [tag(anchor={"field": "narrative", "start": 0, "end": 1, "x": 1})]},
        "tags[0].anchor.x",
        "not a known key",
        id="anchor-unknown-key",
    ),
    pytest.param({**NARR, "tags": [tag(anchor=[0, 1])]}, "tags[0].anchor", "must be a mapping", id="anchor-list"),
    # -- context --------------------------------------------------------------------------
    pytest.param({**T, "context": "nowhere"}, "context", "is not a context", id="context-unknown"),
    pytest.param({**T, "context": "angry"}, "context", "child-protection", id="context-not-a-context-tag"),
    pytest.param({**T, "context": 3}, "context", "must be text", id="context-int"),
    # -- people ---------------------------------------------------------------------------
    pytest.param({**T, "people": ["Nobody Known"]}, "people[0]", "not in the people register", id="person-unknown"),
    pytest.param({**T, "people": ["Parent A", "parent a"]}, "people[1]", "listed twice", id="person-duplicate"),
    pytest.param(
        {**T, "people": ["Parent A", "Jo Example"]}, "people[1]", "listed twice", id="person-duplicate-via-alias"
    ),
    pytest.param({**T, "people": "Parent A"}, "people", "must be a list", id="people-str"),
    pytest.param({**T, "people": [1]}, "people[0]", "must be a pseudonym", id="person-int"),
    # -- outcome and flag -----------------------------------------------------------------
    pytest.param({**T, "outcome": "maybe"}, "outcome", "held, avoided, softened", id="outcome-unknown"),
    pytest.param({**T, "outcome": 1}, "outcome", "not allowed", id="outcome-int"),
    pytest.param({**T, "flagged": "yes"}, "flagged", "true or false", id="flagged-str"),
    pytest.param({**T, "flagged": 1}, "flagged", "true or false", id="flagged-int"),
    # -- field names ----------------------------------------------------------------------
    pytest.param({**T, "mood": "low"}, "mood", "not a field of an entry", id="unknown-field"),
    pytest.param({**T, "Title": "x"}, "Title", "not a field of an entry", id="field-name-wrong-case"),
    pytest.param(
        {**T, "created_at": "2025-01-01T00:00:00"}, "created_at", "set by the journal", id="system-created-at"
    ),
    pytest.param(
        {**T, "updated_at": "2025-01-01T00:00:00"}, "updated_at", "set by the journal", id="system-updated-at"
    ),
    pytest.param({**T, "revision": 2}, "revision", "set by the journal", id="system-revision"),
    pytest.param({**T, "deleted_at": None}, "deleted_at", "set by the journal", id="system-deleted-at"),
    pytest.param({**T, "id": "not-a-uuid"}, "id", "not a UUID", id="id-not-uuid"),
    pytest.param({**T, "id": 12345}, "id", "must be a UUID string", id="id-int"),
    # -- actions --------------------------------------------------------------------------
    pytest.param(
        {**T, "actions": [{"id": "a1", "text": "one"}, {"id": "a1", "text": "two"}]},
        "actions[1].id",
        "used by another action point",
        id="action-duplicate-id",
    ),
    pytest.param(
        {**T, "actions": [{"text": "x", "status": "finished"}]},
        "actions[0].status",
        "open, done, dropped",
        id="action-bad-status",
    ),
    pytest.param(
        {**T, "actions": [{"text": "x", "status": None}]}, "actions[0].status", "not allowed", id="action-status-none"
    ),
    pytest.param({**T, "actions": [""]}, "actions[0].text", "cannot be empty", id="action-empty"),
    pytest.param({**T, "actions": ["ring \x00 back"]}, "actions[0].text", "U+0000", id="action-nul"),
    pytest.param({**T, "actions": ["\x1b[2J"]}, "actions[0].text", "U+001B", id="action-escape"),
    pytest.param({**T, "actions": ["z" * 1001]}, "actions[0].text", "1,001 characters", id="action-too-long"),
    pytest.param(
        {**T, "actions": [{"id": "a b", "text": "x"}]}, "actions[0].id", "letters, digits", id="action-id-space"
    ),
    pytest.param(
        {**T, "actions": [{"text": "x", "due_on": "2025-02-29"}]},
        "actions[0].due_on",
        "not a real calendar date",
        id="action-due-not-leap",
    ),
    pytest.param(
        {**T, "actions": [{"text": "x", "owner": "me"}]}, "actions[0].owner", "not a known key", id="action-unknown-key"
    ),
    pytest.param({**T, "actions": [3]}, "actions[0]", "must be text or a mapping", id="action-int"),
    pytest.param({**T, "actions": ["x"] * 31}, "actions", "at most 30", id="actions-31"),
    # -- feedback -------------------------------------------------------------------------
    pytest.param(
        {**T, "feedback": [{"author_role": "boss", "text": "ok"}]},
        "feedback[0].author_role",
        "supervisor",
        id="feedback-bad-role",
    ),
    pytest.param({**T, "feedback": [{"text": "ok"}]}, "feedback[0].author_role", "not allowed", id="feedback-no-role"),
    pytest.param(
        {**T, "feedback": [{"author_role": "tutor"}]}, "feedback[0].text", "must be text", id="feedback-no-text"
    ),
    pytest.param(
        {**T, "feedback": [{"author_role": "tutor", "text": "a\x00"}]}, "feedback[0].text", "U+0000", id="feedback-nul"
    ),
    pytest.param({**T, "feedback": ["good work"]}, "feedback[0]", "must be a mapping", id="feedback-str"),
    pytest.param(
        {
            **T,
            "feedback": [
                {"id": "f", "author_role": "peer", "text": "a"},
                {"id": "f", "author_role": "peer", "text": "b"},
            ],
        },
        "feedback[1].id",
        "used by another feedback item",
        id="feedback-duplicate-id",
    ),
    pytest.param(
        {**T, "feedback": [{"author_role": "peer", "text": "a", "given_on": "31/01/2025"}]},
        "feedback[0].given_on",
        "use YYYY-MM-DD",
        id="feedback-bad-date",
    ),
]


def _assert_refused(exc: ValidationError, field: str, fragment: str) -> None:
    assert exc.field == field, f"wrong field: {exc.field!r} ({exc})"
    assert fragment in str(exc), f"{fragment!r} not in message {str(exc)!r}"
    assert str(exc).startswith(f"{field}: ")
    assert exc.reason == str(exc)[len(field) + 2 :]
    assert isinstance(exc, WorkbookError) and isinstance(exc, ValueError)


def test_bad_table_is_large_enough():
    assert len(BAD) >= 40


@pytest.mark.parametrize("fields, field, fragment", BAD)
def test_bad_input_is_refused_and_nothing_is_written(journal, counts, fields, field, fragment):
    journal.add(title="Already here", narrative="text", tags=["calm"], actions=["call back"])
    before = counts(journal)
    changes = journal.connection.total_changes
    with pytest.raises(ValidationError) as info:
        journal.add(**fields)
    _assert_refused(info.value, field, fragment)
    assert counts(journal) == before
    assert journal.connection.total_changes == changes
    assert not journal.connection.in_transaction


@pytest.mark.parametrize(
    "fields, field, fragment",
    [p for p in BAD if p.id not in {"title-missing", "id-not-uuid", "id-int"}],
)
def test_bad_update_is_refused_and_nothing_is_written(journal, counts, fields, field, fragment):
    entry = journal.add(title="Original", narrative="abc")
    before = counts(journal)
    with pytest.raises(ValidationError) as info:
        journal.update(entry.id, **fields)
    _assert_refused(info.value, field, fragment)
    assert counts(journal) == before
    assert journal.get(entry.id) == entry
    assert [r.revision for r in journal.history(entry.id)] == [1]


def test_changing_the_id_is_refused(journal):
    entry = journal.add(**T)
    with pytest.raises(ValidationError) as info:
        journal.update(entry.id, id="6f1c3c5e-3a52-4c9b-9a4b-0f4f6f1b2c3d")
    assert info.value.field == "id"
    assert journal.get(entry.id) == entry


def test_duplicate_entry_id_is_refused(journal, counts):
    entry = journal.add(**T)
    before = counts(journal)
    with pytest.raises(ValidationError, match="already exists") as info:
        journal.add(id=entry.id.upper(), title="again")
    assert info.value.field == "id"
    assert counts(journal) == before


def test_validate_entry_is_pure(journal):
    """The function the forms and CLI share: clean values out, nothing written."""
    clean = validate_entry(
        {
            "title": "t",
            "occurred_on": "2025-03-01",
            "context": "END-OF-LIFE",
            "people": ["jo example"],
            "tags": ["Dread"],
        },
        vocabulary=journal.vocabulary(),
        templates=journal.templates(),
        find_person=journal.people.find_pseudonym,
        today=dt.date(2025, 3, 2),
    )
    assert clean["occurred_on"] == dt.date(2025, 3, 1)
    assert clean["context"] == "end-of-life"
    assert clean["people"] == ("Parent A",)
    assert [t.tag for t in clean["tags"]] == ["dread"]
    assert len(journal) == 0


def test_occurred_on_defaults_to_today(journal):
    assert journal.add(**T).occurred_on == dt.date.today()


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-02-29", dt.date(2024, 2, 29)),
        (" 2025-03-14 ", dt.date(2025, 3, 14)),
        (dt.date(1950, 1, 1), dt.date(1950, 1, 1)),
        (dt.datetime(2100, 12, 31, 23, 59), dt.date(2100, 12, 31)),
    ],
)
def test_good_dates(value, expected):
    assert check_date("d", value) == expected


def test_check_text_reports_the_first_bad_position():
    with pytest.raises(ValidationError, match="position 2"):
        check_text("x", "ab\x01cd\x02", max_len=10)


# -- good, tricky inputs: stored and returned exactly -----------------------------------

GOOD = [
    pytest.param("👩‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 🇬🇧 🇺🇦 flags, ❤️‍🔥, 👍🏽", id="emoji-zwj-flags-skin-tones"),
    pytest.param("\u200fמה שלומך?\u200e and \u202bمرحبا بك\u202c ok", id="hebrew-arabic-rtl-marks"),
    pytest.param("She said \"no\", he said 'maybe' and `never` — «non» „nein“", id="quotes"),
    pytest.param("'); DROP TABLE entries; --", id="sql-injection"),
    pytest.param("Robert'); DELETE FROM entry_text WHERE ('1'='1", id="sql-injection-2"),
    pytest.param("<script>alert(1)</script><img src=x onerror=alert(2)>&amp;", id="html"),
    pytest.param("{{ 7*7 }} ${HOME} %s %(x)s {0}", id="template-syntax"),
    pytest.param("e\u0301 vs \u00e9, A\u030a, n\u0303, Zalgo z\u0351\u0311\u0307", id="combining-not-normalised"),
    pytest.param("ﬁ ligature, Ｆｕｌｌｗｉｄｔｈ, ℌ, ①", id="compatibility-chars-not-normalised"),
    pytest.param("zero\u200bwidth\u200dand\ufeffbom\u00adsoft-hyphen", id="invisible-chars"),
    pytest.param("𠜎𠜱𠝹 𝕳𝖊𝖑𝖑𝖔 \U0010fffd", id="astral-plane"),
    pytest.param("100% \\ back\\slash _under_ %like% NULL None null", id="backslash-percent"),
    pytest.param('"NEAR(a b)" AND OR NOT * ^ title: body:', id="fts-syntax"),
    pytest.param("  leading and trailing spaces  ", id="surrounding-spaces"),
]

GOOD_MULTILINE = [
    pytest.param("col1\tcol2\nline two\r\nwindows line\rold mac\n\n\n", id="tabs-and-newlines"),
    pytest.param("\n starts with a newline", id="leading-newline"),
    pytest.param("é" * NARRATIVE_MAX, id="narrative-100000-chars-2-bytes-each"),
    pytest.param("😀" * NARRATIVE_MAX, id="narrative-100000-astral-chars"),
]


def _everywhere(text: str) -> dict:
    return {
        "title": text,
        "narrative": text,
        "template": "driscoll",
        "responses": {"what": text, "so_what": text + "!"},
        "actions": [{"id": "a1", "text": text}],
        "feedback": [{"id": "f1", "author_role": "supervisor", "text": text, "given_on": "2025-01-02"}],
    }


def _assert_stored_exactly(j: Journal, entry_id: str, fields: dict) -> None:
    entry = j.get(entry_id)
    for key in ("title", "narrative", "responses"):
        if key in fields:
            assert getattr(entry, key) == fields[key]
    if "actions" in fields:
        assert entry.actions[0].text == fields["actions"][0]["text"]
    if "feedback" in fields:
        assert entry.feedback[0].text == fields["feedback"][0]["text"]
    row = j.connection.execute(
        "SELECT title, length(title), narrative, length(narrative) FROM entry_text WHERE entry_id = ?", (entry_id,)
    ).fetchone()
    # SQLite holds the same characters (length() counts code points, so no NUL cut them short).
    assert row == (entry.title, len(entry.title), entry.narrative, len(entry.narrative))


@pytest.mark.parametrize("text", GOOD)
def test_good_tricky_text_round_trips_exactly(journal_path, text):
    fields = _everywhere(text)
    with Journal(journal_path) as j:
        entry = j.add(**fields)
        assert entry.title == text
    with Journal(journal_path) as j:  # and survives a reopen
        _assert_stored_exactly(j, entry.id, fields)
        assert j.entries() == [entry]


@pytest.mark.parametrize("text", GOOD_MULTILINE)
def test_good_multiline_text_round_trips_exactly(journal_path, text):
    fields = {**_everywhere("one line"), "narrative": text, "responses": {"what": text[:RESPONSE_MAX]}}
    with Journal(journal_path) as j:
        entry = j.add(**fields)
    with Journal(journal_path) as j:
        _assert_stored_exactly(j, entry.id, fields)
        assert j.get(entry.id) == entry


def test_combining_characters_are_not_normalised(journal):
    decomposed = "Cafe\u0301"
    entry = journal.add(title=decomposed, narrative=decomposed)
    assert entry.title == decomposed != unicodedata.normalize("NFC", decomposed)
    assert len(journal.get(entry.id).narrative) == 5


def test_title_at_the_limit_is_accepted(journal):
    assert journal.add(title="t" * TITLE_MAX).title == "t" * TITLE_MAX


def test_tag_and_context_given_by_label_are_stored_by_id(journal):
    entry = journal.add(
        title="t", context="  court / fdac ", tags=["OUT OF MY DEPTH", {"tag": "Mixed feelings", "intensity": 3}]
    )
    assert entry.context == "court-fdac"
    assert [(t.tag, t.intensity) for t in entry.tags] == [("out-of-depth", None), ("mixed", 3)]


def test_same_tag_twice_with_different_anchors_is_allowed(journal):
    entry = journal.add(
        title="t", narrative="one two", tags=[tag(anchor=anchor(end=3)), tag(anchor=anchor(start=4, end=7))]
    )
    assert [t.anchor.start for t in entry.tags] == [0, 4]


def test_anchor_into_a_stage_response(journal):
    entry = journal.add(
        title="t",
        template="gibbs",
        responses={"feelings": "I felt sick"},
        tags=[tag("dread", anchor=anchor("responses.feelings", 2, 11))],
    )
    a = entry.tags[0].anchor
    assert entry.responses["feelings"][a.start : a.end] == "felt sick"


# -- the one declaration, and the rules outside an entry's fields -----------------------------


def test_the_fields_come_from_the_entry_declaration():
    import dataclasses

    from workbook import models, validate

    assert validate.ENTRY_FIELDS is models.ENTRY_FIELDS and validate.SYSTEM_FIELDS is models.SYSTEM_FIELDS
    assert validate.ENTRY_FIELDS + validate.SYSTEM_FIELDS == tuple(f.name for f in dataclasses.fields(models.Entry))


@pytest.mark.parametrize(
    "raw, field, fragment",
    [
        ({"label": "Mine", "group": "feelings", "definition": "d", "colour": "red"}, "colour", "not a known key"),
        ({"label": "Angry", "group": "feelings", "definition": "d"}, "label", "'angry' (Angry) already exists"),
        ({"label": "Mine", "group": "feelings", "definition": "d", "id": "dread"}, "label", "already exists"),
        ({"label": "Mine", "group": "feelings", "definition": "d", "id": "Bad Id"}, "id", "lowercase"),
        ({"label": "Mine", "group": "moods", "definition": "d"}, "group", "not allowed"),
        ({"label": "", "group": "feelings", "definition": "d"}, "label", "required"),
        ({"label": "Mine", "group": "feelings", "definition": " "}, "definition", "required"),
    ],
)
def test_check_custom_tag_refusals(raw, field, fragment):
    from workbook import vocabulary
    from workbook.validate import check_custom_tag

    with pytest.raises(ValidationError) as info:
        check_custom_tag(raw, vocabulary())
    assert info.value.field == field and fragment in str(info.value)


def test_check_custom_tag_makes_the_id_from_the_label():
    from workbook import vocabulary
    from workbook.validate import check_custom_tag

    tag = check_custom_tag({"label": " Stuck feeling ", "group": "feelings", "definition": "d "}, vocabulary())
    assert (tag.id, tag.label, tag.definition, tag.reference, tag.custom) == (
        "stuck-feeling",
        "Stuck feeling",
        "d",
        "My own tag",
        True,
    )


def test_check_system_fields():
    from workbook.validate import check_system_fields

    assert check_system_fields({}) == {"created_at": None, "updated_at": None, "revision": 1, "deleted_at": None}
    stamps = check_system_fields({"created_at": "2020-01-01T10:00:00+01:00", "revision": 3})
    assert stamps["created_at"] == dt.datetime(2020, 1, 1, 9, tzinfo=dt.timezone.utc) and stamps["revision"] == 3
    for raw, field in [
        ({"updated_at": "2020-01-01T00:00:00"}, "updated_at"),
        ({"deleted_at": 5}, "deleted_at"),
        ({"revision": 0}, "revision"),
        ({"created_at": "2020-01-02T00:00:00+00:00", "updated_at": "2020-01-01T00:00:00+00:00"}, "updated_at"),
    ]:
        with pytest.raises(ValidationError) as info:
            check_system_fields(raw)
        assert info.value.field == field


@pytest.mark.parametrize(
    "raw, field, fragment",
    [
        ({"created_at": "9999-12-31T23:59:59-14:00"}, "created_at", "out of range"),
        ({"updated_at": "0001-01-01T00:00:00+14:00"}, "updated_at", "out of range"),
        ({"deleted_at": "2201-01-01T00:00:00+00:00"}, "deleted_at", "out of range"),
        ({"created_at": "1899-12-31T23:59:59+00:00"}, "created_at", "out of range"),
        ({"created_at": "1900-01-01T00:30:00+01:00"}, "created_at", "out of range"),  # 1899 in UTC
        ({"created_at": "2020-01-01T00:00:00+00:00" + " " * 100}, "created_at", "characters long"),
        ({"created_at": ["2020"]}, "created_at", "not a list"),
        (
            {"created_at": "2020-01-02T00:00:00+00:00", "deleted_at": "2020-01-01T00:00:00+00:00"},
            "deleted_at",
            "before created_at",
        ),
    ],
)
def test_stamps_are_held_to_a_range_every_view_can_show(raw, field, fragment):
    from workbook.validate import check_system_fields

    with pytest.raises(ValidationError) as info:
        check_system_fields(raw)
    assert info.value.field == field and fragment in info.value.reason


def test_stamps_at_the_edges_of_the_range_are_kept():
    from workbook.validate import check_stamp

    for text in ("1900-01-01T00:00:00+00:00", "2200-12-31T23:59:59+00:00", "2200-12-31T23:59:59+14:00"):
        stamp = check_stamp("created_at", text)
        assert stamp is not None and stamp.isoformat() == text
        stamp.astimezone()  # what `workbook show` does: no OverflowError


def test_check_earlier_versions_names_the_version():
    from workbook.validate import check_earlier_versions

    eid = "aaaaaaaa-0000-4000-8000-000000000000"
    old = {
        "id": eid,
        "title": "old",
        "occurred_on": "2025-01-01",
        "revision": 1,
        "updated_at": "2025-01-01T00:00:00+00:00",
    }
    j = Journal(":memory:")
    fields = functools.partial(
        validate_entry, vocabulary=j.vocabulary(), templates=j.templates(), find_person=j.people.find_pseudonym
    )
    (entry,) = check_earlier_versions("revisions.x", eid, [old], 2, fields)
    assert entry.title == "old" and entry.revision == 1
    for versions, field in [
        ("nope", "revisions.x"),
        ([5], "revisions.x[0]"),
        ([{"title": "no id"}], "revisions.x[0].id"),
        ([{**old, "id": "other"}], "revisions.x[0].id"),
        ([old, old], "revisions.x[1].revision"),
        ([{**old, "updated_at": None}], "revisions.x[0].updated_at"),
        ([{**old, "title": "old\x00\x1b[2Jtitle"}], "revisions.x[0].title"),
        ([{**old, "title": ["not", "text"]}], "revisions.x[0].title"),
        ([{**old, "narrative": "x" * 3_000_000}], "revisions.x[0].narrative"),
        ([{**old, "narrative": {"deep": [1, 2]}}], "revisions.x[0].narrative"),
        ([{**old, "stance": 77}], "revisions.x[0].stance"),
        ([{**old, "context": "<script>"}], "revisions.x[0].context"),
        ([{**old, "title": "broken \ud800"}], "revisions.x[0].title"),
        ([{**old, "created_at": "9999-12-31T23:59:59-14:00"}], "revisions.x[0].created_at"),
        ([{**old, "updated_at": "0001-01-01T00:00:00+14:00"}], "revisions.x[0].updated_at"),
        ([{**old, "unknown": 1}], "revisions.x[0].unknown"),
    ]:
        with pytest.raises(ValidationError) as info:
            check_earlier_versions("revisions.x", eid, versions, 2, fields)
        assert info.value.field == field


def test_check_pseudonym_is_the_register_limit():
    from workbook.journal.people import PSEUDONYM_MAX
    from workbook.validate import check_pseudonym

    assert check_pseudonym("pseudonym", "  Parent A ") == "Parent A"
    with pytest.raises(ValidationError, match="at most 60"):
        check_pseudonym("pseudonym", "x" * (PSEUDONYM_MAX + 1))
