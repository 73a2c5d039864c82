"""Session fixtures: one generated bank for the property tests (queried with DuckDB straight from Parquet),
and the CI bank built once on each engine for the engine, LookML and governance tests (builds.py)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import duckdb
import pytest

from generator.bank.generate import GenerateConfig, GenerateSummary, generate
from generator.warehouse.profiles import read_target

from .builds import EmulatorBuild, EngineBuild, build_month_by_month, duckdb_query
from .harness import ROOT, SEEDS, workspace

ENGINE_RUNS: list[tuple[str, float, dict, list]] = []  # every dbt run of the engine builds, for the summary
START, END = dt.date(2023, 1, 1), dt.date(2025, 12, 31)
CUSTOMERS = 4_000


@dataclass
class Bank:
    landing: Path
    truth: Path
    con: duckdb.DuckDBPyConnection
    summary: GenerateSummary

    def sql(self, query: str) -> list[tuple]:
        return self.con.execute(query).fetchall()

    def one(self, query: str):
        return self.con.execute(query).fetchone()[0]

    def row(self, query: str) -> tuple:
        return self.con.execute(query).fetchone()


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
    # Location id -> its brand's category and whether the brand is a seed subscription.
    con.execute(
        "create view merchant_of as select l.merchant_id, l.brand_name, l.category_code, l.brand_scope, l.city, "
        "coalesce(s.is_subscription, 'false') as is_subscription "
        "from truth_merchant_locations l left join seed_merchants s on s.merchant_name = l.brand_name"
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


@pytest.fixture(scope="session")
def ci_bank(tmp_path_factory):
    """The CI bank, generated once; its emulator build starts at once in a process of its own."""
    ws = workspace(tmp_path_factory.mktemp("engines"))
    ws.generate("ci")
    emulator = EmulatorBuild(ws)
    yield ws, emulator
    emulator.stop()


@pytest.fixture(scope="session")
def duckdb_build(ci_bank) -> EngineBuild:
    ws, _ = ci_bank
    build = build_month_by_month("duckdb", ws, duckdb_query(ws.database))
    ENGINE_RUNS.extend(build.runs)
    return build


@pytest.fixture(scope="session")
def emulator_build(ci_bank) -> EngineBuild:
    _, emulator = ci_bank
    build = emulator.result()
    ENGINE_RUNS.extend(build.runs)
    return build


def pytest_collection_modifyitems(items):
    """Tests that need the emulator build run last, so the suite does other work while it builds."""
    items.sort(key=lambda item: "emulator_build" in (*getattr(item, "fixturenames", ()), item.nodeid))


def pytest_terminal_summary(terminalreporter):
    if not ENGINE_RUNS:
        return
    terminalreporter.section("dbt build per engine")
    for engine, seconds, kinds, statuses in ENGINE_RUNS:
        counts = ", ".join(f"{n} {k}s" for k, n in sorted(kinds.items()))
        terminalreporter.write_line(f"{engine:>18}: {counts} -> {'/'.join(sorted(statuses))} in {seconds:.1f}s")


@pytest.fixture(scope="session")
def default_bank(tmp_path_factory):
    """The default bank's DuckDB target and answer key. CI runs `make demo` first and sets C360_DEMO_BUILD=1,
    so this is that very build (data/, the project's profile), checked to be the default bank; without the
    variable a workspace generates, loads and builds its own."""
    if os.environ.get("C360_DEMO_BUILD"):
        data = ROOT / "data"
        arguments = json.loads((data / "landing" / "_manifest.json").read_text())["arguments"]
        defaults = GenerateConfig()
        assert arguments == {k: getattr(defaults, k) for k in arguments}, "data/ does not hold the default bank"
        return read_target("duckdb", project_dir=ROOT, profiles_dir=ROOT), data / "truth"
    ws = workspace(tmp_path_factory.mktemp("default_bank"))
    ws.generate("default")
    ws.load()
    ws.build()
    with mock.patch.dict(os.environ, {"C360_DUCKDB_PATH": str(ws.database)}):
        return read_target("duckdb", project_dir=ROOT, profiles_dir=ws.root), ws.truth
