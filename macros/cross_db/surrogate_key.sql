{#-
    A stable key from several columns: md5 of the values joined by '-', nulls spelled out so that
    (null, 'a') and ('a', null) differ. Same value on DuckDB and BigQuery (dbt.hash gives hex md5).
-#}
{% macro surrogate_key(fields) -%}
    {%- set parts = [] -%}
    {%- for field in fields -%}
        {%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '_null_')") -%}
    {%- endfor -%}
    {{ dbt.hash(parts | join(" || '-' || ")) }}
{%- endmacro %}
