"""The CI bank built on both engines, once per test run, shared by the engine, LookML and governance tests.

On each engine the bank arrives in two steps: the first eleven months are loaded and built, then
December is appended and the project built again, so fact_transaction runs incrementally; a full
refresh of it is then compared with the incremental table. Selected rows are read from each build for
the cross-engine comparison.

DuckDB builds in the test process. The BigQuery emulator build runs at the same time in a process of
its own (`python -m tests.python.builds emulator DIR`), started as soon as the bank is generated: the
emulator answers one query at a time, so its build mostly waits, and the rest of the suite uses the
other core meanwhile. It writes its results to DIR/emulator.json for the tests to read.
"""

from __future__ import annotations

import calendar
import json
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from .harness import ROOT, Workspace

HELD_BACK_AFTER = "2024-11"  # the first build sees January to November; December arrives for the second
EMULATOR_WAIT = 1800  # seconds the tests wait for the emulator build at most
# Schemas per engine: the DuckDB test target keeps the clean names; the emulator target is not production,
# so its datasets carry its schema (customer360) as a prefix.
SCHEMAS = {
    "duckdb": {"staging": "staging", "intermediate": "intermediate", "marts": "marts"},
    "bigquery_emulator": {
        "staging": "customer360_staging",
        "intermediate": "customer360_intermediate",
        "marts": "customer360_marts",
    },
}

