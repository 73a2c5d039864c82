{#-
    For each record, the strongest rule that points at exactly one person. `candidates` is a CTE with
    record_id, customer_key and match_method; each rule's confidence and priority (1 = strongest) come
    from the identity_match_rules seed, on source_system and match_method. A rule that points at two or
    more people is ambiguous and skipped, so a weaker rule may still decide. A method missing from the
    seed ranks first with an empty confidence, which the not_null test on customer_identity_map reports.
-#}
{% macro best_unambiguous_match(candidates, source_system) -%}
    select
        record_id,
        customer_key,
        match_method,
        match_confidence
    from (
        select
            candidates.record_id,
            min(candidates.customer_key) as customer_key,
            min(candidates.match_method) as match_method,
            max(rules.match_confidence) as match_confidence,
            row_number() over (
                partition by candidates.record_id order by min(rules.priority) nulls first
            ) as rank_in_record
        from {{ candidates }} as candidates
        left join {{ ref('identity_match_rules') }} as rules
            on
                rules.source_system = '{{ source_system }}'
                and candidates.match_method = rules.match_method
        group by candidates.record_id, rules.priority
        having count(distinct candidates.customer_key) = 1
    ) as unambiguous
    where rank_in_record = 1
{%- endmacro %}
