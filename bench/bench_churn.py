"""Wall times of the churn model on a built bank: training (`c360 churn train`) and scoring (churn_predictions
inside `dbt build`), on DuckDB.

    .venv/bin/python bench/bench_churn.py                 # the demo build in data/ (run `make demo` first)
    .venv/bin/python bench/bench_churn.py --database PATH

The warehouse is copied first, so the demo build is left as it was. Training writes nothing (it checks the
committed model instead); scoring is the model's own execution time from dbt's run results.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: tests.python.harness

from generator.churn import train  # noqa: E402
from generator.warehouse.profiles import read_target  # noqa: E402
from tests.python.harness import ROOT, check, workspace  # noqa: E402

SCORING = "model.customer360.churn_predictions"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, default=ROOT / "data" / "customer360.duckdb")
    args = parser.parse_args()
    if not args.database.is_file():
        raise SystemExit(f"{args.database} not found; run 'make demo' first")
    scratch = Path(tempfile.mkdtemp(prefix="c360-bench-churn-"))
    try:
        ws = workspace(scratch)
        shutil.copy(args.database, ws.database)
        with mock.patch.dict(os.environ, {"C360_DUCKDB_PATH": str(ws.database)}):
            target = read_target("duckdb", project_dir=ROOT, profiles_dir=ws.root)
            began = time.perf_counter()
            result = train(target, check=True)
            training = time.perf_counter() - began
        check(ws.dbt("run", "--select", "churn_predictions"))
        results = json.loads((ws.root / "target" / "run_results.json").read_text())["results"]
        scoring = next(r["execution_time"] for r in results if r["unique_id"] == SCORING)
        rows = sum(s.rows for s in result.splits)
        print(f"training: {training:.1f} s on {rows:,} labelled rows ({len(result.features)} features)")
        print(f"scoring:  {scoring:.1f} s for churn_predictions in dbt run")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
