"""Wall times of loading and `dbt build` on DuckDB and on the BigQuery emulator, at chosen scales.

    .venv/bin/python bench/bench_dbt.py --scale ci default [--engine duckdb bigquery_emulator]

`ci` is the bank the test suite builds on both engines (400 people, 2024); `default` is the bank
`c360 generate` makes without arguments (5,000 people, 2023-2025). Prints one row per scale and
engine (both engines unless --engine names one). A fresh emulator is started for each scale and
stopped afterwards.
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

from generator.warehouse.emulator import BigQueryEmulator  # noqa: E402
from tests.python.harness import check, workspace  # noqa: E402

SCALES = ("ci", "default")
ENGINES = ("duckdb", "bigquery_emulator")


def timed(command) -> float:
    began = time.perf_counter()
    check(command())
    return time.perf_counter() - began


def bench(scale: str, engines: list[str], scratch: Path) -> list[tuple[str, str, float, float, int]]:
    ws = workspace(scratch / scale)
    ws.generate(scale)
    rows = sum(json.loads((ws.landing / "_manifest.json").read_text())["row_counts"].values())
    out = []
    if "duckdb" in engines:
        load = timed(lambda: ws.c360("load", "--target", "duckdb", "--landing", ws.landing, "--quiet"))
        build = timed(lambda: ws.dbt("build", target="duckdb"))
        out.append((scale, "duckdb", load, build, rows))
    if "bigquery_emulator" not in engines:
        return out
    with BigQueryEmulator(log=ws.root / "emulator.log") as url:
        emulator = {"BIGQUERY_EMULATOR_HOST": url}
        ws.env.update(emulator)
        load = timed(lambda: ws.c360("load", "--target", "bigquery_emulator", "--landing", ws.landing, "--quiet"))
        build = timed(lambda: ws.dbt("build", target="bigquery_emulator"))
        out.append((scale, "bigquery_emulator", load, build, rows))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", nargs="+", choices=SCALES, default=["ci"])
    parser.add_argument("--engine", nargs="+", choices=ENGINES, default=list(ENGINES))
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="c360-bench-dbt-"))
    print(f"{'scale':>8} {'engine':>18} {'raw rows':>12} {'load s':>8} {'dbt build s':>12}", flush=True)
    try:
        for scale in args.scale:
            for s, engine, load, build, rows in bench(scale, args.engine, scratch):
                print(f"{s:>8} {engine:>18} {rows:>12,} {load:>8.1f} {build:>12.1f}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
