"""Day One's JSON export: reading the .zip or .json in through the shared import, and writing
a zip Day One imports (Journal.json), read back into a fresh journal."""

from __future__ import annotations

import datetime as dt
import json
import stat
import zipfile
from pathlib import Path

import pytest

from workbook import Journal
from workbook.errors import ValidationError
from workbook.exchange import dayone, export_json
from workbook.exchange.dayone import export_dayone, read_dayone, recognise_dayone
from workbook.exchange.incoming import ImportRefused, bring_in, preview, suggest_mapping

SAMPLE = Path(__file__).parent / "samples" / "dayone" / "Journal.json"
UTC = dt.timezone.utc
# Words of the sample that must never reach the journal (a place) or a message (its text).
PLACE_WORDS = ("Brambleford", "Nowhereshire", "Invented Kingdom", "Drizzle")
SAMPLE_TEXTS = ("kitchen", "discharge plan", "no creation date", "cannot be read")


def _night_shifts() -> dict:
    return {
        "metadata": {"version": "1.0"},
        "entries": [
            {
                "creationDate": "2021-06-01T21:15:00Z",
                "modifiedDate": "2021-06-01T21:20:00Z",
                "text": "# Handover\n\nA quiet handover\\.",
                "timeZone": "Europe/London",
                "uuid": "5061728394A5B6C7D8E9F0A1B2C3D4E5",
            }
        ],
    }


@pytest.fixture
def sample_zip(tmp_path) -> Path:
    """A Day One export as the app writes it: two journals, a photos folder, and members a
    hostile zip might hold (a path climbing out, an absolute path, a macOS side file)."""
    path = tmp_path / "Export-Day One.zip"
    hostile = json.dumps(_night_shifts() | {"entries": [dict(_night_shifts()["entries"][0], uuid="EVIL")]})
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", SAMPLE.read_bytes())
        archive.writestr("Night shifts.json", json.dumps(_night_shifts()))
        archive.writestr("photos/0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpeg", b"\xff\xd8\xff not really a photo")
        archive.writestr("../escape.json", hostile)
        archive.writestr("/absolute.json", hostile)
        archive.writestr("C:drive.json", hostile)
        archive.writestr("..\\windows-escape.json", hostile)
        archive.writestr("._Journal.json", hostile)
        archive.writestr("notes.txt", "not a journal")
    return path


# -- reading the sample -------------------------------------------------------------------------


def test_sample_counts_keys_and_problems_by_number():
    read = read_dayone(SAMPLE)
    assert read.format == "dayone" and read.label == "Journal.json" and read.unit == "entry"
    assert [e.number for e in read.entries] == [1, 2, 3, 7]
    assert [e.key for e in read.entries][0] == "A1B2C3D4E5F60718293A4B5C6D7E8F90"
    assert [p.number for p in read.problems] == [4, 5, 6]
    reasons = " ".join(p.reason for p in read.problems)
    assert "creationDate" in reasons
    for text in SAMPLE_TEXTS:  # never the entry's text
        assert text not in reasons and text not in repr(read) and text not in repr(read.entries)


def test_dates_are_local_to_the_entry_time_zone():
    by_number = {e.number: e for e in read_dayone(SAMPLE).entries}
    assert by_number[1].occurred_on == dt.date(2021, 3, 1)  # 09:30 UTC in London
    assert by_number[2].occurred_on == dt.date(2021, 3, 4)  # 23:30 UTC is 07:30 next day in Taipei
    assert by_number[3].occurred_on == dt.date(2021, 3, 5)  # an unknown zone counts as UTC
    assert by_number[2].fields["created_at"] == "2021-03-03T23:30:00+00:00"
    assert by_number[2].fields["updated_at"] == "2021-03-03T23:45:00+00:00"
    assert "updated_at" not in by_number[7].fields  # modified before created: left out


def test_titles_media_and_escapes():
    by_number = {e.number: e for e in read_dayone(SAMPLE).entries}
    first = by_number[1]
    assert first.title == "Home visit after the referral"  # the heading, after a photo on the first line
    assert first.narrative == (
        "We sat in the kitchen. The kettle was on!\n\n- not a list, just a dash\n1. not a numbered list either"
    )
    assert "dayone-moment" not in first.narrative and "#" not in first.narrative
    assert first.labels == ("Anxious", "supervision")  # a blank tag left out
    assert first.fields["flagged"] is True and by_number[2].fields["flagged"] is False
    assert by_number[2].title == "Late call from the ward about a discharge plan."  # the first line
    assert by_number[7].title == "Day One, 9 May 2021" and by_number[7].narrative == ""


