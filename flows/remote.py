"""Remote object stores through fsspec URLs: list objects, open and read them, with retries.

Any fsspec URL works (``s3://bucket/prefix``, ``gs://...``, ``file:///abs/path``,
``memory://...``); a plain path never comes here. How a user points at a store:

- credentials come from the store's own chain (for S3: ``AWS_ACCESS_KEY_ID`` /
  ``AWS_SECRET_ACCESS_KEY``, ``AWS_PROFILE``, instance roles);
- ``CABLES_S3_ENDPOINT_URL`` sends ``s3://`` URLs to another endpoint (MinIO, moto, a
  private S3), read at each call; fsspec's own ``FSSPEC_S3_ENDPOINT_URL`` (or any
  ``FSSPEC_<PROTOCOL>_<OPTION>`` variable, read when fsspec is imported) and its config files
  work too.

An object's *version tag* stands in for a local file's mtime in the ledger: its ETag (or
VersionId) hashed to a 63-bit integer, else its modification time in nanoseconds, so a
re-run skips objects whose tag and size are unchanged.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import time
from collections.abc import Callable
from datetime import datetime
from typing import BinaryIO, TypeVar

import fsspec

T = TypeVar("T")

ENDPOINT_ENV = "CABLES_S3_ENDPOINT_URL"
TRIES = 3
RETRY_DELAYS = (0.5, 2.0)  # seconds before the 2nd and 3rd try
HASH_CHUNK = 4 * 2**20
_GLOB_CHARS = set("*?[")
# Errors a retry cannot mend: the object is not there, or we may not read it.
_PERMANENT = (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError)


def is_url(source: str) -> bool:
    """True for ``protocol://...`` (not a Windows drive letter, not a plain path)."""
    scheme, sep, _ = source.partition("://")
    return bool(sep) and len(scheme) > 1 and scheme.replace("+", "").isalnum()


def storage_options(protocol: str) -> dict:
    if protocol in ("s3", "s3a") and os.environ.get(ENDPOINT_ENV):
        return {"endpoint_url": os.environ[ENDPOINT_ENV]}
    return {}


def filesystem(url: str) -> tuple[fsspec.AbstractFileSystem, str]:
    """The filesystem of ``url`` and the path inside it."""
    protocol = url.split("://", 1)[0]
    return fsspec.core.url_to_fs(url, **storage_options(protocol))


def with_retries(
    call: Callable[[], T],
    tries: int = TRIES,
    delays: tuple[float, ...] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``call()``, tried again after a transient error (``OSError``, timeouts) with backoff
    (``RETRY_DELAYS`` unless given).

    A missing object or a refused permission is raised at once: retrying cannot change it.
    """
    delays = RETRY_DELAYS if delays is None else delays
    for attempt in range(tries):
        try:
            return call()
        except _PERMANENT:
            raise
        except (OSError, TimeoutError):
            if attempt == tries - 1:
                raise
            sleep(delays[min(attempt, len(delays) - 1)])
    raise AssertionError("unreachable")


def version_tag(info: dict) -> int:
    """A 63-bit integer that changes when the object does: ETag/VersionId, else mtime."""
    for key in ("ETag", "etag", "VersionId", "md5Hash", "generation"):
        if info.get(key):
            digest = hashlib.sha256(str(info[key]).encode()).hexdigest()
            return int(digest[:15], 16)
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        value = info.get(key)
        if isinstance(value, datetime):
            return int(value.timestamp() * 1_000_000) * 1000
        if isinstance(value, int | float):
            return int(value * 1_000_000) * 1000
    return 0


def _wanted(name: str, root: str, include: str | None) -> bool:
    base = name.rsplit("/", 1)[-1]
    if base.startswith("."):
        return False
    if include is None:
        return True
    relative = name[len(root) :].lstrip("/") if name.startswith(root) else base
    return fnmatch.fnmatch(relative if "/" in include else base, include)


def list_objects(
    url: str, include: str | None = None, skipped_names: frozenset[str] = frozenset()
) -> list[tuple[str, int, int]]:
    """``(url, size, version tag)`` of every object ``url`` names: one object, every object
    under a prefix (recursive, ``include`` glob on the name), or a glob's matches.

    Raises ``FileNotFoundError`` when nothing is there, ``OSError`` when the store cannot
    be listed (after retries).
    """
    fs, path = filesystem(url)

    def listing() -> dict[str, dict]:
        fs.invalidate_cache()  # a re-run must see objects added since the last listing
        if _GLOB_CHARS & set(path):
            return {
                n: i for n, i in fs.glob(path, detail=True).items() if i.get("type") != "directory"
            }
        if fs.isfile(path):
            return {path: fs.info(path)}
        if not fs.isdir(path):
            raise FileNotFoundError(url)
        root = path.rstrip("/")
        return {
            n: i
            for n, i in fs.find(path, detail=True).items()
            if i.get("type") != "directory" and _wanted(n, root, include)
        }

    found = with_retries(listing)
    if not found:
        raise FileNotFoundError(url)
    rows = [
        (fs.unstrip_protocol(name), int(info.get("size") or 0), version_tag(info))
        for name, info in found.items()
        if name.rsplit("/", 1)[-1] not in skipped_names
    ]
    return sorted(rows)


def missing_object(url: str) -> str | None:
    """Why ``url`` names nothing to read (no object or prefix, or the store cannot be
    listed), in the words ``list_objects``' callers use; ``None`` when something is there.
    One call to the store (a glob lists its matches), not a listing of the prefix."""
    try:
        fs, path = filesystem(url)
        if _GLOB_CHARS & set(path):
            found = bool(with_retries(lambda: fs.glob(path)))
        else:
            found = with_retries(lambda: fs.invalidate_cache() or fs.exists(path))
    except Exception as error:  # no credentials, no network, a bad URL
        return f"cannot list {url!r}: {type(error).__name__}: {error}"[:300]
    return None if found else f"no object or prefix matches {url!r}"


def open_object(url: str) -> BinaryIO:
    """A seekable binary file of the object (the store's client retries reads itself)."""
    fs, path = filesystem(url)
    return with_retries(lambda: fs.open(path, "rb"))


def object_sha256(url: str) -> str | None:
    """SHA-256 of the object's bytes, streamed; ``None`` when it cannot be read."""

    def digest() -> str:
        sha = hashlib.sha256()
        with open_object(url) as stream:
            while chunk := stream.read(HASH_CHUNK):
                sha.update(chunk)
        return sha.hexdigest()

    try:
        return with_retries(digest)
    except OSError:
        return None
