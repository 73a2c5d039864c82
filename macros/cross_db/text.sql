{#- String helpers whose spelling differs between DuckDB and BigQuery. -#}

{#- Every match of a regular expression replaced (BigQuery replaces all matches by default). -#}
{% macro regexp_replace_all(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'customer360')(expr, pattern, replacement)) }}
{%- endmacro %}
{% macro default__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, r'{{ pattern }}', '{{ replacement }}')
{%- endmacro %}
{% macro duckdb__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{#- True where the expression contains a match of the pattern. -#}
{% macro regexp_contains(expr, pattern) -%}
    {{ return(adapter.dispatch('regexp_contains', 'customer360')(expr, pattern)) }}
{%- endmacro %}
{% macro default__regexp_contains(expr, pattern) -%}
    regexp_contains({{ expr }}, r'{{ pattern }}')
{%- endmacro %}
{% macro duckdb__regexp_contains(expr, pattern) -%}
    regexp_matches({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{#- Each word capitalised, the rest lower case. Words are separated by a space, hyphen, apostrophe or
    period (Mary-Ann, O'Brien, J.R.), named explicitly so every engine splits words the same way:
    BigQuery's default INITCAP delimiters do not include the apostrophe. -#}
{% macro initcap(expr) -%}
    {{ return(adapter.dispatch('initcap', 'customer360')(expr)) }}
{%- endmacro %}
{% macro default__initcap(expr) -%}
    initcap({{ expr }}, " -'.")
{%- endmacro %}
{% macro duckdb__initcap(expr) -%}
    (
        select array_to_string(list_transform(
            range(1, length(s) + 1),
            lambda i: case when i = 1 or s[i - 1] in (' ', '-', '''', '.') then upper(s[i]) else s[i] end
        ), '')
        from (select lower({{ expr }}) as s)
    )
{%- endmacro %}

{#- The whole row of a relation alias as a JSON string, for keeping quarantined rows intact. -#}
{% macro row_to_json(alias) -%}
    {{ return(adapter.dispatch('row_to_json', 'customer360')(alias)) }}
{%- endmacro %}
{% macro default__row_to_json(alias) -%}
    to_json_string({{ alias }})
{%- endmacro %}
{% macro duckdb__row_to_json(alias) -%}
    cast(to_json({{ alias }}) as varchar)
{%- endmacro %}

{#- Every column of the relation in scope except the named ones. -#}
{% macro star_except(columns) -%}
    {{ return(adapter.dispatch('star_except', 'customer360')(columns)) }}
{%- endmacro %}
{% macro default__star_except(columns) -%}
    * except ({{ columns | join(', ') }})
{%- endmacro %}
{% macro duckdb__star_except(columns) -%}
    * exclude ({{ columns | join(', ') }})
{%- endmacro %}
