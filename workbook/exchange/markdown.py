"""A folder of Markdown files: one file per entry, to read in any editor or in Obsidian, and
to bring back in without losing anything; and a reader for a folder of someone's own notes.

:func:`export_markdown` writes a folder holding one ``.md`` file per entry (the trash in a
``trash/`` folder inside it), named ``<date>-<title words>-<first 8 of the id>.md``. Each
file starts with YAML front matter holding every field of ``Entry.to_dict()`` but the texts,
then the narrative, then each stage answer under a ``## <stage title>`` heading. A line
``<!-- workbook:narrative -->``, ``<!-- workbook:stage <id> -->`` or ``<!-- workbook:end -->``
marks where each text begins and ends (Markdown viewers hide them). A line of the text that
itself starts with ``<!-- workbook:`` (after any backslashes) is written with one more
backslash in front, and read back with one fewer, so any text an entry may hold comes back
exactly. ``workbook.json`` holds the rest of the journal as the JSON export has it (the
people register with each person's alias count, your own tags, the earlier versions of each
entry, the CPD records) and the list of entry files, and ``README.md`` says what the folder
is and that it holds private text. The folder is written whole or not at all: into a
private temporary folder beside the target (0700, files 0600), each file fsync'ed, then
renamed into place.

:func:`read_markdown` reads such a folder back into the export document
(``plan.import_document(journal, doc, skip_existing=True)`` restores it), or a folder of
someone's own notes into an :class:`incoming.SourceRead` (one entry per ``.md`` file: date
from the front matter's ``date``/``created`` or from a ``YYYY-MM-DD`` in the file name, title
from ``title``, the first heading or the file name, tags from ``tags``). YAML is read with
the safe loader only, and aliases (``*name``) are refused; symbolic links are not followed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import stat
import tempfile
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..content.vocab import slugify
from ..errors import ValidationError
from ..files import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, fsync_dir, my_uid
from ..models import ENTRY_FIELDS, SYSTEM_FIELDS
from ..validate import TITLE_MAX, safe_name
from . import native
from .incoming import RowProblem, SourceEntry, SourceRead, title_from

if TYPE_CHECKING:
    from ..journal import Journal
    from ..models import Entry

#: The folder layout's own name and version (the journal's document inside has its own).
FORMAT = "reflective-workbook-markdown-folder"
FORMAT_VERSION = 1
MANIFEST = "workbook.json"
README = "README.md"
TRASH = "trash"
MANIFEST_KEYS = (
    "format",
    "format_version",
    "journal_format",
    "journal_format_version",
    "exported_at",
    "people",
    "custom_tags",
    "entry_files",
    "revisions",
    "cpd_records",
)
#: A note of one's own larger than this is refused (an entry's narrative is at most 100,000 characters).
NOTE_MAX_BYTES = 1_000_000
#: A file this folder format wrote may be larger (stage answers and feedback add to the narrative).
ENTRY_FILE_MAX_BYTES = 32_000_000
MANIFEST_MAX_BYTES = 1_000_000_000
#: A folder of notes with more files than this (sub-folders included) is refused.
FILES_MAX = 20_000
SLUG_MAX = 60
#: Front matter fields: every field of ``Entry.to_dict()`` but the texts kept in the body.
BODY_FIELDS = ("narrative", "responses")
ALL_FIELDS = (*ENTRY_FIELDS, *SYSTEM_FIELDS)
FRONT_FIELDS = tuple(f for f in ALL_FIELDS if f not in BODY_FIELDS)

_MARK = "<!-- workbook:"
_MARKER = re.compile(r"^<!-- workbook:(narrative|end|stage [^\s]+) -->$", re.MULTILINE)
_TO_ESCAPE = re.compile(r"^(\\*<!-- workbook:)", re.MULTILINE)
_TO_UNESCAPE = re.compile(r"^\\(\\*<!-- workbook:)", re.MULTILINE)
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_DATE_IN_TEXT = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_OWN_FILE = re.compile(rf"(?:{TRASH}/)?[A-Za-z0-9][A-Za-z0-9._-]{{0,200}}\.md")

README_TEXT = """\
# A Reflective Workbook journal, as Markdown files

