"""Remote sources through fsspec: S3 against a local moto server, memory:// and file://.

Never the internet: moto listens on 127.0.0.1 on a free port, and the dummy credentials
could open nothing real anyway.
"""

from __future__ import annotations

import gzip
import io
import socket
import zipfile

import fsspec
import pytest

from flows import remote
from flows.settings import Settings
from flows.sources import SourceError, check_sources, discover, file_sha256, read_source
from flows.staging import parse_batch, plan_run
from tests.conftest import SEED_CABLE
from tests.fixture_cables import csv_row, text_cable
from transforms.raw import RawCable
from transforms.readers.common import sha256_hex

SEED = SEED_CABLE.read_bytes()
BUCKET = "cables-test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(moto_endpoint, monkeypatch):
    """A fresh bucket on the moto server; the s3fs filesystem the sources will use."""
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_SESSION_TOKEN": "testing",
        "NO_PROXY": "127.0.0.1",
        remote.ENDPOINT_ENV: moto_endpoint,
    }.items():
        monkeypatch.setenv(key, value)
    fs, _ = remote.filesystem(f"s3://{BUCKET}")
    if fs.exists(BUCKET):
        fs.rm(BUCKET, recursive=True)
    fs.mkdir(BUCKET)
    fs.invalidate_cache()
    return fs


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _cables(files) -> list[tuple]:
    return [
        (i.reference_id, i.source_file, i.member)
        for f in files
        for i in read_source(f)
        if isinstance(i, RawCable)
    ]


def test_s3_prefix_is_listed_and_read(s3):
    s3.pipe(f"{BUCKET}/in/08ISLAMABAD421.txt", SEED)
    s3.pipe(
        f"{BUCKET}/in/more/batch.zip", _zip_bytes({"a/09VALLETTA77.txt": text_cable().encode()})
    )
    s3.pipe(f"{BUCKET}/in/dump.csv.gz", gzip.compress(csv_row(1, "09VALLETTA78").encode()))
    s3.pipe(f"{BUCKET}/in/README.md", b"not a cable")
    s3.pipe(f"{BUCKET}/other/09X1.txt", b"outside the prefix")
    files, missing = discover([f"s3://{BUCKET}/in"])
    assert missing == []
    assert [f.path for f in files] == [
        f"s3://{BUCKET}/in/08ISLAMABAD421.txt",
        f"s3://{BUCKET}/in/dump.csv.gz",
        f"s3://{BUCKET}/in/more/batch.zip",
    ]
    assert files[0].size == len(SEED)
    assert _cables(files) == [
        ("08ISLAMABAD421", f"s3://{BUCKET}/in/08ISLAMABAD421.txt", None),
        ("09VALLETTA78", f"s3://{BUCKET}/in/dump.csv.gz", "dump.csv:1"),
        ("09VALLETTA77", f"s3://{BUCKET}/in/more/batch.zip", "a/09VALLETTA77.txt"),
    ]
    assert file_sha256(files[0].path) == sha256_hex(SEED)


def test_s3_include_glob_and_single_object(s3):
    s3.pipe(f"{BUCKET}/in/08ISLAMABAD421.txt", SEED)
    s3.pipe(f"{BUCKET}/in/page.html", b"<html></html>")
    files, _ = discover([f"s3://{BUCKET}/in"], include="*.txt")
    assert [f.path for f in files] == [f"s3://{BUCKET}/in/08ISLAMABAD421.txt"]
    files, _ = discover([f"s3://{BUCKET}/in/page.html"], include="*.txt")
    assert [f.path for f in files] == [f"s3://{BUCKET}/in/page.html"]  # named: always taken
    files, _ = discover([f"s3://{BUCKET}/in/*.html"])
    assert [f.path for f in files] == [f"s3://{BUCKET}/in/page.html"]


def test_a_rewritten_object_of_the_same_size_gets_a_new_version_tag(s3):
    key = f"{BUCKET}/in/08ISLAMABAD421.txt"
    s3.pipe(key, SEED)
    (before,), _ = discover([f"s3://{BUCKET}/in"])
    s3.pipe(key, SEED.replace(b"MQM LOOKING", b"MQM SEEKING"))
    (after,), _ = discover([f"s3://{BUCKET}/in"])
    assert before.size == after.size
    assert before.mtime_ns != after.mtime_ns


