{#- True only for the bigquery_emulator target: the switch for every workaround in this folder. -#}
{% macro is_bigquery_emulator() -%}
    {{ return(target.name == 'bigquery_emulator') }}
{%- endmacro %}

{#- Gap: the emulator's DATE_TRUNC(date, MONTH) returns DATETIME where BigQuery returns DATE,
    which breaks comparisons and joins with DATE columns. Cast back to DATE. -#}
{% macro emulator_month_start(expr) -%}
    cast(date_trunc(cast({{ expr }} as date), month) as date)
{%- endmacro %}

{#- Gap: the emulator cannot parse CREATE TABLE with both a column list and AS SELECT, which is how
    dbt-bigquery builds models with enforced contracts. On the emulator only, the column list is left
    out: dbt still asserts the contract's names and types (get_assert_columns_equivalent) before the
    DDL, but not-null constraints are not declared there. Real BigQuery gets dbt's own column list. -#}
{% macro bigquery__get_table_columns_and_constraints() -%}
    {%- if not is_bigquery_emulator() -%}
        {{ return(default__get_table_columns_and_constraints()) }}
    {%- endif -%}
{%- endmacro %}
