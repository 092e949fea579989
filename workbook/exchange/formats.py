"""The registry of interchange formats, by name: ``workbook export --format NAME`` and
``workbook import`` dispatch through :data:`FORMATS` instead of ``if fmt == ...``.

A format module (one per format: :mod:`.native`, :mod:`.spreadsheet`, and those to come)
provides an export and/or a reader; it is registered here once with :func:`register_format`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from .native import export_json, read_json
from .spreadsheet import export_csv

if TYPE_CHECKING:
    from ..journal import Journal


@dataclass(frozen=True)
class ExchangeFormat:
    """One interchange format, registered by name so the CLI dispatches without ``if fmt == ...``.

    ``export(journal, path) -> count`` writes a file (atomically, 0600); ``read(path) -> data``
    turns a file into what :func:`import_entries` takes. Either may be None where a format only
    goes one way. ``lossless`` formats carry everything but the aliases (kept as keyed digests,
    they do not travel; the CLI says so).
    """

    name: str
    summary: str
    suffixes: tuple[str, ...]
    export: Callable[[Journal, Path], int] | None = None
    read: Callable[[Path], Any] | None = None
    lossless: bool = False


FORMATS: dict[str, ExchangeFormat] = {}


def register_format(fmt: ExchangeFormat) -> ExchangeFormat:
    """Add ``fmt`` to :data:`FORMATS` (a format module calls this once)."""
    FORMATS[fmt.name] = fmt
    return fmt


def format_for(path: Path, name: str | None = None, *, direction: str = "export") -> ExchangeFormat:
    """The format named ``name``, else the one whose suffix ``path`` has, else lossless JSON.

    Refuses (ValidationError on ``format``) a name that is not registered or a format that
    cannot go in ``direction`` ("export" or "import").
    """
    if name is None:
        by_suffix = [f for f in FORMATS.values() if path.suffix.lower() in f.suffixes]
        fmt = by_suffix[0] if by_suffix else FORMATS["json"]
    elif name in FORMATS:
        fmt = FORMATS[name]
    else:
        raise ValidationError("format", f"must be one of {', '.join(sorted(FORMATS))}, not {name!r}.")
    if (fmt.export if direction == "export" else fmt.read) is None:
        able = sorted(f.name for f in FORMATS.values() if (f.export if direction == "export" else f.read))
        raise ValidationError("format", f"{fmt.name} cannot be used to {direction}; use one of {', '.join(able)}.")
    return fmt


register_format(
    ExchangeFormat(
        "json",
        "everything, to keep or move: every entry (the trash too), earlier versions, the people "
        "register (aliases do not travel: record them again after an import), and your own tags",
        (".json",),
        export=export_json,
        read=read_json,
        lossless=True,
    )
)
register_format(
    ExchangeFormat("csv", "one row per entry (not the trash), for a spreadsheet", (".csv",), export=export_csv)
)
