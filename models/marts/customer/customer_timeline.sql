{#-
    One row per event in a customer's life with the bank, for a relationship manager's timeline: accounts
    and policies opened and ended, payroll starting and stopping, large transactions, cases, app use, RM
    notes, surname or address differences between systems, and the alerts raised (customer_alerts). Each event is read from the mart or model
    that owns it, so the timeline agrees with them; thresholds are the timeline_* vars. Events the source
    only dates have no event_at. The unknown member (records no identity rule placed) has no timeline.
-#}
with

account_events as (
    select * from {{ ref('int_customer360__account_events') }}
),

alerts as (
    select * from {{ ref('customer_alerts') }}
),

transactions as (
    select * from {{ ref('fact_transaction') }}
    where transaction_status = 'SETTLED'
),

contact_events as (
    select * from {{ ref('int_customer360__contact_events') }}
),

rm_notes as (
    select * from {{ ref('int_customer360__rm_notes') }}
),

payroll_employers as (
    select * from {{ ref('int_customer360__payroll_employers') }}
),

profile_differences as (
    select * from {{ ref('int_customer360__profile_differences') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
    where is_core_customer
),

as_of as (
    -- The data's last date: payroll has stopped, and a CD has matured, by this day.
    select max(transaction_date) as last_date from transactions
),

unioned as (
    select
        customer_key,
        event_type,
        event_category,
        source_system,
        description,
        amount_usd,
        related_id,
        event_date,
        event_at
    from account_events
    union all
    -- The first payroll from an employer already paying when the data starts is the first in the data.
    select
        customer_key,
        'payroll_first' as event_type,
        'PAYROLL' as event_category,
        'core' as source_system,
        {{ dbt.concat(["'First payroll from '", 'employer_name',
            "case when is_running_at_start then ' in the data (paid before it starts)' else '' end"]) }} as description,
        first_amount_usd as amount_usd,
        first_transaction_id as related_id,
        first_payroll_date as event_date,
        first_payroll_at as event_at
    from payroll_employers
    union all
    -- A payroll still paid has no last payroll yet.
    select
        customer_key,
        'payroll_last' as event_type,
        'PAYROLL' as event_category,
        'core' as source_system,
        {{ dbt.concat(["'Last payroll from '", 'employer_name']) }} as description,
        last_amount_usd as amount_usd,
        last_transaction_id as related_id,
        last_payroll_date as event_date,
        last_payroll_at as event_at
    from payroll_employers
    where is_stopped
    union all
    select
        customer_key,
        event_type,
        event_category,
        source_system,
        description,
        cast(null as {{ money_type() }}) as amount_usd,
        related_id,
        event_date,
        event_at
    from contact_events
    union all
    select
        customer_key,
        'large_transaction' as event_type,
        'TRANSACTION' as event_category,
        source_system,
        {{ dbt.concat(["case when is_credit then 'Large credit: ' else 'Large debit: ' end", 'transaction_type',
            "coalesce(" ~ dbt.concat(["' - '", 'counterparty_name']) ~ ", '')"]) }} as description,
        amount_usd,
        source_transaction_id as related_id,
        transaction_date as event_date,
        transaction_at as event_at
    from transactions
    -- Money moving between the customer's own accounts here is not an event (it would show twice).
    where amount_usd >= {{ var('timeline_large_transaction_usd') }} and counterparty_type != 'INTERNAL_TRANSFER'
    union all
    select
        customer_key,
        'alert_raised' as event_type,
        'ALERT' as event_category,
        'customer360' as source_system,
        {{ dbt.concat(["'Alert raised ('", 'severity', "'): '", 'alert_type', "', '", 'evidence']) }} as description,
        cast(null as {{ money_type() }}) as amount_usd,
        customer_alert_key as related_id,
        raised_on as event_date,
        cast(null as {{ dbt.type_timestamp() }}) as event_at
    from alerts
    union all
    select
        customer_key,
        'rm_note' as event_type,
        'RELATIONSHIP' as event_category,
        'branch' as source_system,
        {{ dbt.concat(["'RM note ('", 'sentiment', "'): '", 'note_text']) }} as description,
        cast(null as {{ money_type() }}) as amount_usd,
        note_id as related_id,
        note_date as event_date,
        cast(null as {{ dbt.type_timestamp() }}) as event_at
    from rm_notes
    union all
    select
        customer_key,
        case
            when attribute_name in ('surname', 'name_on_card') then 'surname_differs' else 'address_differs'
        end as event_type,
        'PROFILE' as event_category,
        source_system,
        {{ dbt.concat(["case attribute_name when 'surname' then 'Surname' when 'name_on_card' then 'Name on card'"
            ~ " when 'street_address' then 'Street address' else 'Mailing state' end", "' differs: '",
            'golden_value', "' (core '", 'golden_record_id', "') vs '", 'record_value', "' ('", 'source_system',
            "' '", 'source_record_id', "')'"]) }} as description,
        cast(null as {{ money_type() }}) as amount_usd,
        source_record_id as related_id,
        coalesce(later_record_date, (select as_of.last_date from as_of)) as event_date,
        cast(null as {{ dbt.type_timestamp() }}) as event_at
    from profile_differences
),

final as (
    select
        {{ surrogate_key(['unioned.customer_key', 'unioned.event_type', 'unioned.source_system',
            'unioned.related_id']) }} as timeline_event_key,
        unioned.customer_key,
        unioned.related_id,
        unioned.event_type,
        unioned.event_category,
        unioned.source_system,
        unioned.description,
        {{ to_money('unioned.amount_usd') }} as amount_usd,
        unioned.event_date,
        unioned.event_at
    from unioned
    inner join customers on unioned.customer_key = customers.customer_key
)

select * from final
