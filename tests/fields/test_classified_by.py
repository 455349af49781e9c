"""The Classified By line: where it is, where the person ends, reason letters, authority.

The persons' names are tested in ``test_classifier_names.py``, the real corpus in
``test_classified_by_corpus.py``.
"""

from __future__ import annotations

import time

import pytest

from transforms.fields.classified_by import ClassifiedBy, parse_classified_by


@pytest.mark.parametrize(
    ("body", "names", "reasons", "authority"),
    [
        pytest.param(
            "REF: X \n \nClassified By: Anne W. Patterson, for reasons 1.4 (b)(d) \n \n¶1. (C)",
            ["Anne W. Patterson"],
            ["b", "d"],
            "1.4",
            id="08ISLAMABAD421-seed",
        ),
        pytest.param(
            "Classified By: Ambassador Anne W. Patterson, reasons 1.4 (b) and (d)",
            ["Anne W. Patterson"],
            ["b", "d"],
            "1.4",
            id="ambassador-title",
        ),
        pytest.param(
            "CLASSIFIED BY: POLOFF JOHN SMITH, REASON 1.4(D)",
            ["JOHN SMITH"],
            ["d"],
            "1.4",
            id="upper-case-poloff",
        ),
        pytest.param(
            "CLASSIFIED BY DCM EARL IRVING. REASONS: 1.5 (B) AND (D).",
            ["EARL IRVING"],
            ["b", "d"],
            "1.5",
            id="00HARARE5461-no-colon",
        ),
        pytest.param(
            "Classified By: Pol Chief M. Fitzmaurice and Econ Chief T. Buckley, 1.4 (b)",
            ["M. Fitzmaurice", "T. Buckley"],
            ["b"],
            "1.4",
            id="two-people",
        ),
        pytest.param(
            "Classified By: Political and Economic Section Chief Rebecca Dunham for \nreasons"
            " 1.4 (b) and (d)",
            ["Rebecca Dunham"],
            ["b", "d"],
            "1.4",
            id="06VILNIUS945-and-inside-title",
        ),
        pytest.param(
            "Classified By: Acting Deputy Chief of Mission Marc Wall for Reasons 1.4\n (b) and"
            " (d)\n\n¶1. (C) SUM",
            ["Marc Wall"],
            ["b", "d"],
            "1.4",
            id="10TOKYO397-wrapped-reasons",
        ),
        pytest.param(
            "CLASSIFIED BY: Rose E. Gottemoeller, Assistant Secretary, Department of State, VCI;"
            " REASON: 1.4(B), (D) ",
            ["Rose E. Gottemoeller"],
            ["b", "d"],
            "1.4",
            id="10GENEVA249-title-after",
        ),
        pytest.param(
            "Classified By: Charge d'Affaires, a.i., Arnold A. Chacon \n \n1.(C) Summary",
            ["Arnold A. Chacon"],
            [],
            None,
            id="09MADRID1210-no-reasons",
        ),
        pytest.param(
            "Classified By: Charge d'Affaires Lisa Kubiske. Reason 1,4 (C)",
            ["Lisa Kubiske"],
            ["c"],
            "1.4",
            id="comma-authority",
        ),
        pytest.param(
            "Classified By: A/DCM D.C. McCullough, reason para 1.4 b, d",
            ["D.C. McCullough"],
            ["b", "d"],
            "1.4",
            id="05DHAKA3073-a-dcm",
        ),
        pytest.param(
            "Classified By: PolCouns Andre for reasons 1.4 B & D. \n",
            ["Andre"],
            ["b", "d"],
            "1.4",
            id="07NAIROBI4429-polcouns",
        ),
        pytest.param(
            "Classified By: CDA Damian R. Leader for reasons 1.4 (b) and (d)",
            ["Damian R. Leader"],
            ["b", "d"],
            "1.4",
            id="08VILNIUS657-surname-like-title",
        ),
        pytest.param(
            "CLASSIFIED BY: Weitzenkorn, Laurie, A/DCM, State\t REASON: 1.4(B), (D)",
            ["Laurie Weitzenkorn"],
            ["b", "d"],
            "1.4",
            id="09SANTIAGO933-surname-first",
        ),
        pytest.param(
            "1.  (U) CLASSIFIED BY THOMAS W. SIMONS, JR., AMBASSADOR.\nREASON:  1.5 (B), (C) AND"
            " (D).\n ",
            ["THOMAS W. SIMONS, JR."],
            ["b", "c", "d"],
            "1.5",
            id="96ISLAMABAD5972-jr",
        ),
        pytest.param(
            "Classified By: Amb. Carol van Voorst for reasons 1.4 (b) and (d).",
            ["Carol van Voorst"],
            ["b", "d"],
            "1.4",
            id="07REYKJAVIK166-particle",
        ),
        pytest.param(
            "Classified By: POLITICAL COUNSELOR DENNIS HEARNE. \n\nREASONS: 1.4 (B)(D) \n\n¶1.",
            ["DENNIS HEARNE"],
            ["b", "d"],
            "1.4",
            id="04BRASILIA991-reasons-after-blank",
        ),
        pytest.param(
            "Classified By: Pol Consul Dennis W. Hearne for Reasons 1.5a \n\n¶1. (C)",
            ["Dennis W. Hearne"],
            ["a"],
            "1.5",
            id="04BRASILIA1938-glued-letter",
        ),
        pytest.param(
            "Classified By: DCM\n\n¶1. (C) text",
            ["DCM"],
            [],
            None,
            id="title-only",
        ),
        pytest.param(
            "E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009 \nTAGS: EFIS",
            [],
            [],
            None,
            id="66BUENOSAIRES2481-declassified-by-is-not-classified-by",
        ),
        pytest.param(
            "¶1. (C) Summary.\n\n¶2. (C) The paper was classified by Ambassador X for 1.4 (b).",
            [],
            [],
            None,
            id="only-the-head-counts",
        ),
    ],
)
def test_parse_classified_by(
    body: str, names: list[str], reasons: list[str], authority: str | None
) -> None:
    assert parse_classified_by(body) == ClassifiedBy(names, reasons, authority)