This folder is a copy of a Reflective Workbook journal, made on {made}. It holds
**private text**: your reflections on real work, with the pseudonyms of the people in them.
Keep it as safe as the journal itself. Do not put it in a shared folder or one that is
copied to a service you do not control, and delete it when you no longer need it.

* Each entry is one Markdown file, named by its date, the first words of its title and the
  start of its id. The entry's details (date, people, tags, outcome, action points,
  feedback...) are at the top of the file, between two `---` lines; its text follows.
  Entries you had put in the trash are in the `trash` folder.
* `workbook.json` holds the rest of the journal: the earlier versions of each entry, the
  people register (pseudonyms and roles only: the real names you recorded as aliases are
  not in this folder), your own tags and your CPD and revalidation records.
* Lines such as `<!-- workbook:stage description -->` mark where each part of an entry
  begins and ends. Markdown viewers hide them. Leave them as they are if you may want to
  bring this folder back into Reflective Workbook, which restores everything in it. Notes
  you add to the folder yourself are not brought back with it.

You can read the files in any text editor, or open the folder as a vault in Obsidian.
"""


# -- writing -----------------------------------------------------------------------------------
def _escape(text: str) -> str:
    """One more backslash before each line that starts (after backslashes) with a marker's start."""
    return _TO_ESCAPE.sub(r"\\\1", text)


def _unescape(text: str) -> str:
    return _TO_UNESCAPE.sub(r"\1", text)


def _stage_title(journal: Journal, template: str | None, stage_id: str) -> str:
    try:
        title = journal.templates()[template].stage(stage_id).title  # type: ignore[index]
    except (KeyError, TypeError):
        title = stage_id
    return " ".join(title.split()) or stage_id


def entry_text(entry: Entry, stage_title: Callable[[str | None, str], str]) -> str:
    """The Markdown file for one entry: front matter, the narrative, each stage answer."""
    data = entry.to_dict()
    front = {key: data[key] for key in FRONT_FIELDS}
    parts = [
        "---\n",
        yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=2**30),
        "---\n\n",
        f"# {entry.title}\n\n",
        f"{_MARK}narrative -->\n",
        _escape(entry.narrative),
        "\n",
    ]
    for stage_id, answer in entry.responses.items():
        parts += [
            f"{_MARK}stage {urllib.parse.quote(stage_id, safe='')} -->\n",
            f"## {stage_title(entry.template, stage_id)}\n\n",
            _escape(answer),
            "\n",
        ]
    parts.append(f"{_MARK}end -->\n")
    return "".join(parts)


def file_name(entry: Entry, taken: set[str]) -> str:
    """``<date>-<title words>-<first 8 of the id>.md``, safe on any file system and not one
    already ``taken`` (compared without case); the whole id is used if the short one clashes."""
    words = slugify(entry.title)[:SLUG_MAX].rstrip("-")
    short = re.sub(r"[^a-z0-9-]", "", entry.id.lower())
    for ident in (short[:8], short, f"{short}-{len(taken)}"):
        name = "-".join(p for p in (entry.occurred_on.isoformat(), words, ident) if p) + ".md"
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return name
    raise AssertionError("unreachable: the count makes the last name new")


