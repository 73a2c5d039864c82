"""Wall times of loading and building on DuckDB and on the BigQuery emulator, at chosen scales.

    .venv/bin/python bench/bench_dbt.py --scale ci default [--engine duckdb bigquery_emulator]

`ci` is the bank the test suite builds on both engines (400 people, 2024); `default` is the bank
`c360 generate` makes without arguments (5,000 people, 2023-2025). Prints one row per scale and
engine (both engines unless --engine names one), then the ten slowest nodes of each DuckDB build. A
fresh emulator is started for each scale and stopped afterwards.

The build is `c360 run`'s (generator.pipeline.DATA_BUILD: `dbt build` without the unit tests, which
the test suite runs). As in `c360 run`, where `dbt source freshness` parses the project first, the
project is parsed before the build: `parse s` is that cold parse, `build s` the build after it, and
`total s` both.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: tests.python.harness

from generator.pipeline import DATA_BUILD  # noqa: E402
from generator.warehouse.emulator import BigQueryEmulator  # noqa: E402
from tests.python.harness import check, slowest_nodes, workspace  # noqa: E402

SCALES = ("ci", "default")
ENGINES = ("duckdb", "bigquery_emulator")


def timed(command) -> float:
    began = time.perf_counter()
    check(command())
    return time.perf_counter() - began


def bench(scale: str, engines: list[str], scratch: Path) -> list[tuple]:
    ws = workspace(scratch / scale)
    ws.generate(scale)
    rows = sum(json.loads((ws.landing / "_manifest.json").read_text())["row_counts"].values())
    out = []
    if "duckdb" in engines:
        load = timed(lambda: ws.c360("load", "--target", "duckdb", "--landing", ws.landing, "--quiet"))
        parse = timed(lambda: ws.dbt("parse", target="duckdb"))
        build = timed(lambda: ws.dbt(*DATA_BUILD, target="duckdb"))
        out.append((scale, "duckdb", load, parse, build, rows, slowest_nodes(ws.root / "target")))
    if "bigquery_emulator" not in engines:
        return out
    with BigQueryEmulator(log=ws.root / "emulator.log") as url:
        emulator = {"BIGQUERY_EMULATOR_HOST": url}
        ws.env.update(emulator)
        load = timed(lambda: ws.c360("load", "--target", "bigquery_emulator", "--landing", ws.landing, "--quiet"))
        parse = timed(lambda: ws.dbt("parse", target="bigquery_emulator"))
        build = timed(lambda: ws.dbt(*DATA_BUILD, target="bigquery_emulator"))
        out.append((scale, "bigquery_emulator", load, parse, build, rows, None))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", nargs="+", choices=SCALES, default=["ci"])
    parser.add_argument("--engine", nargs="+", choices=ENGINES, default=list(ENGINES))
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="c360-bench-dbt-"))
    print(
        f"{'scale':>8} {'engine':>18} {'raw rows':>12} {'load s':>8} {'parse s':>8} {'build s':>8} {'total s':>8}",
        flush=True,
    )
    slowest = []
    try:
        for scale in args.scale:
            for s, engine, load, parse, build, rows, nodes in bench(scale, args.engine, scratch):
                print(
                    f"{s:>8} {engine:>18} {rows:>12,} {load:>8.1f} {parse:>8.1f} {build:>8.1f} {parse + build:>8.1f}",
                    flush=True,
                )
                if nodes:
                    slowest.append((s, engine, nodes))
        for s, engine, nodes in slowest:
            print(f"\nten slowest nodes, {s} on {engine}:")
            for name, seconds in nodes:
                print(f"  {seconds:>6.2f} s  {name}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
