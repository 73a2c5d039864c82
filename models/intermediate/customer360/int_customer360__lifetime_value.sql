{#-
    Each customer's expected lifetime value at the latest month end, the bank's way: the expected monthly
    profit (the average of their latest months in customer_profitability_monthly) over a horizon, each month
    weighted by the survival the churn model implies and discounted. From churn_predictions' probability p of
    churning within 90 days at the customer's latest as-of date, the monthly survival is s = (1 - p)^(1/3);
    with the monthly discount factor d = (1 + annual rate)^(1/12) and q = s / d, the value is
        profit * (q + q^2 + ... + q^H) = profit * q * (1 - q^H) / (1 - q).
    The rate, the horizon H and the months of profit averaged are the clv_assumptions seed. The customer's
    latest churn prediction and risk tier ride along for customer_360.
-#}
with

predictions as (
    select * from {{ ref('churn_predictions') }}
),

profits as (
    select * from {{ ref('customer_profitability_monthly') }}
),

assumptions as (
    select
        max(case when assumption = 'annual_discount_rate' then value end) as annual_discount_rate,
        max(case when assumption = 'horizon_months' then value end) as horizon_months,
        max(case when assumption = 'profit_history_months' then value end) as profit_history_months
    from {{ ref('clv_assumptions') }}
),

latest_predictions as (
    select
        customer_key,
        as_of_date,
        churn_probability,
        predicted_risk_tier,
        row_number() over (partition by customer_key order by as_of_date desc) as recency
    from predictions
),

recent_profits as (
    select
        profits.customer_key,
        profits.profit_usd,
        row_number() over (partition by profits.customer_key order by profits.month_end_date desc) as recency
    from profits
),

expected_profits as (
    select
        recent_profits.customer_key,
        avg(cast(recent_profits.profit_usd as {{ float64_type() }})) as monthly_profit_usd
    from recent_profits
    cross join assumptions
    where recent_profits.recency <= assumptions.profit_history_months
    group by recent_profits.customer_key
),

rates as (
    select
        latest_predictions.customer_key,
        latest_predictions.as_of_date,
        latest_predictions.churn_probability,
        latest_predictions.predicted_risk_tier,
        coalesce(expected_profits.monthly_profit_usd, 0) as monthly_profit_usd,
        assumptions.horizon_months,
        power(1 - latest_predictions.churn_probability, 1.0 / 3)
        / power(1 + assumptions.annual_discount_rate, 1.0 / 12) as monthly_factor
    from latest_predictions
    cross join assumptions
    left join expected_profits on latest_predictions.customer_key = expected_profits.customer_key
    where latest_predictions.recency = 1
)

select
    customer_key,
    as_of_date,
    churn_probability,
    predicted_risk_tier,
    {{ float_to_money('monthly_profit_usd') }} as expected_monthly_profit_usd,
    cast(monthly_factor as {{ float64_type() }}) as monthly_survival_discount_factor,
    -- A factor of exactly 1 (no churn risk and no discounting) sums to the horizon's months.
    case
        when monthly_factor = 1 then {{ float_to_money('monthly_profit_usd * horizon_months') }}
        else {{ float_to_money(
            'monthly_profit_usd * monthly_factor * (1 - power(monthly_factor, horizon_months)) / (1 - monthly_factor)'
        ) }}
    end as expected_lifetime_value_usd
from rates
