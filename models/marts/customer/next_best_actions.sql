{#-
    The next best actions for each customer at the latest month end, from the action_rules seed. A rule
    fires when every signal in its condition holds; signals are named facts about the customer at a month
    end (the customer_signals doc block), with thresholds from alert_thresholds and the nba_* vars. Rows
    are kept for every rule firing at the latest month end. A rule whose previous run of firing months
    ended within its cooldown_days before the current run began is COOLING_DOWN; of the rest, the three
    with the best priority (then the highest estimated value) are OPEN and any others QUEUED.
-#}
{%- set signals = {
    'high_churn_risk': "(c.churn_risk_tier = 'HIGH' or c.predicted_risk_tier = 'HIGH')",
    'fixed_term_maturing_90d': "c.next_maturity_date <= " ~ dbt.dateadd('day', 90, 'c.month_end_date'),
    'usage_spike': "c.usage_trend >= " ~ var('nba_usage_spike'),
    'few_products': "c.products_open <= " ~ var('nba_few_products'),
    'loan_overdue_15d': "c.max_days_overdue > c.overdue_threshold_days",
    'complaint_unresolved_14d': "c.oldest_open_complaint_days > c.complaint_threshold_days",
    'strong_growth': "c.balance_change_90d >= " ~ var('nba_strong_growth')
        ~ " and c.relationship_balance_usd >= " ~ var('nba_strong_growth_min_usd'),
    'low_engagement': "c.interactions_3m < " ~ var('nba_low_engagement_interactions'),
    'has_mortgage': "c.has_mortgage",
    'no_life_insurance': "not c.has_life_insurance",
    'high_savings': "c.savings_usd >= " ~ var('nba_high_savings_usd'),
    'has_loan': "c.has_loan",
    'traveller': "(c.travel_months_12m >= " ~ var('nba_traveller_months')
        ~ " or c.foreign_purchases_to_date >= " ~ var('nba_traveller_foreign_purchases') ~ ")",
    'no_travel_card': "not c.has_travel_card",
    'pays_external_lender': "c.external_loan_balance_usd > 0",
    'pays_external_card_issuer': "c.external_card_balance_usd > 0",
    'new_baby': "c.children_spend_6m_usd > 0 and c.children_spend_prior_12m_usd = 0 and c.months_of_history >= 18",
} %}
{%- set values = ['maturing_balance_usd', 'overdue_amount_usd', 'relationship_balance_usd', 'mortgage_balance_usd',
    'loan_balance_usd', 'travel_spend_12m_usd', 'external_loan_balance_usd', 'external_card_balance_usd',
    'expected_lifetime_value_usd'] %}
with

customer_months as (
    select
        customer_360_monthly.*,
        churn_predictions.predicted_risk_tier,
        lifetime_values.expected_lifetime_value_usd
    from {{ ref('customer_360_monthly') }} as customer_360_monthly
    left join {{ ref('churn_predictions') }} as churn_predictions
        on
            customer_360_monthly.customer_key = churn_predictions.customer_key
            and customer_360_monthly.month_end_date = churn_predictions.as_of_date
    left join {{ ref('int_customer360__lifetime_value') }} as lifetime_values
        on customer_360_monthly.customer_key = lifetime_values.customer_key
),

rules as (
    select * from {{ ref('action_rules') }}
),

customers as (
    select
        customer_key,
        annual_income_usd
    from {{ ref('dim_customer') }}
),

latest as (
    select max(month_end_date) as month_end_date from customer_months
),

overdue_rule as (
    select threshold from {{ ref('alert_thresholds') }}
    where alert_type = 'LOAN_OVERDUE'
),

complaint_rule as (
    select threshold from {{ ref('alert_thresholds') }}
    where alert_type = 'COMPLAINT_UNRESOLVED'
),

-- The alert thresholds two signals share with customer_alerts, beside every customer month.
customer_months_with_rules as (
    select
        customer_months.*,
        overdue_rule.threshold as overdue_threshold_days,
        complaint_rule.threshold as complaint_threshold_days
    from customer_months
    cross join overdue_rule
    cross join complaint_rule
),

-- Each signal that holds, one row per customer, month end and signal.
signals as (
    {%- for signal, condition in signals.items() %}
        select
            c.customer_key,
            c.month_end_date,
            '{{ signal }}' as signal_name
        from customer_months_with_rules as c
        where {{ condition }}
        {{- "\n        union all" if not loop.last }}
    {%- endfor %}
),

-- A rule fires when the signals found in its condition (' & '-separated names) are all of its signals.
fired as (
    select
        signals.customer_key,
        signals.month_end_date,
        rules.rule_id
    from signals
    inner join rules
        on {{ dbt.position("' ' || signals.signal_name || ' '", "' ' || rules.condition || ' '") }} > 0
    group by signals.customer_key, signals.month_end_date, rules.rule_id, rules.condition
    having
        count(*)
        = {{ dbt.length('rules.condition') }} - {{ dbt.length(dbt.replace('rules.condition', "'&'", "''")) }} + 1
),

-- Runs of consecutive firing month ends (month number less row number is constant within a run).
runs as (
    select
        customer_key,
        rule_id,
        min(month_end_date) as first_fired_on,
        max(month_end_date) as last_fired_on
    from (
        select
            *,
            {{ dbt.datediff("cast('2000-01-31' as date)", 'month_end_date', 'month') }}
            - row_number() over (partition by customer_key, rule_id order by month_end_date) as run
        from fired
    ) as numbered
    group by customer_key, rule_id, run
),

current_runs as (
    select
        runs.*,
        lag(runs.last_fired_on) over (
            partition by runs.customer_key, runs.rule_id order by runs.first_fired_on
        ) as previous_run_ended_on
    from runs
),

candidates as (
    select
        current_runs.customer_key,
        current_runs.rule_id,
        current_runs.first_fired_on,
        latest.month_end_date as as_of_date,
        rules.rule_name,
        rules.condition,
        rules.priority,
        rules.action,
        rules.product_offered,
        rules.value_basis,
        case rules.value_basis
            {%- for value in values %}
                when '{{ value }}' then cast(c.{{ value }} as {{ float64_type() }})
            {%- endfor %}
            when 'spend_90d_usd' then cast(c.spend_3m_usd as {{ float64_type() }})
            when 'annual_income_usd' then cast(customers.annual_income_usd as {{ float64_type() }})
        end as basis_usd,
        rules.value_rate,
        current_runs.previous_run_ended_on is not null
        and cast({{ dbt.dateadd('day', 'rules.cooldown_days', 'current_runs.previous_run_ended_on') }} as date)
        > current_runs.first_fired_on as is_cooling_down
    from current_runs
    cross join latest
    inner join rules on current_runs.rule_id = rules.rule_id
    inner join customer_months as c
        on current_runs.customer_key = c.customer_key and latest.month_end_date = c.month_end_date
    left join customers on current_runs.customer_key = customers.customer_key
    where current_runs.last_fired_on = latest.month_end_date
),

ranked as (
    select
        *,
        case when is_cooling_down then null else row_number() over (
            partition by customer_key, is_cooling_down order by priority asc, basis_usd * value_rate desc, rule_id asc
        ) end as action_rank
    from candidates
)

select
    {{ surrogate_key(['customer_key', 'rule_id']) }} as next_best_action_key,
    customer_key,
    rule_id,
    rule_name,
    action,
    product_offered,
    cast(priority as {{ dbt.type_bigint() }}) as priority,
    cast(action_rank as {{ dbt.type_bigint() }}) as action_rank,
    case when is_cooling_down then 'COOLING_DOWN' when action_rank <= 3 then 'OPEN' else 'QUEUED' end as status,
    coalesce(action_rank <= 3, false) as is_open,
    {{ float_to_money('coalesce(basis_usd, 0) * value_rate') }} as estimated_value_usd,
    {{ dbt.concat(["condition", "'; '", "value_basis", "' '",
        "cast(cast(round(coalesce(basis_usd, 0)) as " ~ dbt.type_bigint() ~ ") as " ~ dbt.type_string() ~ ")"]) }}
        as evidence,
    first_fired_on,
    as_of_date
from ranked
