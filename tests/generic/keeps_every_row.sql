{#-
    Nothing lost between layers: the model has exactly as many rows as the upstream models together
    (each given by name). Together with a unique key this shows that no row was dropped or duplicated.
    Fails with both counts.
-#}
{% test keeps_every_row(model, upstream) %}
    with counts as (
        select
            (
                {%- for name in upstream %}
                (select count(*) from {{ ref(name) }}){{ " +" if not loop.last }}
                {%- endfor %}
            ) as upstream_rows,
            (select count(*) from {{ model }}) as model_rows
    )
    select * from counts
    where upstream_rows <> model_rows
{% endtest %}
