"""Supervision packs: what is chosen, the review of findings, and what the written files hold.

A pack built from the demo journal holds no registered name, no text of an entry not chosen,
no journal path and no widget state (a scan of the raw bytes); journal text that looks like
HTML, Markdown or a script is shown, never run; nothing is written while a finding has no
answer; one person has one pseudonym throughout a pack.
"""

from __future__ import annotations

import getpass
import html
import json
import re
import stat
from pathlib import Path

import mistune
import nbformat
import pytest
from bs4 import BeautifulSoup

import workbook as wb
from workbook.demo import DEFAULT_PERSONA, phrasebank, write_demo_journal
from workbook.errors import NotFoundError, ValidationError
from workbook.paths import packs_dir
from workbook.supervision import PackChoice, supervision_pack
from workbook.supervision.choice import PARTS, choose_entries
from workbook.supervision.leaks import check_share
from workbook.supervision.pack import (
    FEEDBACK_PLACEHOLDER,
    GENERAL_FEEDBACK_PLACEHOLDER,
    build_pack,
    entry_as_html,
    entry_as_markdown,
    md_text,
    notebook_of,
    write_entry,
)
from workbook.supervision.review import Decision
from workbook.supervision.seal import verify
from workbook.supervision.share import UnsafePackError

UNCHOSEN = "Nobody else must read that the wardrobe in the blue bedroom still smells of lavender polish."
HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(2)">link</a>',
    "**bold** and <b>raw html</b> and $x^2$ maths",
    "see http://tracker.example/p.png and www.example.org",
    '<iframe src="//evil.example"></iframe><svg onload=alert(3)>',
    "# not a heading\n1. not a list\n> not a quote\n---",
]


def _demo_aliases() -> list[str]:
    return [alias for _, _, aliases in phrasebank.load().persona(DEFAULT_PERSONA).people for alias in aliases]


@pytest.fixture
def demo(tmp_path):
    j = wb.open_journal(write_demo_journal(tmp_path / "journal" / "demo.db"))
    yield j
    j.close()


def test_the_demo_register_has_aliases_to_look_for(demo):
    assert len(_demo_aliases()) >= 5 and demo.people.alias_count() >= 5


# -- choosing ---------------------------------------------------------------------------------


def test_a_choice_that_names_nothing_is_refused(journal):
    journal.add(title="One")
    with pytest.raises(ValidationError, match="choose entries"):
        choose_entries(journal, PackChoice())


def test_filters_narrow_and_hand_picked_entries_are_added(journal):
    a = journal.add(title="Flagged early", occurred_on="2026-01-05", flagged=True)
    journal.add(title="Flagged late", occurred_on="2026-03-05", flagged=True)
    c = journal.add(title="Not flagged", occurred_on="2026-01-06")
    got = choose_entries(journal, PackChoice(flagged=True, until="2026-02-01", entry_ids=(c.id[:8],)))
    assert [e.id for e in got] == [a.id, c.id]


def test_trashed_and_unknown_entries_are_refused(journal):
    e = journal.add(title="Gone")
    journal.delete(e.id)
    with pytest.raises(ValidationError, match="trash"):
        choose_entries(journal, PackChoice(entry_ids=(e.id,)))
    with pytest.raises(NotFoundError):
        choose_entries(journal, PackChoice(entry_ids=("ffffffff",)))


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"parts": ("title", "secrets")}, "unknown part"),
        ({"parts": ()}, "at least one"),
        ({"role": "manager"}, "role"),
        ({"since": "2026-02-01", "until": "2026-01-01"}, "after"),
        ({"since": "yesterday"}, "date"),
    ],
)
def test_a_choice_is_checked(fields, message):
    with pytest.raises(ValidationError, match=message):
        PackChoice(flagged=True, **fields)


def test_only_the_chosen_parts_are_shared(journal):
    e = journal.add(
        title="Telling the family",
        narrative="The narrative nobody chose to share today at all.",
        actions=[{"text": "Ring the ward manager tomorrow"}],
    )
    draft = supervision_pack(journal, entry_ids=[e.id], parts=["title"], decisions="accept")
    nb = nbformat.writes(notebook_of(build_pack(draft, charts=False)))
    assert "Telling the family" in nb
    assert "narrative nobody" not in nb and "ward manager" not in nb
    assert set(PARTS) >= {"title", "stages", "narrative", "tags", "feelings", "outcome", "actions"}


# -- the review -------------------------------------------------------------------------------


