"""The small hand-built journal every analysis test reads, and helpers to compare results.

The journal (``frames`` fixture), with today = 15 April 2024 unless a test says otherwise:

=====  ==========  ================  ========  ======  =====  =====================================  ===========================
entry  date        context           outcome   stance  felt   tags (intensity)                       actions
=====  ==========  ================  ========  ======  =====  =====================================  ===========================
E1     Sat 30 Dec  child-protection  held      -2      8 → 5  anxious(2) held directness compassion  a1 done
E2     Tue  2 Jan  child-protection  avoided   -1      9 → 9  anxious(3) anxious(1) avoided          a2 open, due 20 Jan
                                                             overwhelmed(3)
E3     Wed 10 Jan  end-of-life       softened  +1      6 → 4  sad(1) softened compassion anxious(1)
E4     Wed 14 Feb  end-of-life       held      +2      4 → 2  moved(2) held compassion               a3 dropped, a4 open (no due)
E5     Sun 31 Mar  (none)            (none)    (none)  7 → -  anxious                                a5 open, due 1 May
=====  ==========  ================  ========  ======  =====  =====================================  ===========================

People: E1 parent; E2 parent + professional; E3 relative; E4 relative + relative + professional.
E2 is flagged for supervision. The journal crosses a calendar year on purpose.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

TODAY = dt.date(2024, 4, 15)
D = pd.Timestamp


def entries():
    return [
        dict(
            title="E1",
            occurred_on="2023-12-30",
            context="child-protection",
            outcome="held",
            stance=-2,
            feelings_before=8,
            feelings_after=5,
            people=["Parent P"],
            tags=[{"tag": "anxious", "intensity": 2}, "held", "directness", "compassion"],
            actions=[{"id": "a1", "text": "ring back", "status": "done"}],
        ),
        dict(
            title="E2",
            occurred_on="2024-01-02",
            context="child-protection",
            outcome="avoided",
            stance=-1,
            feelings_before=9,
            feelings_after=9,
            people=["Parent P", "Doctor D"],
            flagged=True,
            tags=[
                {"tag": "anxious", "intensity": 3},
                {"tag": "anxious", "intensity": 1},
                "avoided",
                {"tag": "overwhelmed", "intensity": 3},
            ],
            actions=[{"id": "a2", "text": "write up", "status": "open", "due_on": "2024-01-20"}],
        ),
        dict(
            title="E3",
            occurred_on="2024-01-10",
            context="end-of-life",
            outcome="softened",
            stance=1,
            feelings_before=6,
            feelings_after=4,
            people=["Relative R"],
            tags=[{"tag": "sad", "intensity": 1}, "softened", "compassion", {"tag": "anxious", "intensity": 1}],
        ),
        dict(
            title="E4",
            occurred_on="2024-02-14",
            context="end-of-life",
            outcome="held",
            stance=2,
            feelings_before=4,
            feelings_after=2,
            people=["Relative R", "Aunt T", "Doctor D"],
            tags=[{"tag": "moved", "intensity": 2}, "held", "compassion"],
            actions=[
                {"id": "a3", "text": "call GP", "status": "dropped"},
                {"id": "a4", "text": "visit", "status": "open"},
            ],
        ),
        dict(
            title="E5",
            occurred_on="2024-03-31",
            feelings_before=7,
            tags=["anxious"],
            actions=[{"id": "a5", "text": "review", "status": "open", "due_on": "2024-05-01"}],
        ),
    ]


def rows(frame: pd.DataFrame) -> list[tuple]:
    """The frame as a list of tuples, floats rounded to 4 places, NaN as None."""

    def clean(v):
        if isinstance(v, float):
            return None if math.isnan(v) else round(v, 4)
        return v

    return [tuple(clean(v) for v in row) for row in frame.itertuples(index=False)]


# The second hand-built journal (``frames5`` fixture): every outcome, stance both and depth.
#
# =====  ==========  ================  =================  ======  ====  ======================
# entry  date        context           outcome            stance  both  depth
# =====  ==========  ================  =================  ======  ====  ======================
# F1     Wed  3 Jan  child-protection  held               -2      no    descriptive-writing
# F2     Tue  9 Jan  child-protection  deferred           -2      yes   dialogic
# F3     Mon 15 Jan  child-protection  avoided            (none)  yes   (not rated)
# F4     Sat 20 Jan  end-of-life       chose-not-to-know  +2      no    descriptive-writing
# F5     Mon  5 Feb  end-of-life       softened           +2      yes   critical
# F6     Mon 12 Feb  end-of-life       held               +1      no    (not rated)
# F7     Tue 20 Feb  (none)            deferred           0       no    descriptive-reflection
# =====  ==========  ================  =================  ======  ====  ======================
#
# The share held is 2 of 4 (held, avoided, softened), not 2 of 7. Stance per context in
# 2024 Q1: child protection -2.0 over 2 placed, 2 of 3 marked both; end of life +1.67 over
# 3, 1 of 3 both; no context 0.0 over 1. Pooled over contexts it would be +0.2 (five
# points), a figure that must never appear.
def five_outcome_entries():
    rows = [
        ("2024-01-03", "child-protection", "held", -2, False, "descriptive-writing"),
        ("2024-01-09", "child-protection", "deferred", -2, True, "dialogic"),
        ("2024-01-15", "child-protection", "avoided", None, True, None),
        ("2024-01-20", "end-of-life", "chose-not-to-know", 2, False, "descriptive-writing"),
        ("2024-02-05", "end-of-life", "softened", 2, True, "critical"),
        ("2024-02-12", "end-of-life", "held", 1, False, None),
        ("2024-02-20", None, "deferred", 0, False, "descriptive-reflection"),
    ]
    return [
        dict(
            title=f"F{i}",
            occurred_on=day,
            context=context,
            outcome=outcome,
            stance=stance,
            stance_both=both,
            depth=depth,
        )
        for i, (day, context, outcome, stance, both, depth) in enumerate(rows, start=1)
    ]
