with

source as (
    select * from {{ source('core', 'postings') }}
),

transaction_codes as (
    select * from {{ ref('transaction_codes') }}
),

cleaned as (
    select
        source.posting_id,
        source.account_number,
        source.transaction_code,
        transaction_codes.transaction_label,
        source.counterparty_type,
        source.counterparty_name,
        source.merchant_id,
        source.mcc,
        {{ to_money('source.amount') }} as amount_usd,
        {{ to_money("case when source.dr_cr = 'CR' then source.amount else -source.amount end") }}
            as signed_amount_usd,
        source.dr_cr = 'CR' as is_credit,
        source.value_date,
        cast(source.posted_at as {{ dbt.type_timestamp() }}) as posted_at,
        source._loaded_at,
        case
            when source.posting_id is null or source.account_number is null then 'MISSING_KEY'
            when source.amount is null or source.amount <= 0 then 'IMPOSSIBLE_AMOUNT'
            when transaction_codes.transaction_code is null then 'UNKNOWN_CODE'
            when source.dr_cr not in ('DR', 'CR') then 'UNKNOWN_CODE'
            when source.posted_at is null or source.value_date is null then 'MISSING_KEY'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
    left join transaction_codes on source.transaction_code = transaction_codes.transaction_code
)

select * from cleaned
