"""`c360 export` on the CI build: every mart as CSV (header, ISO dates) or month-partitioned Parquet, rows
equal to the warehouse's, PII left out unless asked for, and a failed export that leaves the previous one."""

from __future__ import annotations

import csv
import re
from unittest import mock

import duckdb
import pyarrow.dataset as ds
import pytest

from generator import export as exporting
from generator.errors import UsageError
from generator.warehouse.profiles import read_target

from .harness import BIN, ROOT, run


def c360_export(build, out, *extra):
    return run(
        [BIN / "c360", "export", "--target", "duckdb", "--project-dir", ROOT, "--out", out, *extra], env=build.env
    )


@pytest.fixture(scope="module")
def warehouse_rows(duckdb_build):
    with duckdb.connect(str(duckdb_build.database), read_only=True) as con:
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        ]
        return {name: con.execute(f"select count(*) from marts.{name}").fetchone()[0] for name in names}


def test_csv_has_every_mart_with_a_header_iso_dates_and_no_pii(duckdb_build, warehouse_rows, tmp_path):
    out = tmp_path / "marts"
    done = c360_export(duckdb_build, out, "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert {p.stem for p in out.glob("*.csv")} == set(warehouse_rows)
    for name, rows in warehouse_rows.items():
        with (out / f"{name}.csv").open() as f:
            reader = csv.reader(f)
            next(reader)  # the header
            assert sum(1 for _ in reader) == rows, name
    with (out / "customer_360_monthly.csv").open() as f:
        row = next(csv.DictReader(f))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["month_end_date"])
    with (out / "dim_customer.csv").open() as f:
        header = next(csv.reader(f))
    assert "ssn_masked" in header and not {"first_name", "last_name", "email", "phone_e164", "address_line1"} & set(
        header
    )


def test_parquet_is_partitioned_by_month_and_pii_comes_back_when_asked(duckdb_build, warehouse_rows, tmp_path):
    out = tmp_path / "marts"
    done = c360_export(duckdb_build, out, "--format", "parquet", "--include-pii")
    assert done.returncode == 0, done.stderr
    monthly = ds.dataset(out / "customer_360_monthly", format="parquet", partitioning="hive")
    assert monthly.count_rows() == warehouse_rows["customer_360_monthly"]
    assert len(list((out / "customer_360_monthly").glob("month=*"))) == 12  # the CI bank's year
    assert "first_name" in ds.dataset(out / "dim_customer.parquet").schema.names


def test_a_failed_export_leaves_the_previous_one(duckdb_build, tmp_path):
    out = tmp_path / "marts"
    assert c360_export(duckdb_build, out, "--format", "csv").returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = exporting._write
    written = []

    def failing(name, table, folder, kind):
        if written:
            raise UsageError("disk full")
        written.append(name)
        return real(name, table, folder, kind)

    with mock.patch.dict("os.environ", {"C360_DUCKDB_PATH": str(duckdb_build.database)}):
        target = read_target("duckdb", project_dir=ROOT, profiles_dir=duckdb_build.workdir.parent)
        with mock.patch.object(exporting, "_write", failing), pytest.raises(UsageError, match="disk full"):
            exporting.export(target, out, "csv")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not list(tmp_path.glob(".marts*")), "no partial export left behind"
