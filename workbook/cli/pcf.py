"""The evidence per BASW PCF domain from a terminal: ``workbook pcf-evidence``.

A table per domain of the Professional Capabilities Framework, in the framework's order: the
entries and action points mapped to it (date, id, what it is, the entry's title cut to fit),
then the domains with no evidence yet. Counts and titles only, as ``workbook list`` shows
them; never a score, since the PCF is assessed from the evidence as a whole.
"""

from __future__ import annotations

import shutil
import textwrap

import click

from ._journal import opened
from .terminal import echo, short_id, table


@click.command("pcf-evidence")
@click.option("--since", metavar="YYYY-MM-DD", help="Only entries on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Only entries on or before this date.")
def pcf_evidence(since: str | None, until: str | None) -> None:
    """Show the evidence for each domain of the PCF (social work).

    For each of the nine domains of the BASW Professional Capabilities Framework: the entries
    and action points you mapped to it (with `workbook add --pcf DOMAIN` or the entry form),
    and the domains with no evidence yet. It lists evidence to read as a whole, as the PCF is
    assessed; it gives no score. Entries in the trash are left out.
    """
    from ..reports.pcf import pcf_evidence as evidence_of

    with opened() as journal:
        evidence = evidence_of(journal, since=since, until=until)
    total = shutil.get_terminal_size((100, 24)).columns
    for line in textwrap.wrap(str(evidence).splitlines()[0], max(40, total - 1)):
        echo(line)
    for domain in evidence:
        echo("")
        echo(f"{domain.label} ({domain.domain}): {domain.counts_text()}")
        if not domain.has_evidence:
            continue
        rows = [(e.occurred_on.isoformat(), short_id(e.id), "entry", e.title) for e in domain.entries]
        rows += [
            (a.occurred_on.isoformat(), short_id(a.entry_id), f"action {a.id} ({a.status})", a.title)
            for a in domain.actions
        ]
        for line in table(("DATE", "ID", "EVIDENCE", "ENTRY TITLE"), rows, caps=(10, 8, 30, None), total=total - 2):
            echo("  " + line)
    if evidence.without_evidence:
        echo("")
        for line in textwrap.wrap(str(evidence).splitlines()[-1], max(40, total - 1)):
            echo(line)


COMMANDS = (pcf_evidence,)
