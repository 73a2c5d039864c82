with

source as (
    select * from {{ source('crm', 'cases') }}
),

cleaned as (
    select
        case_id,
        contact_id,
        category as case_category,
        origin_channel,
        priority,
        status as case_status,
        satisfaction_score,
        status = 'Closed' as is_closed,
        category = 'Account Closure' as is_account_closure,
        cast(opened_at as {{ dbt.type_timestamp() }}) as opened_at,
        cast(closed_at as {{ dbt.type_timestamp() }}) as closed_at,
        _loaded_at,
        case
            when case_id is null or contact_id is null or opened_at is null then 'MISSING_KEY'
            when origin_channel not in ('Mobile App', 'Branch', 'Call Center', 'Chatbot') then 'UNKNOWN_CODE'
            when status not in ('Closed', 'Open', 'Escalated') then 'UNKNOWN_CODE'
            when satisfaction_score not between 1 and 5 then 'OUT_OF_RANGE'
            when closed_at < opened_at then 'IMPOSSIBLE_DATE'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
