{#-
    The audit trail dbt writes itself: one row per node of every dbt invocation (run, build, test, seed)
    in audit.model_runs, from dbt's `results` in the on-run-end hook (dbt_project.yml). c360 run adds
    one row per pipeline step to audit.pipeline_runs and joins the two by dbt's invocation_id. The audit
    schema follows the per-target naming rule (generate_schema_name), so a developer's runs never land
    in production's audit tables.
-#}
{% macro record_model_runs(results) %}
    {%- if not execute or results | length == 0 -%}{{ return('') }}{%- endif -%}
    {%- set schema = generate_schema_name('audit', none) | trim -%}
    {%- set table = adapter.quote_as_configured(schema, 'schema') ~ '.model_runs' -%}
    {%- set relation = api.Relation.create(database=target.database, schema=schema, identifier='model_runs') -%}
    {%- do adapter.create_schema(relation) -%}
    {%- set text = dbt.type_string() -%}
    {%- do run_query(
        'create table if not exists ' ~ relation ~ ' ('
        ~ 'invocation_id ' ~ text ~ ', unique_id ' ~ text ~ ', resource_type ' ~ text ~ ', status ' ~ text
        ~ ', execution_seconds ' ~ float64_type() ~ ', rows_affected ' ~ dbt.type_bigint()
        ~ ', message ' ~ text ~ ', target_name ' ~ text ~ ', recorded_at ' ~ dbt.type_timestamp() ~ ')'
    ) -%}
    {%- set rows = [] -%}
    {%- for result in results -%}
        {%- set rows_affected = (result.adapter_response or {}).get('rows_affected') -%}
        {%- do rows.append(
            '(' ~ audit_literal(invocation_id) ~ ', ' ~ audit_literal(result.node.unique_id)
            ~ ', ' ~ audit_literal(result.node.resource_type) ~ ', ' ~ audit_literal(result.status)
            ~ ', ' ~ (result.execution_time or 0) ~ ', '
            ~ (rows_affected if rows_affected is number else 'null')
            ~ ', ' ~ audit_literal((result.message or '') | string | truncate(500, true, ''))
            ~ ', ' ~ audit_literal(target.name) ~ ', current_timestamp)'
        ) -%}
    {%- endfor -%}
    {%- for batch in rows | batch(500) -%}
        {%- do run_query('insert into ' ~ relation ~ ' values ' ~ batch | join(', ')) -%}
    {%- endfor -%}
    {{ return('') }}
{% endmacro %}

{#-
    A string as a SQL literal both engines read the same way. They escape quotes differently (DuckDB
    doubles them, BigQuery takes a backslash), so single quotes become double ones, backslashes slashes
    and newlines spaces: an audit message loses nothing that matters.
-#}
{% macro audit_literal(value) -%}
    {%- if value is none -%}null{%- else -%}
    '{{ (value | string).replace("\\", "/").replace("\n", " ").replace("'", '"') }}'
    {%- endif -%}
{%- endmacro %}
