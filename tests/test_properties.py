"""Never hang, never raise: ``parse_cable`` on random text and on mangled real-like cables.

Every input either becomes rows or a ``Reject``; the rows keep their invariants (canonical
cable id, child rows of that cable, positions 1..n). Each parse is held to a generous
never-hang bound (``HANG_SECONDS``); the slowest parse seen is printed, not asserted.
Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEED_CABLE
from transforms.batch import parse_items
from transforms.parse import ParsedCable, parse_cable
from transforms.raw import RawCable, Reject
from transforms.tables import CHILD_TABLES

HANG_SECONDS = 2.0  # per cable, even with a 1 MB line: far above any real cable's parse
CABLE_ID = re.compile(r"^\d{2}[A-Z]+\d+$")
SEED_LINES = SEED_CABLE.read_text().split("\n")
SEED_TELEGRAM = "\n".join(SEED_LINES[5:])

# A second shape of telegram, hand-written after 06KABUL3934's: routing header and body on
# separate lines, a REF block, paragraphs with marks and headings, a signer.
KABUL_LIKE = """\
VZCZCXYZ0000
OO RUEHWEB

DE RUEHBUL #3934/01 2221105
ZNY SSSSS ZZH
O 101105Z AUG 06
FM AMEMBASSY KABUL
TO RUEHC/SECSTATE WASHDC IMMEDIATE 1722
INFO RUEHIL/AMEMBASSY ISLAMABAD PRIORITY 5423
BT
S E C R E T SECTION 01 OF 02 KABUL 003934

SIPDIS

NOFORN
SIPDIS

E.O. 12958: DECL: 08/10/2016
TAGS: PGOV PREL MOPS AF
SUBJECT: (S) INVENTED SUBJECT FOR A PROPERTY TEST

REF: A. KABUL 3800 B. STATE 12345

Classified By: Ambassador Ronald E. Neumann for reasons 1.4 (b) and (d).

1. (S) Summary: an invented first paragraph that imitates the layout. End Summary.

2. (C) Heading: a second paragraph,
which runs over two lines.

3. (U) Comment: a comment paragraph. End Comment.
NEUMANN
"""

TELEGRAMS = (SEED_TELEGRAM, KABUL_LIKE)
CONTROL_CHARS = "".join(chr(c) for c in range(32) if chr(c) not in "\n") + "\x7f\x85\u2028"


def _raw(
    telegram: str,
    reference_id: str | None = "08ISLAMABAD421",
    header: str | None = None,
    source_format: str = "txt",
) -> RawCable:
    return RawCable(
        reference_id=reference_id,
        title=None,
        created=date(2008, 1, 29) if reference_id else None,
        created_at=None,
        released=None,
        classification=None,
        origin=None,
        references=None,
        header=header,
        telegram=telegram,
        source_file="mem.txt",
        member=None,
        source_format=source_format,
        source_sha256="0" * 64,
    )


def _mutate(lines: list[str], ops: list[tuple[str, int, str]]) -> str:
    """Apply (op, index, text) edits to a copy of ``lines``: drop, duplicate, insert, cut."""
    out = list(lines)
    for op, index, text in ops:
        if not out:
            out = [text]
            continue
        at = index % len(out)
        if op == "drop":
            del out[at]
        elif op == "dup":
            out.insert(at, out[at])
        elif op == "insert":
            out.insert(at, text)
        elif op == "control":
            line = out[at]
            cut = len(text) % (len(line) + 1)
            out[at] = line[:cut] + text + line[cut:]
        elif op == "truncate":
            out = out[: at + 1]
            out[-1] = out[-1][: len(text)]
    return "\n".join(out)


_texts = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from("\n ().:/-¶0123456789")),
    max_size=600,
)
_ops = st.lists(
    st.tuples(
        st.sampled_from(["drop", "dup", "insert", "control", "truncate"]),
        st.integers(0, 10_000),
        st.one_of(_texts, st.text(alphabet=CONTROL_CHARS, min_size=1, max_size=8)),
    ),
    max_size=8,
)

# Lines made of the words field parsers look for, in any order: reaches far more parser
# branches than uniform random text does.
_WORDS = sorted(
    {w for t in TELEGRAMS for w in re.split(r"[ \n]+", t) if w}
    | {
        "REF:",
        "TAGS:",
        "SUBJECT:",
        "E.O.",
        "DECL:",
        "Classified",
        "By:",
        "reasons",
        "1.4",
        "(b)",
        "(d)",
        "END",
        "SUMMARY",
        "COMMENT",
        "¶1.",
        "PAGE",
        "01",
        "OF",
        "SECTION",
        "FM",
        "TO",
        "INFO",
        "XMT",
        "BT",
        "NNNN",
        "#",
        "/",
        ":",
        "(",
        ")",
        "-",
        "1.",
        "2.",
        "A.",
        "B.",
        "STATE",
        "ZFR",
        "ZDK",
        "C O N F I D E N T I A L",
        "UNCLAS",
        "SIPDIS",
        "NOFORN",
        "0000",
    }
)
_token_lines = st.lists(
    st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join), max_size=40
).map("\n".join)

SLOWEST: dict[str, float] = {}


def _check(raw: RawCable, label: str) -> ParsedCable | Reject:
    """Parse once, hold it to the never-hang bound, and check the row invariants."""
    clock = time.perf_counter()
    parsed = parse_cable(raw)  # must not raise: a raise fails the property
    seconds = time.perf_counter() - clock
    SLOWEST[label] = max(SLOWEST.get(label, 0.0), seconds)
    assert seconds < HANG_SECONDS, f"{label}: {seconds:.2f} s for one cable"
    if isinstance(parsed, Reject):
        assert parsed.reason and parsed.message
        return parsed
    cable_id = parsed.cable["cable_id"]
    assert CABLE_ID.match(cable_id), cable_id
    frames = parse_items([raw])
    assert frames["cables"].height == 1
    for table in CHILD_TABLES:
        frame = frames[table.name]
        assert set(frame["cable_id"].to_list()) <= {cable_id}, table.name
        assert frame["position"].to_list() == list(range(1, frame.height + 1)), table.name
    assert frames["paragraphs"].height == parsed.cable["paragraph_count"]
    return parsed


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts, reference_id=st.one_of(st.none(), st.just("08ISLAMABAD421"), _texts))
def test_random_text_never_raises(text, reference_id):
    _check(_raw(text, reference_id), "random text")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_token_lines, with_id=st.booleans(), header=st.one_of(st.none(), _token_lines))
def test_cable_vocabulary_in_any_order_never_raises(text, with_id, header):
    layout = "txt" if header is None else "csv"
    _check(_raw(text, "08ISLAMABAD421" if with_id else None, header, layout), "vocabulary")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.sampled_from(range(len(TELEGRAMS))),
    ops=_ops,
    with_id=st.booleans(),
    layout=st.sampled_from(["txt", "html", "csv", "pdf-text"]),
)
def test_mangled_cables_never_raise(which, ops, with_id, layout):
    telegram = _mutate(TELEGRAMS[which].split("\n"), ops)
    header = None
    if layout in ("html", "csv"):  # those layouts publish the routing header apart
        cut = telegram.find("\n", len(telegram) // 3)
        header, telegram = telegram[: max(cut, 0)], telegram[max(cut, 0) :]
    _check(_raw(telegram, "08ISLAMABAD421" if with_id else None, header, layout), "mangled")


def test_unmangled_cables_parse():
    """The property tests' starting points are real-like cables that do parse."""
    for telegram in TELEGRAMS:
        assert isinstance(_check(_raw(telegram, None), "clean"), ParsedCable)


