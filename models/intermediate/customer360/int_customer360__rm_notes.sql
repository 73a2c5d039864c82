{#-
    One row per relationship-manager note about a real person, with the sentiment an analyst reads in
    it, so that the timeline and the alerts judge notes by one rule kept as data (the
    note_sentiment_terms seed) rather than by words buried in SQL. A note is negative when it contains
    any negative term, else positive when it contains any positive term, else neutral (case-insensitive
    substring match). The deciding term is the one of the winning sentiment that appears first in the
    note (the longer one on a tie). The person comes from fact_interaction, where the note was resolved
    once; notes no identity rule could place (is_resolved false in customer_identity_map, dim_customer's
    unknown member) are left out.
-#}
with

notes as (
    select * from {{ ref('stg_branch__rm_notes') }}
),

interactions as (
    select * from {{ ref('fact_interaction') }}
    where source_table = 'rm_note'
),

identity_map as (
    select * from {{ ref('customer_identity_map') }}
    where source_system = 'branch'
),

terms as (
    select * from {{ ref('note_sentiment_terms') }}
),

resolved as (
    select
        notes.note_id,
        interactions.customer_key,
        interactions.branch_code,
        notes.rm_name,
        notes.note_text,
        notes.note_date
    from notes
    inner join interactions on notes.note_id = interactions.source_interaction_id
    inner join identity_map on notes.note_id = identity_map.source_record_id
    where identity_map.is_resolved
),

-- Every term each note contains, at the place it first appears.
matches as (
    select
        resolved.note_id,
        terms.term,
        terms.sentiment,
        {{ dbt.position('lower(terms.term)', 'lower(resolved.note_text)') }} as term_position
    from resolved
    cross join terms
),

deciding as (
    select
        note_id,
        term,
        sentiment,
        row_number() over (
            partition by note_id
            order by
                case when sentiment = 'negative' then 0 else 1 end asc,
                term_position asc,
                length(term) desc,
                term asc
        ) as match_rank
    from matches
    where term_position > 0
),

final as (
    select
        resolved.note_id,
        resolved.customer_key,
        resolved.rm_name as relationship_manager,
        resolved.branch_code,
        resolved.note_text,
        coalesce(deciding.sentiment, 'neutral') as sentiment,
        deciding.term as matched_term,
        resolved.note_date
    from resolved
    left join deciding on resolved.note_id = deciding.note_id and deciding.match_rank = 1
)

select * from final
