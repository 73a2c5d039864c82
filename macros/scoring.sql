{#- A score component: the expression clipped to [0, 1], a null (nothing to compare with) counting as 0 (and never
    a negative zero, which a clipped -0.0 would otherwise keep). -#}
{% macro unit_interval(expr) -%}
    case when coalesce({{ expr }}, 0) >= 1 then 1.0 when coalesce({{ expr }}, 0) > 0 then {{ expr }} else 0.0 end
{%- endmacro %}
