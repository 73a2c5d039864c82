with

source as (
    select * from {{ source('app', 'sessions') }}
),

cleaned as (
    select
        session_id,
        user_uuid,
        device_os,
        app_version,
        -- dbt.datediff renders as one long expression
        {{ dbt.datediff('started_at', 'ended_at', 'second') }} as duration_seconds,  -- noqa: LT05
        cast(started_at as {{ dbt.type_timestamp() }}) as started_at,
        cast(ended_at as {{ dbt.type_timestamp() }}) as ended_at,
        _loaded_at,
        case
            when session_id is null or user_uuid is null or started_at is null then 'MISSING_KEY'
            when ended_at < started_at then 'IMPOSSIBLE_DATE'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
