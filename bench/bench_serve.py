"""`c360 serve` on a built bank (DuckDB): time to first render of each dashboard and of the customer 360
page in headless Chromium, API latency per endpoint (p50/p95), and a bounded load test (50 concurrent
clients for 30 s on loopback) that must end with zero errors and no lost action-log rows.

    .venv/bin/python bench/bench_serve.py                 # the demo build in data/ (run `make demo` first)
    .venv/bin/python bench/bench_serve.py --database PATH --clients 50 --seconds 30

The server runs on a copy of the build. First render is from navigation to every visible tile drawn
(median of three loads). Targets: first render under 1 s, API p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import duckdb
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root

from tests.python.harness import ROOT  # noqa: E402
from tests.python.serving import serving  # noqa: E402

READY = """() => [...document.querySelectorAll('.grid:not([hidden]) .tile[data-element]')]
    .every(t => ['ready', 'error'].includes(t.dataset.state))"""


# The load test's mix of reads (kind, path, weight); 5% of requests also act on a recommendation.
MIX = [
    ("GET customer", "/api/customer/{key}", 30),
    ("GET recommendations", "/api/customer/{key}/recommendations", 20),
    ("GET timeline", "/api/customer/{key}/timeline", 15),
    ("GET search", "/api/customers?q={prefix}", 15),
    ("GET tile", "/api/dashboards/customer/tiles/assets_donut?Customer={key}", 15),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def sample(database: Path) -> tuple[list[str], list[str], str]:
    """Every customer, every open action, and the customer with the most transactions (the heaviest page)."""
    with duckdb.connect(str(database), read_only=True) as con:
        heaviest = con.execute(
            "select customer_key from marts.fact_transaction where customer_key is not null "
            "group by 1 order by count(*) desc limit 1"
        ).fetchone()[0]
        customers = [
            r[0] for r in con.execute("select customer_key from marts.customer_360 order by customer_key").fetchall()
        ]
        actions = [
            r[0]
            for r in con.execute(
                "select next_best_action_key from marts.next_best_actions where is_open order by next_best_action_key"
            ).fetchall()
        ]
    return customers, actions, heaviest


def first_render(url: str, customer: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    pages = [
        "/dashboards/executive",
        "/dashboards/segment",
        "/dashboards/relationship_manager",
        f"/customer/{customer}",
    ]
    out = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for path in pages:
            times = []
            for _ in range(3):
                began = time.perf_counter()
                page.goto(url + path)
                page.wait_for_function(READY, timeout=30000)
                times.append(time.perf_counter() - began)
            out[path if not path.startswith("/customer/") else "/customer/<key>"] = statistics.median(times)
        browser.close()
    return out


def latency(url: str, customers: list[str], requests: int) -> dict[str, list[float]]:
    rng = random.Random(7)
    endpoints = {
        "GET /api/customers?q=": lambda c: f"/api/customers?q={c[:6]}",
        "GET /api/customer/:id": lambda c: f"/api/customer/{c}",
        "GET /api/customer/:id/alerts": lambda c: f"/api/customer/{c}/alerts",
        "GET /api/customer/:id/recommendations": lambda c: f"/api/customer/{c}/recommendations",
        "GET /api/customer/:id/timeline": lambda c: f"/api/customer/{c}/timeline",
        "GET /api/dashboard/summary": lambda c: "/api/dashboard/summary",
        "GET tile executive/aum": lambda c: "/api/dashboards/executive/tiles/aum",
        "GET tile customer/spend_by_category": lambda c: (
            f"/api/dashboards/customer/tiles/spend_by_category?Customer={c}"
        ),
    }
    out: dict[str, list[float]] = {}
    with httpx.Client(base_url=url, timeout=30) as client:
        for name, path in endpoints.items():
            client.get(path(customers[0]))  # warm
            times = []
            for _ in range(requests):
                began = time.perf_counter()
                response = client.get(path(rng.choice(customers)))
                times.append((time.perf_counter() - began) * 1000)
                response.raise_for_status()
            out[name] = times
    return out


async def load(url: str, customers: list[str], actions: list[str], clients: int, seconds: float) -> dict:
    counts: dict[str, int] = defaultdict(int)
    errors: list[str] = []
    posted: list[str] = []
    pool = list(actions)
    random.Random(11).shuffle(pool)
    deadline = time.monotonic() + seconds

    async def client_loop(number: int) -> None:
        rng = random.Random(number)
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            while time.monotonic() < deadline:
                customer = rng.choice(customers)
                if rng.random() < 0.05 and pool:
                    action = pool.pop()
                    kind = "POST execute"
                    body = {"executed_by": f"load-{number}", "outcome": "contacted"}
                    response = await client.post(f"/api/actions/{action}/execute", json=body)
                    if response.status_code == 201:
                        posted.append(action)
                else:
                    kind, path = rng.choices(MIX, weights=[w for _, _, w in MIX])[0][:2]
                    response = await client.get(path.format(key=customer, prefix=customer[:5]))
                counts[kind] += 1
                if response.status_code >= 400:
                    errors.append(f"{kind} {response.status_code} {response.text[:120]}")

    began = time.perf_counter()
    await asyncio.gather(*(client_loop(n) for n in range(clients)))
    elapsed = time.perf_counter() - began
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        logged = (await client.get("/api/dashboard/summary")).json()["actions_taken"]
    return {"counts": dict(counts), "errors": errors, "posted": len(posted), "logged": logged, "seconds": elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, default=ROOT / "data" / "customer360.duckdb")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint for latency")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    if not args.database.is_file():
        raise SystemExit(f"{args.database} not found; run 'make demo' first")
    customers, actions, heaviest = sample(args.database)
    scratch = Path(tempfile.mkdtemp(prefix="c360-bench-serve-"))
    try:
        with serving(args.database, scratch) as url:
            print(f"first render (navigation to every visible tile drawn, median of 3; customer {heaviest}):")
            for page, seconds in first_render(url, heaviest).items():
                print(f"  {page:40s} {seconds * 1000:7.0f} ms")
            print(f"API latency ({args.requests} sequential requests each, random customers):")
            for name, times in latency(url, customers, args.requests).items():
                p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
                print(f"  {name:48s} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
            result = asyncio.run(load(url, customers, actions, args.clients, args.seconds))
            total = sum(result["counts"].values())
            print(
                f"load: {args.clients} clients for {result['seconds']:.1f} s: {total} requests "
                f"({total / result['seconds']:.0f}/s), {len(result['errors'])} errors; "
                f"{result['posted']} actions recorded, {result['logged']} rows in the action log"
            )
            for kind, count in sorted(result["counts"].items()):
                print(f"  {kind:24s} {count}")
            for error in result["errors"][:5]:
                print(f"  error: {error}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