@pytest.mark.parametrize("body", ["", "Classified By:", "Classified By: ;;; 1.4", "\x00", None])
def test_garbage_never_raises(body: str) -> None:
    assert isinstance(parse_classified_by(body), ClassifiedBy)


def test_pathological_input_is_fast() -> None:
    for body in ("Classified By: " + "A " * 100_000, "Classified By: " + "1" * 100_000):
        started = time.perf_counter()
        parse_classified_by(body)
        assert time.perf_counter() - started < 0.5  # never hang


@pytest.mark.parametrize(
    ("body", "names"),
    [
        pytest.param(
            "¶1. (C) Text.\n¶ 2. (C) The paper Ann Lee classified by 1.4 (b)", [], id="pilcrow-2"
        ),
        pytest.param("1. (C) Text.\n  2. Text.\nClassified By: Ann Lee, 1.4 (b)", [], id="line-2"),
        pytest.param(
            "¶1. (SBU) Text.\n\n¶2. (U) Classified by Acting DAS Ann Lee, Reasons 1.4\n(b).",
            ["Ann Lee"],
            id="08STATE103511-line-opens-paragraph-2",
        ),
        pytest.param(
            "Classified By: Ann Lee, 1.4 (b)\n¶1. Text\n 2. More\n¶2. Again", ["Ann Lee"],
            id="before-both-forms",
        ),
        pytest.param(
            "¶1. Text 12 2.5 ¶22 \n2.x\n Classified By: Ann Lee, 1.4 (b)", ["Ann Lee"],
            id="near-misses-of-both-forms",
        ),
    ],
)
def test_only_a_line_before_paragraph_2_counts(body: str, names: list[str]) -> None:
    """Before paragraph 2, or opening it; never prose inside a paragraph."""
    assert parse_classified_by(body).names == names


def _line(text: str) -> ClassifiedBy:
    return parse_classified_by(f"SUBJECT: X \n \n{text}\n \n¶1. (C) Summary. Text.")


@pytest.mark.parametrize(
    ("line", "names", "reasons"),
    [
        pytest.param(
            "Classified By: Ambassador Margaret Scobey per 1.4 (b) and (d).",
            ["Margaret Scobey"], ["b", "d"], id="09CAIRO1947-per",
        ),
        pytest.param(
            "Classified By: Ambassador Mark Langdale per section 1.4 (d)",
            ["Mark Langdale"], ["d"], id="06SANJOSE2371-per-section",
        ),
        pytest.param(
            "Classified By: Ambassador Carney by reasons 1.4 (b) and (d)",
            ["Carney"], ["b", "d"], id="09KABUL1874-by-reasons",
        ),
        pytest.param(
            "Classified By: DCM David J. Keegan for E.O. 12958, Reasons 1.4 (b) and (d).",
            ["David J. Keegan"], ["b", "d"], id="08WELLINGTON414-for-eo",
        ),
        pytest.param(
            "Classified By: AMB. DANILOVICH BASED UPON REASON 1.4(B)",
            ["DANILOVICH"], ["b"], id="05BRASILIA1067-based-upon",
        ),
        pytest.param(
            "Classified By: Charge d'Affaires a.i. Eric T. Schultz under Section 1.4 \n b/d",
            ["Eric T. Schultz"], ["b", "d"], id="05HARARE383-under-section",
        ),
        pytest.param(
            "Classified By: Under Secretary William J. Burns, Reasons 1.4. (B) and (D)",
            ["William J. Burns"], ["b", "d"], id="09STATE118094-under-secretary-is-a-title",
        ),
        pytest.param(
            "Classified By: DCM ROBERT E. WHITEHEAD DUE TO 1,4 (C) AND (D).",
            ["ROBERT E. WHITEHEAD"], ["c", "d"], id="04HARARE766-due-to",
        ),
        pytest.param(
            "Classified By: ECONOMIC COUNSELOR BOB SILVERMAN \n FOR 12958 1.4 B, D, AND E",
            ["BOB SILVERMAN"], ["b", "d", "e"], id="07RIYADH1028-bare-order-number",
        ),
        pytest.param(
            "Classified By: Ambassador James Moriarty for for reasons 1.4 b and d.",
            ["James Moriarty"], ["b", "d"], id="09DHAKA775-for-for",
        ),
        pytest.param(
            "Classified By: AMBASSADOR JOHN L. WITHERS II FR REASONS 1.4 (b) AND (d \n).",
            ["JOHN L. WITHERS II"], ["b", "d"], id="09TIRANA81-fr",
        ),
        pytest.param(
            "Classified By: Deputy Chief of Mission Jane Doe 1. (C) Summary follows",
            ["Jane Doe"], [], id="08VILNIUS666-glued-paragraph-one",
        ),
        pytest.param(
            "CLASSIFIED BY SECTION 1.5 (B)\nAND (D).", [], ["b", "d"],
            id="95TELAVIV17504-section-no-person",
        ),
        pytest.param(
            "Classified By: Derived from DSCG 05-01, b and d", [], [],
            id="09ISLAMABAD2185-derived-from-a-guide",
        ),
    ],
)
def test_the_person_stops_before_the_reasons(
    line: str, names: list[str], reasons: list[str]
) -> None:
    result = _line(line)
    assert (result.names, result.reasons) == (names, reasons)

