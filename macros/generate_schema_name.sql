{#-
    Which schema (DuckDB) or dataset (BigQuery) a layer lands in. Production targets (the
    production_targets var in dbt_project.yml) and the embedded default (a target whose schema is
    DuckDB's default, `main`) use the layer's name as it is: staging, intermediate, marts, reference.
    Every other target prefixes it with its own schema and an underscore, so that developers and CI
    sharing one warehouse never overwrite each other: schema `dev_alice` builds `dev_alice_marts`.
    Sources follow the same rule for the raw_<system> schemas, spelled out in each
    _<system>__sources.yml (source YAML cannot call a macro); the loader, evaluator and LookML
    generator must use it too. A model without a custom schema lands in the target's own schema.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- elif target.name in var('production_targets') or target.schema == 'main' -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ target.schema ~ '_' ~ (custom_schema_name | trim) }}
    {%- endif -%}
{%- endmacro %}
