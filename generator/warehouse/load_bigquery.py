"""Load a landing folder into BigQuery (or the emulator): one raw_<system> dataset per source system.

Each table gets an explicit schema derived from its Parquet schema plus a `_loaded_at` timestamp;
large tables are partitioned by month and clustered. Files are streamed in batches of at most
BATCH_ROWS rows, each sent as one load job, so memory stays small whatever the size of the bank.
"""

from __future__ import annotations

import io
import os
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from generator.errors import UsageError
from generator.progress import Progress
from generator.warehouse.landing import PARTITIONED, LandingTable, LoadSummary
from generator.warehouse.profiles import Target

BATCH_ROWS = 2_000_000


def bigquery_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    for test, name in (
        (pa.types.is_string, "STRING"),
        (pa.types.is_decimal, "NUMERIC"),
        (pa.types.is_date, "DATE"),
        (pa.types.is_timestamp, "TIMESTAMP"),
        (pa.types.is_integer, "INT64"),
        (pa.types.is_floating, "FLOAT64"),
        (pa.types.is_boolean, "BOOL"),
    ):
        if test(arrow_type):
            return name
    raise UsageError(f"no BigQuery type for Arrow type {arrow_type}")


def client_for(output: dict):
    """A BigQuery client for a dbt profile output. A profile that authenticates with a token (`oauth-secrets`)
    while BIGQUERY_EMULATOR_HOST is set talks to the emulator at that address."""
    from google.api_core.client_options import ClientOptions
    from google.cloud import bigquery

    project = output.get("project")
    if not project:
        raise UsageError("the BigQuery target has no project: set C360_BQ_PROJECT")
    host = os.environ.get("BIGQUERY_EMULATOR_HOST", "")
    if output.get("method") == "oauth-secrets" and host:
        from google.auth.credentials import AnonymousCredentials

        if not host.startswith(("http://", "https://")):
            raise UsageError("set BIGQUERY_EMULATOR_HOST to the emulator's address, e.g. http://localhost:9050")
        return bigquery.Client(
            project=project, credentials=AnonymousCredentials(), client_options=ClientOptions(api_endpoint=host)
        )
    method = output.get("method", "oauth")
    if method == "service-account":
        keyfile = output.get("keyfile")
        if not keyfile or not Path(keyfile).is_file():
            raise UsageError(f"service-account key file not found: {keyfile!r} (set C360_BQ_KEYFILE)")
        return bigquery.Client.from_service_account_json(keyfile, project=project, location=output.get("location"))
    if method != "oauth":
        hint = " (oauth-secrets is for the emulator: set BIGQUERY_EMULATOR_HOST)" if method == "oauth-secrets" else ""
        raise UsageError(f"unsupported BigQuery method {method!r}: use oauth or service-account{hint}")
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    try:
        credentials, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
    except DefaultCredentialsError:
        raise UsageError("no Google credentials: run 'gcloud auth application-default login'") from None
    return bigquery.Client(project=project, credentials=credentials, location=output.get("location"))


def query_job_config(params: dict):
    """Named query parameters (`@name`) typed from their Python values: a query's values never enter its SQL."""
    from google.cloud import bigquery

    # datetime before date: a datetime is a date too.
    kinds = ((bool, "BOOL"), (int, "INT64"), (float, "FLOAT64"), (datetime, "TIMESTAMP"), (date, "DATE"))
    return bigquery.QueryJobConfig(
        query_parameters=[
            bigquery.ScalarQueryParameter(name, next((k for t, k in kinds if isinstance(value, t)), "STRING"), value)
            for name, value in params.items()
        ]
    )


def _batches(files: list[Path], loaded_at: pa.Scalar):
    """Yield Parquet bytes of at most BATCH_ROWS rows each, with the _loaded_at column appended."""
    pending: list[pa.Table] = []
    rows = 0
    for path in files:
        table = pq.read_table(path)
        table = table.append_column("_loaded_at", pa.array([loaded_at.value] * table.num_rows, pa.timestamp("us")))
        pending.append(table)
        rows += table.num_rows
        if rows >= BATCH_ROWS:
            yield _parquet_bytes(pending), rows
            pending, rows = [], 0
    if pending:
        yield _parquet_bytes(pending), rows


def _parquet_bytes(tables: list[pa.Table]) -> io.BytesIO:
    buffer = io.BytesIO()
    pq.write_table(pa.concat_tables(tables, promote_options="permissive"), buffer, compression="zstd")
    buffer.seek(0)
    return buffer


def load_bigquery(tables: list[LandingTable], client, target: Target, *, show_progress: bool = True) -> LoadSummary:
    """Replace the raw datasets with the given (already checked) tables."""
    from google.cloud import bigquery

    began = time.perf_counter()
    loaded_at = pa.scalar(datetime.now(UTC).replace(tzinfo=None), pa.timestamp("us"))
    progress = Progress("loading", len(tables), "tables", enabled=show_progress)
    # Replace, never append: each raw dataset is dropped and made anew before its tables are loaded.
    for system in sorted({t.system for t in tables}):
        client.delete_dataset(target.layer(f"raw_{system}"), delete_contents=True, not_found_ok=True)
        client.create_dataset(target.layer(f"raw_{system}"))
    loaded: dict[str, int] = {}
    for t in tables:
        # The union of the files' schemas: a column a source system started sending is loaded too.
        arrow_schema = pa.unify_schemas([pq.read_schema(f) for f in t.files]) if t.files else pa.schema([])
        schema = [bigquery.SchemaField(f.name, bigquery_type(f.type)) for f in arrow_schema]
        schema.append(bigquery.SchemaField("_loaded_at", "TIMESTAMP"))
        config = bigquery.LoadJobConfig(
            source_format=bigquery.SourceFormat.PARQUET,
            schema=schema,
            write_disposition=bigquery.WriteDisposition.WRITE_APPEND,
        )
        if (t.system, t.table) in PARTITIONED:
            field, cluster = PARTITIONED[(t.system, t.table)]
            config.time_partitioning = bigquery.TimePartitioning(type_=bigquery.TimePartitioningType.MONTH, field=field)
            config.clustering_fields = [cluster]
        destination = f"{client.project}.{target.layer(f'raw_{t.system}')}.{t.table}"
        for payload, _ in _batches(t.files, loaded_at):
            client.load_table_from_file(payload, destination, job_config=config).result()
        count = next(iter(client.query(f"select count(*) from `{destination}`").result()))[0]
        if count != t.rows:
            raise UsageError(f"{t.name}: {count:,} rows in BigQuery but {t.rows:,} expected; re-run the load")
        loaded[t.name] = count
        progress.advance(1, t.name)
    return LoadSummary(
        seconds=time.perf_counter() - began, row_counts=loaded, destination=f"BigQuery project {client.project}"
    )