@pytest.fixture
def named(journal):
    """Two entries naming a registered person (two spellings) and one unregistered name."""
    journal.people.add("Parent Willow", "parent", aliases=["Quenby Thistlewood"])
    one = journal.add(
        title="Home visit",
        narrative="Quenby Thistlewood opened the door. Later Bartholomew Fennimore joined us; ring 07700 900123.",
    )
    two = journal.add(title="Follow-up", narrative="QUENBY THISTLEWOOD phoned back, and Bartholomew Fennimore too.")
    return journal, one, two


def test_nothing_is_written_until_every_finding_has_an_answer(named, tmp_path):
    journal, one, two = named
    draft = supervision_pack(journal, entry_ids=[one.id, two.id])
    assert len(draft.unanswered()) == len(draft.findings) >= 3
    first = draft.findings[0]
    draft.answer(first.id, "accept")
    with pytest.raises(ValidationError, match=rf"{len(draft.findings) - 1} findings? still need"):
        draft.write(tmp_path, charts=False)
    with pytest.raises(ValidationError, match="still need"):
        build_pack(draft, charts=False)
    assert list(tmp_path.iterdir()) == []
    draft.answer_all("accept")
    assert draft.unanswered() == []
    written = draft.write(tmp_path, charts=False)
    assert {p.suffix for p in written.paths} == {".ipynb", ".html"}


def test_the_same_person_gets_the_same_pseudonym_throughout_a_pack(named):
    journal, one, two = named
    draft = supervision_pack(journal, entry_ids=[one.id, two.id], decisions="accept")
    kinds = sorted(f.kind for f in draft.findings)
    assert kinds == ["alias", "phone", "possible_name"]  # one finding per person, however spelt
    alias = next(f for f in draft.findings if f.kind == "alias")
    name = next(f for f in draft.findings if f.kind == "possible_name")
    assert len(alias.occurrences) == 2 and len(name.occurrences) == 2
    texts = [t for p, t in zip(draft.pieces, draft.shared_texts(), strict=True) if p.part == "narrative"]
    assert all("Parent Willow" in t and "[name 1]" in t for t in texts)
    assert not any("Quenby" in t.title() or "Bartholomew" in t for t in texts)
    assert "[phone]" in texts[0]


def test_change_and_dismiss_apply_everywhere(named):
    journal, one, two = named
    draft = supervision_pack(journal, entry_ids=[one.id, two.id])
    name = next(f for f in draft.findings if f.kind == "possible_name")
    phone = next(f for f in draft.findings if f.kind == "phone")
    draft.answer_all({name.id: ("change", "the family friend"), phone.id: "dismiss"})
    draft.answer_all("accept")
    texts = " ".join(draft.shared_texts())
    assert texts.count("the family friend") == 2 and "07700 900123" in texts
    assert "Bartholomew" not in texts


def test_decisions_are_checked(named):
    journal, one, _ = named
    draft = supervision_pack(journal, entry_ids=[one.id])
    with pytest.raises(ValidationError, match="no finding"):
        draft.answer("F99", "accept")
    with pytest.raises(ValidationError, match="words to use"):
        Decision("change", "  ")
    with pytest.raises(ValidationError, match="one of"):
        Decision("ignore")
    with pytest.raises(ValidationError, match="no finding"):  # nothing recorded from a bad mapping
        draft.answer_all({draft.findings[0].id: "accept", "F99": "accept"})
    assert draft.decisions == {}


def test_the_context_shows_the_match_or_its_suggestion(named):
    journal, one, _ = named
    draft = supervision_pack(journal, entry_ids=[one.id])
    alias = next(f for f in draft.findings if f.kind == "alias")
    (shown,) = draft.context(alias)
    assert "⟦Quenby Thistlewood⟧ opened the door" in shown and shown.startswith(f"entry {one.id[:8]}, narrative")
    (safe,) = draft.context(alias, show="suggestion")
    assert "⟦Parent Willow⟧" in safe and "Quenby" not in safe
    # every other finding in view is shown as its suggestion too, even one cut by the window
    assert "Barth" not in safe and "Fenn" not in safe
    (wide,) = draft.context(alias, show="suggestion", width=200)
    assert "Later [name 1] joined us; ring [phone]." in wide
    assert "Quenby" not in repr(draft) + repr(alias) + repr(draft.findings)


# -- the files ----------------------------------------------------------------------------------


def _raw_files(paths):
    return {p: p.read_bytes() for p in paths}


