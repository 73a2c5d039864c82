with

source as (
    select * from {{ source('core', 'accounts') }}
),

products as (
    select * from {{ ref('products') }}
),

cleaned as (
    select
        source.account_number,
        source.customer_id,
        source.product_code,
        products.product_type,
        products.product_subtype,
        products.product_name,
        source.account_status,
        source.currency_code,
        source.interest_rate,
        source.term_months,
        {{ to_money('source.original_principal') }} as original_principal_usd,
        {{ to_money('source.instalment_amount') }} as instalment_amount_usd,
        {{ to_money('source.credit_limit') }} as credit_limit_usd,
        source.account_status = 'ACTIVE' as is_open,
        source.open_date,
        source.close_date,
        source.maturity_date,
        source._loaded_at,
        case
            when source.account_number is null or source.customer_id is null then 'MISSING_KEY'
            when products.product_code is null then 'UNKNOWN_CODE'
            when source.account_status not in ('ACTIVE', 'CLOSED', 'MATURED', 'PAID_OFF') then 'UNKNOWN_CODE'
            when source.open_date is null then 'MISSING_KEY'
            when source.close_date < source.open_date then 'IMPOSSIBLE_DATE'
            when source.credit_limit < 0 or source.original_principal < 0 then 'IMPOSSIBLE_AMOUNT'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
    left join products on source.product_code = products.product_code
)

select * from cleaned
