"""Daylio in: its CSV export (current and older header) and its .daylio backup, read and
brought into a journal through the shared core (mapping, dry run, import, re-import)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from workbook import Journal
from workbook.errors import ValidationError
from workbook.exchange import daylio
from workbook.exchange.daylio import (
    MOOD_RATINGS,
    note_text,
    read_daylio_backup,
    read_daylio_csv,
    recognise_daylio_backup,
    recognise_daylio_csv,
)
from workbook.exchange.incoming import DROP, OWN, ImportRefused, bring_in, preview, suggest_mapping
from workbook.models import FEELINGS_SCALE

SAMPLES = Path(__file__).parent / "samples" / "daylio"
CURRENT = SAMPLES / "daylio_export_current.csv"
OLDER = SAMPLES / "daylio_export_older.csv"
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note"
SECRET = "Kowalski"  # a name in a note: it must never show in a reason or message


def write(tmp_path: Path, text: str, name: str = "export.csv", *, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="")
    return path


def by_date(entries):
    return {e.occurred_on: e for e in entries}


# --- the CSV, read ------------------------------------------------------------------------


def test_current_csv_reads_each_row_with_its_line_number():
    read = read_daylio_csv(CURRENT)
    assert (read.format, read.label, read.unit) == ("daylio", CURRENT.name, "row")
    assert read.problems == []
    assert [e.number for e in read.entries] == [2, 3, 4, 5]
    first, second, third, fourth = read.entries
    assert first.occurred_on == dt.date(2024, 3, 14)
    assert first.title == "Hard handover"  # note_title
    assert first.narrative == (
        "Long shift on the ward.\nHandover ran late & I felt rushed.\n\nTalked it through with my supervisor."
    )
    assert first.labels == ("work", "supervision", "late shift")
    assert first.mood == "awful"
    assert second.title == "Home visit went well."  # no note_title: the note's first line
    assert second.narrative == "Home visit went well.\n\nNeed to follow up the referral <soon>."
    assert third.title == "Daylio, 12 March 2024, 07:05"  # no note either: date and time
    assert third.narrative == "" and third.labels == ("gym",)
    assert fourth.narrative == "Quiet day off.\nRead in the park."  # a note over two lines
    assert all("created_at" not in e.fields for e in read.entries)  # the phone's clock has no zone


def test_older_csv_with_a_year_column_a_byte_order_mark_and_crlf():
    assert OLDER.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in OLDER.read_bytes()
    read = read_daylio_csv(OLDER)
    assert read.problems == []
    assert [(e.number, e.occurred_on, e.mood) for e in read.entries] == [
        (2, dt.date(2020, 2, 29), "meh"),  # 29 February, read with its year
        (3, dt.date(2020, 2, 28), "bad"),
        (4, dt.date(2020, 2, 27), "good"),
    ]
    meeting, empty, supervision = read.entries
    assert meeting.narrative == "Team meeting ran over.\nWrote up notes at home."
    assert meeting.title == "Team meeting ran over."
    assert meeting.labels == ("work", "team meeting")
    assert empty.title == "Daylio, 28 February 2020, 08:15" and empty.labels == ()
    assert supervision.labels == ("supervision",)


def test_with_or_without_a_byte_order_mark_the_rows_are_the_same(tmp_path):
    text = CURRENT.read_text(encoding="utf-8")
    plain = read_daylio_csv(write(tmp_path, text, "a.csv"))
    marked = read_daylio_csv(write(tmp_path, text, "b.csv", bom=True))
    assert [e.key for e in plain.entries] == [e.key for e in marked.entries]
    assert [e.title for e in plain.entries] == [e.title for e in marked.entries]


def test_keys_are_stable_and_hold_no_note_text(tmp_path):
    once = read_daylio_csv(CURRENT)
    again = read_daylio_csv(CURRENT)
    assert [e.key for e in once.entries] == [e.key for e in again.entries]
    assert len({e.key for e in once.entries}) == 4
    assert once.entries[0].key.startswith("2024-03-14 21:40 awful\n")
    assert all("ward" not in e.key and "handover" not in e.key.lower() for e in once.entries)
    # a different note on the same minute and mood is a different entry
    changed = CURRENT.read_text(encoding="utf-8").replace("Long shift", "Short shift")
    other = read_daylio_csv(write(tmp_path, changed))
    assert other.entries[0].key != once.entries[0].key
    assert other.entries[1].key == once.entries[1].key


def test_html_in_notes_becomes_plain_text():
    assert note_text("one<br>two<br/>three") == "one\ntwo\nthree"
    assert note_text("<p>First</p><p>Second</p>") == "First\n\nSecond"
    assert note_text("<b>bold</b> &amp; <i>italic</i>&nbsp;here") == "bold & italic here"
    assert note_text("<ul><li>one</li><li>two</li></ul>") == "- one\n\n- two"
    assert note_text("<script>alert(1)</script>safe") == "safe"
    assert note_text("3 < 5 and 7 > 6") == "3 < 5 and 7 > 6"
    assert note_text("a<br><br><br><br>b") == "a\n\nb"
    assert note_text("") == ""


def test_mood_ratings_follow_the_feelings_scale():
    # feelings_after: 0 = at ease, 10 = as heavy as work gets, so Daylio's best mood is lowest
    assert FEELINGS_SCALE.startswith("0 = at ease")
    assert MOOD_RATINGS == {"rad": 1, "good": 3, "meh": 5, "bad": 7, "awful": 9}
    read = read_daylio_csv(CURRENT)
    assert read.mood_ratings == {"awful": 9, "good": 3, "rad": 1}  # "tired" is the person's own: no suggestion
    assert read.mood_field == "feelings_after"


def test_titles_are_one_line_and_at_most_200_characters(tmp_path):
    long_title = "T" * 300
    long_line = "word " * 80
    text = f'{HEADER}\n2024-01-02,2 January,Tuesday,9:00 am,good,,{long_title},x\n2024-01-01,1 January,Monday,9:00 am,good,,,"{long_line}"\n'
    read = read_daylio_csv(write(tmp_path, text))
    assert [len(e.title) for e in read.entries] == [200, 200]
    assert all(e.title.endswith("…") for e in read.entries)
    multi = f'{HEADER}\n2024-01-02,2 January,Tuesday,9:00 am,good,,"<b>Two</b><br>lines",x\n'
    assert read_daylio_csv(write(tmp_path, multi, "m.csv")).entries[0].title == "Two lines"


# --- the CSV, brought in ------------------------------------------------------------------


def test_current_csv_brought_in_with_the_mapping_reviewed():
    j = Journal(":memory:")
    read = read_daylio_csv(CURRENT)
    mapping = suggest_mapping(read, j.vocabulary())
    assert mapping.tags["supervision"] == "supervision"  # a vocabulary tag, by its label
    assert mapping.tags["work"] == OWN and mapping.tags["gym"] == OWN
    assert mapping.moods == {"awful": 9, "tired": None, "good": 3, "rad": 1}
    mapping.tags["gym"] = DROP
    mapping.tags["late shift"] = "acute-ward"
    mapping.moods["tired"] = 6  # the person's choice for their own mood
    done = bring_in(j, read, mapping)
    assert len(done.entries) == 4 and len(j) == 4 and done.problems == []
    saved = by_date(done.entries)
    handover = saved[dt.date(2024, 3, 14)]
    assert handover.title == "Hard handover"
    assert handover.narrative.startswith("Long shift on the ward.\nHandover ran late & I felt rushed.")
    assert [t.tag for t in handover.tags] == ["work", "supervision", "acute-ward"]
    assert handover.feelings_after == 9
    assert saved[dt.date(2024, 3, 13)].feelings_after == 6
    gym = saved[dt.date(2024, 3, 12)]
    assert not gym.tags and gym.feelings_after == 3
    assert saved[dt.date(2024, 3, 10)].feelings_after == 1
    own = {t.id for t in j.vocabulary().tags if t.custom}
    assert own == {"work", "walk", "family", "reading"}  # gym dropped, late shift mapped
    assert sorted(done.own_tags) == ["family", "reading", "walk", "work"]


def test_a_mood_left_unmapped_leaves_the_rating_empty():
    j = Journal(":memory:")
    read = read_daylio_csv(CURRENT)
    done = bring_in(j, read)  # the suggested mapping: "tired" has no rating
    assert by_date(done.entries)[dt.date(2024, 3, 13)].feelings_after is None
    assert by_date(done.entries)[dt.date(2024, 3, 14)].feelings_after == 9


def test_older_csv_brought_in_end_to_end():
    j = Journal(":memory:")
    read = read_daylio_csv(OLDER)
    done = bring_in(j, read, suggest_mapping(read, j.vocabulary()))
    saved = by_date(done.entries)
    assert set(saved) == {dt.date(2020, 2, 29), dt.date(2020, 2, 28), dt.date(2020, 2, 27)}
    assert [t.tag for t in saved[dt.date(2020, 2, 27)].tags] == ["supervision"]
    assert [t.tag for t in saved[dt.date(2020, 2, 29)].tags] == ["work", "team-meeting"]
    assert [saved[d].feelings_after for d in sorted(saved)] == [3, 7, 5]
    assert saved[dt.date(2020, 2, 28)].title == "Daylio, 28 February 2020, 08:15"


def test_preview_writes_nothing_and_counts():
    j = Journal(":memory:")
    read = read_daylio_csv(CURRENT)
    seen = preview(j, read)
    assert len(j) == 0 and not [t for t in j.vocabulary().tags if t.custom]
    assert (seen.format, seen.unit, seen.new, seen.already, seen.problems) == ("daylio", "row", 4, 0, [])
    assert (seen.first, seen.last) == (dt.date(2024, 3, 10), dt.date(2024, 3, 14))
    assert ("tired", 1, None) in seen.moods and ("awful", 1, 9) in seen.moods
    assert ("walk", 2, "a tag of your own") in seen.tags
    assert sorted(seen.own_tags) == ["family", "gym", "late shift", "reading", "walk", "work"]


def test_reimport_adds_nothing():
    j = Journal(":memory:")
    first = bring_in(j, read_daylio_csv(CURRENT))
    assert len(first.entries) == 4
    again = bring_in(j, read_daylio_csv(CURRENT))
    assert (again.entries, again.already, again.own_tags) == ([], 4, [])
    assert len(j) == 4
    assert preview(j, read_daylio_csv(CURRENT)).new == 0


def test_two_identical_rows_are_two_entries_and_still_import_once(tmp_path):
    row = "2024-05-01,1 May,Wednesday,8:00 pm,meh,work,,"
    path = write(tmp_path, f"{HEADER}\n{row}\n{row}\n")
    j = Journal(":memory:")
    read = read_daylio_csv(path)
    assert len({e.key for e in read.entries}) == 2
    assert len(bring_in(j, read).entries) == 2
    assert bring_in(j, read_daylio_csv(path)).already == 2 and len(j) == 2


BAD = f"""{HEADER}
2024-04-05,5 April,Friday,9:00 pm,good,work,,"Fine day, {SECRET} was helpful"
2024-04-31,31 April,Wednesday,9:00 pm,bad,work,,"Visit to {SECRET}"
,4 April,Thursday,9:00 pm,bad,work,,"{SECRET} again"
2024-04-03,3 April,Wednesday,9:00 pm,good,work,"{SECRET}"
2024-04-02,2 April,Tuesday,25 o'clock,good,work,,"{SECRET}"

