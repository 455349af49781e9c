"""The body's structural defect classes, one table of written snippets per class.

Every snippet is written for this file, imitating a real cable of ``../shared`` (cited in
its id); each is wrapped into a whole text-layout cable and parsed by ``parse_cable``, so
the table pins what a user of the tables sees: paragraphs, headings, notes, summary.
"""

from __future__ import annotations

import pytest

from transforms.parse import ParsedCable, parse_cable
from transforms.readers import read_cables

_META = "09VALLETTA77\nTITLE\nMon Feb 02 00:00:00 +0100 2009\nCONFIDENTIAL\nEmbassy Valletta\n"
_ROUTING = (
    "VZCZCXRO0077\nPP RUEHC\nDE RUEHVL #0077 0331200\nZNY CCCCC ZZH\nP 021200Z FEB 09\n"
    "FM AMEMBASSY VALLETTA\nTO RUEHC/SECSTATE WASHDC PRIORITY 1234\n"
)
_BANNER = "C O N F I D E N T I A L VALLETTA 000077 \n \nSIPDIS \n \n"
_FIELDS = "E.O. 12958: DECL: 02/02/2019 \nTAGS: PREL MT\nSUBJECT: FERRY TALKS RESUME \n \n"


def parsed(body: str, head: str = _BANNER + _FIELDS) -> ParsedCable:
    """``body`` (what follows the head) as the body of a whole cable, parsed."""
    raw = next(read_cables((_META + _ROUTING + head + body).encode(), "09VALLETTA77.txt"))
    cable = parse_cable(raw)
    assert isinstance(cable, ParsedCable)
    return cable


def rows(cable: ParsedCable) -> list[tuple[str | None, str | None, str]]:
    """(number, heading, first 40 characters of the text) of every paragraph."""
    return [(p["number"], p["heading"], p["text"][:40]) for p in cable.paragraphs]


# 1. Header debris: a field's wrapped tail, REF items after blank lines, a second head.
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Classified By: Pol/Econ Chief J. Smith, \nfor reasons 1.4 (b) and (d). \n \n"
            "\u00b61. (C) The minister said so. \n",
            [("1", None, "The minister said so.")],
            id="05BOGOTA1775-wrapped-reasons",
        ),
        pytest.param(
            "Classified By: Ambassador W. Wood. \nReasons: 1.4 (b) and (d) \n \n"
            "------- \nSUMMARY \n------- \n\u00b61. (C) The minister said so. \n",
            [("1", "SUMMARY", "The minister said so.")],
            id="06BOGOTA4988-reasons-line-after-full-stop",
        ),
        pytest.param(
            "REF: A. MADRID 881 \n \n\u00b6B. MADRID 919 \n\u00b6C. MADRID 812 \n \n"
            "Classified By: DCM C. Urban, \nreasons 1.4(B) and (D). \n \n"
            "\u00b61. (C) Summary: The party won. \n",
            [("1", None, "Summary: The party won.")],
            id="04MADRID961-ref-items-after-blank",
        ),
        pytest.param(
            "REF: A. (A) NAIROBI 988 \n \n     \u00b6B. (B) NAIROBI 1114 \n"
            "     \u00b6C. (C) NAIROBI 1023 \n \n"
            "Classified By: A/DCM M. Fitz.  Reasons 1.4 (b,d) \n \n"
            "\u00b61. (C) SUMMARY: They spoke. \n",
            [("1", None, "SUMMARY: They spoke.")],
            id="06NAIROBI1187-letter-written-twice",
        ),
        pytest.param(
            "REFS: \n(A) 2005 STATE 165022 \n(B) 2005 MOSCOW 11807 \n(C) 2005 STATE 117165 \n \n"
            "\u00b61. (S/NF) The transfer is near. \n",
            [("1", None, "The transfer is near.")],
            id="09STATE14070-ref-letter-looks-like-a-mark",
        ),
        pytest.param(
            "REF: 08 STATE 74840 \n \na. COUNTRY CONDITIONS: Fraud level low. Posts see few. \n"
            " \nb. NIV FRAUD: None seen this year by the section. \n",
            [(None, None, "a. COUNTRY CONDITIONS: Fraud level low. "),
             (None, None, "b. NIV FRAUD: None seen this year by the")],
            id="09TRIPOLI269-lettered-items-are-no-ref-items",
        ),
        pytest.param(
            "SUBJECT: A/S VISIT TO THE MINISTRY OF \nAFFAIRS WITH COUNTERPARTS Classified By: "
            "Ambassador M. Scobey for reasons 1.4 (b) and (d).\n1.(C) Key Points: -- They met.\n",
            [("1", None, "Key Points: -- They met.")],
            id="09CAIRO2130-classified-by-glued-to-subject",
        ),
        pytest.param(
            "\u00b61. Classified by Acting A/S A. Arvizu. Reason: 1.4 (d) \n \n"
            "\u00b62. (U) March 24; Washington. \n",
            [("1", None, "Classified by Acting A/S A. Arvizu. Reas"),
             ("2", None, "March 24; Washington.")],
            id="09STATE30049-own-numbered-first-paragraph-stays",
        ),
    ],
)
def test_header_debris(body: str, expected: list) -> None:
    assert rows(parsed(body)) == expected


