"""A CPD record written as Markdown, an offline web page and a Word document: every field of
the regulator's form there, each file private and passing the leak check, which now reads .docx
(paragraphs, table cells, headers and footers, and properties such as the author)."""

from __future__ import annotations

import json
import stat

import docx
import pytest

import workbook as wb
from workbook import cpd
from workbook.cpd.record import FORMS, NMC_CODE_THEMES, SWE_STANDARDS
from workbook.errors import ValidationError
from workbook.supervision.leaks import check_share
from workbook.supervision.share import UnsafePackError

ALIAS = "Quenby Thistlewood"
ENTRY_TEXT = "We sat together in the family room and talked through what the next few days might bring for everyone."
OTHER_TEXT = "The daughter said she could not bear to watch her father struggle for breath every single night."

SWE = {
    "cpd_type": "Reflection on practice",
    "description_relevance": "A home visit where the plan changed.",
    "occurred_on": "2026-02-01",
    "learned": "Slowing down let the family say what worried them.",
    "impact_practice": "I leave time at the end of a visit for questions.",
    "impact_people": "Families have more room to disagree with the plan.",
    "peer_reflection": "A colleague noticed how often I filled the silences.",
    "peer_role": "Senior practitioner",
    "standards": ["4.2", "4.6"],
}
ACCOUNT = {
    "nature": "Feedback from a relative after a ward round.",
    "learned": "How much my words about prognosis mattered.",
    "changed": "I ask what a relative knows before I explain.",
    "code_relevance": "Listening and responding to preferences.",
    "code_themes": ["prioritise_people"],
}
DISCUSSION = {"discussed": "We went through my five accounts.", "learned": "To write what I did, not only what I felt."}


@pytest.fixture
def journal(tmp_path):
    j = wb.open_journal(tmp_path / "j" / "journal.db")
    j.people.add("Parent A", "parent", aliases=[ALIAS])
    yield j
    j.close()


@pytest.fixture
def records(journal):
    entry = journal.add(title="Family meeting", narrative=ENTRY_TEXT, occurred_on="2026-02-01")
    journal.add(title="Night call", narrative=OTHER_TEXT, occurred_on="2026-02-02")
    swe = cpd.add_record(journal, "swe", {**SWE, "learned": ENTRY_TEXT}, [entry.id], made_on="2026-02-03")
    account = cpd.add_record(journal, "nmc-account", ACCOUNT, [entry.id], made_on="2026-01-10")
    discussion = cpd.add_record(
        journal, "nmc-discussion", {**DISCUSSION, "account_ids": [account.id]}, made_on="2026-02-05"
    )
    return {"swe": swe, "nmc-account": account, "nmc-discussion": discussion}


def _docx_text(path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for p in document.sections[0].footer.paragraphs]
    return "\n".join(parts)


def _text(path) -> str:
    return _docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8")


def _expected(record) -> list[str]:
    """Every label of the form and every value kept."""
    out = []
    for rule in FORMS[record.kind]:
        if rule.name != "account_ids":
            out.append(rule.label)
        value = record.fields.get(rule.name)
        if isinstance(value, str) and rule.shape != "date":
            out.append(value)
    return out