def _write_private(path: Path, text: str) -> None:
    """A new file, mode 0600, written and fsync'ed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        os.chmod(path, PRIVATE_FILE_MODE)
        handle.write(text.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())


def _write_manifest(journal: Journal, path: Path, files: list[str]) -> None:
    head = native._head(journal)
    head.pop("format")
    head.pop("format_version")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        os.chmod(path, PRIVATE_FILE_MODE)
        write = out.write
        write("{\n")
        start = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "journal_format": native.FORMAT,
            "journal_format_version": native.FORMAT_VERSION,
            **head,
        }
        for key, value in start.items():
            write(f"{native._dumps(key)}: {native._dumps(value)},\n")
        write('"entry_files": [' + ",".join("\n" + native._dumps(f) for f in files) + "\n],\n")
        native._write_revisions(journal, write)
        native._write_records(journal, write)
        write("}\n")
        out.flush()
        os.fsync(out.fileno())


def _write_folder(journal: Journal, folder: Path) -> int:
    trash = folder / TRASH
    trash.mkdir(mode=PRIVATE_DIR_MODE)
    os.chmod(trash, PRIVATE_DIR_MODE)
    ids = native.all_ids(journal, include_trash=True)
    taken: dict[bool, set[str]] = {False: {README.lower(), MANIFEST.lower()}, True: set()}
    files: list[str] = []

    def stage_title(template: str | None, stage_id: str) -> str:
        return _stage_title(journal, template, stage_id)

    for entry in native.iter_entries(journal, ids):
        name = file_name(entry, taken[entry.in_trash])
        _write_private((trash if entry.in_trash else folder) / name, entry_text(entry, stage_title))
        files.append(f"{TRASH}/{name}" if entry.in_trash else name)
    _write_manifest(journal, folder / MANIFEST, files)
    _write_private(folder / README, README_TEXT.format(made=f"{dt.date.today():%d %B %Y}".lstrip("0")))
    fsync_dir(trash)
    fsync_dir(folder)
    return len(ids)


def _temp_name(target: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(target.name)}\.(\d+)-[A-Za-z0-9_]{{8}}\.tmp")


def _remove_stale_folders(target: Path) -> None:
    """Remove temporary folders an earlier, killed export to ``target`` left (yours, whose process is gone)."""
    if os.name == "nt":  # no signal 0 there to ask whether a process runs
        return
    pattern = _temp_name(target)
    with contextlib.suppress(OSError):
        for item in os.scandir(target.parent):
            match = pattern.fullmatch(item.name)
            if not match or int(match.group(1)) == os.getpid():
                continue
            info = item.stat(follow_symlinks=False)
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != my_uid():
                continue
            try:
                os.kill(int(match.group(1)), 0)
            except ProcessLookupError:
                shutil.rmtree(item.path, ignore_errors=True)
            except OSError:
                continue


def _check_target(target: Path) -> None:
    if os.path.islink(target):
        raise ValidationError("output", f"{target} is a symbolic link; give a new folder to write.")
    if target.exists():
        if not target.is_dir():
            raise ValidationError("output", f"{target} is a file; give a new or empty folder to write.")
        if any(target.iterdir()):
            raise ValidationError("output", f"the folder {target} is not empty; give a new or empty folder.")
    if not target.parent.is_dir():
        raise ValidationError("output", f"the folder {target.parent} does not exist.")


def _publish(tmp: Path, target: Path) -> None:
    """Rename the finished folder into place (over an empty folder, never over anything else)."""
    try:
        os.rename(tmp, target)
    except OSError:
        if target.is_dir() and not target.is_symlink() and not any(target.iterdir()):
            target.rmdir()  # where a rename cannot replace an empty folder (Windows)
            os.rename(tmp, target)
        else:
            raise ValidationError(
                "output", f"{target} appeared while the folder was written; nothing was replaced."
            ) from None
    fsync_dir(target.parent)


def export_markdown(journal: Journal, folder: Path) -> int:
    """Write the whole journal as a folder of Markdown files; returns the number of entries.

    Lossless like the JSON export (the trash in ``trash/``, earlier versions, people with
    their alias count, your own tags and CPD records in ``workbook.json``; aliases never
    leave the journal). ``folder`` must not exist or be empty (ValidationError on
    ``output`` otherwise). Written in a private temporary folder beside it, then renamed
    into place, so an error part-way leaves neither ``folder`` nor the temporary folder."""
    target = Path(folder).expanduser()
    _check_target(target)
    _remove_stale_folders(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent))
    try:
        os.chmod(tmp, PRIVATE_DIR_MODE)
        with journal.read_snapshot():
            count = _write_folder(journal, tmp)
        _publish(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return count


# -- reading: YAML and files -------------------------------------------------------------------
class _AliasRefused(yaml.MarkedYAMLError):
    pass


class _SafeNoAliasLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases (``*name``), which can make a small file expand."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(problem_mark=self.peek_event().start_mark)
        return super().compose_node(parent, index)


def load_front_matter(text: str) -> Any:
    """Parse front matter with the safe loader (no aliases); a ValueError with a short reason
    (the line in the file, never the text) if it cannot be read."""
    loader = _SafeNoAliasLoader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 2}" if mark is not None else ""  # the file's line (after '---')
        if isinstance(exc, _AliasRefused):
            reason = f"its front matter uses an alias (*name){where}, which is not allowed"
        elif isinstance(exc, yaml.constructor.ConstructorError):
            reason = f"its front matter uses a '!' tag{where}, which is not allowed"
        else:
            reason = f"its front matter is not valid YAML{where}"
        raise ValueError(reason) from None
    except RecursionError:
        raise ValueError("its front matter nests too deeply") from None
    except Exception:  # a value the safe loader's own conversions refuse (a date of 30 February)
        raise ValueError(
            "its front matter holds a value that is not valid YAML (such as a date that does not exist)"
        ) from None
    finally:
        loader.dispose()


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(the front matter's YAML or None, the body)."""
    match = _FRONT.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end() :]


