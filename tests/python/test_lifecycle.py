"""Churn and risk must be visible in the data before it happens; cross-sell signals at known rates."""

from __future__ import annotations

import numpy as np
import pytest

from generator.bank import personas


def test_churned_customers_wind_down_before_they_leave(bank):
    rows = bank.sql("""
        with card_activity as (
            select s.person_id, date_trunc('month', t.authorized_at) as m, count(*) as n
            from cards_card_transactions t join person_of s on s.source_record_id = t.card_account_id
            where t.txn_type = 'PURCHASE' group by 1, 2)
        select t.person_id,
               avg(n) filter (where m < t.decline_start_date),
               avg(n) filter (where m >= date_trunc('month', t.churn_date) - interval 3 month
                              and m < date_trunc('month', t.churn_date))
        from truth_persons t join card_activity a using (person_id)
        where t.lifecycle = 'churned' group by 1""")
    ratios = [late / early for _, early, late in rows if early and late is not None]
    assert len(ratios) > 50
    assert np.median(ratios) < 0.6


def test_declining_customers_drain_their_deposits(bank):
    rows = bank.sql("""
        with deposits as (
            select s.person_id, b.balance_date, sum(b.closing_balance) as total
            from core_account_balances_monthly b join core_accounts a using (account_number)
            join person_of s on s.source_record_id = a.customer_id
            where a.product_code in ('CHK_STD', 'SAV_HY') group by 1, 2)
        select t.person_id,
               max(total) filter (where balance_date = last_day(t.decline_start_date - interval 1 month)),
               max(total) filter (where balance_date = last_day(t.churn_date - interval 1 month))
        from truth_persons t join deposits d using (person_id)
        where t.lifecycle = 'churned' and t.churn_date >= t.decline_start_date + interval 90 day group by 1""")
    pairs = [(a, b) for _, a, b in rows if a is not None and b is not None and a > 1000]
    assert len(pairs) > 50
    assert np.mean([b < a for a, b in pairs]) > 0.75


def test_complaints_and_negative_notes_rise_with_risk(bank):
    # Complaints per customer-month, before a customer's decline starts and during it.
    before, during = bank.sql("""
        with exposure as (
            select person_id, decline_start_date as ds,
                   greatest(onboarding_date, date '2023-01-01') as first_day,
                   coalesce(churn_date, date '2025-12-31') as last_day from truth_persons),
        cases as (
            select s.person_id, c.opened_at::date as d from crm_cases c
            join person_of s on s.source_record_id = c.contact_id where c.category <> 'Account Closure')
        select sum(case when ds is null or d < ds then 1 else 0 end)
                 / (select sum(date_diff('day', first_day, coalesce(ds, last_day))) / 30.4 from exposure),
               sum(case when d >= ds then 1 else 0 end)
                 / (select sum(date_diff('day', ds, last_day)) / 30.4 from exposure where ds is not null)
        from cases join exposure using (person_id)""")[0]
    assert during > 2 * before
    negative = dict(
        bank.sql("""
        select t.lifecycle, avg(case when n.note_text similar to '.*(unhappy|frustrated|close accounts|leaving).*'
                                then 1.0 else 0 end)
        from branch_rm_notes n join person_of s on s.source_record_id = n.note_id join truth_persons t using (person_id)
        group by 1""")
    )
    # Churned customers' notes span their healthy years too, so the lifetime share roughly doubles (about 2.0x on
    # 4,000 people), with sampling noise either side: at least 1.5x, and at-risk customers in between.
    assert negative["churned"] > 1.5 * negative["active"]
    assert negative["active"] < negative["at_risk"] < negative["churned"]
    scores = dict(
        bank.sql("""
        select t.lifecycle, avg(satisfaction_score) from crm_cases c join person_of s on s.source_record_id = c.contact_id
        join truth_persons t using (person_id) group by 1""")
    )
    assert scores["churned"] < scores["active"] - 0.4


def test_app_use_falls_before_churn(bank):
    rows = bank.sql("""
        with sessions as (
            select s.person_id, date_trunc('month', x.started_at) as m, count(*) as n
            from app_sessions x join person_of s on s.source_record_id = x.user_uuid group by 1, 2)
        select avg(n) filter (where m < t.decline_start_date),
               avg(n) filter (where m >= date_trunc('month', t.churn_date) - interval 3 month)
        from truth_persons t join sessions using (person_id) where t.lifecycle = 'churned' group by t.person_id""")
    ratios = [late / early for early, late in rows if early and late]
    assert np.median(ratios) < 0.6


def test_cross_sell_signals_are_planted_at_their_rates(bank):
    signals = dict(bank.sql("select signal, count(*) from truth_cross_sell_signals group by 1"))
    holders = bank.one("""select count(distinct s.person_id) from core_accounts a
                          join person_of s on s.source_record_id = a.customer_id where a.product_code = 'LN_MORT'""")
    # Mortgage holders without life insurance, measured against what the source systems hold.
    from_sources = bank.one("""
        with held as (
            select s.person_id, a.product_code from core_accounts a join person_of s on s.source_record_id = a.customer_id
            union all
            select s.person_id, p.product_code from core_insurance_policies p
            join person_of s on s.source_record_id = p.customer_id)
        select count(distinct person_id) from held h where product_code = 'LN_MORT'
          and not exists (select 1 from held x where x.person_id = h.person_id and x.product_code = 'INS_LIFE')""")
    assert signals["MORTGAGE_WITHOUT_LIFE_INSURANCE"] == from_sources
    assert from_sources / holders == pytest.approx(1 - personas.LIFE_GIVEN_MORTGAGE, abs=0.06)
    travellers = bank.one("select count(*) from truth_persons where persona = 'Frequent Traveler'")
    assert signals["TRAVELER_WITHOUT_TRAVEL_CARD"] / travellers == pytest.approx(
        1 - personas.PRODUCT_PROB["CC_TRAVEL"][personas.TRAVELER], abs=0.05
    )
    payers = bank.one("""select count(distinct s.person_id) from core_postings p join core_accounts a using (account_number)
                         join person_of s on s.source_record_id = a.customer_id where p.transaction_code = 'ELP'""")
    assert payers == signals["PAYS_EXTERNAL_LENDER"]  # who they are: test_wallet.py
    high = bank.one("""
        select count(distinct s.person_id) from core_account_balances_monthly b join core_accounts a using (account_number)
        join person_of s on s.source_record_id = a.customer_id
        where a.product_code = 'SAV_HY' and b.balance_date = date '2023-01-31' and b.opening_balance >= 50000
          and exists (select 1 from core_accounts l join person_of ls on ls.source_record_id = l.customer_id
                      where ls.person_id = s.person_id and l.product_code like 'LN_%')""")
    assert high >= signals["HIGH_SAVINGS_WITH_LOAN"] > 0
