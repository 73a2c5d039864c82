{#-
    One row per name the bank knows for a resolved person, with every branch and phone core banking
    holds for them: the names on their core records, the names on the CRM contacts an agent linked to
    them (or that share their email), and the name their own email address spells (first.last or
    first_last, when the first name is theirs). The CRM and email addresses keep the name they were
    created with, so after a surname change the bank still knows the old one, which people go on using.
-#}
with

people as (
    select * from {{ ref('int_identity__core_people') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

crm_links as (
    select * from {{ ref('int_identity__crm_links') }}
),

core_names as (
    select
        customer_key,
        first_name,
        last_name,
        home_branch_code,
        phone_e164,
        'core' as name_source
    from people
),

crm_names as (
    select
        people.customer_key,
        lower(contacts.first_name) as first_name,
        lower(contacts.last_name) as last_name,
        people.home_branch_code,
        people.phone_e164,
        'crm' as name_source
    from contacts
    inner join crm_links on contacts.contact_id = crm_links.record_id
    inner join people on crm_links.customer_key = people.customer_key
    where crm_links.match_method in ('crm_core_link', 'email')
),

email_names as (
    select
        customer_key,
        {{ dbt.split_part('email_name', "'|'", 1) }} as first_name,
        {{ dbt.split_part('email_name', "'|'", 2) }} as last_name,
        home_branch_code,
        phone_e164,
        'email' as name_source
    from (
        select
            customer_key,
            first_name as core_first_name,
            home_branch_code,
            phone_e164,
            {{ regexp_replace_all(
                regexp_replace_all(dbt.split_part('email', "'@'", 1), '[0-9]', ''), '[._]', '|'
            ) }} as email_name
        from people
        where email is not null
    ) as spelled
    where
        email_name like '%|%'
        and {{ dbt.split_part('email_name', "'|'", 1) }} = core_first_name
),

final as (
    select
        customer_key,
        first_name,
        last_name,
        home_branch_code,
        phone_e164,
        min(name_source) as name_source
    from (
        select * from core_names
        union all
        select * from crm_names
        union all
        select * from email_names
    ) as named
    group by 1, 2, 3, 4, 5
)

select * from final
