"""SUBJECT line parsing."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from transforms.fields.subject import Subject, parse_subject

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / ".." / "shared" / "cables" / "seed" / "000_271cbb6e049b91fc.txt"
CORPUS = REPO / ".." / "shared" / "cables"
_BANNER_START = re.compile(r"C O N F I D E N T I A L|S E C R E T|UNCLAS|LIMITED OFFICIAL USE")


def corpus_cables() -> list[tuple[str, list[str], str]]:
    """(name, metadata lines, approximate body) for every txt/alx cable, or skip."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/cables is absent")
    cables = []
    for folder in ("txt", "alx"):
        for path in sorted((CORPUS / folder).glob("*.txt")):
            lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
            telegram = "\n".join(lines[5:])
            start = _BANNER_START.search(telegram)
            cables.append((path.name, lines[:5], telegram[start.start() :] if start else telegram))
    return cables


HEAD = "C O N F I D E N T I A L SECTION 01 OF 02 BAGHDAD 000293 \n\nSIPDIS\n\nE.O. 12958: DECL\n"
HEAD += "TAGS: PGOV PREL IZ\n"


@pytest.mark.parametrize(
    ("body", "title", "expected"),
    [
        pytest.param(
            HEAD + "SUBJECT: MQM LOOKING FOR RESPECT \n \nREF: ISLAMABAD 405\n",
            None,
            Subject("MQM LOOKING FOR RESPECT", None),
            id="seed",
        ),
        pytest.param(
            HEAD + 'SUBJECT: BLUEBLOOD SHIA CLERIC COMMENTS ON "BACKWARD" \nSADRISTS '
            "AND SISTANI'S FEARS \n\nREF: 08 JAN 08\n",
            None,
            Subject(
                'BLUEBLOOD SHIA CLERIC COMMENTS ON "BACKWARD" SADRISTS AND SISTANI\'S FEARS', None
            ),
            id="multiline-08BAGHDAD293",
        ),
        pytest.param(
            HEAD + "SUBJECT: (S) UNMANNED USG AIRCRAFT WASHES ASHORE, OFFICIAL \nMEDIA "
            'REPORTS DOWNED IRANIAN "SPY PLANE" \n\nREF: STATE 32641\n',
            None,
            Subject(
                "UNMANNED USG AIRCRAFT WASHES ASHORE, OFFICIAL MEDIA REPORTS DOWNED "
                'IRANIAN "SPY PLANE"',
                "S",
            ),
            id="mark-07SANAA473",
        ),
        pytest.param(
            HEAD + "SUBJECT: (C/NF) UK SHARES U.S. GOALS ON IRAN REF: A. STATE 156409 "
            "B. STATE 157039 LONDON 00004328 001.2 OF 006\n",
            None,
            Subject("UK SHARES U.S. GOALS ON IRAN", "C/NF"),
            id="glued-ref-07LONDON4328",
        ),
        pytest.param(
            HEAD + "SUBJECT: PRIME MINISTER'S VISIT TO TRIPOLI TRIPOLI 00000476 001.2 OF "
            "002 CLASSIFIED BY: Gene Cretz\n",
            None,
            Subject("PRIME MINISTER'S VISIT TO TRIPOLI", None),
            id="glued-page-break-09TRIPOLI476",
        ),
        pytest.param(
            HEAD + "SUBJECT: GSP: FIRST US-BRAZIL IPR WORKING GROUP MEETING Classified "
            "By: Economic Officer\n",
            None,
            Subject("GSP: FIRST US-BRAZIL IPR WORKING GROUP MEETING", None),
            id="glued-classified-by-04BRASILIA2017",
        ),
        pytest.param(
            HEAD + "SUBJECT: IRAN: SWISS POLDIR TELLS EUR A/S FRIED HE \nIS GOING TO "
            "TEHRAN \nBERN 00000258 001.2 OF 002\n\n1. (C) Summary\n",
            None,
            Subject("IRAN: SWISS POLDIR TELLS EUR A/S FRIED HE IS GOING TO TEHRAN", None),
            id="page-break-line-07BERN258",
        ),
        pytest.param(
            HEAD + "SUBJECT: BLUEBLOOD CLERIC \nBAGHDAD 00000293 001.2 OF 002 \nON "
            "SADRISTS\n\nREF: X\n",
            None,
            Subject("BLUEBLOOD CLERIC ON SADRISTS", None),
            id="page-break-inside",
        ),
        pytest.param(
            HEAD + "SUBJECT: (C) SUBJECT: BRIEFING INFORMATION FOR OCTOBER 6\n\nREF: X\n",
            None,
            Subject("BRIEFING INFORMATION FOR OCTOBER 6", "C"),
            id="repeated-label-07PARAMARIBO510",
        ),
        pytest.param(
            HEAD + "SUBJECT:\n\nEGIS CHIEF DISCUSSES SUDAN Classified By: DCM\n",
            None,
            Subject("EGIS CHIEF DISCUSSES SUDAN", None),
            id="label-alone-09CAIRO1787",
        ),
        pytest.param(
            HEAD + "SUBJ: SAO PAULO GOVERNOR TALKS ABOUT ALLIANCES\n\n1. (U) Text\n",
            None,
            Subject("SAO PAULO GOVERNOR TALKS ABOUT ALLIANCES", None),
            id="subj",
        ),
        pytest.param(
            HEAD + "UBJECT: NEW DELHI WEEKLY ECON OFFICE HIGHLIGHTS\n\n",
            None,
            Subject("NEW DELHI WEEKLY ECON OFFICE HIGHLIGHTS", None),
            id="ubject",
        ),
        pytest.param(
            HEAD + "SUBJECT THE MEETING ON FRIDAY WITH THE MINISTER\n\nREF: X\n",
            None,
            Subject("THE MEETING ON FRIDAY WITH THE MINISTER", None),
            id="no-colon-and-weekday-kept",
        ),
        pytest.param(
            "E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, pins, tu Subject: turkish "
            "p.m. goes to washington\n",
            None,
            Subject("turkish p.m. goes to washington", None),
            id="glued-04ANKARA348",
        ),
        pytest.param(
            HEAD + "SUBJECT: MISSILE TECHNOLOGY CONTROL REGIME (MTCR)\n\n1. Text\n",
            None,
            Subject("MISSILE TECHNOLOGY CONTROL REGIME (MTCR)", None),
            id="trailing-acronym-kept",
        ),
        pytest.param(
            HEAD + "SUBJECT: (U) Secretary Clinton's March 24, 2009 \n\nConversation "
            "with Australian Prime Minister Kevin Rudd\n\nClassified By: X\n",
            None,
            Subject(
                "Secretary Clinton's March 24, 2009 Conversation with Australian "
                "Prime Minister Kevin Rudd",
                "U",
            ),
            id="blank-inside-09STATE30049",
        ),
        pytest.param(
            HEAD + "SUBJECT: EGYPT'S BIRD FLU VICTIM Sensitive but Unclassified. Please "
            "handle accordingly. (SBU) On February 8\n",
            None,
            Subject("EGYPT'S BIRD FLU VICTIM", None),
            id="glued-sbu-09CAIRO226",
        ),
        pytest.param(
            HEAD + "\n1. (C) Paragraph text.\nSUBJECT: DEEP IN THE TEXT\n",
            "THE TITLE LINE (CORRECTED COPY)",
            Subject("THE TITLE LINE", None),
            id="deep-label-ignored-title-fallback",
        ),
        pytest.param(
            HEAD + "\nREF: X\n", "(C) A TITLE", Subject("A TITLE", "C"), id="title-with-mark"
        ),
        pytest.param(
            HEAD + "SUBJECT: THE DIRECTOR'S VISIT TO EGYPTREF: CAIRO 493\n\n1. (C) Text\n",
            None,
            Subject("THE DIRECTOR'S VISIT TO EGYPT", None),
            id="06CAIRO941-ref-glued-to-a-word",
        ),
        pytest.param(
            HEAD + "SUBJECT: SCENESETTER FOR THE GENERAL'S VISIT TO BAHRAINClassified By: "
            "Charge d'Affaires for reasons 1.4 (b)\n",
            None,
            Subject("SCENESETTER FOR THE GENERAL'S VISIT TO BAHRAIN", None),
            id="08MANAMA496-classified-by-glued-to-a-word",
        ),
        pytest.param(
            HEAD + "SUBJECT: THE GENERAL'S VISIT TO BAHRAINREF: MANAMA 510Classified By: CDA\n",
            None,
            Subject("THE GENERAL'S VISIT TO BAHRAIN", None),
            id="08MANAMA541-ref-and-classified-by-glued",
        ),
        pytest.param(
            HEAD + "SUBJECT: REP. X MEETS COMMUNITY LEADERS IN SAO PAULO SENSTIVE BUT "
            "UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY.\n",
            None,
            Subject("REP. X MEETS COMMUNITY LEADERS IN SAO PAULO", None),
            id="06SAOPAULO360-misspelt-caveat",
        ),
        pytest.param(
            HEAD + "SUBJECT: INFLUENCE IN IRAQ:  COMMERCIAL <br>\nENGAGEMENT AS A TOOL <br>\n"
            " <br>\nREF: A. BAGHDAD 1805 <br>\n",
            None,
            Subject("INFLUENCE IN IRAQ: COMMERCIAL ENGAGEMENT AS A TOOL", None),
            id="09BAGHDAD2744-br-line-ends",
        ),
        pytest.param(
            HEAD + "SUBJECT: DEFENSE SECRETARY EMPHASIZES \n\nMILITARY TIES TO VISITOR <br>\n \n"
            "Classified By: X\n",
            None,
            Subject("DEFENSE SECRETARY EMPHASIZES MILITARY TIES TO VISITOR", None),
            id="08NEWDELHI638-br-after-a-blank",
        ),
        pytest.param(
            HEAD + "SUBJECT: GOVERNOR REMAINS FIRM ---------------------------\n\n1.(C) Text\n",
            None,
            Subject("GOVERNOR REMAINS FIRM", None),
            id="07MANAMA1089-trailing-dashes",
        ),
        pytest.param(
            HEAD + "SUBJECT:  More than Wine:  Ambassador Talks Development  Summary --------\n"
            "\n\u00b61. Text\n",
            None,
            Subject("More than Wine: Ambassador Talks Development", None),
            id="08BUENOSAIRES879-summary-heading-glued",
        ),
        pytest.param(
            HEAD + "SUBJECT: TFGG01: TASK FORCE SITUATION \nREPORT NO. 15 \n \nMORE "
            "MOVEMENTS REPORTED \n-------\n",
            None,
            Subject("TFGG01: TASK FORCE SITUATION REPORT NO. 15", None),
            id="08STATE87776-underlined-heading-not-bridged",
        ),
        pytest.param(
            HEAD + "SUBJECT: FAREWELL REMARKS AT THE NATIONAL DAY RECEPTION \n\n"
            "BY AMBASSADOR SMITH \n\n1. Text\n",
            None,
            Subject("FAREWELL REMARKS AT THE NATIONAL DAY RECEPTION", None),
            id="09STATE30049-byline-after-a-blank",
        ),
        pytest.param(
            HEAD + "SUBJECT: DESIGNATION OF ENTITIES UNDER \nE.O. 13382 \n \nREF: 08 STATE 1\n",
            None,
            Subject("DESIGNATION OF ENTITIES UNDER E.O. 13382", None),
            id="09SANJOSE59-executive-order-continues",
        ),
        pytest.param(
            HEAD + "SUBJECT: READOUT OF THE MEETING JANUARY 28, \n\u00b62009. \n \n"
            "Classified By: X\n",
            None,
            Subject("READOUT OF THE MEETING JANUARY 28, 2009.", None),
            id="09USNATO30-pilcrow-before-a-wrapped-year",
        ),
        pytest.param(
            "E.O. 12958: DECL: 10/10/2015 \nTAGS: PGOV PREL SOCI BR\nTIP SUBJECT: LANDLESS "
            "MOVEMENT INVADES FARM \n\nREF: BRASILIA 1317\n",
            None,
            Subject("LANDLESS MOVEMENT INVADES FARM", None),
            id="05BRASILIA2692-label-after-wrapped-tags",
        ),
        pytest.param(
            HEAD + "SUBJECT: ECONOMIC REFORM, JAMAHIRIYA-STYLE\nQ: A) TRIPOLI 199, B) TRIPOLI "
            "227   TRIPOLI 00000402 \n\n001.2 OF 003\n",
            None,
            Subject("ECONOMIC REFORM, JAMAHIRIYA-STYLE", None),
            id="08TRIPOLI402-reference-list-under-a-damaged-label",
        ),
        pytest.param(
            HEAD + "SUBJECT: IRAN: POLDIR TELLS \nEUR A/S HE IS BAGHDAD 00000293 001.2 OF 002 "
            "GOING TO TEHRAN \n\nREF: X\n",
            None,
            Subject("IRAN: POLDIR TELLS EUR A/S HE IS GOING TO TEHRAN", None),
            id="07BERN258-page-marker-inside-a-continuation",
        ),
        pytest.param(
            HEAD + "SUBJECT: ASSISTANT SECRETARY MEETS \n CONFIDENTIAL\nPAGE 02 HARARE 05461 "
            "271458Z\nOPPOSITION LEADERS\n\n1. Text\n",
            None,
            Subject("ASSISTANT SECRETARY MEETS OPPOSITION LEADERS", None),
            id="00HARARE5461-page-foot-inside-the-subject",
        ),
        pytest.param(
            HEAD + "SUBJECT: SECRETARY CLINTON&#8217;S VISIT &amp; TALKS\n\nREF: X\n",
            None,
            Subject("SECRETARY CLINTON\u2019S VISIT & TALKS", None),
            id="09STATE30049-html-entities",
        ),
        pytest.param(
            "E.O. 12958: N/A \\\nTAGS: PHUM\nSUBJECT: Council Session Highlights Troubling "
            "\\\nNegotiating Dynamic \\\n \\\nRef A:  Geneva 2373 \\\n",
            None,
            Subject("Council Session Highlights Troubling Negotiating Dynamic", None),
            id="07GENEVA2626-backslash-line-ends",
        ),
        pytest.param(
            "TAGS: TAG TAG2\\nSUBJECT:  SINGLE LINE SUBJECT \n\nREF: REF 1",
            None,
            Subject("SINGLE LINE SUBJECT", None),
            id="cables-sample-csv-escaped-newline-before-the-label",
        ),
        pytest.param(
            HEAD + "SUBJECT: SUBJECT WHICH HAS a \nSECOND LINE \n\nREF: X\n",
            None,
            Subject("SUBJECT WHICH HAS a SECOND LINE", None),
            id="the-word-subject-is-no-repeated-label",
        ),
        pytest.param(
            "TAGS ENRG, EUN\nSUBJECT: DEPUTY PM URGES VISITS DURING\nEU PRESIDENCY\n"
            "This is an Action request. Please see para 2.\n",
            None,
            Subject("DEPUTY PM URGES VISITS DURING EU PRESIDENCY", None),
            id="10SANAA317-action-request-line",
        ),
        pytest.param(
            HEAD + "SUBJECT: (S/REL UK) REACTION TO OIL EXPLORATION (C-TN9-01234)\n\n",
            None,
            Subject("REACTION TO OIL EXPLORATION (C-TN9-01234)", "S/REL UK"),
            id="10STATE9565-releasable-mark",
        ),
        pytest.param(
            HEAD + "Subject: (s) further scheming by a firm\n\n1. text\n",
            None,
            Subject("further scheming by a firm", "S"),
            id="08STATE15220-lower-case-mark",
        ),
        pytest.param(
            HEAD + "SUBJECT: (NPT) REVIEW CONFERENCE PREPARATIONS\n\n",
            None,
            Subject("(NPT) REVIEW CONFERENCE PREPARATIONS", None),
            id="acronym-is-no-mark",
        ),
        pytest.param(
            HEAD + "SUBJECT: (CORRECTED COPY) FOREIGN MINISTER EMPHASIZES TIES\n\n",
            None,
            Subject("FOREIGN MINISTER EMPHASIZES TIES", None),
            id="06BERN1593-copy-annotation",
        ),
        pytest.param(
            "e.o. 12958: decl: 11/02/10 tags: prel, pter subject: karimov urges closer "
            "cooperation classified by amb john e. herbst, reasons: 1.5 (b,d)\n",
            None,
            Subject("karimov urges closer cooperation", None),
            id="00TASHKENT4223-lower-case-classified-by",
        ),
        pytest.param(
            HEAD + "SUBJECT: IRAN POST-ELECTION: SOURCE CALLS RESULTS A COUP\nASHGABAT 00000757 "
            "001.2 OF 002\n\nClassfied By: Charge Richard Miles, reasons 1.4 (b) and (d).\n",
            None,
            Subject("IRAN POST-ELECTION: SOURCE CALLS RESULTS A COUP", None),
            id="09ASHGABAT757-misspelt-classified-by",
        ),
        pytest.param(
            HEAD + "SUBJECT: RECORDS DECLASSIFIED BY THE ARCHIVE\n\nREF: X\n",
            None,
            Subject("RECORDS DECLASSIFIED BY THE ARCHIVE", None),
            id="declassified-by-is-a-word",
        ),
        pytest.param(
            HEAD + "SUBJECT: THE STATE OF POLITICAL PARTIES DERIVED FROM: DSCG 05-1 B, D\n",
            None,
            Subject("THE STATE OF POLITICAL PARTIES", None),
            id="10LIMA97-derived-from-glued",
        ),
        pytest.param(
            HEAD + "\nClassified By: X\n",
            "TRIPOLI 00000063 P CO 28-JAN-09 RISKY BUSINESS? AMERICAN",
            Subject("RISKY BUSINESS? AMERICAN", None),
            id="09TRIPOLI63-wrapper-stamp-off-the-title",
        ),
        pytest.param(HEAD, "", Subject(None, None), id="both-absent"),
        pytest.param("", None, Subject(None, None), id="empty"),
    ],
)
def test_parse_subject(body: str, title: str | None, expected: Subject) -> None:
    assert parse_subject(body, title) == expected


