"""Each kind of identifier found with its exact span; what is not an identifier left alone."""

from __future__ import annotations

import pytest

import workbook as wb
from workbook.privacy import KINDS, find_identifiers


def found(text: str, **register) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_identifiers(text, **register)]


@pytest.mark.parametrize(
    ("text", "kind", "match"),
    [
        ("Ring mum on 07700 900123 tonight.", "phone", "07700 900123"),
        ("The office is 020 7946 0321.", "phone", "020 7946 0321"),
        ("Bristol line (0117) 496 0555 after six.", "phone", "(0117) 496 0555"),
        ("Abroad: +44 7700 900987.", "phone", "+44 7700 900987"),
        ("Write to jo.bloggs@example.net soon.", "email", "jo.bloggs@example.net"),
        ("Near BS3 4QJ, by the park.", "postcode", "BS3 4QJ"),
        ("Postcode m14 5tq given.", "postcode", "m14 5tq"),
        ("NHS number 943 476 5919 on file.", "nhs_number", "943 476 5919"),
        ("NHS 9434765919 run together.", "nhs_number", "9434765919"),
        ("NI number AB 12 34 56 C noted.", "ni_number", "AB 12 34 56 C"),
        ("NINO JH123456D on the letter.", "ni_number", "JH123456D"),
        ("She was born 3 March 2011 here.", "date_of_birth", "3 March 2011"),
        ("Child (DOB 03/03/2011) at school.", "date_of_birth", "03/03/2011"),
        ("Note d.o.b. 3.3.11 on the form.", "date_of_birth", "3.3.11"),
        ("Date of birth: 21-07-2019.", "date_of_birth", "21-07-2019"),
        ("Born on the 14th of February 1987.", "date_of_birth", "14th of February 1987"),
        ("Date of birth 2011-03-03 on the referral.", "date_of_birth", "2011-03-03"),
        ("DOB: 1987/2/14, per the GP letter.", "date_of_birth", "1987/2/14"),
        ("They live at 14 Acacia Road now.", "address", "14 Acacia Road"),
        ("Moved to Flat 2, 7 Mill Lane last week.", "address", "Flat 2, 7 Mill Lane"),
        ("Grandad lives on Larch Crescent.", "address", "Larch Crescent"),
        ("Kai attends St Mary's Primary School.", "institution", "St Mary's Primary School"),
        ("She turned up at Riverside Academy.", "institution", "Riverside Academy"),
        ("He moved into Hillview Care Home.", "institution", "Hillview Care Home"),
        ("The GP at Northgate Surgery rang.", "institution", "Northgate Surgery"),
        ("Spoke to Keisha Brown at the gate.", "possible_name", "Keisha Brown"),
        ("Then Dr Okafor explained the scan.", "possible_name", "Dr Okafor"),
        ("Mrs B said she had not slept.", "possible_name", "Mrs B"),
        ("Dorota said the baby was unsettled.", "possible_name", "Dorota"),
    ],
)
def test_each_kind_is_found_with_its_span(text, kind, match):
    assert (kind, match) in found(text)
    (finding,) = [f for f in find_identifiers(text) if f.kind == kind]
    assert text[finding.start : finding.end] == finding.text == match


def test_registered_aliases_in_every_variant_become_their_pseudonym():
    aliases = {"Jo Bloggs": "Parent A", "Zoë Hartley": "Young person C"}
    text = "JO BLOGGS, jo bloggs and Jo Bloggs’s mum; Zoe Hartley and Zoë Hartley's sister."
    findings = find_identifiers(text, aliases=aliases)
    assert [(f.kind, f.text, f.replacement) for f in findings] == [
        ("alias", "JO BLOGGS", "Parent A"),
        ("alias", "jo bloggs", "Parent A"),
        ("alias", "Jo Bloggs", "Parent A"),
        ("alias", "Zoe Hartley", "Young person C"),
        ("alias", "Zoë Hartley", "Young person C"),
    ]


def test_a_one_word_alias_needs_its_capital():
    assert found("She rose early; Rose came later.", aliases={"Rose": "Carer B"}) == [("alias", "Rose")]


def test_an_nhs_number_with_a_wrong_check_digit_is_refused():
    assert found("NHS number 943 476 5919.") == [("nhs_number", "943 476 5919")]
    assert found("NHS number 943 476 5918.") == []
    assert found("NHS number 485 777 3456.") == []