2024-04-01,1 April,Monday,7:00 am,rad,walk,,"Two
lines about {SECRET}"
2024-03-31,31 March,Sunday,7:00 am,awful,walk,,"{SECRET} late"
"""


def test_bad_rows_are_reported_by_line_and_nothing_is_saved(tmp_path):
    read = read_daylio_csv(write(tmp_path, BAD))
    assert [p.number for p in read.problems] == [3, 4, 5, 6]
    reasons = {p.number: p.reason for p in read.problems}
    assert "full_date" in reasons[3] and "no date" in reasons[4]
    assert "7 columns" in reasons[5] and "time" in reasons[6]
    assert [e.number for e in read.entries] == [2, 8, 10]  # line 7 is blank; line 8's note takes two lines
    j = Journal(":memory:")
    with pytest.raises(ImportRefused) as caught:
        bring_in(j, read)
    assert [p.number for p in caught.value.problems] == [3, 4, 5, 6]
    assert len(j) == 0 and not [t for t in j.vocabulary().tags if t.custom]
    message = str(caught.value)
    assert "row 3" in message and "nothing was saved" in message
    assert SECRET not in message and all(SECRET not in p.reason for p in read.problems)
    assert SECRET not in repr(read) and all(SECRET not in repr(e) for e in read.entries)
    done = bring_in(j, read, good_rows_only=True)
    assert len(done.entries) == 3 and len(j) == 3
    assert [p.number for p in done.problems] == [3, 4, 5, 6]


def test_a_quote_left_open_stops_the_reading_there(tmp_path):
    text = f'{HEADER}\n2024-04-05,5 April,Friday,9:00 pm,good,work,,fine\n2024-04-04,4 April,Thursday,9:00 pm,bad,work,,"{SECRET} never closed\n2024-04-03,3 April,Wednesday,9:00 pm,good,work,,fine\n'
    read = read_daylio_csv(write(tmp_path, text))
    assert [e.number for e in read.entries] == [2]
    assert [p.number for p in read.problems] == [3]
    assert "not read" in read.problems[0].reason and SECRET not in read.problems[0].reason


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ("date,title,text\n2024-01-01,A,B\n", "other.csv"),
        ("", "empty.csv"),
        ("full_date,date,weekday,time,mood\n", "short.csv"),
        (f"{SECRET} wrote this\n", "notes.csv"),
    ],
)
def test_not_a_daylio_csv_is_refused_as_a_whole(tmp_path, content, name):
    with pytest.raises(ValidationError) as caught:
        read_daylio_csv(write(tmp_path, content, name))
    assert caught.value.field == "file"
    assert name in str(caught.value) and "not a Daylio CSV" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(HEADER.encode() + b"\n2024-01-01,1 January,Monday,9:00 am,good,,,\xff\xfe\x00\n")
    with pytest.raises(ValidationError) as caught:
        read_daylio_csv(path)
    assert caught.value.field == "file" and "UTF-8" in str(caught.value)


def test_recognise_daylio_csv(tmp_path):
    assert recognise_daylio_csv(CURRENT) and recognise_daylio_csv(OLDER)
    same_text = tmp_path / "export.txt"
    same_text.write_text(CURRENT.read_text(encoding="utf-8"), encoding="utf-8")
    assert not recognise_daylio_csv(same_text)  # a .csv only
    assert not recognise_daylio_csv(write(tmp_path, "date,title,text\n", "other.csv"))
    assert not recognise_daylio_csv(write(tmp_path, "", "empty.csv"))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x00\xff" * 100)
    assert not recognise_daylio_csv(binary)
    assert not recognise_daylio_csv(tmp_path / "missing.csv")
    (tmp_path / "folder.csv").mkdir()
    assert not recognise_daylio_csv(tmp_path / "folder.csv")
    assert not recognise_daylio_backup(CURRENT)


# --- the backup ---------------------------------------------------------------------------


def ms(year, month, day, hour, minute, offset_hours=0):
    """Milliseconds since 1970 (UTC) of a local time at ``offset_hours`` from UTC."""
    zone = dt.timezone(dt.timedelta(hours=offset_hours))
    return int(dt.datetime(year, month, day, hour, minute, tzinfo=zone).timestamp() * 1000)


def day_entry(year, month, day, hour, minute, mood, tags, note="", offset_hours=0, **more):
    """A dayEntry as Daylio keeps it: ``month`` is given here 1-based and stored 0-based."""
    return {
        "datetime": ms(year, month, day, hour, minute, offset_hours),
        "timeZoneOffset": offset_hours * 3_600_000,
        "year": year,
        "month": month - 1,
        "day": day,
        "hour": hour,
        "minute": minute,
        "mood": mood,
        "note": note,
        "tags": tags,
        "assets": [],
        **more,
    }


BACKUP = {
    "version": 15,
    "customMoods": [
        {"id": 1, "custom_name": "", "mood_group_id": 1, "predefined_name_id": 1},
        {"id": 2, "custom_name": "", "mood_group_id": 2, "predefined_name_id": 2},
        {"id": 3, "custom_name": "so-so", "mood_group_id": 3, "predefined_name_id": 3},
        {"id": 4, "custom_name": "", "mood_group_id": 4, "predefined_name_id": 4},
        {"id": 5, "custom_name": "", "mood_group_id": 5, "predefined_name_id": 5},
        {"id": 6, "custom_name": "Drained", "mood_group_id": 4, "predefined_name_id": -1},
    ],
    "tags": [
        {"id": 10, "name": "work", "order": 1, "state": 0},
        {"id": 11, "name": "supervision", "order": 2, "state": 0},
        {"id": 12, "name": "walk", "order": 3, "state": 0},
    ],
    "tag_groups": [],
    "dayEntries": [
        day_entry(2023, 12, 25, 9, 30, 1, [12], "Christmas walk, <b>cold</b> &amp; bright", offset_hours=1),
        day_entry(2023, 2, 28, 18, 0, 6, [10, 11, 99], "Case review ran long.<br>Supervision helped."),
        day_entry(2023, 1, 31, 22, 5, 3, [10], "", note_title="End of January"),
        day_entry(2023, 1, 1, 7, 45, 4, []),
    ],
    "goals": [],
    "goalEntries": [],
    "metadata": {},
}


def make_backup(
    tmp_path: Path, data=BACKUP, name: str = "Daylio.daylio", extra: dict[str, bytes] | None = None
) -> Path:
    path = tmp_path / name
    encoded = base64.b64encode(json.dumps(data).encode("utf-8"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("backup.daylio", encoded)
        for member, content in (extra or {}).items():
            zf.writestr(member, content)
    return path


def test_backup_read_with_custom_moods_tags_by_id_and_a_zero_based_month(tmp_path):
    read = read_daylio_backup(make_backup(tmp_path))
    assert (read.format, read.unit, read.problems) == ("daylio-backup", "entry", [])
    christmas, review, january, new_year = read.entries
    assert [e.number for e in read.entries] == [1, 2, 3, 4]
    assert christmas.occurred_on == dt.date(2023, 12, 25)  # month 11
    assert january.occurred_on == dt.date(2023, 1, 31)  # month 0 (read as 1-based it is no date)
    assert review.occurred_on == dt.date(2023, 2, 28)
    assert christmas.fields["created_at"] == "2023-12-25T09:30:00+01:00"
    assert review.fields["created_at"] == "2023-02-28T18:00:00+00:00"
    assert christmas.labels == ("walk",)
    assert review.labels == ("work", "supervision")  # tag 99 is not in the backup: left out
    assert (christmas.mood, review.mood, january.mood, new_year.mood) == ("rad", "Drained", "so-so", "bad")
    assert read.mood_ratings == {"rad": 1, "Drained": 7, "so-so": 5, "bad": 7}  # by mood group
    assert christmas.title == "Christmas walk, cold & bright"
    assert review.narrative == "Case review ran long.\nSupervision helped."
    assert january.title == "End of January"
    assert new_year.title == "Daylio, 1 January 2023, 07:45"
    assert christmas.key == str(BACKUP["dayEntries"][0]["datetime"])
    assert list(tmp_path.iterdir()) == [tmp_path / "Daylio.daylio"]  # nothing unpacked to disk


def test_backup_brought_in_previewed_and_reimported(tmp_path):
    path = make_backup(tmp_path)
    j = Journal(":memory:")
    read = read_daylio_backup(path)
    seen = preview(j, read)
    assert len(j) == 0
    assert (seen.new, seen.first, seen.last) == (4, dt.date(2023, 1, 1), dt.date(2023, 12, 25))
    mapping = suggest_mapping(read, j.vocabulary())
    mapping.tags["work"] = "adult-safeguarding"
    done = bring_in(j, read, mapping)
    saved = by_date(done.entries)
    review = saved[dt.date(2023, 2, 28)]
    assert [t.tag for t in review.tags] == ["adult-safeguarding", "supervision"]
    assert review.feelings_after == 7
    assert saved[dt.date(2023, 12, 25)].created_at == dt.datetime(2023, 12, 25, 8, 30, tzinfo=dt.timezone.utc)
    assert [saved[d].feelings_after for d in sorted(saved)] == [7, 5, 7, 1]
    again = bring_in(j, read_daylio_backup(path))
    assert (again.entries, again.already) == ([], 4) and len(j) == 4


def test_backup_entries_that_cannot_be_read_are_problems(tmp_path):
    data = dict(BACKUP)
    broken = day_entry(2023, 3, 1, 9, 0, 2, [], f"About {SECRET}")
    broken["month"] = 12  # 0-based: there is no thirteenth month
    no_date = {"mood": 2, "note": f"{SECRET}", "tags": []}
    only_stamp = {"datetime": ms(2023, 3, 2, 20, 15, -5), "timeZoneOffset": -5 * 3_600_000, "mood": 2, "note": "ok"}
    data["dayEntries"] = [BACKUP["dayEntries"][0], "not an entry", broken, no_date, only_stamp]
    read = read_daylio_backup(make_backup(tmp_path, data))
    assert [p.number for p in read.problems] == [2, 3, 4]
    assert all(SECRET not in p.reason for p in read.problems)
    assert "month" in read.problems[1].reason and "no date" in read.problems[2].reason
    stamped = read.entries[1]
    assert (stamped.number, stamped.occurred_on) == (5, dt.date(2023, 3, 2))  # from datetime and offset
    assert stamped.title == "ok" and stamped.fields["created_at"] == "2023-03-02T20:15:00-05:00"
    j = Journal(":memory:")
    with pytest.raises(ImportRefused) as caught:
        bring_in(j, read)
    assert len(j) == 0 and "entry 2" in str(caught.value) and SECRET not in str(caught.value)
    assert len(bring_in(j, read, good_rows_only=True).entries) == 2


def test_a_backup_not_zipped_is_read_too(tmp_path):
    path = tmp_path / "old.daylio"
    path.write_bytes(base64.encodebytes(json.dumps(BACKUP).encode()))  # with line breaks
    assert len(read_daylio_backup(path).entries) == 4


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(daylio, "BACKUP_MAX_BYTES", 10_000)
    big = make_backup(tmp_path, {**BACKUP, "padding": "A" * 50_000})
    with pytest.raises(ValidationError) as caught:
        read_daylio_backup(big)
    assert caught.value.field == "file" and "more than" in str(caught.value)


def test_a_member_whose_size_is_misstated_is_not_read_past_it(tmp_path, monkeypatch):
    monkeypatch.setattr(daylio, "BACKUP_MAX_BYTES", 10_000)
    path = make_backup(tmp_path, {**BACKUP, "padding": "A" * 50_000})
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("backup.daylio")
    true_size = info.file_size.to_bytes(4, "little")
    assert raw.count(true_size) >= 2  # the local header and the central directory
    path.write_bytes(bytes(raw).replace(true_size, (100).to_bytes(4, "little")))
    with pytest.raises(ValidationError) as caught:
        read_daylio_backup(path)
    assert caught.value.field == "file"


def test_a_zip_with_too_many_members_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(daylio, "BACKUP_MAX_MEMBERS", 3)
    path = make_backup(tmp_path, extra={f"assets/{i}.jpg": b"x" for i in range(5)})
    with pytest.raises(ValidationError) as caught:
        read_daylio_backup(path)
    assert caught.value.field == "file" and "more than 3" in str(caught.value)


def test_photos_in_the_zip_are_left_alone(tmp_path):
    path = make_backup(tmp_path, extra={"assets/photo.jpg": b"\xff\xd8" * 50, "../escape.txt": b"no"})
    assert len(read_daylio_backup(path).entries) == 4
    assert not (tmp_path.parent / "escape.txt").exists() and not (tmp_path / "assets").exists()


def _zip(tmp_path: Path, name: str, members: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        for member, content in members.items():
            zf.writestr(member, content)
    return path


def test_files_that_are_not_daylio_backups_are_refused(tmp_path):
    not_base64 = _zip(tmp_path, "a.daylio", {"backup.daylio": f"{SECRET} plain words!".encode()})
    no_entries = _zip(tmp_path, "b.daylio", {"backup.daylio": base64.b64encode(b'{"tags": []}')})
    not_json = _zip(tmp_path, "c.daylio", {"backup.daylio": base64.b64encode(SECRET.encode())})
    no_member = _zip(tmp_path, "d.zip", {"Journal.json": b"{}"})
    text = tmp_path / "e.daylio"
    text.write_text(f"{SECRET}'s notes", encoding="utf-8")
    other = tmp_path / "f.zip"
    other.write_bytes(b"not a zip at all")
    for path, words in [
        (not_base64, "base64"),
        (no_entries, "dayEntries"),
        (not_json, "base64 text of JSON"),
        (no_member, "holds no backup.daylio"),
        (text, "base64"),
        (other, "not a zip file"),
    ]:
        with pytest.raises(ValidationError) as caught:
            read_daylio_backup(path)
        message = str(caught.value)
        assert caught.value.field == "file" and path.name in message and words in message, message
        assert SECRET not in message


def test_recognise_daylio_backup(tmp_path):
    assert recognise_daylio_backup(make_backup(tmp_path))
    assert recognise_daylio_backup(make_backup(tmp_path, name="backup.zip"))  # by its member
    assert not recognise_daylio_backup(_zip(tmp_path, "other.zip", {"Journal.json": b"{}"}))
    assert not recognise_daylio_backup(tmp_path / "missing.daylio")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 and then nothing")
    assert not recognise_daylio_backup(broken)
    assert not recognise_daylio_csv(make_backup(tmp_path, name="x.zip"))
