{#-
    Net interest income in customer_profitability_monthly is the sum over accounts
    (int_profitability__account_months), month by month: no account month is lost or counted twice.
    Returns the months where the totals differ.
-#}
with

mart as (
    select
        month_end_date,
        sum(net_interest_income_usd) as mart_nii_usd
    from {{ ref('customer_profitability_monthly') }}
    group by month_end_date
),

accounts as (
    select
        month_end_date,
        sum(net_interest_income_usd) as account_nii_usd
    from {{ ref('int_profitability__account_months') }}
    group by month_end_date
)

select
    coalesce(mart.month_end_date, accounts.month_end_date) as month_end_date,
    mart.mart_nii_usd,
    accounts.account_nii_usd
from mart
full outer join accounts on mart.month_end_date = accounts.month_end_date
where coalesce(mart.mart_nii_usd, 0) <> coalesce(accounts.account_nii_usd, 0)
