"""`c360 export`: every mart as files, for tools without a warehouse connection (a spreadsheet, Tableau).

Columns LookML keeps behind the PII access grant (names, email, phone, address, birth date) are left out
unless --include-pii is given; SSNs exist only masked. CSV has a header row and ISO dates. Parquet is
partitioned by month (`month=YYYY-MM/`) for the monthly marts (those with a month_end_date). The export
is written into a hidden folder beside the destination and swapped into place only when every mart is
written and its rows counted back equal to the warehouse's, so a failed export leaves the previous one.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from generator.errors import UsageError
from generator.warehouse.profiles import Target

FORMATS = ("csv", "parquet")


@dataclass
class ExportSummary:
    out: Path
    rows: dict[str, int]  # mart -> rows written (and counted back)
    seconds: float


def _marts(target: Target) -> dict[str, pa.Table]:
    """Every table of the marts layer, read whole (the marts are small by design)."""
    schema = target.layer("marts")
    if target.type == "duckdb":
        import duckdb

        if not target.duckdb_path.is_file():
            raise UsageError(f"DuckDB file {target.duckdb_path} not found; run 'make demo' (or dbt build) first")
        with duckdb.connect(str(target.duckdb_path), read_only=True) as con:
            names = [
                r[0]
                for r in con.execute(
                    "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
                ).fetchall()
            ]
            return {name: con.execute(f'select * from "{schema}"."{name}"').to_arrow_table() for name in names}
    from generator.warehouse.load_bigquery import client_for

    client = client_for(target.output)
    dataset = f"{target.output.get('project')}.{schema}"
    return {t.table_id: client.list_rows(client.get_table(t)).to_arrow() for t in client.list_tables(dataset)}


def _write(name: str, table: pa.Table, folder: Path, kind: str) -> int:
    """Write one mart and count its rows back from the files."""
    if kind == "csv":
        path = folder / f"{name}.csv"
        pacsv.write_csv(table, path)
        return pacsv.read_csv(path).num_rows
    if "month_end_date" in table.column_names:
        months = pa.compute.strftime(table["month_end_date"], format="%Y-%m")
        partitioned = table.append_column("month", months)
        ds.write_dataset(
            partitioned,
            folder / name,
            format="parquet",
            partitioning=ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
            existing_data_behavior="error",
        )
        return ds.dataset(folder / name, format="parquet", partitioning="hive").count_rows()
    path = folder / f"{name}.parquet"
    pq.write_table(table, path)
    return pq.ParquetFile(path).metadata.num_rows


def _without_pii(marts: dict[str, pa.Table], lookml: Path) -> dict[str, pa.Table]:
    """Each mart without the columns LookML keeps behind the PII access grant."""
    from generator.lookml.project import load_project, pii_columns

    project = load_project(lookml)
    return {
        name: table.drop_columns(sorted(pii_columns(project, name) & set(table.column_names)))
        for name, table in marts.items()
    }


def export(
    target: Target, out: Path, kind: str, progress=lambda line: None, pii_from: Path | None = None
) -> ExportSummary:
    """Write every mart; with `pii_from` (a LookML folder), without the columns behind its PII grant."""
    if kind not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, got {kind!r}")
    began = time.perf_counter()
    marts = _marts(target)
    if not marts:
        raise UsageError(f"no marts in {target.layer('marts')} on target {target.name}; run dbt build first")
    if pii_from is not None:
        marts = _without_pii(marts, pii_from)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    rows = {}
    try:
        for name, table in marts.items():
            written = _write(name, table, staging, kind)
            if written != table.num_rows:
                raise UsageError(f"{name}: {written} rows written but the warehouse holds {table.num_rows}")
            rows[name] = written
            progress(f"  {name}: {written:,} rows")
        previous = out.parent / f".{out.name}.previous"
        shutil.rmtree(previous, ignore_errors=True)
        if out.exists():
            os.replace(out, previous)
        os.replace(staging, out)  # readers see the old export or the new one, never half of one
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ExportSummary(out, rows, time.perf_counter() - began)
