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
from .daylio import read_daylio_backup, read_daylio_csv, recognise_daylio_backup, recognise_daylio_csv
from .dayone import export_dayone, read_dayone, recognise_dayone
from .markdown import export_markdown, read_markdown, recognise_markdown
from .native import export_json, read_json, recognise_json
from .refi import export_qdc, export_qdpx
from .spreadsheet import export_csv, export_tag_uses
from .table import read_csv, recognise_csv

if TYPE_CHECKING:
    from ..journal import Journal


@dataclass(frozen=True)
class ExchangeFormat:
    """One interchange format, registered by name so the CLI dispatches without ``if fmt == ...``.

    ``export(journal, path) -> count`` writes a file (atomically, 0600) and returns how many
    entries it holds; ``read(path, **options) -> data`` turns a file into an export document or
    a list of entry mappings (for :func:`plan.import_document`) or an
    :class:`incoming.SourceRead` (for :func:`incoming.bring_in`). Either may be None where a
    format only goes one way. ``recognise(path) -> bool`` says from the file's name and first
    bytes whether it is in this format, so ``workbook import FILE`` needs no ``--format``.
    ``folder`` formats read or write a folder rather than one file. ``options`` names the
    keyword options ``read`` takes (a spreadsheet's column mapping). ``lossless`` formats carry
    everything but the aliases (kept as keyed digests, they do not travel; the CLI says so).
    """

    name: str
    summary: str
    suffixes: tuple[str, ...]
    export: Callable[[Journal, Path], int] | None = None
    read: Callable[..., Any] | None = None
    lossless: bool = False
    recognise: Callable[[Path], bool] | None = None
    folder: bool = False
    options: tuple[str, ...] = ()
    unit: str = "entries"  # what the count ``export`` returns counts
    contains: str = ""  # what an exported file holds, if not said by ``summary``

    @property
    def holds(self) -> str:
        """What a file this format exports holds, to say so after the export."""
        return self.contains or self.summary


FORMATS: dict[str, ExchangeFormat] = {}


def register_format(fmt: ExchangeFormat) -> ExchangeFormat:
    """Add ``fmt`` to :data:`FORMATS` (a format module calls this once)."""
    FORMATS[fmt.name] = fmt
    return fmt


def recognised(path: Path) -> ExchangeFormat | None:
    """The first format that can be read whose ``recognise`` knows ``path``, else None."""
    for fmt in FORMATS.values():
        if fmt.read is not None and fmt.recognise is not None:
            try:
                if fmt.recognise(path):
                    return fmt
            except OSError:
                return None
    return None


def format_for(path: Path, name: str | None = None, *, direction: str = "export") -> ExchangeFormat:
    """The format named ``name``; else, to import, the one that recognises the file; else
    the one whose suffix ``path`` has; else lossless JSON (whose reader says plainly when a
    file is not JSON).

    Refuses (ValidationError on ``format``) a name that is not registered or a format that
    cannot go in ``direction`` ("export" or "import").
    """
    if name is None:
        found = recognised(path) if direction == "import" else None
        by_suffix = [
            f
            for f in FORMATS.values()
            if path.suffix.lower() in f.suffixes and (f.export if direction == "export" else f.read) is not None
        ]
        fmt = found or (by_suffix[0] if by_suffix else FORMATS["json"])
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
        recognise=recognise_json,
    )
)
register_format(
    ExchangeFormat(
        "daylio",
        "Daylio's CSV export (either header): entries with their activities and mood",
        (".csv",),
        read=read_daylio_csv,
        recognise=recognise_daylio_csv,
    )
)
register_format(
    ExchangeFormat(
        "daylio-backup",
        "a Daylio backup (.daylio): entries with their activities and mood, custom moods included",
        (".daylio",),
        read=read_daylio_backup,
        recognise=recognise_daylio_backup,
    )
)
register_format(
    ExchangeFormat(
        "dayone",
        "Day One's JSON export (.zip or the .json in it): titles, texts, tags and stars; media, places and "
        "people are not carried",
        (".zip",),
        export=export_dayone,
        read=read_dayone,
        recognise=recognise_dayone,
    )
)
register_format(
    ExchangeFormat(
        "markdown",
        "a folder of Markdown files, one per entry (the trash in trash/), with YAML front matter, that any "
        "editor or Obsidian reads; reads back a folder of notes kept anywhere",
        (),
        export=export_markdown,
        read=read_markdown,
        lossless=True,
        recognise=recognise_markdown,
        folder=True,
    )
)
register_format(
    ExchangeFormat(
        "csv",
        "one row per entry (not the trash), one column per stage answer, for a spreadsheet; reads "
        "any spreadsheet of entries back through a column mapping (--column FIELD=HEADER)",
        (".csv",),
        export=export_csv,
        read=read_csv,
        recognise=recognise_csv,
        options=("columns",),
        contains="one row per entry (not the trash), one column per stage answer, your text included",
    )
)
register_format(
    ExchangeFormat(
        "tag-uses",
        "one row per use of a tag (not the trash): the entry, the tag, its intensity and the passage it marks",
        (".csv",),
        export=export_tag_uses,
    )
)
register_format(
    ExchangeFormat(
        "refi-qdc",
        "the tag vocabulary (built-in and your own) as a REFI-QDA codebook, for QualCoder, Taguette, NVivo, "
        "ATLAS.ti or MAXQDA",
        (".qdc",),
        export=export_qdc,
        unit="tags",
    )
)
register_format(
    ExchangeFormat(
        "refi-qdpx",
        "the journal (not the trash) as a REFI-QDA project: each entry a text source, each passage tag a coding, "
        "the vocabulary its codebook; your text included",
        (".qdpx",),
        export=export_qdpx,
    )
)
