"""``parse_banner`` and ``parse_caveats`` share the caveat block of a body: never another's."""

from __future__ import annotations

from transforms.fields.markings import parse_banner, parse_caveats

SECRET = "S E C R E T SECTION 01 OF 02 ISLAMABAD 000421\n\nNOFORN\nSIPDIS\n\nE.O. 12958: DECL"
UNCLAS = "UNCLAS SECTION 01 OF 02 LIMA 000248\n\nSENSITIVE\nSIPDIS\n\nE.O. 12958: N/A"


def test_bodies_in_turn_each_get_their_own_block() -> None:
    for _ in range(2):
        assert parse_banner(SECRET).classification == "SECRET//NOFORN"
        assert parse_caveats(SECRET) == ["NOFORN", "SIPDIS"]
        assert parse_banner(UNCLAS).classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
        assert parse_caveats(UNCLAS) == ["SIPDIS"]
        # an equal text in another string object reads the same
        assert parse_caveats("".join([SECRET[:10], SECRET[10:]])) == ["NOFORN", "SIPDIS"]


def test_empty_and_odd_bodies() -> None:
    assert parse_caveats("") == []
    assert parse_caveats(None) == []  # type: ignore[arg-type]
    assert parse_banner(None).classification is None  # type: ignore[arg-type]
    assert parse_caveats(SECRET) == ["NOFORN", "SIPDIS"]
