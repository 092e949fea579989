"""The two forms of notebook 07: the supervisor's view of a pack, and bringing the feedback back.

:class:`SupervisorView` is for the supervisor, who has only the pack (the ``.ipynb`` file, or
its ``.ipynb.age`` encrypted copy), no journal. It lists the packs in a folder, opens one
(decrypting it with the passphrase the practitioner gave), shows every cell of the pack as
safe HTML, and under each entry offers a box for feedback and a dropdown for the supervision
function it served (``models.FEEDBACK_FUNCTIONS``), with one box for the pack as a whole at
the end. **Save for return** writes the pack with each feedback cell filled in, everything
else unchanged (cells, metadata, manifest, seal), atomically and mode 0600, beside the
opened file as ``<stem>-feedback.ipynb`` (or ``.ipynb.age``, encrypted again with the same
passphrase).

Rendering is safe whatever the file holds: Markdown is rendered by mistune with raw HTML
escaped, links are shown as text (never followed), and the only images shown are the
pack's own charts (``data:image/svg+xml`` URIs, rebuilt here from their base64).

:class:`BringBackFeedback` is for the practitioner: it picks a returned file, shows what
``workbook.supervision.import_feedback`` would add (a dry run), and then adds it.

The passphrase is read from its box when it is needed and never kept: after a save for
return, or an import, the box is cleared. Feedback and entry text never appear in a status
line, an error or a repr.

CSS classes: ``wb-supervisor`` (the view), ``wb-supervisor-path``, ``wb-supervisor-found``,
``wb-supervisor-passphrase``, ``wb-supervisor-open``, ``wb-supervisor-look``, ``wb-supervisor-status``,
``wb-supervisor-pack``, ``wb-supervisor-cell``, ``wb-supervisor-feedback`` (each box; also
``wb-supervisor-feedback-general`` on the last), ``wb-supervisor-function``,
``wb-supervisor-save``, ``wb-supervisor-save-status``; ``wb-bring-back`` (the second form), ``wb-bring-back-path``,
``wb-bring-back-found``, ``wb-bring-back-look``, ``wb-bring-back-passphrase``, ``wb-bring-back-role``,
``wb-bring-back-date``, ``wb-bring-back-check``, ``wb-bring-back-add``,
``wb-bring-back-status``; ``wb-log``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..documents.markdown import pack_markdown_html
from ..errors import ValidationError, WorkbookError
from ..models import FEEDBACK_FUNCTION_LABELS, FEEDBACK_FUNCTIONS, FEEDBACK_ROLES
from ..paths import shown
from ._common import ERROR_STYLE, OK_STYLE, View, css, esc, full_width, note, plural, show

__all__ = ["BringBackFeedback", "SupervisorView", "feedback_source", "parse_feedback"]

PACK_SUFFIX = ".ipynb"
AGE_SUFFIX = ".ipynb.age"
RETURN_MARK = "-feedback"
MAX_PACK_BYTES = 50 * 1024 * 1024  # a pack with charts is well under a megabyte
_FUNCTION_LINE = re.compile(r"^\s*Function:\s*([A-Za-z ]+?)\s*$", re.IGNORECASE)
FUNCTION_OPTIONS = [("(not recorded)", ""), *((FEEDBACK_FUNCTION_LABELS[f], f) for f in FEEDBACK_FUNCTIONS)]
BOX_STYLE = "border-left:4px solid #8a6;padding:0.1em 0.8em;margin:0.4em 0;background:#fafcf7"


# -- reading and writing feedback cells ------------------------------------------------------------


def _placeholders() -> tuple[str, str]:
    from ..supervision.pack import FEEDBACK_PLACEHOLDER, GENERAL_FEEDBACK_PLACEHOLDER

    return FEEDBACK_PLACEHOLDER, GENERAL_FEEDBACK_PLACEHOLDER


def parse_feedback(source: str) -> tuple[str, str | None]:
    """A feedback cell's text and function: ``("", None)`` for a placeholder or an empty
    cell; a first line ``Function: educational`` (a known function) is taken off the text."""
    text = source.strip()
    if not text or text in _placeholders():
        return "", None
    first, _, rest = text.partition("\n")
    found = _FUNCTION_LINE.match(first)
    if found and found.group(1).strip().casefold() in FEEDBACK_FUNCTIONS:
        return rest.strip(), found.group(1).strip().casefold()
    return text, None


def feedback_source(text: str, function: str | None, *, general: bool) -> str:
    """A feedback cell's new source: ``Function: X`` and a blank line if a function is
    chosen, then the text; the placeholder when nothing was written."""
    text = text.strip()
    if function and function not in FEEDBACK_FUNCTIONS:
        raise ValidationError("function", f"must be one of {', '.join(FEEDBACK_FUNCTIONS)}.")
    if not text:
        if function:
            raise ValidationError("feedback", "a supervision function is chosen but no feedback is written with it.")
        entry, whole = _placeholders()
        return whole if general else entry
    return f"Function: {function}\n\n{text}" if function else text


def _part(cell: Any) -> dict[str, Any]:
    meta = cell.get("metadata", {}).get("workbook_pack")
    return meta if isinstance(meta, dict) else {}


def returned_path(opened: Path) -> Path:
    """Where the feedback on ``opened`` is saved: ``<stem>-feedback.ipynb`` (or ``.ipynb.age``)
    beside it; a file that is already a returned one is saved over."""
    suffix = AGE_SUFFIX if opened.name.endswith(AGE_SUFFIX) else PACK_SUFFIX
    stem = opened.name[: -len(suffix)] if opened.name.endswith(suffix) else opened.stem
    if stem.endswith(RETURN_MARK):
        return opened
    return opened.with_name(f"{stem}{RETURN_MARK}{suffix}")


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise ValidationError("path", f"there is no file at {shown(path)}.")
    if path.stat().st_size > MAX_PACK_BYTES:
        raise ValidationError("path", f"{path.name} is too large to be a supervision pack.")
    return path.read_bytes()


def _is_age(path: Path) -> bool:
    return path.name.endswith(".age")


def read_pack(path: Path, passphrase: str | None) -> Any:
    """The pack notebook at ``path`` (decrypted in memory first if it is an ``.age`` file),
    checked to be a pack with cells for feedback (``supervision.feedback.open_pack``)."""
    from ..supervision.feedback import open_pack

    if _is_age(path) and not passphrase:
        raise ValidationError("passphrase", f"{path.name} is encrypted: type the passphrase you were given.")
    nb = open_pack(_read_bytes(path), passphrase=passphrase, name=path.name)
    if not any(_part(c).get("part") == "feedback" for c in nb.cells):
        raise ValidationError("path", f"{path.name} has no cells for feedback.")
    return nb


def find_packs(folder: Path, *, returned: bool | None = None) -> list[Path]:
    """Pack files in ``folder``: ``*.ipynb`` whose metadata holds ``workbook_pack``, and
    ``*.ipynb.age``. ``returned`` True: only ``*-feedback`` files; False: none of them."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if not path.is_file() or name.startswith("."):
            continue
        if name.endswith(AGE_SUFFIX):
            stem = name[: -len(AGE_SUFFIX)]
        elif name.endswith(PACK_SUFFIX) and _has_pack_metadata(path):
            stem = name[: -len(PACK_SUFFIX)]
        else:
            continue
        if returned is None or stem.endswith(RETURN_MARK) == returned:
            found.append(path)
    return found