# Staged rows compared across engines, ordered so both return them in the same order.
COMPARED = {
    "customers": "select customer_id, first_name, last_name, cast(birth_date as string), ssn, phone_e164, email "
    "from {staging}.stg_core__customers order by customer_id",
    "foreign card amounts": "select card_txn_id, cast(amount_usd as string) from {staging}.stg_cards__card_transactions "
    "where is_foreign_currency order by card_txn_id",
    "branch sheet": "select sheet_row, branch_name, city, state_code, cast(opened_date as string) "
    "from {staging}.stg_branch__branches order by sheet_row",
    "rm note dates": "select note_id, cast(note_date as string), customer_ref_email from {staging}.stg_branch__rm_notes "
    "order by note_id",
    "crm emails": "select contact_id, email, email_canonical, phone_e164 from {staging}.stg_crm__contacts "
    "order by contact_id",
    "row counts": "select 'postings', count(*) from {staging}.stg_core__postings union all "
    "select 'balances', count(*) from {staging}.stg_core__account_balances_monthly union all "
    "select 'events', count(*) from {staging}.stg_app__events order by 1",
    "identity map": "select source_system, source_record_id, customer_key, match_method, "
    "cast(match_confidence as string) from {intermediate}.customer_identity_map order by 1, 2",
    "recurring flags": "select u.source_system, u.source_transaction_id, r.detection_rule "
    "from {intermediate}.int_transactions__recurring_series as r "
    "inner join {intermediate}.int_transactions__unified as u on r.transaction_key = u.transaction_key order by 1, 2",
    "customer dimension": "select customer_key, segment, ssn_masked, cast(relationship_balance_usd as string), "
    "cast(round(tenure_years * 12) as int64), is_core_customer from {marts}.dim_customer order by 1",
    "account dimension": "select account_number, customer_key, product_key, account_type, account_status, "
    "cast(credit_limit_usd as string), cast(annual_premium_usd as string) from {marts}.dim_account order by 1",
    "money totals": "select 'postings', cast(sum(signed_amount_usd) as string) from {staging}.stg_core__postings "
    "union all select 'cards', cast(sum(amount_usd) as string) from {staging}.stg_cards__card_transactions "
    "order by 1",
    "transaction facts": "select date_key, transaction_type, is_recurring, count(*), count(distinct customer_key), "
    "count(merchant_key), cast(sum(signed_amount_usd) as string) from {marts}.fact_transaction "
    "group by 1, 2, 3 order by 1, 2, 3",
    "account snapshots": "select account_number, cast(month_end_date as string), cast(closing_balance_usd as string), "
    "cast(net_flow_usd as string), cast(round(credit_utilization, 6) as string) from {marts}.fact_account_snapshot "
    "order by 1, 2",
    "interactions": "select customer_key, channel, interaction_type, cast(interaction_date as string), count(*) "
    "from {marts}.fact_interaction group by 1, 2, 3, 4 order by 1, 2, 3, 4",
    "loan schedule": "select account_number, instalment_number, customer_key, payment_status, "
    "cast(amount_paid_usd as string), days_paid_after_due from {marts}.fact_loan_schedule order by 1, 2",
    "wallet share": "select customer_key, cast(month_end_date as string), cast(internal_assets_usd as string), "
    "cast(external_assets_usd as string), cast(external_liabilities_usd as string), "
    "cast(round(share_of_wallet, 6) as string), external_product_families from {marts}.wallet_share_monthly "
    "order by 1, 2",
    "customer profitability": "select customer_key, cast(month_end_date as string), segment, "
    "cast(net_interest_income_usd as string), cast(interchange_usd as string), cast(cost_to_serve_usd as string), "
    "cast(profit_usd as string) from {marts}.customer_profitability_monthly order by 1, 2",
    "portfolio": "select segment, cast(month_end_date as string), customers, cast(aum_usd as string), "
    "cast(lum_usd as string), cast(profit_usd as string), cast(round(average_products_per_customer, 6) as string), "
    "cast(round(avg_share_of_wallet, 6) as string) from {marts}.portfolio_monthly order by 1, 2",
    "segment channel mix": "select segment, channel, cast(month_end_date as string), interactions, customers_reached "
    "from {marts}.segment_channel_mix_monthly order by 1, 2, 3",
    "customer 360 monthly": "select customer_key, cast(month_end_date as string), payroll_status, health_score, "
    "churn_risk_score, cast(round(usage_trend, 6) as string), cast(round(balance_drawdown_12m, 6) as string), "
    "open_complaints, max_days_overdue from {marts}.customer_360_monthly order by 1, 2",
    "customer alerts": "select customer_key, alert_type, cast(raised_on as string), cast(last_fired_on as string), "
    "is_open, evidence from {marts}.customer_alerts order by 1, 2, 3",
    "next best actions": "select customer_key, rule_id, status, action_rank, cast(estimated_value_usd as string), "
    "evidence from {marts}.next_best_actions order by 1, 2",
    "customer 360": "select customer_key, cast(as_of_date as string), health_category, churn_risk_tier, open_alerts, "
    "open_actions, top_action_rule_id from {marts}.customer_360 order by 1",
    "customer timeline": "select customer_key, event_type, source_system, cast(event_date as string), description "
    "from {marts}.customer_timeline order by 1, 2, 3, 4, 5",
}
# Read on each engine, not compared across them: the churn model's features with the warehouse's probability
# (the tests score the same features with scikit-learn), and the features as of the months before December,
# built once from a landing held back after November and again from the whole landing (the leakage test).
CHURN_SCORED = (
    "select p.churn_probability, f.* from {marts}.churn_features as f inner join {marts}.churn_predictions as p "
    "using (customer_key, as_of_date) order by f.customer_key, f.as_of_date"
)
CHURN_FEATURES_HELD_BACK = (
    "select * from {marts}.churn_features where as_of_date <= date '{held_back_after}' order by 1, 2"
)
# Marts whose descriptions are read back from the warehouse (persist_docs), one per kind of table.
DOCUMENTED_TABLES = ("dim_customer", "fact_transaction", "customer_360")
# Rows of the incrementally built fact_transaction missing from a full refresh, and the reverse.
INCREMENTAL_DIFF = {
    "duckdb": "select count(*) from (select * from {marts}.{a} except select * from {marts}.{b})",
    "bigquery_emulator": "select count(*) from (select * from {marts}.{a} except distinct select * from {marts}.{b})",
}


