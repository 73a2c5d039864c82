with

source as (
    select * from {{ source('branch', 'branches') }}
),

cleaned as (
    select
        sheet_row,
        branch_code,
        trim(branch_name) as branch_name_as_typed,
        {{ clean_branch_name('branch_name') }} as branch_name,
        trim(address) as address_line,
        trim({{ dbt.split_part('city_state', "','", 1) }}) as city,
        upper(trim({{ dbt.split_part('city_state', "','", 2) }})) as state_code,
        {{ phone_e164('phone') }} as phone_e164,
        relationship_managers,
        {{ parse_date('opened', var('free_text_date_formats')) }} as opened_date,
        _loaded_at,
        case
            when sheet_row is null or branch_name is null then 'MISSING_KEY'
            when opened is not null and {{ parse_date('opened', var('free_text_date_formats')) }} is null
                then 'UNPARSEABLE_DATE'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