HUGE = 2**20  # one line of 1 MB


@pytest.mark.parametrize(
    "filler",
    [
        "A" * HUGE,
        "1. " * (HUGE // 3),
        "(S) " * (HUGE // 4),
        "REF: A. STATE 1234 " * (HUGE // 19),
        "TAGS: PREL " * (HUGE // 11),
        " " * HUGE,
        "&#x000A;" * (HUGE // 8),
        "\x00\x1b" * (HUGE // 2),
        "SECTION 01 OF 02 " * (HUGE // 17),
        "E.O. 12958: DECL: " * (HUGE // 18),
    ],
)
@pytest.mark.parametrize("where", ["body-start", "after-subject", "last"])
def test_one_megabyte_line_never_hangs(filler, where):
    lines = KABUL_LIKE.split("\n")
    at = {"body-start": 10, "after-subject": 19, "last": len(lines)}[where]
    telegram = "\n".join([*lines[:at], filler, *lines[at:]])
    _check(_raw(telegram, None), "1 MB line")
    _check(_raw(telegram, "06KABUL3934"), "1 MB line")


@pytest.mark.parametrize("layout", [None, "txt", "html", "csv", "pdf-text", "plusd"])
@pytest.mark.parametrize(
    "filler",
    ["A" * HUGE, '","' * (HUGE // 3), "<td>" * (HUGE // 4), "<pre>&#x000A;" * (HUGE // 13)],
)
def test_readers_on_a_one_megabyte_line_never_hang(layout, filler):
    from transforms.readers import read_cables

    text = "\n".join([*SEED_LINES[:8], filler, *SEED_LINES[8:]])
    clock = time.perf_counter()
    items = list(read_cables(text.encode(), "08ISLAMABAD421.txt", None, layout))
    seconds = time.perf_counter() - clock
    SLOWEST["reader, 1 MB line"] = max(SLOWEST.get("reader, 1 MB line", 0.0), seconds)
    assert items and seconds < HANG_SECONDS
    for item in items:
        if isinstance(item, RawCable):
            _check(item, "1 MB line")


_SEED_BYTES = SEED_CABLE.read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.tuples(
            st.integers(0, len(_SEED_BYTES)),
            st.binary(max_size=64),
            st.integers(0, len(_SEED_BYTES)),
        ).map(lambda t: _SEED_BYTES[: t[0]] + t[1] + _SEED_BYTES[t[2] :]),
    ),
    layout=st.sampled_from([None, "txt", "html", "csv", "pdf-text", "plusd"]),
    name=st.sampled_from(["08ISLAMABAD421.txt", "page.html", "cables.csv", "x"]),
)
def test_readers_never_raise_on_any_bytes(data, layout, name):
    """Every reader yields at least one cable or reject for any bytes, and never raises."""
    from transforms.readers import read_cables

    clock = time.perf_counter()
    items = list(read_cables(data, name, None, layout))
    SLOWEST["reader"] = max(SLOWEST.get("reader", 0.0), time.perf_counter() - clock)
    assert items
    for item in items:
        assert isinstance(item, RawCable | Reject)
        if isinstance(item, RawCable):
            _check(item, "read then parsed")
        else:
            assert item.reason and (item.excerpt is None or len(item.excerpt) <= 200)


def test_report_slowest(capsys):
    # Not an assertion on speed: the figures the never-hang bound is set against.
    with capsys.disabled():
        print(
            "\nslowest parse_cable per kind (s):",
            {k: round(v, 3) for k, v in sorted(SLOWEST.items())},
        )
