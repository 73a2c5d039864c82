{#-
    Accounts and policies opened and ended, one row each, in the customer_timeline's shape. A CD whose
    maturity date came by its close (or by the data's last date) matured, a paid-off loan was paid off, a
    policy was cancelled, any other account closed. Read from dim_account and dim_product.
-#}
with

accounts as (
    select * from {{ ref('dim_account') }}
),

products as (
    select * from {{ ref('dim_product') }}
),

as_of as (
    -- The data's last date: a CD has matured by this day.
    select max(transaction_date) as last_date from {{ ref('fact_transaction') }}
),

account_ends as (
    select
        accounts.*,
        products.product_name,
        case
            when
                accounts.account_type = 'CD'
                and accounts.maturity_date <= coalesce(accounts.close_date, as_of.last_date)
                then 'cd_matured'
            when accounts.close_date is null then null
            when accounts.account_type = 'INSURANCE' then 'policy_cancelled'
            when accounts.account_status = 'PAID_OFF' then 'loan_paid_off'
            else 'account_closed'
        end as end_type
    from accounts
    inner join products on accounts.product_key = products.product_key
    cross join as_of
),

events as (
    select
        customer_key,
        case when account_type = 'INSURANCE' then 'policy_opened' else 'account_opened' end as event_type,
        'ACCOUNT' as event_category,
        'core' as source_system,
        {{ dbt.concat(["case when account_type = 'INSURANCE' then 'Took out ' else 'Opened ' end",
            'product_name', "' '", 'account_number']) }} as description,
        original_principal_usd as amount_usd,
        account_number as related_id,
        open_date as event_date,
        cast(null as {{ dbt.type_timestamp() }}) as event_at
    from account_ends
    union all
    select
        customer_key,
        end_type as event_type,
        'ACCOUNT' as event_category,
        'core' as source_system,
        {{ dbt.concat(["case end_type when 'cd_matured' then 'Matured ' when 'loan_paid_off' then 'Paid off '"
            ~ " when 'policy_cancelled' then 'Cancelled ' else 'Closed ' end", 'product_name', "' '",
            'account_number']) }} as description,
        cast(null as {{ money_type() }}) as amount_usd,
        account_number as related_id,
        case when end_type = 'cd_matured' then maturity_date else close_date end as event_date,
        cast(null as {{ dbt.type_timestamp() }}) as event_at
    from account_ends
    where end_type is not null
)

select * from events
