"""The warehouse as `c360 serve` sees it: read-only for everything but the action log.

DuckDB: an in-memory session that ATTACHes the dbt build READ_ONLY as `warehouse` (so no query can write
to it, whatever it says) and a small database of its own beside it as `app`, which holds the one table
the server writes, `app.action_log`, append-only. BigQuery: the target's project, with the action log in
the target's `app` dataset. Every value reaches the warehouse as a query parameter.
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from pathlib import Path

from generator.errors import UsageError
from generator.warehouse.load_bigquery import query_job_config
from generator.warehouse.profiles import Target

ACTION_LOG_COLUMNS = (
    ("action_log_id", "string"),
    ("next_best_action_key", "string"),
    ("customer_key", "string"),
    ("rule_id", "string"),
    ("action", "string"),
    ("executed_by", "string"),
    ("outcome", "string"),
    ("note", "string"),
    ("executed_at", "timestamp"),
)


class WarehouseUnavailable(Exception):
    """The warehouse cannot be reached or refuses the query; the API answers 503 with this sentence."""


class ServeWarehouse:
    def __init__(self, target: Target):
        if target.type not in ("duckdb", "bigquery"):
            raise UsageError(f"target {target.name!r} is a {target.type} target; c360 serve reads duckdb or bigquery")
        self.target = target
        self.dialect = "bigquery" if target.type == "bigquery" else "duckdb"
        self._local = threading.local()
        self._write_lock = threading.Lock()
        if self.dialect == "duckdb":
            self._open_duckdb()
        else:
            self._open_bigquery()

    # -- names ---------------------------------------------------------------------------------------

    def relation(self, sql_table_name: str) -> str:
        """A production table name from the LookML (`project.dataset.table`) on this target."""
        parts = sql_table_name.strip().strip("`").split(".")
        return self.table(parts[-2], parts[-1])

    def table(self, layer: str, name: str) -> str:
        schema = self.target.layer(layer)
        if self.dialect == "bigquery":
            return f"`{self.target.output.get('project')}.{schema}.{name}`"
        return f'warehouse."{schema}"."{name}"'

    @property
    def action_log(self) -> str:
        if self.dialect == "bigquery":
            return f"`{self.target.output.get('project')}.{self.target.layer('app')}.action_log`"
        return "app.main.action_log"

    def param(self, name: str) -> str:
        return f"@{name}" if self.dialect == "bigquery" else f"${name}"

    # -- DuckDB --------------------------------------------------------------------------------------

    def _open_duckdb(self) -> None:
        import duckdb

        path = self.target.duckdb_path
        if not Path(path).is_file():
            raise UsageError(f"DuckDB file {path} not found; run 'make demo' (or dbt build) first")
        self.app_path = Path(path).with_suffix(".app.duckdb")
        self._con = duckdb.connect()
        try:
            self._con.execute(f"ATTACH '{_quote(str(path))}' AS warehouse (READ_ONLY)")
        except duckdb.Error as exc:
            raise UsageError(f"cannot open {path} read-only ({' '.join(str(exc).split())[:200]})") from None
        self._con.execute(f"ATTACH '{_quote(str(self.app_path))}' AS app")
        columns = ", ".join(
            f"{name} {'TIMESTAMP' if kind == 'timestamp' else 'VARCHAR'}" for name, kind in ACTION_LOG_COLUMNS
        )
        self._con.execute(f"CREATE TABLE IF NOT EXISTS app.main.action_log ({columns})")

    def _cursor(self):
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = self._con.cursor()
        return cursor

    # -- BigQuery ------------------------------------------------------------------------------------

    def _open_bigquery(self) -> None:
        from generator.warehouse.load_bigquery import client_for

        self._client = client_for(self.target.output)
        columns = ", ".join(
            f"{name} {'TIMESTAMP' if kind == 'timestamp' else 'STRING'}" for name, kind in ACTION_LOG_COLUMNS
        )
        dataset = f"{self.target.output.get('project')}.{self.target.layer('app')}"
        try:
            self._client.create_dataset(dataset, exists_ok=True)
            self._client.query(f"CREATE TABLE IF NOT EXISTS {self.action_log} ({columns})").result()
        except Exception as exc:
            raise UsageError(f"cannot reach BigQuery for {dataset} ({' '.join(str(exc).split())[:200]})") from None

    # -- queries -------------------------------------------------------------------------------------

    def rows(self, sql: str, params: dict | None = None) -> list[dict]:
        """Rows as dicts of JSON-ready values."""
        params = params or {}
        try:
            if self.dialect == "duckdb":
                cursor = self._cursor().execute(sql, params)
                names = [d[0] for d in cursor.description]
                return [dict(zip(names, map(_plain, row), strict=True)) for row in cursor.fetchall()]
            job = self._client.query(sql, job_config=query_job_config(params))
            return [{k: _plain(v) for k, v in row.items()} for row in job.result()]
        except Exception as exc:
            raise WarehouseUnavailable(_sentence(exc)) from exc

    def append_action(self, row: dict) -> None:
        """One row into the action log: the only write the server makes."""
        names = [name for name, _ in ACTION_LOG_COLUMNS]
        sql = f"INSERT INTO {self.action_log} ({', '.join(names)}) VALUES ({', '.join(self.param(n) for n in names)})"
        try:
            if self.dialect == "duckdb":
                with self._write_lock:  # one writer at a time keeps appends from conflicting
                    self._cursor().execute(sql, row)
            else:
                self._client.query(sql, job_config=query_job_config(row)).result()
        except Exception as exc:
            raise WarehouseUnavailable(_sentence(exc)) from exc

    def close(self) -> None:
        if self.dialect == "duckdb":
            self._con.close()


def _quote(text: str) -> str:
    return text.replace("'", "''")


def _sentence(exc: Exception) -> str:
    return "The warehouse could not answer: " + " ".join(str(exc).split())[:200].rstrip(".") + "."


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
