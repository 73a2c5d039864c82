{#- Card accounts to resolved people through core banking, which records each card account it issued. -#}
with

cards as (
    select * from {{ ref('stg_cards__card_accounts') }}
),

accounts as (
    select * from {{ ref('stg_core__accounts') }}
),

clusters as (
    select * from {{ ref('int_identity__core_clusters') }}
),

candidates as (
    select
        cards.card_account_id as record_id,
        clusters.customer_key,
        'core_card_account' as match_method
    from cards
    inner join accounts on cards.card_account_id = accounts.account_number
    inner join clusters on accounts.customer_id = clusters.customer_id
)

{{ best_unambiguous_match('candidates', 'cards') }}
