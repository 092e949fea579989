"""Read the YAML data files (vocabulary, templates) so that errors can name a line.

Every mapping read from a file remembers the line it starts on, so a problem found
later (a missing key, an unknown group) is reported as ``file, line N: ...``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError


class LineDict(dict):
    """A dict read from YAML, with the 1-based ``line`` it starts on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error becomes a DataFileError with file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), None, f"cannot be read ({exc})") from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataFileError(str(path), line, f"is not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), None, f"is not valid YAML: {exc}") from exc


def line_of(obj: Any) -> int | None:
    return getattr(obj, "line", None) or None


def require_str(item: dict, key: str, path: Path) -> str:
    """The non-empty string at ``item[key]``, or a DataFileError naming the line."""
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(str(path), line_of(item), f"'{key}' must be a non-empty text")
    return value.strip()
