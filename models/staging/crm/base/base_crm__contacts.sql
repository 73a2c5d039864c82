with

source as (
    select * from {{ source('crm', 'contacts') }}
),

cleaned as (
    select
        contact_id,
        core_customer_id,
        {{ clean_name('first_name') }} as first_name,
        {{ clean_name('last_name') }} as last_name,
        {{ clean_email('email') }} as email,
        {{ canonical_email('email') }} as email_canonical,
        {{ phone_e164('phone') }} as phone_e164,
        upper(trim(mailing_state)) as mailing_state_code,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        _loaded_at,
        case
            when contact_id is null then 'MISSING_KEY'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
