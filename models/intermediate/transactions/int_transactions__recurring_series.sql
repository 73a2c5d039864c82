{#-
    Recurring payments found from cadence and amount alone (the answer key is never read).

    Candidates are an account's payments to or from one counterparty in one direction and of one
    kind. Left out by rule: the bank's own accruals (interest), which recur by construction, and
    transfers between the customer's own accounts (card statement payments, sweeps, CD payouts),
    whose amounts follow balances rather than a commitment.

    A series is recurring when it has enough settled transactions, nearly all gaps between them are
    monthly or semi-monthly (payroll on the 1st and 15th), and the amount is stable (a low coefficient
    of variation): the thresholds are the recurring_* vars in dbt_project.yml, applied by
    recurring_series_keys (macros/recurring.sql). Series are tried as a whole and, for fixed-amount
    commitments hidden in a mixed series (two loans paid to the same bank), split by exact amount.
    Declined or reversed attempts belonging to a recurring series are flagged too: they are instances
    of the same commitment.
-#}
with

transactions as (
    select * from {{ ref('int_transactions__unified') }}
    where transaction_code not in ('INT', 'LNI', 'CARD_INTEREST', 'CPY', 'CARD_PAYMENT', 'XFO', 'XFI', 'CDM')
),

keyed as (
    select
        transaction_key,
        transaction_date,
        amount_usd,
        transaction_status = 'SETTLED' as is_settled,
        account_number,
        is_credit,
        transaction_code,
        -- '_null_' is surrogate_key's own stand-in for a missing value: series keys are unchanged, and the
        -- column joins on equality.
        coalesce(merchant_id, counterparty_name, '_null_') as counterparty
    from transactions
),

-- Only series with enough settled transactions can recur, and a fixed-amount series is part of one with
-- as many at one amount: the cadence (a sort of every row) is checked on their rows alone. Series are
-- grouped by their columns and hashed only once found.
frequent_series as (
    select
        account_number,
        is_credit,
        transaction_code,
        counterparty
    from keyed
    where is_settled
    group by 1, 2, 3, 4
    having count(*) >= {{ var('recurring_min_occurrences') }}
),

candidates as (
    select keyed.*
    from keyed
    inner join frequent_series
        on
            keyed.account_number = frequent_series.account_number
            and keyed.is_credit = frequent_series.is_credit
            and keyed.transaction_code = frequent_series.transaction_code
            and keyed.counterparty = frequent_series.counterparty
),

frequent_amounts as (
    select
        account_number,
        is_credit,
        transaction_code,
        counterparty,
        amount_usd
    from candidates
    where is_settled
    group by 1, 2, 3, 4, 5
    having count(*) >= {{ var('recurring_min_occurrences') }}
),

amount_candidates as (
    select candidates.*
    from candidates
    inner join frequent_amounts
        on
            candidates.account_number = frequent_amounts.account_number
            and candidates.is_credit = frequent_amounts.is_credit
            and candidates.transaction_code = frequent_amounts.transaction_code
            and candidates.counterparty = frequent_amounts.counterparty
            and candidates.amount_usd = frequent_amounts.amount_usd
),

whole_series as (
    {{ recurring_series_keys('candidates', ['account_number', 'is_credit', 'transaction_code', 'counterparty']) }}
),

fixed_amount_series as (
    {{ recurring_series_keys('amount_candidates', ['account_number', 'is_credit', 'transaction_code',
                                                   'counterparty', 'amount_usd']) }}
),

matched as (
    select
        candidates.*,
        whole.account_number is not null as is_whole_series
    from candidates
    left join whole_series as whole
        on
            candidates.account_number = whole.account_number
            and candidates.is_credit = whole.is_credit
            and candidates.transaction_code = whole.transaction_code
            and candidates.counterparty = whole.counterparty
    left join fixed_amount_series as by_amount
        on
            candidates.account_number = by_amount.account_number
            and candidates.is_credit = by_amount.is_credit
            and candidates.transaction_code = by_amount.transaction_code
            and candidates.counterparty = by_amount.counterparty
            and candidates.amount_usd = by_amount.amount_usd
    where whole.account_number is not null or by_amount.account_number is not null
),

final as (
    select
        transaction_key,
        case
            when is_whole_series
                then {{ surrogate_key(['account_number', 'is_credit', 'transaction_code', 'counterparty']) }}
            else {{ surrogate_key(['account_number', 'is_credit', 'transaction_code', 'counterparty', 'amount_usd']) }}
        end as series_key,
        case when is_whole_series then 'cadence_and_amount' else 'cadence_and_fixed_amount' end as detection_rule
    from matched
)

select * from final
