{#-
    The keys (of `key` in relation `keyed`) whose settled transactions recur, by the recurring_* vars in
    dbt_project.yml: at least recurring_min_occurrences of them, at least recurring_min_regular_share of
    the gaps between them monthly (recurring_monthly_gap_days) or semi-monthly
    (recurring_semi_monthly_gap_days), and an amount whose standard deviation is at most
    recurring_max_amount_cv of its mean.
-#}
{% macro recurring_series_keys(keyed, key) -%}
    {%- set monthly = var('recurring_monthly_gap_days') -%}
    {%- set semi_monthly = var('recurring_semi_monthly_gap_days') -%}
    select candidate_key
    from (
        select
            {{ key }} as candidate_key,
            amount_usd,
            {{ dbt.datediff(
                'lag(transaction_date) over (partition by ' ~ key ~ ' order by transaction_date)',
                'transaction_date',
                'day'
            ) }} as days_since_previous
        from {{ keyed }}
        where is_settled
    ) as gaps
    group by candidate_key
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
        and stddev_pop(cast(amount_usd as {{ float64_type() }}))
        <= {{ var('recurring_max_amount_cv') }} * avg(cast(amount_usd as {{ float64_type() }}))
{%- endmacro %}
