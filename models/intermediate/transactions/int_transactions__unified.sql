{#-
    Core postings and card-processor transactions on one grain, from the customer's side: amounts in
    USD (originals kept), credits positive in signed_amount_usd, a counterparty on every row, and the
    resolved person. Declined and reversed card attempts are kept and flagged, not dropped.

    A view, not a table: its 7 million rows are read whole only by fact_transaction, which stores them;
    writing them twice cost a fifth of the build. Its row count and keys are tested on fact_transaction.
-#}
{{ config(materialized='view') }}

with

postings as (
    select * from {{ ref('stg_core__postings') }}
),

accounts as (
    select * from {{ ref('stg_core__accounts') }}
),

card_transactions as (
    select * from {{ ref('stg_cards__card_transactions') }}
),

clusters as (
    select * from {{ ref('int_identity__core_clusters') }}
),

card_links as (
    select * from {{ ref('int_identity__cards_links') }}
),

core_rows as (
    select
        'core' as source_system,
        cast(postings.posting_id as {{ dbt.type_string() }}) as source_transaction_id,
        postings.account_number,
        clusters.customer_key,
        postings.transaction_code,
        postings.transaction_label as transaction_type,
        postings.counterparty_type,
        postings.counterparty_name,
        postings.merchant_id,
        'USD' as original_currency_code,
        postings.amount_usd as original_amount,
        postings.amount_usd,
        postings.signed_amount_usd,
        'SETTLED' as transaction_status,
        postings.is_credit,
        postings.posted_at as transaction_at,
        postings.value_date as transaction_date
    from postings
    inner join accounts on postings.account_number = accounts.account_number
    inner join clusters on accounts.customer_id = clusters.customer_id
),

card_rows as (
    select
        'cards' as source_system,
        cast(card_transactions.card_txn_id as {{ dbt.type_string() }}) as source_transaction_id,
        card_transactions.card_account_id as account_number,
        card_links.customer_key,
        'CARD_' || card_transactions.txn_type as transaction_code,
        case card_transactions.txn_type
            when 'PURCHASE' then 'Card purchase'
            when 'PAYMENT' then 'Card payment received'
            when 'INTEREST' then 'Card interest charged'
            else 'Card fee'
        end as transaction_type,
        case card_transactions.txn_type
            when 'PURCHASE' then 'MERCHANT'
            when 'PAYMENT' then 'INTERNAL_TRANSFER'
            else 'BANK'
        end as counterparty_type,
        card_transactions.merchant_descriptor as counterparty_name,
        card_transactions.merchant_id,
        card_transactions.original_currency_code,
        card_transactions.original_amount,
        card_transactions.amount_usd,
        case
            when card_transactions.txn_type = 'PAYMENT' then card_transactions.amount_usd
            else -card_transactions.amount_usd
        end as signed_amount_usd,
        card_transactions.txn_status as transaction_status,
        card_transactions.txn_type = 'PAYMENT' as is_credit,
        card_transactions.authorized_at as transaction_at,
        cast(card_transactions.authorized_at as date) as transaction_date
    from card_transactions
    inner join card_links on card_transactions.card_account_id = card_links.record_id
),

unioned as (
    select * from core_rows
    union all
    select * from card_rows
),

final as (
    select
        {{ surrogate_key(['source_system', 'source_transaction_id']) }} as transaction_key,
        *
    from unioned
)

select * from final
