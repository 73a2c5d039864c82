{#-
    One row per customer per month end in which they held an account (int_customers__segment_monthly):
    what the bank earned and spent on them. Net interest income by funds-transfer pricing on deposits,
    CDs and loans (int_profitability__account_months, whose sum this is), the interest and fees the card
    processor charged, interchange on settled card purchases (rates by merchant category from the
    interchange_rates seed) and the cost to serve their interactions (cost per interaction by channel
    from the cost_to_serve seed). Every rate and cost is a seed: the seeds are illustrative, not the
    bank's ledger. Activity in a month the customer held no account is not here.
-#}
with

segments as (
    select * from {{ ref('int_customers__segment_monthly') }}
),

account_months as (
    select * from {{ ref('int_profitability__account_months') }}
),

transactions as (
    select * from {{ ref('fact_transaction') }}
),

merchants as (
    select * from {{ ref('dim_merchant') }}
),

interactions as (
    select * from {{ ref('fact_interaction') }}
),

interchange_rates as (
    select * from {{ ref('interchange_rates') }}
),

cost_to_serve as (
    select * from {{ ref('cost_to_serve') }}
),

interest as (
    select
        customer_key,
        month_end_date,
        sum(net_interest_income_usd) as net_interest_income_usd
    from account_months
    group by 1, 2
),

card_income as (
    -- What the card processor charged (interest on carried balances, fees) and interchange earned.
    select
        transactions.customer_key,
        {{ dbt.last_day('transactions.transaction_date', 'month') }} as month_end_date,
        sum(
            case when transactions.transaction_code = 'CARD_INTEREST' then transactions.amount_usd else 0 end
        ) as card_interest_usd,
        sum(case when transactions.transaction_code = 'CARD_FEE' then transactions.amount_usd else 0 end) as fees_usd,
        sum(
            case
                when transactions.transaction_code = 'CARD_PURCHASE'
                    then transactions.amount_usd * coalesce(interchange_rates.interchange_rate, 0)
                else 0
            end
        ) as interchange_usd
    from transactions
    left join merchants on transactions.merchant_key = merchants.merchant_key
    left join interchange_rates on merchants.category_code = interchange_rates.category_code
    where
        transactions.source_system = 'cards'
        and transactions.transaction_status = 'SETTLED'
    group by 1, 2
),

servicing as (
    select
        interactions.customer_key,
        {{ dbt.last_day('interactions.interaction_date', 'month') }} as month_end_date,
        count(*) as interactions,
        sum(cost_to_serve.cost_per_interaction_usd) as cost_to_serve_usd
    from interactions
    inner join cost_to_serve on interactions.channel = cost_to_serve.channel
    group by 1, 2
),

measures as (
    select
        segments.customer_key,
        segments.segment,
        {{ to_money('coalesce(interest.net_interest_income_usd, 0)') }} as net_interest_income_usd,
        {{ to_money('coalesce(card_income.card_interest_usd, 0)') }} as card_interest_usd,
        {{ to_money('coalesce(card_income.fees_usd, 0)') }} as fees_usd,
        {{ float_to_money('coalesce(card_income.interchange_usd, 0)') }} as interchange_usd,
        {{ float_to_money('coalesce(servicing.cost_to_serve_usd, 0)') }} as cost_to_serve_usd,
        coalesce(servicing.interactions, 0) as interactions,
        segments.month_end_date
    from segments
    left join interest
        on segments.customer_key = interest.customer_key and segments.month_end_date = interest.month_end_date
    left join card_income
        on segments.customer_key = card_income.customer_key and segments.month_end_date = card_income.month_end_date
    left join servicing
        on segments.customer_key = servicing.customer_key and segments.month_end_date = servicing.month_end_date
),

final as (
    select
        customer_key,
        {{ date_key('month_end_date') }} as date_key,
        segment,
        net_interest_income_usd,
        card_interest_usd,
        fees_usd,
        interchange_usd,
        cost_to_serve_usd,
        {{ to_money(
            'net_interest_income_usd + card_interest_usd + fees_usd + interchange_usd - cost_to_serve_usd'
        ) }} as profit_usd,
        cast(interactions as {{ dbt.type_bigint() }}) as interactions,
        month_end_date
    from measures
)

select * from final
