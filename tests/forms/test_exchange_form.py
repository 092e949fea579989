"""The forms of notebook 11 (``wb.import_form``, ``wb.export_form``), driven from Python.

Import: the workbook's own JSON looked at, previewed (nothing written), imported and imported
again (nothing added); another tool's entries (an ``incoming.SourceRead`` built here, no format
registered) shown as a mapping table with the suggested choices, changed, previewed as prose and
a table, imported with the mapping; bad rows refused (nothing saved) or left out, as chosen; the
progress bar reaching the total; the entries that may name someone listed by number and date with
the advice to review them in notebook 04; refusals in one line. No entry's text in any widget's
state. Export: every exportable format offered, a file written 0600 with a message saying what it
holds, how many entries, who can read it and where, an existing file kept unless replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import stat

import pytest
from form_helpers import text_of

import workbook as wb
from workbook.exchange import FORMATS, export_json, incoming
from workbook.exchange.incoming import RowProblem, SourceEntry, SourceRead
from workbook.forms.exchange import LEAVE_OUT, ExportForm, ImportForm

SECRET = "marmalade-heron"  # words of entries' text: never in a widget, a message or a repr
TITLE_SECRET = "Tangerine lighthouse"
PHONE = "07700 900123"
DAY = dt.date(2026, 3, 14)


def source_read(*, bad: bool = False, many: int = 0) -> SourceRead:
    """Another tool's entries, as a reader would give them (rows 2 to 4, and row 5 bad)."""
    entries = [
        SourceEntry(
            2, "a1", dt.date(2021, 3, 1), TITLE_SECRET, f"A walk with {SECRET}.", labels=("work", "Anxious"), mood="meh"
        ),
        SourceEntry(3, "a2", dt.date(2021, 3, 2), "Quiet day", f"Nothing {SECRET}.", labels=("work",), mood="good"),
        SourceEntry(4, "a3", "2021-03-05", "A call", f"I rang {PHONE} about {SECRET}.", labels=("family",)),
    ]
    entries += [
        SourceEntry(10 + i, f"m{i}", dt.date(2020, 1, 1) + dt.timedelta(days=i), f"Day {i}", f"{SECRET} {i}")
        for i in range(many)
    ]
    problems = [RowProblem(5, "has no date.")] if bad else []
    return SourceRead("sample", "sample.csv", entries, problems, unit="row", mood_ratings={"meh": 6, "good": 3})


@pytest.fixture
def journal():
    j = wb.open_journal(":memory:")
    yield j
    j.close()


@pytest.fixture
def export_file(tmp_path):
    """The workbook's own JSON export of a journal of two entries."""
    with wb.open_journal(":memory:") as other:
        other.add(title=TITLE_SECRET, narrative=f"The visit with {SECRET}.", occurred_on="2025-11-02")
        other.add(title="Team meeting", narrative=f"{SECRET} again.", occurred_on="2025-11-20")
        path = tmp_path / "journal.json"
        export_json(other, path)
    return path


def click(button) -> None:
    """Press a button as the browser does (its handlers run inside the form's log)."""
    button._click_handlers(button)


def widgets_of(root):
    stack = [root]
    while stack:
        widget = stack.pop()
        yield widget
        stack.extend(getattr(widget, "children", ()))


def assert_no_entry_text(form) -> None:
    """No widget's state (what a saved notebook keeps), no message and no repr holds entry text."""
    said = json.dumps([wd.get_state() for wd in widgets_of(form.widget)], default=str)
    said += repr(form) + form._repr_mimebundle_()["text/plain"]
    for words in (SECRET, TITLE_SECRET, "Quiet day", PHONE):
        assert words.lower() not in said.lower()


def test_the_format_choices_come_from_the_registry(journal, tmp_path):
    form = ImportForm(journal)
    values = [v for _, v in form.format.options]
    assert values[0] == "" and form.format.options[0][0] == "Recognise it from the file"
    assert values[1:] == [f.name for f in FORMATS.values() if f.read is not None]
    assert "json" in values
    assert any(FORMATS["json"].summary[:40] in label for label, _ in form.format.options)
    export = ExportForm(journal, folder=tmp_path, today=DAY)
    assert [v for _, v in export.format.options] == [f.name for f in FORMATS.values() if f.export is not None]
    assert export.format.value == "json"