NOT_IDENTIFIERS = [
    "The family were referred to the Family Drug and Alcohol Court in January.",
    "I used Gibbs, then Kolb's cycle, Johns' model, Rolfe and Schön in supervision on Monday.",
    "Child Pebble and Parent Willow were at contact with Young person B and Patient C.",
    "Children's Services, CAMHS, the NHS and the GP all attended in March.",
    "The Community Mental Health Team closed the referral on Friday.",
    "We completed the ReSPECT form and the Mental Capacity Act assessment.",
    "The Marie Curie nurse came overnight and Mum slept.",
    "Christmas was hard after the bereavement in December.",
]


@pytest.mark.parametrize("text", NOT_IDENTIFIERS)
def test_capitalised_words_that_are_not_identifiers_are_left_alone(text):
    assert found(text) == []
    assert wb.redact(text, flagged=True) == text


def test_registered_pseudonyms_are_never_flagged():
    assert found("Mr Willowby came with Bramble.", pseudonyms=["Mr Willowby", "Bramble"]) == []
    assert found("Mr Willowby came with Bramble.") == [("possible_name", "Mr Willowby"), ("possible_name", "Bramble")]


def test_overlapping_findings_keep_the_longest_and_most_specific():
    # the alias "Mary" lies inside an institution; an NHS number is also a possible phone shape
    findings = find_identifiers("At St Mary's Primary School, NHS 943 476 5919.", aliases={"Mary": "Child A"})
    assert [(f.kind, f.text) for f in findings] == [
        ("institution", "St Mary's Primary School"),
        ("nhs_number", "943 476 5919"),
    ]
    # a registered alias beats a guess that covers it
    assert found("Mrs Jo Bloggs rang.", aliases={"Jo Bloggs": "Parent A"}) == [("alias", "Jo Bloggs")]
    # an address swallows the capitalised words of its street
    assert found("Visit at 7 Mill Lane.") == [("address", "7 Mill Lane")]


def test_findings_carry_only_the_match_and_their_repr_hides_it():
    text = "A long private note about Keisha Brown and a lot else besides. " * 20
    finding = find_identifiers(text)[0]
    assert finding.text == "Keisha Brown"
    assert "Keisha" not in repr(finding) and "note" not in repr(finding)
    assert finding.flagged and finding.replacement == "[name?]"
    assert {f.kind for f in find_identifiers("07700 900123, Mr Jones")} <= set(KINDS)


def test_odd_input():
    assert find_identifiers("") == []
    assert find_identifiers("   \n\t") == []
    assert find_identifiers("12345 67890 !!! ??? @@@ 000 ### 1/2") == []
    for bad in (None, b"bytes", 42, ["text"]):
        with pytest.raises(wb.ValidationError) as caught:
            find_identifiers(bad)
        assert caught.value.field == "text"
    with pytest.raises(wb.ValidationError, match="aliases"):
        find_identifiers("x", aliases=["Jo"])
    with pytest.raises(wb.ValidationError, match="pseudonyms"):
        find_identifiers("x", pseudonyms="Parent A")


def test_huge_input_is_handled():
    text = ("Visited Jo Bloggs at 14 Acacia Road; call 07700 900123. " + "Nothing else happened today. " * 30) * 2000
    findings = find_identifiers(text, aliases={"Jo Bloggs": "Parent A"})
    assert len(findings) == 3 * 2000
    assert all(text[f.start : f.end] == f.text for f in findings)


def test_formatted_identifiers_are_settled_before_longer_guesses():
    from workbook.privacy.detect import _settle

    phone, address, name = (5, 10, "phone", "[phone]"), (0, 15, "address", "[address]"), (8, 30, "possible_name", "?")
    assert _settle(40, ([phone], [address], [name])) == [phone]
    assert _settle(40, ([], [address], [name])) == [address]


@pytest.mark.parametrize("unit", ["St ", "Mr ", "@", "Aa and ", "0117 ", "born "])
def test_repetitive_input_takes_linear_time(unit):
    """A run of 100,000 characters of one odd pattern: quadratic work here would take minutes."""
    import time

    text = unit * (100_000 // len(unit))
    start = time.perf_counter()
    find_identifiers(text)
    assert time.perf_counter() - start < 10


def test_every_line_ending_starts_a_sentence():
    for end in ("\n", "\r\n", "\r"):
        assert found(f"Notes written late{end}Quietly, we left{end}Afterwards I rang") == []
    assert found("we left and Quietly rang") == [("possible_name", "Quietly")]
