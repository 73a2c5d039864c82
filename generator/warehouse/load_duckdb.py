"""Load a checked landing folder into DuckDB: one raw schema per source system, replaced in one transaction."""

from __future__ import annotations

import time

import duckdb

from generator.errors import UsageError
from generator.progress import Progress
from generator.warehouse.landing import LandingTable, LoadSummary
from generator.warehouse.profiles import Target


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def load_duckdb(tables: list[LandingTable], target: Target, *, show_progress: bool = True) -> LoadSummary:
    """Replace the raw schemas with the given tables. One transaction: readers, and a load killed half-way,
    leave the old raw schemas or the new ones, never a mix."""
    began = time.perf_counter()
    database = target.duckdb_path
    database.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(database), config=target.duckdb_config)
    except duckdb.Error as exc:
        raise UsageError(f"cannot open DuckDB file {database}: {str(exc).splitlines()[0]}") from None
    progress = Progress("loading", len(tables), "tables", enabled=show_progress)
    loaded: dict[str, int] = {}
    try:
        con.execute("begin transaction")
        for system in sorted({t.system for t in tables}):
            schema = target.layer(f"raw_{system}")
            con.execute(f"drop schema if exists {schema} cascade")
            con.execute(f"create schema {schema}")
        for t in tables:
            relation = f"{target.layer(f'raw_{t.system}')}.{t.table}"
            files = ", ".join(_quote(str(f)) for f in t.files)
            con.execute(
                f"create table {relation} as select *, current_timestamp::timestamp as _loaded_at "
                f"from read_parquet([{files}], hive_partitioning = false, union_by_name = true)"
            )
            count = con.execute(f"select count(*) from {relation}").fetchone()[0]
            if count != t.rows:
                raise UsageError(f"{t.name}: {count:,} rows loaded, {t.rows:,} expected; nothing was changed")
            loaded[t.name] = count
            progress.advance(1, t.name)
        con.execute("commit")
    except duckdb.Error as exc:
        con.execute("rollback")
        raise UsageError(f"the load into {database} failed and was rolled back: {str(exc).splitlines()[0]}") from None
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.close()
    return LoadSummary(seconds=time.perf_counter() - began, row_counts=loaded, destination=str(database))
