{#- Share of wallet per customer and month end: holdings here against estimates elsewhere, capped at a high
    quantile of peers' estimates. The method and what it cannot see: _wallet_share_monthly.md. -#}
{%- set families = [
    'deposit', 'investment', 'mortgage', 'auto_loan', 'student_loan', 'personal_loan', 'credit_card'
] -%}
{%- set age = dbt.datediff('customers.birth_date', 'internal.month_end_date', 'year') -%}
with

snapshots as (
    select * from {{ ref('fact_account_snapshot') }}
),

estimates as (
    select * from {{ ref('int_wallet__external_estimates') }}
),

customers as (
    select * from {{ ref('dim_customer') }}
),

-- Every customer month with an account here or a holding elsewhere seen.
grid as (
    select
        customer_key,
        month_end_date
    from snapshots
    union distinct
    select
        customer_key,
        month_end_date
    from estimates
),

internal as (
    select
        grid.customer_key,
        grid.month_end_date,
        coalesce(sum(case
            when snapshots.product_type = 'SECURITIES' then coalesce(snapshots.market_value_usd, 0)
            else greatest(snapshots.closing_balance_usd, 0)
        end), 0) as internal_assets_usd,
        coalesce(sum(case
            when snapshots.product_type = 'SECURITIES' then 0
            else greatest(-snapshots.closing_balance_usd, 0)
        end), 0) as internal_liabilities_usd,
        sum(case when snapshots.product_type in ('CASA', 'CD') then 1 else 0 end) as deposit_accounts,
        sum(case when snapshots.product_type = 'SECURITIES' then 1 else 0 end) as investment_accounts,
        sum(case when snapshots.product_type = 'LOAN' then 1 else 0 end) as loan_accounts,
        sum(case when snapshots.product_type = 'CARD' then 1 else 0 end) as card_accounts
    from grid
    left join snapshots
        on grid.customer_key = snapshots.customer_key and grid.month_end_date = snapshots.month_end_date
    group by grid.customer_key, grid.month_end_date
),

external_by_family as (
    select
        customer_key,
        month_end_date,
        {%- for family in families %}
            sum(case when product_family = '{{ family }}' then estimated_balance_usd else 0 end)
                as {{ family }}_raw_usd,
            max(case when product_family = '{{ family }}' then months_with_flow end) as {{ family }}_months,
        {%- endfor %}
        count(*) as external_holdings_seen
    from estimates
    group by customer_key, month_end_date
),

joined as (
    select
        internal.*,
        {%- for family in families %}
            coalesce(external_by_family.{{ family }}_raw_usd, 0) as {{ family }}_raw_usd,
            coalesce(external_by_family.{{ family }}_months, 0) as {{ family }}_months,
        {%- endfor %}
        coalesce(customers.segment, 'Unknown') as segment,
        case
            {%- for edge in var('wallet_income_band_edges_usd') | reverse %}
                when customers.annual_income_usd >= {{ edge }} then 'income {{ edge }}+'
            {%- endfor %}
            else 'income low or unknown'
        end as income_band,
        case
            {%- for edge in var('wallet_age_band_edges_years') | reverse %}
                when {{ age }} >= {{ edge }} then 'age {{ edge }}+'
            {%- endfor %}
            else 'age young or unknown'
        end as age_band
    from internal
    left join external_by_family
        on
            internal.customer_key = external_by_family.customer_key
            and internal.month_end_date = external_by_family.month_end_date
    left join customers on internal.customer_key = customers.customer_key
),

raw_totals as (
    select
        *,
        deposit_raw_usd + investment_raw_usd + mortgage_raw_usd + auto_loan_raw_usd + student_loan_raw_usd
        + personal_loan_raw_usd + credit_card_raw_usd as external_raw_usd
    from joined
),

-- Peers: the same month, income band, age band and segment; the cap is the highest estimate at or below
-- the wallet_peer_cap_quantile of the estimates of the peers who show any flow elsewhere.
ranked as (
    select
        *,
        percent_rank() over (
            partition by month_end_date, income_band, age_band, segment, external_raw_usd > 0
            order by external_raw_usd
        ) as peer_rank
    from raw_totals
),

capped as (
    select
        *,
        max(case
            when external_raw_usd > 0 and peer_rank <= {{ var('wallet_peer_cap_quantile') }} then external_raw_usd
        end) over (partition by month_end_date, income_band, age_band, segment) as peer_cap_usd
    from ranked
),

scaled as (
    select
        *,
        case
            when external_raw_usd > 0 and external_raw_usd > peer_cap_usd then peer_cap_usd / external_raw_usd
            else 1.0
        end as cap_factor
    from capped
),

rounded as (
    -- To the cent via 6 decimals, so the engines' last-bit float differences vanish.
    select
        {%- for family in families %}
            round(round({{ family }}_raw_usd * cap_factor, 6), 2) as {{ family }}_usd,
        {%- endfor %}
        *
    from scaled
),

final as (
    select
        *,
        deposit_usd + investment_usd as external_assets_usd,
        mortgage_usd + auto_loan_usd + student_loan_usd + personal_loan_usd + credit_card_usd
            as external_liabilities_usd
    from rounded
)

select
    {{ surrogate_key(['customer_key', 'month_end_date']) }} as wallet_share_key,
    customer_key,
    {{ date_key('month_end_date') }} as date_key,
    month_end_date,
    income_band,
    age_band,
    segment,
    {{ to_money('internal_assets_usd') }} as internal_assets_usd,
    {{ to_money('internal_liabilities_usd') }} as internal_liabilities_usd,
    {%- for family in families %}
        {{ to_money(family ~ '_usd') }} as external_{{ family }}_usd,
        cast({{ family }}_months as {{ dbt.type_bigint() }}) as {{ family }}_flow_months,
    {%- endfor %}
    {{ to_money('external_assets_usd') }} as external_assets_usd,
    {{ to_money('external_liabilities_usd') }} as external_liabilities_usd,
    {{ to_money('peer_cap_usd') }} as peer_cap_usd,
    cap_factor < 1.0 as is_peer_capped,
    {{ to_money('internal_assets_usd + internal_liabilities_usd + external_assets_usd + external_liabilities_usd') }}
        as total_wallet_usd,
    cast(case
        when internal_assets_usd + external_assets_usd > 0
            then internal_assets_usd / (internal_assets_usd + external_assets_usd)
    end as {{ float64_type() }}) as asset_share_of_wallet,
    cast(case
        when internal_liabilities_usd + external_liabilities_usd > 0
            then internal_liabilities_usd / (internal_liabilities_usd + external_liabilities_usd)
    end as {{ float64_type() }}) as liability_share_of_wallet,
    cast(case
        when internal_assets_usd + internal_liabilities_usd + external_assets_usd + external_liabilities_usd > 0
            then
                (internal_assets_usd + internal_liabilities_usd)
                / (internal_assets_usd + internal_liabilities_usd + external_assets_usd + external_liabilities_usd)
    end as {{ float64_type() }}) as share_of_wallet,
    cast(deposit_accounts as {{ dbt.type_bigint() }}) as deposit_accounts,
    cast(investment_accounts as {{ dbt.type_bigint() }}) as investment_accounts,
    cast(loan_accounts as {{ dbt.type_bigint() }}) as loan_accounts,
    cast(card_accounts as {{ dbt.type_bigint() }}) as card_accounts,
    {#- The families with an estimated balance elsewhere, in name order. #}
    nullif(rtrim(concat(
        {%- for family in families | sort %}
            case when {{ family }}_usd > 0 then '{{ family }},' else '' end{% if not loop.last %},{% endif %}
        {%- endfor %}
    ), ','), '') as external_product_families
from final
