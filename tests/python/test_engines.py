"""The whole dbt project built and tested on both engines from one generated bank, and compared.

DuckDB runs in-process; BigQuery runs against a fresh ephemeral emulator on loopback, started and
stopped here. Both builds run every seed, model, data test and unit test. Staged rows are then
compared across engines: the same SQL must mean the same thing on both.
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

from generator.emulator import BigQueryEmulator

from .conftest import ENGINE_RUNS, ROOT

BIN = Path(sys.executable).parent
CI_BANK = ["--customers", "400", "--start", "2024-01-01", "--end", "2024-12-31", "--seed", "5"]
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
    "account dimension": "select account_number, customer_key, product_key, account_status, "
    "cast(credit_limit_usd as string), cast(annual_premium_usd as string) from marts.dim_account order by 1",
    "money totals": "select 'postings', cast(sum(signed_amount_usd) as string) from staging.stg_core__postings "
    "union all select 'cards', cast(sum(amount_usd) as string) from staging.stg_cards__card_transactions "
    "order by 1",
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


def _dbt_build(target: str, env: dict, workdir: Path) -> dict:
    began = time.perf_counter()
    done = subprocess.run(
        [
            str(BIN / "dbt"),
            "build",
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
    ENGINE_RUNS.append((target, seconds, kinds, {r["status"] for r in results}))
    return {"results": results, "seconds": seconds}


def _c360(*args: str, env: dict) -> None:
    done = subprocess.run(
        [str(BIN / "c360"), *args, "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def ci_bank(tmp_path_factory):
    root = tmp_path_factory.mktemp("engines")
    shutil.copy(ROOT / "profiles.example.yml", root / "profiles.yml")
    env = {**os.environ, "DBT_PROFILES_DIR": str(root), "C360_DUCKDB_PATH": str(root / "bank.duckdb")}
    _c360("generate", *CI_BANK, "--out", str(root / "landing"), env=env)
    return root, env


@pytest.fixture(scope="module")
def duckdb_build(ci_bank):
    root, env = ci_bank
    _c360("load", "--target", "duckdb", "--landing", str(root / "landing"), env=env)
    build = _dbt_build("duckdb", env, root / "duckdb")
    con = duckdb.connect(str(root / "bank.duckdb"), read_only=True)
    build["rows"] = {name: _normalise(con.execute(sql).fetchall()) for name, sql in COMPARED.items()}
    con.close()
    return build


@pytest.fixture(scope="module")
def emulator_build(ci_bank):
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    root, env = ci_bank
    with BigQueryEmulator(log=root / "emulator.log") as url:
        env = {**env, "BIGQUERY_EMULATOR_HOST": url}
        _c360("load", "--target", "bigquery_emulator", "--landing", str(root / "landing"), env=env)
        build = _dbt_build("bigquery_emulator", env, root / "bigquery")
        client = bigquery.Client(
            project="c360-local", credentials=AnonymousCredentials(), client_options=ClientOptions(api_endpoint=url)
        )
        build["rows"] = {
            name: _normalise([tuple(r) for r in client.query(sql).result()]) for name, sql in COMPARED.items()
        }
    return build


@pytest.mark.parametrize("engine", ["duckdb_build", "emulator_build"])
def test_every_node_builds_and_passes(request, engine):
    results = request.getfixturevalue(engine)["results"]
    assert {r["status"] for r in results} <= {"success", "pass"}
    kinds = {r["unique_id"].split(".")[0] for r in results}
    assert {"seed", "model", "test", "unit_test"} <= kinds
    models = [r for r in results if r["unique_id"].startswith("model.")]
    assert len(models) >= 54, "17 base, 17 stg, 5 quarantine, 8 identity, 2 transaction and 5 dimension models"


@pytest.mark.parametrize("name", sorted(COMPARED))
def test_engines_agree_on_staged_data(duckdb_build, emulator_build, name):
    ours, theirs = duckdb_build["rows"][name], emulator_build["rows"][name]
    assert len(ours) > 0
    assert ours == theirs
