{#-
    Estimated balance of each holding elsewhere that sends money through the bank, per customer, counterparty
    and month end: annuity inversion of loan instalments, card statement payments times a ratio, deposits from
    accumulated net transfers. The rules and their assumptions (dbt vars wallet_*) are in the model's
    description (_wallet__models.yml) and the wallet_share_monthly doc block.
-#}
with

flows as (
    select * from {{ ref('int_wallet__external_flows') }}
),

customers as (
    select
        customer_key,
        annual_income_usd
    from {{ ref('dim_customer') }}
),

data_start as (
    select min(month_end_date) as first_month_end from flows
),

months as (
    -- Every month end the core system reports balances for: the grid the estimates are carried over.
    select distinct balance_date as month_end_date from {{ ref('stg_core__account_balances_monthly') }}
),

holdings as (
    select
        customer_key,
        product_family,
        counterparty_name,
        min(month_end_date) as first_flow_month_end
    from flows
    group by customer_key, product_family, counterparty_name
),

-- Each payment with the one before it: a loan's last instalment is whatever is left, so one well below
-- the instalment before it marks the loan paid off.
payment_steps as (
    select
        customer_key,
        product_family,
        counterparty_name,
        month_end_date,
        payment_usd,
        lag(payment_usd) over (
            partition by customer_key, product_family, counterparty_name order by month_end_date
        ) as previous_payment_usd
    from flows
    where payment_usd > 0
),

-- Every month end from a holding's first flow on, with that month's flows (zero when none).
holding_months as (
    select
        holdings.customer_key,
        holdings.product_family,
        holdings.counterparty_name,
        holdings.first_flow_month_end,
        months.month_end_date,
        coalesce(flows.payment_usd, 0) as payment_usd,
        coalesce(flows.net_transfer_out_usd, 0) as net_transfer_out_usd,
        case when flows.flow_count > 0 then 1 else 0 end as has_flow
    from holdings
    inner join months on holdings.first_flow_month_end <= months.month_end_date
    left join flows
        on
            holdings.customer_key = flows.customer_key
            and holdings.counterparty_name = flows.counterparty_name
            and holdings.product_family = flows.product_family
            and months.month_end_date = flows.month_end_date
),

running as (
    select
        *,
        sum(has_flow) over (
            partition by customer_key, product_family, counterparty_name order by month_end_date
            rows between unbounded preceding and current row
        ) as months_with_flow,
        max(has_flow) over (
            partition by customer_key, product_family, counterparty_name order by month_end_date
            rows between 1 preceding and current row
        ) as flowed_recently,
        max(case when payment_usd > 0 then month_end_date end) over (
            partition by customer_key, product_family, counterparty_name order by month_end_date
            rows between unbounded preceding and current row
        ) as last_payment_month_end,
        sum(net_transfer_out_usd) over (
            partition by customer_key, product_family, counterparty_name order by month_end_date
            rows between unbounded preceding and current row
        ) as accumulated_net_out_usd
    from holding_months
),

with_payment as (
    select
        running.*,
        payments.payment_usd as latest_payment_usd,
        payments.payment_usd < {{ var('wallet_final_instalment_share') }} * payments.previous_payment_usd
            as latest_is_final,
        min(running.accumulated_net_out_usd) over (
            partition by running.customer_key, running.product_family, running.counterparty_name
            order by running.month_end_date rows between unbounded preceding and current row
        ) as lowest_accumulated_net_out_usd
    from running
    left join payment_steps as payments
        on
            running.customer_key = payments.customer_key
            and running.product_family = payments.product_family
            and running.counterparty_name = payments.counterparty_name
            and running.last_payment_month_end = payments.month_end_date
),

terms as (
    select
        with_payment.*,
        case with_payment.product_family
            when 'mortgage' then {{ var('wallet_mortgage_rate') }}
            when 'auto_loan' then {{ var('wallet_auto_loan_rate') }}
            when 'student_loan' then {{ var('wallet_student_loan_rate') }}
            when 'personal_loan' then {{ var('wallet_personal_loan_rate') }}
        end / 12.0 as monthly_rate,
        case with_payment.product_family
            when 'mortgage' then {{ var('wallet_mortgage_term_months') }}
            when 'auto_loan' then {{ var('wallet_auto_loan_term_months') }}
            when 'student_loan' then {{ var('wallet_student_loan_term_months') }}
            when 'personal_loan' then {{ var('wallet_personal_loan_term_months') }}
        end as term_months,
        with_payment.first_flow_month_end > (select data_start.first_month_end from data_start) as opened_in_window
    from with_payment
),

remaining as (
    select
        *,
        greatest(
            case
                when opened_in_window then term_months - months_with_flow
                else (term_months - months_with_flow) / 2.0
            end,
            {{ var('wallet_min_remaining_months') }}
        ) as remaining_months
    from terms
),

estimated as (
    select
        remaining.*,
        case
            when remaining.product_family = 'deposit'
                then
                    remaining.accumulated_net_out_usd - least(remaining.lowest_accumulated_net_out_usd, 0)
                    + coalesce(customers.annual_income_usd, 0)
                    / 12.0
                    * {{ var('wallet_deposit_base_months_of_income') }}
            when remaining.product_family = 'credit_card'
                then remaining.latest_payment_usd * {{ var('wallet_card_balance_to_payment') }}
            else
                remaining.latest_payment_usd
                * (1 - power(1 + remaining.monthly_rate, -remaining.remaining_months)) / remaining.monthly_rate
        end as estimated_balance,
        case
            when remaining.product_family = 'deposit' then 'accumulated net transfers + base months of income'
            when remaining.product_family = 'credit_card' then 'latest statement payment x balance-to-payment ratio'
            else 'annuity inversion of the latest instalment'
        end as estimation_method
    from remaining
    left join customers on remaining.customer_key = customers.customer_key
    where
        remaining.product_family = 'deposit'
        or (
            remaining.flowed_recently = 1 and remaining.latest_payment_usd > 0
            and (remaining.product_family = 'credit_card' or not coalesce(remaining.latest_is_final, false))
        )
)

select
    customer_key,
    month_end_date,
    product_family,
    counterparty_name,
    estimation_method,
    cast(months_with_flow as {{ dbt.type_bigint() }}) as months_with_flow,
    cast(
        case when product_family in ('deposit', 'credit_card') then null else remaining_months end
        as {{ dbt.type_bigint() }}
    ) as assumed_remaining_months,
    {{ to_money('latest_payment_usd') }} as latest_payment_usd,
    {{ float_to_money('greatest(estimated_balance, 0)') }} as estimated_balance_usd
from estimated