def _read_file(path: Path, limit: int) -> str:
    """A regular file's text (not through a symbolic link), at most ``limit`` bytes; ValueError if not."""
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("is not a plain file (a link or a folder)")
    if info.st_size > limit:
        raise ValueError(f"is larger than {limit // 1_000_000:,} MB")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise ValueError(f"is larger than {limit // 1_000_000:,} MB")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (byte {exc.start})") from None


# -- reading the workbook's own folder ----------------------------------------------------------
def _plain_value(value: Any) -> Any:
    """A date or time an editor wrote without quotes, back as the ISO text the export wrote."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def parse_entry_text(text: str) -> dict[str, Any]:
    """An entry file's text back into ``Entry.to_dict()``; ValueError with a reason if it is not one."""
    front, body = split_front_matter(text)
    if front is None:
        raise ValueError("has no front matter (the lines between two '---' at the top)")
    meta = load_front_matter(front)
    if not isinstance(meta, Mapping):
        raise ValueError("its front matter is not a list of fields")
    for key in meta:
        if key not in FRONT_FIELDS:
            raise ValueError(f"its front matter has {safe_name(key)}, which is not a field of an entry")
    narrative, responses = _sections(body)
    data: dict[str, Any] = {}
    for key in ALL_FIELDS:
        if key == "narrative":
            data[key] = narrative
        elif key == "responses":
            data[key] = responses
        elif key in meta:
            data[key] = _plain_value(meta[key])
    return data


def _sections(body: str) -> tuple[str, dict[str, str]]:
    """The narrative and the stage answers between the markers, exactly as they were written."""
    marks = list(_MARKER.finditer(body))
    kinds = [m.group(1) for m in marks]
    if not kinds or kinds[0] != "narrative" or kinds[-1] != "end" or "end" in kinds[:-1] or "narrative" in kinds[1:]:
        raise ValueError("its '<!-- workbook: -->' lines are missing or out of order")
    narrative = ""
    responses: dict[str, str] = {}
    for mark, following in zip(marks, marks[1:], strict=False):
        content = body[mark.end() + 1 : following.start()]
        if not content.endswith("\n"):
            raise ValueError("a text does not end before its next '<!-- workbook: -->' line")
        content = content[:-1]
        if mark.group(1) == "narrative":
            narrative = _unescape(content)
            continue
        stage_id = urllib.parse.unquote(mark.group(1)[len("stage ") :])
        heading, sep, rest = content.partition("\n")
        if not heading.startswith("## ") or not sep or not rest.startswith("\n"):
            raise ValueError(f"the stage {safe_name(stage_id)} lacks its '## ' heading and the blank line after it")
        if stage_id in responses:
            raise ValueError(f"the stage {safe_name(stage_id)} is there twice")
        responses[stage_id] = _unescape(rest[1:])
    return narrative, responses


def _manifest(folder: Path) -> Mapping[str, Any]:
    """``workbook.json``, its head checked: our layout, a version this code reads, known parts."""
    manifest = native.read_json(
        io.StringIO(_text_or_refuse(folder / MANIFEST, MANIFEST, MANIFEST_MAX_BYTES)), name=MANIFEST
    )
    if not isinstance(manifest, Mapping) or manifest.get("format") != FORMAT:
        raise ValidationError("file", f"{MANIFEST} is not the list of a Markdown folder this workbook wrote.")
    version = manifest.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValidationError("file", f"{MANIFEST}: format_version must be a whole number of 1 or more.")
    if version > FORMAT_VERSION:
        raise ValidationError(
            "file", f"{MANIFEST}: this folder was written by a newer version of Reflective Workbook; update it."
        )
    for key in manifest:
        if key not in MANIFEST_KEYS:
            raise ValidationError("file", f"{MANIFEST}: {safe_name(key)} is not a part of a Markdown folder's list.")
    if not isinstance(manifest.get("entry_files"), list):
        raise ValidationError("file", f"{MANIFEST}: entry_files must be a list of file names.")
    return manifest


