"""add and add --from-json: every option reaches the entry; nothing is saved unless every value is valid."""

from __future__ import annotations

import json

import pytest
from cli_helpers import added_id, assert_one_line_error

from workbook import Journal


def test_add_with_every_option_then_show(run, ready):
    result = run(
        "add",
        "--title",
        "Telling Parent A about the referral",
        "--date",
        "2026-03-14",
        "--context",
        "Child protection",
        "--outcome",
        "Softened",
        "--stance",
        "leaning-heroic",
        "--template",
        "gibbs",
        "--response",
        "description=We met at the door.",
        "--response",
        "feelings=Tight chest",
        "--tag",
        "anxious:2",
        "--tag",
        "guilty",
        "--person",
        "Jo Example",
        "--person",
        "Patient C",
        "--narrative",
        "She cried.",
        "--feelings-before",
        "8",
        "--feelings-after",
        "0",
        "--action",
        "Call back Friday",
        "--action",
        "Ask supervisor",
        "--flag",
        "--stance-both",
        "--depth",
        "Dialogic",
    )
    entry_id = added_id(result)
    with Journal(ready) as journal:
        entry = journal.get(entry_id)
    assert entry.occurred_on.isoformat() == "2026-03-14"
    assert (entry.context, entry.outcome, entry.stance, entry.template) == ("child-protection", "softened", -1, "gibbs")
    assert entry.responses == {"description": "We met at the door.", "feelings": "Tight chest"}
    assert [(t.tag, t.intensity) for t in entry.tags] == [("anxious", 2), ("guilty", None)]
    assert entry.people == ("Parent A", "Patient C")
    assert (entry.feelings_before, entry.feelings_after, entry.flagged) == (8, 0, True)
    assert [a.text for a in entry.actions] == ["Call back Friday", "Ask supervisor"]
    assert (entry.stance_both, entry.depth) == (True, "dialogic")

    shown = run("show", entry_id[:8])
    assert shown.exit_code == 0, shown.output
    for text in (
        "Telling Parent A about the referral",
        entry_id,
        "2026-03-14",
        "child-protection (Child protection)",
        "Parent A (parent)",
        "softened",
        "-1 (leaning heroic); both, in tension",
        "dialogic (Dialogic reflection)",
        "before 8, after 0",
        "anxious:2, guilty",
        "gibbs (",
        "bring to supervision",
        "-- Description --",
        "We met at the door.",
        "-- Narrative --",
        "She cried.",
        "[open] Call back Friday",
        "revision 1",
    ):
        assert text in shown.output, text
    as_json = run("show", entry_id, "--json")
    assert json.loads(as_json.stdout) == entry.to_dict()


def test_add_only_a_title(run, ready):
    entry_id = added_id(run("add", "--title", "Quick note"))
    with Journal(ready) as journal:
        assert journal.get(entry_id).title == "Quick note"


def test_add_narrative_from_standard_input(run, ready):
    entry_id = added_id(run("add", "--title", "Typed", "--narrative", "-", input="Line one\nLine two\n"))
    with Journal(ready) as journal:
        assert journal.get(entry_id).narrative == "Line one\nLine two"


@pytest.mark.parametrize(
    "args, fragments",
    [
        (("--title", "x", "--date", "2026-13-01"), ("--date:", "not a real calendar date")),
        (("--title", "x", "--date", "14/03/2026"), ("--date:", "YYYY-MM-DD")),
        (("--title", "x", "--tag", "anxius"), ("--tag:", "unknown tag 'anxius'", "Did you mean 'anxious'")),
        (("--title", "x", "--tag", "anxious:5"), ("--tag intensity:", "1 to 3")),
        (("--title", "x", "--person", "Nobody"), ("--person:", "workbook people add")),
        (("--title", "x", "--context", "nowhere"), ("--context:", "child-protection")),
        (("--title", "x", "--template", "nope"), ("--template:", "gibbs")),
        (("--title", "x", "--response", "description=x"), ("--response:", "--template")),
        (("--title", "x", "--template", "gibbs", "--response", "foo=x"), ("--response foo:", "not a stage")),
        (("--title", "line\x1bescape"), ("--title:", "U+001B")),
        (("--title", "   "), ("--title:", "cannot be empty")),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_add_refuses_bad_values_in_one_line(run, ready, args, fragments):
    with Journal(ready) as journal:
        before = len(journal)
    assert_one_line_error(run("add", *args), *fragments, code=1)
    with Journal(ready) as journal:
        assert len(journal) == before


@pytest.mark.parametrize(
    "args, fragment",
    [
        ((), "--title is needed"),
        (("--title", "x", "--outcome", "maybe"), "'maybe' is not one of"),
        (("--title", "x", "--stance", "weird"), "leaning-stoical"),
        (("--title", "x", "--feelings-before", "11"), "0<=x<=10"),
        (("--title", "x", "--tag", "anxious:high"), "NAME:INTENSITY"),
        (("--title", "x", "--response", "no-equals"), "STAGE=TEXT"),
        (("--title", "x", "--from-json", __file__), "cannot be combined"),
        (("--bogus",), "No such option"),
    ],
)
def test_add_usage_errors_are_one_line(run, ready, args, fragment):
    assert_one_line_error(run("add", *args), fragment, code=2)


def test_add_from_json_file_and_stdin(run, ready, tmp_path):
    source = tmp_path / "entries.json"
    source.write_text(
        json.dumps(
            [{"title": "One", "people": ["Parent A"]}, {"title": "Two", "tags": [{"tag": "anxious", "intensity": 1}]}]
        )
    )
    result = run("add", "--from-json", str(source))
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stdout.splitlines() if line.startswith("Saved entry ")]) == 2
    entry_id = added_id(run("add", "--from-json", "-", input=json.dumps({"title": "From stdin"})))
    with Journal(ready) as journal:
        assert journal.get(entry_id).title == "From stdin"
        assert len(journal) == 3


def test_add_from_json_refuses_everything_if_one_entry_is_bad(run, ready, tmp_path):
    source = tmp_path / "entries.json"
    source.write_text(json.dumps([{"title": "ok"}, {"title": "ok"}, {"title": "ok"}, {"narrative": "no title"}]))
    assert_one_line_error(
        run("add", "--from-json", str(source)), "Nothing was saved", "entries[3].title", "required", code=1
    )
    with Journal(ready) as journal:
        assert len(journal) == 0


def test_add_from_bad_json_names_the_line(run, ready, tmp_path):
    source = tmp_path / "entries.json"
    source.write_text('[\n{"title": "ok"},\n{"title" "missing colon"}\n]')
    assert_one_line_error(run("add", "--from-json", str(source)), "not valid JSON", "line 3")
    assert_one_line_error(run("add", "--from-json", str(tmp_path / "missing.json")), "does not exist", code=2)
