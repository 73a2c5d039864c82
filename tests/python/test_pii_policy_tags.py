"""PII policy tags for BigQuery, checked on the rendered configuration (the emulator stores no tags): with
C360_BQ_PII_POLICY_TAG set every `pii: true` column of every table gets the tag and nothing else does;
without it nothing is tagged and a warning says so."""

from __future__ import annotations

import json

from .harness import BIN, ROOT, run, workspace

TAG = "projects/c360-local/locations/us/taxonomies/123/policyTags/456"


def operation(tmp_path, macro, **env):
    ws = workspace(tmp_path, BIGQUERY_EMULATOR_HOST="http://localhost:9", **env)
    done = run(
        [
            BIN / "dbt",
            "run-operation",
            macro,
            "--target",
            "bigquery_emulator",
            "--project-dir",
            ROOT,
            "--target-path",
            ws.root / "target",
            "--log-path",
            ws.root / "logs",
        ],
        ws.env,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    return done.stdout, json.loads((ws.root / "target" / "manifest.json").read_text())


def test_every_pii_column_of_every_table_gets_the_tag(tmp_path):
    out, manifest = operation(tmp_path, "show_pii_policy_tags", C360_BQ_PII_POLICY_TAG=TAG)
    printed = {}
    for line in out.splitlines():
        name, _, tags = line.partition(": ")
        if tags.startswith("{"):
            printed[name] = json.loads(tags)
    expected = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or node["config"]["materialized"] not in ("table", "incremental"):
            continue
        pii = {
            c
            for c, col in node["columns"].items()
            if (col.get("meta") or col.get("config", {}).get("meta") or {}).get("pii")
        }
        if pii:
            expected[node["name"]] = pii
    assert {"dim_customer", "customer_360"} <= set(expected)
    assert {name: set(columns) for name, columns in printed.items()} == expected
    assert all(c["policy_tags"] == [TAG] for columns in printed.values() for c in columns.values())
    assert "ssn_masked" not in printed["dim_customer"]


def test_without_the_variable_nothing_is_tagged_and_a_warning_says_so(tmp_path):
    out, _ = operation(tmp_path, "show_pii_policy_tags", C360_BQ_PII_POLICY_TAG="")
    assert not [line for line in out.splitlines() if ": {" in line]
    warned, _ = operation(tmp_path / "warn", "warn_untagged_pii", C360_BQ_PII_POLICY_TAG="")
    assert "C360_BQ_PII_POLICY_TAG is not set, so PII columns get no BigQuery policy tags" in warned
