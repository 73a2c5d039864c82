"""Balances, cards and loans: the arithmetic a core banking system would be audited on."""

from __future__ import annotations

import csv

import numpy as np

from .conftest import SEEDS


def test_closing_is_opening_plus_credits_minus_debits_and_months_chain(bank):
    assert (
        bank.one(
            "select count(*) from core_account_balances_monthly "
            "where closing_balance <> opening_balance + total_credits - total_debits"
        )
        == 0
    )
    broken = bank.one("""
        select count(*) from (
            select opening_balance, lag(closing_balance) over (partition by account_number order by balance_date) as prev
            from core_account_balances_monthly) where prev is not null and prev <> opening_balance""")
    assert broken == 0


def test_monthly_credits_and_debits_recompute_from_postings(bank):
    # Recomputed here from the raw postings, independently of how the generator summed them.
    mismatches = bank.one("""
        with sums as (
            select account_number, last_day(value_date) as m,
                   sum(case when dr_cr = 'CR' then amount else 0 end) as cr,
                   sum(case when dr_cr = 'DR' then amount else 0 end) as dr
            from core_postings group by 1, 2)
        select count(*) from core_account_balances_monthly b
        join core_accounts a using (account_number)
        left join sums s on s.account_number = b.account_number and s.m = b.balance_date
        where a.product_code not like 'CC_%'
          and (coalesce(s.cr, 0) <> b.total_credits or coalesce(s.dr, 0) <> b.total_debits)""")
    assert mismatches == 0


def test_card_balances_recompute_from_settled_transactions_in_usd(bank):
    """Foreign amounts converted here with the FX seed: the card ledger must agree to the cent."""
    with (SEEDS / "fx_rates.csv").open() as f:
        rates = [(r["rate_month"], r["currency_code"], float(r["units_per_usd"])) for r in csv.DictReader(f)]
    bank.con.execute("create or replace temp table fx (rate_month date, currency_code varchar, units double)")
    bank.con.executemany("insert into fx values (?, ?, ?)", rates)
    rows = bank.sql("""
        with usd as (
            select t.card_account_id, last_day(t.authorized_at::date) as m, t.txn_type,
                   case when t.currency_code = 'USD' then t.amount::double
                        else round(t.amount::double / fx.units, 2) end as usd
            from cards_card_transactions t
            left join fx on fx.currency_code = t.currency_code
                        and fx.rate_month = date_trunc('month', t.authorized_at)::date
            where t.txn_status = 'SETTLED'),
        sums as (
            select card_account_id, m, sum(usd) filter (where txn_type = 'PAYMENT') as cr,
                   sum(usd) filter (where txn_type <> 'PAYMENT') as dr from usd group by 1, 2)
        select b.total_credits::double, coalesce(s.cr, 0), b.total_debits::double, coalesce(s.dr, 0)
        from core_account_balances_monthly b join core_accounts a using (account_number)
        left join sums s on s.card_account_id = b.account_number and s.m = b.balance_date
        where a.product_code like 'CC_%'""")
    got = np.array(rows)
    assert len(got) > 1000
    assert np.abs(got[:, 0] - got[:, 1]).max() < 0.005
    assert np.abs(got[:, 2] - got[:, 3]).max() < 0.005


def test_card_utilisation_stays_within_limits(bank):
    util = np.array(
        [
            u
            for (u,) in bank.sql("""
        select -b.closing_balance / a.credit_limit from core_account_balances_monthly b
        join core_accounts a using (account_number) where a.product_code like 'CC_%'""")
        ],
        dtype=float,
    )
    assert np.quantile(util, 0.99) < 1.2
    assert (util > 0.05).mean() > 0.3, "a good share of cards carry a balance"


def test_closed_accounts_end_at_zero(bank):
    leftover = bank.one("""
        select count(*) from core_account_balances_monthly b join core_accounts a using (account_number)
        where a.account_status in ('CLOSED', 'MATURED', 'PAID_OFF')
          and b.balance_date = last_day(a.close_date) and b.closing_balance <> 0""")
    assert leftover == 0
    churned_open = bank.one("""
        select count(*) from truth_persons t join person_of s using (person_id)
        join core_customers c on c.customer_id = s.source_record_id
        where t.lifecycle = 'churned' and c.customer_status <> 'CLOSED'""")
    assert churned_open == 0


def test_loan_balances_follow_amortisation(bank):
    rows = bank.sql("""
        select account_number, list(closing_balance::double order by balance_date)
        from core_account_balances_monthly join core_accounts using (account_number)
        where product_code like 'LN_%' group by 1""")
    increases = total = 0
    for _, balances in rows:
        owed = -np.array(balances)
        assert (owed >= 0).all()
        steps = np.diff(owed)
        total += len(steps)
        increases += (steps > 0.005).sum()
    # Owed amounts only grow when a disbursement lands or an instalment is missed.
    assert increases / total < 0.05
    bad_split = bank.one("select count(*) from core_loan_schedules where principal_due + interest_due <> amount_due")
    assert bad_split == 0


def test_loan_schedules_show_every_payment_behaviour(bank):
    status = dict(bank.sql("select instalment_status, count(*) from core_loan_schedules group by 1"))
    assert set(status) == {"PAID_ON_TIME", "PAID_LATE", "PREPAID", "OVERDUE", "SCHEDULED"}
    assert status["PAID_ON_TIME"] / sum(status.values()) > 0.6
    assert (
        bank.one(
            "select count(*) from core_loan_schedules where instalment_status = 'PAID_LATE' and paid_date <= due_date"
        )
        == 0
    )
    assert (
        bank.one(
            "select count(*) from core_loan_schedules where instalment_status = 'PREPAID' and amount_paid <= amount_due"
        )
        == 0
    )
    assert (
        bank.one(
            "select count(*) from core_loan_schedules where instalment_status in ('OVERDUE', 'SCHEDULED') "
            "and paid_date is not null"
        )
        == 0
    )
    assert (
        bank.one(
            "select count(*) from core_loan_schedules where instalment_status = 'SCHEDULED' "
            "and due_date <= date '2025-12-31'"
        )
        == 0
    )
