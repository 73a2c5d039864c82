{#-
    The keys (of `key` in relation `keyed`) whose settled transactions recur: at least min_occurrences
    of them, at least min_regular_share of the gaps between them monthly (26-35 days) or semi-monthly
    (12-18 days), and an amount whose standard deviation is at most max_amount_cv of its mean.
-#}
{% macro recurring_series_keys(keyed, key, min_occurrences, min_regular_share, max_amount_cv) -%}
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
        count(*) >= {{ min_occurrences }}
        and avg(
            case
                when days_since_previous is null then null  -- the first occurrence has no gap
                when days_since_previous between 26 and 35 then 1.0
                when days_since_previous between 12 and 18 then 1.0
                else 0.0
            end
        ) >= {{ min_regular_share }}
        and stddev_pop(cast(amount_usd as {{ dbt.type_float() }}))
        <= {{ max_amount_cv }} * avg(cast(amount_usd as {{ dbt.type_float() }}))
{%- endmacro %}
