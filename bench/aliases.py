"""Time finding registered aliases in text (``privacy.names.AliasIndex.spans``). Prints figures; asserts nothing.

    python bench/aliases.py [--mb 1] [--aliases 50]

Builds an index of ``--aliases`` synthetic two-word names (with a random key) and scans
``--mb`` MB of synthetic words (8,000 distinct, as in practice notes), with a registered name
every 500 words or so; then the demo journal's narratives repeated to the same size with the
demo's own register (where nothing is found). Each figure is the best of three, in CPU time
(the machine is shared), with and without the head buckets that let most runs of words go
undigested.

Goal (issue 9): at least 1 MB of text per second.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbook.privacy import names  # noqa: E402


def _index(key: bytes, aliases: list[str], heads: bool = True) -> names.AliasIndex:
    digests, buckets = {}, set()
    for n, alias in enumerate(aliases):
        for variant in names.digest_variants(key, alias):
            digests[variant.digest] = f"P{n}"
            if variant.n_words > 1:
                buckets.add(variant.head)
    return names.AliasIndex(key, digests, buckets if heads else None)


def _synthetic(size: int, rng: random.Random) -> tuple[str, list[str]]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(8000)]
    parts, total = [], 0
    while total < size:
        parts.append(rng.choice(vocab) + rng.choice(["", "", "", ",", "."]))
        if rng.random() < 0.002:
            parts.append("Jo Bloggs's")
        total += len(parts[-1]) + 1
    return " ".join(parts)[:size], vocab


def _best(func, text: str) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(3):
        start = time.process_time()
        found = len(func(text))
        times.append(time.process_time() - start)
    return min(times), found


def _report(label: str, idx: names.AliasIndex, text: str) -> None:
    seconds, found = _best(idx.spans, text)
    print(
        f"{label}: {len(text) / 1e6:.2f} MB in {seconds:.3f} s CPU = {len(text) / 1e6 / seconds:.2f} MB/s, {found} found"
    )


def _demo_text(size: int) -> tuple[str, list[str]] | None:
    os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())
    import workbook as wb
    from workbook import demo
    from workbook.demo import phrasebank

    with wb.Journal(":memory:") as journal:
        demo.build_demo(journal, entries=300)
        notes = "\n".join(e.narrative for e in journal.entries())
    aliases = [alias for _, _, found in phrasebank.load().people for alias in found]
    return (notes * (size // len(notes) + 1))[:size], aliases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--aliases", type=int, default=50)
    args = parser.parse_args()
    size = int(args.mb * 1e6)
    rng = random.Random(1)
    key = os.urandom(names.KEY_BYTES)
    text, vocab = _synthetic(size, rng)
    aliases = ["Jo Bloggs", "Mary-Jane Smith", "Sam", "Mr Sample"]
    aliases += [f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}" for _ in range(args.aliases - len(aliases))]
    _report(f"synthetic words, {len(aliases)} aliases", _index(key, aliases), text)
    _report(f"synthetic words, {len(aliases)} aliases, no head buckets", _index(key, aliases, heads=False), text)
    demo_text = _demo_text(size)
    if demo_text is not None:
        notes, demo_aliases = demo_text
        _report(f"demo narratives, the demo's {len(demo_aliases)} aliases", _index(key, demo_aliases), notes)


if __name__ == "__main__":
    main()
