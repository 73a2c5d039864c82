"""How the DuckDB build grows with the bank: generate, load and build at several sizes, with peak memory.

    .venv/bin/python bench/bench_scale.py                          # 5,000, 20,000 and 50,000 customers
    .venv/bin/python bench/bench_scale.py --customers 5000 20000 --memory-limit 3GB

Each bank spans the default three years. Its landing, DuckDB file and spill folder live in a scratch folder
(default: a temporary one, removed at the end; pass --scratch to choose its disk), one bank at a time, each
removed before the next. Load and build run with the profile's DuckDB settings (profiles.example.yml):
memory_limit, threads and temp_directory, which --memory-limit and --threads override through their
environment variables. The build is `c360 run`'s (generator.pipeline.DATA_BUILD). Peak RSS is sampled
every 50 ms over the whole process tree (it can only under-state a shorter spike). Last, the build's
seconds per million raw rows: flat or falling means the build grows no worse than linearly.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: tests.python.harness

from generator.pipeline import DATA_BUILD  # noqa: E402
from tests.python.harness import BIN, run_peak, workspace  # noqa: E402


def step(label: str, args: list, env: dict) -> tuple[float, int]:
    seconds, peak, done = run_peak(args, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{label} failed:\n{done.stdout[-3000:]}")
    return seconds, peak


def bench(customers: int, scratch: Path, overrides: dict) -> dict:
    ws = workspace(scratch / f"bank-{customers}", **overrides)
    try:
        ws.env.setdefault("C360_DUCKDB_TEMP_DIRECTORY", str(ws.root / "spill"))
        generate = step(
            "generate", [BIN / "c360", "generate", "--customers", customers, "--out", ws.landing, "--quiet"], ws.env
        )
        rows = sum(json.loads((ws.landing / "_manifest.json").read_text())["row_counts"].values())
        load = step("load", [BIN / "c360", "load", "--target", "duckdb", "--landing", ws.landing, "--quiet"], ws.env)
        paths = ["--target-path", ws.root / "target", "--log-path", ws.root / "logs"]
        parse = step("dbt parse", [BIN / "dbt", "parse", "--target", "duckdb", *paths], ws.env)
        build = step("dbt build", [BIN / "dbt", *DATA_BUILD, "--target", "duckdb", *paths], ws.env)
        return {
            "customers": customers,
            "rows": rows,
            "generate": generate,
            "load": load,
            "build": (parse[0] + build[0], max(parse[1], build[1])),
            "database_gb": ws.database.stat().st_size / 2**30,
        }
    finally:
        shutil.rmtree(ws.root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, nargs="+", default=[5_000, 20_000, 50_000])
    parser.add_argument("--memory-limit", help="DuckDB memory_limit, e.g. 5GB (default: the profile's)")
    parser.add_argument("--threads", help="DuckDB threads (default: the profile's)")
    parser.add_argument("--scratch", type=Path, default=None, help="where the banks go (default: a temporary folder)")
    args = parser.parse_args()
    overrides = {}
    if args.memory_limit:
        overrides["C360_DUCKDB_MEMORY_LIMIT"] = args.memory_limit
    if args.threads:
        overrides["C360_DUCKDB_THREADS"] = args.threads
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="c360-bench-scale-"))
    gb = 2**30
    print(
        f"{'customers':>10} {'raw rows':>12} {'generate s':>10} {'load s':>8} {'load GB':>8} "
        f"{'build s':>8} {'build GB':>9} {'file GB':>8} {'build s/M rows':>15}",
        flush=True,
    )
    try:
        for n in args.customers:
            r = bench(n, scratch, overrides)
            print(
                f"{n:>10,} {r['rows']:>12,} {r['generate'][0]:>10.1f} {r['load'][0]:>8.1f} {r['load'][1] / gb:>8.2f} "
                f"{r['build'][0]:>8.1f} {r['build'][1] / gb:>9.2f} {r['database_gb']:>8.2f} "
                f"{r['build'][0] / (r['rows'] / 1e6):>15.2f}",
                flush=True,
            )
    finally:
        if args.scratch is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
