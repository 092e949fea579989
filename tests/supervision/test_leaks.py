"""The leak check catches each kind of leak planted in a pack, and passes a clean one."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import nbformat
import pytest

import workbook as wb
from workbook.errors import ValidationError
from workbook.supervision.leaks import ZIP_MAX_MEMBERS, check_share, hint

NOT_CHOSEN = "The daughter said she could not bear to watch her father struggle for breath every single night."
CHOSEN = "We sat together in the family room and talked through what the next few days might bring for everyone."


@pytest.fixture
def pack_journal(tmp_path):
    j = wb.Journal(tmp_path / "j" / "journal.db")
    j.people.add("Parent A", "parent", aliases=["Quenby Thistlewood"])
    chosen = j.add(title="Family meeting", narrative=CHOSEN)
    other = j.add(title="Night call", narrative=NOT_CHOSEN)
    yield j, chosen, other
    j.close()


def make_pack(path: Path, entries: list[str], texts: list[str], **extra) -> Path:
    """A pack notebook in the contract's format: Markdown cells only, manifest in metadata."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["workbook_pack"] = {
        "format": 1,
        "pack_id": "00000000-0000-4000-8000-000000000000",
        "journal_uid": "x",
        "made_on": "2026-01-01",
        "role": "supervisor",
        "entries": entries,
        "seal": "0" * 64,
    }
    for entry_id, text in zip(entries, texts, strict=True):
        nb.cells.append(
            nbformat.v4.new_markdown_cell(text, metadata={"workbook_pack": {"part": "entry", "entry_id": entry_id}})
        )
        nb.cells.append(
            nbformat.v4.new_markdown_cell(
                "*Supervisor: write your feedback for this entry here.*",
                metadata={"workbook_pack": {"part": "feedback", "entry_id": entry_id}},
            )
        )
    for cell in extra.get("cells", []):
        nb.cells.append(cell)
    nb.metadata.update(extra.get("metadata", {}))
    nbformat.validate(nb)
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def kinds(findings) -> set[str]:
    return {f.kind for f in findings}


