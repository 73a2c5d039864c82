"""The wallet at other institutions (truth/external_holdings, truth/wallet_monthly) against what the bank saw.

Every check recomputes from the landing tables and the answer key's balances, never by re-running the
generator: payments to other lenders and card issuers equal what the external balances imply, transfers to
the customer's own bank elsewhere are exactly what moves that deposit, and the wallet sums add up.
"""

from __future__ import annotations

from generator.bank import personas

# Each posting with the real person behind its account, and its month end.
POSTINGS = """
    select s.person_id, p.counterparty_name as institution, last_day(p.value_date) as month_end,
           p.transaction_code, p.amount
    from core_postings p
    join core_accounts a using (account_number)
    join person_of s on s.source_system = 'core' and s.source_record_id = a.customer_id
"""
# Holdings with the previous month's balance, from which each month's flows are implied.
HOLDINGS = """
    select *, lag(balance_usd) over (partition by holding_id order by month_end) as previous_usd
    from truth_external_holdings
"""
LIABILITIES = "('mortgage', 'auto_loan', 'student_loan', 'personal_loan', 'credit_card')"


def test_every_product_family_occurs_and_some_never_touch_the_bank(bank):
    families = dict(
        bank.sql("""select product_family, count(distinct holding_id) filter (where not is_paid_through_bank)
                    from truth_external_holdings group by 1""")
    )
    assert set(families) == set(personas.EXTERNAL_OWNERSHIP)
    assert all(n > 0 for n in families.values()), families  # every family has holdings with no flow
    # A loan or card not paid through the bank never shows up in its postings.
    leaks = bank.one(f"""
        with quiet as (select distinct person_id, institution from truth_external_holdings
                       where not is_paid_through_bank and product_family in {LIABILITIES})
        select count(*) from ({POSTINGS}) p join quiet using (person_id, institution)
        where p.transaction_code in ('ELP', 'ECP')""")
    assert leaks == 0
    # Holdings open before the window and inside it, and balances are never negative.
    assert bank.one("select count(*) from truth_external_holdings where balance_usd < 0") == 0
    opened_inside = bank.one("""select count(*) from (select holding_id, min(month_end) first_month
                                from truth_external_holdings group by 1) where first_month > date '2023-01-31'""")
    assert opened_inside > 0


def test_payments_to_other_lenders_and_issuers_equal_the_instalments_the_balances_imply(bank):
    rows = bank.sql(f"""
        with paid as (
            select person_id, institution, month_end, transaction_code, sum(amount) as amount, count(*) as n
            from ({POSTINGS}) where transaction_code in ('ELP', 'ECP') group by all),
        h as ({HOLDINGS})
        select p.transaction_code, p.amount, p.n, h.product_family, h.is_paid_through_bank, h.payment_usd,
               h.previous_usd + h.interest_usd + h.purchases_usd - h.balance_usd as implied
        from paid p left join h using (person_id, institution, month_end)""")
    assert len(rows) > 1_000
    unmatched = [r for r in rows if r[3] is None]
    assert not unmatched, unmatched[:5]
    for code, amount, n, family, via_bank, payment, implied in rows:
        assert n == 1 and via_bank
        assert (code == "ECP") == (family == "credit_card")
        assert amount == payment
        assert implied is None or amount == implied  # the first row of a holding has no previous balance
    assert sum(r[-1] is not None for r in rows) > 0.9 * len(rows)


def test_external_loans_amortise_at_their_rate_with_a_fixed_instalment(bank):
    off_rate, instalments, identity = bank.row(f"""
        with h as ({HOLDINGS}), implied as (
            select holding_id, product_family, balance_usd, payment_usd,
                   abs(interest_usd - round(previous_usd * annual_rate / 12, 2)) > 0.011 as off_rate,
                   previous_usd + interest_usd + purchases_usd - payment_usd <> balance_usd as broken
            from h where previous_usd is not null and product_family in {LIABILITIES}),
        per_loan as (
            select holding_id, count(distinct payment_usd) filter (where balance_usd > 0) as n
            from implied where product_family <> 'credit_card' group by 1)
        select (select count(*) from implied where off_rate and product_family <> 'credit_card'),
               (select max(n) from per_loan),
               (select count(*) from implied where broken)""")
    assert off_rate == 0
    assert instalments == 1  # every payment before the last is the same annuity instalment
    assert identity == 0
    # Card interest is charged on the part of the statement left unpaid, at the card's APR.
    card_off = bank.one(f"""
        with h as ({HOLDINGS}) select count(*) from h where product_family = 'credit_card' and previous_usd is not null
        and abs(interest_usd - round((previous_usd - payment_usd) * annual_rate / 12, 2)) > 0.011""")
    assert card_off == 0