@pytest.mark.parametrize(
    ("body", "names"),
    [
        pytest.param(
            "SUBJECT: SCENESETTER FOR THE VISIT TO BAHRAINClassified By: Charge d'Affaires a.i. "
            "Christopher Henzel for reasons 1. 4 (b) and (d)\n",
            ["Christopher Henzel"], id="08MANAMA496-label-glued-to-subject",
        ),
        pytest.param("CLASSIFIED \n \nBY: JOHN SMITH, REASON 1.5 (D)\n", ["JOHN SMITH"],
                     id="label-across-a-blank-line"),
        pytest.param("Classified ByMinister Counselor Jane Doe for reasons 1.4 (b)\n",
                     ["Jane Doe"], id="label-glued-to-title"),
        pytest.param(
            'C O R R E C T E D C O P Y (ADD "CLASSIFIED BY" LINE \n\nE.O. 12958: DECL: '
            "04/17/2018 \n\nCLASSIFIED BY POL/ECON CHIEF STEVEN FAGIN, REASONS 1.4 \n(B) AND (D)",
            ["STEVEN FAGIN"], id="08ASTANA760-correction-note",
        ),
        pytest.param(
            "Classified By: ADANA 222 \nADANA 216 \n \nClassified by DCM Nancy McEldowney; reasons "
            "1.4 b and d.\n",
            ["Nancy McEldowney"], id="05ANKARA7671-reference-list-then-the-line",
        ),
        pytest.param(
            "Classified By: Ambassador Ronald Spogli f...\n\nSUBJECT: THE COURTESY CALL \n \n"
            "Classified By: Ambassador Ronald Spogli for reasons 1.4 (b) and (d). \n",
            ["Ronald Spogli"], id="05ROME3081-truncated-then-full-copy",
        ),
        pytest.param(
            "CLASSIFIED BY AMB JOHN E. HERBST,...\n\nC o n f i d e n t i a l section 01 of 03 "
            "subject: x classified by amb John E. Herbst, reasons: 1.5 (b,d)\n",
            ["John E. Herbst"], id="00TASHKENT4223-full-copy-glued",
        ),
        pytest.param("Classified By: Politi...\n\nC O N F I D E N T I A L BEIJING 003107 ", [],
                     id="08BEIJING3107-truncated-no-full-copy"),
        pytest.param("Classified By: Ambass...\n\nS E C R E T SECTION 01 OF 04 TBILISI", [],
                     id="10TBILISI203-truncated-title"),
        pytest.param("Classified by: Donna A. Phelan, VCI/CCA Acting Offic...\n\n\nXXXXXXXXXXXX",
                     ["Donna A. Phelan"], id="09STATE93327-truncated-after-the-name"),
        pytest.param("Text classified by Jennifer Laurendeau, ...\n\nC O N F I D E N T I A L",
                     ["Jennifer Laurendeau"], id="08STATE85678-truncated-after-a-comma"),
    ],
)
def test_the_line_and_its_copies(body: str, names: list[str]) -> None:
    assert parse_classified_by(body).names == names


@pytest.mark.parametrize(
    ("body", "reasons"),
    [
        pytest.param(
            "Classified By: Deputy Chief of Mission Matthew Tueller per 1.4 (b) and (d).\n¶1. (C) "
            "On January 26", ["b", "d"], id="09CAIRO327-next-paragraph-mark",
        ),
        pytest.param(
            "Classified By: CDA Damian R. Leader for reasons 1.4 (b) and (d) 1. (C) Post shared",
            ["b", "d"], id="08VILNIUS666-glued-paragraph-mark",
        ),
        pytest.param(
            "Classified By: Donald A. Blome for reason 1.4 (b).\n1.(C) MFA Deputy Director",
            ["b"], id="09CAIRO1433-numbered-paragraph",
        ),
    ],
)
def test_reason_letters_stop_at_the_paragraph(body: str, reasons: list[str]) -> None:
    assert parse_classified_by(body).reasons == reasons
