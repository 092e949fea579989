"""references.py and data/references.yaml: one bibliography for the project.

Every citation in the vocabulary, the templates and the guided notebooks' reference lists
names an entry; every entry is complete for its type, says where it was checked, and is cited
somewhere (or marked as further reading). The checks are functions of a bibliography and a
list of citation strings, so the same checks are shown failing on broken in-memory examples.
"""

from __future__ import annotations

import functools
import importlib.util
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from workbook import DataFileError
from workbook.content.references import (
    CHECKED_PREFIXES,
    OWN_MARKERS,
    Bibliography,
    Reference,
    _load_file,
    load_references,
)
from workbook.content.reflective_models import load_templates
from workbook.content.vocab import load_vocabulary

ROOT = Path(__file__).resolve().parents[2]


# -- where the project cites works -----------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _guide_cells():
    spec = importlib.util.spec_from_file_location("_make_notebooks_for_prose", ROOT / "tools" / "make_notebooks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.guides()


def _guide_reference_lines() -> list[tuple[str, str]]:
    """Each reference in the guides' "### References" cells, as (notebook, text). A bulleted
    list gives one reference per bullet; a plain cell one per line that begins a citation,
    with the lines that continue it joined on."""
    bib = load_references()
    found: list[tuple[str, str]] = []
    for stem, cells in _guide_cells().items():
        for cell in cells:
            if cell.kind != "markdown" or not cell.text.lstrip().startswith("### References"):
                continue
            lines = [line.strip() for line in cell.text.strip().splitlines()[1:] if line.strip()]
            bulleted = any(line.startswith("* ") for line in lines)
            refs: list[str] = []
            for line in lines:
                starts = line.startswith("* ") if bulleted else any(c.start == 0 for c in bib.find(line).citations)
                if starts or not refs:
                    refs.append(line.removeprefix("* "))
                else:
                    refs[-1] += " " + line
            found += [(f"notebook {stem}", ref) for ref in refs]
    return found


def _strings(value, skip: str = "reference"):
    """Every string inside a parsed YAML value, the ``skip`` field's left out."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key != skip:
                yield from _strings(inner, skip)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner, skip)


def prose_sources() -> list[tuple[str, str]]:
    """Running text that may cite works: the guides' prose, the templates' and the vocabulary's
    text other than their reference fields, and the README."""
    import yaml

    found = []
    for stem, cells in _guide_cells().items():
        found += [
            (f"notebook {stem} prose", c.text)
            for c in cells
            if c.kind == "markdown" and not c.text.lstrip().startswith("### References")
        ]
    for path in [ROOT / "data" / "vocabulary.yaml", *sorted((ROOT / "data" / "templates").glob("*.yaml"))]:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(path.name, text) for text in _strings(doc)]
    return [*found, ("README.md", (ROOT / "README.md").read_text(encoding="utf-8"))]


def citation_sources() -> list[tuple[str, str]]:
    """Every free-text citation string in the project, as (where, text)."""
    sources = [(f"vocabulary.yaml tag {t.id}", t.reference) for t in load_vocabulary()]
    sources += [(f"templates/{t.id}.yaml", t.reference) for t in load_templates().values()]
    return sources + _guide_reference_lines()


# -- the checks, as functions (so a broken example can show each one failing) ----------------------
def unresolved(bib: Bibliography, sources: list[tuple[str, str]]) -> list[str]:
    """Each citation that names no entry, and each string that cites nothing at all."""
    problems = []
    for where, text in sources:
        found = bib.find(text)
        problems += [f"{where}: {p}" for p in found.unresolved]
        if not found.entries and not found.unresolved and not any(m in text for m in OWN_MARKERS):
            problems.append(f"{where}: {text!r} cites no work in the bibliography")
    return problems


def incomplete(bib: Bibliography) -> list[str]:
    return [
        f"{key} ({bib[key].type}, line {bib[key].line}) lacks {', '.join(fields)}"
        for key, fields in bib.incomplete().items()
    ]


def uncited(bib: Bibliography, sources: list[tuple[str, str]]) -> list[str]:
    cited = {e.key for _, text in sources for e in bib.find(text).entries}
    return [
        f"{r.key} is cited nowhere (cite it, or mark it further_reading: true)"
        for r in bib
        if r.key not in cited and not r.further_reading
    ]


def duplicate_keys(refs: list[Reference]) -> list[str]:
    return [key for key, n in Counter(r.key for r in refs).items() if n > 1]


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    return load_references()


@pytest.fixture(scope="module")
def sources() -> list[tuple[str, str]]:
    return citation_sources()


# -- the project's bibliography --------------------------------------------------------------------
def test_the_sources_are_all_read(sources):
    """The checks below see every tag, every template and every notebook's reference list."""
    wheres = {where.split(" tag ")[0] for where, _ in sources}
    assert "vocabulary.yaml" in wheres
    assert len([w for w, _ in sources if w.startswith("vocabulary")]) == len(load_vocabulary())
    assert len([w for w, _ in sources if w.startswith("templates/")]) >= 11
    notebooks = {w for w in wheres if w.startswith("notebook ")}
    assert {"notebook 00_start_here", "notebook 02_emotional_dynamics", "notebook 03_hard_conversations"} <= notebooks
    assert len([w for w, _ in sources if w.startswith("notebook")]) >= 30


def test_every_citation_names_an_entry(bib, sources):
    assert unresolved(bib, sources) == []


def prose_unresolved(bib: Bibliography, sources: list[tuple[str, str]]) -> list[str]:
    return [f"{where}: {p}" for where, text in sources for p in bib.find_in_prose(text).unresolved]


def test_every_citation_in_running_text_names_an_entry(bib):
    sources = prose_sources()
    assert len(sources) > 100
    assert sum(len(bib.find_in_prose(text).entries) for _, text in sources) >= 40
    assert prose_unresolved(bib, sources) == []


def test_each_notebook_lists_what_its_prose_cites(bib):
    for stem, cells in _guide_cells().items():
        cited, listed = set(), set()
        for cell in cells:
            if cell.kind != "markdown":
                continue
            if cell.text.lstrip().startswith("### References"):
                listed |= {e.key for e in bib.find(cell.text).entries}
            else:
                cited |= {e.key for e in bib.find_in_prose(cell.text).entries}
        assert cited - listed == set(), f"{stem}: cited in its prose but not in its references"


def test_running_text_citations(bib):
    def keys(text):
        return [e.key for e in bib.find_in_prose(text).entries]

    assert keys("Forrester and colleagues (2008a, b) found") == ["forrester-2008a", "forrester-2008b"]
    assert keys("(Forrester et al. 2008b; 2008a)") == ["forrester-2008b", "forrester-2008a"]
    assert keys("Driscoll (1994, 2007), after Borton (1970)") == ["driscoll-1994", "driscoll-2007", "borton-1970"]
    assert keys("through Carper's (1978) ways of knowing") == ["carper-1978"]
    assert keys("(Ruch 2005; Ruch, Turney & Ward 2010)") == ["ruch-2005", "ruch-2010"]
    assert keys("Hatton and Smith (1995)") == ["hatton-1995"]
    assert keys("the Guide (Ariadne Labs 2023)") == ["ariadne-labs-2023"]
    assert keys("Brookfield (1995/2017)") == ["brookfield-2017"]
    assert bib.find_in_prose("published in March 2025, revised Since 2019").citations == ()
    for wrong in (
        "Forrester and colleagues (2008)",
        "Cooper 2016",
        "(Nobody 2001)",
        "Nobody et al. 2001",
        "Forrester et al. 2008c",
    ):
        assert prose_unresolved(bib, [("x", wrong)]) != [], wrong


def test_every_entry_is_complete(bib):
    assert incomplete(bib) == []


def test_every_entry_says_where_it_was_checked(bib):
    for ref in bib:
        assert ref.checked.startswith(CHECKED_PREFIXES), ref.key
        prefix = next(p for p in CHECKED_PREFIXES if ref.checked.startswith(p))
        assert len(ref.checked) - len(prefix) >= 20, f"{ref.key}: say where and how it was checked"


def test_no_two_entries_share_a_key(bib):
    assert duplicate_keys(list(bib)) == []
    assert len({r.key for r in bib}) == len(bib) >= 60


def test_every_entry_is_cited_or_further_reading(bib, sources):
    assert uncited(bib, sources) == []


def test_every_entry_has_a_title_authors_and_a_year(bib):
    for ref in bib:
        assert ref.title.strip() and ref.authors and 1500 <= ref.year <= 2100, ref.key
        if ref.type == "article":
            assert str(ref.pages).count("-") == 1, f"{ref.key}: pages as first-last"


def test_forrester_2008a_and_2008b_are_told_apart(bib):
    a = "Forrester D, Kershaw S, Moss H, Hughes L. 2008a. Communication skills in child protection: how do social workers talk to parents? Child and Family Social Work 13(1):41-51."
    b = "Forrester D, McCambridge J, Waissbein C, Rollnick S. 2008b. How do child and family social workers talk to parents about child welfare concerns? Child Abuse Review 17(1):23-35."
    assert [e.key for e in bib.find(a).entries] == ["forrester-2008a"]
    assert [e.key for e in bib.find(b).entries] == ["forrester-2008b"]
    assert [e.key for e in bib.find(f"{a}; {b}").entries] == ["forrester-2008a", "forrester-2008b"]
    # without a or b, the title decides
    no_suffix = b.replace("2008b", "2008")
    assert [e.key for e in bib.find(no_suffix).entries] == ["forrester-2008b"]
    # the title of one under the year of the other: refused, with the reason
    swapped = a.replace("2008a", "2008b")
    found = bib.find(swapped)
    assert found.entries == () and "is not the title of forrester-2008b" in found.unresolved[0]
    assert bib["forrester-2008a"].journal == "Child and Family Social Work"
    assert bib["forrester-2008b"].journal == "Child Abuse Review"


def test_running_text_and_body_citations(bib):
    assert [e.key for e in bib.find("Hatton N, Smith D. 1995. Reflection in teacher education.").entries] == [
        "hatton-1995"
    ]
    assert [
        e.key for e in bib.find("Ruch G, Turney D, Ward A (eds). 2010. Relationship-Based Social Work.").entries
    ] == ["ruch-2010"]
    assert [e.key for e in bib.find("Baile WF, Buckman R et al. 2000. SPIKES – a six-step protocol.").entries] == [
        "baile-2000"
    ]
    assert [
        e.key for e in bib.find("Brookfield S. 1995/2017. *Becoming a Critically Reflective Teacher*.").entries
    ] == ["brookfield-2017"]
    assert [e.key for e in bib.find("Freud A. 1936. The Ego and the Mechanisms of Defence.").entries] == ["freud-1936"]
    assert [e.key for e in bib.find("Freud S. 1912. The dynamics of transference.").entries] == ["freud-1912"]
    assert [e.key for e in bib.find("Ariadne Labs. 2023. Serious Illness Conversation Guide.").entries] == [
        "ariadne-labs-2023"
    ]
    assert [e.key for e in bib.find("Reflective Workbook (context category); Care Act 2014, section 42.").entries] == [
        "care-act-2014"
    ]
    assert bib.find("Reflective Workbook (context category)").unresolved == ()


def test_labels_and_house_style(bib):
    assert bib["forrester-2008a"].label == "Forrester et al. 2008a"
    assert bib["hatton-1995"].label == "Hatton & Smith 1995"
    assert bib["schon-1983"].surname == "Schön"
    assert bib["johnstone-2015"].surname == "Johnstone"
    assert bib["forrester-2008b"].formatted() == (
        "Forrester D, McCambridge J, Waissbein C, Rollnick S. 2008b. How do child and family social workers talk "
        "to parents about child welfare concerns? Child Abuse Review 17(1):23-35."
    )
    assert bib["ruch-2010"].formatted().startswith("Ruch G, Turney D, Ward A (eds). 2010.")
    # every entry can be written out in house style, and reads back as itself
    for ref in bib:
        if not ref.cited_as:
            assert ref in bib.find(ref.formatted()).entries, ref.key


# -- the checks fail on broken examples -----------------------------------------------------------
ARTICLE = """\
  - key: smith-2001
    type: article
    authors: [Smith J, Jones K]
    year: 2001
    title: "A study of hard conversations"
    journal: Journal of Examples
    volume: 3
    issue: 2
    pages: 10-20
    checked: "Verified: against the journal's own page for this example."
"""


def _write(tmp_path: Path, entries: str) -> Path:
    path = tmp_path / "references.yaml"
    path.write_text("version: 1\nreferences:\n" + entries, encoding="utf-8")
    return path


def test_a_reference_with_no_entry_fails(tmp_path):
    bib = _load_file(_write(tmp_path, ARTICLE))
    good = [("tag x", "Smith J, Jones K. 2001. A study of hard conversations. Journal of Examples 3(2):10-20.")]
    assert unresolved(bib, good) == [] and uncited(bib, good) == []
    for text in (
        "Smyth J. 2001. A study of hard conversations.",  # misspelt author
        "Smith J, Jones K. 2002. A study of hard conversations.",  # wrong year
        "Smith J, Jones K. 2001b. A study of hard conversations.",  # a suffix no entry has
        "Smith J, Jones K. 2001. Another study altogether.",  # another work's title
        "Smith J, Jones K. 2001. A study of hard conversations; Nobody Else. 2019. A report.",  # one good, one unknown
        "Children Act 1989, section 47",  # a work with no entry
        "some words, citing nothing",
    ):
        assert unresolved(bib, [("tag x", text)]) != [], text


def test_an_incomplete_entry_fails(tmp_path):
    no_pages = ARTICLE.replace("    pages: 10-20\n", "")
    assert incomplete(_load_file(_write(tmp_path, no_pages))) == ["smith-2001 (article, line 3) lacks pages"]
    book = ARTICLE.replace("type: article", "type: book").replace("    journal: Journal of Examples\n", "")
    assert incomplete(_load_file(_write(tmp_path, book))) == ["smith-2001 (book, line 3) lacks publisher"]
    web = ARTICLE.replace("type: article", "type: web")
    assert "lacks published" in incomplete(_load_file(_write(tmp_path, web)))[0]


def test_an_uncited_entry_fails_unless_further_reading(tmp_path):
    bib = _load_file(_write(tmp_path, ARTICLE))
    assert uncited(bib, [("tag x", "Reflective Workbook (context category)")]) != []
    reading = _load_file(_write(tmp_path, ARTICLE + "    further_reading: true\n"))
    assert uncited(reading, [("tag x", "Reflective Workbook (context category)")]) == []


def test_two_works_of_one_author_and_year_need_a_or_b(tmp_path):
    twin = ARTICLE.replace("smith-2001", "smith-2001b").replace("hard conversations", "easy ones")
    both = ARTICLE.replace("smith-2001", "smith-2001a") + twin
    both = both.replace(
        '    year: 2001\n    title: "A study of hard', '    year: 2001\n    suffix: a\n    title: "A study of hard'
    )
    both = both.replace(
        '    year: 2001\n    title: "A study of easy', '    year: 2001\n    suffix: b\n    title: "A study of easy'
    )
    bib = _load_file(_write(tmp_path, both))
    assert "add a or b" in bib.find("Smith J, Jones K. 2001 found it.").unresolved[0]
    assert [e.key for e in bib.find("Smith J, Jones K. 2001b. A study of easy ones.").entries] == ["smith-2001b"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace('    checked: "Verified: against the journal\'s own page for this example."\n', ""),
            "'checked'",
        ),
        (lambda t: t.replace("Verified: against", "Looked at"), "'checked' must begin with"),
        (lambda t: t.replace("type: article", "type: pamphlet"), "'type' must be one of"),
        (lambda t: t.replace("year: 2001", "year: twenty"), "'year' must be a year"),
        (lambda t: t.replace("authors: [Smith J, Jones K]", "authors: []"), "'authors' must be a list"),
        (lambda t: t.replace("key: smith-2001", "key: Smith 2001"), "must be lowercase"),
        (lambda t: t.replace('    title: "A study of hard conversations"\n', ""), "'title'"),
        (lambda t: t + t, "is used twice (first at line 3)"),
    ],
)
def test_a_broken_file_is_reported_with_its_line(tmp_path, change, message):
    path = _write(tmp_path, change(ARTICLE))
    with pytest.raises(DataFileError) as info:
        _load_file(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.line is not None and info.value.line >= 3


def test_a_file_that_is_not_a_bibliography(tmp_path):
    path = tmp_path / "references.yaml"
    path.write_text("version: 1\nentries: []\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="needs a 'references' list"):
        _load_file(path)
    path.write_text(textwrap.dedent("references:\n  - [not, a, mapping]\n"), encoding="utf-8")
    with pytest.raises(DataFileError, match="each reference must be a mapping"):
        _load_file(path)


@pytest.mark.parametrize(
    "text",
    ["Smith J, " * 3000 + "2000", "Aa A, " * 4000, "Aa, " * 6000, "Abc" * 7000, "2000, " * 5000, "(" * 20000],
)
def test_long_repetitive_text_is_read_in_one_pass(bib, text):
    """Author lists and year lists are bounded, so a long run of names without a year (or of
    years without a name) is read in linear time; each of these takes well under a second."""
    assert bib.find(text).entries == ()
    assert bib.find_in_prose(text).entries == ()