def test_the_workbooks_own_json_is_previewed_without_writing_then_imported_once(journal, export_file):
    form = ImportForm(journal)
    form.path.value = str(export_file)
    click(form.look_button)
    assert form.error.value == ""
    assert "Read as json" in text_of(form.status) and "2 entries" in text_of(form.status)
    assert form.mapping_box.layout.display == "none"  # its tags are the workbook's already

    click(form.preview_button)
    assert journal.entry_ids() == []  # the dry run wrote nothing
    said = text_of(form.preview_status)
    assert "Nothing has been written" in said and "would add 2 entries" in said
    assert "2 November 2025 to 20 November 2025" in said

    click(form.import_button)
    assert len(journal.entry_ids()) == 2
    assert "Imported 2 entries" in text_of(form.result_status)
    assert form.progress.value == form.progress.max

    click(form.look_button)
    click(form.preview_button)
    assert "2 entries already in your journal" in text_of(form.preview_status)
    click(form.import_button)
    assert len(journal.entry_ids()) == 2  # importing the same file again adds nothing
    assert "Imported 0 entries. 2 entries already in your journal, left unchanged." in text_of(form.result_status)
    assert_no_entry_text(form)


def test_another_tools_tags_and_moods_are_offered_with_the_suggested_choices(journal):
    form = ImportForm(journal)
    form.use(source_read(), "sample")
    assert set(form.tag_rows) == {"work", "Anxious", "family"}
    assert form.tag_rows["work"].value == incoming.OWN  # not in the vocabulary: a tag of my own
    assert form.tag_rows["Anxious"].value == "anxious"  # names a vocabulary tag
    labels = [label for label, _ in form.tag_rows["work"].options]
    assert labels[:2] == ["Keep as a tag of my own", "Leave out"]
    assert any(label.endswith(": Anxious") for label in labels)
    rows = " ".join(
        text_of(wd)
        for row in form.mapping_box.children
        for wd in widgets_of(row)
        if hasattr(wd, "value") and isinstance(wd.value, str) and "<" in wd.value
    )
    assert "work (2 entries)" in rows and "family (1 entry)" in rows
    assert form.mood_rows["meh"].value == 6 and form.mood_rows["good"].value == 3
    assert [v for _, v in form.mood_rows["meh"].options] == [LEAVE_OUT, *range(11)]
    assert form.mapping().tags == {"work": "own", "Anxious": "anxious", "family": "own"}


def test_the_mapping_chosen_is_what_is_imported(journal):
    form = ImportForm(journal)
    form.use(source_read(), "sample")
    form.tag_rows["work"].value = incoming.DROP
    form.tag_rows["family"].value = "relieved"
    form.mood_rows["meh"].value = LEAVE_OUT
    form.mood_rows["good"].value = 2
    click(form.import_button)
    assert form.error.value == ""
    entries = {e.occurred_on: e for e in journal.load(journal.entry_ids())}
    assert len(entries) == 3
    first, second, third = (entries[dt.date(2021, 3, d)] for d in (1, 2, 5))
    assert [t.tag for t in first.tags] == ["anxious"] and first.feelings_after is None
    assert [t.tag for t in second.tags] == [] and second.feelings_after == 2
    assert [t.tag for t in third.tags] == ["relieved"]
    assert journal.vocabulary().find("work") is None  # left out: no tag of my own made
    assert "Imported 3 entries" in text_of(form.result_status)


def test_the_preview_is_prose_and_a_table_and_writes_nothing(journal):
    form = ImportForm(journal)
    form.use(source_read(bad=True), "sample")
    assert "3 entries, and 1 row it cannot read" in text_of(form.status)
    preview = form.preview()
    assert journal.entry_ids() == [] and journal.vocabulary().find("work") is None
    assert (preview.new, preview.already, [p.number for p in preview.problems]) == (3, 0, [5])
    said = text_of(form.preview_status)
    assert "Nothing has been written. Importing would add 3 entries, dated 1 March 2021 to 5 March 2021." in said
    assert "1 row cannot be imported" in said and "2 tags of your own would be made" in said
    assert "1 entry may name someone" in said and "notebook 04" in said
    table = form.preview_status.value
    assert "<table" in table and "Rows that cannot be imported</th><td>1 (row 5)</td>" in table
    assert "work, family" in table and "A phone number".lower() in table.lower()
    assert "Row 5: has no date." in said
    assert_no_entry_text(form)


def test_bad_rows_refuse_everything_unless_the_good_rows_are_chosen(journal):
    form = ImportForm(journal)
    form.use(source_read(bad=True), "sample")
    assert form.bad_rows.value is False  # the default: import nothing
    assert form.bad_rows.description == "If some rows are bad"
    assert form.bring_in() is None
    assert journal.entry_ids() == []
    assert "Nothing was saved: 1 row cannot be imported." in text_of(form.error)
    assert "Row 5: has no date." in text_of(form.result_status)

    form.bad_rows.value = True
    click(form.import_button)
    assert len(journal.entry_ids()) == 3
    said = text_of(form.result_status)
    assert "Imported 3 entries" in said and "1 row left out" in said and "Row 5: has no date." in said
    assert form.error.value == ""


