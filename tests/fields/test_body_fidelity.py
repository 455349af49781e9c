"""The body's structural defects over every real cable of ../shared (skips when absent).

Each class of ``body_defects`` is counted with its own rule and held to a ceiling recorded in
``body_fidelity.json``; a ceiling may only go down (``CABLES_RECORD_BODY=1 pytest
tests/fields/test_body_fidelity.py`` records lower counts, and refuses higher ones). Every
cable of ../shared that showed a class before the body parser was reworked is a regression
test of its own, named after the cable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from flows.sources import discover, read_source
from tests.conftest import SHARED_CABLES
from tests.fields.body_defects import DEFECT_CLASSES, defects
from transforms.parse import ParsedCable, parse_cable
from transforms.raw import Reject

RECORD = Path(__file__).with_name("body_fidelity.json")
_RECORDED = json.loads(RECORD.read_text())


def _parsed_corpus() -> dict[tuple[str, str], dict]:
    """(published id, layout) -> the cable's row with its child rows, as ``cables parse --json``
    (the published id names a cable the same before and after its id is repaired)."""
    if not SHARED_CABLES.is_dir():
        pytest.skip("../shared/cables is not here")
    files, _ = discover([str(SHARED_CABLES)])
    cables: dict[tuple[str, str], dict] = {}
    for source in files:
        for item in read_source(source):
            parsed = item if isinstance(item, Reject) else parse_cable(item)
            if isinstance(parsed, ParsedCable):
                row = {**parsed.cable, "paragraphs": parsed.paragraphs,
                       "recipients": parsed.recipients, "tags": parsed.tags,
                       "references": parsed.references}
                cables[(row["reference_id"] or row["cable_id"], row["source_format"])] = row
    return cables


@pytest.fixture(scope="module")
def found() -> dict[tuple[str, str], dict[str, list[str]]]:
    return {key: defects(row) for key, row in _parsed_corpus().items()}


def test_defect_counts_stay_under_their_ceilings(found) -> None:
    counts = {kind: sum(kind in classes for classes in found.values()) for kind in DEFECT_CLASSES}
    with_any = sum(bool(classes) for classes in found.values())
    print(f"\n{len(found)} cables, {with_any} with a structural defect "
          f"({100 * with_any / len(found):.1f}%)")
    for kind, count in counts.items():
        examples = [f"{key[0]} {found[key][kind][0]}" for key in found if kind in found[key]][:2]
        print(f"  {kind:<18}{count:>5}  {'; '.join(examples)[:150]}")
    ceilings = _RECORDED["ceilings"]
    if os.environ.get("CABLES_RECORD_BODY"):
        higher = {k: (v, ceilings.get(k, 0)) for k, v in counts.items() if v > ceilings.get(k, 0)}
        assert not higher, f"a ceiling may only go down (now, recorded): {higher}"
        assert with_any <= _RECORDED["cables_with_any"], "a ceiling may only go down"
        record = {**_RECORDED, "ceilings": counts, "cables_with_any": with_any}
        RECORD.write_text(json.dumps(record, indent=1) + "\n")
    above = {k: (v, ceilings[k]) for k, v in counts.items() if v > ceilings[k]}
    assert above == {}, f"classes above their recorded ceiling (now, ceiling): {above}"
    assert with_any <= _RECORDED["cables_with_any"], with_any


_REGRESSIONS = [
    pytest.param(kind, cable_id, id=f"{cable_id}-{kind}")
    for kind, cable_ids in _RECORDED["regressions"].items()
    for cable_id in cable_ids
]


@pytest.mark.parametrize(("kind", "cable_id"), _REGRESSIONS)
def test_cable_that_showed_a_class_no_longer_does(found, kind: str, cable_id: str) -> None:
    copies = {key: classes for key, classes in found.items() if key[0] == cable_id}
    assert copies, f"{cable_id} is no longer in ../shared or no longer parses"
    for (_cable, layout), classes in copies.items():
        assert kind not in classes, (layout, classes[kind][:3])