def test_a_demo_pack_holds_nothing_that_was_not_chosen(demo):
    # a registered name and a phone number in a chosen entry, and a distinctive entry left out
    alias = max(_demo_aliases(), key=len)
    chosen_extra = demo.add(
        title="Corridor conversation",
        narrative=f"{alias} stopped me in the corridor and gave me 07700 900123 to ring.",
        flagged=True,
    )
    left_out = demo.add(title="Private evening", narrative=UNCHOSEN)
    flagged = demo.entries(flagged=True)[-4:]
    assert chosen_extra.id in {e.id for e in flagged}
    draft = supervision_pack(demo, entry_ids=[e.id for e in flagged], questions=["What do I do next?"])
    draft.answer_all("accept")
    result = draft.write()  # the default place: the private workspace
    folder = packs_dir()
    assert all(p.parent == folder for p in result.paths)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path, raw in _raw_files(result.paths).items():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        text = raw.decode("utf-8").casefold()
        for name in _demo_aliases():
            for form in {name.casefold(), html.escape(name).casefold(), md_text(name).casefold()}:
                found = re.search(rf"(?<![\w\\]){re.escape(form)}(?!\w)", text)
                assert found is None, f"a registered name is in {path.name}: {text[found.start() - 30 : found.end()]}"
        assert "lavender" not in text and left_out.id not in text
        assert "07700" not in text
        assert str(demo.path).casefold() not in text and str(Path(demo.path).parent).casefold() not in text
        assert str(Path.home()).casefold() not in text
        user = getpass.getuser()
        if len(user) >= 3:
            assert f"/{user}".casefold() not in text
        assert check_share(path, demo) == []
    # the period's charts, static SVG inside the files, drawn from frames: no journal text in them
    assert len(result.pack.charts) >= 3
    page = next(p for p in result.paths if p.suffix == ".html").read_text(encoding="utf-8")
    assert page.count('<img class="chart" alt="') == len(result.pack.charts)
    titles = [e.title for e in demo.entries() if len(e.title) > 12]
    for _, _, svg in result.pack.charts:
        assert svg.lstrip().startswith("<svg") and not any(t in svg for t in titles)
    nb = nbformat.read(result.notebook, as_version=4)
    nbformat.validate(nb)
    assert "widgets" not in nb.metadata and all(c.cell_type == "markdown" for c in nb.cells)
    assert verify(demo, nb.metadata["workbook_pack"])
    assert nb.metadata["workbook_pack"]["entries"] == [e.id for e in flagged]
    assert set(nb.metadata) == {"kernelspec", "language_info", "workbook_pack"}


def test_the_notebook_has_a_feedback_cell_under_each_entry_and_one_at_the_end(named):
    journal, one, two = named
    pack = build_pack(supervision_pack(journal, entry_ids=[one.id, two.id], decisions="accept"), charts=False)
    cells = notebook_of(pack).cells
    marks = [c.metadata["workbook_pack"] for c in cells]
    entries = [i for i, m in enumerate(marks) if m["part"] == "entry"]
    assert [marks[i]["entry_id"] for i in entries] == [one.id, two.id]
    for i in entries:
        assert marks[i + 1] == {"part": "feedback", "entry_id": marks[i]["entry_id"]}
        assert cells[i + 1].source == FEEDBACK_PLACEHOLDER
    assert marks[-1] == {"part": "feedback", "entry_id": None} and cells[-1].source == GENERAL_FEEDBACK_PLACEHOLDER
    assert all(c.get("outputs") is None and c.cell_type == "markdown" for c in cells)


@pytest.fixture
def hostile(journal):
    entry = journal.add(
        title="<script>alert('title')</script> & <b>bold</b>",
        narrative="\n\n".join(HOSTILE),
        actions=[{"text": "<img src=x onerror=alert(4)> follow up"}],
    )
    return journal, entry


def _assert_inert_html(rendered: str, charts: int) -> None:
    """Parsed as a browser would: no element that runs or fetches, no handler, no link out,
    and images only the charts (data: URIs)."""
    soup = BeautifulSoup(rendered, "html.parser")
    assert soup.find_all(["script", "iframe", "object", "embed", "svg", "base", "link", "form", "b"]) == []
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag.name
        for attr in ("href", "src", "action", "srcset", "poster"):
            value = str(tag.get(attr, ""))
            assert not value or value.startswith(("#entry-", "data:image/svg+xml;base64,")), value
    images = soup.find_all("img")
    assert len(images) == charts
    assert [a for a in soup.find_all("a") if not str(a.get("href", "")).startswith("#entry-")] == []


def test_journal_text_in_the_html_pack_is_escaped(hostile, tmp_path):
    journal, entry = hostile
    written = supervision_pack(journal, entry_ids=[entry.id], decisions="dismiss").write(tmp_path, charts=False)
    page = next(p for p in written.paths if p.suffix == ".html").read_text(encoding="utf-8")
    _assert_inert_html(page, charts=0)
    assert "Content-Security-Policy" in page and "default-src &#x27;none&#x27;" in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page  # shown as typed
    lowered = page.casefold()  # not even escaped text looks like a handler or a script URL
    assert "onerror=" not in lowered and "javascript:" not in lowered and "<script" not in lowered
    assert "[click me](javascript&#58;alert(1))" in page


