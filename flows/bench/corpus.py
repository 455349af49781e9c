"""Build a Cablegate-size corpus from real cables, for the benchmark.

Each output cable is a real cable's telegram (structure, length, quirks all kept) under new
metadata: a new unique reference id, a created day shifted by up to two years, and an origin
drawn from the posts of the input. Deterministic for a given input folder, N and seed.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from transforms.dates import full_year
from transforms.fields.ids import canonical_cable_id
from transforms.fields.routing import split_telegram

CABLEGATE_SIZE = 251_287
FILES_PER_FOLDER = 1000
_ID = re.compile(r"^(\d{2})([A-Z]+?)(\d+)$")
_CREATED = "%a %b %d 00:00:00 +0100 %Y"


@dataclass(frozen=True, slots=True)
class Template:
    title: str
    created: date
    classification: str
    telegram: str


def read_templates(folder: Path) -> tuple[list[Template], list[tuple[str, str]]]:
    """Real cables of the per-cable text layout, and the (station, origin) pairs they use."""
    templates, posts = [], set()
    for path in sorted(folder.rglob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n", 5)
        if len(lines) < 6 or not lines[5].strip():
            continue
        # The canonical station, so two posts never collide under one canonical id.
        match = _ID.match(canonical_cable_id(lines[0].strip()) or "")
        try:
            created = date(int(lines[2][-4:]), 1, 1).replace(
                month=_month(lines[2][4:7]), day=int(lines[2][8:10]))
        except ValueError:
            continue
        if match and lines[4].strip():
            posts.add((match.group(2), lines[4].strip()))
        templates.append(Template(lines[1], created, lines[3], lines[5]))
    return templates, sorted(posts)


def _month(abbrev: str) -> int:
    return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
            "Dec"].index(abbrev) + 1


def build_corpus(source: Path, out: Path, n: int = CABLEGATE_SIZE, seed: int = 2010,
                 csv: bool = False, start: int = 0) -> int:
    """Write ``n`` cables under ``out/txt/`` (and ``out/cables.csv`` if asked); returns n.

    ``start`` numbers the cables from there, so a second call adds new cables (new ids) to an
    existing corpus: the benchmark's "+1 %" case.
    """
    templates, posts = read_templates(source)
    if not templates or not posts:
        raise ValueError(f"no cables of the text layout under {source}")
    rng = random.Random(f"{seed}:{start}")
    # Real serial numbers run 1..999999 per station and year; numbering each (year, station)
    # from where the corpus left off keeps ids unique and realistic (6 digits at most).
    serials = _serials_in(out / "txt") if start else {}
    out.mkdir(parents=True, exist_ok=True)
    csv_out = (out / "cables.csv").open("a" if start else "w", encoding="utf-8") if csv else None
    try:
        for index in range(start, start + n):
            template = templates[rng.randrange(len(templates))]
            station, origin = posts[rng.randrange(len(posts))]
            created = template.created + timedelta(days=rng.randint(-730, 730))
            created = min(max(created, date(1966, 1, 1)), date(2010, 2, 28))
            serial = serials[(created.year, station)] = serials.get((created.year, station), 0) + 1
            cable_id = f"{created:%y}{station}{serial}"
            folder = out / "txt" / f"{index // FILES_PER_FOLDER:04d}"
            if index % FILES_PER_FOLDER == 0 or index == start:
                folder.mkdir(parents=True, exist_ok=True)
            text = "\n".join([cable_id, template.title, created.strftime(_CREATED),
                              template.classification, origin, template.telegram])
            (folder / f"{cable_id}.txt").write_text(text, encoding="utf-8")
            if csv_out:
                csv_out.write(_csv_row(index + 1, cable_id, created, origin, template))
    finally:
        if csv_out:
            csv_out.close()
    if start == 0:
        (out / "corpus.json").write_text(json.dumps({"source": str(source.resolve()), "n": n,
                                                    "seed": seed}))
    return n


def _serials_in(folder: Path) -> dict[tuple[int, str], int]:
    """The highest serial used per (year, station) by the cables already under ``folder``."""
    serials: dict[tuple[int, str], int] = {}
    for path in folder.rglob("*.txt"):
        match = _ID.match(path.stem)
        if match:
            yy = int(match.group(1))
            key = (full_year(yy), match.group(2))
            serials[key] = max(serials.get(key, 0), int(match.group(3)))
    return serials


def _csv_field(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _csv_row(row_id: int, cable_id: str, created: date, origin: str,
             template: Template) -> str:
    header, body = split_telegram(template.telegram)
    fields = [str(row_id), f"{created.month}/{created.day}/{created.year} 12:00", cable_id,
              origin, template.classification, "", header, body]
    return ",".join(_csv_field(f) for f in fields) + "\n"
