"""Demo journals: eighteen months of a fictional practitioner's reflections, for each of two personas.

Everything in them is synthetic. There are two practitioners (:data:`PERSONAS`), each
with a journal of their own, because in UK services this work sits in different teams
and organisations, and one worker covering all of it would be a false picture:

* ``social-worker`` (the default): Sam Okafor-Reyes, a social worker in a local
  authority children and families team: child protection, family assessment, care
  proceedings and the family drug and alcohol court, and now and then a joint visit
  with the hospice when a parent is dying;
* ``nurse``: Jude Penhallow-Asante, a community nurse in a district nursing team who
  leads on palliative care alongside the local hospice: end of life at home, district
  nursing visits, discharges home from hospital, adult safeguarding concerns met on
  visits and a patient's low mood.

Sentences come from the phrase banks in ``data/demo`` (our own words, fictional
situations); people are pseudonyms paired with a role word ("Parent Willow", "Patient
Mr Heron") so they cannot be mistaken for real people.

Each journal has patterns to explore that are true to the practice, and none of them is
a score going up: the share held (of held, avoided and softened) rises over the first
months and then levels off, while conversations *deferred by decision* keep rising as
the practitioner learns to pace them, and in end-of-life work a few people choose not
to know; held conversations still leave the practitioner sad, drained or moved at
times; feelings are higher before than after, and the gap narrows; the heroic-stoical
stance follows the case rather than drifting with time (some families need fighting
for), and "both, in tension" is recorded on a quarter to a third of the end-of-life
and child-protection entries that have a stance; about 60% of entries carry a depth rating
(Hatton and Smith) that deepens slowly with wide variation; a heavy spell of several
weeks around month 11 shows high feelings and tags such as overwhelmed and drained.
The load signal of notebook 05 looks at the four weeks up to the end of the chosen range,
and the default range ends at the newest entry, whose weeks are not heavy: to see the signal
in the demo, end the range in the heavy spell (e.g. the end of its month 11, about April 2026
for the default start). The spell stays where the story puts it; moving it to the end would
rewrite the trends around it.
About 60% of entries have action points (most later done, some dropped or left open),
about 15% are flagged to share in supervision (some with the supervisor's feedback on
what was shared), a few have a colleague's peer reflection, a handful are edited later,
three are in the trash, and each practitioner has added two tags of their own.

* :func:`generate_entries` is pure: entry fields as ``journal.add`` takes them, for a
  given seed and persona always the same. Benchmarks use it for 100,000 entries; it takes about
  0.4 ms of CPU an entry, so cache the result if a benchmark needs it often.
* :func:`build_demo` fills an open, empty journal through the public API only.
* :func:`write_demo_journal` writes a demo journal file, atomically (``persona=`` picks
  whose; ``workbook demo --persona nurse`` from the command line).

Nothing here reads the clock: dates come from ``start`` and the seed. (The journal's
own ``created_at``/``updated_at`` stamps are still the wall-clock time of the build.)

The package, from the data up (each module draws from the generator's one
``random.Random`` in a fixed order, which the golden tests in ``tests/demo`` pin):

* ``phrasebank``: ``data/demo/*.yaml`` read once and checked, and the personas;
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
from .phrasebank import DEFAULT_PERSONA, PERSONAS, PLACEHOLDERS, demo_custom_tags, demo_people

__all__ = [
    "DEFAULT_ENTRIES",
    "DEFAULT_PERSONA",
    "DEFAULT_MONTHS",
    "DEFAULT_SEED",
    "DEFAULT_START",
    "DEMO_SETTING",
    "PERSONAS",
    "PLACEHOLDERS",
    "PRACTITIONER",
    "build_demo",
    "demo_custom_tags",
    "demo_people",
    "generate_entries",
    "prepare_journal",
    "write_demo_journal",
]
