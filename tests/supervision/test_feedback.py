"""Feedback brought back from a returned pack: read from the notebook cells a supervisor wrote
in, checked against the pack's seal and the journal before anything is written, added all at
once or not at all, and never twice; summaries and errors carry counts, never feedback text."""

from __future__ import annotations

import datetime as dt

import nbformat
import pytest

import workbook as wb
from workbook import Journal
from workbook.errors import ValidationError
from workbook.models import FEEDBACK_FUNCTIONS
from workbook.supervision import FeedbackImport, ReturnedPack, import_feedback, read_feedback, supervision_pack
from workbook.supervision.crypt import encrypt_bytes
from workbook.supervision.feedback import GENERAL_PREFIX, feedback_id
from workbook.supervision.pack import FEEDBACK_PLACEHOLDER, GENERAL_FEEDBACK_PLACEHOLDER

ON_ONE = "You stayed with the silence well; next time say aloud what you noticed."
ON_TWO = "Think about who else should hear about the missed appointments."
GENERAL = "A thoughtful pack; bring the second visit back next month."
SECRET_WORDS = ("silence", "appointments", "thoughtful")


@pytest.fixture
def two(journal):
    one = journal.add(title="Home visit", occurred_on="2026-02-02")
    other = journal.add(title="Follow-up call", occurred_on="2026-02-09")
    return journal, one.id, other.id


def _pack(journal, ids, folder, role="supervisor", **write):
    draft = supervision_pack(journal, entry_ids=list(ids), role=role, decisions="accept")
    return draft.write(folder, html=False, charts=False, **write).notebook


