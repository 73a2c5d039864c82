with

merchants as (
    select * from {{ ref('merchants') }}
),

categories as (
    select * from {{ ref('merchant_categories') }}
),

final as (
    select
        {{ surrogate_key(['merchants.merchant_id']) }} as merchant_key,
        merchants.merchant_id,
        merchants.merchant_name,
        merchants.category_code,
        categories.category_name,
        merchants.mcc,
        categories.mcc_description,
        {{ to_money('merchants.subscription_price_usd') }} as subscription_price_usd,
        cast(merchants.is_subscription as {{ dbt.type_boolean() }}) as is_subscription,
        cast(merchants.accepts_foreign_currency as {{ dbt.type_boolean() }}) as accepts_foreign_currency
    from merchants
    left join categories on merchants.category_code = categories.category_code
)

select * from final