def test_a_clean_pack_has_no_findings(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    pack = make_pack(tmp_path / "pack.ipynb", [chosen.id], [f"## Family meeting\n\n{CHOSEN}"])
    assert check_share(pack, j) == []


def test_a_registered_name_is_found_and_never_repeated(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    pack = make_pack(tmp_path / "pack.ipynb", [chosen.id], [f"{CHOSEN} quenby thistlewood's son came too."])
    found = check_share(pack, j)
    assert kinds(found) == {"register-name"}
    assert found[0].place == "pack.ipynb cell 0"
    assert "thistlewood" not in str(found).casefold() and "q… (18 characters)" in found[0].hint
    assert check_share(pack) == []  # without the journal the register is unknown


def test_an_identifier_is_found(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    pack = make_pack(tmp_path / "pack.ipynb", [chosen.id], [f"{CHOSEN} Call 07700 900123 or write to a@example.org."])
    found = check_share(pack, j)
    assert kinds(found) == {"identifier"}
    assert "900123" not in str(found) and "example.org" not in str(found)


def test_text_of_an_unchosen_entry_is_found(pack_journal, tmp_path):
    j, chosen, other = pack_journal
    leaked = " ".join(NOT_CHOSEN.upper().split()[2:11])  # nine words, other casing
    pack = make_pack(tmp_path / "pack.ipynb", [chosen.id], [f"{CHOSEN}\n\n{leaked}"])
    found = check_share(pack, j)
    assert kinds(found) == {"unchosen-entry-text"}
    assert other.id[:8] in found[0].hint
    seven = " ".join(NOT_CHOSEN.split()[2:9])  # seven words in a row are not enough
    assert check_share(make_pack(tmp_path / "p2.ipynb", [chosen.id], [f"{CHOSEN} {seven}"]), j) == []
    both = make_pack(tmp_path / "p3.ipynb", [chosen.id, other.id], [CHOSEN, NOT_CHOSEN])
    assert check_share(both, j) == []  # chosen in the manifest: fine


def test_text_of_a_trashed_entry_is_found(pack_journal, tmp_path):
    j, chosen, other = pack_journal
    j.delete(other.id)
    pack = make_pack(tmp_path / "pack.ipynb", [chosen.id], [f"{CHOSEN}\n\n{NOT_CHOSEN}"])
    assert kinds(check_share(pack, j)) == {"unchosen-entry-text"}


def test_the_journal_path_and_home_folder_are_found(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    pack = make_pack(tmp_path / "pack.ipynb", [chosen.id], [f"{CHOSEN} (from {j.path})"])
    found = check_share(pack, j)
    assert kinds(found) == {"journal-path"}
    home = make_pack(tmp_path / "p2.ipynb", [chosen.id], [f"{CHOSEN} {Path.home()}/notes"])
    assert kinds(check_share(home)) == {"journal-path"}


def test_the_user_name_is_found_in_paths_and_addresses_only(tmp_path, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "quill")
    for text in ["Saved in /srv/quill/notes", "C:\\Users\\quill\\pack", "~quill/x", "mail quill@host"]:
        assert kinds(check_share(make_pack(tmp_path / "p.ipynb", ["e"], [text]))) == {"journal-path"}, text
    assert check_share(make_pack(tmp_path / "p.ipynb", ["e"], ["She wrote with a quill pen."])) == []


def test_outputs_code_and_widget_state_are_found(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    code = nbformat.v4.new_code_cell("print(1)", execution_count=3)
    code.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    widgets = {
        "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2, "version_minor": 0}}
    }
    pack = make_pack(tmp_path / "pack.ipynb", [chosen.id], [CHOSEN], cells=[code], metadata=widgets)
    found = check_share(pack, j)
    assert kinds(found) == {"notebook-output"}
    hints = " ".join(f.hint for f in found)
    assert "code cell" in hints and "output" in hints and "execution count" in hints and "widget" in hints


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src="data:image/png;base64,AA" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<img src="https://example.org/x.png">',
        '<div style="background:url(//example.org/x)">',
        '<iframe src="data:text/html,x"></iframe>',
    ],
)
def test_scripts_and_requests_in_html_are_found(pack_journal, tmp_path, html):
    j, chosen, _ = pack_journal
    page = tmp_path / "pack.html"
    manifest = json.dumps({"entries": [chosen.id]}).replace('"', "&quot;")
    page.write_text(
        f'<html><head><meta name="workbook-pack" content="{manifest}"></head>\n<body><p>{CHOSEN}</p>\n{html}\n</body></html>'
    )
    found = check_share(page, j)
    assert kinds(found) == {"script"}
    assert found[0].place == "pack.html line 3"


def test_an_html_pack_reads_its_manifest(pack_journal, tmp_path):
    j, chosen, other = pack_journal
    manifest = json.dumps({"entries": [chosen.id, other.id]}).replace('"', "&quot;")
    page = tmp_path / "pack.html"
    page.write_text(f'<meta name="workbook-pack" content="{manifest}">\n<p>{NOT_CHOSEN}</p>')
    assert check_share(page, j) == []
    page.write_text(f"<p>{NOT_CHOSEN}</p>")  # no manifest: every entry counts as not chosen
    assert kinds(check_share(page, j)) == {"unchosen-entry-text"}


def test_markdown_places_are_lines(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    md = tmp_path / "entry.md"
    md.write_text(f'<!-- workbook-pack: {{"entries": ["{chosen.id}"]}} -->\n\n{CHOSEN}\nPhone 07700 900123\n')
    found = check_share(md, j)
    assert [(f.kind, f.place) for f in found] == [("identifier", "entry.md line 4")]


def test_a_zip_is_checked_member_by_member(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    pack = make_pack(tmp_path / "pack.ipynb", [chosen.id], [f"{CHOSEN} Quenby Thistlewood"])
    bundle = tmp_path / "pack.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.write(pack, "pack/pack.ipynb")
        z.writestr("pack/entry.md", "Phone 07700 900123\n")
    found = check_share(bundle, j)
    assert {(f.kind, f.place) for f in found} == {
        ("register-name", "pack.zip:pack/pack.ipynb cell 0"),
        ("identifier", "pack.zip:pack/entry.md line 1"),
    }


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"../evil.md": "x"}, "unsafe path"),
        ({"/abs.md": "x"}, "unsafe path"),
        ({"inner.zip": "x"}, "zips inside zips"),
        ({"run.py": "x"}, "only .ipynb"),
        ({f"f{i}.md": "x" for i in range(ZIP_MAX_MEMBERS + 1)}, "at most"),
    ],
)
def test_unsafe_zips_are_refused(tmp_path, members, message):
    bundle = tmp_path / "pack.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    with pytest.raises(ValidationError, match=message):
        check_share(bundle)


def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import workbook.supervision.leaks as leaks

    monkeypatch.setattr(leaks, "ZIP_MAX_MEMBER_BYTES", 1000)
    bundle = tmp_path / "pack.zip"
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.md", "a" * 100_000)
    with pytest.raises(ValidationError, match="larger than"):
        check_share(bundle)


def test_unreadable_files_are_errors(tmp_path):
    for name, data in [("x.ipynb", b"not json"), ("x.txt", b"hi"), ("x.zip", b"no zip")]:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ValidationError):
            check_share(tmp_path / name)
    with pytest.raises(ValidationError, match="not a file"):
        check_share(tmp_path / "missing.ipynb")


def test_entry_ids_and_chart_images_are_not_taken_for_identifiers(pack_journal, tmp_path):
    j, chosen, _ = pack_journal
    ids = "0ed81f3e-7d50-4982-9719-11e8af914817 07700900-1230-4982-9719-077009001234"
    chart = '<img src="data:image/svg+xml;base64,MDc3MDAgOTAwMTIz07700900123AAAA==">'
    pack = make_pack(tmp_path / "pack.ipynb", [chosen.id], [f"{CHOSEN} {ids}\n\n{chart}"])
    assert check_share(pack, j) == []
    bare = make_pack(tmp_path / "p2.ipynb", [chosen.id], [f"{CHOSEN} 07700900123"])
    assert kinds(check_share(bare, j)) == {"identifier"}  # the same digits, not in an id: found


def test_hint_keeps_only_the_first_letter_and_length():
    assert hint("Quenby") == "Q… (6 characters)"
