{#- dbt-duckdb has no safe_cast of its own: DuckDB's try_cast returns null where a cast would fail. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
