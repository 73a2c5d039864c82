{#-
    One row per segment per month end: the customers in the segment that month
    (int_customers__segment_monthly), assets under management (deposits and CDs plus investments at
    market value), liabilities under management (loan and card balances owed), the net position, the
    average number of products per customer, the average share of wallet (wallet_share_monthly), and
    profit (customer_profitability_monthly).
-#}
with

segments as (
    select * from {{ ref('int_customers__segment_monthly') }}
),

profitability as (
    select * from {{ ref('customer_profitability_monthly') }}
),

wallet_share as (
    select * from {{ ref('wallet_share_monthly') }}
),

customer_months as (
    select
        segments.segment,
        segments.month_end_date,
        segments.customer_key,
        segments.assets_usd,
        segments.liabilities_usd,
        segments.products_held,
        profitability.profit_usd,
        wallet_share.share_of_wallet
    from segments
    inner join profitability
        on
            segments.customer_key = profitability.customer_key
            and segments.month_end_date = profitability.month_end_date
    left join wallet_share
        on
            segments.customer_key = wallet_share.customer_key
            and segments.month_end_date = wallet_share.month_end_date
),

totals as (
    select
        segment,
        month_end_date,
        count(*) as customers,
        sum(assets_usd) as aum_usd,
        sum(liabilities_usd) as lum_usd,
        avg(products_held) as average_products_per_customer,
        sum(profit_usd) as profit_usd,
        avg(share_of_wallet) as avg_share_of_wallet
    from customer_months
    group by segment, month_end_date
),

final as (
    select
        {{ date_key('month_end_date') }} as date_key,
        segment,
        cast(customers as {{ dbt.type_bigint() }}) as customers,
        {{ to_money('aum_usd') }} as aum_usd,
        {{ to_money('lum_usd') }} as lum_usd,
        {{ to_money('aum_usd - lum_usd') }} as net_position_usd,
        cast(average_products_per_customer as {{ float64_type() }}) as average_products_per_customer,
        {{ to_money('profit_usd') }} as profit_usd,
        {{ float_to_money('profit_usd / customers') }} as profit_per_customer_usd,
        cast(avg_share_of_wallet as {{ float64_type() }}) as avg_share_of_wallet,
        month_end_date
    from totals
)

select * from final
