"""The customer 360's scores are re-weighted in a seed, with no SQL edit, and dbt build re-scores every customer.

The CI bank's DuckDB build is copied with the dbt project; the copy's health_score_weights and churn_risk_weights
seeds get new weights, and `dbt build` of the seeds and customer_360_monthly runs on the copies. Every model file
stays byte for byte what it was, every score changes as the new weights say (recomputed here from the component
columns), and some customers change score.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb

from .harness import BIN, ROOT, check, run

HEALTH = ["payment_history", "service_quality", "usage_trend", "engagement"]
CHURN = [
    "usage_decline",
    "payroll_gone",
    "balance_decline",
    "external_outflow_rise",
    "complaints",
    "login_decline",
    "negative_rm_notes",
]


def reweight(path: Path, key: str, weights: dict[str, int]) -> dict[str, int]:
    """Rewrite the seed's weight column; returns the weights now in it."""
    with path.open() as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["weight"] = str(weights[row[key]])
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return weights


def scores(database: Path) -> dict[tuple, tuple]:
    columns = [f"health_{c}" for c in HEALTH] + [f"churn_signal_{c}" for c in CHURN]
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.execute(
            f"select customer_key, month_end_date, health_score, churn_risk_score, {', '.join(columns)} "
            "from marts.customer_360_monthly"
        ).fetchall()
    return {(r[0], r[1]): r[2:] for r in rows}


def weighted(values, weights: list[int], scale: float) -> float:
    return scale * sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)


def test_new_weights_in_the_seeds_rescore_customers_without_touching_sql(duckdb_build, tmp_path):
    project = tmp_path / "project"
    for part in ("models", "macros", "seeds", "tests/generic"):
        shutil.copytree(ROOT / part, project / part)
    for name in ("dbt_project.yml", "profiles.example.yml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copy(ROOT / "profiles.example.yml", project / "profiles.yml")
    database = tmp_path / "bank.duckdb"
    shutil.copy(duckdb_build.env["C360_DUCKDB_PATH"], database)
    before = scores(database)

    new_health = dict(payment_history=0, service_quality=10, usage_trend=60, engagement=30)
    new_churn = dict(
        usage_decline=5,
        payroll_gone=50,
        balance_decline=5,
        external_outflow_rise=30,
        complaints=5,
        login_decline=0,
        negative_rm_notes=5,
    )
    health = reweight(project / "seeds/health_score_weights.csv", "component", new_health)
    churn = reweight(project / "seeds/churn_risk_weights.csv", "signal", new_churn)
    env = {**duckdb_build.env, "C360_DUCKDB_PATH": str(database), "DBT_PROFILES_DIR": str(project)}
    select = ["--select", "health_score_weights", "churn_risk_weights", "customer_360_monthly"]
    paths = ["--target-path", tmp_path / "target", "--log-path", tmp_path / "logs"]
    check(run([BIN / "dbt", "build", *select, "--target", "duckdb", *paths], env, cwd=project))
    after = scores(database)

    for path in (project / "models").rglob("*.sql"):
        assert path.read_bytes() == (ROOT / "models" / path.relative_to(project / "models")).read_bytes(), path
    assert after.keys() == before.keys() and len(after) > 1_000
    health_weights, churn_weights = [health[c] for c in HEALTH], [churn[c] for c in CHURN]
    for key, (health_score, churn_score, *components) in after.items():
        # Components are stored to six decimals, so a score at a half may round either way.
        assert abs(health_score - weighted(components[:4], health_weights, 1)) <= 0.5 + 1e-3, key
        assert abs(churn_score - weighted(components[4:], churn_weights, 100)) <= 0.5 + 1e-3, key
    assert all(after[key][2:] == before[key][2:] for key in before), "components do not depend on the weights"
    changed = sum(after[key][:2] != before[key][:2] for key in before)
    assert changed > len(before) / 10