def _own_folder(folder: Path) -> dict[str, Any]:
    """The export document a folder this module wrote holds (entries in the order listed)."""
    manifest = _manifest(folder)
    entries = []
    for i, name in enumerate(manifest["entry_files"]):
        if not isinstance(name, str) or not _OWN_FILE.fullmatch(name):
            raise ValidationError("file", f"{MANIFEST}: entry_files[{i}] is not the name of an entry file here.")
        text = _text_or_refuse(folder / name, name, ENTRY_FILE_MAX_BYTES)
        try:
            entries.append(parse_entry_text(text))
        except ValueError as exc:
            raise ValidationError("file", f"{name}: {exc}.") from None
    doc: dict[str, Any] = {
        "format": manifest.get("journal_format"),
        "format_version": manifest.get("journal_format_version"),
        **{key: manifest[key] for key in ("exported_at", "people", "custom_tags") if key in manifest},
        "entries": entries,
        **{key: manifest[key] for key in ("revisions", "cpd_records") if key in manifest},
    }
    try:
        native.check_document(doc)
    except ValidationError as exc:
        raise ValidationError("file", f"{MANIFEST}: {exc}") from None
    return doc


def _text_or_refuse(path: Path, name: str, limit: int) -> str:
    try:
        return _read_file(path, limit)
    except FileNotFoundError:
        raise ValidationError("file", f"{name} is missing from the folder.") from None
    except ValueError as exc:
        raise ValidationError("file", f"{name} {exc}.") from None
    except OSError as exc:
        raise ValidationError("file", f"{name} cannot be read ({exc.strerror or 'error'}).") from None


