{#-
    The series (distinct values of the `columns` of relation `keyed`, returned as those columns) whose
    settled transactions recur, by the recurring_* vars in dbt_project.yml: at least
    recurring_min_occurrences of them, at least recurring_min_regular_share of the gaps between them
    monthly (recurring_monthly_gap_days) or semi-monthly (recurring_semi_monthly_gap_days), and an
    amount whose standard deviation is at most recurring_max_amount_cv of its mean.
-#}
{% macro recurring_series_keys(keyed, columns) -%}
    {%- set monthly = var('recurring_monthly_gap_days') -%}
    {%- set semi_monthly = var('recurring_semi_monthly_gap_days') -%}
    {%- set series = columns | join(', ') -%}
    select {{ series }}
    from (
        select
            {{ series }},
            amount_usd as amount,  -- its own name: a fixed-amount series also groups by amount_usd
            {{ dbt.datediff(
                'lag(transaction_date) over (partition by ' ~ series ~ ' order by transaction_date)',
                'transaction_date',
                'day'
            ) }} as days_since_previous
        from {{ keyed }}
        where is_settled
    ) as gaps
    group by {{ series }}
    having
        count(*) >= {{ var('recurring_min_occurrences') }}
        and avg(
            case
                when days_since_previous is null then null  -- the first occurrence has no gap
                when days_since_previous between {{ monthly[0] }} and {{ monthly[1] }} then 1.0
                when days_since_previous between {{ semi_monthly[0] }} and {{ semi_monthly[1] }} then 1.0
                else 0.0
            end
        ) >= {{ var('recurring_min_regular_share') }}
        and {{ has_stable_amount('amount') }}
{%- endmacro %}

{#- The rows of relation `rows` whose series (the values of `columns`) has at least
    recurring_min_occurrences settled rows: no fewer can recur, and the cadence check sorts what it is given.
    Each row carries has_stable_amount, whether its series' settled amounts pass the amount test of
    recurring_series_keys; that test reads the same settled rows, so a series without it cannot recur as
    a whole, and counting it here, in the same pass, spares the cadence check its rows. -#}
{% macro rows_of_frequent_series(rows, columns) -%}
    select {{ rows }}.*, frequent.has_stable_amount
    from {{ rows }}
    inner join (
        select
            {{ columns | join(', ') }},
            {{ has_stable_amount('amount_usd') }} as has_stable_amount
        from {{ rows }}
        where is_settled
        group by {{ columns | join(', ') }}
        having count(*) >= {{ var('recurring_min_occurrences') }}
    ) as frequent
        on {{ columns_equal(rows, 'frequent', columns) }}
{%- endmacro %}

{#- Whether the amounts aggregated in a group are stable: their standard deviation is at most
    recurring_max_amount_cv of their mean. -#}
{% macro has_stable_amount(amount) -%}
    stddev_pop(cast({{ amount }} as {{ float64_type() }}))
    <= {{ var('recurring_max_amount_cv') }} * avg(cast({{ amount }} as {{ float64_type() }}))
{%- endmacro %}

{#- Equality of the given columns between two relations, for a join condition. -#}
{% macro columns_equal(left, right, columns) -%}
    {%- for column in columns -%}
        {{ left }}.{{ column }} = {{ right }}.{{ column }}{{ " and " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