def _has_pack_metadata(path: Path) -> bool:
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            return False
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("metadata", {}).get("workbook_pack"), dict)


def _written_feedback(nb: Any) -> dict[int, tuple[str, str | None]]:
    """The feedback already in a pack's cells, by cell, read as the practitioner's import will
    read it (``supervision.feedback.read_feedback``: a prompt line left above it dropped, a
    ``**Function:** X`` line typed in JupyterLab recognised). If that refuses the notebook (a
    Function line naming no known function), each cell is read by :func:`parse_feedback`."""
    from ..supervision.feedback import read_feedback

    try:
        items = read_feedback(nb).items
    except ValidationError:
        return {}
    return {item.cell: (item.text, item.function) for item in items}


# -- the supervisor's view ---------------------------------------------------------------------------


@dataclass
class _Box:
    """One feedback cell's place in the view: its index in the notebook and its two fields."""

    cell: int
    entry_id: str | None
    text: w.Textarea
    function: w.Dropdown


def _resolve(folder: Path, typed: str) -> Path:
    path = Path(typed.strip()).expanduser()
    return path if path.is_absolute() else folder / path


def _status(label: w.HTML, message: str, *, ok: bool = True) -> None:
    if ok:
        label.value = f"<span style='{OK_STYLE}' role='status'>{esc(message)}</span>"
    else:
        label.value = f"<span style='{ERROR_STYLE}' role='alert'>⚠ {esc(message)}</span>"


