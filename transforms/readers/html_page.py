"""Reader of the cablegate web release pages (2010-2011): one cable per HTML page.

The page holds ``<table class='cable'>`` (Reference ID, Created, [Released,] Classification,
Origin) and two ``<code><pre>`` blocks: the routing header, then the body. Newlines are written
``&#x000A;``; TAGS and the ``¶`` paragraph marks are ``<a>`` links. The page prints the cable's
own ``&`` and ``<`` raw (``R&D``, ``<br>`` typed by a post), so only ``<a>`` tags are stripped
and only real entities are unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from transforms.raw import RawCable, Reject
from transforms.readers.common import reject, unescape_entities
from transforms.readers.text import parse_reference_id

FORMAT = "html"

_TABLE_OPEN = re.compile(r"<table\s+class=['\"]cable['\"]\s*>", re.IGNORECASE)
_CELL_START = re.compile(r"<(?=t[dh][\s>])", re.IGNORECASE)
_TABLE_MAX = 20000  # a real cable table is ~1 KB; bound the scan on a page without </table>
_ANY_TAG = re.compile(r"<[^<>]*>")
_LINK_TAG = re.compile(r"</?a\b[^<>]*>", re.IGNORECASE)
_PRE_OPEN = "<pre>"
_PRE_CLOSE = "</pre>"
_TIMESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?")
# Column order when a page has no <th> row: the 5-column pages carry "Released" third.
_COLUMNS_5 = ("reference id", "created", "released", "classification", "origin")
_COLUMNS_4 = ("reference id", "created", "classification", "origin")


def parse_timestamp(cell: str) -> tuple[date | None, datetime | None]:
    """``2000-09-27 14:02`` -> (day, minute datetime); a bare day gives no datetime."""
    match = _TIMESTAMP.search(cell)
    if match is None:
        return None, None
    year, month, day, hour, minute = match.groups()
    try:
        day_value = date(int(year), int(month), int(day))
        if hour is None:
            return day_value, None
        return day_value, datetime(int(year), int(month), int(day), int(hour), int(minute))
    except ValueError:
        return None, None


def cable_table(page: str) -> dict[str, str] | None:
    """The ``<table class='cable'>`` as {lower-case column name: cell text}, else ``None``.

    Columns are named by the ``<th>`` row; without one, by position (4 or 5 cells).
    """
    opened = _TABLE_OPEN.search(page)
    if opened is None:
        return None
    end = page.find("</table>", opened.end())
    table = page[opened.end() : min(end if end >= 0 else len(page), opened.end() + _TABLE_MAX)]
    heads: list[str] = []
    cells: list[str] = []
    for piece in _CELL_START.split(table)[1:]:
        # piece = `td>...</td>...`: the cell runs from its tag's `>` to the next `</t`
        content = piece[piece.find(">") + 1 :]
        close = content.lower().find("</t")
        value = unescape_entities(_ANY_TAG.sub("", content[: close if close >= 0 else None]))
        (heads if piece[:2].lower() == "th" else cells).append(value.strip())
    names = [h.lower() for h in heads] if len(heads) == len(cells) else None
    if names is None:
        names = list(_COLUMNS_5 if len(cells) >= 5 else _COLUMNS_4)
    return dict(zip(names, cells, strict=False))


def pre_blocks(page: str, start: int = 0) -> list[str]:
    """The texts of the ``<pre>`` blocks after ``start``: ``<a>`` tags stripped, entities
    unescaped (``&#x000A;`` is a newline), other markup kept as the cable typed it."""
    blocks: list[str] = []
    position = page.find(_PRE_OPEN, start)
    while position >= 0:
        end = page.find(_PRE_CLOSE, position)
        if end < 0:
            end = len(page)
        raw = page[position + len(_PRE_OPEN) : end]
        blocks.append(unescape_entities(_LINK_TAG.sub("", raw)))
        position = page.find(_PRE_OPEN, end)
    return blocks


def read(
    text: str, source_file: str, member: str | None, sha256: str, encoding: str
) -> Iterator[RawCable | Reject]:
    """Yield one ``RawCable`` for a cablegate page, or one ``Reject``.

    ``created`` and ``created_at`` come from the Created column (never Released, kept as
    ``released``). The first ``<pre>`` is ``header``, the second ``telegram``; a page with a
    single block gives it as ``telegram`` with ``header`` None. The page title is always
    "Cable Viewer", so ``title`` is None. Rejects: ``no-cable-table``, ``bad-metadata`` (no
    reference id or no Created day), ``no-telegram`` (no ``<pre>`` block).
    """

    def fail(reason: str, message: str) -> Reject:
        return reject(source_file, member, FORMAT, reason, message, text, sha256)

    table = cable_table(text)
    if table is None:
        yield fail("no-cable-table", "no <table class='cable'> on the page")
        return
    reference_id = parse_reference_id(table.get("reference id", ""))
    created, created_at = parse_timestamp(table.get("created", ""))
    if reference_id is None or created is None:
        yield fail(
            "bad-metadata",
            f"cable table lacks a valid Reference ID or Created cell: {table!r:.120}",
        )
        return
    blocks = pre_blocks(text, text.find("</table>"))
    if not blocks or not "".join(blocks).strip():
        yield fail("no-telegram", f"{reference_id} page has no <pre> text block")
        return
    header, telegram = (blocks[0], "\n".join(blocks[1:])) if len(blocks) > 1 else (None, blocks[0])
    yield RawCable(
        reference_id=reference_id,
        title=None,
        created=created,
        created_at=created_at,
        released=parse_timestamp(table.get("released", ""))[0],
        classification=table.get("classification") or None,
        origin=table.get("origin") or None,
        references=None,
        header=header,
        telegram=telegram,
        source_file=source_file,
        member=member,
        source_format=FORMAT,
        source_sha256=sha256,
        encoding=encoding,
    )