@dataclass
class EngineBuild:
    engine: str
    workdir: Path  # its target/ holds the final build's manifest and run results
    env: dict
    results: list[dict]  # run results of the build after December arrived
    first_results: list[dict]  # run results of the first build (eleven months)
    rows: dict[str, list]  # COMPARED query -> rows
    incremental_vs_full: dict[str, int]
    runs: list[tuple[str, float, dict, list]] = field(default_factory=list)  # (label, seconds, kinds, statuses)
    churn_scored: list = field(default_factory=list)  # CHURN_SCORED rows of the final build
    churn_features_first: list = field(default_factory=list)  # CHURN_FEATURES_HELD_BACK, landing held back
    churn_features_full: list = field(default_factory=list)  # the same months, whole landing
    on_bigquery: dict = field(default_factory=dict)  # emulator only: lookml validate --execute, and c360 serve

    @property
    def database(self) -> Path:
        """The DuckDB file of a DuckDB build."""
        return Path(self.env["C360_DUCKDB_PATH"])


def _normalise(rows):
    """Decimal('1.50') and Decimal('1.500000000') are the same amount; compare values, not scales."""

    def value(v):
        if isinstance(v, Decimal):
            v = str(v)
        if isinstance(v, str):
            try:
                return str(Decimal(v).normalize()) if v.replace(".", "", 1).lstrip("-").isdigit() else v
            except ArithmeticError:
                return v
        return v

    return [[value(v) for v in row] for row in rows]


def build_month_by_month(engine: str, ws: Workspace, query) -> EngineBuild:
    """Build on eleven months, append December and build again (fact_transaction runs incrementally), then
    keep the incremental table aside, rebuild fact_transaction from scratch and count the differences."""
    workdir = ws.root / engine
    runs = []

    def build(label: str, *args: str, into: Path):
        run = ws.build(*args, target=engine, workdir=into)
        runs.append((f"{engine} {label}", run.seconds, run.kinds(), sorted({r["status"] for r in run.results})))
        return run

    ws.load("--through", HELD_BACK_AFTER, target=engine)
    first = build("first 11 months", "build", into=workdir / "first")
    names = SCHEMAS[engine]
    year, month = map(int, HELD_BACK_AFTER.split("-"))
    last_day = f"{HELD_BACK_AFTER}-{calendar.monthrange(year, month)[1]}"
    held_back = CHURN_FEATURES_HELD_BACK.format(held_back_after=last_day, **names)
    features_first = [list(r) for r in query(held_back)]
    ws.load(target=engine)
    second = build("December appended", "build", into=workdir)
    features_full = [list(r) for r in query(held_back)]
    scored = [list(r) for r in query(CHURN_SCORED.format(**names))]
    rows = {name: _normalise(query(sql.format(**names))) for name, sql in COMPARED.items()}
    query("create table {marts}.fact_transaction_incremental as select * from {marts}.fact_transaction".format(**names))
    build("full refresh", "run", "--full-refresh", "--select", "fact_transaction", into=workdir / "full")
    diff = INCREMENTAL_DIFF[engine]
    incremental_vs_full = {
        "rows": query("select count(*) from {marts}.fact_transaction".format(**names))[0][0],
        "only_incremental": query(diff.format(a="fact_transaction_incremental", b="fact_transaction", **names))[0][0],
        "only_full_refresh": query(diff.format(a="fact_transaction", b="fact_transaction_incremental", **names))[0][0],
    }
    return EngineBuild(
        engine,
        workdir,
        ws.env,
        second.results,
        first.results,
        rows,
        incremental_vs_full,
        runs,
        scored,
        features_first,
        features_full,
    )


def duckdb_query(database: Path):
    def query(sql: str) -> list[tuple]:
        # A connection per statement: dbt needs the file to itself in between.
        with duckdb.connect(str(database)) as con:
            return con.execute(sql).fetchall()

    return query


def build_on_emulator(ws: Workspace) -> EngineBuild:
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    from generator.warehouse.emulator import BigQueryEmulator

    with BigQueryEmulator(log=ws.root / "emulator.log") as url:
        ws.env = {**ws.env, "BIGQUERY_EMULATOR_HOST": url}
        client = bigquery.Client(
            project="c360-local", credentials=AnonymousCredentials(), client_options=ClientOptions(api_endpoint=url)
        )

        def query(sql: str) -> list[tuple]:
            return [tuple(r) for r in client.query(sql).result()]

        build = build_month_by_month("bigquery_emulator", ws, query)
        build.on_bigquery = dashboards_and_serve_on_bigquery(ws)
        build.on_bigquery["persisted_docs"] = {
            name: _table_docs(client.get_table(f"c360-local.{SCHEMAS['bigquery_emulator']['marts']}.{name}"))
            for name in DOCUMENTED_TABLES
        }
        return build


