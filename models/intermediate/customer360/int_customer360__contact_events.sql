{#-
    The moments of a customer's contact with the bank that a relationship manager looks for, one row
    each: every CRM case opened and closed (a case closes resolution_hours after it opened; one still open
    or escalated has not closed), and each customer's first and last mobile-app session in the data (the
    data starts on its first day, so an older user's first session here is not their first ever). Read
    from fact_interaction, which resolved each contact to its person once.
-#}
{%- set resolution_seconds = 'cast(round(resolution_hours * 3600) as ' ~ dbt.type_bigint() ~ ')' -%}

with

interactions as (
    select * from {{ ref('fact_interaction') }}
),

cases as (
    select
        customer_key,
        source_system,
        source_interaction_id,
        topic,
        channel,
        interaction_at as opened_at,
        -- BigQuery adds whole seconds only, and its dateadd returns a datetime: back to a timestamp.
        cast(
            {{ dbt.dateadd('second', resolution_seconds, 'interaction_at') }} as {{ dbt.type_timestamp() }}
        ) as closed_at
    from interactions
    where source_table = 'case'
),

-- Each customer's sessions numbered from the first and from the last (ties broken by the session id).
sessions as (
    select
        customer_key,
        source_system,
        source_interaction_id,
        interaction_at,
        row_number() over (partition by customer_key order by interaction_at, source_interaction_id) as from_first,
        row_number() over (
            partition by customer_key order by interaction_at desc, source_interaction_id desc
        ) as from_last
    from interactions
    where source_table = 'session'
),

unioned as (
    {% for edge in ['opened', 'closed'] %}
        select
            customer_key,
            'case_{{ edge }}' as event_type,
            'SERVICE' as event_category,
            source_system,
            {{ dbt.concat(["'Case " ~ edge ~ ": '", 'topic', "' ('", 'channel', "')'"]) }} as description,
            source_interaction_id as related_id,
            {{ edge }}_at as event_at
        from cases
        where {{ edge }}_at is not null
        union all
    {% endfor %}
    {% for edge in ['first', 'last'] %}
        select
            customer_key,
            'app_{{ edge }}_use' as event_type,
            'APP' as event_category,
            source_system,
            '{{ edge | capitalize }} mobile app session in the data' as description,
            source_interaction_id as related_id,
            interaction_at as event_at
        from sessions
        where from_{{ edge }} = 1
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        customer_key,
        event_type,
        event_category,
        source_system,
        description,
        related_id,
        cast(event_at as date) as event_date,
        event_at
    from unioned
)

select * from final
