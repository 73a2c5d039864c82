"""Volume anomaly tests on the raw deliveries (tests/generic/monthly_volume_within_tolerance.sql): whole
deliveries pass; a month delivered half and a month delivered twice each fail, naming the month."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from .harness import workspace

SELECT = "source:core.postings,test_name:monthly_volume_within_tolerance"
MONTH = "2024-06-01"  # a month of the CI bank with three months before it


@pytest.fixture()
def raw(duckdb_build, tmp_path):
    ws = workspace(tmp_path)
    shutil.copy(duckdb_build.database, ws.database)
    return ws


def postings(ws, statement: str) -> None:
    with duckdb.connect(str(ws.database)) as con:
        con.execute(statement)


def test_whole_deliveries_pass(raw):
    done = raw.dbt("test", "--select", "test_name:monthly_volume_within_tolerance")
    assert done.returncode == 0, done.stdout[-2000:]
    assert done.stdout.count("PASS source_monthly_volume_within_tolerance") == 5


def test_a_half_delivered_month_fails(raw):
    postings(
        raw,
        f"delete from raw_core.postings where date_trunc('month', posted_at) = date '{MONTH}' and rowid % 2 = 0",
    )
    done = raw.dbt("test", "--select", SELECT)
    assert (
        done.returncode == 1 and "FAIL 1 source_monthly_volume_within_tolerance_core_postings_posted_at" in done.stdout
    ), done.stdout[-2000:]


def test_a_month_delivered_twice_fails(raw):
    postings(
        raw,
        f"insert into raw_core.postings select * from raw_core.postings "
        f"where date_trunc('month', posted_at) = date '{MONTH}'",
    )
    done = raw.dbt("test", "--select", SELECT)
    assert (
        done.returncode == 1 and "FAIL 1 source_monthly_volume_within_tolerance_core_postings_posted_at" in done.stdout
    ), done.stdout[-2000:]
