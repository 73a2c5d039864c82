{#-
    A segment's channel shares add up to one in every month, and its interactions to those of
    fact_interaction in the month. Returns the segment-months where either fails.
-#}
with

mix as (
    select
        month_end_date,
        segment,
        sum(interaction_share) as share_total
    from {{ ref('segment_channel_mix_monthly') }}
    group by 1, 2
),

monthly as (
    select
        month_end_date,
        sum(interactions) as mix_interactions
    from {{ ref('segment_channel_mix_monthly') }}
    group by 1
),

interactions as (
    select
        {{ dbt.last_day('interaction_date', 'month') }} as month_end_date,
        count(*) as fact_interactions
    from {{ ref('fact_interaction') }}
    group by 1
)

select
    mix.month_end_date,
    mix.segment,
    mix.share_total,
    monthly.mix_interactions,
    interactions.fact_interactions
from mix
inner join monthly on mix.month_end_date = monthly.month_end_date
left join interactions on mix.month_end_date = interactions.month_end_date
where
    abs(mix.share_total - 1) > 1e-9
    or monthly.mix_interactions <> coalesce(interactions.fact_interactions, 0)
