{#- Cleaning rules shared by the staging models. Each is unit-tested in the staging YAML. -#}

{#- US numbers to E.164 (+1 and ten digits), whatever the punctuation; null when not a US number. -#}
{% macro phone_e164(expr) -%}
    {%- set digits = regexp_replace_all(expr, '[^0-9]', '') -%}
    case
        when length({{ digits }}) = 10 then '+1' || {{ digits }}
        when length({{ digits }}) = 11 and left({{ digits }}, 1) = '1' then '+' || {{ digits }}
    end
{%- endmacro %}

{#- Trimmed and lower-cased. -#}
{% macro clean_email(expr) -%}
    nullif(lower(trim({{ expr }})), '')
{%- endmacro %}

{#- The address mail actually reaches: a +tag before the @ is dropped (john+bank@x -> john@x). -#}
{% macro canonical_email(expr) -%}
    {{ regexp_replace_all(clean_email(expr), '[+][^@]*@', '@') }}
{%- endmacro %}

{#- A name as people write it: trimmed, each word capitalised. -#}
{% macro clean_name(expr) -%}
    nullif({{ initcap('trim(' ~ expr ~ ')') }}, '')
{%- endmacro %}

{#- Nine digits as NNN-NN-NNNN, whatever the punctuation; null otherwise. -#}
{% macro clean_ssn(expr) -%}
    {%- set digits = regexp_replace_all(expr, '[^0-9]', '') -%}
    case
        when length({{ digits }}) = 9
            then substr({{ digits }}, 1, 3) || '-' || substr({{ digits }}, 4, 2) || '-' || substr({{ digits }}, 6, 4)
    end
{%- endmacro %}

{#- A branch name however staff typed it: no "Branch"/"Br." suffix, no stray spaces, Title Case. -#}
{% macro clean_branch_name(expr) -%}
    {{ clean_name(regexp_replace_all('trim(' ~ expr ~ ')', ' (Branch|BRANCH|branch|Br[.])$', '')) }}
{%- endmacro %}

{#- The clean rows of a base model: everything but the quarantine bookkeeping. -#}
{% macro clean_rows(base_model) -%}
    select {{ star_except(['dq_reason', 'raw_record']) }}
    from {{ ref(base_model) }}
    where dq_reason is null
{%- endmacro %}

{#- The rejected rows of a source's base models, one shape for all: table, key, reason, raw row. -#}
{% macro quarantined_rows(tables) -%}
    {%- for table, base_model, key in tables %}
    select
        {{ surrogate_key(["'" ~ table ~ "'", 'raw_record']) }} as quarantine_key,
        '{{ table }}' as source_table,
        cast({{ key }} as {{ dbt.type_string() }}) as source_record_id,
        dq_reason,
        raw_record,
        _loaded_at
    from {{ ref(base_model) }}
    where dq_reason is not null
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}
