{#-
    What the customer holds and owes at each month end, as the bank knew it then: balances and their
    90-day change, the products open (insurance and cards from dim_account's open and close dates),
    fixed terms maturing soon, loan instalments overdue and card utilisation. Every figure is as of the
    month end: instalments paid after it still count as overdue that month.
-#}
with

segments as (
    select * from {{ ref('int_customers__segment_monthly') }}
),

snapshots as (
    select * from {{ ref('fact_account_snapshot') }}
),

accounts as (
    select * from {{ ref('dim_account') }}
),

instalments as (
    select * from {{ ref('fact_loan_schedule') }}
    where instalment_status != 'PREPAID'
),

-- Every account open at each month end the customer is in, with its month-end balance when it has one.
open_accounts as (
    select
        segments.customer_key,
        segments.month_end_date,
        accounts.account_number,
        accounts.account_type,
        accounts.account_subtype,
        accounts.maturity_date,
        snapshots.closing_balance_usd,
        snapshots.credit_utilization
    from segments
    inner join accounts
        on
            segments.customer_key = accounts.customer_key
            and segments.month_end_date >= accounts.open_date
            and (accounts.close_date is null or segments.month_end_date < accounts.close_date)
    left join snapshots
        on
            accounts.account_number = snapshots.account_number
            and segments.month_end_date = snapshots.month_end_date
),

held as (
    select
        customer_key,
        month_end_date,
        count(*) as products_open,
        max(case when account_subtype = 'MORTGAGE' then 1 else 0 end) as has_mortgage,
        max(case when account_type = 'LOAN' then 1 else 0 end) as has_loan,
        max(case when account_type = 'INSURANCE' and account_subtype = 'LIFE' then 1 else 0 end) as has_life_insurance,
        max(case when account_type = 'INSURANCE' and account_subtype = 'HOME' then 1 else 0 end) as has_home_insurance,
        max(case when account_subtype = 'TRAVEL_CARD' then 1 else 0 end) as has_travel_card,
        sum(case when account_subtype in ('SAVINGS', 'CD') then greatest(closing_balance_usd, 0) else 0 end)
            as savings_usd,
        sum(case when account_subtype = 'MORTGAGE' then -closing_balance_usd else 0 end) as mortgage_balance_usd,
        sum(case when account_type = 'LOAN' then -closing_balance_usd else 0 end) as loan_balance_usd,
        max(case when account_type = 'CARD' then credit_utilization end) as max_card_utilisation,
        -- Fixed terms (CDs, loans) maturing within 90 days, and the money they hold or owe.
        min(case when account_type in ('CD', 'LOAN') and maturity_date > month_end_date then maturity_date end)
            as next_maturity_date,
        min(case when account_type = 'CD' and maturity_date > month_end_date then maturity_date end)
            as next_cd_maturity_date,
        sum(case
            when
                account_type in ('CD', 'LOAN')
                and maturity_date > month_end_date
                and maturity_date <= {{ dbt.dateadd('day', 90, 'month_end_date') }}
                then abs(closing_balance_usd)
            else 0
        end) as maturing_balance_usd
    from open_accounts
    group by customer_key, month_end_date
),

overdue as (
    select
        segments.customer_key,
        segments.month_end_date,
        max({{ dbt.datediff('instalments.due_date', 'segments.month_end_date', 'day') }}) as max_days_overdue,
        sum(instalments.amount_due_usd) as overdue_amount_usd
    from segments
    inner join instalments
        on
            segments.customer_key = instalments.customer_key
            and segments.month_end_date > instalments.due_date
            and (instalments.paid_date is null or segments.month_end_date < instalments.paid_date)
    group by segments.customer_key, segments.month_end_date
)

select
    segments.customer_key,
    segments.month_end_date,
    segments.segment,
    segments.assets_usd as relationship_balance_usd,
    -- Three rows back is 90 days back: a customer's months with accounts are consecutive.
    {{ to_money(
        'lag(segments.assets_usd, 3) over (partition by segments.customer_key order by segments.month_end_date)'
    ) }} as relationship_balance_90d_ago_usd,
    -- The highest month-end balance of the 12 months before: how far the balance has fallen from it.
    {{ to_money(
        'max(segments.assets_usd) over (partition by segments.customer_key order by segments.month_end_date'
        ~ ' rows between 12 preceding and 1 preceding)'
    ) }} as relationship_balance_peak_12m_usd,
    segments.liabilities_usd,
    cast(coalesce(held.products_open, 0) as {{ dbt.type_bigint() }}) as products_open,
    coalesce(held.has_mortgage, 0) = 1 as has_mortgage,
    coalesce(held.has_loan, 0) = 1 as has_loan,
    coalesce(held.has_life_insurance, 0) = 1 as has_life_insurance,
    coalesce(held.has_home_insurance, 0) = 1 as has_home_insurance,
    coalesce(held.has_travel_card, 0) = 1 as has_travel_card,
    {{ to_money('coalesce(held.savings_usd, 0)') }} as savings_usd,
    {{ to_money('coalesce(held.mortgage_balance_usd, 0)') }} as mortgage_balance_usd,
    {{ to_money('coalesce(held.loan_balance_usd, 0)') }} as loan_balance_usd,
    cast(held.max_card_utilisation as {{ float64_type() }}) as max_card_utilisation,
    held.next_maturity_date,
    held.next_cd_maturity_date,
    {{ to_money('coalesce(held.maturing_balance_usd, 0)') }} as maturing_balance_usd,
    cast(coalesce(overdue.max_days_overdue, 0) as {{ dbt.type_bigint() }}) as max_days_overdue,
    {{ to_money('coalesce(overdue.overdue_amount_usd, 0)') }} as overdue_amount_usd
from segments
left join held on segments.customer_key = held.customer_key and segments.month_end_date = held.month_end_date
left join overdue on segments.customer_key = overdue.customer_key and segments.month_end_date = overdue.month_end_date
