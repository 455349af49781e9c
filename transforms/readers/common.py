"""Helpers every reader shares: reject records, careful HTML unescaping, hashing."""

from __future__ import annotations

import hashlib
import html.entities
import re

from transforms.raw import Reject

EXCERPT_CHARS = 200

# Only real entities: numeric ones, and names the HTML5 table knows *with* their semicolon.
# html.unescape would also turn `&not` in `&nothing8` (a garbled quote) into `¬thing8`.
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NAMED = html.entities.html5
_NUMERIC_MAX = 0x10FFFF


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data``: the ``source_sha256`` of a cable or reject."""
    return hashlib.sha256(data).hexdigest()


def excerpt(text: str) -> str:
    """The first 200 characters of ``text``, the excerpt every reject shows."""
    return text[:EXCERPT_CHARS]


def reject(
    source_file: str,
    member: str | None,
    source_format: str | None,
    reason: str,
    message: str,
    text: str,
    sha256: str | None,
) -> Reject:
    """Build a ``Reject`` whose message names the file (and member) it is about."""
    where = f"{source_file}[{member}]" if member else source_file
    return Reject(
        source_file=source_file,
        member=member,
        source_format=source_format,
        reason=reason,
        message=f"{where}: {message}",
        excerpt=excerpt(text),
        source_sha256=sha256,
    )


def _entity(match: re.Match[str]) -> str:
    body = match.group(1)
    if body[0] == "#":
        code = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
        if 0 < code <= _NUMERIC_MAX and not 0xD800 <= code <= 0xDFFF:
            return chr(code)
        return match.group(0)
    return _NAMED.get(body + ";", match.group(0))


def unescape_entities(text: str) -> str:
    """Replace numeric entities and named entities written with ``;``; leave any other ``&``.

    The cablegate pages print a raw ``&`` where a cable has one (``R&D``, ``J&P``, the
    ``&...8`` garbling of quotes), so a bare ``&word`` must survive unchanged.
    """
    if "&" not in text:
        return text
    return _ENTITY.sub(_entity, text)
