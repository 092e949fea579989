"""`workbook check-share` (exit 0 clean, 1 findings, 2 error) and `workbook decrypt`."""

from __future__ import annotations

import json
import stat

import nbformat
import pytest
from cli_helpers import assert_one_line_error

from workbook import Journal
from workbook.supervision.crypt import encrypt_file

TEXT = "We sat together in the family room and talked through what the next few days might bring."


def _pack(path, entry_id: str, text: str):
    nb = nbformat.v4.new_notebook()
    nb.metadata["workbook_pack"] = {"format": 1, "entries": [entry_id]}
    nb.cells.append(nbformat.v4.new_markdown_cell(text))
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


@pytest.fixture
def entry_id(ready):
    with Journal(ready) as journal:
        return journal.add(title="Family meeting", narrative=TEXT).id


def test_a_clean_pack_exits_0(run, entry_id, tmp_path):
    result = run("check-share", str(_pack(tmp_path / "pack.ipynb", entry_id, TEXT)))
    assert result.exit_code == 0, result.output
    assert "nothing found" in result.stdout


def test_findings_exit_1_without_the_name(run, entry_id, tmp_path):
    pack = _pack(tmp_path / "pack.ipynb", entry_id, f"{TEXT} Jo Example rang on 07700 900123.")
    result = run("check-share", str(pack))
    assert result.exit_code == 1, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("register-name at pack.ipynb cell 0: ")
    assert any(line.startswith("identifier at pack.ipynb cell 0: ") for line in lines)
    assert "Example" not in result.output and "900123" not in result.output
    assert "do not share pack.ipynb" in result.stderr


def test_without_a_journal_the_file_is_still_checked(run, tmp_path):
    md = tmp_path / "entry.md"
    md.write_text("Phone 07700 900123\n")
    result = run("check-share", str(md), journal=tmp_path / "none.db")
    assert result.exit_code == 1 and "identifier at entry.md line 1" in result.stdout
    assert "were not checked" in result.stderr
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(("name", "data"), [("x.ipynb", b"not json"), ("x.exe", b"MZ"), ("missing.md", None)])
def test_a_file_that_cannot_be_checked_exits_2(run, tmp_path, name, data):
    if data is not None:
        (tmp_path / name).write_bytes(data)
    assert_one_line_error(run("check-share", str(tmp_path / name), journal=tmp_path / "none.db"), code=2)


def test_decrypt_with_the_environment_passphrase(run, tmp_path):
    src = tmp_path / "pack.ipynb"
    src.write_text(json.dumps({"cells": []}))
    sealed = encrypt_file(src, tmp_path / "sent.ipynb.age", "a long passphrase")
    result = run("decrypt", str(sealed), env={"WORKBOOK_PASSPHRASE": "a long passphrase"})
    assert result.exit_code == 0, result.output
    out = tmp_path / "sent.ipynb"
    assert json.loads(out.read_text()) == {"cells": []}
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "a long passphrase" not in result.output
    assert_one_line_error(run("decrypt", str(sealed), env={"WORKBOOK_PASSPHRASE": "x"}), "exists already")


def test_decrypt_asks_unseen_and_a_wrong_passphrase_writes_nothing(run, tmp_path, monkeypatch):
    src = tmp_path / "pack.ipynb"
    src.write_text("{}")
    sealed = encrypt_file(src, tmp_path / "sent.age", "the right one")
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "the wrong one")
    line = assert_one_line_error(
        run("decrypt", str(sealed), "--out", str(tmp_path / "out.ipynb")), "passphrase is wrong"
    )
    assert "the wrong one" not in line and asked == ["Passphrase for sent.age: "]
    assert not (tmp_path / "out.ipynb").exists()
