{#- A score component: the expression clipped to [0, 1], a null (nothing to compare with) counting as 0 (and never
    a negative zero, which a clipped -0.0 would otherwise keep). -#}
{% macro unit_interval(expr) -%}
    case when coalesce({{ expr }}, 0) >= 1 then 1.0 when coalesce({{ expr }}, 0) > 0 then {{ expr }} else 0.0 end
{%- endmacro %}

{#- An aggregate over one customer's month-end rows (one row per customer and month end, consecutive while they
    hold an account), in a ROWS frame such as '2 preceding and current row': the window every point-in-time
    customer figure uses. -#}
{% macro over_customer_months(aggregate, frame) -%}
    {{ aggregate }} over (partition by customer_key order by month_end_date rows between {{ frame }})
{%- endmacro %}
