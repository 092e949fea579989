"""Schema step 0008: the BASW PCF domains an entry and its action points are evidence for.

Two child tables, as the people, tags and action points of an entry are kept, rather than a
JSON column: the evidence view asks "which entries and action points map to this domain?",
which an index on ``domain`` answers without reading every entry; the ``entries`` table (that
the frames read column by column) stays exactly as it was; and an old journal gains the
tables without a row of its own being rewritten. ``action_pcf`` keys a domain to its action
point by the point's position in the entry, as ``actions`` itself is keyed.
Registered in ``migrations.MIGRATIONS``. Never edit a released step: add a new one.
"""

from __future__ import annotations

from ..content.assignments import PCF_DOMAINS

PCF_STEP = "0008_pcf_domains"

_DOMAIN_CHECK = "CHECK (domain IN (" + ", ".join(f"'{d}'" for d in PCF_DOMAINS) + "))"

PCF_STATEMENTS: tuple[str, ...] = (
    f"""CREATE TABLE entry_pcf (
        entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        domain TEXT NOT NULL {_DOMAIN_CHECK},
        PRIMARY KEY (entry_id, position),
        UNIQUE (entry_id, domain)
    )""",
    "CREATE INDEX entry_pcf_by_domain ON entry_pcf (domain)",
    f"""CREATE TABLE action_pcf (
        entry_id TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        action_position INTEGER NOT NULL,
        position INTEGER NOT NULL,
        domain TEXT NOT NULL {_DOMAIN_CHECK},
        PRIMARY KEY (entry_id, action_position, position),
        UNIQUE (entry_id, action_position, domain)
    )""",
    "CREATE INDEX action_pcf_by_domain ON action_pcf (domain)",
)
