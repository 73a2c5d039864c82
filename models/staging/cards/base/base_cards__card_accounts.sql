with

source as (
    select * from {{ source('cards', 'card_accounts') }}
),

cleaned as (
    select
        card_account_id,
        product_name,
        {{ clean_name('cardholder_name') }} as cardholder_name,
        account_state,
        billing_postal_code,
        {{ to_money('credit_limit') }} as credit_limit_usd,
        apr as purchase_apr,
        account_state = 'OPEN' as is_open,
        opened_date,
        closed_date,
        _loaded_at,
        case
            when card_account_id is null or opened_date is null then 'MISSING_KEY'
            when account_state not in ('OPEN', 'CLOSED') then 'UNKNOWN_CODE'
            when credit_limit < 0 then 'IMPOSSIBLE_AMOUNT'
            when closed_date < opened_date then 'IMPOSSIBLE_DATE'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
