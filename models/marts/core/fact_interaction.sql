{#-
    Every contact between the bank and a person, on one grain: CRM cases (complaints and requests) and
    tasks (calls, chats, branch visits, in-app messages), mobile-app sessions and relationship-manager
    meetings noted in the branch sheets. Each row carries the resolved person and a channel - Mobile
    App, Branch, Call Center or Chatbot.
-#}
{{
    config(
        partition_by=month_partition('interaction_date'),
        cluster_by=['customer_key'],
    )
}}

with

cases as (
    select * from {{ ref('stg_crm__cases') }}
),

tasks as (
    select * from {{ ref('stg_crm__tasks') }}
),

sessions as (
    select * from {{ ref('stg_app__sessions') }}
),

notes as (
    select * from {{ ref('stg_branch__rm_notes') }}
),

branches as (
    select * from {{ ref('branches') }}
),

identity_map as (
    select * from {{ ref('customer_identity_map') }}
),

case_rows as (
    select
        'crm' as source_system,
        'case' as source_table,
        cases.case_id as source_interaction_id,
        cases.contact_id as source_record_id,
        cases.origin_channel as channel,
        'Case' as interaction_type,
        cases.case_category as topic,
        cases.case_status as outcome,
        cast(null as {{ dbt.type_string() }}) as branch_code,
        cast(null as {{ dbt.type_string() }}) as relationship_manager,
        cast(cases.satisfaction_score as {{ dbt.type_bigint() }}) as satisfaction_score,
        cast(null as {{ dbt.type_bigint() }}) as duration_seconds,
        -- dbt.datediff renders as one long expression
        {{ dbt.datediff('cases.opened_at', 'cases.closed_at', 'second') }} / 3600.0 as resolution_hours,  -- noqa: LT05
        true as is_complaint,
        cases.opened_at as interaction_at
    from cases
),

task_rows as (
    select
        'crm' as source_system,
        'task' as source_table,
        tasks.task_id as source_interaction_id,
        tasks.contact_id as source_record_id,
        tasks.channel,
        tasks.task_type as interaction_type,
        tasks.subject as topic,
        tasks.outcome,
        cast(null as {{ dbt.type_string() }}) as branch_code,
        cast(null as {{ dbt.type_string() }}) as relationship_manager,
        cast(null as {{ dbt.type_bigint() }}) as satisfaction_score,
        tasks.duration_seconds,
        cast(null as {{ float64_type() }}) as resolution_hours,
        false as is_complaint,
        tasks.created_at as interaction_at
    from tasks
),

session_rows as (
    select
        'app' as source_system,
        'session' as source_table,
        cast(sessions.session_id as {{ dbt.type_string() }}) as source_interaction_id,
        sessions.user_uuid as source_record_id,
        'Mobile App' as channel,
        'App Session' as interaction_type,
        cast(null as {{ dbt.type_string() }}) as topic,
        cast(null as {{ dbt.type_string() }}) as outcome,
        cast(null as {{ dbt.type_string() }}) as branch_code,
        cast(null as {{ dbt.type_string() }}) as relationship_manager,
        cast(null as {{ dbt.type_bigint() }}) as satisfaction_score,
        sessions.duration_seconds,
        cast(null as {{ float64_type() }}) as resolution_hours,
        false as is_complaint,
        sessions.started_at as interaction_at
    from sessions
),

-- Notes are dated but not timed: interaction_at stays empty and interaction_date comes from the note.
note_rows as (
    select
        'branch' as source_system,
        'rm_note' as source_table,
        notes.note_id as source_interaction_id,
        notes.note_id as source_record_id,
        'Branch' as channel,
        'Relationship Manager Meeting' as interaction_type,
        cast(null as {{ dbt.type_string() }}) as topic,
        cast(null as {{ dbt.type_string() }}) as outcome,
        branches.branch_code,
        notes.rm_name as relationship_manager,
        cast(null as {{ dbt.type_bigint() }}) as satisfaction_score,
        cast(null as {{ dbt.type_bigint() }}) as duration_seconds,
        cast(null as {{ float64_type() }}) as resolution_hours,
        false as is_complaint,
        cast(notes.note_date as {{ dbt.type_timestamp() }}) as interaction_at
    from notes
    left join branches on notes.branch_name = branches.branch_name
),

unioned as (
    select * from case_rows
    union all
    select * from task_rows
    union all
    select * from session_rows
    union all
    select * from note_rows
),

final as (
    select
        {{ surrogate_key(['unioned.source_system', 'unioned.source_table', 'unioned.source_interaction_id']) }}
            as interaction_key,
        identity_map.customer_key,
        {{ date_key('unioned.interaction_at') }} as date_key,
        unioned.source_system,
        unioned.source_table,
        unioned.source_interaction_id,
        unioned.channel,
        unioned.interaction_type,
        unioned.topic,
        unioned.outcome,
        unioned.branch_code,
        unioned.relationship_manager,
        unioned.satisfaction_score,
        cast(unioned.duration_seconds as {{ dbt.type_bigint() }}) as duration_seconds,
        cast(unioned.resolution_hours as {{ float64_type() }}) as resolution_hours,
        unioned.is_complaint,
        cast(unioned.interaction_at as date) as interaction_date,
        case when unioned.source_table != 'rm_note' then unioned.interaction_at end as interaction_at
    -- A left join: a record the identity map lacks surfaces in the not_null test on customer_key.
    from unioned
    left join identity_map
        on
            unioned.source_system = identity_map.source_system
            and unioned.source_record_id = identity_map.source_record_id
)

select * from final
