"""What the journal tests share: file modes, entry titles, and words that must never leak."""

from __future__ import annotations

import os
import stat


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def titles(entries) -> list[str]:
    return [e.title for e in entries]


# Words put into every kind of text of an entry, to show that a frame or a repr holds none.
SECRETS = {
    "title": "TitleSecretZebra",
    "narrative": "NarrativeSecretOkapi",
    "response": "ResponseSecretNarwhal",
    "action": "ActionSecretQuokka",
    "feedback": "FeedbackSecretAxolotl",
}


def sha256(path) -> str:
    import hashlib

    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


NOBODY = 65534


def run_as_another_user(code: str, cwd, env: dict[str, str], *args: str):
    """Run ``code`` (Python) in a child process as the user ``nobody``, in ``cwd``.

    Tests run as root here, and chmod does not bind root: a read-only file is only
    read-only to another user. The child imports the workbook (and the interpreter's
    modules it needs) first and changes user afterwards, since the interpreter may live in
    a folder only root can read (the identifier finders' libraries included). Skips when this process cannot change user (not root).
    """
    import subprocess
    import sys

    import pytest

    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root to run a child process as another user (nobody); not root here")
    prelude = (
        "import os, sys, json, sqlite3\n"
        "import workbook as wb\n"
        "import workbook.exchange, workbook.exchange.native, workbook.journal.doctor\n"
        "with wb.open_journal(':memory:') as warm:\n"  # loads the vocabulary and templates code
        "    warm.add(title='warm-up')\n"
        # doctor's identifier check loads phonenumbers and python-stdnum when it first runs
        "wb.find_identifiers('Ring 07700 900123 about NHS number 943 476 5919 on 1 May 2020.')\n"
        f"os.setgroups([]); os.setgid({NOBODY}); os.setuid({NOBODY})\n"
    )
    return subprocess.run(
        [sys.executable, "-c", prelude + code, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def folder_for_another_user(mode_: int = 0o755):
    """A fresh folder under /tmp (reachable by nobody, unlike pytest's 0700 tmp_path), owned by nobody."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="wb-other-user-", dir="/tmp"))
    os.chown(folder, NOBODY, NOBODY)
    os.chmod(folder, mode_)
    return folder
