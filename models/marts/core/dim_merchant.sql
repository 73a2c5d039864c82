{#-
    One row per merchant brand: its locations (processor merchant ids) rolled up by cleaned
    descriptor name in int_merchants__locations. The category comes from the MCC through the
    merchant_categories seed; a brand is a subscription when most of its settled purchases belong
    to a monthly recurring series (merchant_subscription_min_recurring_share).
-#}
with

locations as (
    select * from {{ ref('int_merchants__locations') }}
),

categories as (
    select * from {{ ref('merchant_categories') }}
),

unified as (
    select * from {{ ref('int_transactions__unified') }}
),

recurring_series as (
    select * from {{ ref('int_transactions__recurring_series') }}
),

brands as (
    select
        merchant_key,
        max(brand_name) as merchant_name,
        max(mcc) as mcc,
        count(*) as location_count,
        count(distinct city || ', ' || state) as city_count,
        min(first_seen_date) as first_seen_date,
        max(last_seen_date) as last_seen_date
    from locations
    group by 1
),

purchases as (
    select
        locations.merchant_key,
        count(*) as purchase_count,
        count(recurring_series.transaction_key)
        >= {{ var('merchant_subscription_min_recurring_share') }} * count(*) as is_subscription
    from unified
    inner join locations on unified.merchant_id = locations.merchant_id
    left join recurring_series on unified.transaction_key = recurring_series.transaction_key
    where
        unified.transaction_status = 'SETTLED'
        and unified.transaction_code in ('CARD_PURCHASE', 'POS')
    group by 1
),

final as (
    select
        brands.merchant_key,
        brands.merchant_name,
        categories.category_code,
        categories.category_name,
        brands.mcc,
        categories.mcc_description,
        brands.location_count,
        brands.city_count,
        coalesce(purchases.purchase_count, 0) as purchase_count,
        coalesce(purchases.is_subscription, false) as is_subscription,
        brands.first_seen_date,
        brands.last_seen_date
    from brands
    left join categories on brands.mcc = categories.mcc
    left join purchases on brands.merchant_key = purchases.merchant_key
)

select * from final