def _reason(exc: WorkbookError) -> str:
    text = exc.reason if isinstance(exc, ValidationError) else str(exc)
    first = text.split(" ", 1)[0]
    return text if "." in first or "-" in first else text[:1].upper() + text[1:]  # a file name stays as it is


class SupervisorView(View):
    """For the supervisor: open a pack, read it, write feedback, save it for return.

    Parameters
    ----------
    folder
        Where packs are looked for, and where a typed name that is not a full path is found
        (default: the current folder).
    """

    def __init__(self, folder: Any = None) -> None:
        self.folder = Path(folder).expanduser() if folder is not None else Path.cwd()
        self.notebook: Any = None
        self.opened: Path | None = None
        self.boxes: list[_Box] = []

        self.path = css(
            w.Text(
                description="Pack file",
                placeholder="The pack's file name, or its full path",
                continuous_update=False,
                layout=w.Layout(width="60%"),
            ),
            "wb-supervisor-path",
        )
        self.found = css(w.Dropdown(description="Found here", layout=w.Layout(width="60%")), "wb-supervisor-found")
        self.found.observe(self._picked, "value")
        self.path.observe(self._path_changed, "value")
        self.passphrase = css(
            w.Password(description="Passphrase", placeholder="Only for an encrypted (.age) file"),
            "wb-supervisor-passphrase",
        )
        self.open_button = css(w.Button(description="Open", button_style="primary"), "wb-supervisor-open")
        self.look_button = css(
            w.Button(description="Look again", tooltip="List the packs in the folder again"), "wb-supervisor-look"
        )
        self.status = css(w.HTML(""), "wb-supervisor-status")
        self.pack_box = css(w.VBox([]), "wb-supervisor-pack")
        self.save_button = css(
            w.Button(description="Save for return", button_style="success", layout=w.Layout(width="auto")),
            "wb-supervisor-save",
        )
        self.save_status = css(w.HTML(""), "wb-supervisor-save-status")
        self.log = css(w.Output(), "wb-log")
        self.open_button.on_click(self._guard(self.open))
        self.look_button.on_click(self._guard(self.look))
        self.save_button.on_click(self._guard(self.save))
        self.saving = w.VBox([self.save_button, self.save_status])
        show(self.saving, False)
        self.widget = css(
            w.VBox(
                [
                    note(
                        "Open the pack the practitioner sent you. If it is an encrypted file (ending .age), type the "
                        "passphrase they gave you; it is used to open the file and to encrypt your reply, and is never saved."
                    ),
                    self.found,
                    self.path,
                    w.HBox([self.passphrase, self.open_button, self.look_button]),
                    self.status,
                    self.pack_box,
                    self.saving,
                    self.log,
                ]
            ),
            "wb-supervisor",
        )
        self.look()

    def _on_fault(self) -> None:
        _status(
            self.save_status,
            "Something went wrong (the details are below). Your feedback is still in the boxes; "
            "copy it somewhere safe before you close this page.",
            ok=False,
        )

    # -- choosing the file
    def look(self) -> None:
        """List the pack files in the folder again."""
        packs = find_packs(self.folder)
        options = [(f"(choose one of {plural(len(packs), 'pack')} found)" if packs else "(no pack found here)", "")]
        self.found.options = options + [(p.name, p.name) for p in packs]
        self.found.value = ""

    def _picked(self, change: Any) -> None:
        if change["new"]:
            self.path.value = change["new"]

    def _path_changed(self, _: Any) -> None:
        self.passphrase.disabled = False  # another file: the passphrase may be another one

    # -- opening
    def open(self, path: Any = None) -> bool:
        """Open the pack named in the path box (or ``path``); True if it opened."""
        typed = str(path) if path is not None else (self.path.value or self.found.value)
        if not typed.strip():
            _status(self.status, "Choose a pack from the list, or type its file name.", ok=False)
            return False
        target = _resolve(self.folder, typed)
        self.passphrase.disabled = False
        try:
            nb = read_pack(target, self.passphrase.value or None)
        except WorkbookError as exc:
            _status(self.status, _reason(exc), ok=False)
            return False
        self.notebook, self.opened = nb, target
        # The passphrase that opened the file stays in its box, locked, until the reply is
        # encrypted with it; it is never copied anywhere else.
        self.passphrase.disabled = _is_age(target)
        self._show_pack(nb)
        written = sum(1 for b in self.boxes if b.text.value.strip())
        n = sum(1 for b in self.boxes if b.entry_id is not None)
        already = (
            f" Feedback already written in {plural(written, 'box', 'boxes')} is shown in its box." if written else ""
        )
        _status(
            self.status,
            f"Opened {target.name}: {plural(n, 'entry', 'entries')}. Write your feedback in the boxes under the "
            f"entries, then press Save for return.{already}",
        )
        self.save_status.value = ""
        return True

    def _show_pack(self, nb: Any) -> None:
        rows: list[w.Widget] = []
        self.boxes = []
        entries = 0
        written = _written_feedback(nb)
        for index, cell in enumerate(nb.cells):
            part = _part(cell)
            if part.get("part") != "feedback":
                rendered = (
                    pack_markdown_html(cell.source)
                    if cell.cell_type == "markdown"
                    else f"<pre>{esc(cell.source)}</pre>"
                )
                rows.append(css(w.HTML(rendered, layout=full_width()), "wb-supervisor-cell"))
                continue
            entry_id = part.get("entry_id")
            general = entry_id is None
            entries += not general
            text, function = written[index] if index in written else parse_feedback(cell.source)
            area = css(
                w.Textarea(
                    value=text,
                    placeholder="Your feedback on the pack as a whole" if general else "Your feedback on this entry",
                    rows=5,
                    layout=full_width(),
                ),
                "wb-supervisor-feedback",
                *(["wb-supervisor-feedback-general"] if general else []),
            )
            dropdown = css(
                w.Dropdown(
                    options=FUNCTION_OPTIONS,
                    value=function or "",
                    description="Function",
                    layout=full_width(),
                    style={"description_width": "initial"},
                ),
                "wb-supervisor-function",
            )
            label = "Your feedback on the pack as a whole" if general else f"Your feedback on entry {entries}"
            rows.append(
                w.VBox(
                    [
                        w.HTML(f"<div style='{BOX_STYLE}'><b>{esc(label)}</b></div>"),
                        area,
                        dropdown,
                        note("The supervision function this feedback served, if you want to record it."),
                    ]
                )
            )
            self.boxes.append(_Box(index, entry_id, area, dropdown))
        self.pack_box.children = rows
        show(self.saving, True)

    # -- saving
    def save(self) -> Path | None:
        """Write the pack with the feedback filled in, beside the opened file; the path, or None."""
        import copy

        from ..documents.notebook import render
        from ..files import atomic_text_file, atomic_write_bytes

        if self.notebook is None or self.opened is None:
            _status(self.save_status, "Open a pack first.", ok=False)
            return None
        nb = copy.deepcopy(self.notebook)
        try:
            for n, box in enumerate(self.boxes, 1):
                try:
                    nb.cells[box.cell].source = feedback_source(
                        box.text.value, box.function.value or None, general=box.entry_id is None
                    )
                except ValidationError as exc:
                    where = "the pack as a whole" if box.entry_id is None else f"entry {n}"
                    raise ValidationError("feedback", f"{exc.reason} (in the box for {where})") from None
            text = render(nb)
            dest = returned_path(self.opened)
            if _is_age(self.opened):
                dest = self._save_encrypted(text, dest, atomic_write_bytes)
            else:
                with atomic_text_file(dest) as handle:
                    handle.write(text)
        except WorkbookError as exc:
            _status(self.save_status, _reason(exc), ok=False)
            return None
        self.notebook = nb
        written = sum(1 for b in self.boxes if b.text.value.strip())
        _status(
            self.save_status,
            f"Saved for return, with feedback in {plural(written, 'box', 'boxes')}: {shown(dest)}. "
            "Send this file back to the practitioner the way you agreed, and delete your copies when you no longer need them.",
        )
        return dest

    def _save_encrypted(self, text: str, dest: Path, write: Any) -> Path:
        from ..supervision.crypt import decrypt_bytes, encrypt_bytes

        assert self.opened is not None
        passphrase = self.passphrase.value
        if not passphrase:
            raise ValidationError(
                "passphrase", "type the passphrase again: your feedback is encrypted with it before it is saved."
            )
        if not self.passphrase.disabled:  # typed again: it must be the pack's, so the practitioner can open the reply
            decrypt_bytes(_read_bytes(self.opened), passphrase, name=self.opened.name)
        write(dest, encrypt_bytes(text.encode("utf-8"), passphrase))
        self.passphrase.value = ""
        self.passphrase.disabled = False
        return dest


