"""What the journal tests share: file modes, entry titles, and words that must never leak."""

from __future__ import annotations

import os
import stat


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def titles(entries) -> list[str]:
    return [e.title for e in entries]


# Words put into every kind of text of an entry, to show that a frame or a repr holds none.
SECRETS = {
    "title": "TitleSecretZebra",
    "narrative": "NarrativeSecretOkapi",
    "response": "ResponseSecretNarwhal",
    "action": "ActionSecretQuokka",
    "feedback": "FeedbackSecretAxolotl",
}
