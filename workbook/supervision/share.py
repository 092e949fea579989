"""Making a pack, from the choice to the files: wb.supervision_pack, the draft's answers and write_pack

The steps a form (or ``workbook share``) drives::

    draft = wb.supervision_pack(journal, flagged=True, questions=["How do I ..."])
    for finding in draft.unanswered():
        draft.context(finding)           # where it is, for the practitioner's eyes
        draft.answer(finding.id, "accept")  # or ("change", "Parent B"), or "dismiss"
    result = draft.write()               # or write_pack(draft, folder, html=True, ...)

:func:`write_pack` builds the pack (refused while a finding is unanswered), writes each file
into a private temporary folder, runs the leak check (``leaks.check_share``) on it and moves
it into place only when nothing is found, or when every finding is overridden by name
(``"KIND:PLACE"``, the place with or without the file name). An unsafe pack is refused with
:class:`UnsafePackError`, which lists the findings, and nothing is left behind. With a
passphrase the files are written age-encrypted (``.age`` added to the name), never in plain.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from .choice import PackChoice

__all__ = ["UnsafePackError", "WrittenPack", "override_key", "supervision_pack", "write_alone", "write_pack"]


class UnsafePackError(ValidationError):
    """The leak check found something in a pack, and it was not overridden; nothing was written."""

    def __init__(self, findings: list[Any]) -> None:
        self.findings = findings
        n = len(findings)
        listed = "; ".join(str(f) for f in findings[:5]) + ("; …" if n > 5 else "")
        super().__init__(
            "pack",
            f"the leak check found {n} thing{'s' if n != 1 else ''} that must not be shared, so nothing was "
            f"written: {listed}. Change the entries or your answers, or override each one by name.",
        )


@dataclass(frozen=True)
class WrittenPack:
    """What :func:`write_pack` wrote, and the leak findings it was told to let through."""

    paths: tuple[Path, ...]
    pack: Any = field(repr=False)
    overridden: tuple[Any, ...] = ()

    @property
    def notebook(self) -> Path | None:
        return next((p for p in self.paths if p.name.endswith((".ipynb", ".ipynb.age"))), None)


def supervision_pack(
    journal: Any, choice: PackChoice | None = None, *, decisions: Any = None, summary: bool = True, **fields: Any
) -> Any:
    """The draft of a supervision pack (``review.PackDraft``): the chosen entries, their
    shareable text and every identifier found in it, to answer before writing.

    ``choice`` is a ``PackChoice``, or give its fields here (``flagged=True``,
    ``since="2026-01-01"``, ``entry_ids=[...]``, ``parts=[...]``, ``questions=[...]``,
    ``role="peer"``). ``decisions`` answers findings at once: a mapping of finding id to
    ``"accept"`` / ``"dismiss"`` / ``("change", "words")``, a function of each finding, or
    ``"accept"`` for all. ``summary=False`` leaves out the period's patterns (for one entry
    alone, :func:`write_alone`). Then ``draft.write()`` writes the pack."""
    from .review import make_draft

    if choice is None:
        choice = PackChoice(**fields)
    elif fields:
        raise ValidationError("choice", "give a PackChoice or its fields, not both.")
    draft = make_draft(journal, choice, with_summary=summary)
    if decisions is not None:
        draft.answer_all(decisions)
    return draft


def override_key(finding: Any) -> str:
    """How a leak finding is named to override it: ``"KIND:PLACE"``."""
    return f"{finding.kind}:{finding.place}"


def _overridden(finding: Any, overrides: set[str], filename: str) -> bool:
    key = override_key(finding)
    short = key.replace(f":{filename} ", ":", 1)
    return key in overrides or short in overrides


def _check(path: Path, journal: Any, overrides: set[str], shown_name: str) -> tuple[list[Any], list[Any]]:
    from .leaks import check_share

    found = check_share(path, journal)
    let_through = [f for f in found if _overridden(f, overrides, shown_name)]
    return [f for f in found if f not in let_through], let_through


def write_pack(
    draft: Any,
    folder: str | os.PathLike[str] | None = None,
    *,
    notebook: bool = True,
    html: bool = True,
    overrides: Iterable[str] = (),
    passphrase: str | None = None,
    charts: bool = True,
    pack: Any = None,
) -> WrittenPack:
    """Build and write the pack of ``draft`` (see the module docstring). ``folder``: where
    (default ``paths.packs_dir()``, made 0700); files are 0600. Returns the paths written."""
    from ..files import atomic_write_bytes
    from .html import render_pack
    from .pack import build_pack, default_stem, notebook_of

    if not (notebook or html):
        raise ValidationError("format", "choose the notebook, the web page or both.")
    pack = pack or build_pack(draft, charts=charts)
    target = _folder(folder)
    stem = default_stem(pack)
    texts: list[tuple[str, str]] = []
    if notebook:
        from ..documents.notebook import render

        texts.append((f"{stem}.ipynb", render(notebook_of(pack))))
    if html:
        texts.append((f"{stem}.html", render_pack(pack)))
    return _checked_write(draft.journal, pack, target, texts, set(overrides), passphrase, atomic_write_bytes)


def write_alone(
    draft: Any,
    folder: str | os.PathLike[str] | None = None,
    *,
    fmt: str = "markdown",
    overrides: Iterable[str] = (),
    passphrase: str | None = None,
) -> WrittenPack:
    """Write the one entry of ``draft`` alone, de-identified, as Markdown (``fmt="markdown"``)
    or one offline page (``"html"``): for a portfolio or a peer. Checked like a pack."""
    from ..files import atomic_write_bytes
    from .pack import build_pack, entry_as_html, entry_as_markdown

    if fmt not in ("markdown", "html"):
        raise ValidationError("fmt", f"must be 'markdown' or 'html', not {fmt!r}.")
    if len(draft.entries) != 1:
        raise ValidationError("entry", f"choose exactly one entry to write it alone, not {len(draft.entries)}.")
    pack = build_pack(draft, charts=False)
    entry = pack.entries[0]
    name = f"entry-{entry.entry_id[:8]}-{pack.manifest['made_on']}" + (".md" if fmt == "markdown" else ".html")
    text = entry_as_markdown(pack) if fmt == "markdown" else entry_as_html(pack)
    target = _folder(folder)
    return _checked_write(draft.journal, pack, target, [(name, text)], set(overrides), passphrase, atomic_write_bytes)


def _folder(folder: str | os.PathLike[str] | None) -> Path:
    from ..files import output_folder
    from ..paths import packs_dir

    return output_folder(folder, packs_dir)
    target = Path(folder).expanduser()
    if not target.is_dir():
        raise ValidationError("folder", f"{target.name} is not a folder.")
    return target


def _checked_write(
    journal: Any,
    pack: Any,
    target: Path,
    texts: list[tuple[str, str]],
    overrides: set[str],
    passphrase: str | None,
    write_bytes: Any,
) -> WrittenPack:
    if passphrase is not None and not str(passphrase):
        raise ValidationError("passphrase", "an empty passphrase would protect nothing.")
    staging = Path(tempfile.mkdtemp(prefix=".pack-", dir=target))  # 0700, removed whatever happens
    try:
        unsafe: list[Any] = []
        let_through: list[Any] = []
        for name, text in texts:
            staged = staging / name
            staged.write_text(text, encoding="utf-8")
            os.chmod(staged, 0o600)
            bad, ok = _check(staged, journal, overrides, name)
            unsafe += bad
            let_through += ok
        if unsafe:
            raise UnsafePackError(unsafe)
        written = []
        for name, text in texts:
            data = text.encode("utf-8")
            if passphrase is not None:
                from .crypt import encrypt_bytes

                data, name = encrypt_bytes(data, passphrase), name + ".age"
            written.append(write_bytes(target / name, data))
        return WrittenPack(tuple(written), pack, tuple(let_through))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
