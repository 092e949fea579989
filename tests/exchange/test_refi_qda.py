"""refi.py: the vocabulary as a REFI-QDA codebook (.qdc) and the journal as a REFI-QDA project
(.qdpx), both valid against the REFI-QDA schemas (tests/exchange/schemas, see its README), with
each passage tag a selection whose positions pick out exactly that passage in the source text,
GUIDs the same on every export, the trash and the aliases left out, written privately."""

from __future__ import annotations

import re
import stat
import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from workbook.exchange import refi
from workbook.exchange.refi import export_qdc, export_qdpx, guid

SCHEMAS = Path(__file__).parent / "schemas"
Q = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"
GUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}")
# Text whose code points and UTF-16 units and bytes all differ: accents, an emoji (two UTF-16
# units, four bytes), right-to-left script, a combining accent, and Windows and old-Mac line ends.
AWKWARD = "Café with Carer D 😟\r\nShe said «non» — صعب.\rThen: the nai\u0308ve plan 👩🏽‍⚕️ worked.\r\nEnd"


@pytest.fixture(scope="module")
def codebook_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "Codebook.xsd")))


@pytest.fixture(scope="module")
def project_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "Project-mrt2019.xsd")))


def passage(field_text: str, start: int, end: int) -> str:
    """The passage as it must read in the .txt: line endings are line feeds alone there."""
    return field_text[start:end].replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture
def coded(journal, rich_journal, full_entry):
    """The rich journal plus an entry whose passages sit after emoji, accents and CRLFs."""
    ids = rich_journal(journal)
    then = AWKWARD.index("Then")
    awkward = journal.add(
        title="Café visit with Carer D 😟",
        occurred_on="2025-07-02",
        template="gibbs",
        outcome="held",
        people=["Parent A"],
        narrative=AWKWARD,
        responses={"feelings": "Heavy 💔 after\r\nthe visit", "description": "At the door, «bonjour»."},
        tags=[
            {"tag": "anxious", "intensity": 3, "anchor": {"field": "narrative", "start": then, "end": len(AWKWARD)}},
            {"tag": "relieved", "anchor": {"field": "narrative", "start": AWKWARD.index("😟"), "end": then - 1}},
            {"tag": "stuck-feeling", "anchor": {"field": "responses.feelings", "start": 6, "end": 20}},
            {"tag": "held", "anchor": {"field": "responses.description", "start": 13, "end": 22}},
            "softened",
        ],
    )
    ids["awkward"] = awkward.id
    return ids


def read_qdpx(path: Path) -> tuple[etree._Element, dict[str, str], zipfile.ZipFile]:
    archive = zipfile.ZipFile(path)
    project = etree.fromstring(archive.read("project.qde"))
    texts = {
        name.removeprefix("Sources/"): archive.read(name).decode("utf-8")
        for name in archive.namelist()
        if name.startswith("Sources/")
    }
    return project, texts, archive


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- the codebook ---------------------------------------------------------------------------------
def test_codebook_is_valid_and_holds_every_tag_in_its_group(journal, full_entry, codebook_schema, tmp_path):
    full_entry(journal)  # adds the journal's own tag "Stuck feeling"
    path = tmp_path / "tags.qdc"
    count = export_qdc(journal, path)
    vocabulary = journal.vocabulary()
    assert count == len(vocabulary.tags)
    assert mode(path) == 0o600
    doc = etree.parse(str(path))
    codebook_schema.assertValid(doc)
    root = doc.getroot()
    assert root.tag == f"{C}CodeBook"
    assert re.fullmatch(r"Reflective Workbook \d+\.\d+\.\d+\S*", root.get("origin"))
    assert [child.tag for child in root] == [f"{C}Codes"]  # no empty <Sets/>: the schema needs a Set in one
    categories = list(root.find(f"{C}Codes"))
    assert [c.get("name") for c in categories] == [g.label for g in vocabulary.groups if vocabulary.in_group(g.id)]
    for category, group in zip(categories, (g for g in vocabulary.groups if vocabulary.in_group(g.id)), strict=True):
        assert category.get("isCodable") == "false"
        assert category.get("guid") == guid(f"group:{group.id}")
        assert category.findtext(f"{C}Description") == group.description
        codes = category.findall(f"{C}Code")
        assert [c.get("name") for c in codes] == [t.label for t in vocabulary.in_group(group.id)]
        assert {c.get("isCodable") for c in codes} == {"true"}
        assert [child.tag for child in category][0] == f"{C}Description"  # Description before the Codes
    written = {c.get("guid"): c for c in root.iter(f"{C}Code") if c.get("isCodable") == "true"}
    assert len(written) == count
    own = written[guid("tag:stuck-feeling")]
    assert own.get("name") == "Stuck feeling"
    assert own.findtext(f"{C}Description") == "Feeling that nothing can move.\n\nSource: My own tag"
    built_in = vocabulary.find("anxious")
    description = written[guid("tag:anxious")].findtext(f"{C}Description")
    assert description.startswith(built_in.definition) and description.endswith(built_in.reference)


