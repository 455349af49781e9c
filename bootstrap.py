#!/usr/bin/env python3
"""Set everything up and run a project command, on a machine that has only python3.

    python3 bootstrap.py run [cables run options]   # the ETL on the bundled sample
    python3 bootstrap.py test [pytest options]      # the test suite
    python3 bootstrap.py cables ARGS...             # any `cables` command

It finds `uv` (on PATH, or in `.uv/`, where it installs the pinned version with pip the first
time), creates `.venv` from `uv.lock` exactly (`uv sync --locked`), and runs the command in it.
Standard library only: this file runs before any dependency exists.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
UV_VERSION = "0.13.8"
UV_HOME = ROOT / ".uv"


def find_uv() -> str:
    local = UV_HOME / "bin" / "uv"
    if local.exists():
        return str(local)
    on_path = shutil.which("uv")
    if on_path:
        return on_path
    print(f"bootstrap: installing uv {UV_VERSION} into {UV_HOME}", file=sys.stderr)
    venv.EnvBuilder(with_pip=True, clear=True).create(UV_HOME)
    subprocess.run([str(UV_HOME / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    f"uv=={UV_VERSION}"], check=True)
    return str(local)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "cables"}:
        print(__doc__, file=sys.stderr)
        return 2
    uv = find_uv()
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never",
           "UV_PROJECT_ENVIRONMENT": str(ROOT / ".venv")}
    python = ["--python", sys.executable]
    # Bytecode compiled once, at install: with PYTHONDONTWRITEBYTECODE set (as on some CI
    # machines) every process would otherwise compile Prefect & co. again (~1.5 s each).
    subprocess.run([uv, "sync", "--locked", "--quiet", "--compile-bytecode", *python], cwd=ROOT,
                   env=env, check=True)
    subprocess.run([uv, "run", "--locked", "--no-sync", *python, "python", "-m", "compileall",
                    "-q", "flows", "transforms"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    command, rest = argv[0], argv[1:]
    if command == "test":
        args = ["pytest", *rest]
    elif command == "run":
        args = ["cables", "run", *rest]
    else:
        args = ["cables", *rest]
    return subprocess.run([uv, "run", "--locked", "--no-sync", *python, *args], cwd=ROOT,
                          env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