def test_places_and_weather_are_not_imported():
    read = read_dayone(SAMPLE)
    held = repr([(e.title, e.narrative, e.labels, dict(e.fields)) for e in read.entries])
    for word in PLACE_WORDS:
        assert word not in held
    j = Journal(":memory:")
    brought = bring_in(j, read, good_rows_only=True)
    stored = json.dumps([e.to_dict() for e in brought.entries])
    for word in PLACE_WORDS:
        assert word not in stored


def test_sample_all_or_nothing_then_good_rows_only():
    read = read_dayone(SAMPLE)
    j = Journal(":memory:")
    with pytest.raises(ImportRefused) as refused:
        bring_in(j, read)
    assert [p.number for p in refused.value.problems] == [4, 5, 6]
    assert j.entry_ids() == []
    for text in SAMPLE_TEXTS:
        assert text not in str(refused.value)
    seen = preview(j, read)
    assert (seen.new, seen.already, seen.first, seen.last) == (4, 0, dt.date(2021, 3, 1), dt.date(2021, 5, 9))
    brought = bring_in(j, read, good_rows_only=True)
    assert len(brought.entries) == 4 and [p.number for p in brought.problems] == [4, 5, 6]
    stored = {e.title: e for e in brought.entries}
    visit = stored["Home visit after the referral"]
    assert visit.flagged and visit.occurred_on == dt.date(2021, 3, 1)
    assert visit.tag_ids[0] == "anxious"  # the label of a vocabulary tag maps to it
    assert visit.created_at == dt.datetime(2021, 3, 1, 9, 30, tzinfo=UTC)
    assert visit.updated_at == dt.datetime(2021, 3, 2, 10, tzinfo=UTC)
    again = bring_in(j, read_dayone(SAMPLE), good_rows_only=True)
    assert again.entries == [] and again.already == 4


def test_zip_reads_every_journal_and_ignores_hostile_members(sample_zip):
    assert recognise_dayone(sample_zip)
    read = read_dayone(sample_zip)
    assert read.label == "Export-Day One.zip"
    assert [e.number for e in read.entries] == [1, 2, 3, 7, 8]  # the second journal's numbers run on
    assert [p.number for p in read.problems] == [4, 5, 6]
    assert read.entries[-1].title == "Handover" and read.entries[-1].narrative == "A quiet handover."
    assert "EVIL" not in {e.key for e in read.entries}
    assert read.entries[-1].occurred_on == dt.date(2021, 6, 1)


# -- refusals ---------------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_too_many_members_refused(tmp_path):
    members = {"Journal.json": SAMPLE.read_bytes(), **{f"photos/{n}.jpeg": b"x" for n in range(dayone.MAX_MEMBERS)}}
    path = _zip(tmp_path / "many.zip", members)
    with pytest.raises(ValidationError) as refused:
        read_dayone(path)
    assert refused.value.field == "file" and "2,001 files" in str(refused.value)


def test_too_much_json_refused(tmp_path, monkeypatch):
    padded = json.dumps(_night_shifts() | {"padding": " " * 5000})
    path = _zip(tmp_path / "big.zip", {"Journal.json": SAMPLE.read_bytes(), "Big.json": padded})
    monkeypatch.setattr(dayone, "MAX_JSON_BYTES", len(padded) + 100)  # each fits, both do not
    with pytest.raises(ValidationError, match="too much to read") as refused:
        read_dayone(path)
    assert refused.value.field == "file"
    bare = tmp_path / "Big.json"
    bare.write_text(padded + " " * 200, encoding="utf-8")
    with pytest.raises(ValidationError, match="too much to read"):
        read_dayone(bare)


def test_a_compressed_bomb_is_refused_without_unpacking(tmp_path, monkeypatch):
    monkeypatch.setattr(dayone, "MAX_JSON_BYTES", 1024 * 1024)
    path = _zip(tmp_path / "bomb.zip", {"Journal.json": b"{" + b" " * (8 * 1024 * 1024) + b"}"})
    assert path.stat().st_size < 100_000
    with pytest.raises(ValidationError, match="too much to read"):
        read_dayone(path)


