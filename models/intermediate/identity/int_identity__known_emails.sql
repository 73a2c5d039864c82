{#- Every email address known to belong to a resolved person, from core records and from CRM contacts
    and app users already linked to them, so that a note naming a customer by email finds them even
    when core banking never recorded that address. -#}
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

users as (
    select * from {{ ref('stg_app__users') }}
),

app_links as (
    select * from {{ ref('int_identity__app_links') }}
),

emails as (
    select
        email,
        customer_key
    from people
    where email is not null
    union all
    select
        contacts.email_canonical as email,
        crm_links.customer_key
    from contacts
    inner join crm_links on contacts.contact_id = crm_links.record_id
    where contacts.email_canonical is not null
    union all
    select
        users.email_canonical as email,
        app_links.customer_key
    from users
    inner join app_links on users.user_uuid = app_links.record_id
    where users.email_canonical is not null
),

final as (
    -- An address two people share proves nothing, so it is left out.
    select
        email,
        min(customer_key) as customer_key
    from emails
    group by email
    having count(distinct customer_key) = 1
)

select * from final
