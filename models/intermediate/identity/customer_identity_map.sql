{#-
    One row per customer-identifying source record, with the person (customer_key) it belongs to,
    how it was matched and how sure the match is. Records no rule can place get a key of their own
    (match_method 'unmatched', confidence 0): they are kept, never dropped.
-#}
with

core as (
    select
        'core' as source_system,
        customer_id as source_record_id,
        customer_key,
        match_method,
        match_confidence
    from {{ ref('int_identity__core_clusters') }}
),

{% for system, model, key in [
    ('crm', 'stg_crm__contacts', 'contact_id'),
    ('app', 'stg_app__users', 'user_uuid'),
    ('branch', 'stg_branch__rm_notes', 'note_id'),
    ('cards', 'stg_cards__card_accounts', 'card_account_id'),
] %}
    {{ system }}_records as (
        select
            '{{ system }}' as source_system,
            records.{{ key }} as source_record_id,
            coalesce(links.customer_key, {{ surrogate_key(["'" ~ system ~ "'", 'records.' ~ key]) }}) as customer_key,
            coalesce(links.match_method, 'unmatched') as match_method,
            coalesce(links.match_confidence, 0.0) as match_confidence
        from {{ ref(model) }} as records
        left join {{ ref('int_identity__' ~ system ~ '_links') }} as links on records.{{ key }} = links.record_id
    ),

{% endfor %}
final as (
    select * from core
    union all
    select * from crm_records
    union all
    select * from app_records
    union all
    select * from branch_records
    union all
    select * from cards_records
)

select * from final