def test_a_member_whose_header_understates_its_size_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(dayone, "MAX_JSON_BYTES", 1024 * 1024)
    path = _zip(tmp_path / "liar.zip", {"Journal.json": b"{" + b" " * (4 * 1024 * 1024) + b"}"})
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")  # "1,000 bytes unpacked"
    path.write_bytes(bytes(data))
    with pytest.raises(ValidationError) as refused:
        read_dayone(path)
    assert refused.value.field == "file"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("list.json", "[]"),
        ("no-metadata.json", '{"entries": []}'),
        ("entries-not-a-list.json", '{"metadata": {}, "entries": {}}'),
        ("broken.json", '{"metadata": {'),
        ("binary.json", b"\xff\xfe\x00garbage"),
    ],
)
def test_not_day_one_json_refused(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ValidationError) as refused:
        read_dayone(path)
    assert refused.value.field == "file" and name in str(refused.value)


def test_not_day_one_zip_refused(tmp_path):
    cases = {
        "text.zip": {"notes.txt": "hello"},
        "daylio.zip": {"backup.daylio": "e30=", "Journal.json": SAMPLE.read_bytes()},
        "nested.zip": {"folder/Journal.json": SAMPLE.read_bytes()},
        "other.zip": {"Journal.json": '{"format": "something else"}'},
    }
    for name, members in cases.items():
        with pytest.raises(ValidationError) as refused:
            read_dayone(_zip(tmp_path / name, members))
        assert refused.value.field == "file" and name in str(refused.value)
    with pytest.raises(ValidationError, match="not valid JSON"):
        read_dayone(_zip(tmp_path / "badjson.zip", {"Journal.json": '{"metadata": '}))


def test_recognise(tmp_path, sample_zip, journal):
    assert recognise_dayone(SAMPLE) and recognise_dayone(sample_zip)
    own = tmp_path / "own.json"
    export_json(journal, own)
    assert not recognise_dayone(own)
    assert not recognise_dayone(_zip(tmp_path / "daylio.zip", {"backup.daylio": "e30=", "x.json": "{}"}))
    assert not recognise_dayone(_zip(tmp_path / "photos.zip", {"photos/a.jpeg": "x"}))
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    assert not recognise_dayone(broken)
    (tmp_path / "folder.zip").mkdir()
    assert not recognise_dayone(tmp_path / "folder.zip")
    assert not recognise_dayone(tmp_path / "missing.json")
    assert not recognise_dayone(tmp_path / "missing.zip")
    text = tmp_path / "Journal.txt"
    text.write_bytes(SAMPLE.read_bytes())
    assert not recognise_dayone(text)


# -- export and the round trip ------------------------------------------------------------------


@pytest.fixture
def filled(journal, full_entry):
    """The conftest journal with the full entry (gibbs answers, three tags, flagged), a plain
    one with tags and Markdown-like text, one with no narrative, and one in the trash."""
    full = full_entry(journal)
    plain = journal.add(
        title="# Not a heading *really*",
        occurred_on="2025-05-01",
        narrative="1. a list?\n- or a dash\nC:\\Users and \\. a backslash\n![](dayone-moment://typed)",
        tags=["supervision", "anxious"],
    )
    bare = journal.add(title="Just a title", occurred_on="2024-12-31")
    trashed = journal.add(title="Old note", occurred_on="2024-01-01", tags=["anxious"])
    journal.delete(trashed.id)
    return {"full": journal.get(full.id), "plain": plain, "bare": bare}


