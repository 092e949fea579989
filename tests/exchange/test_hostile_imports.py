"""Hostile import files: each is refused through the command line (``workbook import FILE``
and ``workbook add --from-json FILE``) with exit status 1 and one line naming the place,
never a traceback, and the journal is left exactly as it was. Revision snapshots are held
to the rules of entries, and time stamps to a range every view can show."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbook import Journal
from workbook.cli import cli

EID = "aaaaaaaa-0000-4000-8000-000000000000"
GOOD_STAMP = "2025-01-02T10:00:00+00:00"


def _doc(**parts) -> dict:
    return {"format": "reflective-workbook-journal", "format_version": 1, "exported_at": GOOD_STAMP, **parts}


def _entry(**extra) -> dict:
    return {"id": EID, "title": "x", "occurred_on": "2025-01-01", "revision": 2, **extra}


def _old(**extra) -> dict:
    return {"id": EID, "title": "old", "occurred_on": "2025-01-01", "revision": 1, "updated_at": GOOD_STAMP, **extra}


def _with_old(**extra) -> dict:
    return _doc(entries=[_entry()], revisions={EID: [_old(**extra)]})


def _person(**extra) -> dict:
    return _doc(people=[{"pseudonym": "Carer D", "role": "carer", **extra}])


def _deep(n: int, open_: str, close: str, inner: str = "") -> str:
    return open_ * n + inner + close * n


REV = f"revisions.{EID}[0]"
# name -> (file text, words the one line must hold)
CORPUS: dict[str, tuple[str, tuple[str, ...]]] = {
    "deep-arrays": (_deep(100_000, "[", "]"), ("nests", "too deeply")),
    "deep-objects": (_deep(100_000, '{"a":', "}", "1"), ("nests", "too deeply")),
    "deep-in-an-entry": ('{"title": "x", "narrative": ' + _deep(100_000, "[", "]") + "}", ("too deeply",)),
    "bigint": ("1" * 5000, ("number too long",)),
    "bigint-in-an-entry": ('{"title": "x", "stance": ' + "9" * 5000 + "}", ("number too long",)),
    "bigint-in-a-revision": (
        json.dumps(_doc(entries=[_entry()], revisions={EID: [_old()]})).replace(
            '"revision": 1', '"revision": ' + "7" * 5000
        ),
        ("number too long",),
    ),
    "rev-surrogate": (json.dumps(_with_old(title="broken \ud800")), (f"{REV}.title", "surrogate")),
    "rev-surrogate-narrative": (json.dumps(_with_old(narrative="a\udfffb")), (f"{REV}.narrative", "surrogate")),
    "rev-nul-escape": (json.dumps(_with_old(title="old\x00\x1b[2Jtitle")), (f"{REV}.title", "U+0000")),
    "rev-escape-narrative": (json.dumps(_with_old(narrative="\x1b]0;pwned\x07")), (f"{REV}.narrative", "U+001B")),
    "rev-3mb-narrative": (json.dumps(_with_old(narrative="x" * 3_000_000)), (f"{REV}.narrative", "at most 100,000")),
    "rev-title-list": (json.dumps(_with_old(title=["not", "text"])), (f"{REV}.title", "must be text")),
    "rev-narrative-object": (json.dumps(_with_old(narrative={"deep": [1, 2]})), (f"{REV}.narrative", "must be text")),
    "rev-stance-77": (json.dumps(_with_old(stance=77)), (f"{REV}.stance", "from -2 to 2")),
    "rev-context-script": (json.dumps(_with_old(context="<script>alert(1)</script>")), (f"{REV}.context",)),
    "rev-unknown-field": (json.dumps(_with_old(colour="red")), (f"{REV}.colour", "not a field")),
    "rev-created-overflow": (json.dumps(_with_old(created_at="9999-12-31T23:59:59-14:00")), (f"{REV}.created_at",)),
    "rev-updated-underflow": (json.dumps(_with_old(updated_at="0001-01-01T00:00:00+14:00")), (f"{REV}.updated_at",)),
    "rev-not-a-mapping": (json.dumps(_doc(entries=[_entry()], revisions={EID: [5]})), (REV,)),
    "rev-key-escape": (json.dumps(_doc(entries=[_entry()], revisions={"\x1b[2J\ud800": []})), ("names no entry",)),
    "stamp-overflow": (
        json.dumps(
            _doc(entries=[_entry(created_at="9999-12-31T23:59:59-14:00", updated_at="9999-12-31T23:59:59-14:00")])
        ),
        ("entries[0].created_at", "out of range"),
    ),
    "stamp-underflow": (
        json.dumps(_doc(entries=[_entry(created_at="0001-01-01T00:00:00+14:00")])),
        ("entries[0].created_at", "out of range"),
    ),
    "stamp-year-1800": (
        json.dumps([{"title": "x", "updated_at": "1800-01-01T00:00:00+00:00"}]),
        ("entries[0].updated_at",),
    ),
    "deleted-before-created": (
        json.dumps(_doc(entries=[_entry(created_at=GOOD_STAMP, deleted_at="2024-01-01T00:00:00+00:00")])),
        ("entries[0].deleted_at", "before created_at"),
    ),
    "stamp-not-text": (json.dumps([{"title": "x", "created_at": 20250101}]), ("entries[0].created_at",)),
    "people-aliases-int": (json.dumps(_person(aliases=5)), ("people[0].aliases", "list of names")),
    "people-aliases-dict": (json.dumps(_person(aliases={"x": 1})), ("people[0].aliases", "list of names")),
    "people-aliases-true": (json.dumps(_person(aliases=True)), ("people[0].aliases",)),
    "people-alias-surrogate": (json.dumps(_person(aliases=["Dee \ud800"])), ("people[0].aliases[0]", "surrogate")),
    "people-pseudonym-list": (
        json.dumps(_doc(people=[{"pseudonym": ["x"], "role": "carer"}])),
        ("people[0].pseudonym",),
    ),
    "people-role-dict": (json.dumps(_doc(people=[{"pseudonym": "Carer D", "role": {"r": 1}}])), ("people[0].role",)),
    "people-not-mappings": (json.dumps(_doc(people=[5])), ("people[0]",)),
    "entry-key-surrogate": (json.dumps({"title": "x", "\ud800\x1b[31m": 1}), ("not a field",)),
    "entry-not-a-mapping": (json.dumps([{"title": "x"}, 5]), ("entries[1]", "mapping")),
    "response-key-escape": (
        json.dumps({"title": "x", "template": "gibbs", "responses": {"\x1b[2Jnope": "a"}}),
        ("responses.", "not a stage"),
    ),
    "tag-not-text": (json.dumps({"title": "x", "tags": [{"tag": ["angry"]}]}), ("tags[0].tag",)),
}


def _fingerprint(path: Path) -> str:
    """Everything the journal holds (schema and rows), whatever the file's bytes."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8", "surrogatepass")).hexdigest()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    files = {}
    for name, (text, _) in CORPUS.items():
        files[name] = folder / f"{name}.json"
        files[name].write_bytes(text.encode("utf-8"))
    return files


