{#-
    What the customer did with their money, per customer and month end, from settled transactions on or
    before that month end only (every window looks back, so a past month's figures never see later data):
    customer-initiated spending and its trend, payroll, money sent to other banks, travel and children's
    spending. Trends compare the last 3 months with the customer's own baseline, the 12 months before them
    (as a 3-month average): a slow slide shows against the year before, not quarter on quarter. The months
    are those in which the customer held an account (int_customers__segment_monthly); windows count rows,
    so "the last 3 months" is the month end and the two before it.
-#}
with

months as (
    select
        customer_key,
        month_end_date
    from {{ ref('int_customers__segment_monthly') }}
),

transactions as (
    select * from {{ ref('fact_transaction') }}
    where transaction_status = 'SETTLED'
),

merchants as (
    select
        merchant_key,
        category_code
    from {{ ref('dim_merchant') }}
),

{#- Spending the customer chose to make: purchases, bills, cash and payments to people. #}
{%- set is_spending = "not transactions.is_credit"
    ~ " and transactions.counterparty_type in ('MERCHANT', 'BILLER', 'CASH', 'P2P')" %}
{%- set is_travel = "merchants.category_code in ('AIRLINE', 'HOTEL', 'CAR_RENTAL')"
    ~ " or transactions.original_currency_code != 'USD'" %}

monthly as (
    select
        transactions.customer_key,
        cast({{ dbt.last_day('transactions.transaction_date', 'month') }} as date) as month_end_date,
        sum(case when {{ is_spending }} then 1 else 0 end) as spend_count,
        sum(case when {{ is_spending }} then transactions.amount_usd else 0 end) as spend_usd,
        -- Money leaving the bank: every debit except moves between the customer's own accounts and bank charges.
        sum(case
            when
                not transactions.is_credit
                and transactions.counterparty_type not in ('INTERNAL_TRANSFER', 'BANK')
                then transactions.amount_usd
            else 0
        end) as debits_usd,
        sum(case
            when
                not transactions.is_credit and transactions.counterparty_type = 'EXTERNAL_BANK'
                and transactions.transaction_code not in (
                    '{{ var('wallet_not_own_money_codes') | join("', '") }}'
                )
                then transactions.amount_usd
            else 0
        end) as to_other_banks_usd,
        max(case when transactions.transaction_code = 'SAL' then transactions.transaction_date end)
            as last_payroll_date,
        sum(case when {{ is_travel }} then transactions.amount_usd else 0 end) as travel_spend_usd,
        sum(case when merchants.category_code = 'BABY' then transactions.amount_usd else 0 end) as children_spend_usd,
        sum(case when transactions.original_currency_code != 'USD' then 1 else 0 end) as foreign_purchases
    from transactions
    left join merchants on transactions.merchant_key = merchants.merchant_key
    group by transactions.customer_key, cast({{ dbt.last_day('transactions.transaction_date', 'month') }} as date)
),

filled as (
    select
        months.customer_key,
        months.month_end_date,
        coalesce(monthly.spend_count, 0) as spend_count,
        coalesce(monthly.spend_usd, 0) as spend_usd,
        coalesce(monthly.debits_usd, 0) as debits_usd,
        coalesce(monthly.to_other_banks_usd, 0) as to_other_banks_usd,
        monthly.last_payroll_date,
        coalesce(monthly.travel_spend_usd, 0) as travel_spend_usd,
        coalesce(monthly.children_spend_usd, 0) as children_spend_usd,
        coalesce(monthly.foreign_purchases, 0) as foreign_purchases
    from months
    left join monthly
        on months.customer_key = monthly.customer_key and months.month_end_date = monthly.month_end_date
),

windowed as (
    select
        customer_key,
        month_end_date,
        spend_count as spend_count_1m,
        {%- for name, column, frame in [
            ('spend_count_3m', 'spend_count', '2 preceding and current row'),
            ('spend_count_baseline', 'spend_count', '14 preceding and 3 preceding'),
            ('spend_3m_usd', 'spend_usd', '2 preceding and current row'),
            ('debits_3m_usd', 'debits_usd', '2 preceding and current row'),
            ('debits_baseline_usd', 'debits_usd', '14 preceding and 3 preceding'),
            ('to_other_banks_3m_usd', 'to_other_banks_usd', '2 preceding and current row'),
            ('to_other_banks_baseline_usd', 'to_other_banks_usd', '14 preceding and 3 preceding'),
            ('baseline_months', '1', '14 preceding and 3 preceding'),
            ('travel_spend_12m_usd', 'travel_spend_usd', '11 preceding and current row'),
            ('travel_months_12m', 'case when travel_spend_usd > 0 then 1 else 0 end', '11 preceding and current row'),
            ('payroll_months_12m', 'case when last_payroll_date is not null then 1 else 0 end',
                '11 preceding and current row'),
            ('foreign_purchases_to_date', 'foreign_purchases', 'unbounded preceding and current row'),
            ('children_spend_6m_usd', 'children_spend_usd', '5 preceding and current row'),
            ('children_spend_prior_12m_usd', 'children_spend_usd', '17 preceding and 6 preceding'),
            ('months_of_history', '1', 'unbounded preceding and current row'),
        ] %}
            {{ over_customer_months('sum(' ~ column ~ ')', frame) }} as {{ name }},
        {%- endfor %}
        {{ over_customer_months('max(last_payroll_date)', 'unbounded preceding and current row') }} as last_payroll_date
    from filled
)

select
    customer_key,
    month_end_date,
    cast(spend_count_1m as {{ dbt.type_bigint() }}) as spend_count_1m,
    cast(spend_count_3m as {{ dbt.type_bigint() }}) as spend_count_3m,
    cast(3.0 * spend_count_baseline / nullif(baseline_months, 0) as {{ float64_type() }}) as spend_count_baseline_3m,
    {{ to_money('spend_3m_usd') }} as spend_3m_usd,
    -- Null until there are three months of baseline before the last three to compare with.
    cast(case
        when baseline_months >= 3 and spend_count_baseline > 0
            then spend_count_3m / (3.0 * spend_count_baseline / baseline_months) - 1
    end as {{ float64_type() }}) as usage_trend,
    -- Divided in float on every engine (NUMERIC division is exact only on BigQuery).
    cast(to_other_banks_3m_usd as {{ float64_type() }}) / nullif(cast(debits_3m_usd as {{ float64_type() }}), 0)
        as to_other_banks_share_3m,
    case
        when baseline_months >= 3 then
            cast(to_other_banks_baseline_usd as {{ float64_type() }})
            / nullif(cast(debits_baseline_usd as {{ float64_type() }}), 0)
    end as to_other_banks_share_baseline,
    {{ to_money('debits_3m_usd') }} as debits_3m_usd,
    last_payroll_date,
    cast(payroll_months_12m as {{ dbt.type_bigint() }}) as payroll_months_12m,
    {{ to_money('travel_spend_12m_usd') }} as travel_spend_12m_usd,
    cast(travel_months_12m as {{ dbt.type_bigint() }}) as travel_months_12m,
    cast(foreign_purchases_to_date as {{ dbt.type_bigint() }}) as foreign_purchases_to_date,
    {{ to_money('children_spend_6m_usd') }} as children_spend_6m_usd,
    {{ to_money('children_spend_prior_12m_usd') }} as children_spend_prior_12m_usd,
    cast(months_of_history as {{ dbt.type_bigint() }}) as months_of_history
from windowed
