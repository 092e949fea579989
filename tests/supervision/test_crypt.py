"""age passphrase encryption: round trip, wrong passphrase, tampering, and interop with age."""

from __future__ import annotations

import os
import pty
import select
import shutil
import stat
import time
from pathlib import Path

import pytest

from workbook.errors import ValidationError
from workbook.supervision.crypt import decrypt_file, encrypt_file

PASSPHRASE = "correct horse battery staple"
PLAIN = b'{"cells": [], "note": "a pack"}\n'
AGE = shutil.which("age")
needs_age = pytest.mark.skipif(AGE is None, reason="Debian's age tool is not installed (.ci/run installs it)")


@pytest.fixture
def plain(tmp_path) -> Path:
    src = tmp_path / "pack.ipynb"
    src.write_bytes(PLAIN)
    return src


def test_round_trip_writes_private_files(plain, tmp_path):
    sealed = encrypt_file(plain, tmp_path / "pack.ipynb.age", PASSPHRASE)
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1\n") and PLAIN not in sealed.read_bytes()
    out = decrypt_file(sealed, tmp_path / "back.ipynb", PASSPHRASE)
    assert out.read_bytes() == PLAIN
    for path in (sealed, out):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_wrong_passphrase_writes_nothing_and_says_so_in_one_line(plain, tmp_path):
    sealed = encrypt_file(plain, tmp_path / "pack.age", PASSPHRASE)
    with pytest.raises(ValidationError, match="passphrase is wrong") as caught:
        decrypt_file(sealed, tmp_path / "back.ipynb", "not it")
    assert "\n" not in str(caught.value) and "not it" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.age", "pack.ipynb"]


@pytest.mark.parametrize("where", [-5, 120])  # the payload's tag; a header byte
def test_a_tampered_file_writes_nothing(plain, tmp_path, where):
    sealed = encrypt_file(plain, tmp_path / "pack.age", PASSPHRASE)
    data = bytearray(sealed.read_bytes())
    data[where] ^= 0x01
    sealed.write_bytes(bytes(data))
    existing = tmp_path / "back.ipynb"
    existing.write_bytes(b"earlier")
    with pytest.raises(ValidationError, match="changed after it was encrypted"):
        decrypt_file(sealed, existing, PASSPHRASE)
    assert existing.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["back.ipynb", "pack.age", "pack.ipynb"]


def test_a_file_that_is_not_age_is_refused(plain, tmp_path):
    with pytest.raises(ValidationError, match="not an age-encrypted file"):
        decrypt_file(plain, tmp_path / "out", PASSPHRASE)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("bad", ["", "   ", None, b"bytes"])
def test_an_empty_or_odd_passphrase_is_refused(plain, tmp_path, bad):
    with pytest.raises(ValidationError, match="passphrase"):
        encrypt_file(plain, tmp_path / "x.age", bad)
    assert not (tmp_path / "x.age").exists()


def _run_age_in_a_terminal(args: list[str], passphrase: str, times: int) -> int:
    """Run ``age`` with a pseudo-terminal as its controlling terminal (age reads passphrases
    from /dev/tty), typing ``passphrase`` at each of ``times`` prompts; its exit status."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its terminal is the pty
        os.execv(AGE, [AGE, *args])
    typed, seen, deadline = 0, b"", time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(fd, 1024)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
                if typed < times and seen.lower().count(b"passphrase") > typed:
                    os.write(fd, passphrase.encode() + b"\r")
                    typed += 1
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@needs_age
def test_a_pack_encrypted_here_opens_with_age(plain, tmp_path):
    sealed = encrypt_file(plain, tmp_path / "pack.age", PASSPHRASE)
    out = tmp_path / "by-age.ipynb"
    assert _run_age_in_a_terminal(["-d", "-o", str(out), str(sealed)], PASSPHRASE, 1) == 0
    assert out.read_bytes() == PLAIN


@needs_age
def test_a_pack_encrypted_by_age_opens_here(plain, tmp_path):
    sealed = tmp_path / "by-age.age"
    assert _run_age_in_a_terminal(["-p", "-o", str(sealed), str(plain)], PASSPHRASE, 2) == 0
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert decrypt_file(sealed, tmp_path / "back.ipynb", PASSPHRASE).read_bytes() == PLAIN
    with pytest.raises(ValidationError, match="passphrase is wrong"):
        decrypt_file(sealed, tmp_path / "again.ipynb", "wrong")
