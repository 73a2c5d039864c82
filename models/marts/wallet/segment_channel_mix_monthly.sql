{#-
    One row per segment, channel and month end: interactions (fact_interaction), the customers they
    reached, and the channel's share of the segment's interactions that month. The segment is the
    customer's segment in that month (int_customers__segment_monthly); interactions of people who held
    no account that month (and of records no identity rule could place) count under 'No accounts'.
-#}
with

interactions as (
    select * from {{ ref('fact_interaction') }}
),

segments as (
    select * from {{ ref('int_customers__segment_monthly') }}
),

interaction_months as (
    select
        customer_key,
        channel,
        {{ dbt.last_day('interaction_date', 'month') }} as month_end_date
    from interactions
),

counted as (
    select
        coalesce(segments.segment, 'No accounts') as segment,
        interaction_months.channel,
        interaction_months.month_end_date,
        count(*) as interactions,
        count(distinct interaction_months.customer_key) as customers_reached
    from interaction_months
    left join segments
        on
            interaction_months.customer_key = segments.customer_key
            and interaction_months.month_end_date = segments.month_end_date
    group by 1, 2, 3
),

final as (
    select
        {{ date_key('month_end_date') }} as date_key,
        segment,
        channel,
        cast(interactions as {{ dbt.type_bigint() }}) as interactions,
        cast(customers_reached as {{ dbt.type_bigint() }}) as customers_reached,
        cast(
            1.0 * interactions / sum(interactions) over (partition by segment, month_end_date)
            as {{ float64_type() }}
        ) as interaction_share,
        month_end_date
    from counted
)

select * from final
