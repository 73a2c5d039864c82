"""The models measured against the answer key on the default bank: entity resolution, recurring detection,
merchant attribution, the wallet elsewhere and the customer 360.

The default bank is the `default_bank` fixture (conftest.py): `make demo`'s build in CI.
"""

from __future__ import annotations

import pytest

from generator.evaluate import (
    CHURN_KINDS,
    customer_360_scores,
    identity_scores,
    merchant_scores,
    recurring_scores,
    wallet_scores,
)


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


def test_customer_360_against_the_answer_key(default_bank):
    """customer_360_monthly, customer_alerts and next_best_actions (see Customer360Scores for how each figure
    is judged). Every cross-sell rule finds the answer key's persons with precision >= 0.95, and
    mortgages without life cover (X001), cards at another issuer (X005) and loans at another lender still open
    and paid through the bank (X004) are found with recall >= 0.95. The churn-risk score ranks those churning
    or declining within 90 days above the rest (AUC >= 0.5) and those churning within 90 days far above the
    never-declining (AUC >= 0.9); and at least 60% of churners are warned of between a year and two months
    ahead.

    Targets missed, held to honest bounds. Travellers without a travel card (X003): the persona is not fully
    visible in behaviour, so recall is about 0.73 (most of those missed have neither travel spending in four of
    the last twelve months nor two foreign-currency purchases here). High savings beside a loan
    (X002) and loans at another lender (X004) are planted when they held "ever in the window": by the latest
    month end some loans are paid off and some savings drawn down, so recall against the planted flag is about
    0.82 and 0.77 (X004 meets the target where the loan is still open). The month ends where fewer than 20
    persons churn within 90 days (the first: churn begins about nine months into the data) are too few to score
    that AUC. Persons whose decline starts only after the month end cannot be seen in its data: their AUC stays
    near 0.5, and a figure well above would mean the model reads the future. They are a large part of the
    positives at some month ends, so the overall AUC misses the 0.80 target at most of them (0.63 to 0.94).
    The warning rests on alerts, which also fire on about two in five never-declining customers (balance drops
    and payroll stops happen to them too), so the share warned of is held well above that false-alarm share."""
    scores = customer_360_scores(*default_bank)
    print(f"\ncustomer 360 on the default bank, cross-sell at {scores.month_end}:")
    for s in scores.cross_sell:
        still_open = (
            f"; still open: recall {s.still_open_recall:.4f} ({s.still_open_found} of {s.still_open})"
            if s.still_open is not None
            else ""
        )
        print(
            f"  {s.rule_id} {s.signal:<32} precision {s.precision:.4f} ({s.correct} of {s.predicted}) "
            f"recall {s.recall:.4f} ({s.found} of {s.planted}){still_open}"
        )
    for r in scores.churn_ranking:
        kinds = ", ".join(f"{kind} {auc:.4f} ({n})" for kind, n, auc in r.by_kind)
        print(f"  churn risk at {r.month_end}: AUC {r.auc:.4f} ({r.positives} of {r.customers}); {kinds}")
    print(
        f"  early warning {scores.early_warning:.4f} ({scores.warned} of {scores.churned}; tier "
        f"{scores.warned_by_tier}, alerts {scores.warned_by_alert}); false alarms {scores.false_alarm:.4f} "
        f"({scores.alarmed} of {scores.never_declining}; tier {scores.alarmed_by_tier}, alerts "
        f"{scores.alarmed_by_alert})"
    )
    cross_sell = {s.rule_id: s for s in scores.cross_sell}
    for rule_id, s in cross_sell.items():
        assert s.planted > 20 and s.predicted > 20, rule_id
        assert s.precision >= 0.95, rule_id
    for rule_id in ("X001", "X005"):
        assert cross_sell[rule_id].recall >= 0.95, rule_id
    for rule_id in ("X004", "X005"):
        s = cross_sell[rule_id]
        assert s.still_open > 20 and s.still_open_recall >= 0.95, rule_id
    # Missed targets, held to honest bounds: a persona half hidden from the data, and flags planted "ever".
    assert cross_sell["X003"].recall >= 0.65
    assert cross_sell["X002"].recall >= 0.70
    assert cross_sell["X004"].recall >= 0.70
    assert cross_sell["X004"].still_open < cross_sell["X004"].planted
    assert cross_sell["X004"].recall <= cross_sell["X004"].still_open_recall

    assert len(scores.churn_ranking) >= 8
    churning, _, starting = CHURN_KINDS
    for r in scores.churn_ranking:
        by_kind = {kind: (n, auc) for kind, n, auc in r.by_kind}
        assert r.customers > 1_000 and r.positives > 20, r.month_end
        assert r.auc >= 0.5, r.month_end
        n, auc = by_kind[churning]
        assert auc >= 0.9 or (n < 20 and r is scores.churn_ranking[0]), r.month_end
        n, auc = by_kind[starting]
        assert n < 20 or auc <= 0.6, r.month_end

    assert scores.churned > 500 and scores.never_declining > 2_000
    assert scores.early_warning >= 0.60
    assert scores.false_alarm <= 0.5
    assert scores.early_warning >= scores.false_alarm + 0.3
