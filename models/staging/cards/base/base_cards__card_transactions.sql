{#- Foreign amounts become USD with the month's rate from the fx_rates seed: round(amount / rate, 2),
    the same rule the bank bills by, so card ledgers reconcile to the cent. -#}
with

source as (
    select * from {{ source('cards', 'card_transactions') }}
),

fx_rates as (
    select * from {{ ref('fx_rates') }}
),

cleaned as (
    select
        source.card_txn_id,
        source.card_account_id,
        source.txn_type,
        source.txn_status,
        source.merchant_id,
        source.merchant_descriptor,
        source.mcc,
        source.merchant_country,
        source.currency_code as original_currency_code,
        {{ to_money('source.amount') }} as original_amount,
        fx_rates.units_per_usd as fx_units_per_usd,
        {{ to_money(
            "case when source.currency_code = 'USD' then source.amount "
            ~ "else round(cast(source.amount as " ~ float64_type() ~ ") / fx_rates.units_per_usd, 2) end"
        ) }} as amount_usd,
        source.txn_status = 'SETTLED' as is_settled,
        source.currency_code != 'USD' as is_foreign_currency,
        source.settlement_date,
        cast(source.authorized_at as {{ dbt.type_timestamp() }}) as authorized_at,
        source._loaded_at,
        case
            when source.card_txn_id is null or source.card_account_id is null then 'MISSING_KEY'
            when source.authorized_at is null then 'MISSING_KEY'
            when source.amount is null or source.amount <= 0 then 'IMPOSSIBLE_AMOUNT'
            when source.txn_type not in ('PURCHASE', 'PAYMENT', 'INTEREST', 'FEE') then 'UNKNOWN_CODE'
            when source.txn_status not in ('SETTLED', 'DECLINED', 'REVERSED') then 'UNKNOWN_CODE'
            when source.currency_code != 'USD' and fx_rates.units_per_usd is null then 'UNKNOWN_CURRENCY'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
    left join fx_rates
        on
            source.currency_code = fx_rates.currency_code
            and {{ month_start('source.authorized_at') }} = fx_rates.rate_month
)

select * from cleaned