def test_the_progress_bar_reaches_the_total(journal):
    form = ImportForm(journal)
    form.use(source_read(many=247), "sample")
    seen = []
    form.progress.observe(lambda change: seen.append(change["new"]), "value")
    click(form.import_button)
    assert form.progress.max == 250 and form.progress.value == 250
    assert incoming.PROGRESS_STEP in seen  # it moved part-way, between two batches
    assert len(journal.entry_ids()) == 250


def test_importing_the_same_entries_again_adds_nothing(journal):
    form = ImportForm(journal)
    form.use(source_read(), "sample")
    click(form.import_button)
    tags_after_first = len(list(journal.vocabulary()))
    form.use(source_read(), "sample")
    click(form.preview_button)
    assert "3 entries already in your journal" in text_of(form.preview_status)
    click(form.import_button)
    assert len(journal.entry_ids()) == 3
    assert len(list(journal.vocabulary())) == tags_after_first
    assert "Imported 0 entries. 3 entries already in your journal, left unchanged." in text_of(form.result_status)


def test_entries_that_may_name_someone_are_listed_by_number_and_date_without_their_words(journal):
    form = ImportForm(journal)
    form.use(source_read(), "sample")
    result = form.bring_in()
    assert list(result.may_identify) == [4]
    said = text_of(form.result_status)
    assert "1 entry may name someone" in said
    assert "Row 4 (the entry of 5 March 2021): a phone number" in said
    assert "notebook 04" in said
    assert_no_entry_text(form)


def test_refusals_are_one_line_beside_the_form_and_save_nothing(journal, tmp_path):
    form = ImportForm(journal)
    click(form.look_button)
    assert "Give the path" in text_of(form.error)
    form.path.value = str(tmp_path / "missing.json")
    click(form.look_button)
    assert "There is no file or folder at" in text_of(form.error)
    broken = tmp_path / "broken.json"
    broken.write_text(f'{{"title": "{SECRET}",', encoding="utf-8")
    form.path.value = str(broken)
    form.format.value = "json"
    click(form.look_button)
    said = text_of(form.error)
    assert said.startswith("⚠ Not read: broken.json is not valid JSON") and "\n" not in said
    assert form.actions_box.layout.display == "none"
    assert form.log.outputs == ()
    bad_doc = tmp_path / "bad.json"
    bad_doc.write_text(json.dumps([{"title": "", "narrative": SECRET}]), encoding="utf-8")
    form.path.value = str(bad_doc)
    click(form.look_button)
    click(form.import_button)
    assert text_of(form.error).startswith("⚠ Nothing was saved:") and journal.entry_ids() == []
    assert_no_entry_text(form)


def test_widget_state_holds_no_entry_text_after_a_whole_import(journal, export_file):
    form = ImportForm(journal)
    form.path.value = str(export_file)
    click(form.look_button)
    click(form.preview_button)
    click(form.import_button)
    assert_no_entry_text(form)
    form.use(source_read(bad=True), "sample")
    click(form.preview_button)
    form.bad_rows.value = True
    click(form.import_button)
    assert len(journal.entry_ids()) == 5
    assert_no_entry_text(form)
    state = json.dumps([wd.get_state() for wd in widgets_of(form.widget)], default=str)
    assert str(export_file) in state  # the path the person typed is the one thing they gave


def test_a_spreadsheets_columns_are_chosen_and_the_file_read_through_them(journal, tmp_path):
    sheet = tmp_path / "mine.csv"
    sheet.write_text(
        f"When,What happened,Labels\n2024-01-02,{SECRET} on the ward,work; night\n03/01/2024,{TITLE_SECRET},work\n"
        "not a date,Broken,\n",
        encoding="utf-8",
    )
    form = ImportForm(journal)
    form.path.value = str(sheet)
    click(form.look_button)
    assert "Not read: the column for occurred_on is required" in text_of(form.error)
    assert form.columns_box.layout.display != "none"
    assert [v for _, v in form.column_rows["occurred_on"].options] == ["", "When", "What happened", "Labels"]
    form.column_rows["occurred_on"].value = "When"
    form.column_rows["narrative"].value = "What happened"
    form.column_rows["tags"].value = "Labels"
    click(form.look_button)
    assert form.error.value == "" and "2 entries, and 1 row it cannot read" in text_of(form.status)
    assert form.columns() == {"occurred_on": "When", "narrative": "What happened", "tags": "Labels"}
    assert set(form.tag_rows) == {"work", "night"}
    form.bad_rows.value = True
    click(form.import_button)
    assert len(journal.entry_ids()) == 2 and "Row 4:" in text_of(form.result_status)
    assert_no_entry_text(form)
    form.path.value = str(tmp_path / "other.csv")  # another file: its columns are asked again
    assert form.column_rows == {} and form.columns_box.layout.display == "none"


