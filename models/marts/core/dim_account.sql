{#- Every account of every product type - deposit, card, loan, CD, brokerage and insurance policy - with its
    owner (the resolved person), product and the terms specific to its type. -#}
with

accounts as (
    select * from {{ ref('stg_core__accounts') }}
),

policies as (
    select * from {{ ref('stg_core__insurance_policies') }}
),

clusters as (
    select * from {{ ref('int_identity__core_clusters') }}
),

banking as (
    select
        account_number,
        customer_id,
        product_code,
        product_type,
        product_subtype,
        account_status,
        is_open,
        interest_rate,
        term_months,
        original_principal_usd,
        instalment_amount_usd,
        credit_limit_usd,
        cast(null as {{ money_type() }}) as coverage_amount_usd,
        cast(null as {{ money_type() }}) as annual_premium_usd,
        open_date,
        close_date,
        maturity_date
    from accounts
),

insurance as (
    select
        policy_number as account_number,
        customer_id,
        product_code,
        'INSURANCE' as product_type,
        policy_type as product_subtype,
        policy_status as account_status,
        is_in_force as is_open,
        cast(null as {{ float64_type() }}) as interest_rate,
        cast(null as {{ dbt.type_bigint() }}) as term_months,
        cast(null as {{ money_type() }}) as original_principal_usd,
        cast(null as {{ money_type() }}) as instalment_amount_usd,
        cast(null as {{ money_type() }}) as credit_limit_usd,
        coverage_amount_usd,
        annual_premium_usd,
        effective_date as open_date,
        cancelled_date as close_date,
        cast(null as date) as maturity_date
    from policies
),

unioned as (
    select * from banking
    union all
    select * from insurance
),

final as (
    select
        {{ surrogate_key(['unioned.account_number']) }} as account_key,
        unioned.account_number,
        clusters.customer_key,
        {{ surrogate_key(['unioned.product_code']) }} as product_key,
        unioned.customer_id as core_customer_id,
        unioned.product_code,
        unioned.product_type as account_type,
        unioned.product_subtype as account_subtype,
        unioned.account_status,
        cast(unioned.interest_rate as {{ float64_type() }}) as interest_rate,
        cast(unioned.term_months as {{ dbt.type_bigint() }}) as term_months,
        unioned.original_principal_usd,
        unioned.instalment_amount_usd,
        unioned.credit_limit_usd,
        unioned.coverage_amount_usd,
        unioned.annual_premium_usd,
        unioned.is_open,
        unioned.open_date,
        unioned.close_date,
        unioned.maturity_date
    from unioned
    inner join clusters on unioned.customer_id = clusters.customer_id
)

select * from final
