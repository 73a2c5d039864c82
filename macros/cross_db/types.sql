{#- Types with one meaning on every engine. -#}

{#- Money as an exact decimal: DECIMAL(18,2) on DuckDB, NUMERIC on BigQuery. -#}
{% macro to_money(expr) -%}
    cast({{ expr }} as {{ money_type() }})
{%- endmacro %}

{#- The exact decimal type for money: DECIMAL(18,2) on DuckDB, NUMERIC on BigQuery. -#}
{% macro money_type() -%}
    {{ return(adapter.dispatch('money_type', 'customer360')()) }}
{%- endmacro %}
{% macro default__money_type() -%}
    numeric
{%- endmacro %}
{% macro duckdb__money_type() -%}
    decimal(18, 2)
{%- endmacro %}

{#- A 64-bit float on every engine: use it, never dbt.type_float(), which is 32-bit on DuckDB. -#}
{% macro float64_type() -%}
    {{ return(adapter.dispatch('float64_type', 'customer360')()) }}
{%- endmacro %}
{% macro default__float64_type() -%}
    float64
{%- endmacro %}
{% macro duckdb__float64_type() -%}
    double
{%- endmacro %}
