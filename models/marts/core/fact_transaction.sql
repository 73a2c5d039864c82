{#-
    Every core posting and card-processor transaction, one row each, with the resolved person, the
    account, the merchant brand and whether it belongs to a recurring series (detected in
    int_transactions__recurring_series from cadence and amount).

    Incremental: a run merges only the rows that are new or whose derived attributes changed since
    the last run. Recurrence is a property of a whole series, so a new month can turn earlier rows
    recurring (a third monthly payment) or not; identity resolution can move an account to another
    person; and new descriptors can move a merchant location to another brand. Comparing those
    attributes with the table finds every such row, so an incremental run gives the same table as a
    full refresh. A source row that disappears needs --full-refresh; the keeps_every_row test says so
    when it happens.
-#}
{{
    config(
        materialized='incremental',
        unique_key='transaction_key',
        incremental_strategy='merge',
        on_schema_change='fail',
        partition_by=month_partition('transaction_date'),
        cluster_by=['customer_key'],
    )
}}

with

unified as (
    select * from {{ ref('int_transactions__unified') }}
),

recurring_series as (
    select * from {{ ref('int_transactions__recurring_series') }}
),

merchant_locations as (
    select * from {{ ref('int_merchants__locations') }}
),

enriched as (
    select
        unified.transaction_key,
        unified.customer_key,
        {{ surrogate_key(['unified.account_number']) }} as account_key,
        merchant_locations.merchant_key,
        {{ date_key('unified.transaction_date') }} as date_key,
        recurring_series.series_key as recurring_series_key,
        unified.source_system,
        unified.source_transaction_id,
        unified.account_number,
        unified.transaction_code,
        unified.transaction_type,
        unified.counterparty_type,
        unified.counterparty_name,
        unified.transaction_status,
        recurring_series.detection_rule as recurrence_rule,
        unified.original_currency_code,
        unified.original_amount,
        unified.amount_usd,
        unified.signed_amount_usd,
        unified.is_credit,
        recurring_series.transaction_key is not null as is_recurring,
        unified.transaction_date,
        unified.transaction_at
    from unified
    left join recurring_series on unified.transaction_key = recurring_series.transaction_key
    left join merchant_locations on unified.merchant_id = merchant_locations.merchant_id
),

{% if is_incremental() %}

current_rows as (
    select
        transaction_key,
        customer_key,
        merchant_key,
        recurring_series_key,
        transaction_status
    from {{ this }}
),

{% endif %}

final as (
    select enriched.*
    from enriched
    {% if is_incremental() %}
        left join current_rows on enriched.transaction_key = current_rows.transaction_key
        where
            current_rows.transaction_key is null
            or enriched.customer_key != current_rows.customer_key
            or enriched.transaction_status != current_rows.transaction_status
            or coalesce(enriched.merchant_key, '') != coalesce(current_rows.merchant_key, '')
            or coalesce(enriched.recurring_series_key, '') != coalesce(current_rows.recurring_series_key, '')
    {% endif %}
)

select * from final