def test_a_second_head_after_a_preview_is_not_text() -> None:
    # imitates 07MOSCOW1704: a preview cut at "...", then the full copy, head on one line
    preview = "C O N F I D E N T I A L MOSCOW 001704 \n \nSIPDIS \n \nSUBJECT: RUSSIAN SCIEN...\n"
    full = (
        "C O N F I D E N T I A L MOSCOW 001704 SIPDIS STATE FOR EUR/RUS E.O. 12958: DECL: "
        "04/13/2017 TAGS: KIPR RS\n\nSUBJECT: RUSSIAN SCIENCE CHIEF ON NUCLEAR PLANS \n\n"
        "Classified By: EST Counselor D. Grady. Reasons: 1.4 (d) \n\n"
        "\u00b61. (C) SUMMARY: The director weighed in. END SUMMARY.\n"
    )
    cable = parsed(full, head=preview + "\n")
    assert rows(cable) == [("1", None, "SUMMARY: The director weighed in. END SU")]
    assert cable.cable["subject"] == "RUSSIAN SCIENCE CHIEF ON NUCLEAR PLANS"
    assert cable.cable["head_notes"] == ["STATE FOR EUR/RUS"]
    assert cable.cable["summary"] == "The director weighed in."


# 2. Banners before a paragraph are its heading, never a paragraph.
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "------- SUMMARY -------\n\n1.(SBU) A new law.\n\n------------- NEW DRAFT -------------"
            "\n\n2.(SBU) The ministry said.\n",
            [("1", "SUMMARY", "A new law."), ("2", "NEW DRAFT", "The ministry said.")],
            id="08MOSCOW499-ruled-titles",
        ),
        pytest.param(
            "------- \nSummary \n------- \n \n\u00b61. (C) The church spoke. \n",
            [("1", "Summary", "The church spoke.")],
            id="05BOGOTA9257-boxed-label",
        ),
        pytest.param(
            "Summary \n \n\u00b61. (C) The talks stalled. \n",
            [("1", "Summary", "The talks stalled.")],
            id="06BOGOTA10571-label-alone",
        ),
        pytest.param(
            "Summary: \n \nThe economy turns on coca. \n \nCoalition Under Strain \n \n"
            "The parties split. \n",
            [(None, "Summary", "The economy turns on coca."),
             (None, "Coalition Under Strain", "The parties split.")],
            id="06LIMA4516-unnumbered-body",
        ),
        pytest.param(
            "\u00b63. (C) They agreed. \n \nA FIFTY PERCENT CHANCE OF BEING FRANCE'S \n"
            "---------------------------------------- \nNEXT PRESIDENT \n-------------- \n"
            "\u00b64. (C) Royal won. \n",
            [("3", None, "They agreed."),
             ("4", "A FIFTY PERCENT CHANCE OF BEING FRANCE'S NEXT PRESIDENT", "Royal won.")],
            id="06PARIS7424-heading-wrapped-over-two-rules",
        ),
        pytest.param(
            "------------------------- \nIII. Country actions in 2003 \n------------------------- "
            "\n \n------------------ \nPolicy Initiatives \n------------------ \n"
            "\u00b63. Major initiatives include: \n",
            [("3", "III. Country actions in 2003 / Policy Initiatives",
              "Major initiatives include:")],
            id="04THEHAGUE4-section-and-subsection",
        ),
        pytest.param(
            "\u00b61. (C) He served. \n \n------------------------ \nBernat Soria Escoms \n"
            "Minister of Health \n-------------------------- \n \nMinister since 2007. \n",
            [("1", None, "He served."),
             (None, "Bernat Soria Escoms Minister of Health", "Minister since 2007.")],
            id="08MADRID552-name-and-title-boxed",
        ),
        pytest.param(
            "\u00b61. (C) SUMMARY. Talks went well. \n \n"
            "MIDDLE EAST PEACE ------------------------- 2. (C) The Council said.\n",
            [("1", None, "SUMMARY. Talks went well."),
             ("2", "MIDDLE EAST PEACE", "The Council said.")],
            id="04BRUSSELS4944-heading-glued-to-marker",
        ),
        pytest.param(
            "1.(U) This message answers State 39410. ------- SUMMARY -------\n\n"
            "2.(SBU) Prices rose. End Summary. ----------- SUPPLY AND DEMAND -----------\n\n"
            "3.(U) Supply fell.\n",
            [("1", None, "This message answers State 39410."),
             ("2", "SUMMARY", "Prices rose. End Summary."),
             ("3", "SUPPLY AND DEMAND", "Supply fell.")],
            id="08MANAMA301-ruled-titles-glued-after-sentences",
        ),
    ],
)
def test_banners_are_headings(body: str, expected: list) -> None:
    assert rows(parsed(body)) == expected


