{#-
    AUM and LUM in portfolio_monthly are the asset and owed balances of fact_account_snapshot for the
    same month end: deposits and CDs (closing balance) plus brokerage market value; loans and cards
    owed. Returns the months where they differ.
-#}
with

portfolio as (
    select
        month_end_date,
        sum(aum_usd) as portfolio_aum_usd,
        sum(lum_usd) as portfolio_lum_usd
    from {{ ref('portfolio_monthly') }}
    group by month_end_date
),

snapshots as (
    select
        month_end_date,
        sum(case when product_type in ('CASA', 'CD', 'SECURITIES') then closing_balance_usd else 0 end)
            as snapshot_aum_usd,
        -sum(case when product_type in ('LOAN', 'CARD') then closing_balance_usd else 0 end)
            as snapshot_lum_usd
    from {{ ref('fact_account_snapshot') }}
    group by month_end_date
)

select
    coalesce(portfolio.month_end_date, snapshots.month_end_date) as month_end_date,
    portfolio.portfolio_aum_usd,
    snapshots.snapshot_aum_usd,
    portfolio.portfolio_lum_usd,
    snapshots.snapshot_lum_usd
from portfolio
full outer join snapshots on portfolio.month_end_date = snapshots.month_end_date
where
    coalesce(portfolio.portfolio_aum_usd, 0) <> coalesce(snapshots.snapshot_aum_usd, 0)
    or coalesce(portfolio.portfolio_lum_usd, 0) <> coalesce(snapshots.snapshot_lum_usd, 0)