@pytest.mark.parametrize("kind", ["swe", "nmc-account", "nmc-discussion"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_each_export_holds_every_field_is_private_and_passes_the_leak_check(journal, records, tmp_path, kind, fmt):
    out = tmp_path / "out"
    out.mkdir()
    record = records[kind]
    path = cpd.export_record(journal, record.id, fmt, out)
    assert path.parent == out and path.suffix == f".{fmt}" and list(out.iterdir()) == [path]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = _text(path)
    import html

    shown = html.unescape(text) if fmt == "html" else text
    for expected in _expected(record):
        assert expected in shown, expected
    assert check_share(path, journal) == []


def test_the_swe_export_ticks_the_chosen_standards(journal, records, tmp_path):
    text = _text(cpd.export_record(journal, records["swe"], "md", tmp_path))
    assert f"- [x] 4.2 {SWE_STANDARDS['4.2']}" in text and f"- [ ] 4.1 {SWE_STANDARDS['4.1']}" in text
    assert "1 February 2026" in text  # the date of the activity


def test_the_nmc_account_lists_the_four_themes_with_the_chosen_ticked(journal, records, tmp_path):
    path = cpd.export_record(journal, records["nmc-account"], "docx", tmp_path)
    document = docx.Document(path)
    rows = [(r.cells[0].text, r.cells[1].text) for t in document.tables for r in t.rows]
    assert ("\u2612", "Prioritise people") in rows
    assert {label for _, label in rows} >= set(NMC_CODE_THEMES.values())
    assert ("\u2610", "Preserve safety") in rows


def test_the_discussion_leaves_labelled_blanks_for_the_other_registrant(journal, records, tmp_path):
    for fmt in ("md", "docx"):
        text = _text(cpd.export_record(journal, records["nmc-discussion"], fmt, tmp_path))
        for label in ("Their NMC PIN", "Their email address", "Name of the NMC registrant"):
            assert label in text
        assert "5 February 2026" in text and "made on 10 January 2026" in text
    document = docx.Document(tmp_path / cpd.export.file_name(records["nmc-discussion"], "docx"))
    blanks = {r.cells[0].text: r.cells[1].text for t in document.tables for r in t.rows}
    assert blanks["Their NMC PIN"] == "" and blanks["Your signature"] == ""


def test_the_docx_names_no_author_and_carries_its_manifest(journal, records, tmp_path):
    path = cpd.export_record(journal, records["swe"], "docx", tmp_path)
    props = docx.Document(path).core_properties
    assert props.author == "" and props.last_modified_by == ""
    manifest = json.loads(props.comments.removeprefix("workbook-pack: "))
    assert manifest["entries"] == list(records["swe"].entry_ids) and manifest["record_id"] == records["swe"].id


def test_the_html_export_is_an_offline_page_with_every_string_escaped(journal, records, tmp_path):
    import html

    from workbook.supervision.html import CSP

    record = journal.add_cpd_record("swe", {**SWE, "learned": "I <i>felt</i> heard & a=b"}, records["swe"].entry_ids)
    text = cpd.export_record(journal, record, "html", tmp_path).read_text(encoding="utf-8")
    assert f'http-equiv="Content-Security-Policy" content="{html.escape(CSP)}"' in text and "<script" not in text
    assert "I &lt;i&gt;felt&lt;/i&gt; heard &amp; a&#61;b" in text and "<i>" not in text


def test_the_default_folder_is_private_and_beside_the_packs(journal, records, tmp_path, monkeypatch):
    from workbook import paths

    monkeypatch.setattr(paths, "notebook_workspace_dir", lambda: tmp_path / "workspace")
    path = cpd.export_record(journal, records["swe"], "md")
    assert path.parent == tmp_path / "workspace" / "cpd" == cpd.cpd_dir()
    assert paths.packs_dir().parent == path.parent.parent  # beside the packs
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_export_holding_another_entry_text_is_refused_and_nothing_written(journal, records, tmp_path):
    # kept through the journal directly, so the review was skipped: the leak check still stops it
    record = journal.add_cpd_record("swe", {**SWE, "learned": OTHER_TEXT}, [records["swe"].entry_ids[0]])
    for fmt in ("md", "html", "docx"):
        with pytest.raises(UnsafePackError) as caught:
            cpd.export_record(journal, record, fmt, tmp_path)
        assert {f.kind for f in caught.value.findings} == {"unchosen-entry-text"}
    assert list(tmp_path.iterdir()) == [tmp_path / "j"]
    place = caught.value.findings[0].place
    path = cpd.export_record(journal, record, "docx", tmp_path, overrides=[f"unchosen-entry-text:{place}"])
    assert path.exists()


def test_an_unknown_format_is_refused(journal, records, tmp_path):
    with pytest.raises(ValidationError) as caught:
        cpd.export_record(journal, records["swe"], "pdf", tmp_path)
    assert caught.value.field == "format" and "md, html, docx" in caught.value.reason


# -- the leak check reads .docx ---------------------------------------------------------------


def _document(path, *, cell=None, author=None, header=None, paragraph=None):
    document = docx.Document()
    document.core_properties.author = author or ""
    document.core_properties.last_modified_by = ""
    document.add_paragraph(paragraph or "A clean paragraph about practice.")
    table = document.add_table(rows=2, cols=2)
    table.cell(1, 1).text = cell or "Nothing to see"
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.save(path)
    return path


def test_a_clean_docx_passes(journal, tmp_path):
    assert check_share(_document(tmp_path / "clean.docx"), journal) == []


def test_a_registered_alias_in_a_table_cell_is_flagged(journal, tmp_path):
    found = check_share(_document(tmp_path / "cell.docx", cell=f"Visited {ALIAS}"), journal)
    assert [(f.kind, f.place) for f in found] == [("register-name", "cell.docx table 1 row 2 cell 2")]
    assert "Thistlewood" not in str(found[0])


def test_a_registered_alias_as_the_author_is_flagged(journal, tmp_path):
    found = check_share(_document(tmp_path / "author.docx", author=ALIAS), journal)
    assert [(f.kind, f.place) for f in found] == [("register-name", "author.docx core property author")]


def test_identifiers_in_paragraphs_and_headers_are_flagged(tmp_path):
    found = check_share(_document(tmp_path / "h.docx", header="Call 07700 900123", paragraph="NHS 943 476 5919"))
    assert {(f.kind, f.place) for f in found} == {
        ("identifier", "h.docx header 1 paragraph 1"),
        ("identifier", "h.docx paragraph 1"),
    }


def test_the_user_name_as_author_is_flagged(tmp_path, monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "qthistle")
    found = check_share(_document(tmp_path / "u.docx", author="qthistle"))
    assert [(f.kind, f.place) for f in found] == [("journal-path", "u.docx core property author")]


def test_a_file_that_is_no_word_document_is_refused(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ValidationError, match="not a readable Word document"):
        check_share(bad)
