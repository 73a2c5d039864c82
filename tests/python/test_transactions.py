"""Postings and card transactions: pay days, subscriptions, amount shapes, timing, currencies."""

from __future__ import annotations

import datetime as dt

import numpy as np

from generator.bank import codes, personas

from .conftest import business_days


def test_salary_lands_on_the_1st_or_15th_or_the_business_day_before(bank):
    is_business, previous_business = business_days()
    days = [d for (d,) in bank.sql("select distinct value_date from core_postings where transaction_code = 'SAL'")]
    assert len(days) > 50
    for d in days:
        next_month = (d.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        nominal = [d.replace(day=1), d.replace(day=15), next_month]
        assert any(previous_business(n) == d for n in nominal), d
        assert is_business(d)


def test_each_earner_is_paid_the_same_amount_within_a_year(bank):
    # Raises happen once a year, so within a pay year every payroll credit of a person is equal. A 1 January
    # payday moves back to the last business day of December, so the pay year is the year a few days later.
    # A new employer (a life event) pays its own amount, so each payer's payroll is compared apart.
    varying = bank.one("""
        select count(*) from (
            select account_number, counterparty_name, year(value_date + interval 5 day), count(distinct amount) as amounts
            from core_postings where transaction_code = 'SAL' group by 1, 2, 3) where amounts > 1""")
    assert varying == 0


def test_subscriptions_repeat_merchant_amount_and_day(bank):
    rows = bank.sql("""
        with subs as (
            select r.series_id, t.merchant_id, t.amount, t.authorized_at::date as day
            from truth_recurring_transactions r join cards_card_transactions t on t.card_txn_id = r.transaction_id
            where r.source_table = 'cards.card_transactions' and r.recurring_kind = 'SUBSCRIPTION'
            union all
            select r.series_id, p.merchant_id, p.amount, p.value_date
            from truth_recurring_transactions r join core_postings p on p.posting_id = r.transaction_id
            where r.source_table = 'core.postings' and r.recurring_kind = 'SUBSCRIPTION')
        select series_id, count(distinct merchant_id), count(distinct amount),
               max(gap), min(gap), count(*)
        from (select *, date_diff('day', lag(day) over (partition by series_id order by day), day) as gap from subs)
        group by 1""")
    assert len(rows) > 500
    assert all(r[1] == 1 and r[2] == 1 for r in rows), "one merchant, one amount per subscription"
    gaps = [(r[3], r[4]) for r in rows if r[5] > 1]
    # Same day of month give or take one: consecutive charges are a month apart, plus or minus two days
    # (so 26 days across February at the least, 33 across a 31-day month at the most).
    assert all(lo >= 26 and hi <= 33 for hi, lo in gaps)


def test_discretionary_amounts_are_heavy_tailed_not_uniform(bank):
    rows = bank.sql("""
        select c.category_code, list(t.amount::double)
        from cards_card_transactions t join merchant_of c using (merchant_id)
        where t.txn_type = 'PURCHASE' and t.currency_code = 'USD' and c.is_subscription = 'false'
        group by 1 having count(*) > 2000""")
    assert len(rows) >= 8
    for category, amounts in rows:
        a = np.array(amounts)
        skew = ((a - a.mean()) ** 3).mean() / a.std() ** 3
        log_a = np.log(a)
        log_skew = ((log_a - log_a.mean()) ** 3).mean() / log_a.std() ** 3
        assert a.mean() > 1.05 * np.median(a), category
        assert skew > 1.0, category  # a uniform distribution has skew 0
        assert abs(log_skew) < 0.6, category  # roughly lognormal


def test_monthly_spending_counts_are_over_dispersed(bank):
    ratios = bank.sql("""
        with monthly as (
            select card_account_id, date_trunc('month', authorized_at) as m, count(*) as n
            from cards_card_transactions where txn_type = 'PURCHASE' group by 1, 2),
        per_card as (select card_account_id, avg(n) as mu, var_samp(n) as v from monthly group by 1 having count(*) >= 12)
        select v / mu from per_card where mu > 5""")
    ratios = np.array([r for (r,) in ratios])
    assert np.median(ratios) > 1.5, "Poisson counts would give a variance-to-mean ratio near 1"


def test_weekly_daily_and_seasonal_rhythm(bank):
    dow = dict(
        bank.sql(
            "select dayofweek(authorized_at), count(*) from cards_card_transactions "
            "where txn_type = 'PURCHASE' group by 1"
        )
    )
    assert dow[6] > 1.3 * dow[2], "Saturdays busier than Tuesdays"
    meal = bank.one("""
        select avg(case when hour(authorized_at) between 11 and 13 or hour(authorized_at) between 18 and 21
                   then 1.0 else 0 end)
        from cards_card_transactions t join merchant_of m using (merchant_id) where m.category_code = 'RESTAURANT'""")
    assert meal > 0.6, "restaurant spending clusters at lunch and dinner"
    night = bank.one(
        "select avg(case when hour(authorized_at) between 2 and 4 then 1.0 else 0 end) "
        "from cards_card_transactions t join merchant_of m using (merchant_id) "
        "where m.category_code = 'GROCERY'"
    )
    assert night < 0.02
    month = dict(
        bank.sql(
            "select month(authorized_at), count(*) from cards_card_transactions where txn_type = 'PURCHASE' group by 1"
        )
    )
    assert month[12] > 1.2 * month[2], "December peak"


def test_persona_driven_merchants(bank):
    share = dict(
        bank.sql("""
        with txn as (
            select tp.persona, m.category_code
            from cards_card_transactions t
            join merchant_of m using (merchant_id)
            join person_of s on s.source_record_id = t.card_account_id
            join truth_persons tp using (person_id))
        select persona || ':' || category_code, count(*) * 1.0 / sum(count(*)) over (partition by persona)
        from txn group by persona, category_code""")
    )
    # Signatures are propensities, not exclusive sets (test_spending_mix): everyone buys a little of everything.
    others = {p: [q for q in personas.PERSONAS if q != p] for p in personas.PERSONAS}
    assert share["Frequent Traveler:AIRLINE"] > 1.5 * max(share[f"{q}:AIRLINE"] for q in others["Frequent Traveler"])
    assert share["Young Parent:BABY"] > 5 * max(share[f"{q}:BABY"] for q in others["Young Parent"])
    assert share["College Student:FAST_FOOD"] > 0.25
    assert share["Digital Native:ECOMMERCE"] > 0.2
    assert share["Boomer:PHARMACY"] > 3 * share["Digital Native:PHARMACY"]
    branch_cash = dict(
        bank.sql("""
        select tp.persona, count(*) filter (where p.transaction_code = 'BRW') * 1.0 / count(distinct tp.person_id)
        from core_postings p join core_accounts a using (account_number)
        join person_of s on s.source_record_id = a.customer_id join truth_persons tp using (person_id)
        group by 1""")
    )
    assert branch_cash["Boomer"] > 5 * branch_cash["Digital Native"]


def test_foreign_currency_is_travellers_and_converts_with_the_fx_seed(bank):
    by_persona = dict(
        bank.sql("""
        select tp.persona, count(*) from cards_card_transactions t
        join person_of s on s.source_record_id = t.card_account_id join truth_persons tp using (person_id)
        where t.currency_code <> 'USD' group by 1""")
    )
    assert by_persona["Frequent Traveler"] / sum(by_persona.values()) > 0.7
    assert (
        bank.one("select count(*) from cards_card_transactions where currency_code = 'JPY' and amount <> round(amount)")
        == 0
    ), "yen have no minor unit"
    assert (
        bank.one(
            "select count(*) from cards_card_transactions where currency_code <> 'USD' and merchant_country = 'USA'"
        )
        == 0
    )


def test_every_posting_carries_the_counterparty_type_of_its_code(bank):
    mismatched = bank.one("""select count(*) from core_postings p join seed_transaction_codes c using (transaction_code)
                             where p.counterparty_type <> c.counterparty_type
                                or p.dr_cr <> case c.direction when 'CREDIT' then 'CR' else 'DR' end""")
    assert mismatched == 0
    types = {t for (t,) in bank.sql("select distinct counterparty_type from core_postings")}
    assert set(codes.COUNTERPARTY_TYPES) == types, "every counterparty type occurs, and no other"


def test_card_declines_and_reversals_happen_at_the_configured_rates(bank):
    status = dict(
        bank.sql("select txn_status, count(*) from cards_card_transactions where txn_type = 'PURCHASE' group by 1")
    )
    total = sum(status.values())
    # Random declines at the configured rate, plus purchases that would have taken a card over its limit.
    assert personas.CARD_DECLINE_RATE - 0.004 < status["DECLINED"] / total < personas.CARD_DECLINE_RATE + 0.03
    assert abs(status["REVERSED"] / total - personas.CARD_REVERSAL_RATE) < 0.003
    assert (
        bank.one(
            "select count(*) from cards_card_transactions where txn_status <> 'SETTLED' and settlement_date is not null"
        )
        == 0
    )
