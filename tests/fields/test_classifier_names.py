"""The persons of a Classified By line: titles dropped, broken words joined, names whole."""

from __future__ import annotations

import pytest

from transforms.fields.classified_by import ClassifiedBy, parse_classified_by


def _line(text: str) -> ClassifiedBy:
    return parse_classified_by(f"SUBJECT: X \n \n{text}\n \n¶1. (C) Summary. Text.")


@pytest.mark.parametrize(
    ("line", "names", "reasons"),
    [
        pytest.param(
            "Classified By: Economic-Political Minister Counselor Donald A. Blome fo r reasons "
            "1.4 (b) and (d)",
            ["Donald A. Blome"], ["b", "d"], id="09CAIRO1366-stray-space",
        ),
        pytest.param(
            "Classified By: Acting Political Minster Counselor Benjamin Moeling. Re \nasons 1.4 "
            "(b/d).",
            ["Benjamin Moeling"], ["b", "d"], id="09BEIJING2063-reasons-broken",
        ),
        pytest.param(
            "Classified By: Economic Minister-Counselor John Desroche <br>\nr for reasons 1.4 b "
            "and d <br>",
            ["John Desrocher"], ["b", "d"], id="09BAGHDAD2744-name-broken-at-br",
        ),
        pytest.param(
            "Classified By: Deputy Coordinator Hoyt Y \nee for reasons 1.4 (b) and (d)",
            ["Hoyt Yee"], ["b", "d"], id="09KABUL2261-surname-broken",
        ),
        pytest.param(
            "Classified By: PolMC J \nosiah Rosenblatt for reasons 1.4 (B & D).",
            ["Josiah Rosenblatt"], ["b", "d"], id="07PARIS921-first-name-broken",
        ),
        pytest.param(
            "Classified By: DCM Robert Goldberg FO \nR REASONS 1.4(B), (D).",
            ["Robert Goldberg"], ["b", "d"], id="10BEIJING183-for-broken",
        ),
        pytest.param(
            "(C) CLASSIFIED BY MINISTER COUNSELOR FOR ECONOMIC AFFAIR \nS ROBERT LUKE; REASON 1.4 "
            "(B) AND (D).",
            ["ROBERT LUKE"], ["b", "d"], id="06BEIJING22125-title-broken",
        ),
        pytest.param(
            "Classified By: Political Counselor Kathy Fitzpatrick; reasons 1.4 (B) a\nnd (D).",
            ["Kathy Fitzpatrick"], ["b", "d"], id="05MADRID4054-and-broken-is-no-reason-a",
        ),
        pytest.param(
            "Classified By: Deputy Political Counselor Charles O. Blah \na, E.O. 12958, reasons "
            "1.4 (b) and (d).",
            ["Charles O. Blaha"], ["b", "d"], id="04ANKARA5764-last-letter-broken",
        ),
        pytest.param(
            "CLASSIFIED BY: CHARGE D'AFFAIRES A. I. CAROL URBAN, REASONS 1.4 B/D \\\n \\",
            ["CAROL URBAN"], ["b", "d"], id="06BERN1593-a-i-and-backslashes",
        ),
    ],
)
def test_broken_words_are_joined(line: str, names: list[str], reasons: list[str]) -> None:
    result = _line(line)
    assert (result.names, result.reasons) == (names, reasons)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        pytest.param("Classified By: Amabassador Marie Yovanovitch.  Reason 1.4 (B/D)",
                     ["Marie Yovanovitch"], id="08YEREVAN907-misspelt-ambassador"),
        pytest.param("CLASSIFIED BY: ACTING E/P CIEF JEFF ZAISER.  REASONS: 1.4(B,D).",
                     ["JEFF ZAISER"], id="06HONGKONG3109-misspelt-chief"),
        pytest.param("Classified By: ISN/MTR Direcotr Pam Durham. \nReason:  1.4 (B), (D).",
                     ["Pam Durham"], id="08STATE109148-misspelt-director"),
        pytest.param("Classified By: PolMinCons Greg Berry, reasons 1.4 (b/d).",
                     ["Greg Berry"], id="08LONDON2968-glued-offices"),
        pytest.param("Classified By: Mincouns William R. Stewart for reasons 1.4 (d)",
                     ["William R. Stewart"], id="08CAIRO2199-glued-lower-offices"),
        pytest.param("Classified By: Economic Minister-Counsellor \nRobert Pollard for reasons 1.4",
                     ["Robert Pollard"], id="08BERLIN1150-hyphenated-title"),
        pytest.param("Classified By: Acting DCM/Ted Osius for reasons 1.4 (b and d)",
                     ["Ted Osius"], id="07NEWDELHI5334-title-slash-name"),
        pytest.param("Classified By: Economic-Political Counselor Philip Kaplan (acting) for "
                     "reasons 1.4 (b) and (d)", ["Philip Kaplan"], id="09VIENNA912-parenthesis"),
        pytest.param("CLASSIFIED BY EUR/FO ? IAN KELLY, REASONS: 1.4 (B) AND (D).",
                     ["IAN KELLY"], id="09STATE14070-question-mark-dash"),
        pytest.param("1.  CLASSIFIED BY AMBASSADOR TO SUDAN TIMOTHY CARNEY.\nREASON 1.5(D).",
                     ["TIMOTHY CARNEY"], id="96NAIROBI6573-title-to-a-country"),
        pytest.param("Classified By: SCA/DAS for Central Asia George Krol \n \n 1.  (C) ",
                     ["George Krol"], id="08STATE67468-title-for-a-region"),
        pytest.param("Classified By: Conoff Walter Parrs III for Reasons 1.4 (b) and (d)",
                     ["Walter Parrs III"], id="06RANGOON1542-roman-suffix"),
        pytest.param("Classified By: Ambassador Robert O. Blake, Jr. for reasons 1.4 (b, d).",
                     ["Robert O. Blake, Jr."], id="05NEWDELHI2094-jr-keeps-its-dot"),
        pytest.param("CLASSIFIED BY: kathy schleigh, OMS, State, NAS; REASON 1.4(b)",
                     ["kathy schleigh"], id="10LIMA99-lower-case-name"),
        pytest.param("Classified By: CDA: Charles Barclay for reQ#8$UQ8ML#C may choke",
                     ["Charles Barclay"], id="09HAVANA665-garbled-reasons"),
        pytest.param("CLASSIFIED BY PAO KEVIN BROSNAHAN, REASON 1.4 (D)", ["KEVIN BROSNAHAN"],
                     id="office-acronym-in-capitals"),
        pytest.param("Classified By: Ambassador Marie Post for reasons 1.4 (b)", ["Marie Post"],
                     id="surname-that-is-a-title-word"),
        pytest.param("Classified By: Political Officer Jane DePuy for reasons 1.4 (b)",
                     ["Jane DePuy"], id="surname-like-a-misspelt-title"),
        pytest.param("Classified By: Gene Cretz Ambassador reasons 1.4 (b)", ["Gene Cretz"],
                     id="title-after-the-name-without-comma"),
        pytest.param("Classified By: Ambassador to the EU C. Boyden Gray for reasons 1.4",
                     ["C. Boyden Gray"], id="title-to-an-acronym"),
        pytest.param("Classified By: Ambassador William Wood and DCM Richard Norland for "
                     "reasons 1.4 (b)", ["William Wood", "Richard Norland"], id="two-persons"),
    ],
)
def test_titles_are_dropped_names_kept_whole(line: str, names: list[str]) -> None:
    assert _line(line).names == names
