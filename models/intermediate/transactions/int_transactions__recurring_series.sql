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
        {{ surrogate_key(['account_number', 'is_credit', 'transaction_code',
                          'coalesce(merchant_id, counterparty_name)']) }} as series_key,
        {{ surrogate_key(['account_number', 'is_credit', 'transaction_code',
                          'coalesce(merchant_id, counterparty_name)', 'amount_usd']) }} as fixed_amount_series_key
    from transactions
),

whole_series as (
    {{ recurring_series_keys('keyed', 'series_key') }}
),

fixed_amount_series as (
    {{ recurring_series_keys('keyed', 'fixed_amount_series_key') }}
),

final as (
    select
        keyed.transaction_key,
        coalesce(whole.candidate_key, by_amount.candidate_key) as series_key,
        case when whole.candidate_key is not null then 'cadence_and_amount' else 'cadence_and_fixed_amount' end
            as detection_rule
    from keyed
    left join whole_series as whole on keyed.series_key = whole.candidate_key
    left join fixed_amount_series as by_amount on keyed.fixed_amount_series_key = by_amount.candidate_key
    where whole.candidate_key is not null or by_amount.candidate_key is not null
)

select * from final
