"""Load a landing folder into DuckDB: one raw_<system> schema per source system, replaced atomically."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from generator.errors import UsageError
from generator.progress import Progress
from generator.warehouse.landing import expected_rows, files_to_load


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def load_duckdb(landing: Path, database: Path, *, through: str | None = None, show_progress: bool = True) -> dict:
    """Load every table; with `through` (YYYY-MM), the month-partitioned tables stop at that month, as if
    later months had not arrived yet."""
    began = time.perf_counter()
    manifest, files = files_to_load(landing, through)
    tables = list(files)
    database.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(database))
    except duckdb.Error as exc:
        raise UsageError(f"cannot open DuckDB file {database}: {exc}") from None
    progress = Progress("loading", len(tables), "tables", enabled=show_progress)
    loaded: dict[str, int] = {}
    try:
        # One transaction: readers see the old raw schemas or the new ones, never a mix.
        con.execute("begin transaction")
        for system in sorted({t.split(".")[0] for t in tables}):
            con.execute(f"drop schema if exists raw_{system} cascade")
            con.execute(f"create schema raw_{system}")
        for name in tables:
            system, table = name.split(".")
            con.execute(
                f"create table raw_{system}.{table} as select *, current_timestamp::timestamp as _loaded_at "
                f"from read_parquet([{', '.join(_quote(str(f)) for f in files[name])}], hive_partitioning = false)"
            )
            count = con.execute(f"select count(*) from raw_{system}.{table}").fetchone()[0]
            expected = expected_rows(manifest, name, files[name], through)
            if count != expected:
                raise UsageError(f"{name}: {count:,} rows loaded, {expected:,} expected; regenerate the landing folder")
            loaded[name] = count
            progress.advance(1, name)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.close()
    return {"seconds": time.perf_counter() - began, "row_counts": loaded, "database": str(database)}
