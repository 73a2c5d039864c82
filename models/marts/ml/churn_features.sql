{#-
    The churn model's features: one row per customer and as-of month end, every feature computed only from rows
    dated on or before it (int_customer360__customer_months is point in time; the windows here look back;
    products opened and closed count dates up to the as-of date). Recency, frequency and monetary figures over
    30, 90 and 180 days, trends against the customer's own baseline, balance change and drawdown, products
    opened and closed in the last 90 days, payroll, the share of money sent to other banks, complaints and
    satisfaction, app use and its trend, negative RM notes, tenure, segment and fixed terms maturing. Nulls
    (nothing to measure yet) become 0 beside a has_<measure> flag, so the model and the warehouse see the same
    numbers. The features and their order are the model's contract: churn_predictions scores these columns.
-#}
{%- set counts = [
    'spend_count_1m', 'spend_count_3m', 'spend_count_6m', 'spend_3m_usd', 'debits_3m_usd', 'app_sessions_1m',
    'app_sessions_3m', 'app_sessions_6m', 'interactions_3m', 'complaints_3m', 'open_complaints', 'negative_notes_6m',
    'products_open', 'payroll_months_12m', 'max_days_overdue', 'relationship_balance_usd', 'liabilities_usd',
    'savings_usd', 'loan_balance_usd', 'external_assets_usd', 'external_liabilities_usd', 'foreign_purchases_to_date',
    'months_of_history',
] %}
{%- set measures = [
    'usage_trend', 'login_trend', 'balance_change_90d', 'balance_drawdown_12m', 'to_other_banks_share_3m',
    'avg_satisfaction_12m', 'days_since_last_app_session', 'days_since_last_payroll', 'share_of_wallet',
] %}
with

customer_months as (
    select * from {{ ref('int_customer360__customer_months') }}
),

accounts as (
    select * from {{ ref('dim_account') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
),

-- Products opened and closed in the 90 days up to each as-of date.
product_changes as (
    select
        customer_months.customer_key,
        customer_months.month_end_date,
        sum(case
            when accounts.open_date > {{ dbt.dateadd('day', -90, 'customer_months.month_end_date') }} then 1 else 0
        end) as products_opened_90d,
        sum(case
            when
                accounts.close_date > {{ dbt.dateadd('day', -90, 'customer_months.month_end_date') }}
                and accounts.close_date <= customer_months.month_end_date
                then 1
            else 0
        end) as products_closed_90d
    from customer_months
    inner join accounts
        on
            customer_months.customer_key = accounts.customer_key
            and customer_months.month_end_date >= accounts.open_date
    group by customer_months.customer_key, customer_months.month_end_date
),

windowed as (
    select
        *,
        {{ over_customer_months('sum(spend_count_1m)', '5 preceding and current row') }} as spend_count_6m,
        {{ over_customer_months('sum(app_sessions_1m)', '5 preceding and current row') }} as app_sessions_6m
    from customer_months
)

select
    windowed.customer_key,
    windowed.month_end_date as as_of_date,
    {%- for column in counts %}
        cast(coalesce(windowed.{{ column }}, 0) as {{ float64_type() }}) as {{ column }},
    {%- endfor %}
    {%- for column in measures %}
        cast(coalesce(windowed.{{ column }}, 0) as {{ float64_type() }}) as {{ column }},
        cast(case when windowed.{{ column }} is null then 0 else 1 end as {{ float64_type() }}) as has_{{ column }},
    {%- endfor %}
    cast(coalesce(product_changes.products_opened_90d, 0) as {{ float64_type() }}) as products_opened_90d,
    cast(coalesce(product_changes.products_closed_90d, 0) as {{ float64_type() }}) as products_closed_90d,
    cast(case when windowed.payroll_status = 'ACTIVE' then 1 else 0 end as {{ float64_type() }}) as payroll_active,
    cast(case when windowed.payroll_status = 'STOPPED' then 1 else 0 end as {{ float64_type() }}) as payroll_stopped,
    cast(
        coalesce(windowed.to_other_banks_share_3m, 0) - coalesce(windowed.to_other_banks_share_baseline, 0)
        as {{ float64_type() }}
    ) as to_other_banks_share_change,
    cast(case
        when windowed.next_cd_maturity_date <= {{ dbt.dateadd('day', 90, 'windowed.month_end_date') }} then 1 else 0
    end as {{ float64_type() }}) as cd_maturing_90d,
    cast(
        {{ dbt.datediff('customers.first_onboarding_date', 'windowed.month_end_date', 'month') }}
        as {{ float64_type() }}
    ) as tenure_months,
    cast(case when windowed.segment = 'Affluent' then 1 else 0 end as {{ float64_type() }}) as segment_affluent,
    cast(case when windowed.segment = 'High Net Worth' then 1 else 0 end as {{ float64_type() }})
        as segment_high_net_worth
from windowed
left join product_changes
    on windowed.customer_key = product_changes.customer_key and windowed.month_end_date = product_changes.month_end_date
left join customers on windowed.customer_key = customers.customer_key
