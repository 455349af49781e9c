"""``split_addressed`` locates the header once: the same header, body and addressee lines as
``split_telegram`` followed by ``addressee_lines`` on its header, which find it twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_CABLE, shared_dir
from transforms.fields.routing import addressee_lines, split_addressed, split_telegram


def twice(telegram: str) -> tuple[str, str, list[str]]:
    header, body = split_telegram(telegram)
    return header, body, addressee_lines(header)


SEED_TELEGRAM = "\n".join(SEED_CABLE.read_text().split("\n")[5:])

# Odd headers: the body glued to the FM line itself (the FM line is the header's last line),
# to a TO line, to an addressee after a blank line; a header whose last line, once the glued
# text is cut off, reads differently (lowercase, a trailing tab); a TAGS word cut short.
ODD = [
    "VZCZCXYZ0000\nFM AMEMBASSY PARISC O N F I D E N T I A L SECTION 01 OF 02 PARIS 000123\nTEXT",
    "FM AMEMBASSY PARISThe text starts here.\n\n1. Text.",
    "FM Thursday, 31 January 2008, 19:52\nC O N F I D E N T I A L",
    "TO RUEHC/SECSTATE WASHDCC ONFIDENTIAL\nE.O. 12958",
    "TOC O N F I D E N T I A L\nbody",
    "FM AMEMBASSY X\nTO RUEHC/SECSTATE WASHDC 0001\n\nINFO RUEHBUL/AMEMBASSY KABUL 0002SECRET\n",
    "FM AMEMBASSY X\nTO RUEHC/SECSTATE Washdc\t1234\nbody text",
    "FM AMEMBASSY X\nTO RUEHC/SECSTATE WASHDC\t\nbody text",
    "FM AMEMBASSY X\nTO RUEHC/SECSTATE WASHDC 0001\nTAGSSIPDIS\n",
    "FM AMEMBASSY X\nTO RUEHC/SECSTATE WASHDC 0001\n   \n\t\nBT\nUNCLAS\n",
    "FM AMEMBASSY X\nTO RUEHC/SECSTATE WASHDC 0001 \r\nUNCLAS\r\n",
    "FM AMEMBASSY X\nINFO AMCONSUL Y 0003\nMONTERREY 676697717\n",
    "VZCZCXRO1\nDE RUEHC #5686 3320231\nR 270230Z NOV 08\nINFO AMEMBASSY PANAMA\nUNCLAS X\n",
    "VZCZCXRO1\nR 270230Z NOV 08\nTORUEHC/SECSTATE WASHDCROYAL COURT\nbody",
    "FM AMEMBASSY X\nTO RUEHC/SECSTATE WASHDC 0001\n46151\t11/28/2005 7:02\t05X1\tE\n",
    "   \n",
    "",
]


@pytest.mark.parametrize("telegram", [SEED_TELEGRAM, *ODD])
def test_odd_headers(telegram: str) -> None:
    assert split_addressed(telegram) == twice(telegram)


def test_glued_fm_line_keeps_its_name() -> None:
    header, body, addressees = split_addressed(ODD[0])
    assert header.endswith("FM AMEMBASSY PARIS")
    assert body.startswith("C O N F I D E N T I A L")
    assert addressees == []


# Lines an addressee block is made of, whole or with body text glued on.
FRAGMENTS = st.sampled_from([
    "FM AMEMBASSY PARIS", "FM", "TO RUEHC/SECSTATE WASHDC PRIORITY 4713", "TO", "INFO",
    "RUEHBUL/AMEMBASSY KABUL 8097", "XMT AMCONSUL JOHANNESBURG", "BT", "ZEN", "PAGE 02 STATE",
    "", " ", "\t", "C O N F I D E N T I A L", "SECRET", "UNCLAS", "The text", "id: 9", "TAGS",
    "E.O. 12958", "SUBJECT: X", "¶1.", "1234", "676697717", "Washdc", "VZCZCXRO3938",
    "Thursday, 31 January 2008, 19:52", "\\", "\r", "TORUEHC/SECSTATE WASHDC", "UEHC/X",
    "46151\t11/28/2005 7:02\t05X1\t", "97040,2/16/2007 12:06,", "WASHDCROYAL", "DCUUNCLAS",
    "CUCLASSIFICATION:", "DE RUEHC #0001 0011200", "R 270230Z NOV 08", "ZNR UUUUU", "INFO LOG-00",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(FRAGMENTS, min_size=1, max_size=3), max_size=12))
def test_generated_headers(lines: list[list[str]]) -> None:
    telegram = "\n".join("".join(parts) for parts in lines)
    assert split_addressed(telegram) == twice(telegram)


def test_corpus_and_its_truncations() -> None:
    for path in sorted(shared_dir("txt").glob("*.txt"))[:400]:
        telegram = "\n".join(Path(path).read_text(errors="replace").split("\n")[5:])
        head = telegram[:3000]
        for cut in range(0, len(head), 97):
            assert split_addressed(head[:cut]) == twice(head[:cut]), (path.name, cut)
