with

source as (
    select * from {{ source('core', 'account_balances_monthly') }}
),

cleaned as (
    select
        account_number,
        {{ to_money('opening_balance') }} as opening_balance_usd,
        {{ to_money('total_credits') }} as total_credits_usd,
        {{ to_money('total_debits') }} as total_debits_usd,
        {{ to_money('closing_balance') }} as closing_balance_usd,
        balance_date,
        _loaded_at,
        case
            when account_number is null or balance_date is null then 'MISSING_KEY'
            when total_credits < 0 or total_debits < 0 then 'IMPOSSIBLE_AMOUNT'
            when closing_balance != opening_balance + total_credits - total_debits then 'UNBALANCED'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
