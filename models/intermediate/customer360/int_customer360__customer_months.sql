{#-
    One row per customer and month end with everything the customer 360 shows, as it stood then: holdings,
    activity and service (the int_customer360__*_monthly models, each computed from data dated on or before
    the month end), the wallet elsewhere, and the derived payroll status and balance change. The payroll
    rule's thresholds come from the alert_thresholds seed (PAYROLL_STOPPED): payroll is ACTIVE while the
    last credit is at most `threshold` days old, STOPPED when it is older after payroll in at least
    `minimum_history` of the last 12 months, NONE otherwise.
-#}
with

holdings as (
    select * from {{ ref('int_customer360__holdings_monthly') }}
),

activity as (
    select * from {{ ref('int_customer360__activity_monthly') }}
),

service as (
    select * from {{ ref('int_customer360__service_monthly') }}
),

wallet as (
    select * from {{ ref('wallet_share_monthly') }}
),

payroll_rule as (
    select
        threshold as payroll_gap_days,
        minimum_history as payroll_min_months
    from {{ ref('alert_thresholds') }}
    where alert_type = 'PAYROLL_STOPPED'
),

joined as (
    select
        holdings.*,
        activity.spend_count_1m,
        activity.spend_count_3m,
        activity.spend_count_baseline_3m,
        activity.spend_3m_usd,
        activity.usage_trend,
        activity.to_other_banks_share_3m,
        activity.to_other_banks_share_baseline,
        activity.debits_3m_usd,
        activity.last_payroll_date,
        activity.payroll_months_12m,
        activity.travel_spend_12m_usd,
        activity.travel_months_12m,
        activity.foreign_purchases_to_date,
        activity.children_spend_6m_usd,
        activity.children_spend_prior_12m_usd,
        activity.months_of_history,
        service.interactions_3m,
        service.app_sessions_1m,
        service.app_sessions_3m,
        service.app_sessions_baseline_3m,
        service.login_trend,
        service.last_app_session_date,
        service.complaints_3m,
        service.open_complaints,
        service.oldest_open_complaint_days,
        service.avg_satisfaction_12m,
        service.negative_notes_6m,
        service.last_rm_contact_date,
        coalesce(wallet.external_assets_usd, 0) as external_assets_usd,
        coalesce(wallet.external_liabilities_usd, 0) as external_liabilities_usd,
        coalesce(wallet.external_liabilities_usd - wallet.external_credit_card_usd, 0) as external_loan_balance_usd,
        coalesce(wallet.external_credit_card_usd, 0) as external_card_balance_usd,
        wallet.share_of_wallet,
        wallet.external_product_families,
        {{ dbt.datediff('activity.last_payroll_date', 'holdings.month_end_date', 'day') }}
            as days_since_last_payroll,
        {{ dbt.datediff('service.last_app_session_date', 'holdings.month_end_date', 'day') }}
            as days_since_last_app_session,
        payroll_rule.payroll_gap_days,
        payroll_rule.payroll_min_months
    from holdings
    inner join activity
        on holdings.customer_key = activity.customer_key and holdings.month_end_date = activity.month_end_date
    inner join service
        on holdings.customer_key = service.customer_key and holdings.month_end_date = service.month_end_date
    left join wallet
        on holdings.customer_key = wallet.customer_key and holdings.month_end_date = wallet.month_end_date
    cross join payroll_rule
),

derived as (
    select
        *,
        case
            when days_since_last_payroll <= payroll_gap_days then 'ACTIVE'
            when payroll_months_12m >= payroll_min_months then 'STOPPED'
            else 'NONE'
        end as payroll_status,
        cast(relationship_balance_usd as {{ float64_type() }})
        / nullif(cast(relationship_balance_90d_ago_usd as {{ float64_type() }}), 0) - 1 as balance_change_90d,
        cast(relationship_balance_usd as {{ float64_type() }})
        / nullif(cast(relationship_balance_peak_12m_usd as {{ float64_type() }}), 0) - 1 as balance_drawdown_12m
    from joined
)

select
    customer_key,
    month_end_date,
    segment,
    relationship_balance_usd,
    relationship_balance_90d_ago_usd,
    cast(balance_change_90d as {{ float64_type() }}) as balance_change_90d,
    relationship_balance_peak_12m_usd,
    cast(balance_drawdown_12m as {{ float64_type() }}) as balance_drawdown_12m,
    liabilities_usd,
    external_assets_usd,
    external_liabilities_usd,
    external_loan_balance_usd,
    external_card_balance_usd,
    cast(share_of_wallet as {{ float64_type() }}) as share_of_wallet,
    external_product_families,
    products_open,
    has_mortgage,
    has_loan,
    has_life_insurance,
    has_home_insurance,
    has_travel_card,
    savings_usd,
    mortgage_balance_usd,
    loan_balance_usd,
    max_card_utilisation,
    next_maturity_date,
    next_cd_maturity_date,
    maturing_balance_usd,
    max_days_overdue,
    overdue_amount_usd,
    spend_count_1m,
    spend_count_3m,
    spend_count_baseline_3m,
    spend_3m_usd,
    usage_trend,
    to_other_banks_share_3m,
    to_other_banks_share_baseline,
    debits_3m_usd,
    last_payroll_date,
    cast(days_since_last_payroll as {{ dbt.type_bigint() }}) as days_since_last_payroll,
    payroll_months_12m,
    payroll_status,
    travel_spend_12m_usd,
    travel_months_12m,
    foreign_purchases_to_date,
    children_spend_6m_usd,
    children_spend_prior_12m_usd,
    months_of_history,
    interactions_3m,
    app_sessions_1m,
    app_sessions_3m,
    app_sessions_baseline_3m,
    login_trend,
    last_app_session_date,
    cast(days_since_last_app_session as {{ dbt.type_bigint() }}) as days_since_last_app_session,
    complaints_3m,
    open_complaints,
    oldest_open_complaint_days,
    avg_satisfaction_12m,
    negative_notes_6m,
    last_rm_contact_date
from derived
