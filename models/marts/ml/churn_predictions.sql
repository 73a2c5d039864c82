{#-
    The churn model scored in the warehouse: one row per customer and as-of month end, the probability of
    churning within 90 days by the gradient-boosting model `c360 churn train` compiled into
    macros/churn_model.sql (no Python at run time), its risk tier (vars churn_tier_high_probability and
    churn_tier_medium_probability), the three features that pushed the score up most along the trees' paths,
    and the recommended action. The model card: models/marts/ml/churn_model.md.
-#}
with

features as (
    select * from {{ ref('churn_features') }}
),

leaves as (
    select
        customer_key,
        as_of_date,
        {{ churn_model_leaves() }}
    from features
),

scored as (
    select
        customer_key,
        as_of_date,
        {{ churn_model_raw_score() }} as raw_score,
        {{ churn_model_contributions() }}
    from leaves
),

-- One row per customer, as-of date and feature that raised the score.
contributions as (
    {%- for feature in churn_model_features() %}
        select
            customer_key,
            as_of_date,
            '{{ feature }}' as feature_name,
            contribution_{{ feature }} as contribution
        from scored
        where contribution_{{ feature }} > 0
        {{- "\n        union all" if not loop.last }}
    {%- endfor %}
),

ranked as (
    select
        *,
        row_number() over (
            partition by customer_key, as_of_date order by contribution desc, feature_name asc
        ) as reason_rank
    from contributions
),

reasons as (
    select
        customer_key,
        as_of_date,
        max(case when reason_rank = 1 then feature_name end) as reason_1,
        max(case when reason_rank = 2 then feature_name end) as reason_2,
        max(case when reason_rank = 3 then feature_name end) as reason_3
    from ranked
    where reason_rank <= 3
    group by customer_key, as_of_date
),

probabilities as (
    select
        customer_key,
        as_of_date,
        raw_score,
        1 / (1 + exp(-raw_score)) as churn_probability
    from scored
)

select
    {{ surrogate_key(['probabilities.customer_key', 'probabilities.as_of_date']) }} as churn_prediction_key,
    probabilities.customer_key,
    {{ date_key('probabilities.as_of_date') }} as date_key,
    probabilities.as_of_date,
    cast(probabilities.churn_probability as {{ float64_type() }}) as churn_probability,
    case
        when probabilities.churn_probability >= {{ var('churn_tier_high_probability') }} then 'HIGH'
        when probabilities.churn_probability >= {{ var('churn_tier_medium_probability') }} then 'MEDIUM'
        else 'LOW'
    end as predicted_risk_tier,
    reasons.reason_1,
    reasons.reason_2,
    reasons.reason_3,
    case
        when probabilities.churn_probability >= {{ var('churn_tier_high_probability') }} then 'Urgent retention call'
        when probabilities.churn_probability >= {{ var('churn_tier_medium_probability') }} then 'Relationship check-in'
    end as recommended_action
from probabilities
left join reasons
    on probabilities.customer_key = reasons.customer_key and probabilities.as_of_date = reasons.as_of_date
