{#-
    One row per customer-identifying source record, with the person (customer_key) it belongs to,
    how it was matched and how sure the match is (the identity_match_rules seed). Records no rule can
    place are kept, never dropped, but resolve to nobody: is_resolved is false, match_method
    'unmatched' (with that rule's confidence from the seed), and customer_key the one unresolved key
    (dim_customer's unknown member), so that a record identifying nobody never shows up as a customer
    of its own, a duplicate of a real one.
-#}
with

rules as (
    select * from {{ ref('identity_match_rules') }}
),

core as (
    select
        'core' as source_system,
        customer_id as source_record_id,
        customer_key,
        match_method,
        match_confidence,
        true as is_resolved
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
            coalesce(links.customer_key, {{ surrogate_key(["'unresolved'"]) }}) as customer_key,
            case when links.record_id is null then unmatched.match_method else links.match_method end
                as match_method,
            case when links.record_id is null then unmatched.match_confidence else links.match_confidence end
                as match_confidence,
            links.record_id is not null as is_resolved
        from {{ ref(model) }} as records
        left join {{ ref('int_identity__' ~ system ~ '_links') }} as links on records.{{ key }} = links.record_id
        left join rules as unmatched
            on unmatched.source_system = '{{ system }}' and unmatched.match_method = 'unmatched'
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
