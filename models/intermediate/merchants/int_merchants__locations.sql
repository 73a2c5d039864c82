{#-
    One row per merchant location (the processor's merchant id), with the brand it belongs to. The
    brand is the location's name once its descriptors are cleaned (macros/staging/merchants.sql):
    aggregator prefixes, order codes, store numbers, city and state and truncation artefacts removed,
    so a chain's stores, printed as "GREENLEAF MARKET #0412 COLUMBUS OH", share one brand. A location
    whose descriptors clean to more than one name takes the most frequent. A name cut short by the
    descriptor's width (a franchised store's "SQ *SUNRISE SUPERMARKE") joins the brand whose longer
    name, with the same MCC, it begins; merchant_truncated_name_min_length says how short a cut name
    can be.
-#}
with

card_transactions as (
    select * from {{ ref('stg_cards__card_transactions') }}
),

postings as (
    select * from {{ ref('stg_core__postings') }}
),

observed as (
    select
        merchant_id,
        merchant_descriptor as descriptor,
        mcc,
        cast(authorized_at as date) as transaction_date
    from card_transactions
    where merchant_id is not null
    union all
    select
        merchant_id,
        counterparty_name as descriptor,
        mcc,
        value_date as transaction_date
    from postings
    where merchant_id is not null
),

-- Millions of rows print a few thousand distinct descriptors: count them first, clean each once.
descriptors as (
    select
        merchant_id,
        descriptor,
        mcc,
        count(*) as transaction_count,
        min(transaction_date) as first_seen_date,
        max(transaction_date) as last_seen_date
    from observed
    group by 1, 2, 3
),

cleaned as (
    select
        merchant_id,
        {{ merchant_brand_name('descriptor') }} as brand_name,
        {{ merchant_descriptor_city('descriptor') }} as city,
        {{ merchant_descriptor_state('descriptor') }} as state,
        mcc,
        transaction_count,
        first_seen_date,
        last_seen_date
    from descriptors
),

name_counts as (
    select
        merchant_id,
        brand_name,
        sum(transaction_count) as transaction_count
    from cleaned
    where brand_name is not null
    group by 1, 2
),

ranked_names as (
    select
        merchant_id,
        brand_name,
        row_number() over (partition by merchant_id order by transaction_count desc, brand_name asc) as name_rank
    from name_counts
),

locations as (
    select
        merchant_id,
        max(city) as city,
        max(state) as state,
        max(mcc) as mcc,
        cast(sum(transaction_count) as {{ dbt.type_bigint() }}) as transaction_count,
        min(first_seen_date) as first_seen_date,
        max(last_seen_date) as last_seen_date
    from cleaned
    group by 1
),

location_names as (
    select
        locations.merchant_id,
        locations.mcc,
        locations.transaction_count,
        coalesce(ranked_names.brand_name, locations.merchant_id) as cleaned_name
    from locations
    left join ranked_names
        on locations.merchant_id = ranked_names.merchant_id and ranked_names.name_rank = 1
),

name_totals as (
    select
        cleaned_name,
        mcc,
        sum(transaction_count) as transaction_count
    from location_names
    group by 1, 2
),

extensions as (
    select
        short_names.cleaned_name,
        short_names.mcc,
        long_names.cleaned_name as brand_name,
        row_number() over (
            partition by short_names.cleaned_name, short_names.mcc
            order by
                length(long_names.cleaned_name) desc,
                long_names.transaction_count desc,
                long_names.cleaned_name asc
        ) as extension_rank
    from name_totals as short_names
    inner join name_totals as long_names
        on
            short_names.mcc = long_names.mcc
            and starts_with(long_names.cleaned_name, short_names.cleaned_name)
            and short_names.cleaned_name != long_names.cleaned_name
    where length(short_names.cleaned_name) >= {{ var('merchant_truncated_name_min_length') }}
),

brands as (
    select
        location_names.merchant_id,
        coalesce(extensions.brand_name, location_names.cleaned_name) as brand_name
    from location_names
    left join extensions
        on
            location_names.cleaned_name = extensions.cleaned_name
            and location_names.mcc = extensions.mcc
            and extensions.extension_rank = 1
),

final as (
    select
        {{ surrogate_key(['brands.brand_name']) }} as merchant_key,
        locations.merchant_id,
        brands.brand_name,
        locations.city,
        locations.state,
        locations.mcc,
        locations.transaction_count,
        locations.first_seen_date,
        locations.last_seen_date
    from locations
    inner join brands on locations.merchant_id = brands.merchant_id
)

select * from final
