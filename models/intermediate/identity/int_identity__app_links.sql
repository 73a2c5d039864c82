{#- App users to resolved people: by email (the bank's own, or one a CRM contact of theirs uses), else by the
    verified mobile number together with the name the email address spells. -#}
with

users as (
    select * from {{ ref('stg_app__users') }}
),

people as (
    select * from {{ ref('int_identity__core_people') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

crm_links as (
    select * from {{ ref('int_identity__crm_links') }}
),

candidates as (
    select
        users.user_uuid as record_id,
        people.customer_key,
        'email' as match_method
    from users
    inner join people on users.email_canonical = people.email
    union all
    select
        users.user_uuid as record_id,
        crm_links.customer_key,
        'crm_email' as match_method
    from users
    inner join contacts on users.email_canonical = contacts.email_canonical
    inner join crm_links on contacts.contact_id = crm_links.record_id
    union all
    -- An address the bank has never seen still spells a name; with the verified mobile number it
    -- points at one person (the number alone does not: fictional numbers repeat across people).
    select
        users.user_uuid as record_id,
        people.customer_key,
        'phone_and_email_name' as match_method
    from users
    inner join people
        on
            users.phone_e164 = people.phone_e164
            and {{ regexp_replace_all(dbt.split_part('users.email_canonical', "'@'", 1), '[0-9]', '') }} in (
                people.first_name,
                people.first_name || '.' || people.last_name,
                people.first_name || '_' || people.last_name,
                left(people.first_name, 1) || people.last_name
            )
)

{{ best_unambiguous_match('candidates', 'app') }}
