{#- CRM contacts to resolved people: the agent's core link, then email, then phone and surname, then name and state. -#}
with

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

people as (
    select * from {{ ref('int_identity__core_people') }}
),

candidates as (
    select
        contacts.contact_id as record_id,
        people.customer_key,
        'crm_core_link' as match_method
    from contacts
    inner join people on contacts.core_customer_id = people.customer_id
    union all
    select
        contacts.contact_id as record_id,
        people.customer_key,
        'email' as match_method
    from contacts
    inner join people on contacts.email_canonical = people.email
    union all
    select
        contacts.contact_id as record_id,
        people.customer_key,
        'phone_and_surname' as match_method
    from contacts
    inner join people
        on contacts.phone_e164 = people.phone_e164 and lower(contacts.last_name) = people.last_name
    union all
    select
        contacts.contact_id as record_id,
        people.customer_key,
        'name_and_state' as match_method
    from contacts
    inner join people
        on
            lower(contacts.first_name) = people.first_name
            and lower(contacts.last_name) = people.last_name
            and contacts.mailing_state_code = people.state_code
)

{{ best_unambiguous_match('candidates', 'crm') }}
