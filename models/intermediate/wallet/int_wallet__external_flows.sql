{#-
    Money the customer sends to, or receives from, other institutions, per customer, counterparty and
    month: loan instalments to lenders elsewhere, card payments to issuers elsewhere, and transfers
    between the customer's accounts here and an own account at another bank. The product family is read
    from the counterparty as a bank reads it: the type (EXTERNAL_LENDER, EXTERNAL_CARD_ISSUER,
    EXTERNAL_BANK) and, for lenders, words in the name ('Home Loans', 'Mortgage' -> mortgage; 'Auto',
    'Motor' -> auto_loan; 'Student', 'Education' -> student_loan; any other lender -> personal_loan).
-#}
with

transactions as (
    select * from {{ ref('fact_transaction') }}
    where
        transaction_status = 'SETTLED'
        and counterparty_type in ('EXTERNAL_LENDER', 'EXTERNAL_CARD_ISSUER', 'EXTERNAL_BANK')
        -- A loan disbursed here and paid out to another bank (a seller's, a dealer's) is not the customer's money.
        and transaction_code not in (
            {% for code in var('wallet_not_own_money_codes') %}'{{ code }}'{% if not loop.last %}, {% endif %}{% endfor %}
        )
),

classified as (
    select
        customer_key,
        cast({{ dbt.last_day('transaction_date', 'month') }} as date) as month_end_date,
        counterparty_name,
        case
            when counterparty_type = 'EXTERNAL_BANK' then 'deposit'
            when counterparty_type = 'EXTERNAL_CARD_ISSUER' then 'credit_card'
            when {{ regexp_contains('upper(counterparty_name)', '(HOME LOAN|MORTGAGE)') }} then 'mortgage'
            when {{ regexp_contains('upper(counterparty_name)', '(AUTO|MOTOR)') }} then 'auto_loan'
            when {{ regexp_contains('upper(counterparty_name)', '(STUDENT|EDUCATION)') }} then 'student_loan'
            else 'personal_loan'
        end as product_family,
        -- Payments to a lender or issuer are money out; a transfer out to the own bank elsewhere adds to it.
        case when counterparty_type = 'EXTERNAL_BANK' then 0 else -signed_amount_usd end as payment_usd,
        case when counterparty_type = 'EXTERNAL_BANK' then -signed_amount_usd else 0 end as net_transfer_out_usd
    from transactions
)

select
    customer_key,
    month_end_date,
    product_family,
    counterparty_name,
    {{ to_money('sum(payment_usd)') }} as payment_usd,
    {{ to_money('sum(net_transfer_out_usd)') }} as net_transfer_out_usd,
    count(*) as flow_count
from classified
group by customer_key, month_end_date, product_family, counterparty_name
