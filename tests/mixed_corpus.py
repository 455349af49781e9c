"""A deliberately mixed folder of inputs, and what each must become.

Every file is hand-written from the seed cable (08ISLAMABAD421) or invented; none is copied
from the real corpus. ``write_mixed_corpus`` returns, per file name, what the pipeline must
make of it: ``("cable", encoding)``, ``("duplicate",)`` or ``("reject", reason)``; a CSV maps
each row (by row id or ``line N``) the same way.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from tests.conftest import SEED_CABLE

SEED_TEXT = SEED_CABLE.read_text()
SEED_LINES = SEED_TEXT.split("\n")
BIG_FILE_BYTES = 100 * 2**20

# cables.csv rows: row 102's content never closes its quote, so the reader must end it at
# row 103's start and keep 103 and 104 (the dump's quoting slips this way in a few rows).
CSV_ROWS = (
    '"101","1/9/1985 15:30","85GABORONE9001","Embassy Gaborone","UNCLASSIFIED","",'
    '"R 091530Z JAN 85\nFM AMEMBASSY GABORONE\nTO SECSTATE WASHDC 0001",'
    '"UNCLAS GABORONE 9001\n\nSUBJECT: A GOOD ROW\n\n1. FIRST PARAGRAPH.\n"\n'
    '"102","1/10/1985 9:00","85GABORONE9002","Embassy Gaborone","UNCLASSIFIED","",'
    '"R 100900Z JAN 85\nFM AMEMBASSY GABORONE","UNCLAS GABORONE 9002\n\n'
    'SUBJECT: A ROW WHOSE QUOTE NEVER CLOSES\n\n1. HE SAID \\"NO.\n'
    '"103","1/11/1985 9:00","85GABORONE9003","Embassy Gaborone","UNCLASSIFIED","",'
    '"R 110900Z JAN 85\nFM AMEMBASSY GABORONE","UNCLAS GABORONE 9003\n\n'
    'SUBJECT: A GOOD ROW AFTER THE BROKEN ONE\n\n1. TEXT.\n"\n'
    '"104","1/12/1985 9:00","85GABORONE9004","Embassy Gaborone","UNCLASSIFIED","",'
    '"R 120900Z JAN 85\nFM AMEMBASSY GABORONE","UNCLAS GABORONE 9004\n\n'
    'SUBJECT: ANOTHER GOOD ROW\n\n1. TEXT.\n"\n'
)
CSV_EXPECTED = {
    "101": ("cable", "utf-8"),
    "102": ("reject", "unterminated-row"),
    "103": ("cable", "utf-8"),
    "104": ("cable", "utf-8"),
}


def seed_variant(cable_id: str, subject: str = "MQM LOOKING FOR RESPECT") -> str:
    """The seed cable with another id on line 1 and another title: a distinct cable."""
    lines = list(SEED_LINES)
    lines[0], lines[1] = cable_id, subject
    return "\n".join(lines)


def _with_line(index: int, value: str) -> str:
    lines = list(SEED_LINES)
    lines[index] = value
    return "\n".join(lines)


def write_mixed_corpus(folder: Path, big_file: bool = True) -> dict[str, tuple]:
    """Write the corpus into ``folder``; return what each file name must become."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, tuple] = {}

    def put(name: str, data: bytes | str, outcome: tuple) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        expected[name] = outcome
        return path

    put("08ISLAMABAD421.txt", SEED_TEXT, ("cable", "utf-8"))
    put("copy-of-08ISLAMABAD421.txt", SEED_TEXT, ("duplicate",))
    # A download cut mid-body: the full copy's longer body wins, the cut one is a duplicate.
    put("08ISLAMABAD421-cut.txt", SEED_TEXT[: len(SEED_TEXT) * 2 // 3], ("duplicate",))
    put(
        "08ISLAMABAD501.txt",
        seed_variant("08ISLAMABAD501", "CAF\u00c9 TALK").encode("latin-1"),
        ("cable", "latin-1"),
    )
    put(
        "08ISLAMABAD502.txt",
        seed_variant("08ISLAMABAD502", "\u201cMQM\u201d LOOKS \u2013 AGAIN").encode("cp1252"),
        ("cable", "cp1252"),
    )
    put(
        "08ISLAMABAD503.txt",
        codecs.BOM_UTF16_LE + seed_variant("08ISLAMABAD503").encode("utf-16-le"),
        ("cable", "utf-16"),
    )
    put(
        "08ISLAMABAD504.txt",
        seed_variant("08ISLAMABAD504", "MIXED \u00c9").encode()
        + "\nA CP1252 LINE: \u201cQUOTED\u201d\n".encode("cp1252"),
        ("cable", "mixed"),
    )
    put("folder.txt/08ISLAMABAD505.txt", seed_variant("08ISLAMABAD505"), ("cable", "utf-8"))
    put("empty.txt", b"", ("reject", "empty-file"))
    put("whitespace.txt", b" \n\r\n\t\n", ("reject", "empty-file"))
    put("header-only.txt", "\n".join(SEED_LINES[:5]) + "\n", ("reject", "no-telegram"))
    put("junk.txt", bytes(range(256)) * 40, ("reject", "binary"))
    put("truncated.txt", SEED_TEXT[:40], ("reject", "bad-metadata"))
    put("bad-date.txt", _with_line(2, "Tue Feb 31 00:00:00 +0100 2008"), ("reject", "bad-metadata"))
    put("bad-id.txt", _with_line(0, "NOT A CABLE ID"), ("reject", "bad-metadata"))
    put(
        "page.html",
        "<!DOCTYPE html><html><head><title>Cable Viewer</title></head>"
        "<body><p>This page lost its cable table.</p></body></html>",
        ("reject", "no-cable-table"),
    )
    put("rows.csv", CSV_ROWS, ("csv",))
    expected.update({f"rows.csv[{row}]": outcome for row, outcome in CSV_EXPECTED.items()})

    # Names in the folder that are not readable files: each still ends as a reject.
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a loop: walked once
    os.mkfifo(folder / "fifo.txt")  # opening it for reading would wait for a writer
    expected["fifo.txt"] = ("reject", "unreadable")
    (folder / "dangling.txt").symlink_to(folder / "no-such-file.txt")
    expected["dangling.txt"] = ("reject", "unreadable")
    (folder / "self-loop.txt").symlink_to(folder / "self-loop.txt")
    expected["self-loop.txt"] = ("reject", "unreadable")
    # denied.txt: the test makes reading it raise PermissionError (root reads anything).
    put("denied.txt", seed_variant("08ISLAMABAD506"), ("reject", "unreadable"))
    # vanishes.txt: the test deletes it between discovery and reading.
    put("vanishes.txt", seed_variant("08ISLAMABAD507"), ("reject", "unreadable"))
    if big_file:
        path = put("huge.txt", SEED_TEXT, ("reject", "too-large"))
        with open(path, "r+b") as stream:  # sparse: 100 MB on paper, no disk written
            stream.truncate(BIG_FILE_BYTES)
    return expected
