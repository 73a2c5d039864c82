-- Every staged account and insurance policy reaches dim_account (each owner resolves to a person).
-- Fails with the counts.
with

counts as (
    select
        (select count(*) from {{ ref('stg_core__accounts') }})
        + (select count(*) from {{ ref('stg_core__insurance_policies') }}) as staged_accounts,
        (select count(*) from {{ ref('dim_account') }}) as dimension_rows
)

select * from counts
where staged_accounts != dimension_rows
