{#-
    One row per customer per month end in which they held an account with a balance
    (fact_account_snapshot): their balances that month and their segment in that month, by the rule of
    dim_customer.segment (relationship balance = deposits and CDs plus investments at market value;
    bands from the segment_*_usd vars). A customer who grows from Mass Market to Affluent is Affluent
    only from the month their balances crossed the band. Loans and cards are what the customer owes
    (liabilities under management), positive.
-#}
with

snapshots as (
    select * from {{ ref('fact_account_snapshot') }}
),

balances as (
    select
        customer_key,
        month_end_date,
        sum(case when product_type in ('CASA', 'CD') then closing_balance_usd else 0 end) as deposits_usd,
        sum(case when product_type = 'SECURITIES' then closing_balance_usd else 0 end) as investments_usd,
        -sum(case when product_type in ('LOAN', 'CARD') then closing_balance_usd else 0 end) as liabilities_usd,
        count(distinct product_key) as products_held
    from snapshots
    group by customer_key, month_end_date
),

final as (
    select
        customer_key,
        case
            when deposits_usd + investments_usd >= {{ var('segment_high_net_worth_usd') }} then 'High Net Worth'
            when deposits_usd + investments_usd >= {{ var('segment_affluent_usd') }} then 'Affluent'
            else 'Mass Market'
        end as segment,
        {{ to_money('deposits_usd') }} as deposits_usd,
        {{ to_money('investments_usd') }} as investments_usd,
        {{ to_money('deposits_usd + investments_usd') }} as assets_usd,
        {{ to_money('liabilities_usd') }} as liabilities_usd,
        cast(products_held as {{ dbt.type_bigint() }}) as products_held,
        month_end_date
    from balances
)

select * from final