def test_codebook_guids_are_stable_upper_case_uuid5_and_distinct(journal, full_entry, tmp_path):
    full_entry(journal, revisions=False)
    export_qdc(journal, tmp_path / "a.qdc")
    export_qdc(journal, tmp_path / "b.qdc")
    assert (tmp_path / "a.qdc").read_bytes() == (tmp_path / "b.qdc").read_bytes()
    guids = [c.get("guid") for c in etree.parse(str(tmp_path / "a.qdc")).iter(f"{C}Code")]
    assert all(GUID.fullmatch(g) for g in guids), guids[:3]
    assert all(uuid.UUID(g).version == 5 for g in guids)
    assert len(set(guids)) == len(guids)
    assert guid("tag:anxious") == str(uuid.uuid5(refi.GUID_NAMESPACE, "tag:anxious")).upper()
    assert guid("tag:feelings") != guid("group:feelings")


# -- the project ----------------------------------------------------------------------------------
def test_project_is_valid_leaves_out_the_trash_and_is_private(journal, coded, project_schema, tmp_path):
    path = tmp_path / "journal.qdpx"
    assert export_qdpx(journal, path) == 3
    assert mode(path) == 0o600
    project, texts, archive = read_qdpx(path)
    project_schema.assertValid(project)
    assert project.tag == f"{Q}Project"
    assert [child.tag for child in project] == [f"{Q}{n}" for n in ("Users", "CodeBook", "Variables", "Sources")]
    users = project.findall(f"{Q}Users/{Q}User")
    assert [(u.get("name"), u.get("guid")) for u in users] == [("the practitioner", project.get("creatingUserGUID"))]
    sources = project.findall(f"{Q}Sources/{Q}TextSource")
    kept = [coded["full"], coded["plain"], coded["awkward"]]
    assert sorted(s.get("guid") for s in sources) == sorted(guid(f"entry:{i}") for i in kept)
    assert guid(f"entry:{coded['trashed']}") not in archive.read("project.qde").decode()
    assert sorted(texts) == sorted(f"{s.get('guid')}.txt" for s in sources)
    for source in sources:
        entry = journal.get(next(i for i in kept if guid(f"entry:{i}") == source.get("guid")))
        assert source.get("name") == f"{entry.occurred_on.isoformat()} {entry.title}"
        assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
        assert source.get("richTextPath") is None  # a .txt declared as rich text is refused by ATLAS.ti
        assert source.get("creationDateTime") == entry.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert source.get("creatingUser") == users[0].get("guid")
    # every code a selection refers to is a codable code of the project's codebook
    codable = {c.get("guid") for c in project.iter(f"{Q}Code") if c.get("isCodable") == "true"}
    refs = {r.get("targetGUID") for r in project.iter(f"{Q}CodeRef")}
    assert refs and refs <= codable
    assert len(codable) == len(journal.vocabulary().tags)


def test_each_selection_picks_out_its_passage_in_the_text(journal, coded, tmp_path):
    export_qdpx(journal, tmp_path / "journal.qdpx")
    project, texts, _ = read_qdpx(tmp_path / "journal.qdpx")
    checked = 0
    for entry_id in (coded["full"], coded["awkward"], coded["plain"]):
        entry = journal.get(entry_id)
        source = next(s for s in project.iter(f"{Q}TextSource") if s.get("guid") == guid(f"entry:{entry_id}"))
        text = texts[f"{source.get('guid')}.txt"]
        selections = {s.get("guid"): s for s in source.findall(f"{Q}PlainTextSelection")}
        assert len(selections) == len(entry.tags)
        for n, use in enumerate(entry.tags):
            selection = selections[guid(f"selection:{entry_id}:{n}")]
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            if use.anchor is None:  # a tag on the entry as a whole codes its whole text
                assert (start, end) == (0, len(text))
            else:
                stored = entry.narrative if use.anchor.field == "narrative" else entry.responses[use.anchor.field[10:]]
                assert text[start:end] == passage(stored, use.anchor.start, use.anchor.end)
                checked += 1
            assert selection.find(f"{Q}Coding/{Q}CodeRef").get("targetGUID") == guid(f"tag:{use.tag}")
            intensity = selection.findtext(f"{Q}Description")
            assert intensity == (None if use.intensity is None else f"Intensity {use.intensity} of 3")
    assert checked == 6  # two passages of the full entry, four of the awkward one


