"""`workbook share`: choose entries, answer each finding in the terminal, write a checked pack."""

from __future__ import annotations

import stat

import nbformat

from workbook import Journal
from workbook.supervision.crypt import decrypt_bytes

NARRATIVE = "Jo Example opened the door and Bartholomew Fennimore was in the kitchen."


def _entry(path, **fields):
    with Journal(path) as journal:
        return journal.add(**fields).id


def test_each_finding_is_asked_about_and_the_real_name_is_never_printed(run, ready, tmp_path):
    entry = _entry(ready, title="Home visit", narrative=NARRATIVE, flagged=True)
    out = tmp_path / "packs"
    out.mkdir()
    # two findings: the registered alias (accepted) and a possible name (changed)
    result = run("share", "--flagged", "--out", str(out), "--no-charts", input="a\nc\nthe lodger\n")
    assert result.exit_code == 0, result.output
    assert "Jo Example" not in result.output and "Bartholomew" not in result.output
    assert "⟦Parent A⟧ opened the door" in result.output and "suggested: [name 1]" in result.output
    (written,) = out.iterdir()
    assert written.suffix == ".ipynb" and stat.S_IMODE(written.stat().st_mode) == 0o600
    text = written.read_text(encoding="utf-8")
    assert "Parent A opened the door and the lodger was in the kitchen" in text
    assert "Jo Example" not in text and "Bartholomew" not in text
    nb = nbformat.reads(text, as_version=4)
    assert nb.metadata["workbook_pack"]["entries"] == [entry]


def test_nothing_is_written_when_the_review_is_cut_short(run, ready, tmp_path):
    _entry(ready, title="Home visit", narrative=NARRATIVE, flagged=True)
    out = tmp_path / "packs"
    out.mkdir()
    result = run("share", "--flagged", "--out", str(out), "--no-charts", input="a\n")  # second answer never comes
    assert result.exit_code != 0
    assert list(out.iterdir()) == []


def test_an_unsafe_pack_is_refused_with_the_overrides_that_would_let_it_through(run, ready, tmp_path):
    _entry(ready, title="Home visit", narrative=NARRATIVE, flagged=True)
    out = tmp_path / "packs"
    out.mkdir()
    answers = "c\nJo Example\na\n"  # the registered name typed back in as the "change"
    result = run("share", "--flagged", "--out", str(out), "--no-charts", input=answers)
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert list(out.iterdir()) == []
    overrides = [
        line.split("--override '")[1].rstrip("')") for line in result.output.splitlines() if "--override '" in line
    ]
    assert overrides and all(o.startswith("register-name:") for o in overrides)
    again = run(
        "share", "--flagged", "--out", str(out), "--no-charts", *(f"--override={o}" for o in overrides), input=answers
    )
    # the file name changes from run to run (a new pack id), so an override names the place without it
    assert again.exit_code == 1
    short = [f"{o.split(':', 1)[0]}:{o.split(' ', 1)[1]}" for o in overrides]
    third = run(
        "share", "--flagged", "--out", str(out), "--no-charts", *(f"--override={o}" for o in short), input=answers
    )
    assert third.exit_code == 0, third.output
    assert "Let through as you asked" in third.output


def test_html_encryption_and_one_entry_alone(run, ready, tmp_path):
    entry = _entry(ready, title="Home visit", narrative=NARRATIVE)
    out = tmp_path / "packs"
    out.mkdir()
    env = {"WORKBOOK_PASSPHRASE": "a long enough passphrase"}
    result = run(
        "share", "--entry", entry[:8], "--html", "--encrypt", "--accept-all-suggestions", "--out", str(out), env=env
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert [n.rsplit(".", 2)[1:] for n in names] == [["html", "age"], ["ipynb", "age"]]
    page = decrypt_bytes((out / names[0]).read_bytes(), env["WORKBOOK_PASSPHRASE"]).decode()
    assert "Parent A opened the door" in page and "a long enough passphrase" not in result.output
    alone = tmp_path / "alone"
    alone.mkdir()
    result = run("share", "--entry", entry, "--alone", "markdown", "--accept-all-suggestions", "--out", str(alone))
    assert result.exit_code == 0, result.output
    (md,) = alone.iterdir()
    assert md.suffix == ".md" and "Parent A opened the door" in md.read_text(encoding="utf-8")


def test_alone_needs_exactly_one_entry_and_a_choice_needs_something(run, ready):
    _entry(ready, title="One", flagged=True)
    _entry(ready, title="Two", flagged=True)
    result = run("share", "--flagged", "--alone", "html", "--accept-all-suggestions")
    assert result.exit_code != 0 and "one entry" in result.output
    result = run("share", "--accept-all-suggestions")
    assert result.exit_code != 0 and "choose entries" in result.output
