"""One generated bank shared by the property tests, queried with DuckDB straight from Parquet."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from generator.bank.generate import GenerateConfig, generate

# The CI bank built on both engines (session fixtures shared by the engine and governance tests).
from .builds import ENGINE_RUNS, ci_bank, duckdb_build, emulator_build  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
START, END = dt.date(2023, 1, 1), dt.date(2025, 12, 31)
CUSTOMERS = 4_000


@dataclass
class Bank:
    landing: Path
    truth: Path
    con: duckdb.DuckDBPyConnection
    summary: dict

    def sql(self, query: str) -> list[tuple]:
        return self.con.execute(query).fetchall()

    def one(self, query: str):
        return self.con.execute(query).fetchone()[0]


def _views(con: duckdb.DuckDBPyConnection, landing: Path, truth: Path) -> None:
    for system_dir in sorted(p for p in landing.iterdir() if p.is_dir()):
        for table_dir in sorted(system_dir.iterdir()):
            con.execute(
                f"create view {system_dir.name}_{table_dir.name} as select * from "
                f"read_parquet('{table_dir}/**/*.parquet')"
            )
    for table_dir in sorted(truth.iterdir()):
        con.execute(f"create view truth_{table_dir.name} as select * from read_parquet('{table_dir}/*.parquet')")
    for seed in SEEDS.glob("*.csv"):
        con.execute(f"create view seed_{seed.stem} as select * from read_csv_auto('{seed}', all_varchar=true)")


@pytest.fixture(scope="session")
def bank(tmp_path_factory) -> Bank:
    root = tmp_path_factory.mktemp("bank")
    cfg = GenerateConfig(customers=CUSTOMERS, seed=7, out=root / "landing", truth=root / "truth")
    summary = generate(cfg, show_progress=False)
    con = duckdb.connect()
    _views(con, cfg.out, cfg.truth_dir)
    # Truth id -> person, for joining what systems recorded back to who it really was.
    con.execute(
        "create view person_of as select source_system, source_table, source_record_id, person_id "
        "from truth_source_records"
    )
    return Bank(cfg.out, cfg.truth_dir, con, summary)


def business_days() -> tuple[set[dt.date], callable]:
    """Business days computed here from the holiday CSV, independently of the generator's calendar."""
    with (SEEDS / "us_federal_holidays.csv").open() as f:
        holidays = {dt.date.fromisoformat(r["holiday_date"]) for r in csv.DictReader(f)}

    def is_business(d: dt.date) -> bool:
        return d.weekday() < 5 and d not in holidays

    def previous_business(d: dt.date) -> dt.date:
        while not is_business(d):
            d -= dt.timedelta(days=1)
        return d

    return is_business, previous_business


def pytest_terminal_summary(terminalreporter):
    if not ENGINE_RUNS:
        return
    terminalreporter.section("dbt build per engine")
    for engine, seconds, kinds, statuses in ENGINE_RUNS:
        counts = ", ".join(f"{n} {k}s" for k, n in sorted(kinds.items()))
        terminalreporter.write_line(f"{engine:>18}: {counts} -> {'/'.join(sorted(statuses))} in {seconds:.1f}s")
