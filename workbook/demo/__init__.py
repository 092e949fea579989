"""A demo journal: eighteen months of a fictional practitioner's reflections.

Everything in it is synthetic. Sam Okafor-Reyes, a social worker, moves between child
protection, family assessment, court and FDAC work, joint work with a hospice, some
adult safeguarding and mental health. Sentences come from the phrase banks in
``data/demo`` (our own words, fictional situations); people are obviously made-up
pseudonyms ("Parent Willow", "Patient Mr Heron").

The journal has believable patterns to explore: the share of conversations held rises
over time while softened and avoided ones fall; feelings are higher before than after,
and the gap narrows; in end-of-life work the stance drifts from heroic towards stoical;
a heavy spell of several weeks around month 11 shows high feelings and tags such as
overwhelmed and drained. About 60% of entries have action points (most later done,
some dropped or left open), about 15% are flagged for supervision (some with a
supervisor's feedback), a handful are edited later, three are in the trash, and Sam
has added two tags of their own.

* :func:`generate_entries` is pure: entry fields as ``journal.add`` takes them, for a
  given seed always the same. Benchmarks use it for 100,000 entries; it takes about
  0.4 ms of CPU an entry, so cache the result if a benchmark needs it often.
* :func:`build_demo` fills an open, empty journal through the public API only.
* :func:`write_demo_journal` writes a demo journal file, atomically.

Nothing here reads the clock: dates come from ``start`` and the seed. (The journal's
own ``created_at``/``updated_at`` stamps are still the wall-clock time of the build.)

The package, from the data up (each module draws from the generator's one
``random.Random`` in a fixed order, which the golden tests in ``tests/demo`` pin):

* ``phrasebank``: ``data/demo/*.yaml`` read once and checked;
* ``calendar``: the span, holidays and the uneven rhythm of dates;
* ``draws``: the few ways of drawing at random;
* ``plan``: the weight tables and :class:`~workbook.demo.plan.EntryPlan`;
* ``compose``: phrases into text, remembering people named and passages that show a tag;
* ``generator``: one entry (title, responses, narrative, tags, actions), and :func:`generate_entries`;
* ``build``: :func:`build_demo`, the follow-up steps and :func:`write_demo_journal`.
"""

from __future__ import annotations

from .build import DEFAULT_ENTRIES, DEMO_SETTING, PRACTITIONER, build_demo, prepare_journal, write_demo_journal
from .generator import DEFAULT_MONTHS, DEFAULT_SEED, DEFAULT_START, generate_entries
from .phrasebank import PLACEHOLDERS, demo_custom_tags, demo_people

__all__ = [
    "DEFAULT_ENTRIES",
    "DEFAULT_MONTHS",
    "DEFAULT_SEED",
    "DEFAULT_START",
    "DEMO_SETTING",
    "PLACEHOLDERS",
    "PRACTITIONER",
    "build_demo",
    "demo_custom_tags",
    "demo_people",
    "generate_entries",
    "prepare_journal",
    "write_demo_journal",
]
