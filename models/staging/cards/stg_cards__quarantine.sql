{{ config(materialized='table') }}

{{ quarantined_rows([
        ('card_accounts', 'base_cards__card_accounts', "card_account_id"),
        ('card_transactions', 'base_cards__card_transactions', "card_txn_id"),
]) }}
