{#-
    One row per customer and month end: the customer 360 as it stood then (int_customer360__customer_months,
    computed only from data dated on or before the month end), with its health and churn-risk scores, for
    trends and for measuring the scores against what happened next. Each score is a weighted sum of
    documented components; the weights and the scale of each component are seeds (health_score_weights,
    churn_risk_weights), so an analyst re-weights without touching SQL. Components: _customer_360_monthly.yml.
-#}
{#- Everything the customer 360 shows that month, as int_customer360__customer_months holds it. #}
{%- set shown = [
    'customer_key', 'month_end_date', 'segment', 'relationship_balance_usd', 'relationship_balance_90d_ago_usd',
    'balance_change_90d', 'relationship_balance_peak_12m_usd', 'balance_drawdown_12m', 'liabilities_usd',
    'external_assets_usd', 'external_liabilities_usd', 'external_loan_balance_usd', 'external_card_balance_usd',
    'share_of_wallet', 'external_product_families', 'products_open', 'has_mortgage', 'has_loan',
    'has_life_insurance', 'has_home_insurance', 'has_travel_card', 'savings_usd', 'mortgage_balance_usd',
    'loan_balance_usd', 'max_card_utilisation', 'next_maturity_date', 'next_cd_maturity_date',
    'maturing_balance_usd', 'max_days_overdue', 'overdue_amount_usd', 'spend_count_1m', 'spend_count_3m',
    'spend_count_baseline_3m', 'spend_3m_usd', 'usage_trend', 'to_other_banks_share_3m',
    'to_other_banks_share_baseline', 'debits_3m_usd', 'last_payroll_date', 'days_since_last_payroll',
    'payroll_months_12m', 'payroll_status', 'travel_spend_12m_usd', 'travel_months_12m',
    'foreign_purchases_to_date', 'children_spend_6m_usd', 'children_spend_prior_12m_usd', 'months_of_history',
    'interactions_3m', 'app_sessions_1m', 'app_sessions_3m', 'app_sessions_baseline_3m', 'login_trend',
    'last_app_session_date', 'days_since_last_app_session', 'complaints_3m', 'open_complaints',
    'oldest_open_complaint_days', 'avg_satisfaction_12m', 'negative_notes_6m', 'last_rm_contact_date'
] %}
{%- set health = ['payment_history', 'service_quality', 'usage_trend', 'engagement'] %}
{%- set churn = ['usage_decline', 'payroll_gone', 'balance_decline', 'external_outflow_rise', 'complaints',
    'login_decline', 'negative_rm_notes'] %}
with

customer_months as (
    select * from {{ ref('int_customer360__customer_months') }}
),

-- The seeds pivoted to one row: a weight and a full scale per component and signal.
health_weights as (
    select
        {%- for component in health %}
            max(case when component = '{{ component }}' then weight end) as {{ component }}_weight,
            max(case when component = '{{ component }}' then full_scale end) as {{ component }}_scale,
        {%- endfor %}
        sum(weight) as total_weight
    from {{ ref('health_score_weights') }}
),

churn_weights as (
    select
        {%- for signal in churn %}
            max(case when signal = '{{ signal }}' then weight end) as {{ signal }}_weight,
            max(case when signal = '{{ signal }}' then full_scale end) as {{ signal }}_scale,
        {%- endfor %}
        sum(weight) as total_weight
    from {{ ref('churn_risk_weights') }}
),

-- Health components, each 0 to 100.
health as (
    select
        customer_months.customer_key,
        customer_months.month_end_date,
        100 * (1 - {{ unit_interval('customer_months.max_days_overdue / w.payment_history_scale') }})
            as payment_history,
        (case
            when customer_months.avg_satisfaction_12m is null then 75
            else 25 * (customer_months.avg_satisfaction_12m - 1)
        end)
        * (1 - {{ unit_interval('customer_months.complaints_3m / w.service_quality_scale') }}) as service_quality,
        50 + 50 * (
            {{ unit_interval('customer_months.usage_trend / w.usage_trend_scale') }}
            - {{ unit_interval('-customer_months.usage_trend / w.usage_trend_scale') }}
        ) as usage_trend,
        100 * {{ unit_interval('customer_months.interactions_3m / 3.0 / w.engagement_scale') }} as engagement
    from customer_months
    cross join health_weights as w
),

-- Churn-risk signal strengths, each 0 to 1.
churn as (
    select
        customer_months.customer_key,
        customer_months.month_end_date,
        {{ unit_interval('-customer_months.usage_trend / w.usage_decline_scale') }} as usage_decline,
        case when customer_months.payroll_status = 'STOPPED' then 1 else 0 end as payroll_gone,
        {{ unit_interval('-customer_months.balance_drawdown_12m / w.balance_decline_scale') }} as balance_decline,
        {{ unit_interval(
            '(customer_months.to_other_banks_share_3m - customer_months.to_other_banks_share_baseline)'
            ~ ' / w.external_outflow_rise_scale'
        ) }} as external_outflow_rise,
        {{ unit_interval('customer_months.complaints_3m / w.complaints_scale') }} as complaints,
        {{ unit_interval('-customer_months.login_trend / w.login_decline_scale') }} as login_decline,
        {{ unit_interval('customer_months.negative_notes_6m / w.negative_rm_notes_scale') }} as negative_rm_notes
    from customer_months
    cross join churn_weights as w
),

scored as (
    select
        health.*,
        {%- for signal in churn %}
            churn.{{ signal }} as churn_{{ signal }},
        {%- endfor %}
        round((
            {%- for component in health %}
                hw.{{ component }}_weight * health.{{ component }}{{ ' +' if not loop.last }}
            {%- endfor %}
        ) / hw.total_weight) as health_score,
        round(100.0 * (
            {%- for signal in churn %}
                cw.{{ signal }}_weight * churn.{{ signal }}{{ ' +' if not loop.last }}
            {%- endfor %}
        ) / cw.total_weight) as churn_risk_score
    from health
    inner join churn on health.customer_key = churn.customer_key and health.month_end_date = churn.month_end_date
    cross join health_weights as hw
    cross join churn_weights as cw
)

select
    {{ surrogate_key(['customer_months.customer_key', 'customer_months.month_end_date']) }} as customer_month_key,
    {{ date_key('customer_months.month_end_date') }} as date_key,
    {%- for column in shown %}
        customer_months.{{ column }},
    {%- endfor %}
    {%- for component in health %}
        cast(round(scored.{{ component }}, 6) as {{ float64_type() }}) as health_{{ component }},
    {%- endfor %}
    {%- for signal in churn %}
        cast(round(scored.churn_{{ signal }}, 6) as {{ float64_type() }}) as churn_signal_{{ signal }},
    {%- endfor %}
    cast(scored.health_score as {{ dbt.type_bigint() }}) as health_score,
    case
        when scored.health_score >= 80 then 'Healthy'
        when scored.health_score >= 50 then 'At-Risk'
        else 'Critical'
    end as health_category,
    cast(scored.churn_risk_score as {{ dbt.type_bigint() }}) as churn_risk_score,
    case
        when scored.churn_risk_score >= 70 then 'HIGH'
        when scored.churn_risk_score >= 40 then 'MEDIUM'
        else 'LOW'
    end as churn_risk_tier
from customer_months
inner join scored
    on customer_months.customer_key = scored.customer_key and customer_months.month_end_date = scored.month_end_date