def test_a_missing_prefix_stops_the_run_before_it_writes(s3, tmp_path):
    url = f"s3://{BUCKET}/nothing-here"
    files, missing = discover([url])
    assert files == []
    assert [m.reason for m in missing] == ["source-not-found"]
    with pytest.raises(SourceError, match="no object or prefix matches 's3://cables-test/"):
        check_sources([url])
    with pytest.raises(SourceError, match="no object or prefix matches"):
        plan_run(Settings(warehouse=tmp_path / "warehouse"), [url])
    s3.pipe(f"{BUCKET}/in/08ISLAMABAD421.txt", SEED)
    check_sources([f"s3://{BUCKET}/in", f"s3://{BUCKET}/in/08*.txt",
                   f"s3://{BUCKET}/in/08ISLAMABAD421.txt"])
    with pytest.raises(SourceError, match="no object or prefix matches"):
        check_sources([f"s3://{BUCKET}/in/09*.txt"])


def test_an_unchanged_bucket_is_not_parsed_again(s3, tmp_path):
    from flows.publish import publish

    s3.pipe(f"{BUCKET}/in/08ISLAMABAD421.txt", SEED)
    s3.pipe(f"{BUCKET}/in/09VALLETTA77.txt", text_cable().encode())
    settings = Settings(warehouse=tmp_path / "warehouse")
    plan = plan_run(settings, [f"s3://{BUCKET}/in"], run_id="r1")
    assert [len(b.files) for b in plan.batches] == [2]
    assert parse_batch(settings, plan.batches[0])["cables"] == 2
    counts = publish(settings, plan)
    assert counts["cables"] == 2
    assert plan_run(settings, [f"s3://{BUCKET}/in"], run_id="r2").batches == []
    s3.pipe(f"{BUCKET}/in/09VALLETTA77.txt", text_cable(paragraph="Changed.").encode())
    (changed,) = plan_run(settings, [f"s3://{BUCKET}/in"], run_id="r3").batches
    assert [f.path for f in changed.files] == [f"s3://{BUCKET}/in/09VALLETTA77.txt"]


def test_memory_and_file_urls(tmp_path):
    fs = fsspec.filesystem("memory")
    fs.pipe("/cables-test/in/08ISLAMABAD421.txt", SEED)
    files, missing = discover(["memory://cables-test/in"])
    assert (missing, [f.path for f in files]) == (
        [],
        ["memory:///cables-test/in/08ISLAMABAD421.txt"],
    )
    assert _cables(files)[0][0] == "08ISLAMABAD421"
    fs.rm("/cables-test", recursive=True)
    (tmp_path / "08ISLAMABAD421.txt").write_bytes(SEED)
    files, _ = discover([f"file://{tmp_path}"])
    assert [f.path for f in files] == [f"file://{tmp_path}/08ISLAMABAD421.txt"]
    assert files[0].mtime_ns > 0
    assert _cables(files)[0][0] == "08ISLAMABAD421"


def test_transient_errors_are_retried_then_raised():
    calls, sleeps = [], []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionResetError("reset by peer")
        return "ok"

    assert remote.with_retries(flaky, sleep=sleeps.append) == "ok"
    assert sleeps == list(remote.RETRY_DELAYS)

    def missing():
        calls.append(1)
        raise FileNotFoundError("gone")

    calls.clear()
    with pytest.raises(FileNotFoundError):
        remote.with_retries(missing, sleep=sleeps.append)
    assert len(calls) == 1  # not transient: no retry

    def down():
        raise TimeoutError("no answer")

    with pytest.raises(TimeoutError):
        remote.with_retries(down, sleep=lambda _: None)


def test_an_unlistable_store_stops_the_run_and_says_why(monkeypatch):
    def broken(url):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr(remote, "filesystem", broken)
    files, missing = discover(["s3://somewhere/in"])
    assert files == []
    assert [m.reason for m in missing] == ["source-unreachable"]
    assert "connection refused" in missing[0].message
    with pytest.raises(SourceError, match="cannot list 's3://somewhere/in': "
                                          "ConnectionRefusedError: connection refused"):
        check_sources(["s3://somewhere/in"])


def test_is_url():
    assert remote.is_url("s3://bucket/key") and remote.is_url("file:///tmp/x")
    assert not remote.is_url("/tmp/x") and not remote.is_url("C://x") and not remote.is_url("x")
