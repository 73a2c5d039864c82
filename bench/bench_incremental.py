"""Wall times of the star schema on DuckDB: a full `dbt build`, then an incremental one after a month arrives.

    .venv/bin/python bench/bench_incremental.py              # the default bank (5,000 people, 2023-2025)
    .venv/bin/python bench/bench_incremental.py --customers 400 --start 2024-01-01 --end 2024-12-31

The bank is generated once. Its last month is held back (`c360 load --through`), the whole project is
built as `c360 run` builds it (generator.pipeline.DATA_BUILD), then the last month is loaded and the
project built again: fact_transaction merges only new and changed rows while the other models are
rebuilt. For comparison, a full refresh on the complete data follows. Prints one row per step with the
build's wall time and fact_transaction's own time, then the ten slowest nodes of the incremental build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: tests.python.harness

from generator.pipeline import DATA_BUILD  # noqa: E402
from tests.python.harness import check, slowest_nodes, workspace  # noqa: E402

FACT = "model.customer360.fact_transaction"


def timed(command) -> float:
    began = time.perf_counter()
    check(command())
    return time.perf_counter() - began


def fact_seconds(target: Path) -> float:
    results = json.loads((target / "run_results.json").read_text())["results"]
    return next(r["execution_time"] for r in results if r["unique_id"] == FACT)


def fact_rows(database: Path) -> int:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute("select count(*) from marts.fact_transaction").fetchone()[0]


def month_before(end: str) -> str:
    first = dt.date.fromisoformat(end).replace(day=1)
    return (first - dt.timedelta(days=1)).strftime("%Y-%m")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", default="5000")
    parser.add_argument("--start", default="2023-01-01")
    parser.add_argument("--end", default="2025-12-31")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="c360-bench-incremental-"))
    try:
        ws = workspace(scratch)
        check(
            ws.c360(
                "generate",
                "--customers",
                args.customers,
                "--start",
                args.start,
                "--end",
                args.end,
                "--out",
                ws.landing,
                "--quiet",
            )
        )
        held_back = month_before(args.end)
        print(f"{'step':<52} {'load s':>7} {'build s':>8} {'fact_transaction s':>19} {'fact rows':>11}", flush=True)

        def step(label: str, load_args: list[str], build_args: list[str]) -> None:
            load = timed(lambda: ws.c360("load", "--landing", ws.landing, "--quiet", *load_args))
            build = timed(lambda: ws.dbt(*DATA_BUILD, *build_args))
            fact = fact_seconds(ws.root / "target")
            print(f"{label:<52} {load:>7.1f} {build:>8.1f} {fact:>19.1f} {fact_rows(ws.database):>11,}", flush=True)
            slowest[label] = slowest_nodes(ws.root / "target")

        slowest: dict[str, list[tuple[str, float]]] = {}
        step(f"full build, data through {held_back}", ["--through", held_back], [])
        step(f"incremental build after appending {args.end[:7]}", [], [])
        step("full refresh on the complete data, for comparison", [], ["--full-refresh"])
        label = f"incremental build after appending {args.end[:7]}"
        print(f"\nten slowest nodes, {label}:")
        for name, seconds in slowest[label]:
            print(f"  {seconds:>6.2f} s  {name}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