# -- bringing the feedback back ------------------------------------------------------------------


def _returned_files(folders: list[Path]) -> list[Path]:
    seen: dict[Path, Path] = {}
    for folder in folders:
        for path in find_packs(folder, returned=True):
            seen.setdefault(path.resolve(), path)
    return list(seen.values())


class BringBackFeedback(View):
    """For the practitioner: bring a returned pack's feedback into the journal.

    **Check** reads the returned file (decrypting an ``.age`` file in memory with the
    passphrase, which is then cleared) and shows what ``import_feedback`` would add, as
    counts; **Add to my journal** adds exactly what was checked, in one write.

    Parameters
    ----------
    journal
        The journal the pack was made from (``wb.open_journal()`` gives one).
    folders
        Where returned files are looked for (default: the private packs folder,
        ``paths.packs_dir()``, and the current folder).
    today
        The date offered for when the feedback was given.
    """

    def __init__(self, journal: Any, *, folders: list[Any] | None = None, today: dt.date | None = None) -> None:
        from ..paths import packs_dir

        self.journal = journal
        self.folders = [Path(f).expanduser() for f in folders] if folders is not None else [packs_dir(), Path.cwd()]
        self._checked: bytes | None = None  # the returned notebook, decrypted, between Check and Add

        self.found = css(w.Dropdown(description="Returned", layout=w.Layout(width="70%")), "wb-bring-back-found")
        self.found.observe(self._picked, "value")
        self.path = css(
            w.Text(
                description="File",
                placeholder="The returned file (…-feedback.ipynb or …-feedback.ipynb.age)",
                continuous_update=False,
                layout=w.Layout(width="70%"),
            ),
            "wb-bring-back-path",
        )
        self.passphrase = css(
            w.Password(description="Passphrase", placeholder="Only for an encrypted (.age) file"),
            "wb-bring-back-passphrase",
        )
        self.role = css(
            w.Dropdown(
                options=[("(as the pack says)", ""), *((r, r) for r in FEEDBACK_ROLES)], value="", description="From a"
            ),
            "wb-bring-back-role",
        )
        self.date = css(w.DatePicker(description="Given on", value=today or dt.date.today()), "wb-bring-back-date")
        self.check_button = css(w.Button(description="Check", button_style="primary"), "wb-bring-back-check")
        self.add_button = css(
            w.Button(
                description="Add to my journal", button_style="success", disabled=True, layout=w.Layout(width="auto")
            ),
            "wb-bring-back-add",
        )
        self.look_button = css(
            w.Button(description="Look again", tooltip="List the returned files again"), "wb-bring-back-look"
        )
        self.status = css(w.HTML(""), "wb-bring-back-status")
        self.log = css(w.Output(), "wb-log")
        for field in (self.path, self.passphrase):  # the role and date may change after a check
            field.observe(self._changed, "value")
        self.check_button.on_click(self._guard(self.check))
        self.add_button.on_click(self._guard(self.add))
        self.look_button.on_click(self._guard(self.look))
        self.widget = css(
            w.VBox(
                [
                    note(
                        "Choose the file your supervisor sent back. Check shows how many comments it would add to "
                        "which entries, without changing anything; then Add to my journal adds them."
                    ),
                    w.HBox([self.found, self.look_button]),
                    self.path,
                    self.passphrase,
                    w.HBox([self.role, self.date]),
                    w.HBox([self.check_button, self.add_button]),
                    self.status,
                    self.log,
                ]
            ),
            "wb-bring-back",
        )
        self.look()

    def look(self) -> None:
        """List the returned files in the folders again."""
        files = _returned_files(self.folders)
        first = f"(choose one of {plural(len(files), 'returned file')} found)" if files else "(no returned file found)"
        self.found.options = [(first, ""), *((f"{p.name} (in {shown(p.parent)})", shown(p)) for p in files)]
        self.found.value = ""

    def _picked(self, change: Any) -> None:
        if change["new"]:
            self.path.value = change["new"]

    def _changed(self, change: Any) -> None:
        if change["owner"] is self.passphrase and not change["new"]:
            return  # the passphrase cleared after use
        self._checked = None  # what was checked no longer matches what is chosen
        self.add_button.disabled = True

    def _options(self) -> dict[str, Any]:
        return {"role": self.role.value or None, "given_on": self.date.value}

    def check(self) -> Any:
        """The dry run: what the chosen file would add (a FeedbackImport), or None if refused."""
        from ..supervision.crypt import decrypt_bytes
        from ..supervision.feedback import import_feedback

        self._checked = None
        self.add_button.disabled = True
        typed = self.path.value or self.found.value
        if not typed.strip():
            _status(self.status, "Choose the returned file from the list, or type where it is.", ok=False)
            return None
        path = _resolve(Path.cwd(), typed)
        try:
            data = _read_bytes(path)
            if _is_age(path):
                if not self.passphrase.value:
                    raise ValidationError("passphrase", f"{path.name} is encrypted: type the passphrase of the pack.")
                data = decrypt_bytes(data, self.passphrase.value, name=path.name)
            result = import_feedback(self.journal, data, dry_run=True, **self._options())
        except WorkbookError as exc:
            _status(self.status, _reason(exc), ok=False)
            return None
        finally:
            if _is_age(path) and self.passphrase.value:
                self.passphrase.value = ""  # used and dropped (this also clears what was checked: set below)
        self._checked = data
        general = (
            " Feedback on the pack as a whole is added to each of its entries, starting “On the pack as a whole”."
            if result.general
            else ""
        )
        ready = " Press Add to my journal to add them." if result.added else ""
        _status(self.status, f"{result}{general}{ready}")
        self.add_button.disabled = not result.added
        return result

    def add(self) -> Any:
        """Add what was checked to the journal (a FeedbackImport), or None if refused."""
        from ..supervision.feedback import import_feedback

        if self._checked is None:
            _status(self.status, "Press Check first, to see what the file adds.", ok=False)
            return None
        try:
            result = import_feedback(self.journal, self._checked, **self._options())
        except WorkbookError as exc:
            _status(self.status, _reason(exc), ok=False)
            return None
        self._checked = None
        self.add_button.disabled = True
        _status(self.status, f"{result} You can read it with each entry in notebook 04 (Review and revise).")
        return result
