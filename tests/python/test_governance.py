"""Governance checks (`make governance`) on the CI bank's DuckDB build: dbt-bouncer with the rules of
dbt_project_evaluator, dbt-score, and dbt-coverage (every mart column documented)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from .harness import ROOT


@pytest.fixture(scope="module")
def governance(duckdb_build):
    workdir = duckdb_build.workdir
    env = {**duckdb_build.env, "DBT_LOG_PATH": str(workdir / "logs")}
    done = subprocess.run(
        ["make", "--no-print-directory", "governance", f"BUILD_DIR={workdir}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
    return done.returncode, output, workdir / "target"


def test_governance_checks_pass(governance):
    returncode, output, _ = governance
    assert returncode == 0, output[-6000:]
    assert "All checks passed!" in output
    assert "Project score: 10.0" in output


def test_every_mart_column_in_the_warehouse_is_documented(governance):
    """Independently of dbt-coverage: every column the marts have in the warehouse (catalog) has a
    description in the manifest, and every mart has an enforced contract."""
    target = governance[2]
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    marts = {
        key: node
        for key, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["path"].startswith("marts/")
    }
    assert len(marts) >= 9
    undocumented = []
    for key, node in marts.items():
        assert node["config"]["contract"]["enforced"], node["name"]
        assert node["description"].strip(), node["name"]
        described = {name.lower() for name, column in node["columns"].items() if column["description"].strip()}
        undocumented += [f"{node['name']}.{c}" for c in catalog["nodes"][key]["columns"] if c.lower() not in described]
    assert undocumented == []