@pytest.fixture
def filled(tmp_path) -> Path:
    path = tmp_path / "private" / "journal.db"
    with Journal(path) as j:
        j.people.add("Parent A", "parent", ["Jo Example"])
        j.add(title="Already here", occurred_on="2025-01-01", people=["Parent A"], narrative="kept")
    return path


@pytest.mark.parametrize("command", [("import",), ("add", "--from-json")], ids=["import", "add-from-json"])
@pytest.mark.parametrize("name", list(CORPUS))
def test_hostile_file_is_one_line_and_writes_nothing(corpus, filled, name, command):
    before = _fingerprint(filled)
    result = CliRunner().invoke(cli, ["--journal", str(filled), *command, str(corpus[name])], catch_exceptions=True)
    assert result.exit_code == 1, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output and "\x1b" not in result.output
    for fragment in CORPUS[name][1]:
        assert fragment in lines[0], lines[0]
    assert _fingerprint(filled) == before


def test_stamps_at_the_edge_of_the_range_import_and_show(filled, tmp_path):
    """The extremes allowed still print in `workbook show` and in the history (no OverflowError)."""
    doc = _doc(
        entries=[_entry(created_at="1900-01-01T00:00:00+00:00", updated_at="2200-12-31T23:59:59+14:00")],
        revisions={EID: [_old(created_at="1900-01-01T00:00:00+00:00", updated_at="2200-12-31T23:59:59-00:00")]},
    )
    source = tmp_path / "edge.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["--journal", str(filled), "import", str(source)]).exit_code == 0
    shown = runner.invoke(cli, ["--journal", str(filled), "show", EID[:8]])
    assert shown.exit_code == 0 and "Traceback" not in shown.output, shown.output
    with Journal(filled) as j:
        assert [r.revision for r in j.history(EID)] == [1, 2]
        for revision in j.history(EID):
            revision.saved_at.astimezone()
