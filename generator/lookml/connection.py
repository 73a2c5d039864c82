"""Where LookML queries run: a dbt target's warehouse, with the committed LookML's production table names
mapped onto that target's schemas (the same rule dbt applies), and query parameters bound natively.

The committed views name production BigQuery tables (`@{bigquery_project}.@{dataset_marts}.name`).
On any target the table keeps its name and the dataset becomes the target's schema for that layer, so
one LookML project reads the DuckDB demo build, the emulator and production alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import UsageError
from generator.lookml.compiler import CompiledQuery
from generator.warehouse.profiles import Target, read_target


@dataclass
class Result:
    columns: list[str]  # view.field
    rows: list[tuple]


class Connection:
    """A warehouse connection for compiled LookML queries; read-only on DuckDB."""

    def __init__(self, target: Target):
        self.target = target
        self.dialect = "bigquery" if target.type == "bigquery" else "duckdb"
        if target.type not in ("duckdb", "bigquery"):
            raise UsageError(f"target {target.name!r} is a {target.type} target; LookML runs on duckdb or bigquery")
        self._duckdb = None
        self._bigquery = None

    def relation(self, sql_table_name: str) -> str:
        """A production table name (`project.dataset.table`, or `schema.table`) as this target names it."""
        parts = sql_table_name.strip().strip("`").split(".")
        if len(parts) < 2:
            raise UsageError(f"sql_table_name {sql_table_name!r} names no dataset")
        dataset, table = parts[-2], parts[-1]
        schema = self.target.layer(dataset)
        if self.dialect == "bigquery":
            return f"`{self.target.output.get('project')}.{schema}.{table}`"
        return f'"{schema}"."{table}"'

    def run(self, compiled: CompiledQuery) -> Result:
        if self.dialect == "duckdb":
            con = self._duckdb_connection()
            rows = con.execute(compiled.sql, compiled.params).fetchall()
        else:
            rows = self._run_bigquery(compiled)
        return Result(compiled.columns, rows)

    def _duckdb_connection(self):
        import duckdb

        if self._duckdb is None:
            path = self.target.duckdb_path
            if str(path) != ":memory:" and not Path(path).is_file():
                raise UsageError(f"DuckDB file {path} not found; run 'dbt build' first")
            self._duckdb = duckdb.connect(str(path), read_only=True)
        return self._duckdb

    def _run_bigquery(self, compiled: CompiledQuery) -> list[tuple]:
        from generator.warehouse.load_bigquery import client_for, query_job_config

        if self._bigquery is None:
            self._bigquery = client_for(self.target.output)
        job = self._bigquery.query(compiled.sql, job_config=query_job_config(compiled.params))
        return [tuple(row.values()) for row in job.result()]

    def close(self) -> None:
        if self._duckdb is not None:
            self._duckdb.close()
            self._duckdb = None


def connect(target: str | None, project_dir: Path, profiles_dir: Path | None) -> Connection:
    return Connection(read_target(target, project_dir=project_dir, profiles_dir=profiles_dir))