def test_journal_text_in_the_notebook_renders_as_text(hostile, tmp_path):
    journal, entry = hostile
    written = supervision_pack(journal, entry_ids=[entry.id], decisions="dismiss").write(tmp_path, charts=False)
    nb = nbformat.read(written.notebook, as_version=4)
    render = mistune.create_markdown(escape=False)  # raw HTML passes, as in a notebook
    for cell in nb.cells:
        out = render(cell.source)
        _assert_inert_html(out, charts=0)
    entry_cell = next(c for c in nb.cells if c.metadata["workbook_pack"]["part"] == "entry")
    out = render(entry_cell.source)
    assert "&lt;script&gt;" in out and "[click me]" in out and "$x^2$" in out.replace("\\", "")
    assert "<blockquote>" not in out and "<hr" not in out and "<em>" not in out and "<strong>bold" not in out


def test_leak_check_refuses_an_unsafe_pack_and_writes_nothing(named, tmp_path):
    journal, one, _ = named
    draft = supervision_pack(journal, entry_ids=[one.id])
    alias = next(f for f in draft.findings if f.kind == "alias")
    draft.answer(alias.id, "change", "Quenby Thistlewood")  # a registered name typed back in
    draft.answer_all("accept")
    with pytest.raises(UnsafePackError, match="register-name") as caught:
        draft.write(tmp_path, charts=False)
    assert list(tmp_path.iterdir()) == []
    keys = sorted({f"{f.kind}:{f.place.split(' ', 1)[1]}" for f in caught.value.findings})
    written = draft.write(tmp_path, charts=False, overrides=keys)  # overridden one by one, by place
    assert len(written.overridden) == len(caught.value.findings)
    assert len(list(tmp_path.iterdir())) == 2


def test_one_entry_alone_as_markdown_and_html(hostile, tmp_path):
    journal, entry = hostile
    pack = build_pack(supervision_pack(journal, entry_ids=[entry.id], decisions="dismiss"), charts=False)
    md = entry_as_markdown(pack)
    header = json.loads(md.splitlines()[0].removeprefix("<!-- workbook-pack: ").removesuffix(" -->"))
    assert header["entries"] == [entry.id] and verify(journal, header)
    _assert_inert_html(mistune.create_markdown(escape=False)(md), charts=0)
    _assert_inert_html(entry_as_html(pack), charts=0)
    for fmt, suffix in (("markdown", ".md"), ("html", ".html")):
        path = write_entry(pack, tmp_path, fmt=fmt)
        assert path.suffix == suffix and stat.S_IMODE(path.stat().st_mode) == 0o600
        assert check_share(path, journal) == [] or all(f.kind == "identifier" for f in check_share(path, journal))
    two = journal.add(title="Another")
    wide = build_pack(supervision_pack(journal, entry_ids=[entry.id, two.id], decisions="dismiss"), charts=False)
    with pytest.raises(ValidationError, match="one entry"):
        entry_as_markdown(wide)


def test_an_encrypted_pack_is_written_only_encrypted(named, tmp_path):
    from workbook.supervision.crypt import decrypt_bytes

    journal, one, _ = named
    written = supervision_pack(journal, entry_ids=[one.id], decisions="accept").write(
        tmp_path, charts=False, passphrase="correct horse battery"
    )
    assert sorted(p.name.rsplit(".", 2)[-2] + "." + p.suffix[1:] for p in written.paths) == ["html.age", "ipynb.age"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written.paths)
    nb = nbformat.reads(decrypt_bytes(written.notebook.read_bytes(), "correct horse battery").decode(), as_version=4)
    assert nb.metadata["workbook_pack"]["entries"] == [one.id]


def test_the_public_api_drives_the_whole_flow(named, tmp_path):
    journal, one, _ = named
    draft = wb.supervision_pack(journal, wb.PackChoice(entry_ids=(one.id,), role="peer"))
    assert draft.unanswered()
    draft.answer_all(lambda f: "accept" if f.kind != "possible_name" else ("change", "a neighbour"))
    written = draft.write(tmp_path, html=False, charts=False)
    (path,) = written.paths
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["workbook_pack"]["role"] == "peer" and "a neighbour" in nbformat.writes(nb)
    with pytest.raises(ValidationError, match="not both"):
        wb.supervision_pack(journal, wb.PackChoice(flagged=True), flagged=True)
