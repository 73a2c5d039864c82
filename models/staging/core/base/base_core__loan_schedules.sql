with

source as (
    select * from {{ source('core', 'loan_schedules') }}
),

cleaned as (
    select
        account_number,
        instalment_number,
        instalment_status,
        {{ to_money('amount_due') }} as amount_due_usd,
        {{ to_money('principal_due') }} as principal_due_usd,
        {{ to_money('interest_due') }} as interest_due_usd,
        {{ to_money('amount_paid') }} as amount_paid_usd,
        -- dbt.datediff renders as one long expression
        {{ dbt.datediff('due_date', 'paid_date', 'day') }} as days_paid_after_due,  -- noqa: LT05
        instalment_status = 'OVERDUE' as is_overdue,
        due_date,
        paid_date,
        _loaded_at,
        case
            when account_number is null or instalment_number is null or due_date is null then 'MISSING_KEY'
            when instalment_status not in ('PAID_ON_TIME', 'PAID_LATE', 'PREPAID', 'OVERDUE', 'SCHEDULED')
                then 'UNKNOWN_CODE'
            when amount_due < 0 or amount_paid < 0 then 'IMPOSSIBLE_AMOUNT'
            when principal_due + interest_due != amount_due then 'UNBALANCED'
        end as dq_reason,
        {{ row_to_json('source') }} as raw_record
    from source
)

select * from cleaned
