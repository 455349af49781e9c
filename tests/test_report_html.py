"""The static HTML report: its sections and charts, no external resource, and a real render."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from flows.report_html import ReportError, write_report
from flows.report_svg import hbars, stacked_columns
from flows.settings import Settings
from tests.conftest import SEED_CABLE
from tests.system_tools import require_tool

# Metadata lines and no telegram at all, as the public mirror published 06KABUL3934.
HEADER_ONLY = ("06KABUL3934\n\nSun Sep 03 00:00:00 +0200 2006\n"
               "UNCLASSIFIED//FOR OFFICIAL USE ONLY\nEmbassy Kabul\n")

SECTIONS = ("overview", "months", "origins", "tags", "references", "quality", "fill-rates",
            "rejects")
# Anything a browser would fetch: src/href/url() with a scheme or protocol-relative,
# <link>, <script>, @import.
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)|url\(|<link|"""
                      r"""<script|@import""", re.IGNORECASE)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Settings:
    """The seed cable and one header-only file (a reject), loaded by the plain functions."""
    from flows.publish import publish
    from flows.runs import append_load_run, now_utc
    from flows.staging import parse_batch, plan_run
    from flows.warehouse import build_duckdb

    root = tmp_path_factory.mktemp("report")
    sources = root / "sources"
    sources.mkdir()
    shutil.copy(SEED_CABLE, sources / SEED_CABLE.name)
    (sources / "06KABUL3934.txt").write_text(HEADER_ONLY)
    settings = Settings(warehouse=root / "warehouse", workers=1)
    plan = plan_run(settings, [str(sources)], run_id="report-test")
    for batch in plan.batches:
        parse_batch(settings, batch)
    publish(settings, plan)
    append_load_run(settings, {"run_id": "report-test", "started_at": now_utc(),
                               "finished_at": now_utc()})
    build_duckdb(settings, "report-test")
    return settings


@pytest.fixture(scope="module")
def page(warehouse, tmp_path_factory) -> str:
    out = write_report(warehouse, tmp_path_factory.mktemp("out") / "report.html")
    return out.read_text(encoding="utf-8")


def test_has_every_section(page):
    for section in SECTIONS:
        assert f'id="{section}"' in page, section
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_charts_are_inline_svg_and_carry_their_data(page):
    svgs = re.findall(r"<svg\b.*?</svg>", page, re.DOTALL)
    assert len(svgs) >= 5  # months, origins, tags, fill rates, rejects
    for svg in svgs:
        marks = re.findall(r"<rect\b", svg)
        assert marks and len(re.findall(r"<title>", svg)) > len(marks) - 1
    assert "<title>Embassy Islamabad: 1</title>" in page
    assert "<title>no-telegram: 1</title>" in page
    assert "<title>cable_id: 100%</title>" in page


def test_figures_from_the_warehouse(page):
    assert "1 cables, created 2008-01-29 to 2008-01-29." in page
    assert "Last load: report-test" in page
    assert re.search(r"<td[^>]*>2008</td>", page)  # the yearly table


def test_no_external_resource(page):
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assert "http://" not in page and "https://" not in page


def test_missing_warehouse_is_a_clear_error(tmp_path):
    with pytest.raises(ReportError, match="no warehouse"):
        write_report(Settings(warehouse=tmp_path), tmp_path / "r.html")


def test_svg_labels_are_escaped():
    svg = hbars([("<script>&", 3)], label="x")
    assert "<script>" not in svg and "&lt;script&gt;&amp;" in svg


def test_stacked_columns_one_title_per_drawn_segment():
    svg = stacked_columns(["2008-01", "2008-02"], [("A", "#000", [1, 0]), ("B", "#111", [2, 3])],
                          label="t", ticks={0: "2008"})
    assert svg.count("<rect") == 3  # the zero segment is not drawn
    assert "<title>2008-01 B: 2 (of 3)</title>" in svg
    assert hbars([], label="x") == stacked_columns([], [], label="x", ticks={})


def _chromium() -> str:
    name = next((n for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), "chromium")
    return require_tool(name, "the report's browser check (Debian's package: chromium)")


def test_renders_in_headless_chromium(page, tmp_path):
    browser = _chromium()
    html = tmp_path / "report.html"
    html.write_text(page, encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
         "--window-size=1280,2400", html.as_uri()],
        capture_output=True, timeout=180, check=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2400)