def test_a_rule_after_a_blank_line_underlines_nothing() -> None:
    # imitates 08SANJOSE71: the last line of a paragraph, blank lines, then a boxed title
    body = (
        "\u00b64. (SBU) SOUTHCOM and ODR staff \n \nbegan considering ways to help. \n \n \n"
        "================= \nREFINING THE PLAN \n================= \n \n\u00b65. (SBU) Next.\n"
    )
    cable = parsed(body)
    assert cable.paragraphs[0]["text"] == "SOUTHCOM and ODR staff began considering ways to help."
    assert rows(cable)[1] == ("5", "REFINING THE PLAN", "Next.")


def test_the_website_line_is_a_note_not_a_heading() -> None:
    # imitates 09ASUNCION14: the post's website line between the last paragraph and signer
    body = (
        "\u00b62. (C) Comment: they agreed. END COMMENT. \n \n"
        "Please visit us at http://www.state.sgov.gov/p/wha/x \n \nFITZPATRICK \n"
    )
    cable = parsed(body)
    assert rows(cable) == [("2", None, "Comment: they agreed. END COMMENT.")]
    assert cable.cable["head_notes"] == ["Please visit us at http://www.state.sgov.gov/p/wha/x"]


# 3. The summary: never a label, banner or mark remnant, never before its label.
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("\u00b61. SUMMARY: (SBU) Officials said no. END SUMMARY. \n",
                     "Officials said no.", id="mark-after-label"),
        pytest.param("\u00b61. (C) Summary and Comment: Both met. End Summary and Comment. \n",
                     "Both met.", id="04BRASILIA1938-and-comment"),
        pytest.param("\u00b61. (C) BEGIN SUMMARY: Both met. END SUMMARY. \n", "Both met.",
                     id="09USNATO397-begin-summary"),
        pytest.param("\u00b61. (C) I. Summary: Both met. \n", "Both met.", id="numbered-label"),
        pytest.param("\u00b61. (C) SUMMAY: Both met. END SUMMARY. \n", "Both met.", id="typo"),
        pytest.param("\u00b61. (U) SUMMARY (U) Costa Rica recognised the PRC. \n",
                     "Costa Rica recognised the PRC.", id="07SANJOSE1173-no-stop-mark-after"),
        pytest.param("\u00b61.  C)  Summary  DHS Secretary Chertoff stressed ties. \n",
                     "DHS Secretary Chertoff stressed ties.", id="08MEXICO714-damaged-mark"),
        pytest.param("\u00b61. (U) This is an action request. See para 5. Summary: Act now. \n"
                     "\u00b62. (U) More. \n", "Act now.", id="06LIMA748-action-request-first"),
        pytest.param("\u00b61. (C) C-ENTIRE TEXT. BEGIN SUMMARY: Weeks ago. END SUMMARY. \n",
                     "Weeks ago.", id="85BEIRUT1014-label-after-a-note"),
        pytest.param("\u00b61. (C) Summary from the NAC Meeting: -- Afghanistan: ISAF grew. \n",
                     "Afghanistan: ISAF grew.", id="07USNATO649-summary-from"),
        pytest.param("\u00b61. (C) Summary. \n1. (C) Summary. The conditions differ. \n",
                     "The conditions differ.", id="08ROME1406-marker-printed-twice"),
        pytest.param("\u00b61. (U) Paragraph 2 is an action request. \n \n"
                     "\u00b62. (C) Summary and Action Request. The president comes. "
                     "End Summary and Action Request. \n",
                     "The president comes.", id="09BRASILIA1300-summary-and-action-request"),
        pytest.param("\u00b61. (SBU) The first of three cables. \n \nSUMMARY AND INTRODUCTION \n"
                     + "\u2010" * 8 + " \n \n\u00b62. (C) The record is mixed. "
                     "END SUMMARY AND INTRODUCTION. \n", "The record is mixed.",
                     id="05PANAMA1729-unicode-rule"),
        pytest.param("\u00b61. (C) The minister told us plenty. END SUMMARY. \n \n"
                     "\u00b62. (C) More. \n",
                     "The minister told us plenty.", id="10BERLIN164-end-summary-without-label"),
        pytest.param("------ \nSummary \n------ \n\u00b61. (C) The talks stalled. \n"
                     "\u00b62. (C) More. \n", "The talks stalled.",
                     id="no-end-summary-is-its-paragraph"),
    ],
)
def test_summary_text(body: str, expected: str) -> None:
    assert parsed(body).cable["summary"] == expected


