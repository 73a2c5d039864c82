-- Nothing is dropped on the way to one transaction grain: every clean posting and card transaction
-- is in int_transactions__unified (each resolves to a person through its account). Fails with the counts.
with

counts as (
    select
        (select count(*) from {{ ref('stg_core__postings') }})
        + (select count(*) from {{ ref('stg_cards__card_transactions') }}) as staged_rows,
        (select count(*) from {{ ref('int_transactions__unified') }}) as unified_rows
)

select * from counts
where staged_rows != unified_rows
