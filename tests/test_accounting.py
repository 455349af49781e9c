"""Nothing lost: every input unit ends as a cable, a superseded duplicate, or a reject.

A mixed folder (``tests/mixed_corpus.py``: good cables in five encodings, copies, empty,
header-only, binary, truncated, bad metadata, an HTML page without its table, a CSV with a
broken row between good ones, a symlink loop, a FIFO, dangling and self-referencing links, an
unreadable file, a file that vanishes after discovery, a 100 MB file) goes through the plain
functions ``plan_run`` -> ``parse_batch`` -> ``publish``; then
``inputs == cables + duplicates + rejects`` overall and per file, with each reject's reason.
"""

from __future__ import annotations

import builtins
import errno
import os
import re
from pathlib import Path

import polars as pl
import pytest

from flows.publish import publish
from flows.settings import Settings
from flows.sources import SourceError, check_sources
from flows.staging import parse_batch, plan_run
from tests.conftest import SEED_CABLE
from tests.mixed_corpus import write_mixed_corpus

DENIED = "denied.txt"


def deny_reading(monkeypatch, name: str) -> None:
    """Make every open of a file called ``name`` fail as a chmod 000 file does for a user.

    The tests run as root, which chmod does not stop; both ways a file is opened are covered.
    """

    def refuse(path) -> None:
        if Path(os.fsdecode(path)).name == name:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))

    real_os_open, real_open = os.open, builtins.open

    def os_open(path, *args, **kwargs):
        refuse(path)
        return real_os_open(path, *args, **kwargs)

    def open_(file, *args, **kwargs):
        if isinstance(file, str | bytes | os.PathLike):
            refuse(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)


def run_parts(settings: Settings, sources: list[str], between=lambda: None) -> dict:
    """plan -> (``between``) -> parse every batch -> publish; returns the plan and tables."""
    plan = plan_run(settings, sources, run_id="accounting")
    between()
    for batch in plan.batches:
        parse_batch(settings, batch)
    publish(settings, plan)
    tables = {
        name: pl.read_parquet(settings.warehouse / name / "**" / "*.parquet")
        for name in ("cables", "duplicates", "rejects", "ledger")
    }
    return {"plan": plan, **tables}


def unit_name(source: Path, source_file: str, member: str | None) -> str:
    name = Path(source_file).relative_to(source).as_posix()
    return f"{name}[{member}]" if name.endswith(".csv") and member else name


@pytest.fixture(scope="module")
def accounted(tmp_path_factory):
    source = tmp_path_factory.mktemp("mixed") / "sources"
    expected = write_mixed_corpus(source)
    settings = Settings(warehouse=source.parent / "warehouse")
    monkeypatch = pytest.MonkeyPatch()
    deny_reading(monkeypatch, DENIED)
    try:
        result = run_parts(
            settings, [str(source)], between=lambda: (source / "vanishes.txt").unlink()
        )
    finally:
        monkeypatch.undo()
    return source, settings, expected, result


def test_inputs_equal_cables_plus_duplicates_plus_rejects(accounted):
    _, _, _, result = accounted
    ledger = result["ledger"]
    inputs = ledger["units"].sum()
    outcomes = result["cables"].height + result["duplicates"].height + result["rejects"].height
    assert inputs == outcomes
    per_file = ledger.filter(
        pl.col("units") != pl.col("cables") + pl.col("duplicates") + pl.col("rejects")
    )
    assert per_file.is_empty(), per_file


def test_every_unit_ends_where_expected(accounted):
    source, _, expected, result = accounted
    seen: dict[str, tuple] = {}
    for row in result["cables"].iter_rows(named=True):
        seen[unit_name(source, row["source_file"], row["source_member"])] = (
            "cable",
            row["source_encoding"],
        )
    for row in result["duplicates"].iter_rows(named=True):
        seen[unit_name(source, row["source_file"], row["source_member"])] = ("duplicate",)
    for row in result["rejects"].iter_rows(named=True):
        seen[unit_name(source, row["source_file"], row["source_member"])] = (
            "reject",
            row["reason"],
        )
    assert seen == {name: outcome for name, outcome in expected.items() if outcome != ("csv",)}


