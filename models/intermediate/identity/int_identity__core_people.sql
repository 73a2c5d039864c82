{#- What core banking knows of each resolved person: every name, email, phone and branch on any of their records. -#}
with

customers as (
    select * from {{ ref('stg_core__customers') }}
),

clusters as (
    select * from {{ ref('int_identity__core_clusters') }}
),

final as (
    select
        clusters.customer_key,
        customers.customer_id,
        lower(customers.first_name) as first_name,
        lower(customers.last_name) as last_name,
        customers.email,
        customers.phone_e164,
        customers.state_code,
        customers.home_branch_code
    from customers
    inner join clusters on customers.customer_id = clusters.customer_id
)

select * from final