def test_flowing_loans_and_cards_are_paid_from_checking_every_month_the_account_is_open(bank):
    due, missing = bank.row(f"""
        with chk as (
            select s.person_id, a.open_date, a.close_date from core_accounts a
            join person_of s on s.source_system = 'core' and s.source_record_id = a.customer_id
            where a.product_code = 'CHK_STD'),
        due as (
            select h.person_id, h.institution, h.month_end from truth_external_holdings h join chk using (person_id)
            where h.is_paid_through_bank and h.product_family in {LIABILITIES} and h.payment_usd > 0
              and chk.open_date < date_trunc('month', h.month_end)
              and (chk.close_date is null or chk.close_date > h.month_end)),
        paid as (select distinct person_id, institution, month_end from ({POSTINGS})
                 where transaction_code in ('ELP', 'ECP'))
        select count(*), count(*) filter (where paid.person_id is null)
        from due left join paid using (person_id, institution, month_end)""")
    assert due > 1_000 and missing == 0


def test_own_deposit_elsewhere_moves_by_exactly_the_transfers_the_bank_saw(bank):
    moves = f"""
        select person_id, institution, month_end,
               sum(case when transaction_code = 'EXO' then amount else -amount end) as net
        from ({POSTINGS}) where transaction_code in ('EXO', 'EXI', 'DEP') group by all"""
    unmatched, wrong, quiet_moved = bank.row(f"""
        with m as ({moves}), d as (select * from truth_external_holdings where product_family = 'deposit')
        select count(*) filter (where d.holding_id is null),
               count(*) filter (where d.transfers_usd <> coalesce(m.net, 0)),
               count(*) filter (where m.net is not null and not d.is_paid_through_bank)
        from m full join d using (person_id, institution, month_end)""")
    assert bank.one(f"select count(*) from ({moves})") > 500
    assert (unmatched, wrong, quiet_moved) == (0, 0, 0)
    broken, off_rate = bank.row(f"""
        with h as ({HOLDINGS}) select
            count(*) filter (where previous_usd + interest_usd + transfers_usd <> balance_usd),
            count(*) filter (where abs(interest_usd - round(previous_usd * annual_rate / 12, 2)) > 0.011)
        from h where product_family = 'deposit' and previous_usd is not null""")
    assert (broken, off_rate) == (0, 0)


def test_wallet_monthly_adds_up(bank):
    external, share = bank.row("""
        with e as (
            select person_id, month_end,
                   sum(balance_usd) filter (where product_family in ('deposit', 'investment')) as assets,
                   sum(balance_usd) filter (where product_family not in ('deposit', 'investment')) as liabilities
            from truth_external_holdings group by all)
        select count(*) filter (where w.external_assets_usd <> coalesce(e.assets, 0)
                                   or w.external_liabilities_usd <> coalesce(e.liabilities, 0)),
               count(*) filter (where abs(w.share_of_wallet - (w.internal_assets_usd + w.internal_liabilities_usd)
                   / (w.internal_assets_usd + w.internal_liabilities_usd + w.external_assets_usd
                      + w.external_liabilities_usd)) > 1e-9)
        from truth_wallet_monthly w left join e using (person_id, month_end)""")
    assert (external, share) == (0, 0)
    # Internal figures are the core system's own month-end balances and brokerage market values.
    internal = bank.one("""
        with owner as (
            select a.account_number, s.person_id from core_accounts a
            join person_of s on s.source_system = 'core' and s.source_record_id = a.customer_id),
        ledger as (
            select o.person_id, b.balance_date as month_end,
                   sum(greatest(b.closing_balance, 0)) as assets, sum(greatest(-b.closing_balance, 0)) as owed
            from core_account_balances_monthly b join owner o using (account_number) group by all),
        brokerage as (
            select o.person_id, h.as_of_date as month_end, sum(h.market_value) as value
            from core_securities_holdings h join owner o using (account_number) group by all)
        select count(*) from truth_wallet_monthly w
        left join ledger l using (person_id, month_end) left join brokerage b using (person_id, month_end)
        where w.internal_assets_usd <> coalesce(l.assets, 0) + coalesce(b.value, 0)
           or w.internal_liabilities_usd <> coalesce(l.owed, 0)""")
    assert internal == 0
    low, high = bank.row("select min(share_of_wallet), max(share_of_wallet) from truth_wallet_monthly")
    assert 0 <= low < 0.2 and 0.8 < high <= 1


def test_external_payment_signals_follow_the_holdings(bank):
    for signal, code in (("PAYS_EXTERNAL_LENDER", "ELP"), ("PAYS_EXTERNAL_CARD_ISSUER", "ECP")):
        flagged = {r[0] for r in bank.sql(f"select person_id from truth_cross_sell_signals where signal = '{signal}'")}
        payers = {
            r[0] for r in bank.sql(f"select distinct person_id from ({POSTINGS}) where transaction_code = '{code}'")
        }
        family = "= 'credit_card'" if code == "ECP" else "<> 'credit_card'"
        holders = {
            r[0]
            for r in bank.sql(f"""select distinct person_id from truth_external_holdings
                                  where is_paid_through_bank and product_family {family}
                                    and product_family not in ('deposit', 'investment')""")
        }
        assert flagged == payers
        assert payers <= holders and len(payers) > 0.8 * len(holders)
