with

source as (
    select * from {{ source('app', 'users') }}
),

cleaned as (
    select
        user_uuid,
        {{ clean_email('email') }} as email,
        {{ canonical_email('email') }} as email_canonical,
        {{ phone_e164('mobile_phone') }} as phone_e164,
        device_os,
        cast(registered_at as {{ dbt.type_timestamp() }}) as registered_at,
        _loaded_at,
        case
            when user_uuid is null then 'MISSING_KEY'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