def _exported(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["Journal.json"]
        return json.loads(archive.read("Journal.json"))


def test_export_structure_and_mode(tmp_path, journal, filled):
    path = tmp_path / "out" / "Day One.zip"
    path.parent.mkdir()
    assert export_dayone(journal, path) == 3  # the trash left out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    doc = _exported(path)
    assert doc["metadata"] == {"version": "1.0"} and len(doc["entries"]) == 3
    by_uuid = {e["uuid"]: e for e in doc["entries"]}
    full = filled["full"]
    entry = by_uuid[full.id.replace("-", "").upper()]
    assert len(entry["uuid"]) == 32
    assert entry["creationDate"] == f"2025-06-01T{full.created_at.astimezone(UTC):%H:%M:%S}Z"
    assert entry["modifiedDate"] == f"{full.updated_at.astimezone(UTC):%Y-%m-%dT%H:%M:%S}Z"
    assert entry["timeZone"] == "UTC" and entry["starred"] is True
    assert entry["tags"] == ["Anxious", "Stuck feeling", "Softened into an easy conversation"]
    assert entry["text"].startswith("# Telling Parent A about the referral")
    assert "\n\n## Description\n\nWe met at the door\\.\nShe cried\\." in entry["text"]
    assert "## Feelings" in entry["text"]
    assert "Young person B" not in json.dumps(doc)  # people are left out
    assert "Jo Example" not in json.dumps(doc)  # and no alias, ever
    assert recognise_dayone(path)


def test_export_leaves_an_earlier_file_on_failure(tmp_path, journal, filled, monkeypatch):
    path = tmp_path / "Day One.zip"
    path.write_bytes(b"earlier")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dayone, "export_entry", broken)
    with pytest.raises(RuntimeError):
        export_dayone(journal, path)
    assert path.read_bytes() == b"earlier"


def test_round_trip_into_a_fresh_journal(tmp_path, journal, filled):
    path = tmp_path / "Day One.zip"
    export_dayone(journal, path)
    read = read_dayone(path)
    assert read.problems == [] and len(read.entries) == 3
    fresh = Journal(":memory:")
    mapping = suggest_mapping(read, fresh.vocabulary())
    assert mapping.tags["Anxious"] == "anxious" and mapping.tags["Supervision / team"] == "supervision"
    brought = bring_in(fresh, read, mapping)
    assert len(brought.entries) == 3
    back = {e.title: e for e in brought.entries}
    for original in filled.values():
        copy = back[original.title]
        assert copy.occurred_on == original.occurred_on
        assert copy.flagged == original.flagged
        assert set(copy.tag_ids) == set(original.tag_ids)
        saved = original.created_at.astimezone(UTC).time().replace(microsecond=0)
        assert copy.created_at == dt.datetime.combine(original.occurred_on, saved, tzinfo=UTC)
    assert back["Just a title"].narrative == ""
    plain = filled["plain"]
    assert back[plain.title].narrative == plain.narrative  # Markdown-like text and a typed link come back as typed
    full = filled["full"]
    gibbs = journal.templates()["gibbs"]
    expected = full.narrative + "".join(
        f"\n\n## {gibbs.stage(s).title}\n\n{full.responses[s]}" for s in ("description", "feelings")
    )
    assert back[full.title].narrative == expected
    assert brought.own_tags == ["Stuck feeling"]  # the journal's own tag comes back as one of the person's own
    again = bring_in(fresh, read_dayone(path))
    assert again.entries == [] and again.already == 3
    fresh.close()


def test_export_of_an_empty_journal(tmp_path):
    j = Journal(":memory:")
    path = tmp_path / "empty.zip"
    assert export_dayone(j, path) == 0
    assert _exported(path) == {"metadata": {"version": "1.0"}, "entries": []}
    assert read_dayone(path).entries == []


def test_markdown_escapes_round_trip():
    text = "a\\b \\. *x* _y_ # [z](w) 1. - + ! ` | ~ <tag> {c}"
    escaped = dayone.escape_markdown(text)
    assert "*x*" not in escaped and dayone.unescape_markdown(escaped) == text
    assert dayone.strip_media("one\n![](dayone-moment://X)\ntwo ![](dayone-moment:/audio/Y) end") == "one\ntwo end"


def test_bare_json_of_an_export_reads_the_same(tmp_path, journal, filled):
    path = tmp_path / "Day One.zip"
    export_dayone(journal, path)
    bare = tmp_path / "Journal.json"
    with zipfile.ZipFile(path) as archive:
        bare.write_bytes(archive.read("Journal.json"))
    assert recognise_dayone(bare)
    from_zip, from_json = read_dayone(path), read_dayone(bare)
    assert [(e.key, e.title, e.narrative) for e in from_zip.entries] == [
        (e.key, e.title, e.narrative) for e in from_json.entries
    ]
    # nothing was unpacked beside the zip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Day One.zip", "Journal.json"]
