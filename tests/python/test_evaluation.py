"""The models measured against the answer key on the default bank: entity resolution, recurring detection,
merchant attribution and the wallet elsewhere.

The default bank is what `make demo` builds. CI runs `make demo` first and sets C360_DEMO_BUILD=1, so these
tests measure that very build (data/, the project's profile) instead of generating the same bank again;
the fixture checks it really is the default bank. Without the variable the tests build their own.
"""

from __future__ import annotations

import json
import os
from unittest import mock

import pytest

from generator.bank.generate import GenerateConfig
from generator.evaluate import identity_scores, merchant_scores, recurring_scores, wallet_scores
from generator.warehouse.profiles import read_target

from .harness import ROOT, workspace


@pytest.fixture(scope="module")
def default_bank(tmp_path_factory):
    if os.environ.get("C360_DEMO_BUILD"):
        data = ROOT / "data"
        arguments = json.loads((data / "landing" / "_manifest.json").read_text())["arguments"]
        defaults = GenerateConfig()
        assert arguments == {k: getattr(defaults, k) for k in arguments}, "data/ does not hold the default bank"
        return read_target("duckdb", project_dir=ROOT, profiles_dir=ROOT), data / "truth"
    ws = workspace(tmp_path_factory.mktemp("default_bank"))
    ws.generate("default")
    ws.load()
    ws.build()
    with mock.patch.dict(os.environ, {"C360_DUCKDB_PATH": str(ws.database)}):
        return read_target("duckdb", project_dir=ROOT, profiles_dir=ws.root), ws.truth


@pytest.fixture(scope="module")
def default_bank_scores(default_bank):
    return identity_scores(*default_bank)


def test_pairwise_precision_and_recall_meet_the_targets(default_bank_scores):
    scores = default_bank_scores
    print(
        f"\nentity resolution on the default bank: precision {scores.precision:.4f}, "
        f"recall {scores.recall:.4f} over {scores.records:,.0f} records"
    )
    assert scores.precision >= 0.99
    assert scores.recall >= 0.97


def test_people_are_kept_whole(default_bank_scores):
    """A relationship manager sees each real person as one customer: nearly everyone resolves to exactly
    one customer_key, and dim_customer holds about as many customers as there are people."""
    scores = default_bank_scores
    print(
        f"\npeople whole on the default bank: {scores.people_whole_share:.4f} of {scores.people:,} "
        f"({scores.people_whole_counting_unresolved_share:.4f} counting unresolved records); "
        f"dim_customer {scores.dim_customer_rows:,} rows ({scores.dim_customer_excess:+.2%})"
    )
    assert scores.people_whole_share >= 0.99
    assert abs(scores.dim_customer_excess) <= 0.01
    # The stricter share cannot exceed the lenient one, and only unresolved records separate them.
    assert scores.people_whole_counting_unresolved <= scores.people_whole
    assert scores.people - scores.people_whole_counting_unresolved <= (
        scores.people - scores.people_whole + scores.unresolved_records
    )
    unmatched = sum(n for _, method, n in scores.methods if method == "unmatched")
    assert scores.unresolved_records == unmatched


def test_every_record_is_placed_and_rules_all_contribute(default_bank_scores):
    methods = {(system, method): n for system, method, n in default_bank_scores.methods}
    assert sum(methods.values()) == default_bank_scores.records
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
    assert unmatched / default_bank_scores.records < 0.01


def test_recurring_detection_meets_the_targets(default_bank):
    scores = recurring_scores(*default_bank)
    print(
        f"\nrecurring detection on the default bank: precision {scores.precision:.4f}, "
        f"recall {scores.recall:.4f} over {scores.recurring:,} recurring transactions"
    )
    assert scores.precision >= 0.95
    assert scores.recall >= 0.95
    found = {kind: (found, total) for kind, total, found in scores.by_kind}
    for kind in ("SALARY", "SUBSCRIPTION", "UTILITY", "RENT", "INSURANCE_PREMIUM", "EXTERNAL_LOAN", "LOAN_PAYMENT"):
        assert found[kind][0] / found[kind][1] > 0.8, kind


def test_card_spend_is_attributed_to_the_right_merchant_brand(default_bank):
    scores = merchant_scores(*default_bank)
    print(
        f"\nmerchant attribution on the default bank: {scores.spend_share:.4f} of {scores.spend_usd:,.0f} USD "
        f"({scores.model_brands:,} model brands, {scores.true_brands:,} true brands, {scores.locations:,} locations)"
    )
    assert scores.true_brands >= 1_500 and scores.locations > scores.true_brands
    assert scores.spend_share >= 0.98


def test_wallet_elsewhere_against_the_answer_key(default_bank):
    """wallet_share_monthly at the latest month end. Holdings that send money through the bank are found
    per family (precision and recall >= 0.95) and, where the whole wallet elsewhere is visible, the share of
    wallet is close (mean absolute error <= 0.08, |bias| <= 0.03). Two targets are missed, and the bounds
    here say by how much: holdings that never touch the bank (every investment elsewhere, loans and cards
    paid from another bank) are invisible, so their holders' share of wallet is overstated (bias > 0, mean
    absolute error about 0.23); and external loan balances, inverted from the instalment at assumed market
    rates and terms, miss the 15% median absolute percentage error target overall (about 31%). The miss is
    the loans already paying when the data starts, whose age is in no flow; where the bank saw the first
    instalment the target holds."""
    scores = wallet_scores(*default_bank)
    print(f"\nwallet elsewhere on the default bank at {scores.month_end}:")
    for family, true, predicted, correct, precision, recall in scores.by_family:
        print(f"  {family:<14} precision {precision:.4f} recall {recall:.4f} ({correct} of {predicted}; {true} true)")
    for name, error in (("whole wallet visible", scores.visible), ("holdings never seen", scores.hidden)):
        print(
            f"  share of wallet, {name}: MAE {error.mean_absolute_error:.4f}, bias {error.bias:+.4f} ({error.customers})"
        )
    print(f"  external loan balances: MdAPE {scores.loan_balance_mdape:.1%} over {scores.loan_balances} loan families")
    for start, n, error in scores.loan_balance_mdape_by_start:
        print(f"    {start}: MdAPE {error:.1%} ({n})")
    flowing = {family: true for family, true, *_ in scores.by_family}
    assert flowing["investment"] == 0, "investments elsewhere never flow through the bank"
    for family, true, predicted, _correct, precision, recall in scores.by_family:
        if family != "investment":
            assert true > 20 and predicted > 20, family
            assert precision >= 0.95, family
            assert recall >= 0.95, family
    assert scores.visible.customers > 500 and scores.hidden.customers > 500
    assert scores.visible.mean_absolute_error <= 0.08
    assert abs(scores.visible.bias) <= 0.03
    # Missed targets, held to honest bounds: unseen holdings overstate the share; loan terms are assumed.
    assert 0 < scores.hidden.bias <= scores.hidden.mean_absolute_error <= 0.30
    assert scores.loan_balances > 500
    assert scores.loan_balance_mdape <= 0.40
    by_start = {start: (n, error) for start, n, error in scores.loan_balance_mdape_by_start}
    seen_n, seen_error = by_start["first instalment seen"]
    assert seen_n > 100 and seen_error <= 0.15
    assert by_start["paying before the data"][1] > seen_error
