"""Measure `c360 generate`: wall time, rows/s and peak memory of the whole process tree.

    .venv/bin/python bench/bench_generate.py --customers 5000 50000 500000

Prints one row per size. Peak RSS is the largest sum over the parent and its workers, sampled every
50 ms (a sampled peak can only under-state a spike shorter than that). Nothing here is a test: the
figures are for people to read and quote.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: tests.python.harness

from tests.python.harness import BIN, run_peak  # noqa: E402


def measure(customers: int, workers: int, scratch: Path) -> dict:
    out = scratch / f"bank-{customers}" / "landing"
    cmd = [
        str(BIN / "c360"),
        "generate",
        "--customers",
        str(customers),
        "--out",
        str(out),
        "--quiet",
    ]
    if workers:
        cmd += ["--workers", str(workers)]
    seconds, peak, done = run_peak(cmd)
    if done.returncode != 0:
        raise SystemExit(f"generate failed for {customers} customers: {done.stdout.strip()[-2000:]}")
    counts = json.loads((out / "_manifest.json").read_text())["row_counts"]
    size = sum(f.stat().st_size for f in out.parent.rglob("*") if f.is_file())
    shutil.rmtree(out.parent)
    txn = counts["core.postings"] + counts["cards.card_transactions"]
    return {
        "customers": customers,
        "seconds": seconds,
        "rows": sum(counts.values()),
        "transaction_rows": txn,
        "txn_rows_per_s": txn / seconds,
        "rows_per_s": sum(counts.values()) / seconds,
        "peak_rss_mb": peak / 2**20,
        "disk_mb": size / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--workers", type=int, default=0, help="0: the generator's default (one per core)")
    parser.add_argument("--scratch", type=Path, default=None, help="where to write (default: a temporary folder)")
    args = parser.parse_args()
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="c360-bench-"))
    header = (
        f"{'customers':>10} {'seconds':>8} {'rows':>12} {'txn rows':>12} {'txn rows/s':>11} "
        f"{'all rows/s':>11} {'peak RSS MB':>11} {'disk MB':>8}"
    )
    print(header, flush=True)
    for n in args.customers:
        r = measure(n, args.workers, scratch)
        print(
            f"{r['customers']:>10,} {r['seconds']:>8.1f} {r['rows']:>12,} {r['transaction_rows']:>12,} "
            f"{r['txn_rows_per_s'] / 1e6:>10.2f}M {r['rows_per_s'] / 1e6:>10.2f}M {r['peak_rss_mb']:>11,.0f} "
            f"{r['disk_mb']:>8,.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
