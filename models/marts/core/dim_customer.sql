{#-
    One row per resolved person (every customer_key in customer_identity_map). Attributes come from
    the person's earliest core record (the cluster root). Records no identity rule could place share
    one unknown member (the map's unresolved key, is_core_customer false): a relationship manager sees
    real people only, not a second customer for every login nobody could tie to its owner, while their
    sessions and notes still count, under that member.
    The full SSN never leaves staging: only its last four digits appear here. The segment bands are the
    segment_*_usd vars in dbt_project.yml.
-#}
with

identity_map as (
    select * from {{ ref('customer_identity_map') }}
),

clusters as (
    select * from {{ ref('int_identity__core_clusters') }}
),

customers as (
    select * from {{ ref('stg_core__customers') }}
),

accounts as (
    select * from {{ ref('stg_core__accounts') }}
),

balances as (
    select * from {{ ref('stg_core__account_balances_monthly') }}
),

holdings as (
    select * from {{ ref('stg_core__securities_holdings') }}
),

people as (
    select
        customer_key,
        min(source_system) as first_source_system,
        count(*) as source_record_count,
        count(distinct source_system) as source_system_count
    from identity_map
    group by customer_key
),

golden as (
    select
        clusters.customer_key,
        customers.*
    from clusters
    inner join customers on clusters.root_id = customers.customer_id
    where clusters.customer_id = clusters.root_id
),

tenure as (
    select
        clusters.customer_key,
        min(customers.onboarding_date) as first_onboarding_date
    from clusters
    inner join customers on clusters.customer_id = customers.customer_id
    group by clusters.customer_key
),

as_of as (
    -- The latest month end the bank has balances and holdings for.
    select max(balance_date) as month_end from balances
),

latest_deposits as (
    -- Deposits (checking, savings, CDs) at the latest month end.
    select
        clusters.customer_key,
        sum(balances.closing_balance_usd) as deposits_usd
    from balances
    inner join as_of on balances.balance_date = as_of.month_end
    inner join accounts on balances.account_number = accounts.account_number
    inner join clusters on accounts.customer_id = clusters.customer_id
    where accounts.product_type in ('CASA', 'CD')
    group by clusters.customer_key
),

latest_investments as (
    select
        clusters.customer_key,
        sum(holdings.market_value_usd) as investments_usd
    from holdings
    inner join as_of on holdings.as_of_date = as_of.month_end
    inner join accounts on holdings.account_number = accounts.account_number
    inner join clusters on accounts.customer_id = clusters.customer_id
    group by clusters.customer_key
),

relationship as (
    -- Deposits, CDs and investments at the latest month end, per person.
    select
        people.customer_key,
        coalesce(latest_deposits.deposits_usd, 0) + coalesce(latest_investments.investments_usd, 0)
            as relationship_balance_usd
    from people
    left join latest_deposits on people.customer_key = latest_deposits.customer_key
    left join latest_investments on people.customer_key = latest_investments.customer_key
),

final as (
    select
        people.customer_key,
        golden.customer_id as primary_customer_id,
        people.first_source_system,
        golden.first_name,
        golden.last_name,
        '***-**-' || right(golden.ssn, 4) as ssn_masked,
        golden.email,
        golden.phone_e164,
        golden.address_line1,
        golden.city,
        golden.state_code,
        golden.postal_code,
        golden.job_title,
        golden.employer_name,
        golden.customer_type,
        golden.kyc_status,
        golden.risk_rating,
        golden.home_branch_code,
        case
            when golden.customer_id is null then null
            when relationship.relationship_balance_usd >= {{ var('segment_high_net_worth_usd') }} then 'High Net Worth'
            when relationship.relationship_balance_usd >= {{ var('segment_affluent_usd') }} then 'Affluent'
            else 'Mass Market'
        end as segment,
        people.source_record_count,
        people.source_system_count,
        golden.annual_income_usd,
        {{ to_money('relationship.relationship_balance_usd') }} as relationship_balance_usd,
        cast(
            -- dbt.datediff renders as one long expression
            {{ dbt.datediff('tenure.first_onboarding_date', 'as_of.month_end', 'month') }} / 12.0 as {{ float64_type() }}  -- noqa: LT05
        ) as tenure_years,
        golden.customer_id is not null as is_core_customer,
        coalesce(golden.is_active, false) as is_active,
        golden.birth_date,
        tenure.first_onboarding_date,
        golden.closed_date
    from people
    left join golden on people.customer_key = golden.customer_key
    left join tenure on people.customer_key = tenure.customer_key
    left join relationship on people.customer_key = relationship.customer_key
    cross join as_of
)

select * from final
