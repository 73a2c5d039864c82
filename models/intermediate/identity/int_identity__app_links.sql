{#- App users to resolved people: by email (the bank's own, or one a CRM contact of theirs uses), else by the
    verified mobile number together with the name the email address spells. -#}
with

users as (
    select * from {{ ref('stg_app__users') }}
),

people as (
    select * from {{ ref('int_identity__core_people') }}
),

known_names as (
    select * from {{ ref('int_identity__known_names') }}
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
    -- An address the bank has never seen still spells a name (one the bank knows for the person, from
    -- core or a linked CRM contact: an address keeps a surname a marriage changed); with the verified
    -- mobile number it points at one person (the number alone does not: fictional numbers repeat).
    select
        users.user_uuid as record_id,
        known_names.customer_key,
        'phone_and_email_name' as match_method
    from users
    inner join known_names
        on
            users.phone_e164 = known_names.phone_e164
            and {{ regexp_replace_all(dbt.split_part('users.email_canonical', "'@'", 1), '[0-9]', '') }} in (
                known_names.first_name,
                known_names.first_name || '.' || known_names.last_name,
                known_names.first_name || '_' || known_names.last_name,
                left(known_names.first_name, 1) || known_names.last_name
            )
)

{{ best_unambiguous_match('candidates', 'app') }}
