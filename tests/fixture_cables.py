"""Small hand-written cables for the source, archive and incremental tests.

``text_cable`` imitates the per-cable text layout of 08ISLAMABAD421 (the seed), with its
quirk of the last routing line glued to the spaced-out classification
(``...WASHDC PRIORITYC O N F I D E N T I A L``); ``csv_row`` imitates a row of the
WikiLeaks ``cables.csv`` dump (no header, MySQL-style ``\\"`` escapes).
"""

from __future__ import annotations


def text_cable(
    cable_id: str = "09VALLETTA77",
    subject: str = "FERRY TALKS RESUME",
    paragraph: str = "Invented text for a source test.",
    created: str = "Mon Feb 02 00:00:00 +0100 2009",
) -> str:
    serial = "".join(ch for ch in cable_id[2:] if ch.isdigit())
    station = "".join(ch for ch in cable_id[2:] if ch.isalpha())
    return (
        f"{cable_id}\n{subject}\n{created}\nCONFIDENTIAL\nEmbassy {station.title()}\n"
        f"VZCZCXRO0077\nPP RUEHC\nDE RUEHVL #{serial.zfill(4)} 0331200\nZNY CCCCC ZZH\n"
        f"P 021200Z FEB 09\nFM AMEMBASSY {station}\n"
        f"TO RUEHC/SECSTATE WASHDC PRIORITY 1234C O N F I D E N T I A L {station} "
        f"{serial.zfill(6)} \n \nE.O. 12958: DECL: 02/02/2019 \nTAGS: PREL MT\n"
        f"SUBJECT: {subject} \n \nClassified By: Invented Officer, reasons 1.4 (b) \n \n"
        f"\u00b61. (C) {paragraph} \n \n\u00b62. (U) Second paragraph. \nSMITH\n"
    )


def csv_row(
    row_id: int,
    cable_id: str,
    created: str = "2/2/2009 12:00",
    paragraph: str = "A row of the dump.",
) -> str:
    station = "".join(ch for ch in cable_id[2:] if ch.isalpha())
    serial = "".join(ch for ch in cable_id[2:] if ch.isdigit())
    header = f"P 021200Z FEB 09\nFM AMEMBASSY {station}\nTO SECSTATE WASHDC 0001"
    body = (
        f"UNCLAS {station} {serial} \n\nE.O. 12958: N/A \nTAGS: PREL\n"
        f'SUBJECT: ROW {row_id} \n\n1. {paragraph} \\"QUOTED\\" \n'
    )
    return (
        f'"{row_id}","{created}","{cable_id}","Embassy {station.title()}",'
        f'"UNCLASSIFIED","","{header}","{body}"\n'
    )
