{#- Types with one meaning on every engine. -#}

{#- Money as an exact decimal: DECIMAL(18,2) on DuckDB, NUMERIC on BigQuery. -#}
{% macro to_money(expr) -%}
    cast({{ expr }} as {{ money_type() }})
{%- endmacro %}

{#- A computed (float) amount to the cent, identically on every engine: to six decimals first, which absorbs
    the last-bit differences between the engines' float arithmetic, then to the cent, then to the money type.
    Operands must be float on both engines: NUMERIC / NUMERIC is exact on BigQuery but a double on DuckDB. -#}
{% macro float_to_money(expr) -%}
    {{ to_money('round(round(' ~ expr ~ ', 6), 2)') }}
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
