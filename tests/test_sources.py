"""Discovery (folders, globs, include filters, archives as one file) and reading of files."""

from __future__ import annotations

import zipfile
from pathlib import Path

from flows import sources
from flows.sources import SourceFile, discover, file_sha256, read_source
from tests.conftest import SEED_CABLE
from tests.fixture_cables import csv_row, text_cable
from transforms.raw import RawCable
from transforms.readers.common import sha256_hex

SEED = SEED_CABLE.read_bytes()


def _tree(root: Path) -> Path:
    for name, data in {
        "08ISLAMABAD421.txt": SEED,
        "pages/09VALLETTA77.html": b"<html></html>",
        "pages/deeper/09VALLETTA77.txt": text_cable().encode(),
        "dump/cables.csv": csv_row(1, "09VALLETTA78").encode(),
        "batch.zip": b"",
        "README.md": b"notes",
        ".hidden/09X1.txt": b"skipped",
        ".DS_Store": b"skipped",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    with zipfile.ZipFile(root / "batch.zip", "w") as archive:
        archive.writestr("09VALLETTA79.txt", text_cable("09VALLETTA79"))
    return root


def _names(files: list[SourceFile], root: Path) -> list[str]:
    return [Path(f.path).relative_to(root).as_posix() for f in files]


def test_a_folder_is_searched_recursively_in_sorted_order(tmp_path):
    root = _tree(tmp_path)
    files, missing = discover([str(root)])
    assert missing == []
    assert _names(files, root) == [
        "08ISLAMABAD421.txt",
        "batch.zip",
        "dump/cables.csv",
        "pages/09VALLETTA77.html",
        "pages/deeper/09VALLETTA77.txt",
    ]
    assert files[0].size == len(SEED) and files[0].mtime_ns > 0


def test_include_filters_files_found_in_folders(tmp_path):
    root = _tree(tmp_path)
    files, _ = discover([str(root)], include="*.txt")
    assert _names(files, root) == ["08ISLAMABAD421.txt", "pages/deeper/09VALLETTA77.txt"]
    files, _ = discover([str(root)], include="pages/*/*.txt")
    assert _names(files, root) == ["pages/deeper/09VALLETTA77.txt"]
    files, _ = discover([str(root / "batch.zip")], include="*.txt")
    assert _names(files, root) == ["batch.zip"]  # a file named directly is always taken


def test_globs_duplicates_and_missing_sources(tmp_path):
    root = _tree(tmp_path)
    files, missing = discover([f"{root}/**/*.html", str(root / "pages"), f"{root}/nope*"])
    assert _names(files, root) == ["pages/09VALLETTA77.html", "pages/deeper/09VALLETTA77.txt"]
    assert [(m.source_file, m.reason) for m in missing] == [(f"{root}/nope*", "source-not-found")]


def test_each_kind_of_file_is_read(tmp_path):
    root = _tree(tmp_path)
    files, _ = discover([str(root)], include="*[!l]")  # everything but the .html page
    items = [i for f in files for i in read_source(f)]
    assert [(i.reference_id, Path(i.source_file).name, i.member) for i in items] == [
        ("08ISLAMABAD421", "08ISLAMABAD421.txt", None),
        ("09VALLETTA79", "batch.zip", "09VALLETTA79.txt"),
        ("09VALLETTA78", "cables.csv", "1"),
        ("09VALLETTA77", "09VALLETTA77.txt", None),
    ]
    assert all(isinstance(i, RawCable) for i in items)
    assert file_sha256(files[0].path) == sha256_hex(SEED) == items[0].source_sha256


def test_an_oversized_single_file_is_refused_after_its_head(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 5000)
    path = tmp_path / "08ISLAMABAD421.txt"
    path.write_bytes(SEED)
    (reject,) = read_source(SourceFile(str(path), 10, 0))  # a listing's size is not trusted
    assert (reject.reason, reject.source_format) == ("too-large", "txt")


def test_a_vanished_file_is_an_unreadable_reject(tmp_path):
    (reject,) = read_source(SourceFile(str(tmp_path / "gone.txt"), 1, 1))
    assert reject.reason == "unreadable"
    assert file_sha256(str(tmp_path / "gone.txt")) is None


def test_a_file_read_whole_reports_its_sha256_and_no_archive_or_csv_does(tmp_path):
    """parse_batch takes the ledger's sha256 from this report instead of reading the file
    again: it must be ``file_sha256``'s value, and only for a file read whole."""
    root = _tree(tmp_path)
    reported: dict[str, list[str]] = {}
    for f in discover([str(root)], include="*[!l]")[0]:
        reported[Path(f.path).name] = []
        list(read_source(f, None, reported[Path(f.path).name].append))
    assert reported["08ISLAMABAD421.txt"] == [file_sha256(str(root / "08ISLAMABAD421.txt"))]
    assert reported["batch.zip"] == reported["cables.csv"] == []


def test_a_file_longer_or_shorter_than_listed_is_read_whole(tmp_path):
    path = tmp_path / "08ISLAMABAD421.txt"
    path.write_bytes(SEED)
    # the listed size only sizes the first read: a stale listing never cuts the file
    for listed in (-1, 0, 10, len(SEED) - 1, len(SEED), 10 * len(SEED)):
        reported: list[str] = []
        (item,) = read_source(SourceFile(str(path), listed, 0), None, reported.append)
        assert item.source_sha256 == sha256_hex(SEED) == reported[0], listed
