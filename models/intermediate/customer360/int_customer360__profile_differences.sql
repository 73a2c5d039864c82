{#-
    One row per source record that disagrees with its person's golden core record (the cluster root,
    dim_customer's primary record) about the surname or the address: the timeline's PROFILE events.
    The sources keep no change history, so a difference between two records is all the data shows of a
    marriage or a move, and which value is the newer one is not known. What can be compared:
    - surnames of the other core records and of CRM contacts, and the name on each card (first name and
      surname, as the card processor holds them);
    - the street line of the other core records: a record opened at another branch carries that
      branch's city, state and ZIP with the person's street line, so only the street line tells a move;
    - the mailing state of CRM contacts, all the CRM holds of an address.
    App users hold no name or address, and a card's billing ZIP, like every core ZIP, is a branch's. A
    difference is dated by the later of the two records' creation dates (core onboarding, CRM contact
    created, card opened), the first day both disagreeing records existed, not the day of the change.
-#}
with

clusters as (
    select * from {{ ref('int_identity__core_clusters') }}
),

identity_map as (
    select * from {{ ref('customer_identity_map') }}
),

core_customers as (
    select * from {{ ref('stg_core__customers') }}
),

crm_contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

card_accounts as (
    select * from {{ ref('stg_cards__card_accounts') }}
),

golden as (
    select
        clusters.customer_key,
        core_customers.customer_id,
        core_customers.last_name,
        {{ dbt.concat(['core_customers.first_name', "' '", 'core_customers.last_name']) }} as full_name,
        core_customers.address_line1,
        core_customers.state_code,
        core_customers.onboarding_date
    from clusters
    inner join core_customers on clusters.root_id = core_customers.customer_id
    where clusters.customer_id = clusters.root_id
),

-- Every other record of the person, with what it says of the name and the address.
others as (
    select
        clusters.customer_key,
        'core' as source_system,
        core_customers.customer_id as source_record_id,
        'surname' as name_kind,
        core_customers.last_name as name_value,
        'street_address' as address_kind,
        core_customers.address_line1 as address,
        core_customers.onboarding_date as record_date
    from clusters
    inner join core_customers on clusters.customer_id = core_customers.customer_id
    where clusters.customer_id != clusters.root_id
    union all
    select
        identity_map.customer_key,
        'crm' as source_system,
        crm_contacts.contact_id as source_record_id,
        'surname' as name_kind,
        crm_contacts.last_name as name_value,
        'mailing_state' as address_kind,
        crm_contacts.mailing_state_code as address,
        cast(crm_contacts.created_at as date) as record_date
    from identity_map
    inner join crm_contacts on identity_map.source_record_id = crm_contacts.contact_id
    where identity_map.source_system = 'crm' and identity_map.is_resolved
    union all
    select
        identity_map.customer_key,
        'cards' as source_system,
        card_accounts.card_account_id as source_record_id,
        'name_on_card' as name_kind,
        card_accounts.cardholder_name as name_value,
        cast(null as {{ dbt.type_string() }}) as address_kind,
        cast(null as {{ dbt.type_string() }}) as address,
        card_accounts.opened_date as record_date
    from identity_map
    inner join card_accounts on identity_map.source_record_id = card_accounts.card_account_id
    where identity_map.source_system = 'cards' and identity_map.is_resolved
),

compared as (
    select
        others.*,
        golden.customer_id as golden_record_id,
        case when others.name_kind = 'surname' then golden.last_name else golden.full_name end as golden_name,
        case when others.address_kind = 'street_address' then golden.address_line1 else golden.state_code end
            as golden_address,
        case
            when golden.onboarding_date > others.record_date then golden.onboarding_date
            else coalesce(others.record_date, golden.onboarding_date)
        end as later_record_date
    from others
    inner join golden on others.customer_key = golden.customer_key
),

final as (
    -- Names and addresses are compared in lower case: the systems clean them alike, but not always.
    select
        customer_key,
        source_system,
        source_record_id,
        golden_record_id,
        name_kind as attribute_name,
        golden_name as golden_value,
        name_value as record_value,
        later_record_date
    from compared
    where lower(name_value) != lower(golden_name)
    union all
    select
        customer_key,
        source_system,
        source_record_id,
        golden_record_id,
        address_kind as attribute_name,
        golden_address as golden_value,
        address as record_value,
        later_record_date
    from compared
    where lower(address) != lower(golden_address)
)

select * from final
