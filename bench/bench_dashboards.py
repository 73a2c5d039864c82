"""Query time of every tile of every dashboard (lookml/dashboards/) on a built bank, on DuckDB, with each
dashboard filter at its default. The customer dashboard, whose Customer filter has no default, is run for
the customer with the most transactions (the heaviest page there is).

    .venv/bin/python bench/bench_dashboards.py                  # the demo build in data/ (run `make demo` first)
    .venv/bin/python bench/bench_dashboards.py --database PATH --repeat 5

Each tile runs once to warm the connection, then --repeat times; the median is reported. A dashboard's (or
tab's) time is the sum of its tiles' medians: what one connection running them one after another takes
(Looker runs them side by side, so this is the slower bound). Targets: every tile under 300 ms, every
dashboard or tab under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root

from generator.lookml.compiler import Compiler  # noqa: E402
from generator.lookml.dashboards import element_query, filter_defaults, query_elements  # noqa: E402
from generator.lookml.project import load_project  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TILE_TARGET_MS, PAGE_TARGET_MS = 300, 1000


def heaviest_customer(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute(
        "select customer_key from marts.fact_transaction where customer_key is not null "
        "group by 1 order by count(*) desc limit 1"
    ).fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, default=ROOT / "data" / "customer360.duckdb")
    parser.add_argument("--lookml", type=Path, default=ROOT / "lookml")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not args.database.is_file():
        raise SystemExit(f"{args.database} not found; run 'make demo' first")
    con = duckdb.connect(str(args.database), read_only=True)
    project = load_project(args.lookml)
    # The committed views name production tables (`project.marts.table`); the demo build's are marts.table.
    compiler = Compiler(project, "duckdb", lambda name: name.strip("`").split(".", 1)[-1])
    customer = heaviest_customer(con)
    slow = 0
    print(f"{'dashboard / tab / tile':58s} {'rows':>6s} {'median ms':>10s} {'max ms':>8s}")
    for dashboard in project.dashboards.values():
        values = filter_defaults(dashboard)
        if "Customer" in values and not values["Customer"]:
            values["Customer"] = customer
        pages: dict[str, float] = defaultdict(float)
        for element in query_elements(dashboard):
            compiled = compiler.compile(element_query(dashboard, element, values))
            rows = len(con.execute(compiled.sql, compiled.params).fetchall())  # warm-up
            times = []
            for _ in range(args.repeat):
                began = time.perf_counter()
                con.execute(compiled.sql, compiled.params).fetchall()
                times.append((time.perf_counter() - began) * 1000)
            median = statistics.median(times)
            page = f"{dashboard.name} / {element.get('tab_name')}" if element.get("tab_name") else dashboard.name
            pages[page] += median
            flag = "  SLOW" if median > TILE_TARGET_MS else ""
            slow += bool(flag)
            print(f"{page + ' / ' + element['name']:58s} {rows:6d} {median:10.1f} {max(times):8.1f}{flag}")
        for page, total in pages.items():
            flag = "  SLOW" if total > PAGE_TARGET_MS else ""
            slow += bool(flag)
            print(f"{'= ' + page:58s} {'':6s} {total:10.1f}{flag}")
    print(f"customer dashboard run for {customer} (most transactions); {slow} over target")
    con.close()


if __name__ == "__main__":
    main()