@pytest.mark.skipif("dayone" not in FORMATS, reason="the Day One format is not registered")
def test_a_day_one_export_is_recognised_and_imported(journal):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "exchange" / "samples" / "dayone" / "Journal.json"
    form = ImportForm(journal)
    form.path.value = str(sample)
    click(form.look_button)
    assert text_of(form.status).startswith("Read as dayone:")
    form.bad_rows.value = True
    result = form.bring_in()
    assert result is not None and len(journal.entry_ids()) == len(result.entries) > 0
    click(form.import_button)
    assert "Imported 0 entries" in text_of(form.result_status)


# -- export -------------------------------------------------------------------------------------------
def test_export_writes_a_private_file_and_says_what_it_holds(journal, tmp_path):
    journal.add(title=TITLE_SECRET, narrative=SECRET)
    journal.add(title="Second", narrative="text")
    form = ExportForm(journal, folder=tmp_path, today=DAY)
    assert form.path.value == str(tmp_path / "journal-json-2026-03-14.json")
    click(form.export_button)
    path = tmp_path / "journal-json-2026-03-14.json"
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["entries"][0]["narrative"] == SECRET
    said = text_of(form.status)
    assert said.startswith("Written: 2 entries, as json (everything, to keep or move")
    assert "Only you can read it." in said and f"It is at {path}." in said
    assert "delete it when you no longer need it" in said
    assert f"<code>{path}</code>" in form.status.value
    assert form.written == path
    for words in (SECRET, TITLE_SECRET):
        assert words not in json.dumps([wd.get_state() for wd in widgets_of(form.widget)], default=str)


def test_an_existing_file_is_kept_unless_replace_is_ticked(journal, tmp_path):
    journal.add(title="One", narrative="text")
    path = tmp_path / "out.json"
    path.write_text("keep me", encoding="utf-8")
    form = ExportForm(journal, folder=tmp_path, today=DAY)
    form.path.value = str(path)
    assert form.export() is None
    assert "already exists: tick Replace if it exists" in text_of(form.error)
    assert path.read_text(encoding="utf-8") == "keep me"
    form.replace.value = True
    assert form.export() == path
    assert json.loads(path.read_text(encoding="utf-8"))["format"] and form.error.value == ""
    form.path.value = str(tmp_path / "no-such-folder" / "out.json")
    assert form.export() is None and "There is no folder" in text_of(form.error)


def test_the_default_path_follows_the_format_until_it_is_changed(journal, tmp_path):
    form = ExportForm(journal, folder=tmp_path, today=DAY)
    form.format.value = "csv"
    assert form.path.value == str(tmp_path / "journal-csv-2026-03-14.csv")
    assert "csv writes a file" in text_of(form.summary)
    form.path.value = str(tmp_path / "mine.csv")
    form.format.value = "json"
    assert form.path.value == str(tmp_path / "mine.csv")
    click(form.export_button)
    assert (tmp_path / "mine.csv").exists()


@pytest.mark.skipif("markdown" not in FORMATS, reason="the Markdown folder format is not registered yet")
def test_a_folder_format_takes_a_folder(journal, tmp_path):
    journal.add(title="One", narrative="text")
    form = ExportForm(journal, folder=tmp_path, today=DAY)
    form.format.value = "markdown"
    assert form.path.value == str(tmp_path / "journal-markdown-2026-03-14")
    click(form.export_button)
    folder = tmp_path / "journal-markdown-2026-03-14"
    assert folder.is_dir() and "Written: 1 entry" in text_of(form.status)
    assert "Only you can read it." in text_of(form.status)


def test_the_notebook_calls_open_the_journal(tmp_path):
    path = tmp_path / "j.db"
    with wb.open_journal(path) as j:
        j.add(title="One", narrative="text")
    imp = wb.import_form(path)
    exp = wb.export_form(path)
    assert isinstance(imp, ImportForm) and isinstance(exp, ExportForm)
    assert exp.journal.entry_ids() == imp.journal.entry_ids() and len(exp.journal.entry_ids()) == 1
    assert "a form" in repr(imp) and "a form" in repr(exp)
    imp.journal.close()
    exp.journal.close()
