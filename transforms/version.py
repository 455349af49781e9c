"""A fingerprint of the parsing code and its data tables.

Staged parts are cached under a key that includes it, so changing a parser re-parses
everything once instead of serving rows the old code made.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]


@cache
def parser_fingerprint() -> str:
    digest = hashlib.sha256()
    # The parsers read three data tables; the other seeds only feed DuckDB dimensions.
    tables = [_ROOT / "seeds" / name for name in ("tags.csv", "tag_fixes.csv", "stations.csv")]
    files = [*sorted((_ROOT / "transforms").rglob("*.py")), *tables]
    for path in files:
        digest.update(path.relative_to(_ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
