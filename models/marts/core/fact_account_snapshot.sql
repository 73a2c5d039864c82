{#-
    One row per account per month end while it was open: the ledger's balance and the month's money in
    and out for deposit, card, loan and CD accounts, and the market value of the holdings for
    brokerage accounts (which have no cash ledger). Balances are from the customer's side: what the
    customer owes on a card or loan is negative. Insurance policies hold no balance and are not here.
-#}
{{
    config(
        partition_by=month_partition('month_end_date'),
        cluster_by=['customer_key'],
    )
}}

with

balances as (
    select * from {{ ref('stg_core__account_balances_monthly') }}
),

holdings as (
    select * from {{ ref('stg_core__securities_holdings') }}
),

accounts as (
    select * from {{ ref('dim_account') }}
),

products as (
    select * from {{ ref('dim_product') }}
),

ledger_months as (
    select
        account_number,
        balance_date as month_end_date,
        opening_balance_usd,
        closing_balance_usd,
        total_credits_usd as inflow_usd,
        total_debits_usd as outflow_usd,
        cast(null as {{ money_type() }}) as market_value_usd,
        cast(null as {{ money_type() }}) as unrealized_gain_usd,
        cast(null as {{ dbt.type_bigint() }}) as positions_held
    from balances
),

brokerage_months as (
    select
        account_number,
        as_of_date as month_end_date,
        cast(null as {{ money_type() }}) as opening_balance_usd,
        {{ to_money('sum(market_value_usd)') }} as closing_balance_usd,
        cast(null as {{ money_type() }}) as inflow_usd,
        cast(null as {{ money_type() }}) as outflow_usd,
        {{ to_money('sum(market_value_usd)') }} as market_value_usd,
        {{ to_money('sum(unrealized_gain_usd)') }} as unrealized_gain_usd,
        count(*) as positions_held
    from holdings
    group by account_number, as_of_date
),

months as (
    select * from ledger_months
    union all
    select * from brokerage_months
),

final as (
    select
        {{ surrogate_key(['months.account_number', 'months.month_end_date']) }} as account_snapshot_key,
        {{ surrogate_key(['months.account_number']) }} as account_key,
        accounts.customer_key,
        accounts.product_key,
        {{ date_key('months.month_end_date') }} as date_key,
        months.account_number,
        products.product_type,
        months.opening_balance_usd,
        months.closing_balance_usd,
        months.inflow_usd,
        months.outflow_usd,
        {{ to_money('months.inflow_usd - months.outflow_usd') }} as net_flow_usd,
        case when products.product_type = 'CARD' then accounts.credit_limit_usd end as credit_limit_usd,
        case
            when products.product_type = 'CARD' and accounts.credit_limit_usd > 0
                then cast(
                    greatest(-months.closing_balance_usd, 0) / accounts.credit_limit_usd
                    as {{ float64_type() }}
                )
        end as credit_utilization,
        months.market_value_usd,
        months.unrealized_gain_usd,
        cast(months.positions_held as {{ dbt.type_bigint() }}) as positions_held,
        months.month_end_date
    -- Left joins: an account missing from dim_account would surface in the not_null tests, not vanish.
    from months
    left join accounts on months.account_number = accounts.account_number
    left join products on accounts.product_key = products.product_key
)

select * from final
