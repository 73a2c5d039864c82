{#-
    PII in BigQuery: every column whose meta says `pii: true` gets the BigQuery policy tag named by the
    environment variable C360_BQ_PII_POLICY_TAG (a tag's full resource name,
    projects/<project>/locations/<location>/taxonomies/<taxonomy>/policyTags/<tag>), so only principals
    granted Fine-Grained Reader on that tag can read it. Applied after each model is built (the post-hook
    in dbt_project.yml) through the adapter's column update, the same call dbt's persist_docs makes.
    Without the variable nothing is tagged and the run says so once (warn_untagged_pii, on-run-start). The
    emulator stores no policy tags, so nothing is applied there; tests check the rendered tags instead
    (`dbt run-operation show_pii_policy_tags`).
-#}
{% macro pii_policy_tags(node) %}
    {%- set tag = env_var('C360_BQ_PII_POLICY_TAG', '') | trim -%}
    {%- set tagged = {} -%}
    {%- if tag -%}
        {%- for name, column in node.columns.items() -%}
            {%- set meta = column.get('meta') or (column.get('config') or {}).get('meta') or {} -%}
            {%- if meta.get('pii') -%}
                {%- do tagged.update({name: {'description': column.get('description', ''), 'policy_tags': [tag]}}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(tagged) }}
{% endmacro %}

{% macro apply_pii_policy_tags() %}
    {#- Policy tags live on table columns; views read the tagged tables beneath them. -#}
    {%- set is_table = config.get('materialized') in ('table', 'incremental') -%}
    {%- if execute and is_table and target.type == 'bigquery' and target.name != 'bigquery_emulator' -%}
        {%- set tagged = pii_policy_tags(model) -%}
        {%- if tagged -%}
            {%- do adapter.update_columns(this, tagged) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}

{% macro warn_untagged_pii() %}
    {%- if execute and target.type == 'bigquery' and not env_var('C360_BQ_PII_POLICY_TAG', '') | trim -%}
        {{ log('warning: C360_BQ_PII_POLICY_TAG is not set, so PII columns get no BigQuery policy tags', info=true) }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}

{#- Prints, for every model with PII columns, the policy tags the post-hook would apply (for tests and reviews). -#}
{% macro show_pii_policy_tags() %}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' -%}
        {%- set tagged = pii_policy_tags(node) -%}
        {%- if tagged and node.config.materialized in ('table', 'incremental') -%}
            {{ print(node.name ~ ': ' ~ tojson(tagged)) }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}
