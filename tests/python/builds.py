"""The CI bank built on both engines, shared by the engine and governance tests.

DuckDB runs in-process; BigQuery runs against a fresh ephemeral emulator on loopback, started and
stopped here. On each engine the bank arrives in two steps: the first eleven months are loaded and
built, then December is appended and the project built again, so fact_transaction runs incrementally;
a full refresh of it is then compared with the incremental table. Selected rows are read from each
build for the cross-engine comparison.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from generator.warehouse.emulator import BigQueryEmulator

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# (engine, seconds, node counts by kind, statuses) of every dbt run, for the summary at the end.
ENGINE_RUNS: list[tuple[str, float, dict[str, int], set[str]]] = []
CI_BANK = ["--customers", "400", "--start", "2024-01-01", "--end", "2024-12-31", "--seed", "5"]
HELD_BACK_AFTER = "2024-11"  # the first build sees January to November; December arrives for the second
DBT_TIMEOUT = 1500  # seconds; a stale emulator can make dbt-bigquery retry for many minutes

# Staged rows compared across engines, ordered so both return them in the same order.
COMPARED = {
    "customers": "select customer_id, first_name, last_name, cast(birth_date as string), ssn, phone_e164, email "
    "from staging.stg_core__customers order by customer_id",
    "foreign card amounts": "select card_txn_id, cast(amount_usd as string) from staging.stg_cards__card_transactions "
    "where is_foreign_currency order by card_txn_id",
    "branch sheet": "select sheet_row, branch_name, city, state_code, cast(opened_date as string) "
    "from staging.stg_branch__branches order by sheet_row",
    "rm note dates": "select note_id, cast(note_date as string), customer_ref_email from staging.stg_branch__rm_notes "
    "order by note_id",
    "crm emails": "select contact_id, email, email_canonical, phone_e164 from staging.stg_crm__contacts "
    "order by contact_id",
    "row counts": "select 'postings', count(*) from staging.stg_core__postings union all "
    "select 'balances', count(*) from staging.stg_core__account_balances_monthly union all "
    "select 'events', count(*) from staging.stg_app__events order by 1",
    "identity map": "select source_system, source_record_id, customer_key, match_method, "
    "cast(match_confidence as string) from intermediate.customer_identity_map order by 1, 2",
    "recurring flags": "select u.source_system, u.source_transaction_id, r.detection_rule "
    "from intermediate.int_transactions__recurring_series as r "
    "inner join intermediate.int_transactions__unified as u on r.transaction_key = u.transaction_key order by 1, 2",
    "customer dimension": "select customer_key, segment, ssn_masked, cast(relationship_balance_usd as string), "
    "cast(round(tenure_years * 12) as int64), is_core_customer from marts.dim_customer order by 1",
    "account dimension": "select account_number, customer_key, product_key, account_type, account_status, "
    "cast(credit_limit_usd as string), cast(annual_premium_usd as string) from marts.dim_account order by 1",
    "money totals": "select 'postings', cast(sum(signed_amount_usd) as string) from staging.stg_core__postings "
    "union all select 'cards', cast(sum(amount_usd) as string) from staging.stg_cards__card_transactions "
    "order by 1",
    "transaction facts": "select date_key, transaction_type, is_recurring, count(*), count(distinct customer_key), "
    "count(merchant_key), cast(sum(signed_amount_usd) as string) from marts.fact_transaction "
    "group by 1, 2, 3 order by 1, 2, 3",
    "account snapshots": "select account_number, cast(month_end_date as string), cast(closing_balance_usd as string), "
    "cast(net_flow_usd as string), cast(round(credit_utilization, 6) as string) from marts.fact_account_snapshot "
    "order by 1, 2",
    "interactions": "select customer_key, channel, interaction_type, cast(interaction_date as string), count(*) "
    "from marts.fact_interaction group by 1, 2, 3, 4 order by 1, 2, 3, 4",
    "loan schedule": "select account_number, instalment_number, customer_key, payment_status, "
    "cast(amount_paid_usd as string), days_paid_after_due from marts.fact_loan_schedule order by 1, 2",
}
# Rows of the incrementally built fact_transaction missing from a full refresh, and the reverse.
INCREMENTAL_DIFF = {
    "duckdb": "select count(*) from (select * from marts.{a} except select * from marts.{b})",
    "bigquery_emulator": "select count(*) from (select * from marts.{a} except distinct select * from marts.{b})",
}


def _normalise(rows):
    """Decimal('1.50') and Decimal('1.500000000') are the same amount; compare values, not scales."""

    def value(v):
        if isinstance(v, str):
            try:
                return str(Decimal(v).normalize()) if v.replace(".", "", 1).lstrip("-").isdigit() else v
            except ArithmeticError:
                return v
        return v

    return [tuple(value(v) for v in row) for row in rows]


def _dbt(command: list[str], target: str, env: dict, workdir: Path, label: str) -> dict:
    began = time.perf_counter()
    done = subprocess.run(
        [
            str(BIN / "dbt"),
            *command,
            "--target",
            target,
            "--target-path",
            str(workdir / "target"),
            "--log-path",
            str(workdir / "logs"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=DBT_TIMEOUT,
    )
    seconds = time.perf_counter() - began
    assert done.returncode == 0, done.stdout[-4000:]
    results = json.loads((workdir / "target" / "run_results.json").read_text())["results"]
    kinds: dict[str, int] = {}
    for r in results:
        kind = r["unique_id"].split(".")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    ENGINE_RUNS.append((f"{target} {label}", seconds, kinds, {r["status"] for r in results}))
    return {"results": results, "seconds": seconds}


def _c360(*args: str, env: dict) -> None:
    done = subprocess.run(
        [str(BIN / "c360"), *args, "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr


def _build_month_by_month(target: str, env: dict, root: Path, query) -> dict:
    """Build on eleven months, append December and build again (fact_transaction runs incrementally), then
    keep the incremental table aside, rebuild fact_transaction from scratch and count the differences."""
    workdir = root / target
    landing = str(root / "landing")
    _c360("load", "--target", target, "--landing", landing, "--through", HELD_BACK_AFTER, env=env)
    first = _dbt(["build"], target, env, workdir / "first", "first 11 months")
    _c360("load", "--target", target, "--landing", landing, env=env)
    build = _dbt(["build"], target, env, workdir, "December appended")
    build["first"], build["env"], build["workdir"] = first, env, workdir
    build["rows"] = {name: _normalise(query(sql)) for name, sql in COMPARED.items()}
    query("create table marts.fact_transaction_incremental as select * from marts.fact_transaction")
    _dbt(["run", "--full-refresh", "--select", "fact_transaction"], target, env, workdir / "full", "full refresh")
    diff = INCREMENTAL_DIFF[target]
    build["incremental_vs_full"] = {
        "rows": query("select count(*) from marts.fact_transaction")[0][0],
        "only_incremental": query(diff.format(a="fact_transaction_incremental", b="fact_transaction"))[0][0],
        "only_full_refresh": query(diff.format(a="fact_transaction", b="fact_transaction_incremental"))[0][0],
    }
    return build


@pytest.fixture(scope="session")
def ci_bank(tmp_path_factory):
    root = tmp_path_factory.mktemp("engines")
    shutil.copy(ROOT / "profiles.example.yml", root / "profiles.yml")
    env = {**os.environ, "DBT_PROFILES_DIR": str(root), "C360_DUCKDB_PATH": str(root / "bank.duckdb")}
    _c360("generate", *CI_BANK, "--out", str(root / "landing"), env=env)
    return root, env


@pytest.fixture(scope="session")
def duckdb_build(ci_bank):
    root, env = ci_bank

    def query(sql: str) -> list[tuple]:
        # A connection per statement: dbt needs the file to itself in between.
        with duckdb.connect(str(root / "bank.duckdb")) as con:
            return con.execute(sql).fetchall()

    return _build_month_by_month("duckdb", env, root, query)


@pytest.fixture(scope="session")
def emulator_build(ci_bank):
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    root, env = ci_bank
    with BigQueryEmulator(log=root / "emulator.log") as url:
        env = {**env, "BIGQUERY_EMULATOR_HOST": url}
        client = bigquery.Client(
            project="c360-local", credentials=AnonymousCredentials(), client_options=ClientOptions(api_endpoint=url)
        )

        def query(sql: str) -> list[tuple]:
            return [tuple(r) for r in client.query(sql).result()]

        return _build_month_by_month("bigquery_emulator", env, root, query)
