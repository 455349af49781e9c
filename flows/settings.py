"""The one typed settings object: every path derives from ``root`` and ``warehouse``.

Values come from (highest first) the command line, ``CABLES_*`` environment variables, and
the defaults here. Nothing the pipeline writes lies outside ``warehouse`` or a temp dir.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CABLES_", frozen=True)

    root: Path = Field(PROJECT_ROOT, description="The project checkout")
    warehouse: Path = Field(PROJECT_ROOT / "warehouse", description="Output folder")
    sources: tuple[str, ...] = Field((str(PROJECT_ROOT / "seeds" / "cables"),),
                                     description="Files, folders, archives or URLs to read")
    batch_bytes: int = Field(24 * 2**20, description="Input bytes per parse task")
    batch_files: int = Field(20_000, description="Input files per parse task")
    keep_versions_hours: float = Field(24.0, description="Keep older table versions this long")
    workers: int = Field(2, description="Parse processes (this machine has 2 cores)")
    schedule: str = Field("0 2 * * *", description="Cron schedule of the served deployment")
    prefect_home: Path = Field(PROJECT_ROOT / ".prefect", description="PREFECT_HOME default")

    # Everything below derives from ``warehouse``: one place to look, one place to clean.
    @property
    def duckdb_path(self) -> Path:
        return self.warehouse / "cables.duckdb"

    @property
    def parts_dir(self) -> Path:
        """Staged per-batch Parquet parts, kept between runs so unchanged input is not re-parsed."""
        return self.warehouse / ".parts"

    @property
    def versions_dir(self) -> Path:
        """Complete table sets, one folder per publish; ``current`` points at the newest."""
        return self.warehouse / ".versions"

    @property
    def current_link(self) -> Path:
        return self.warehouse / "current"

    @property
    def ledger_path(self) -> Path:
        return self.warehouse / "ledger" / "data.parquet"

    @property
    def load_runs_path(self) -> Path:
        return self.warehouse / "load_runs" / "data.parquet"

    @property
    def lock_path(self) -> Path:
        return self.warehouse / ".lock"

    @property
    def tmp_dir(self) -> Path:
        return self.warehouse / ".tmp"

    def table_dir(self, name: str) -> Path:
        return self.warehouse / name

    @property
    def sql_dir(self) -> Path:
        return self.root / "sql"
