{#-
    BigQuery partitioning of a large fact by month of a date column, for config(partition_by=...).
    Other warehouses get none: DuckDB reads partition_by as Hive-style output partitioning, which a
    table in the database file has no use for.
-#}
{% macro month_partition(field) -%}
    {%- if target.type == 'bigquery' -%}
        {{ return({'field': field, 'data_type': 'date', 'granularity': 'month'}) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}
