{#-
    For each record, the strongest rule that points at exactly one person. `candidates` is a CTE with
    record_id, customer_key, match_method, match_confidence and priority (1 = strongest). A rule that
    points at two or more people is ambiguous and skipped, so a weaker rule may still decide.
-#}
{% macro best_unambiguous_match(candidates) -%}
    select
        record_id,
        customer_key,
        match_method,
        match_confidence
    from (
        select
            record_id,
            min(customer_key) as customer_key,
            min(match_method) as match_method,
            max(match_confidence) as match_confidence,
            row_number() over (partition by record_id order by min(priority)) as rank_in_record
        from {{ candidates }}
        group by record_id, priority
        having count(distinct customer_key) = 1
    ) as unambiguous
    where rank_in_record = 1
{%- endmacro %}
