{#-
    Custom schemas are used as named (`reference`, later `staging`, `marts`), not prefixed with the
    target schema: each layer lands in its own schema on DuckDB and its own dataset on BigQuery.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
