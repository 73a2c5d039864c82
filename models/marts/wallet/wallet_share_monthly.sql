{#- Share of wallet per customer and month end: holdings here against estimates elsewhere, the ratio-based ones
    capped at a high quantile of peers'. The method and what it cannot see: _wallet_share_monthly.md. -#}
{%- set families = ['deposit', 'investment', 'mortgage', 'auto_loan', 'student_loan', 'personal_loan',
    'credit_card'] -%}
{#- A loan's balance rests on its observed instalment; these rest on ratios a misread flow can inflate. -#}
{%- set peer_capped = ['deposit', 'investment', 'credit_card'] -%}
{%- set age = dbt.datediff('customers.birth_date', 'internal.month_end_date', 'year') -%}
with

snapshots as (
    select * from {{ ref('fact_account_snapshot') }}
),

estimates as (
    select
        *,
        cast(estimated_balance_usd as {{ float64_type() }}) as estimated_balance
    from {{ ref('int_wallet__external_estimates') }}
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
            -- In float on both engines: the cap divides these, and NUMERIC division is exact only on BigQuery.
            sum(case when product_family = '{{ family }}' then estimated_balance else 0 end) as {{ family }}_raw_usd,
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
        {{ peer_capped | join('_raw_usd + ') }}_raw_usd as capped_raw_usd
    from joined
),

-- Peers: same month, income band, age band, segment; cap: the highest ratio-based estimate at their quantile.
ranked as (
    select
        *,
        percent_rank() over (
            partition by month_end_date, income_band, age_band, segment, capped_raw_usd > 0
            order by capped_raw_usd
        ) as peer_rank
    from raw_totals
),

capped as (
    select
        *,
        max(case
            when capped_raw_usd > 0 and peer_rank <= {{ var('wallet_peer_cap_quantile') }} then capped_raw_usd
        end) over (partition by month_end_date, income_band, age_band, segment) as peer_cap_usd
    from ranked
),

scaled as (
    select
        *,
        case
            when capped_raw_usd > 0 and capped_raw_usd > peer_cap_usd then peer_cap_usd / capped_raw_usd
            else 1.0
        end as cap_factor
    from capped
),

rounded as (
    -- Each family to the cent first, so the totals are sums of exact amounts on every engine.
    select
        {%- for family in families %}
            {{ float_to_money(family ~ '_raw_usd' ~ (' * cap_factor' if family in peer_capped else '')) }}
                as {{ family }}_usd,
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
    {#- Each share is what is held here over the whole wallet, divided in float on every engine. #}
    {%- for name, here, there in [
        ('asset_share_of_wallet', 'internal_assets_usd', 'external_assets_usd'),
        ('liability_share_of_wallet', 'internal_liabilities_usd', 'external_liabilities_usd'),
        ('share_of_wallet', 'internal_assets_usd + internal_liabilities_usd',
            'external_assets_usd + external_liabilities_usd'),
    ] %}
        {%- set float64 = float64_type() %}
        cast({{ here }} as {{ float64 }}) / nullif(cast({{ here }} + {{ there }} as {{ float64 }}), 0) as {{ name }},
    {%- endfor %}
    {%- for kind in ['deposit', 'investment', 'loan', 'card'] %}
        cast({{ kind }}_accounts as {{ dbt.type_bigint() }}) as {{ kind }}_accounts,
    {%- endfor %}
    {#- The families with an estimated balance elsewhere, in name order. #}
    nullif(rtrim(concat(
        {%- for family in families | sort %}
            case when {{ family }}_usd > 0 then '{{ family }},' else '' end{% if not loop.last %},{% endif %}
        {%- endfor %}
    ), ','), '') as external_product_families
from final
