"""The models measured against the answer key on the default bank: entity resolution and recurring detection."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.evaluate import identity_scores, recurring_scores

from .conftest import ROOT

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def default_bank(tmp_path_factory):
    root = tmp_path_factory.mktemp("identity")
    shutil.copy(ROOT / "profiles.example.yml", root / "profiles.yml")
    env = {**os.environ, "DBT_PROFILES_DIR": str(root), "C360_DUCKDB_PATH": str(root / "bank.duckdb")}

    def run(*args: str) -> None:
        done = subprocess.run(list(args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]

    # The default bank, exactly as `c360 generate` makes it without arguments.
    run(str(BIN / "c360"), "generate", "--out", str(root / "landing"), "--quiet")
    run(str(BIN / "c360"), "load", "--landing", str(root / "landing"), "--quiet")
    run(
        str(BIN / "dbt"),
        "build",
        "--target",
        "duckdb",
        "--target-path",
        str(root / "target"),
        "--log-path",
        str(root / "logs"),
    )
    return root / "bank.duckdb", root / "truth"


@pytest.fixture(scope="module")
def default_bank_scores(default_bank):
    return identity_scores(*default_bank)


def test_pairwise_precision_and_recall_meet_the_targets(default_bank_scores):
    scores = default_bank_scores
    print(
        f"\nentity resolution on the default bank: precision {scores['precision']:.4f}, "
        f"recall {scores['recall']:.4f} over {scores['records']:,.0f} records"
    )
    assert scores["precision"] >= 0.99
    assert scores["recall"] >= 0.97


def test_every_record_is_placed_and_rules_all_contribute(default_bank_scores):
    methods = {(system, method): n for system, method, n in default_bank_scores["methods"]}
    assert sum(methods.values()) == default_bank_scores["records"]
    for rule in [
        ("core", "ssn"),
        ("crm", "crm_core_link"),
        ("crm", "email"),
        ("app", "email"),
        ("app", "phone_and_email_name"),
        ("branch", "full_name_at_branch"),
        ("branch", "partial_name_at_branch"),
        ("branch", "email"),
        ("cards", "core_card_account"),
    ]:
        assert methods.get(rule, 0) > 0, rule
    unmatched = sum(n for (_, method), n in methods.items() if method == "unmatched")
    assert unmatched / default_bank_scores["records"] < 0.01


def test_recurring_detection_meets_the_targets(default_bank):
    scores = recurring_scores(*default_bank)
    print(
        f"\nrecurring detection on the default bank: precision {scores['precision']:.4f}, "
        f"recall {scores['recall']:.4f} over {scores['recurring']:,} recurring transactions"
    )
    assert scores["precision"] >= 0.95
    assert scores["recall"] >= 0.95
    found = {kind: (found, total) for kind, total, found in scores["by_kind"]}
    for kind in ("SALARY", "SUBSCRIPTION", "UTILITY", "RENT", "INSURANCE_PREMIUM", "EXTERNAL_LOAN", "LOAN_PAYMENT"):
        assert found[kind][0] / found[kind][1] > 0.8, kind