def test_wrapper_subject_when_the_body_has_none() -> None:
    # imitates 09TRIPOLI63: an e-mail wrapper before the routing lines, no SUBJECT in the body
    header = (
        "From: CBPC\nSent: Wednesday, January 28, 2009 12:33 PM\nTo: Post\nSubject: TRIPOLI "
        "00000063 P CO 28-JAN-09 RISKY BUSINESS? AMERICAN\nFIRM ENTERS JOINT VENTURE [8466936]\n"
        "\nCONFIDENTIAL\n\nVZCZCXRO6748\nFM AMEMBASSY TRIPOLI\nTO RUEHC/SECSTATE WASHDC 4371"
    )
    body = HEAD + "\nCLASSIFIED BY: X\n\n1. (C) Summary.\n"
    title = "TRIPOLI 00000063 P CO 28-JAN-09 RISKY BUSINESS? AMERICAN"
    expected = Subject("RISKY BUSINESS? AMERICAN FIRM ENTERS JOINT VENTURE [8466936]", None)
    assert parse_subject(body, title, header) == expected
    assert parse_subject(HEAD + "SUBJECT: THE BODY'S OWN\n", title, header).text == "THE BODY'S OWN"


def test_seed_cable() -> None:
    if not SEED.is_file():
        pytest.skip("seed cable is absent")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    telegram = "\n".join(lines[5:])
    body = telegram[_BANNER_START.search(telegram).start() :]
    assert parse_subject(body, lines[1]) == Subject("MQM LOOKING FOR RESPECT", None)


