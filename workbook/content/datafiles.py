"""Read the YAML data files (vocabulary, templates) so that errors can name a line.

Every mapping read from a file remembers the line it starts on, so a problem found
later (a missing key, an unknown group) is reported as ``file, line N: ...``.

Only plain files of at most ``MAX_FILE_BYTES`` are read: an institution's folder may hold
a FIFO, a link to a device or a huge file, and each is refused (a ``DataFileError`` naming
the file and why) before anything waits on it or parses it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError


class LineDict(dict):
    """A dict read from YAML, with the 1-based ``line`` it starts on."""

    line: int = 0


# libyaml's parser when PyYAML has it (about five times faster, and far less memory, than the
# pure-Python one); the constructor is SafeLoader's either way, so no Python tags are built.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


# The largest bundled data file (vocabulary.yaml) is about 40 KB and the largest template
# about 8 KB. Parsing takes far more time and memory than the file's size suggests: an
# unchecked 15 MB template took minutes and 2 GB, and a hostile 256 KB file still takes 1-2 s
# with libyaml (5-12 s without). 256 KB is six times the vocabulary.
MAX_FILE_BYTES = 256 * 1024

# Open without waiting (a FIFO with no writer would block), and never as a controlling terminal.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def check_file(path: Path, *, limit: int = MAX_FILE_BYTES) -> os.stat_result:
    """The ``stat`` of the file ``path`` leads to (links followed), if it is a plain file of at
    most ``limit`` bytes; else a DataFileError naming the file and the reason."""
    try:
        info = path.stat()
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot be read ({exc.strerror or exc})") from exc
    _check_stat(path, info, limit)
    return info


def _check_stat(path: Path, info: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise DataFileError(str(path), None, "is not a plain file (a folder, pipe or device); it was not read")
    if info.st_size > limit:
        raise DataFileError(
            str(path), None, f"is too large ({info.st_size:,} bytes; at most {limit:,}); it was not read"
        )


def read_text(path: Path, *, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a plain file of at most ``limit`` bytes, checked before and after opening
    (so a FIFO, a device, or a file swapped in between, is refused without blocking)."""
    check_file(path, limit=limit)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot be read ({exc.strerror or exc})") from exc
    with open(fd, "rb", closefd=True) as handle:
        _check_stat(path, os.fstat(handle.fileno()), limit)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise DataFileError(str(path), None, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise DataFileError(str(path), None, f"is too large (more than {limit:,} bytes); it was not read")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), None, f"cannot be read ({exc})") from exc


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error becomes a DataFileError with file and line."""
    text = read_text(path)
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataFileError(str(path), line, f"is not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), None, f"is not valid YAML: {exc}") from exc
    except RecursionError as exc:
        raise DataFileError(str(path), None, "is nested too deeply to be a data file") from exc


def line_of(obj: Any) -> int | None:
    return getattr(obj, "line", None) or None


def require_str(item: dict, key: str, path: Path) -> str:
    """The non-empty string at ``item[key]``, or a DataFileError naming the line."""
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(str(path), line_of(item), f"'{key}' must be a non-empty text")
    return value.strip()
