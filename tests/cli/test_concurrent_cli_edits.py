"""`workbook edit` at the same moment from several terminals: every edit that was
acknowledged (exit code 0) is in the entry's current version. The edit reads, merges and
writes in one write transaction (``Journal.edit``), so nothing saved in between is dropped."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import pytest

import workbook.journal.edits
from workbook import Journal

# A terminal that runs `workbook edit ID --action NAME-n` many times, as fast as it can, on
# each entry in turn (the command line's own code, in a process of its own; CliRunner only
# saves the start-up).
EDITOR = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from click.testing import CliRunner
    from workbook.cli import cli

    path, go, ids, name, count = sys.argv[1], Path(sys.argv[2]), sys.argv[3].split(","), sys.argv[4], int(sys.argv[5])
    runner = CliRunner()
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    for n in range(count):
        result = runner.invoke(cli, ["--journal", path, "edit", ids[n % len(ids)], "--action", f"{name}-{n}"])
        print(result.exit_code, f"{name}-{n}", result.output.strip().replace(chr(10), " "), flush=True)
    """
)


def _edit_at_the_same_moment(tmp_path, child_env, path, entry_ids, names, count):
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [sys.executable, str(script), str(path), str(go), ",".join(entry_ids), name, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env,
            text=True,
        )
        for name in names
    ]
    try:
        for child in children:
            assert child.stdout.readline().strip() == "ready"
        go.touch()
        results = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    lines = []
    for child, (out, err) in zip(children, results):
        assert child.returncode == 0, err[-3000:]
        lines += [line.split(" ", 2) for line in out.splitlines()]
    return lines


@pytest.mark.slow
def test_edits_from_three_terminals_at_once_lose_no_acknowledged_action(tmp_path, child_env):
    path = tmp_path / "journal.db"
    with Journal(path) as journal:
        entry_ids = journal.add_many([{"title": f"Shared entry {i}"} for i in range(3)])
    count = 27  # 27 action points on each entry (30 are allowed)
    lines = _edit_at_the_same_moment(tmp_path, child_env, path, entry_ids, ["p0", "p1", "p2"], count)
    acknowledged = {name for code, name, _ in lines if code == "0"}
    refused = [(name, output) for code, name, output in lines if code != "0"]
    with Journal(path) as journal:
        current = journal.load(entry_ids)
        revisions = [len(journal.history(entry_id)) for entry_id in entry_ids]
    present = {a.text for entry in current for a in entry.actions}
    assert acknowledged - present == set(), f"acknowledged but not in the current version: {acknowledged - present}"
    # a relative edit waits for the others instead of being refused
    assert refused == [] and len(acknowledged) == 3 * count
    assert [entry.revision for entry in current] == revisions == [1 + count] * 3


@pytest.mark.slow
def test_workbook_edit_processes_keep_every_acknowledged_action(tmp_path, child_env):
    """The command itself (`python -m workbook`), three terminals, a few edits each."""
    path = tmp_path / "journal.db"
    with Journal(path) as journal:
        entry_id = journal.add(title="Shared entry").id
    codes: dict[str, int] = {}

    def terminal(name: str) -> None:
        for n in range(3):
            args = ["--journal", str(path), "edit", entry_id[:8], "--action", f"{name}-{n}"]
            done = subprocess.run(
                [sys.executable, "-m", "workbook", *args],
                capture_output=True,
                env=child_env,
                timeout=60,
            )
            codes[f"{name}-{n}"] = done.returncode

    threads = [threading.Thread(target=terminal, args=(name,)) for name in ("p0", "p1", "p2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    with Journal(path) as journal:
        present = {a.text for a in journal.get(entry_id).actions}
    acknowledged = {name for name, code in codes.items() if code == 0}
    assert acknowledged <= present and len(acknowledged) == 9


def test_edit_keeps_a_change_saved_between_its_read_and_its_write(run, ready, monkeypatch):
    """Deterministic: another kernel marks an action point done just after `edit` has read
    the entry. Before, `edit` merged its --action with the entry read earlier and wrote the
    whole list back, so the status change (already acknowledged) was lost."""
    with Journal(ready) as journal:
        entry = journal.add(title="Home visit", actions=["first"])
    other = Journal(ready)  # the other kernel, open before the edit starts
    real_merge, others = workbook.journal.edits.merge, []

    def merge_while_another_kernel_writes(read, *args, **kwargs):
        others.append(threading.Thread(target=other.set_action_status, args=(entry.id, entry.actions[0].id, "done")))
        others[0].start()
        time.sleep(0.3)  # time enough for the other kernel to write, if it could
        return real_merge(read, *args, **kwargs)

    monkeypatch.setattr(workbook.journal.edits, "merge", merge_while_another_kernel_writes)
    try:
        result = run("edit", entry.id[:8], "--action", "second")
        others[0].join(10)
        assert result.exit_code == 0, result.output
        current = other.get(entry.id)
    finally:
        other.close()
    assert [(a.text, a.status) for a in current.actions] == [("first", "done"), ("second", "open")]