def test_offsets_count_code_points_not_bytes_or_utf16_units(journal, tmp_path):
    """The passage after an emoji, accents and a CRLF: its position in the .txt is in code
    points, so it differs from the byte and UTF-16 counts, and still picks out the passage."""
    start = AWKWARD.index("Then")
    entry = journal.add(
        title="Emoji 😟 first",
        occurred_on="2025-07-03",
        narrative=AWKWARD,
        tags=[{"tag": "anxious", "anchor": {"field": "narrative", "start": start, "end": start + 10}}],
    )
    export_qdpx(journal, tmp_path / "j.qdpx")
    project, texts, archive = read_qdpx(tmp_path / "j.qdpx")
    selection = next(project.iter(f"{Q}PlainTextSelection"))
    position = int(selection.get("startPosition"))
    raw = archive.read(f"Sources/{guid(f'entry:{entry.id}')}.txt")
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw  # no byte-order mark; line feeds only
    text = raw.decode("utf-8")
    prefix = text[:position]
    assert len(prefix.encode("utf-8")) != position and len(prefix.encode("utf-16-le")) // 2 != position
    assert text[position : int(selection.get("endPosition"))] == "Then: the "
    # the fixed layout: title, blank line, narrative (with its CR LF and lone CR now line feeds)
    assert text == f"Emoji 😟 first\n\n{passage(AWKWARD, 0, len(AWKWARD))}\n"


def test_text_layout_is_title_narrative_then_stages_in_the_templates_order(journal, full_entry, tmp_path):
    entry = full_entry(journal, revisions=False)
    export_qdpx(journal, tmp_path / "j.qdpx")
    _, texts, _ = read_qdpx(tmp_path / "j.qdpx")
    stages = journal.templates()["gibbs"]
    assert texts[f"{guid(f'entry:{entry.id}')}.txt"] == (
        f"{entry.title}\n\n{entry.narrative}\n\n"
        f"{stages.stage('description').title}\n{entry.responses['description']}\n\n"
        f"{stages.stage('feelings').title}\n{entry.responses['feelings']}\n"
    )


def test_two_exports_are_identical_but_for_the_projects_creation_time(journal, coded, tmp_path):
    export_qdpx(journal, tmp_path / "a.qdpx")
    export_qdpx(journal, tmp_path / "b.qdpx")
    a, b = zipfile.ZipFile(tmp_path / "a.qdpx"), zipfile.ZipFile(tmp_path / "b.qdpx")
    assert a.namelist() == b.namelist()
    stamp = re.compile(rb'(<Project [^>]*creationDateTime=")[^"]+"')
    qde_a, qde_b = a.read("project.qde"), b.read("project.qde")
    assert len(stamp.findall(qde_a)) == 1
    assert stamp.sub(rb"\1X", qde_a) == stamp.sub(rb"\1X", qde_b)
    for name in a.namelist()[1:]:
        assert a.read(name) == b.read(name)
    # every GUID in the project is an upper-case uuid5, and no two things share one
    project = etree.fromstring(qde_a)
    guids = [e.get("guid") for e in project.iter() if e.get("guid") is not None]
    assert all(GUID.fullmatch(g) for g in guids)
    assert len(set(guids)) == len(guids)
    sources = [s.get("guid") for s in project.iter(f"{Q}TextSource")]
    assert len(set(sources)) == 3


def test_variables_hold_the_date_and_the_outcome(journal, coded, tmp_path):
    export_qdpx(journal, tmp_path / "j.qdpx")
    project, _, _ = read_qdpx(tmp_path / "j.qdpx")
    variables = {v.get("name"): v for v in project.iter(f"{Q}Variable")}
    assert {n: v.get("typeOfVariable") for n, v in variables.items()} == {
        "Date of the conversation": "Date",
        "Outcome": "Text",
    }
    source = next(s for s in project.iter(f"{Q}TextSource") if s.get("guid") == guid(f"entry:{coded['awkward']}"))
    values = {
        v.find(f"{Q}VariableRef").get("targetGUID"): (v[1].tag, v[1].text) for v in source.findall(f"{Q}VariableValue")
    }
    assert values == {
        variables["Date of the conversation"].get("guid"): (f"{Q}DateValue", "2025-07-02"),
        variables["Outcome"].get("guid"): (f"{Q}TextValue", "Held"),
    }


def test_no_alias_is_written_and_an_empty_journal_is_still_a_valid_project(journal, coded, project_schema, tmp_path):
    export_qdpx(journal, tmp_path / "j.qdpx")
    export_qdc(journal, tmp_path / "j.qdc")
    archive = zipfile.ZipFile(tmp_path / "j.qdpx")
    written = b"".join(archive.read(n) for n in archive.namelist()) + (tmp_path / "j.qdc").read_bytes()
    assert b"Parent A" in written  # the pseudonym, as the entries hold it
    assert b"Jo Example" not in written  # the alias recorded for Parent A (tests/conftest.py PEOPLE)
    for entry_id in journal.entry_ids():
        journal.delete(entry_id)
    assert export_qdpx(journal, tmp_path / "empty.qdpx") == 0
    project, texts, _ = read_qdpx(tmp_path / "empty.qdpx")
    project_schema.assertValid(project)  # no empty <Sources/>: the schema needs a source in one
    assert texts == {} and project.find(f"{Q}Sources") is None
