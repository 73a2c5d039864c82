with

source as (
    select * from {{ source('core', 'securities_holdings') }}
),

cleaned as (
    select
        account_number,
        symbol,
        quantity,
        {{ to_money('cost_basis') }} as cost_basis_usd,
        {{ to_money('market_price') }} as market_price_usd,
        {{ to_money('market_value') }} as market_value_usd,
        {{ to_money('market_value - cost_basis') }} as unrealized_gain_usd,
        as_of_date,
        _loaded_at,
        case
            when account_number is null or symbol is null or as_of_date is null then 'MISSING_KEY'
            when quantity < 0 or market_price < 0 or market_value < 0 then 'IMPOSSIBLE_AMOUNT'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
