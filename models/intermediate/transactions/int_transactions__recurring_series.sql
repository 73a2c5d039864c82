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
{#- A series: one account's transactions of one kind, in one direction, with one counterparty. -#}
{%- set series = ['account_number', 'is_credit', 'transaction_code', 'counterparty'] %}
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

-- Only series with enough settled transactions can recur (a fixed-amount series needs as many at one
-- amount), and a whole series only when its amount is stable: the cadence (a sort of every row) is checked
-- on those rows alone. Series are grouped by their columns and hashed only once found.
candidates as (
    {{ rows_of_frequent_series('keyed', series) }}
),

stable_amount_candidates as (
    select * from candidates
    where has_stable_amount
),

amount_candidates as (
    {{ rows_of_frequent_series('keyed', series + ['amount_usd']) }}
),

whole_series as (
    {{ recurring_series_keys('stable_amount_candidates', series) }}
),

fixed_amount_series as (
    {{ recurring_series_keys('amount_candidates', series + ['amount_usd']) }}
),

matched as (
    select
        candidates.*,
        whole.account_number is not null as is_whole_series
    from candidates
    left join whole_series as whole
        on {{ columns_equal('candidates', 'whole', series) }}
    left join fixed_amount_series as by_amount
        on {{ columns_equal('candidates', 'by_amount', series + ['amount_usd']) }}
    where whole.account_number is not null or by_amount.account_number is not null
),

final as (
    select
        transaction_key,
        case
            when is_whole_series then {{ surrogate_key(series) }}
            else {{ surrogate_key(series + ['amount_usd']) }}
        end as series_key,
        case when is_whole_series then 'cadence_and_amount' else 'cadence_and_fixed_amount' end as detection_rule
    from matched
)

select * from final
