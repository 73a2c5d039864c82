"""`dbt build` on a freshly generated and loaded bank: seeds, sources and every source test pass."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

DBT = Path(sys.executable).with_name("dbt")


def test_dbt_build_passes_on_a_generated_bank(tmp_path):
    env = {**os.environ, "C360_DUCKDB_PATH": str(tmp_path / "bank.duckdb"), "DBT_PROFILES_DIR": str(tmp_path)}
    shutil.copy(ROOT / "profiles.example.yml", tmp_path / "profiles.yml")
    c360 = [sys.executable, "-m", "generator.cli"]
    for step in (
        ["generate", "--customers", "600", "--out", str(tmp_path / "landing"), "--quiet"],
        ["load", "--target", "duckdb", "--landing", str(tmp_path / "landing"), "--quiet"],
    ):
        done = subprocess.run([*c360, *step], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
    build = subprocess.run(
        [
            str(DBT),
            "build",
            "--target",
            "duckdb",
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stdout[-3000:]
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    statuses = {r["status"] for r in results}
    assert statuses <= {"success", "pass"}, statuses
    tests = [r for r in results if r["unique_id"].startswith("test.")]
    sources_tested = {r["unique_id"].split(".")[2] for r in tests if "source_" in r["unique_id"]}
    assert len(tests) > 80 and len(sources_tested) > 20