def _squeeze(text: str | None) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def test_corpus() -> None:
    cables = corpus_cables()
    labelled = found = agrees = titled = 0
    slowest = 0.0
    for _name, meta, body in cables:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            subject = parse_subject(body, meta[1])
            best = min(best, time.perf_counter() - start)
        slowest = max(slowest, best)
        if re.search(r"SUBJECT|SUBJ|Subject", body[:6000]):
            labelled += 1
            found += parse_subject(body, None).text is not None
        title = _squeeze(meta[1].replace("(CORRECTED COPY)", ""))
        if title:
            titled += 1
            marked = _squeeze(f"({subject.mark}){subject.text}" if subject.mark else subject.text)
            text = _squeeze(subject.text)
            # The title is the subject's first line, sometimes with REF text glued on.
            agrees += bool(text) and (
                text.startswith(title)
                or marked.startswith(title)
                or title.startswith(text)
                or title.startswith(marked)
            )
    # Measured on 1,918 cables: 99.9% of labelled bodies give a subject, 99.6% agree with titles.
    assert found / labelled >= 0.99
    assert agrees / titled >= 0.99
    assert slowest < 0.25  # a never-hang bound; speed is the benchmark's (slowest ten)


# What a subject never holds: glued labels, tags, banners, page markers, escapes (kind: pattern).
_NOT_IN_SUBJECT = {
    "REF label": re.compile(r"REFS?:|Refs?:"),
    "Classified By": re.compile(r"Classified [Bb]y|CLASSIFIED BY|DERIVED FROM"),
    "<br> or backslash": re.compile(r"<br|<BR|\\"),
    "spaced banner": re.compile(r"C O N F I D|S E C R E T|U N C L A S"),
    "page marker": re.compile(r"\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}"),
    "HTML entity": re.compile(r"&#\d+;|&[a-z]{2,6};"),
}
# Recorded on 1,918 cables: 0 (8 before the glued-label and <br> rules). Only
# ever lower these.
_NOT_IN_SUBJECT_CEILING = 0


@pytest.mark.corpus
def test_corpus_subject_values() -> None:
    found: dict[str, list[str]] = {kind: [] for kind in _NOT_IN_SUBJECT}
    for name, meta, body in corpus_cables():
        text = parse_subject(body, meta[1]).text or ""
        for kind, pattern in _NOT_IN_SUBJECT.items():
            if pattern.search(text):
                found[kind].append(f"{name}: {text}")
    print({kind: len(names) for kind, names in found.items()})
    total = sum(len(names) for names in found.values())
    assert total <= _NOT_IN_SUBJECT_CEILING, found