def _fill(path, answers, *, passphrase=None):
    """Write in the feedback cells as a supervisor would: {entry id or None: cell text}."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        mark = cell.metadata.get("workbook_pack", {})
        if mark.get("part") == "feedback" and mark.get("entry_id") in answers:
            cell.source = answers[mark["entry_id"]]
    nbformat.write(nb, path)
    return path


def _revisions(journal, *ids):
    return [journal.get(i).revision for i in ids]


@pytest.fixture
def returned(two, tmp_path):
    journal, one, other = two
    path = _pack(journal, [one, other], tmp_path)
    _fill(path, {one: f"Function: educational\n{ON_ONE}", other: ON_TWO, None: GENERAL})
    return journal, one, other, path


# -- reading ------------------------------------------------------------------------------------


def test_read_feedback_gives_the_cells_written_in_with_their_function(returned):
    journal, one, other, path = returned
    got = read_feedback(path)
    assert isinstance(got, ReturnedPack) and got.name == path.name
    assert got.manifest["entries"] == [one, other]
    assert [(i.entry_id, i.text, i.function) for i in got.items] == [
        (one, ON_ONE, "educational"),
        (other, ON_TWO, None),
        (None, GENERAL, None),
    ]
    nb = nbformat.read(path, as_version=4)
    assert all(nb.cells[i.cell].metadata["workbook_pack"]["part"] == "feedback" for i in got.items)
    assert read_feedback(nb).items == got.items == read_feedback(path.read_bytes()).items
    assert read_feedback(path.read_text()).items == got.items and read_feedback(dict(nb)).items == got.items
    assert not any(word in repr(got) for word in SECRET_WORDS)


def test_untouched_and_emptied_cells_are_skipped(two, tmp_path):
    journal, one, other = two
    path = _pack(journal, [one, other], tmp_path)
    assert read_feedback(path).items == ()
    _fill(path, {one: "   \n", other: f"  {FEEDBACK_PLACEHOLDER}\n", None: GENERAL_FEEDBACK_PLACEHOLDER})
    assert read_feedback(path).items == ()


def test_a_prompt_line_left_above_the_feedback_is_dropped(two, tmp_path):
    journal, one, other = two
    path = _fill(
        _pack(journal, [one, other], tmp_path),
        {one: f"{FEEDBACK_PLACEHOLDER}\n\n{ON_ONE}", None: f"{GENERAL}\n{GENERAL_FEEDBACK_PLACEHOLDER.strip('*')}"},
    )
    assert [i.text for i in read_feedback(path).items] == [ON_ONE, GENERAL]


@pytest.mark.parametrize(
    ("first_line", "function"),
    [
        ("Function: supportive", "supportive"),
        ("FUNCTION:   Development", "development"),
        ("**Function:** mediation", "mediation"),
        ("function: administrative.", "administrative"),
        ("Function:", None),
    ],
)
def test_the_function_line_is_taken_off_the_text(two, tmp_path, first_line, function):
    journal, one, _ = two
    nb = nbformat.read(_pack(journal, [one], tmp_path), as_version=4)
    cell = next(c for c in nb.cells if c.metadata["workbook_pack"]["part"] == "feedback")
    cell.source = [f"{first_line}\n", f"{ON_ONE}\n", "Second line."]  # a list of strings, as nbformat allows
    (item,) = read_feedback(nb).items
    assert (item.text, item.function) == (f"{ON_ONE}\nSecond line.", function)


def test_a_function_line_with_nothing_under_it_is_no_comment(two, tmp_path):
    journal, one, _ = two
    path = _fill(_pack(journal, [one], tmp_path), {one: "Function: supportive\n\n"})
    assert read_feedback(path).items == ()


def test_an_unknown_function_names_the_cell_and_the_choices_but_not_the_text(two, tmp_path):
    journal, one, other = two
    path = _fill(_pack(journal, [one, other], tmp_path), {other: f"Function: hush-hush silence\n{ON_TWO}"})
    cell = next(i for i, c in enumerate(nbformat.read(path, as_version=4).cells) if c.source.startswith("Function"))
    with pytest.raises(ValidationError, match="function") as info:
        read_feedback(path)
    message = str(info.value)
    assert f"feedback cell {cell} " in message and all(f in message for f in FEEDBACK_FUNCTIONS)
    assert "hush" not in message and "silence" not in message and "\n" not in message


@pytest.mark.parametrize("content", [b"not json at all", b"[]", nbformat.writes(nbformat.v4.new_notebook()).encode()])
def test_a_file_that_is_not_a_pack_is_refused(tmp_path, content):
    path = tmp_path / "notes.ipynb"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=r"^pack: notes\.ipynb (is not a|could not be read as a notebook)"):
        read_feedback(path)


# -- importing --------------------------------------------------------------------------------


def test_the_feedback_lands_on_its_entries_with_role_date_and_function(returned):
    journal, one, other, path = returned
    result = import_feedback(journal, path, given_on="2026-03-04")
    assert isinstance(result, FeedbackImport)
    assert (result.added, result.already, set(result.entries), result.general, result.dry_run) == (
        4,
        0,
        {one, other},
        True,
        False,
    )
    first, second = journal.get(one), journal.get(other)
    assert [(f.author_role, f.given_on, f.function, f.text) for f in first.feedback] == [
        ("supervisor", dt.date(2026, 3, 4), "educational", ON_ONE),
        ("supervisor", dt.date(2026, 3, 4), None, GENERAL_PREFIX + GENERAL),
    ]
    assert [f.text for f in second.feedback] == [ON_TWO, GENERAL_PREFIX + GENERAL]
    assert first.feedback[0].id == feedback_id(read_feedback(path).manifest["pack_id"], one, ON_ONE)
    assert first.feedback[1].id == second.feedback[1].id and first.feedback[1].id.startswith("fb-")
    assert _revisions(journal, one, other) == [2, 2]
    assert str(result) == "Added 4 comments to 2 entries."
    assert not any(word in str(result) + repr(result) for word in SECRET_WORDS)


def test_the_role_is_the_packs_unless_given_and_the_date_is_today(two, tmp_path):
    journal, one, _ = two
    path = _fill(_pack(journal, [one], tmp_path, role="peer"), {one: ON_ONE})
    import_feedback(journal, path, dry_run=True)
    import_feedback(journal, path)
    (fb,) = journal.get(one).feedback
    assert (fb.author_role, fb.given_on) == ("peer", dt.date.today())
    (tmp_path / "b").mkdir()
    other = _fill(_pack(journal, [one], tmp_path / "b"), {one: ON_TWO})
    import_feedback(journal, other, role="practice educator")
    assert journal.get(one).feedback[-1].author_role == "practice educator"
    with pytest.raises(ValidationError, match="^role: must be one of supervisor, practice educator"):
        import_feedback(journal, other, role="line manager")


def test_bringing_the_same_pack_back_twice_adds_nothing(returned):
    journal, one, other, path = returned
    import_feedback(journal, path)
    before = _revisions(journal, one, other)
    again = import_feedback(journal, path, given_on="2027-01-01")
    assert (again.added, again.already, again.entries) == (0, 4, ())
    assert _revisions(journal, one, other) == before and len(journal.get(one).feedback) == 2
    assert str(again) == "Nothing new: 4 comments already there; nothing was written."
    _fill(path, {other: f"{ON_TWO} And one more thought."})  # the supervisor adds to one cell and returns it
    third = import_feedback(journal, path)
    assert (third.added, third.already, third.entries) == (1, 3, (other,))
    assert str(third) == "Added 1 comment to 1 entry (3 already there)."


def test_a_pack_with_no_feedback_written_adds_nothing(two, tmp_path):
    journal, one, other = two
    result = import_feedback(journal, _pack(journal, [one, other], tmp_path))
    assert (result.added, result.already) == (0, 0) and _revisions(journal, one, other) == [1, 1]
    assert "No feedback to bring back" in str(result)


def test_a_dry_run_counts_and_writes_nothing(returned):
    journal, one, other, path = returned
    result = import_feedback(journal, path, dry_run=True)
    assert (result.added, result.already, result.dry_run) == (4, 0, True)
    assert str(result) == "Would add 4 comments to 2 entries. Nothing was written (dry run)."
    assert _revisions(journal, one, other) == [1, 1] and journal.get(one).feedback == ()


def test_an_encrypted_pack_is_read_in_memory_with_its_passphrase(returned, tmp_path):
    journal, one, other, path = returned
    (tmp_path / "back").mkdir()
    sealed = tmp_path / "back" / "returned.ipynb.age"
    sealed.write_bytes(encrypt_bytes(path.read_bytes(), "a long passphrase"))
    with pytest.raises(ValidationError, match="^passphrase: returned.ipynb.age is encrypted"):
        import_feedback(journal, sealed)
    with pytest.raises(ValidationError, match="^passphrase: could not decrypt"):
        import_feedback(journal, sealed, passphrase="the wrong one")
    assert _revisions(journal, one, other) == [1, 1]
    assert import_feedback(journal, sealed, passphrase="a long passphrase").added == 4
    assert [p.name for p in sealed.parent.iterdir()] == ["returned.ipynb.age"]  # opened in memory only


# -- refusals: nothing is written ----------------------------------------------------------------


def _refused(journal, source, ids, *fragments):
    before = _revisions(journal, *ids)
    with pytest.raises(ValidationError) as info:
        import_feedback(journal, source)
    message = str(info.value)
    assert "\n" not in message and all(f in message for f in fragments), message
    assert not any(word in message for word in SECRET_WORDS)
    assert _revisions(journal, *ids) == before
    return message


def test_a_pack_from_another_journal_is_refused(returned):
    _, one, other, path = returned
    with Journal(":memory:") as elsewhere:
        mine = elsewhere.add(title="Home visit")
        _refused(elsewhere, path, [mine.id], "not made by this journal", "nothing was imported")


@pytest.mark.parametrize("change", ["drop", "add", "role"])
def test_an_edited_manifest_is_refused(returned, change):
    journal, one, other, path = returned
    extra = journal.add(title="Not shared")
    nb = nbformat.read(path, as_version=4)
    manifest = nb.metadata["workbook_pack"]
    if change == "drop":
        manifest["entries"] = [one]
    elif change == "add":
        manifest["entries"].append(extra.id)
    else:
        manifest["role"] = "peer"
    _refused(journal, nb, [one, other, extra.id], "seal does not match")


def test_a_feedback_cell_that_lost_its_entry_is_refused(returned):
    journal, one, other, path = returned
    nb = nbformat.read(path, as_version=4)
    n = next(i for i, c in enumerate(nb.cells) if c.metadata["workbook_pack"] == {"part": "feedback", "entry_id": one})
    del nb.cells[n].metadata["workbook_pack"]["entry_id"]  # it would otherwise pass for feedback on the whole pack
    with pytest.raises(ValidationError, match=f"feedback cell {n} of the pack names its entry wrongly"):
        read_feedback(nb)


def test_a_cell_moved_to_an_entry_not_in_the_pack_is_refused(returned):
    journal, one, other, path = returned
    extra = journal.add(title="Not shared")
    nb = nbformat.read(path, as_version=4)
    n = next(i for i, c in enumerate(nb.cells) if c.metadata["workbook_pack"].get("entry_id") == other and i > 0)
    n = next(i for i in range(n, len(nb.cells)) if nb.cells[i].metadata["workbook_pack"]["part"] == "feedback")
    nb.cells[n].metadata["workbook_pack"]["entry_id"] = extra.id
    _refused(journal, nb, [one, other, extra.id], f"feedback cell {n} ", "not in the pack")


def test_an_entry_purged_since_is_refused_by_its_short_id(returned):
    journal, one, other, path = returned
    journal.delete(other)
    journal.purge_entry(other)
    _refused(journal, path, [one], f"entry {other[:8]} ", "purged")


def test_an_entry_in_the_trash_must_be_restored_first(returned):
    journal, one, other, path = returned
    journal.delete(one)
    _refused(journal, path, [one, other], f"entry {one[:8]} ", "restore it first")
    journal.restore(one)
    assert import_feedback(journal, path).added == 4


def test_nothing_is_half_imported_when_the_second_entry_fails(returned, monkeypatch):
    journal, one, other, path = returned
    real, calls = journal._rows.replace, []

    def replace(conn, current, clean):
        calls.append(current.id)
        if len(calls) == 2:
            raise ValidationError("feedback", "refused on purpose for the test.")
        return real(conn, current, clean)

    monkeypatch.setattr(journal._rows, "replace", replace)
    with pytest.raises(ValidationError, match="on purpose"):
        import_feedback(journal, path)
    monkeypatch.undo()
    assert calls == [one, other]
    assert _revisions(journal, one, other) == [1, 1] and journal.get(one).feedback == ()
    assert import_feedback(journal, path).added == 4


def test_the_public_api_has_it(returned):
    journal, one, _, path = returned
    assert wb.import_feedback(journal, path, dry_run=True).added == 4
