"""A hostile or careless template folder (``$WORKBOOK_TEMPLATES``): FIFOs, links to devices,
huge files and thousands of files are each reported like a broken file, quickly, and every
other template still loads."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbook.content.datafiles import MAX_FILE_BYTES, read_text
from workbook.content.reflective_models import MAX_TEMPLATE_BYTES, MAX_TEMPLATE_FILES, load_templates
from workbook.errors import DataFileError

BUNDLED_COUNT = 11

GOOD = """\
id: {id}
name: Good {id}
summary: A small template that must still load beside the hostile files.
reference: Our team, 2026.
stages:
  - id: one
    title: One
    prompt: What happened?
    guidance: Say what was said.
"""

# Loads the templates of the folder in argv[1] in a child process, so a file that blocks or
# reads for ever cannot hang the test run: the parent gives up after a timeout.
CHILD = """\
import sys
from pathlib import Path
from workbook.content.reflective_models import load_templates
library = load_templates([Path(sys.argv[1])], warn=False)
print(len(library))
for problem in library.problems:
    print(problem)
"""


def _load_in_child(folder: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True, timeout=30, check=True
    )
    return done.stdout.splitlines()


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "institution"
    path.mkdir()
    (path / "good.yaml").write_text(GOOD.format(id="good"), encoding="utf-8")
    return path


def _problem(library, name: str) -> str:
    found = [str(p) for p in library.problems if Path(p.path).name == name]
    assert len(found) == 1, library.problems
    return found[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting(folder):
    os.mkfifo(folder / "x.yaml")
    lines = _load_in_child(folder)
    assert lines[0] == str(BUNDLED_COUNT + 1)
    assert any("x.yaml" in line and "not a plain file" in line for line in lines[1:]), lines


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused(folder):
    (folder / "zero.yaml").symlink_to("/dev/zero")
    lines = _load_in_child(folder)
    assert lines[0] == str(BUNDLED_COUNT + 1)
    assert any("zero.yaml" in line and "not a plain file" in line for line in lines[1:]), lines


def test_a_link_to_a_folder_and_a_dangling_link_are_problems(folder):
    (folder / "dir.yaml").symlink_to(folder)
    (folder / "gone.yaml").symlink_to(folder / "nothing-here")
    library = load_templates([folder], warn=False)
    assert "good" in library and len(library) == BUNDLED_COUNT + 1
    assert "not a plain file" in _problem(library, "dir.yaml")
    assert "cannot be read" in _problem(library, "gone.yaml")


def test_a_15_mb_file_is_refused_by_its_size_before_parsing(folder):
    big = folder / "big.yaml"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("id: big\nname: Big\nsummary: x\nreference: y\nstages:\n")
        line = "  - {id: s, title: t, prompt: p, guidance: g}\n"
        handle.write(line * (15 * 1024 * 1024 // len(line)))
    started = time.perf_counter()
    library = load_templates([folder], warn=False)
    assert time.perf_counter() - started < 5
    assert "good" in library and "big" not in library
    message = _problem(library, "big.yaml")
    assert "too large" in message and f"{MAX_FILE_BYTES:,}" in message


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_not(tmp_path):
    path = tmp_path / "edge.yaml"
    path.write_bytes(b"#" * MAX_FILE_BYTES)
    assert len(read_text(path)) == MAX_FILE_BYTES
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(DataFileError, match="too large"):
        read_text(path)


def test_too_many_files_are_reported_and_the_first_ones_load(folder):
    for n in range(MAX_TEMPLATE_FILES + 5):
        (folder / f"a{n:04d}.yaml").write_text(GOOD.format(id=f"a{n:04d}"), encoding="utf-8")
    library = load_templates([folder], warn=False)
    loaded = [t for t in library if t.startswith("a") and t[1:].isdigit()]
    # good.yaml sorts after the numbered files, so it is one of the files left unread
    assert len(loaded) == MAX_TEMPLATE_FILES and "good" not in library
    assert len(library) == BUNDLED_COUNT + MAX_TEMPLATE_FILES
    [problem] = [str(p) for p in library.problems]
    assert str(folder) in problem and f"{MAX_TEMPLATE_FILES + 6} template files" in problem
    assert f"only the first {MAX_TEMPLATE_FILES}" in problem


def test_a_good_folder_still_loads_beside_all_the_hostile_files(folder):
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.yaml")
    (folder / "huge.yml").write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 10))
    (folder / "other.yaml").write_text(GOOD.format(id="other"), encoding="utf-8")
    lines = _load_in_child(folder)
    assert lines[0] == str(BUNDLED_COUNT + 2)
    assert any("huge.yml" in line and "too large" in line for line in lines[1:]), lines


def test_files_past_the_total_budget_are_reported_and_not_read(folder):
    # each just under the size limit: a comment, then a small template
    filler = "#" * (MAX_FILE_BYTES - 1024) + "\n"
    count = MAX_TEMPLATE_BYTES // MAX_FILE_BYTES + 3
    for n in range(count):
        (folder / f"a{n:02d}.yaml").write_text(filler + GOOD.format(id=f"a{n:02d}"), encoding="utf-8")
    library = load_templates([folder], warn=False)
    loaded = [t for t in library if t.startswith("a") and t[1:].isdigit()]
    assert 0 < len(loaded) < count and "good" in library  # good.yaml is small enough to fit
    skipped = [str(p) for p in library.problems]
    assert len(skipped) == count - len(loaded)
    assert all(f"more than {MAX_TEMPLATE_BYTES:,} bytes" in p for p in skipped), skipped


def test_deep_nesting_is_a_problem_not_a_crash(folder):
    (folder / "deep.yaml").write_text("x: " + "[" * 300 + "]" * 300 + "\n", encoding="utf-8")
    (folder / "deeper.yaml").write_text("x: " + "{a: " * 300 + "1" + "}" * 300 + "\n", encoding="utf-8")
    library = load_templates([folder], warn=False)
    assert "good" in library
    assert {Path(p.path).name for p in library.problems} == {"deep.yaml", "deeper.yaml"}
