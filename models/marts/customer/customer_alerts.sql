{#-
    One row per customer and alert episode: an alert fires at a month end when its rule holds on
    customer_360_monthly, or for CHURN_PREDICTED on the churn model's churn_predictions (thresholds,
    severity and churn relevance from the alert_thresholds seed), and consecutive month ends firing are one
    episode, raised on the first. An alert is open while its rule
    still holds at the latest month end. Evidence quotes the figures that fired it when it was raised,
    in whole units so it reads the same on every engine.
-#}
{%- set whole = dbt.type_bigint() %}
{%- set rules = {
    'BALANCE_DROP': [
        "c.balance_change_90d < -t.threshold and c.relationship_balance_90d_ago_usd >= t.minimum_history",
        ["'relationship balance '", "cast(round(c.relationship_balance_90d_ago_usd) as " ~ whole ~ ")",
            "' USD 90 days ago, '", "cast(round(c.relationship_balance_usd) as " ~ whole ~ ")",
            "' USD now ('", "cast(round(100 * c.balance_change_90d) as " ~ whole ~ ")", "'%)'"]],
    'PAYROLL_STOPPED': [
        "c.payroll_status = 'STOPPED'",
        ["'last payroll '", "cast(c.days_since_last_payroll as " ~ dbt.type_string() ~ ")",
            "' days ago; payroll in '", "cast(c.payroll_months_12m as " ~ dbt.type_string() ~ ")",
            "' of the last 12 months'"]],
    'EXTERNAL_OUTFLOWS_RISING': [
        "c.to_other_banks_share_3m - c.to_other_banks_share_baseline > t.threshold"
        ~ " and c.debits_3m_usd >= t.minimum_history",
        ["'share of debits to other banks, year before vs last 3 months: '", "cast(round(100 * c.to_other_banks_share_baseline) as " ~ whole ~ ")",
            "'% -> '", "cast(round(100 * c.to_other_banks_share_3m) as " ~ whole ~ ")", "'% over 3 months'"]],
    'COMPLAINT_UNRESOLVED': [
        "c.oldest_open_complaint_days > t.threshold",
        ["cast(c.open_complaints as " ~ dbt.type_string() ~ ")", "' open complaint(s), oldest '",
            "cast(c.oldest_open_complaint_days as " ~ dbt.type_string() ~ ")", "' days'"]],
    'LOAN_OVERDUE': [
        "c.max_days_overdue > t.threshold",
        ["'instalment '", "cast(c.max_days_overdue as " ~ dbt.type_string() ~ ")", "' days overdue, '",
            "cast(round(c.overdue_amount_usd) as " ~ whole ~ ")", "' USD unpaid'"]],
    'CARD_UTILISATION_HIGH': [
        "c.max_card_utilisation > t.threshold",
        ["'card at '", "cast(round(100 * c.max_card_utilisation) as " ~ whole ~ ")", "'% of its limit'"]],
    'CD_MATURING': [
        dbt.datediff('c.month_end_date', 'c.next_cd_maturity_date', 'day') ~ " <= t.threshold",
        ["'CD matures on '", "cast(c.next_cd_maturity_date as " ~ dbt.type_string() ~ ")"]],
    'CHURN_PREDICTED': [
        "c.churn_probability >= t.threshold",
        ["'predicted churn probability '", "cast(round(100 * c.churn_probability) as " ~ whole ~ ")",
            "'% within 90 days'"]],
    'LOGIN_LAPSED': [
        "c.days_since_last_app_session > t.threshold and c.app_sessions_baseline_3m >= t.minimum_history",
        ["'no app session for '", "cast(c.days_since_last_app_session as " ~ dbt.type_string() ~ ")",
            "' days after '", "cast(round(c.app_sessions_baseline_3m) as " ~ whole ~ ")",
            "' sessions a quarter in the year before the last three months'"]],
} %}
with

customer_months as (
    select
        customer_360_monthly.*,
        churn_predictions.churn_probability
    from {{ ref('customer_360_monthly') }} as customer_360_monthly
    left join {{ ref('churn_predictions') }} as churn_predictions
        on
            customer_360_monthly.customer_key = churn_predictions.customer_key
            and customer_360_monthly.month_end_date = churn_predictions.as_of_date
),

thresholds as (
    select * from {{ ref('alert_thresholds') }}
),

latest as (
    select max(month_end_date) as month_end_date from customer_months
),

firing as (
    {%- for alert_type, (condition, evidence) in rules.items() %}
        select
            c.customer_key,
            c.month_end_date,
            t.alert_type,
            t.severity,
            t.is_churn_related,
            {{ dbt.concat(evidence) }} as evidence
        from customer_months as c
        inner join thresholds as t on t.alert_type = '{{ alert_type }}'
        where {{ condition }}
        {{- "\n        union all" if not loop.last }}
    {%- endfor %}
),

-- Consecutive month ends firing share an episode: month number less the row number is constant within one.
episodes as (
    select
        *,
        {{ dbt.datediff("cast('2000-01-31' as date)", 'month_end_date', 'month') }}
        - row_number() over (partition by customer_key, alert_type order by month_end_date) as episode
    from firing
),

final as (
    select
        episodes.customer_key,
        episodes.alert_type,
        min(episodes.severity) as severity,
        min(case when episodes.is_churn_related then 1 else 0 end) = 1 as is_churn_related,
        min(episodes.month_end_date) as raised_on,
        max(episodes.month_end_date) as last_fired_on,
        count(*) as months_firing
    from episodes
    group by episodes.customer_key, episodes.alert_type, episodes.episode
)

select
    {{ surrogate_key(['final.customer_key', 'final.alert_type', 'final.raised_on']) }} as customer_alert_key,
    final.customer_key,
    final.alert_type,
    final.severity,
    final.is_churn_related,
    episodes.evidence,
    final.raised_on,
    final.last_fired_on,
    cast(final.months_firing as {{ dbt.type_bigint() }}) as months_firing,
    final.last_fired_on = latest.month_end_date as is_open
from final
inner join episodes
    on
        final.customer_key = episodes.customer_key
        and final.alert_type = episodes.alert_type
        and final.raised_on = episodes.month_end_date
cross join latest
