{#-
    Nothing silently dropped: every raw row is either in the clean staging model or in its source's
    quarantine. Fails with the three counts when raw <> clean + quarantined.
-#}
{% test reconciles_with_quarantine(model, raw, quarantine, source_table) %}
    with counts as (
        select
            (select count(*) from {{ raw }}) as raw_rows,
            (select count(*) from {{ model }}) as clean_rows,
            (select count(*) from {{ quarantine }} where source_table = '{{ source_table }}') as quarantined_rows
    )
    select * from counts
    where raw_rows <> clean_rows + quarantined_rows
{% endtest %}
