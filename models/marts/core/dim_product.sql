with

products as (
    select * from {{ ref('products') }}
),

final as (
    select
        {{ surrogate_key(['product_code']) }} as product_key,
        product_code,
        product_name,
        product_type,
        product_subtype,
        cast(base_rate as {{ float64_type() }}) as base_rate,
        cast(term_months as {{ dbt.type_bigint() }}) as term_months,
        {{ to_money('annual_fee_usd') }} as annual_fee_usd,
        product_type in ('LOAN', 'CARD') as is_credit_product,
        product_type in ('CASA', 'CD') as is_deposit_product
    from products
)

select * from final
