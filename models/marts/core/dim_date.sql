with

days as (
    {{ date_spine(var('calendar_start'), var('calendar_end')) }}
),

holidays as (
    select * from {{ ref('us_federal_holidays') }}
),

calendar as (
    select
        days.date_day,
        cast(extract(year from days.date_day) as {{ dbt.type_bigint() }}) as calendar_year,
        cast(extract(quarter from days.date_day) as {{ dbt.type_bigint() }}) as calendar_quarter,
        cast(extract(month from days.date_day) as {{ dbt.type_bigint() }}) as calendar_month,
        cast(extract(day from days.date_day) as {{ dbt.type_bigint() }}) as day_of_month,
        cast({{ iso_day_of_week('days.date_day') }} as {{ dbt.type_bigint() }}) as iso_day_of_week,
        cast({{ iso_week('days.date_day') }} as {{ dbt.type_bigint() }}) as iso_week,
        {{ format_date('days.date_day', '%B') }} as month_name,
        {{ format_date('days.date_day', '%A') }} as day_name,
        mod(
            cast(extract(month from days.date_day) as {{ dbt.type_bigint() }})
            - {{ var('fiscal_year_start_month') }} + 12,
            12
        ) as months_into_fiscal_year,
        holidays.holiday_name,
        holidays.holiday_date is not null as is_us_federal_holiday
    from days
    left join holidays on days.date_day = holidays.holiday_date
),

final as (
    select
        {{ date_key('date_day') }} as date_key,
        calendar_year,
        calendar_quarter,
        calendar_month,
        day_of_month,
        iso_day_of_week,
        iso_week,
        -- The fiscal year is named after the calendar year it ends in.
        calendar_year + case when calendar_month >= {{ var('fiscal_year_start_month') }} then 1 else 0 end
            as fiscal_year,
        cast(floor(months_into_fiscal_year / 3) + 1 as {{ dbt.type_bigint() }}) as fiscal_quarter,
        cast(months_into_fiscal_year + 1 as {{ dbt.type_bigint() }}) as fiscal_month,
        month_name,
        day_name,
        holiday_name,
        iso_day_of_week >= 6 as is_weekend,
        is_us_federal_holiday,
        iso_day_of_week < 6 and not is_us_federal_holiday as is_business_day,
        date_day,
        {{ month_start('date_day') }} as month_start_date
    from calendar
)

select * from final
