{#- Date helpers with one meaning on every engine. -#}

{#- The first text that parses under one of the strftime-style formats, as a date; null if none does. -#}
{% macro parse_date(expr, formats) -%}
    {{ return(adapter.dispatch('parse_date', 'customer360')(expr, formats)) }}
{%- endmacro %}
{% macro default__parse_date(expr, formats) -%}
    coalesce(
        {%- for fmt in formats %}
        safe.parse_date('{{ fmt }}', {{ expr }}){{ "," if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}
{% macro duckdb__parse_date(expr, formats) -%}
    coalesce(
        {%- for fmt in formats %}
        cast(try_strptime({{ expr }}, '{{ fmt }}') as date){{ "," if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#- First day of the month of a date or timestamp, as a DATE. -#}
{% macro month_start(expr) -%}
    {{ return(adapter.dispatch('month_start', 'customer360')(expr)) }}
{%- endmacro %}
{% macro default__month_start(expr) -%}
    {%- if is_bigquery_emulator() -%}
        {{ emulator_month_start(expr) }}
    {%- else -%}
        date_trunc(cast({{ expr }} as date), month)
    {%- endif -%}
{%- endmacro %}
{% macro duckdb__month_start(expr) -%}
    {#- DuckDB's date_trunc returns a timestamp even for a date. -#}
    cast(date_trunc('month', cast({{ expr }} as date)) as date)
{%- endmacro %}
