with

source as (
    select * from {{ source('core', 'customers') }}
),

cleaned as (
    select
        customer_id,
        {{ clean_name('first_name') }} as first_name,
        {{ clean_name('last_name') }} as last_name,
        {{ clean_ssn('ssn') }} as ssn,
        {{ clean_email('email') }} as email,
        {{ phone_e164('phone') }} as phone_e164,
        trim(address_line1) as address_line1,
        {{ clean_name('city') }} as city,
        upper(trim(state)) as state_code,
        trim(postal_code) as postal_code,
        trim(job_title) as job_title,
        trim(employer_name) as employer_name,
        {{ to_money('annual_income') }} as annual_income_usd,
        customer_type,
        kyc_status,
        risk_rating,
        home_branch_code,
        customer_status,
        customer_status = 'ACTIVE' as is_active,
        {{ parse_date('date_of_birth', var('core_birth_date_formats')) }} as birth_date,
        onboarding_date,
        closed_date,
        _loaded_at,
        case
            when customer_id is null then 'MISSING_KEY'
            when
                date_of_birth is not null
                and {{ parse_date('date_of_birth', var('core_birth_date_formats')) }} is null
                then 'UNPARSEABLE_DATE'
            when onboarding_date is null then 'MISSING_KEY'
            when closed_date < onboarding_date then 'IMPOSSIBLE_DATE'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
