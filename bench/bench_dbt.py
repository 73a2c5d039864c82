"""Wall times of loading and `dbt build` on DuckDB and on the BigQuery emulator, at chosen scales.

    .venv/bin/python bench/bench_dbt.py --scale ci default

`ci` is the bank the test suite builds on both engines (400 people, 2024); `default` is the bank
`c360 generate` makes without arguments (5,000 people, 2023-2025). Prints one row per scale and
engine. A fresh emulator is started for each scale and stopped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.warehouse.emulator import BigQueryEmulator

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCALES = {
    "ci": ["--customers", "400", "--start", "2024-01-01", "--end", "2024-12-31", "--seed", "5"],
    "default": [],
}


def timed(args: list[str], env: dict, timeout: int = 7200) -> float:
    began = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:3])} failed:\n{(done.stdout + done.stderr)[-2000:]}")
    return time.perf_counter() - began


def bench(scale: str, scratch: Path) -> list[tuple[str, str, float, float, int]]:
    root = scratch / scale
    root.mkdir(parents=True)
    shutil.copy(ROOT / "profiles.example.yml", root / "profiles.yml")
    env = {**os.environ, "DBT_PROFILES_DIR": str(root), "C360_DUCKDB_PATH": str(root / "bank.duckdb")}
    landing = root / "landing"
    timed([str(BIN / "c360"), "generate", *SCALES[scale], "--out", str(landing), "--quiet"], env)
    rows = sum(json.loads((landing / "_manifest.json").read_text())["row_counts"].values())
    dbt = [str(BIN / "dbt"), "build", "--target-path", str(root / "target"), "--log-path", str(root / "logs")]
    out = []
    load = timed([str(BIN / "c360"), "load", "--target", "duckdb", "--landing", str(landing), "--quiet"], env)
    build = timed([*dbt, "--target", "duckdb"], env)
    out.append((scale, "duckdb", load, build, rows))
    with BigQueryEmulator(log=root / "emulator.log") as url:
        env = {**env, "BIGQUERY_EMULATOR_HOST": url}
        load = timed(
            [str(BIN / "c360"), "load", "--target", "bigquery_emulator", "--landing", str(landing), "--quiet"], env
        )
        build = timed([*dbt, "--target", "bigquery_emulator"], env)
        out.append((scale, "bigquery_emulator", load, build, rows))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", nargs="+", choices=sorted(SCALES), default=["ci"])
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="c360-bench-dbt-"))
    print(f"{'scale':>8} {'engine':>18} {'raw rows':>12} {'load s':>8} {'dbt build s':>12}", flush=True)
    try:
        for scale in args.scale:
            for s, engine, load, build, rows in bench(scale, scratch):
                print(f"{s:>8} {engine:>18} {rows:>12,} {load:>8.1f} {build:>12.1f}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
