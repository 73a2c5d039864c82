{#-
    Volume anomalies in a delivery: fails with every month whose row count is off the average of the
    months before it by more than the tolerance (a share: 0.4 allows 60% to 140%). A half-delivered month
    and a month delivered twice both fail. Months with fewer than `trailing_months` before them are not
    judged. The thresholds are chosen from the bank's own month-to-month swing, not from its simulation.
-#}
{% test monthly_volume_within_tolerance(model, column_name, tolerance=0.4, trailing_months=3) %}
    with

    monthly as (
        select
            {{ dbt.date_trunc('month', 'cast(' ~ column_name ~ ' as date)') }} as delivery_month,
            count(*) as row_count
        from {{ model }}
        where {{ column_name }} is not null
        group by 1
    ),

    judged as (
        select
            delivery_month,
            row_count,
            avg(row_count) over (
                order by delivery_month rows between {{ trailing_months }} preceding and 1 preceding
            ) as trailing_average,
            count(*) over (
                order by delivery_month rows between {{ trailing_months }} preceding and 1 preceding
            ) as months_before
        from monthly
    )

    select
        delivery_month,
        row_count,
        trailing_average
    from judged
    where
        months_before = {{ trailing_months }}
        and abs(row_count - trailing_average) > {{ tolerance }} * trailing_average
{% endtest %}
