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

{#- Every day from start_date to end_date (inclusive, 'YYYY-MM-DD' strings) as a one-column relation `date_day`. -#}
{% macro date_spine(start_date, end_date) -%}
    {{ return(adapter.dispatch('date_spine', 'customer360')(start_date, end_date)) }}
{%- endmacro %}
{% macro default__date_spine(start_date, end_date) -%}
    select date_day from unnest(generate_date_array(date '{{ start_date }}', date '{{ end_date }}')) as date_day
{%- endmacro %}
{% macro duckdb__date_spine(start_date, end_date) -%}
    select cast(range as date) as date_day
    from range(date '{{ start_date }}', date '{{ end_date }}' + interval 1 day, interval 1 day)
{%- endmacro %}

{#- ISO day of week: Monday 1 to Sunday 7. -#}
{% macro iso_day_of_week(expr) -%}
    {{ return(adapter.dispatch('iso_day_of_week', 'customer360')(expr)) }}
{%- endmacro %}
{% macro default__iso_day_of_week(expr) -%}
    mod(extract(dayofweek from {{ expr }}) + 5, 7) + 1
{%- endmacro %}
{% macro duckdb__iso_day_of_week(expr) -%}
    isodow({{ expr }})
{%- endmacro %}

{#- ISO 8601 week number. -#}
{% macro iso_week(expr) -%}
    {{ return(adapter.dispatch('iso_week', 'customer360')(expr)) }}
{%- endmacro %}
{% macro default__iso_week(expr) -%}
    extract(isoweek from {{ expr }})
{%- endmacro %}
{% macro duckdb__iso_week(expr) -%}
    weekofyear({{ expr }})
{%- endmacro %}

{#- A date formatted with strftime-style codes. -#}
{% macro format_date(expr, fmt) -%}
    {{ return(adapter.dispatch('format_date', 'customer360')(expr, fmt)) }}
{%- endmacro %}
{% macro default__format_date(expr, fmt) -%}
    format_date('{{ fmt }}', {{ expr }})
{%- endmacro %}
{% macro duckdb__format_date(expr, fmt) -%}
    strftime({{ expr }}, '{{ fmt }}')
{%- endmacro %}

{#- The dim_date key of a date: the date as the number YYYYMMDD (facts join dim_date on it). -#}
{% macro date_key(expr) -%}
    cast(
        extract(year from {{ expr }}) * 10000 + extract(month from {{ expr }}) * 100 + extract(day from {{ expr }})
        as {{ dbt.type_bigint() }}
    )
{%- endmacro %}
