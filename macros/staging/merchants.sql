{#- Card descriptors as processors send them, cleaned down to the merchant's name. Each rule is
    unit-tested on int_merchants__locations (models/intermediate/merchants/_merchants__models.yml). -#}

{#- The pattern of a descriptor with its place: the name field, the city field and the state, each
    at its fixed width (ISO 8583 field 43 as card networks print it; widths in dbt_project.yml). -#}
{% macro merchant_descriptor_with_place() -%}
    {{- return('^.{' ~ var('merchant_descriptor_name_width') ~ '} .{' ~ var('merchant_descriptor_city_width')
               ~ '} [A-Z]{2}$') -}}
{%- endmacro %}

{#- The city of a descriptor that carries one, else null. -#}
{% macro merchant_descriptor_city(expr) -%}
    {%- set name_width = var('merchant_descriptor_name_width') -%}
    case
        when {{ regexp_contains('upper(' ~ expr ~ ')', merchant_descriptor_with_place()) }}
            then trim(substr(upper({{ expr }}), {{ name_width + 2 }}, {{ var('merchant_descriptor_city_width') }}))
    end
{%- endmacro %}

{#- The state of a descriptor that carries one, else null. -#}
{% macro merchant_descriptor_state(expr) -%}
    case
        when {{ regexp_contains('upper(' ~ expr ~ ')', merchant_descriptor_with_place()) }}
            then right(upper({{ expr }}), 2)
    end
{%- endmacro %}

{#- The merchant's name in a descriptor, in five steps:
    1. the name field only: city and state dropped where the descriptor has them;
    2. no aggregator prefix (Square SQ *, Toast TST*, PayPal PAYPAL * or PP*, Shopify SP *);
    3. no order or trip code after an asterisk (ONLINE SHOP*2K4LT);
    4. no store or ticket number, whole or cut short by the field's width (#0412, 0412, #04, #);
    5. no truncation artefacts: trailing punctuation and spaces, doubled spaces. -#}
{% macro merchant_brand_name(expr) -%}
    {%- set upper = 'upper(trim(' ~ expr ~ '))' -%}
    {%- set name_field -%}
        case
            when {{ regexp_contains(upper, merchant_descriptor_with_place()) }}
                then trim(substr({{ upper }}, 1, {{ var('merchant_descriptor_name_width') }}))
            else {{ upper }}
        end
    {%- endset -%}
    {%- set unprefixed = regexp_replace_all(name_field, '^(SQ ?[*]|TST[*]|PAYPAL ?[*]|PP ?[*]|SP ?[*]) *', '') -%}
    {%- set uncoded = regexp_replace_all(unprefixed, ' *[*].*$', '') -%}
    {%- set unnumbered = regexp_replace_all(regexp_replace_all(uncoded, ' *# *[0-9]*$', ''), ' +[0-9]+$', '') -%}
    nullif({{ regexp_replace_all(regexp_replace_all(unnumbered, '[^A-Z0-9]+$', ''), '  +', ' ') }}, '')
{%- endmacro %}
