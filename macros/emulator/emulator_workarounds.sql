{#- True only for the bigquery_emulator target: the switch for every workaround in this folder. -#}
{% macro is_bigquery_emulator() -%}
    {{ return(target.name == 'bigquery_emulator') }}
{%- endmacro %}

{#- Gap: the emulator's DATE_TRUNC(date, MONTH) returns DATETIME where BigQuery returns DATE,
    which breaks comparisons and joins with DATE columns. Cast back to DATE. -#}
{% macro emulator_month_start(expr) -%}
    cast(date_trunc(cast({{ expr }} as date), month) as date)
{%- endmacro %}
