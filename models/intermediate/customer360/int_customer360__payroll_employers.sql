{#-
    One row per customer and employer that paid them payroll here (settled credits with transaction code
    SAL, grouped by the counterparty name the posting carries): the first and the last credit, and whether
    the payroll has stopped - its last credit more than the timeline_payroll_gap_days var before the last
    transaction date in the data. Semi-monthly or monthly pay never leaves such a gap while it is paid,
    so a stopped payroll is a customer who changed jobs, retired or moved their pay to another bank. By
    the same rule a payroll whose first credit is within that gap of the data's first transaction date
    was likely paid before the data starts: its first credit here is not the first ever. The timeline
    shows the first credit and, once stopped, the last.
-#}
with

transactions as (
    select * from {{ ref('fact_transaction') }}
    where transaction_status = 'SETTLED'
),

as_of as (
    select
        min(transaction_date) as first_date,
        max(transaction_date) as last_date
    from transactions
),

-- Each employer's credits numbered from the first and from the last (ties broken by the posting id).
numbered as (
    select
        customer_key,
        counterparty_name as employer_name,
        source_transaction_id,
        amount_usd,
        transaction_date,
        transaction_at,
        row_number() over (
            partition by customer_key, counterparty_name order by transaction_at, source_transaction_id
        ) as from_first,
        row_number() over (
            partition by customer_key, counterparty_name order by transaction_at desc, source_transaction_id desc
        ) as from_last,
        count(*) over (partition by customer_key, counterparty_name) as payroll_credits
    from transactions
    where transaction_code = 'SAL'
),

final as (
    select
        firsts.customer_key,
        firsts.employer_name,
        firsts.source_transaction_id as first_transaction_id,
        lasts.source_transaction_id as last_transaction_id,
        cast(firsts.payroll_credits as {{ dbt.type_bigint() }}) as payroll_credits,
        firsts.amount_usd as first_amount_usd,
        lasts.amount_usd as last_amount_usd,
        {{ dbt.datediff('as_of.first_date', 'firsts.transaction_date', 'day') }}
        <= {{ var('timeline_payroll_gap_days') }} as is_running_at_start,
        {{ dbt.datediff('lasts.transaction_date', 'as_of.last_date', 'day') }}
        > {{ var('timeline_payroll_gap_days') }} as is_stopped,
        firsts.transaction_date as first_payroll_date,
        lasts.transaction_date as last_payroll_date,
        firsts.transaction_at as first_payroll_at,
        lasts.transaction_at as last_payroll_at
    from numbered as firsts
    inner join numbered as lasts
        on
            firsts.customer_key = lasts.customer_key
            and firsts.employer_name = lasts.employer_name
    cross join as_of
    where firsts.from_first = 1 and lasts.from_last = 1
)

select * from final
