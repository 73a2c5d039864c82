{#-
    How the customer and the bank dealt with each other, per customer and month end, from what happened
    on or before that month end: interactions by kind, complaints raised and still open, satisfaction,
    app use and its trend (the last 3 months against the 12 before them, as a 3-month average), and
    relationship-manager contact with the notes' sentiment. A complaint is open at a month end when it
    was raised by then and not resolved by then (resolution_hours after it was raised, or never).
-#}
with

months as (
    select
        customer_key,
        month_end_date
    from {{ ref('int_customers__segment_monthly') }}
),

interactions as (
    select * from {{ ref('fact_interaction') }}
    where customer_key is not null
),

notes as (
    select * from {{ ref('int_customer360__rm_notes') }}
),

monthly as (
    select
        customer_key,
        cast({{ dbt.last_day('interaction_date', 'month') }} as date) as month_end_date,
        count(*) as interactions,
        sum(case when source_table = 'session' then 1 else 0 end) as app_sessions,
        max(case when source_table = 'session' then interaction_date end) as last_app_session_date,
        sum(case when is_complaint then 1 else 0 end) as complaints,
        sum(satisfaction_score) as satisfaction_total,
        count(satisfaction_score) as satisfaction_scores,
        max(case when source_table = 'rm_note' then interaction_date end) as last_rm_contact_date
    from interactions
    group by customer_key, cast({{ dbt.last_day('interaction_date', 'month') }} as date)
),

negative_notes as (
    select
        customer_key,
        cast({{ dbt.last_day('note_date', 'month') }} as date) as month_end_date,
        count(*) as negative_notes
    from notes
    where sentiment = 'negative'
    group by customer_key, cast({{ dbt.last_day('note_date', 'month') }} as date)
),

open_complaints as (
    select
        months.customer_key,
        months.month_end_date,
        count(*) as open_complaints,
        max({{ dbt.datediff('interactions.interaction_date', 'months.month_end_date', 'day') }})
            as oldest_open_complaint_days
    from months
    inner join interactions
        on
            months.customer_key = interactions.customer_key
            and interactions.is_complaint
            and months.month_end_date >= interactions.interaction_date
            and (
                interactions.resolution_hours is null
                or {{ dbt.dateadd('hour', 'cast(interactions.resolution_hours as ' ~ dbt.type_bigint() ~ ')',
                    'interactions.interaction_at') }} > {{ dbt.dateadd('day', 1, 'months.month_end_date') }}
            )
    group by months.customer_key, months.month_end_date
),

filled as (
    select
        months.customer_key,
        months.month_end_date,
        coalesce(monthly.interactions, 0) as interactions,
        coalesce(monthly.app_sessions, 0) as app_sessions,
        monthly.last_app_session_date,
        coalesce(monthly.complaints, 0) as complaints,
        coalesce(monthly.satisfaction_total, 0) as satisfaction_total,
        coalesce(monthly.satisfaction_scores, 0) as satisfaction_scores,
        monthly.last_rm_contact_date,
        coalesce(negative_notes.negative_notes, 0) as negative_notes,
        coalesce(open_complaints.open_complaints, 0) as open_complaints,
        open_complaints.oldest_open_complaint_days
    from months
    left join monthly
        on months.customer_key = monthly.customer_key and months.month_end_date = monthly.month_end_date
    left join negative_notes
        on months.customer_key = negative_notes.customer_key and months.month_end_date = negative_notes.month_end_date
    left join open_complaints
        on months.customer_key = open_complaints.customer_key and months.month_end_date = open_complaints.month_end_date
),

windowed as (
    select
        customer_key,
        month_end_date,
        open_complaints,
        oldest_open_complaint_days,
        app_sessions as app_sessions_1m,
        {%- for name, column, frame in [
            ('interactions_3m', 'interactions', '2 preceding and current row'),
            ('app_sessions_3m', 'app_sessions', '2 preceding and current row'),
            ('app_sessions_baseline', 'app_sessions', '14 preceding and 3 preceding'),
            ('baseline_months', '1', '14 preceding and 3 preceding'),
            ('complaints_3m', 'complaints', '2 preceding and current row'),
            ('satisfaction_total_12m', 'satisfaction_total', '11 preceding and current row'),
            ('satisfaction_scores_12m', 'satisfaction_scores', '11 preceding and current row'),
            ('negative_notes_6m', 'negative_notes', '5 preceding and current row'),
            ('months_of_history', '1', 'unbounded preceding and current row'),
        ] %}
            {{ over_customer_months('sum(' ~ column ~ ')', frame) }} as {{ name }},
        {%- endfor %}
        {{ over_customer_months('max(last_app_session_date)', 'unbounded preceding and current row') }}
            as last_app_session_date,
        {{ over_customer_months('max(last_rm_contact_date)', 'unbounded preceding and current row') }}
            as last_rm_contact_date
    from filled
)

select
    customer_key,
    month_end_date,
    cast(interactions_3m as {{ dbt.type_bigint() }}) as interactions_3m,
    cast(app_sessions_1m as {{ dbt.type_bigint() }}) as app_sessions_1m,
    cast(app_sessions_3m as {{ dbt.type_bigint() }}) as app_sessions_3m,
    cast(3.0 * app_sessions_baseline / nullif(baseline_months, 0) as {{ float64_type() }}) as app_sessions_baseline_3m,
    cast(case
        when baseline_months >= 3 and app_sessions_baseline > 0
            then app_sessions_3m / (3.0 * app_sessions_baseline / baseline_months) - 1
    end as {{ float64_type() }}) as login_trend,
    last_app_session_date,
    cast(complaints_3m as {{ dbt.type_bigint() }}) as complaints_3m,
    cast(open_complaints as {{ dbt.type_bigint() }}) as open_complaints,
    cast(oldest_open_complaint_days as {{ dbt.type_bigint() }}) as oldest_open_complaint_days,
    cast(satisfaction_total_12m as {{ float64_type() }}) / nullif(satisfaction_scores_12m, 0) as avg_satisfaction_12m,
    cast(negative_notes_6m as {{ dbt.type_bigint() }}) as negative_notes_6m,
    last_rm_contact_date
from windowed
