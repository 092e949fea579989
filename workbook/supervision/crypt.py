"""Passphrase encryption of a pack in the age format, so a supervisor can open it with age too.

``encrypt_file(src, dest, passphrase)`` and ``decrypt_file(src, dest, passphrase)`` use the
``pyrage`` package (age v1, scrypt passphrase recipient): a file made here opens with
``age -d`` and one made with ``age -p`` opens here. A wrong passphrase, a changed file or a
file that is not age-encrypted is a :class:`~workbook.errors.ValidationError` with one line
and nothing is written; the output is written atomically, mode 0600. The passphrase is used
and dropped: never stored, logged or shown in an error.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ValidationError
from ..files import atomic_write_bytes

__all__ = ["AGE_MAGIC", "MAX_BYTES", "decrypt_bytes", "decrypt_file", "encrypt_bytes", "encrypt_file"]

AGE_MAGIC = b"age-encryption.org/v1\n"
ARMOR_MAGIC = b"-----BEGIN AGE ENCRYPTED FILE-----"
MAX_BYTES = 200 * 1024 * 1024  # far more than any pack; a guard against reading a disk image


def _check_passphrase(passphrase: object) -> str:
    if not isinstance(passphrase, str):
        raise ValidationError("passphrase", f"must be text, not {type(passphrase).__name__}.")
    if not passphrase.strip():
        raise ValidationError("passphrase", "is empty; choose one and tell it to the supervisor another way.")
    return passphrase


def _read(src: str | os.PathLike[str]) -> bytes:
    path = Path(src)
    if not path.is_file():
        raise ValidationError("path", f"{path.name} is not a file.")
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError("path", f"{path.name} is larger than {MAX_BYTES} bytes.")
    return path.read_bytes()


def encrypt_bytes(data: bytes, passphrase: str) -> bytes:
    """``data`` encrypted for ``passphrase`` in the age format (binary, not armored)."""
    from pyrage import passphrase as age

    return age.encrypt(bytes(data), _check_passphrase(passphrase))


def decrypt_bytes(data: bytes, passphrase: str, *, name: str = "the file") -> bytes:
    """The plain bytes of age-encrypted ``data``; ValidationError if the passphrase is wrong,
    the data was changed, or it is not age-encrypted (``name`` says which file in the message)."""
    from pyrage import DecryptError
    from pyrage import passphrase as age

    passphrase = _check_passphrase(passphrase)
    if not (data.startswith(AGE_MAGIC) or data.lstrip().startswith(ARMOR_MAGIC)):
        raise ValidationError("path", f"{name} is not an age-encrypted file.")
    try:
        return age.decrypt(bytes(data), passphrase)
    except DecryptError:
        raise ValidationError(
            "passphrase",
            f"could not decrypt {name}: the passphrase is wrong, or the file was changed after it was encrypted.",
        ) from None


def encrypt_file(src: str | os.PathLike[str], dest: str | os.PathLike[str], passphrase: str) -> Path:
    """Encrypt the file ``src`` into ``dest`` (atomic, 0600); returns ``dest``."""
    if Path(src).resolve() == Path(dest).resolve():
        raise ValidationError("dest", "must differ from the file being encrypted.")
    return atomic_write_bytes(dest, encrypt_bytes(_read(src), passphrase))


def decrypt_file(src: str | os.PathLike[str], dest: str | os.PathLike[str], passphrase: str) -> Path:
    """Decrypt the age file ``src`` into ``dest`` (atomic, 0600; nothing written on any
    error); returns ``dest``."""
    if Path(src).resolve() == Path(dest).resolve():
        raise ValidationError("dest", "must differ from the encrypted file.")
    plain = decrypt_bytes(_read(src), passphrase, name=Path(src).name)
    return atomic_write_bytes(dest, plain)