def _table_docs(table) -> dict:
    """A BigQuery table's description and its columns' descriptions, as persist_docs left them."""
    return {"description": table.description, "columns": {f.name: f.description for f in table.schema}}


def dashboards_and_serve_on_bigquery(ws: Workspace) -> dict:
    """While the emulator still holds the build: every dashboard tile and LookML data test run on BigQuery
    (`c360 lookml validate --execute`), and `c360 serve` answers its API from BigQuery."""
    import httpx

    from .harness import BIN, run
    from .serving import free_port

    validate = run(
        [BIN / "c360", "lookml", "validate", "--target", "bigquery_emulator", "--project-dir", ROOT, "--execute"],
        env=ws.env,
    )
    out = {"validate_code": validate.returncode, "validate_stdout": validate.stdout, "validate_stderr": validate.stderr}
    port = free_port()
    log = (ws.root / "serve-bigquery.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "c360"), "serve", "--target", "bigquery_emulator", "--project-dir", str(ROOT), "--port", str(port)],
        env=ws.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    statuses = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for _ in range(120):
                try:
                    client.get("/api/dashboards")
                    break
                except httpx.TransportError:
                    if server.poll() is not None:
                        break
                    __import__("time").sleep(0.5)
            key = (
                client.get("/api/customers", params={"q": "cust"}).json().get("customers", [{}])[0].get("customer_key")
            )
            paths = [
                "/api/dashboard/summary",
                "/api/dashboards/executive/tiles/aum",
                f"/api/customer/{key}",
                f"/api/customer/{key}/recommendations",
                f"/api/customer/{key}/timeline",
                f"/customer/{key}",
            ]
            for path in paths:
                statuses[path.replace(str(key), "{key}")] = client.get(path).status_code
            action = client.get(f"/api/customer/{key}/recommendations").json()["recommendations"]
            if action:
                done = client.post(
                    f"/api/actions/{action[0]['next_best_action_key']}/execute",
                    json={"executed_by": "ci", "outcome": "contacted"},
                )
                statuses["POST /api/actions/{action}/execute"] = done.status_code
                after = client.get(f"/api/customer/{key}/recommendations").json()["recommendations"]
                statuses["action left the open list"] = len(after) == len(action) - 1
    except Exception as exc:  # recorded for the test to report, with the server's log
        statuses["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    out["serve"] = statuses
    out["serve_log"] = (ws.root / "serve-bigquery.log").read_text()[-3000:]
    return out


class EmulatorBuild:
    """The emulator build running in its own process; `result()` waits for it."""

    def __init__(self, ws: Workspace):
        self.ws, self.out = ws, ws.root / "emulator.json"
        self.log = (ws.root / "emulator-build.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.python.builds", "emulator", str(ws.root)],
            cwd=ROOT,
            env=ws.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def result(self) -> EngineBuild:
        try:
            code = self.process.wait(timeout=EMULATOR_WAIT)
        except subprocess.TimeoutExpired:
            self.stop()
            pytest.fail(f"the emulator build took over {EMULATOR_WAIT}s")
        if code != 0 or not self.out.exists():
            tail = (self.ws.root / "emulator-build.log").read_text()[-4000:]
            pytest.fail(f"the emulator build failed (exit {code}):\n{tail}")
        data = json.loads(self.out.read_text())
        data["workdir"] = Path(data["workdir"])
        data["runs"] = [tuple(r) for r in data["runs"]]
        return EngineBuild(**data)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()


def main(argv: list[str]) -> int:
    """Build the CI bank (already generated in DIR) on the emulator and write DIR/emulator.json."""
    engine, root = argv
    if engine != "emulator":
        raise SystemExit(f"unknown engine {engine!r}")
    ws = Workspace(Path(root), env=dict(__import__("os").environ))
    build = build_on_emulator(ws)
    data = asdict(build)
    data["workdir"] = str(build.workdir)
    (ws.root / "emulator.json").write_text(json.dumps(data, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