# -- reading a folder of one's own notes --------------------------------------------------------
def note_files(folder: Path) -> list[Path]:
    """The ``.md`` files in ``folder`` and its sub-folders, by path: hidden folders (such as
    Obsidian's ``.obsidian`` and ``.trash``) and symbolic links left out. More than
    :data:`FILES_MAX` files in all is refused."""
    found: list[Path] = []
    seen = 0
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            items = list(os.scandir(current))
        except OSError:
            continue
        for item in items:
            seen += 1
            if seen > FILES_MAX:
                raise ValidationError(
                    "file", f"{folder.name} holds more than {FILES_MAX:,} files; choose a smaller folder of notes."
                )
            if item.name.startswith(".") or item.is_symlink():
                continue
            if item.is_dir(follow_symlinks=False):
                pending.append(Path(item.path))
            elif item.name.lower().endswith(".md") and item.is_file(follow_symlinks=False):
                found.append(Path(item.path))
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _date_of(value: Any) -> dt.date | None:
    """A date from a front matter value (a YAML date or time, or text starting YYYY-MM-DD); ValueError if bad."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _DATE_IN_TEXT.match(value.strip())
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                pass
    raise ValueError("its front matter date is not a date; use YYYY-MM-DD, e.g. 2024-03-05")


def _date_in_name(stem: str) -> dt.date | None:
    for match in _DATE_IN_TEXT.finditer(stem):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            continue
    return None


def _labels(value: Any) -> tuple[str, ...]:
    """Tags as a list or as text separated by commas or spaces, each without a leading '#'."""
    if value is None:
        return ()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        items: list[Any] = re.split(r"[,\s]+", str(value))
    elif isinstance(value, list):
        items = [v for v in value if isinstance(v, (str, int, float)) and not isinstance(v, bool)]
    else:
        raise ValueError("its tags are neither a list nor text")
    labels = (str(item).strip().lstrip("#").strip() for item in items)
    return tuple(dict.fromkeys(label for label in labels if label))


def read_note(number: int, path: Path, text: str) -> SourceEntry:
    """One note as a :class:`SourceEntry`; ValueError with a reason (never its text) if it cannot be one."""
    if text.startswith("\ufeff"):
        text = text[1:]
    front, body = split_front_matter(text)
    meta: Any = {} if front is None else load_front_matter(front)
    if meta is None:
        meta = {}
    if not isinstance(meta, Mapping):
        raise ValueError("its front matter is not a list of fields")
    key = next((meta[k] for k in ("id", "uuid") if isinstance(meta.get(k), (str, int)) and meta.get(k) != ""), "")
    raw_date = next((meta[k] for k in ("date", "created") if meta.get(k) is not None), None)
    occurred = _date_of(raw_date) if raw_date is not None else _date_in_name(path.stem)
    if occurred is None:
        raise ValueError("has no date: give it a 'date' in its front matter or a YYYY-MM-DD in its name")
    stem = title_from(path.stem, f"Note {number}")
    title = meta.get("title")
    if isinstance(title, (str, int, float)) and not isinstance(title, bool) and str(title).strip():
        title = title_from(str(title), stem)
    else:
        heading = _HEADING.search(body)
        title = title_from(heading.group(1), stem) if heading else stem
    mood = meta.get("mood")
    return SourceEntry(
        number=number,
        key=str(key),
        occurred_on=occurred,
        title=title[:TITLE_MAX],
        narrative=body,
        labels=_labels(meta.get("tags", meta.get("tag"))),
        mood=str(mood) if isinstance(mood, (str, int)) and not isinstance(mood, bool) and str(mood) else None,
    )


def _notes(folder: Path) -> SourceRead:
    paths = note_files(folder)
    if not paths:
        raise ValidationError("file", f"{folder.name} holds no Markdown (.md) files.")
    entries: list[SourceEntry] = []
    problems: list[RowProblem] = []
    for number, path in enumerate(paths, start=1):
        try:
            entries.append(read_note(number, path, _read_file(path, NOTE_MAX_BYTES)))
        except ValueError as exc:
            problems.append(RowProblem(number, str(exc)))
        except OSError as exc:
            problems.append(RowProblem(number, f"cannot be read ({exc.strerror or 'error'})"))
    return SourceRead(format="markdown", label=folder.name, entries=entries, problems=problems, unit="file")


def read_markdown(folder: Path) -> dict[str, Any] | SourceRead:
    """A folder this workbook wrote (it holds ``workbook.json``) as the export document it
    holds, for ``plan.import_document(journal, doc, skip_existing=True)``; any other folder of
    Markdown notes as a :class:`SourceRead`, one entry per ``.md`` file (``number`` is its
    place in the files sorted by path), for ``incoming.preview`` and ``incoming.bring_in``."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise ValidationError("file", f"{folder.name} is not a folder of Markdown files.")
    if _is_ours(folder / MANIFEST):
        return _own_folder(folder)
    return _notes(folder)


def _is_ours(manifest: Path) -> bool:
    """True if ``workbook.json`` is there (even as a link, which is then refused) and names
    this layout near its start; another tool's ``workbook.json`` leaves the folder a folder of notes."""
    if os.path.islink(manifest):
        return True
    try:
        with open(manifest, "rb") as handle:
            return f'"{FORMAT}"'.encode() in handle.read(4096)
    except OSError:
        return False


def _md_files_within(path: Path, budget: int = 2_000) -> Iterator[bool]:
    pending = [path]
    while pending and budget > 0:
        for item in os.scandir(pending.pop()):
            budget -= 1
            if budget <= 0:
                return
            if item.name.startswith(".") or item.is_symlink():
                continue
            if item.is_dir(follow_symlinks=False):
                pending.append(Path(item.path))
            elif item.name.lower().endswith(".md"):
                yield True
                return


def recognise_markdown(path: Path) -> bool:
    """True for a folder holding a ``workbook.json`` this module wrote or at least one ``.md``
    file (looking at no more than a couple of thousand names). Never raises."""
    try:
        path = Path(path)
        if not path.is_dir():
            return False
        return ((path / MANIFEST).is_file() and _is_ours(path / MANIFEST)) or any(_md_files_within(path))
    except (OSError, ValueError):
        return False
