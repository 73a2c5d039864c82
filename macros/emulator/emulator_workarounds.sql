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

{#- Gap, continued: with the column list left out, the emulator checks no not-null constraint. On the
    emulator only, a post-hook counts the rows of a contracted model that break one and fails the model
    with the columns at fault, as BigQuery's REQUIRED columns would have refused them. -#}
{% macro emulator_check_not_null_constraints() -%}
    {%- if execute and is_bigquery_emulator() and model.config.get('contract', {}).get('enforced') -%}
        {%- set required = [] -%}
        {%- for name, column in model.columns.items() -%}
            {%- if column.constraints | selectattr('type', 'equalto', 'not_null') | list -%}
                {%- do required.append(name) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if required -%}
            {%- set counts -%}
                select
                {%- for name in required %}
                    countif({{ adapter.quote(name) }} is null) as {{ adapter.quote(name) }}{{ "," if not loop.last }}
                {%- endfor %}
                from {{ this }}
            {%- endset -%}
            {%- set row = run_query(counts).rows[0] -%}
            {%- set broken = [] -%}
            {%- for name in required -%}
                {%- if row[loop.index0] > 0 -%}
                    {%- do broken.append(name ~ " (" ~ row[loop.index0] ~ " nulls)") -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if broken -%}
                {{ exceptions.raise_compiler_error(this ~ " breaks its not_null constraints: " ~ broken | join(", ")) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
