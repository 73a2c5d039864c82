{#-
    One row per customer: who they are (dim_customer) and their customer 360 at the latest month end they
    held an account (customer_360_monthly), with their open alerts and next best actions counted and the
    top action named, the churn model's latest probability and tier, and the expected lifetime value
    (int_customer360__lifetime_value). Customers who have left keep their last month's row, with is_current false.
-#}
with

customers as (
    select * from {{ ref('dim_customer') }}
),

customer_months as (
    select * from {{ ref('customer_360_monthly') }}
),

alerts as (
    select
        customer_key,
        count(*) as open_alerts,
        sum(case when severity = 'HIGH' then 1 else 0 end) as open_high_alerts
    from {{ ref('customer_alerts') }}
    where is_open
    group by customer_key
),

actions as (
    select
        customer_key,
        count(*) as open_actions,
        max(case when action_rank = 1 then action end) as top_action,
        max(case when action_rank = 1 then rule_id end) as top_action_rule_id
    from {{ ref('next_best_actions') }}
    where is_open
    group by customer_key
),

-- The relationship manager who wrote the customer's latest note (the branch sheets keep no book of record).
relationship_managers as (
    select
        customer_key,
        relationship_manager,
        row_number() over (
            partition by customer_key order by note_date desc, note_id desc
        ) as recency
    from {{ ref('int_customer360__rm_notes') }}
    where customer_key is not null
),

lifetime_values as (
    select * from {{ ref('int_customer360__lifetime_value') }}
),

last_months as (
    select
        *,
        row_number() over (partition by customer_key order by month_end_date desc) as recency,
        max(month_end_date) over () as data_month_end_date
    from customer_months
)

select
    customers.customer_key,
    customers.first_name,
    customers.last_name,
    customers.email,
    customers.phone_e164,
    customers.city,
    customers.state_code,
    customers.home_branch_code,
    customers.customer_type,
    customers.annual_income_usd,
    customers.tenure_years,
    customers.first_onboarding_date,
    customers.source_system_count,
    last_months.month_end_date as as_of_date,
    last_months.month_end_date = last_months.data_month_end_date as is_current,
    last_months.segment,
    last_months.relationship_balance_usd,
    last_months.liabilities_usd,
    last_months.external_assets_usd,
    last_months.external_liabilities_usd,
    last_months.share_of_wallet,
    last_months.external_product_families,
    last_months.products_open,
    last_months.spend_count_1m,
    last_months.spend_count_3m,
    last_months.usage_trend,
    last_months.payroll_status,
    last_months.last_payroll_date,
    last_months.complaints_3m,
    last_months.open_complaints,
    last_months.avg_satisfaction_12m,
    last_months.app_sessions_1m,
    last_months.last_app_session_date,
    last_months.days_since_last_app_session,
    last_months.last_rm_contact_date,
    relationship_managers.relationship_manager,
    last_months.health_score,
    last_months.health_category,
    last_months.churn_risk_score,
    last_months.churn_risk_tier,
    lifetime_values.churn_probability,
    lifetime_values.predicted_risk_tier,
    lifetime_values.expected_monthly_profit_usd,
    lifetime_values.expected_lifetime_value_usd,
    cast(coalesce(alerts.open_alerts, 0) as {{ dbt.type_bigint() }}) as open_alerts,
    cast(coalesce(alerts.open_high_alerts, 0) as {{ dbt.type_bigint() }}) as open_high_alerts,
    cast(coalesce(actions.open_actions, 0) as {{ dbt.type_bigint() }}) as open_actions,
    actions.top_action,
    actions.top_action_rule_id
from customers
inner join last_months on customers.customer_key = last_months.customer_key and last_months.recency = 1
left join alerts on customers.customer_key = alerts.customer_key
left join actions on customers.customer_key = actions.customer_key
left join relationship_managers
    on customers.customer_key = relationship_managers.customer_key and relationship_managers.recency = 1
left join lifetime_values on customers.customer_key = lifetime_values.customer_key