# 4. Run-on first paragraphs: the field and paragraph 1 are both found.
@pytest.mark.parametrize(
    ("head", "expected_rows", "field", "value"),
    [
        pytest.param(
            _BANNER + _FIELDS + "REF: STATE 12345 1. (SBU) Summary: The minister spoke. \n",
            [("1", None, "Summary: The minister spoke.")], "summary", "The minister spoke.",
            id="ref-run-on",
        ),
        pytest.param(
            _BANNER + _FIELDS + "Classified By: Acting DCM R. Gar, Reasons 1.4 (b) (d) 1. (C) "
            "Summary: BP saw declines. \n",
            [("1", None, "Summary: BP saw declines.")], "classified_by", ["R. Gar"],
            id="08BAKU761-classified-by-run-on",
        ),
        pytest.param(
            _BANNER + _FIELDS + "Classified By: Pol Chief J. Smith, 1.4 (d). (C) The minister left."
            "\n",
            [(None, None, "The minister left.")], "classified_by", ["J. Smith"],
            id="classified-by-run-on-mark-only",
        ),
        pytest.param(
            _BANNER + _FIELDS + "1.KEY POINTS -- (C) The talks went well. \n \n2.Summary: None. \n",
            [("1", None, "KEY POINTS -- (C) The talks went well."), ("2", None, "Summary: None.")],
            "paragraph_count", 2, id="09CAIRO2130-number-glued-to-text",
        ),
        pytest.param(
            _BANNER + _FIELDS + "\u00b61. (U) This cable is sensitive but unclassified. \n \n"
            "\u00b62. (U) The ministry agreed. \n",
            [("1", None, "This cable is sensitive but unclassified"),
             ("2", None, "The ministry agreed.")],
            "paragraph_count", 2, id="paragraph-one-is-a-caveat-sentence",
        ),
    ],
)
def test_run_on_first_paragraphs(head: str, expected_rows: list, field: str, value) -> None:
    cable = parsed("", head=head)
    assert rows(cable) == expected_rows
    assert cable.cable[field] == value


# 5. No lost text: every layout keeps every line, with no backslash left.
_WRAPPED = (
    "\u00b61. (C) This cable takes an in-depth look at the President's \n \nclosest advisors "
    "and the people around them at this time. \n \nIt is based on many interviews and on "
    "the press. \n \n \n\u00b62. (C) Since coming to office the President has \n \nrelied on "
    "a few. \n \nSIPDIS \n \nThey came from his home province with \n \nhim to the capital. "
    "\n \n \n"
)


def test_double_spaced_body_keeps_every_line() -> None:
    # imitates 05BUENOSAIRES141: a blank line after every line, two between paragraphs
    body = _WRAPPED * 4
    cable = parsed(body)
    texts = [p["text"] for p in cable.paragraphs]
    assert texts[0] == (
        "This cable takes an in-depth look at the President's closest advisors and the "
        "people around them at this time. It is based on many interviews and on the press."
    )
    assert texts[1] == (
        "Since coming to office the President has relied on a few. They came from his home "
        "province with him to the capital."
    )
    assert len(texts) == 8 and all(p["heading"] is None for p in cable.paragraphs)


