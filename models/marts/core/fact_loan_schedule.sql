{#-
    One row per loan instalment: what was due and when, what was paid and when, and its payment
    status - paid (on time or late), prepaid (settled early by a prepayment), overdue (due and unpaid)
    or scheduled (not yet due at the end of the data). Clustered by customer on BigQuery, so the customer
    dashboard's loan tiles read one customer's blocks.
-#}
{{ config(cluster_by=['customer_key']) }}

with

schedules as (
    select * from {{ ref('stg_core__loan_schedules') }}
),

accounts as (
    select * from {{ ref('dim_account') }}
),

final as (
    select
        {{ surrogate_key(['schedules.account_number', 'schedules.instalment_number']) }} as loan_instalment_key,
        {{ surrogate_key(['schedules.account_number']) }} as account_key,
        accounts.customer_key,
        accounts.product_key,
        {{ date_key('schedules.due_date') }} as due_date_key,
        schedules.account_number,
        case schedules.instalment_status
            when 'PAID_ON_TIME' then 'paid'
            when 'PAID_LATE' then 'paid'
            when 'PREPAID' then 'prepaid'
            when 'OVERDUE' then 'overdue'
            when 'SCHEDULED' then 'scheduled'
        end as payment_status,
        schedules.instalment_status,
        cast(schedules.instalment_number as {{ dbt.type_bigint() }}) as instalment_number,
        schedules.amount_due_usd,
        schedules.principal_due_usd,
        schedules.interest_due_usd,
        schedules.amount_paid_usd,
        cast(schedules.days_paid_after_due as {{ dbt.type_bigint() }}) as days_paid_after_due,
        schedules.instalment_status = 'PAID_LATE' as is_paid_late,
        schedules.is_overdue,
        schedules.due_date,
        schedules.paid_date
    -- A left join: an instalment of a loan missing from dim_account surfaces in the not_null tests.
    from schedules
    left join accounts on schedules.account_number = accounts.account_number
)

select * from final
