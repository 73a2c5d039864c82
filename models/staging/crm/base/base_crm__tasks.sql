with

source as (
    select * from {{ source('crm', 'tasks') }}
),

cleaned as (
    select
        task_id,
        contact_id,
        channel,
        task_type,
        subject,
        outcome,
        duration_seconds,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        _loaded_at,
        case
            when task_id is null or contact_id is null or created_at is null then 'MISSING_KEY'
            when channel not in ('Mobile App', 'Branch', 'Call Center', 'Chatbot') then 'UNKNOWN_CODE'
            when duration_seconds < 0 then 'IMPOSSIBLE_AMOUNT'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
