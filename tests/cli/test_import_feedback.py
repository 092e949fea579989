"""`workbook import-feedback PACK`: the comments written in a returned pack land on their
entries; --dry-run writes nothing; a refused pack is one line, no traceback, nothing written;
only counts are printed, never the feedback."""

from __future__ import annotations

import nbformat
import pytest
from cli_helpers import assert_one_line_error

from workbook import Journal
from workbook.supervision import supervision_pack
from workbook.supervision.crypt import encrypt_bytes

ON_ONE = "You stayed with the silence well; name what you noticed next time."
GENERAL = "A thoughtful pack overall."


@pytest.fixture
def returned(ready, tmp_path):
    """A pack of two entries, written in by a supervisor under the first entry and at the end."""
    with Journal(ready) as journal:
        one = journal.add(title="Home visit", occurred_on="2026-02-02").id
        two = journal.add(title="Follow-up call", occurred_on="2026-02-09").id
        draft = supervision_pack(journal, entry_ids=[one, two], decisions="accept")
        path = draft.write(tmp_path, html=False, charts=False).notebook
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        mark = cell.metadata["workbook_pack"]
        if mark["part"] == "feedback" and mark["entry_id"] in (one, None):
            cell.source = f"Function: supportive\n{ON_ONE}" if mark["entry_id"] else GENERAL
    nbformat.write(nb, path)
    return ready, one, two, path


def _feedback(journal_path, entry_id):
    with Journal(journal_path) as journal:
        entry = journal.get(entry_id)
        return entry.revision, [(f.author_role, f.given_on.isoformat(), f.function, f.text) for f in entry.feedback]


def _no_feedback_text(result):
    assert "silence" not in result.output and "thoughtful" not in result.output


def test_the_feedback_lands_on_its_entries(run, returned):
    journal_path, one, two, path = returned
    result = run("import-feedback", str(path), "--on", "2026-03-04")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Added 3 comments to 2 entries."
    _no_feedback_text(result)
    revision, feedback = _feedback(journal_path, one)
    assert revision == 2
    assert feedback == [
        ("supervisor", "2026-03-04", "supportive", ON_ONE),
        ("supervisor", "2026-03-04", None, f"On the pack as a whole: {GENERAL}"),
    ]
    assert _feedback(journal_path, two)[1] == [("supervisor", "2026-03-04", None, f"On the pack as a whole: {GENERAL}")]
    again = run("import-feedback", str(path), "--role", "practice educator")
    assert (
        again.exit_code == 0 and again.stdout.strip() == "Nothing new: 3 comments already there; nothing was written."
    )
    assert _feedback(journal_path, one)[0] == 2


def test_a_dry_run_writes_nothing(run, returned):
    journal_path, one, two, path = returned
    result = run("import-feedback", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Would add 3 comments to 2 entries. Nothing was written (dry run)."
    assert _feedback(journal_path, one) == (1, []) and _feedback(journal_path, two) == (1, [])


def test_an_encrypted_pack_opens_with_the_passphrase(run, returned, tmp_path):
    journal_path, one, _, path = returned
    sealed = tmp_path / "back.ipynb.age"
    sealed.write_bytes(encrypt_bytes(path.read_bytes(), "a long passphrase"))
    wrong = run("import-feedback", str(sealed), env={"WORKBOOK_PASSPHRASE": "not it"})
    assert_one_line_error(wrong, "passphrase is wrong")
    assert _feedback(journal_path, one) == (1, [])
    result = run("import-feedback", str(sealed), env={"WORKBOOK_PASSPHRASE": "a long passphrase"})
    assert result.exit_code == 0 and result.stdout.strip() == "Added 3 comments to 2 entries."
    assert "a long passphrase" not in result.output


def test_the_passphrase_is_asked_unseen(run, returned, tmp_path, monkeypatch):
    journal_path, one, _, path = returned
    sealed = tmp_path / "back.ipynb.age"
    sealed.write_bytes(encrypt_bytes(path.read_bytes(), "a long passphrase"))
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "a long passphrase")
    result = run("import-feedback", str(sealed), "--dry-run")
    assert result.exit_code == 0, result.output
    assert asked == ["Passphrase for back.ipynb.age: "]


def test_a_trashed_entry_is_refused_in_one_line_and_nothing_is_written(run, returned):
    journal_path, one, two, path = returned
    with Journal(journal_path) as journal:
        journal.delete(two)
    line = assert_one_line_error(run("import-feedback", str(path)), f"entry {two[:8]}", "restore it first")
    assert "silence" not in line
    assert _feedback(journal_path, one) == (1, [])


def test_a_pack_from_another_journal_is_refused(run, returned, tmp_path):
    _, _, _, path = returned
    other = tmp_path / "other" / "journal.db"
    Journal(other).close()
    assert_one_line_error(run("import-feedback", str(path), journal=other), "not made by this journal")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--on", "4 March"], "--on"),
        (["--role", "boss"], "--role"),
    ],
)
def test_bad_options_are_one_line(run, returned, args, fragment):
    journal_path, one, _, path = returned
    assert_one_line_error(run("import-feedback", str(path), *args), fragment)
    assert _feedback(journal_path, one) == (1, [])


def test_a_file_that_is_not_a_pack_is_one_line(run, ready, tmp_path):
    notes = tmp_path / "notes.ipynb"
    notes.write_text(nbformat.writes(nbformat.v4.new_notebook()))
    assert_one_line_error(run("import-feedback", str(notes)), "not a supervision pack")
    assert_one_line_error(run("import-feedback", str(tmp_path / "missing.ipynb")), "missing.ipynb is not a file")
