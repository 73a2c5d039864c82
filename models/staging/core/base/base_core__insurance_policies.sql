with

source as (
    select * from {{ source('core', 'insurance_policies') }}
),

products as (
    select * from {{ ref('products') }}
),

cleaned as (
    select
        source.policy_number,
        source.customer_id,
        source.product_code,
        products.product_subtype as policy_type,
        products.product_name,
        source.premium_frequency,
        source.policy_status,
        {{ to_money('source.coverage_amount') }} as coverage_amount_usd,
        {{ to_money('source.annual_premium') }} as annual_premium_usd,
        source.policy_status = 'IN_FORCE' as is_in_force,
        source.effective_date,
        source.cancelled_date,
        source._loaded_at,
        case
            when source.policy_number is null or source.customer_id is null then 'MISSING_KEY'
            when products.product_code is null or products.product_type != 'INSURANCE' then 'UNKNOWN_CODE'
            when source.coverage_amount <= 0 or source.annual_premium < 0 then 'IMPOSSIBLE_AMOUNT'
            when source.cancelled_date < source.effective_date then 'IMPOSSIBLE_DATE'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
    left join products on source.product_code = products.product_code
)

select * from cleaned