def test_every_file_is_in_the_ledger_once(accounted):
    source, _, expected, result = accounted
    files = sorted(Path(p).relative_to(source).as_posix() for p in result["ledger"]["source_file"])
    assert files == sorted(name for name in expected if "[" not in name)
    outcome = dict(zip(files, result["ledger"].sort("source_file")["outcome"], strict=True))
    assert outcome["rows.csv"] == "mixed"
    assert outcome["copy-of-08ISLAMABAD421.txt"] == "duplicate"
    assert outcome["junk.txt"] == "rejected"


def test_rejects_say_where_why_and_show_the_start(accounted):
    source, _, _, result = accounted
    rejects = {
        unit_name(source, r["source_file"], r["source_member"]): r
        for r in result["rejects"].iter_rows(named=True)
    }
    for name, row in rejects.items():
        assert row["message"], name
        assert row["excerpt"] is None or len(row["excerpt"]) <= 200, name
    bad_date = (source / "bad-date.txt").read_text()
    assert rejects["bad-date.txt"]["excerpt"] == bad_date[:200]
    assert "line 3" in rejects["bad-date.txt"]["message"]
    assert rejects["bad-date.txt"]["source_format"] == "txt"
    assert rejects["rows.csv[102]"]["source_format"] == "csv"
    assert rejects["rows.csv[102]"]["excerpt"].startswith('"102","1/10/1985 9:00"')
    assert "Permission denied" in rejects["denied.txt"]["message"]
    assert rejects["huge.txt"]["excerpt"] == (source / "08ISLAMABAD421.txt").read_text()[:200]


def test_a_file_unreadable_once_is_read_again_next_run(accounted, tmp_path):
    """A read failure is not a fact about the file: the next run must try it again, even
    though its size and mtime did not change (chmod changes neither)."""
    source, _, _, _ = accounted
    folder = tmp_path / "sources"
    folder.mkdir()
    for name in ("08ISLAMABAD421.txt", DENIED):
        (folder / name).write_bytes((source / name).read_bytes())
    settings = Settings(warehouse=tmp_path / "warehouse")
    with pytest.MonkeyPatch.context() as monkeypatch:
        deny_reading(monkeypatch, DENIED)
        first = run_parts(settings, [str(folder)])
        # Denied again: this retry's batch holds the one file, as the next retry's will.
        second = run_parts(settings, [str(folder)])
    for result in (first, second):
        assert result["rejects"]["reason"].to_list() == ["unreadable"]
    third = run_parts(settings, [str(folder)])
    assert third["rejects"].is_empty()
    assert sorted(third["cables"]["cable_id"]) == ["08ISLAMABAD421", "08ISLAMABAD506"]
    assert [f.path for b in third["plan"].batches for f in b.files] == [str(folder / DENIED)]


@pytest.mark.parametrize("missing", ["no-such-folder", "no-such-*.txt"])
def test_a_source_that_names_nothing_stops_the_run_before_it_writes(tmp_path, missing):
    """Not a reject: read on, the run would count every known file under it as vanished
    (and drop their rows with --prune)."""
    source = tmp_path / "sources"
    source.mkdir()
    (source / "08ISLAMABAD421.txt").write_bytes(SEED_CABLE.read_bytes())
    settings = Settings(warehouse=tmp_path / "warehouse")
    with pytest.raises(SourceError, match=re.escape(repr(str(source / missing)))):
        plan_run(settings, [str(source), str(source / missing)])
    with pytest.raises(SourceError, match="no file or folder matches"):
        check_sources([str(source), str(source / missing)])
    check_sources([str(source), str(source / "08*.txt")])
    assert not settings.warehouse.exists()
