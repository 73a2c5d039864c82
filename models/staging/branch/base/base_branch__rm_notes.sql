with

source as (
    select * from {{ source('branch', 'rm_notes') }}
),

cleaned as (
    select
        note_id,
        trim(branch_name) as branch_name_as_typed,
        {{ clean_branch_name('branch_name') }} as branch_name,
        trim(rm_name) as rm_name,
        trim(customer_ref) as customer_ref,
        case
            when {{ regexp_contains('customer_ref', '@') }} then {{ clean_email('customer_ref') }}
        end as customer_ref_email,
        note_text,
        {{ parse_date('note_date', var('free_text_date_formats')) }} as note_date,
        _loaded_at,
        case
            when note_id is null then 'MISSING_KEY'
            when note_date is null then 'MISSING_KEY'
            when {{ parse_date('note_date', var('free_text_date_formats')) }} is null then 'UNPARSEABLE_DATE'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
