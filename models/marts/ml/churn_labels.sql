{#-
    The churn label, from the bank's own records (never the answer key): one row per customer and as-of month
    end at which they held an account, whether they churned within the horizon after it (var
    churn_horizon_months month ends, 90 days by default). A customer churns when every account they held is
    closed by the horizon's end, or when they go dormant: no customer-initiated transaction in the months of
    the horizon and a relationship balance at its end of at most the var churn_dormant_balance_usd. Rows
    whose horizon runs past the data's last month end are kept with is_labelled false.
-#}
with

customer_months as (
    select * from {{ ref('int_customer360__customer_months') }}
),

data_end as (
    select max(month_end_date) as last_month_end from customer_months
),

-- The months of the horizon after each as-of month end, as the customer's later rows show them (a customer
-- with no account left has no later rows).
ahead as (
    select
        customer_key,
        month_end_date,
        lead(month_end_date, {{ var('churn_horizon_months') }}) over (
            partition by customer_key order by month_end_date
        ) as horizon_month_end_date,
        lead(relationship_balance_usd, {{ var('churn_horizon_months') }}) over (
            partition by customer_key order by month_end_date
        ) as horizon_balance_usd,
        {{ over_customer_months(
            'sum(spend_count_1m)', '1 following and ' ~ var('churn_horizon_months') ~ ' following'
        ) }} as horizon_spend_count
    from customer_months
)

select
    ahead.customer_key,
    ahead.month_end_date as as_of_date,
    {{ dbt.dateadd('month', var('churn_horizon_months'), 'ahead.month_end_date') }} <= data_end.last_month_end
        as is_labelled,
    -- No row at the horizon's month end: every account was closed before it.
    case
        when ahead.horizon_month_end_date is null then 1
        when
            coalesce(ahead.horizon_spend_count, 0) = 0
            and ahead.horizon_balance_usd <= {{ var('churn_dormant_balance_usd') }}
            then 1
        else 0
    end as churned_within_horizon
from ahead
cross join data_end
