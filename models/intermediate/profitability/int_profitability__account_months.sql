{#-
    One row per deposit, CD or loan account per month end (fact_account_snapshot): its net interest
    income by funds-transfer pricing. The average balance of the month (opening and closing) earns the
    spread between the account's rate and the funds-transfer-pricing (FTP) rate of its term bucket in
    force that month (ftp_rates seed): deposits earn FTP less the deposit rate, loans the loan rate
    less FTP. Cards are priced in customer_profitability_monthly from the interest the card processor
    charged; brokerage and insurance carry no interest spread. Every rate comes from dim_account or the
    seed.
-#}
with

snapshots as (
    select * from {{ ref('fact_account_snapshot') }}
),

accounts as (
    select * from {{ ref('dim_account') }}
),

ftp_rates as (
    select * from {{ ref('ftp_rates') }}
),

ftp_periods as (
    -- Each rate holds from its effective date until the bucket's next one.
    select
        term_bucket,
        min_term_months,
        max_term_months,
        ftp_rate,
        effective_date,
        lead(effective_date) over (partition by term_bucket order by effective_date) as next_effective_date
    from ftp_rates
),

priced as (
    select
        snapshots.account_number,
        snapshots.customer_key,
        snapshots.product_type,
        snapshots.month_end_date,
        -- What the bank holds for the customer (deposits) or lends (loans), positive.
        abs(snapshots.opening_balance_usd + snapshots.closing_balance_usd) / 2 as average_balance_usd,
        accounts.interest_rate as customer_rate,
        coalesce(accounts.term_months, 0) as term_months
    from snapshots
    inner join accounts on snapshots.account_number = accounts.account_number
    where snapshots.product_type in ('CASA', 'CD', 'LOAN')
),

spreads as (
    -- Deposits earn FTP less the deposit rate; loans the loan rate less FTP.
    select
        priced.*,
        ftp_periods.term_bucket,
        ftp_periods.ftp_rate,
        case
            when priced.product_type = 'LOAN' then priced.customer_rate - ftp_periods.ftp_rate
            else ftp_periods.ftp_rate - priced.customer_rate
        end as ftp_spread
    from priced
    inner join ftp_periods
        on
            priced.term_months between ftp_periods.min_term_months and ftp_periods.max_term_months
            and priced.month_end_date >= ftp_periods.effective_date
            and (
                ftp_periods.next_effective_date is null
                or priced.month_end_date < ftp_periods.next_effective_date
            )
),

final as (
    select
        account_number,
        customer_key,
        product_type,
        term_bucket,
        {{ float_to_money('average_balance_usd') }} as average_balance_usd,
        cast(customer_rate as {{ float64_type() }}) as customer_rate,
        cast(ftp_rate as {{ float64_type() }}) as ftp_rate,
        cast(ftp_spread as {{ float64_type() }}) as ftp_spread,
        -- Annual rates, one month's share, rounded to the cent on every engine.
        {{ float_to_money('average_balance_usd * ftp_spread / 12') }} as net_interest_income_usd,
        month_end_date
    from spreads
)

select * from final
