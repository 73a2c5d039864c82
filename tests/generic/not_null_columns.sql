{#-
    None of the given columns is ever null, checked in one scan: a not_null test per column is a query
    and dbt's own work each, and a build runs hundreds of them. Fails with a row per column that has
    nulls: the column and how many rows.
-#}
{% test not_null_columns(model, columns) %}
    with null_counts as (
        select
        {%- for column in columns %}
            sum(case when {{ column }} is null then 1 else 0 end) as nulls_{{ loop.index }}
            {{- "," if not loop.last }}
        {%- endfor %}
        from {{ model }}
    )
    {% for column in columns -%}
    select '{{ column }}' as column_name, nulls_{{ loop.index }} as null_rows
    from null_counts
    where nulls_{{ loop.index }} > 0
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
{% endtest %}
