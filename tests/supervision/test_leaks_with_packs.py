"""The leak check on packs as they are written: what a chosen entry holds is never a leak,
whatever other entry holds it too; an unchosen entry's action points are journal text too;
and the markup around a pack's text makes no words of its own."""

from __future__ import annotations

import workbook as wb
from workbook.documents.notebook import render
from workbook.supervision.html import render_pack
from workbook.supervision.leaks import check_share
from workbook.supervision.pack import build_pack, notebook_of

SHARED = "We agreed that the plan would be read through together before the next review meeting."


def _pack_files(journal, entry_ids, tmp_path, questions=()):
    draft = wb.supervision_pack(journal, entry_ids=entry_ids, questions=questions, decisions="accept")
    pack = build_pack(draft, charts=False)
    nb, page = tmp_path / "p.ipynb", tmp_path / "p.html"
    nb.write_text(render(notebook_of(pack)), encoding="utf-8")
    page.write_text(render_pack(pack), encoding="utf-8")
    return nb, page


def test_words_a_chosen_entry_holds_are_not_a_leak_when_another_entry_holds_them_too(journal, tmp_path):
    chosen = journal.add(title="Care planning", narrative=SHARED)
    journal.add(title="Another visit", narrative=SHARED + " Then it all went quiet.")
    for path in _pack_files(journal, [chosen.id], tmp_path):
        assert check_share(path, journal) == []


def test_an_unchosen_entrys_action_points_count_as_its_text(journal, tmp_path):
    other = journal.add(title="Private", actions=[{"text": "Ask the housing officer about the damp flat on Friday"}])
    chosen = journal.add(title="Chosen")
    question = "Should I ask the housing officer about the damp flat on Friday?"  # copied from the other entry
    kinds = {
        (f.kind, f.hint[: len("text of entry ") + 8])
        for path in _pack_files(journal, [chosen.id], tmp_path, questions=[question])
        for f in check_share(path, journal)
    }
    assert kinds == {("unchosen-entry-text", f"text of entry {other.id[:8]}")}


def test_markup_around_a_title_makes_no_words(journal, tmp_path):
    # "a" and "li" from <a>...</a></li> must not join the title's words into another entry's sentence
    chosen = journal.add(title="Talking about the state of the house")
    journal.add(title="Later", narrative="We were talking about the state of the house a little later on.")
    _, page = _pack_files(journal, [chosen.id], tmp_path)
    assert check_share(page, journal) == []