def test_backslash_layout_keeps_every_line_without_backslashes() -> None:
    # imitates 06BERN1280: a dump row of the cable itself, every line ending " \"
    row = (
        "2006-07-10 14:51:00\t09VALLETTA77\tEmbassy Valletta\tCONFIDENTIAL\t\tVZCZCXRO4324\\\n"
        "FM AMEMBASSY VALLETTA\\\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 2621\t"
        "C O N F I D E N T I A L VALLETTA 000077 \\\n \\\nSIPDIS \\\n \\\n"
        "E.O. 12958: DECL: 07/10/2016 \\\nTAGS: PREL KNNP \\\nSIPDIS\n"
        "SUBJECT: IRAN: LARIJANI MEETS THE \\\nFOREIGN MINISTER \\\n \\\n"
        "------- \\\nSummary \\\n------- \\\n \\\n"
        "1.(C) The negotiator met \\\nthe minister on July 8. \\\n \\\nCARTER \\\n"
    )
    cable = parsed(row, head="")
    assert rows(cable) == [("1", "Summary", "The negotiator met the minister on July ")]
    assert cable.cable["subject"] == "IRAN: LARIJANI MEETS THE FOREIGN MINISTER"
    assert cable.cable["has_dump_rows"] is True
    assert "\\" not in repr(cable.paragraphs) + str(cable.cable["summary"])


def test_tab_separated_layout_keeps_rules_and_headings() -> None:
    # imitates 05SANTIAGO2541: every line padded with tabs
    body = " \t\t\t\nSummary \t\t\t\t\n-------- \t\t\t\n \t\t\n\u00b61. (C) Pinera won. \t\t\n"
    assert rows(parsed(body)) == [("1", "Summary", "Pinera won.")]


def test_office_lines_and_handling_notes_land_in_head_notes() -> None:
    # imitates 09MOSCOW2366 and 09THEHAGUE546
    head = (
        "UNCLAS SECTION 01 OF 02 VALLETTA 000077 \n\nAIDAC STATE FOR USAID/E&E \n"
        "INTERIOR PLEASE PASS TO USFWS \n\nSENSITIVE \nSIPDIS \n\nE.O. 12958: N/A \n"
        "TAGS: SENV MT\nSUBJECT: ILLEGAL LOGGING \n\nREF: STATE 70837 SENSITIVE BUT UNCLASSIFIED;"
        " PLEASE HANDLE ACCORDINGLY.\n\n"
    )
    cable = parsed("\u00b61. (SBU) SUMMARY: Loggers act. \n", head=head)
    assert cable.cable["head_notes"] == [
        "AIDAC STATE FOR USAID/E&E",
        "INTERIOR PLEASE PASS TO USFWS",
        "SENSITIVE BUT UNCLASSIFIED; PLEASE HANDLE ACCORDINGLY.",
    ]
    assert rows(cable) == [("1", None, "SUMMARY: Loggers act.")]


# 6. Dump rows: flagged exactly when a row is there; no dump text reaches a field.
@pytest.mark.parametrize(
    ("body", "flag", "paragraphs"),
    [
        pytest.param(
            "\u00b61. (C) Our text. \nSMITH \n\n"
            '19260,7/30/2004 6:06,04XYZ123,"Embassy X",CONFIDENTIAL,,"VZCZC\nFM AMEMBASSY X",'
            '"C O N F I D E N T I A L X 000123\n\n1. (C) Another cable\'s text. \nJONES\n"\n',
            True, [("1", None, "Our text.")], id="09CAIRO189-csv-row-of-another-cable",
        ),
        pytest.param(
            "\u00b61. (C) Our text. \nSMITH \n\n=======================CABLE ENDS============\n\n"
            "Classified By: X...\n",
            False, [("1", None, "Our text.")], id="06BOGOTA1082-bare-cable-ends",
        ),
        pytest.param(
            "\u00b61. (C) Our text goes on and on about the tal...\n\n\n"
            '143233,2/27/2008 12:30,09VALLETTA77,"Embassy The Valletta",\nCONFIDENTIAL,,'
            '"VZCZCXYZ0003\nFM AMEMBASSY VALLETTA","C O N F I D E N T I A L VALLETTA 000077\n'
            'SIPDIS\n\nE.O. 12958: DECL: 02/02/2019 \nTAGS: PREL MT\nSUBJECT: FERRY TALKS RESUME'
            '\n\n\u00b61. (C) Our text goes on and on about the talks, and ""more"".\nSMITH\n"\n',
            True, [("1", None, 'Our text goes on and on about the talks,')],
            id="08THEHAGUE185-full-text-in-a-row-of-its-own",
        ),
    ],
)
def test_dump_rows(body: str, flag: bool, paragraphs: list) -> None:
    cable = parsed(body)
    assert cable.cable["has_dump_rows"] is flag
    assert rows(cable) == paragraphs
    assert cable.cable["signers"] == ["SMITH"]
    assert "Another cable" not in str(cable.cable["summary"]) + repr(cable.paragraphs)
