with

source as (
    select * from {{ source('app', 'events') }}
),

cleaned as (
    select
        event_id,
        session_id,
        user_uuid,
        event_type,
        cast(event_at as {{ dbt.type_timestamp() }}) as event_at,
        _loaded_at,
        case
            when event_id is null or session_id is null or user_uuid is null or event_at is null then 'MISSING_KEY'
            when event_type not in (
                'login', 'view_balance', 'view_transactions', 'transfer', 'bill_pay', 'mobile_deposit',
                'card_controls', 'offers_view', 'chat_support', 'update_profile', 'logout'
            ) then 'UNKNOWN_CODE'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
