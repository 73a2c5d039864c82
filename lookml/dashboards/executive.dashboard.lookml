# Hand-written: the executive view. Portfolio health as assets against liabilities, share of wallet as
# products per customer, and a segment profitability heatmap, filtered by date range and segment.
# Checked by `c360 lookml validate`; exposed in dbt as exposure:executive.
- dashboard: executive
  title: "Executive overview"
  description: "Portfolio health, share of wallet and segment profitability, by month end."
  layout: newspaper
  preferred_viewer: dashboards-next
  crossfilter_enabled: false

  filters:
  - name: Date range
    title: "Month ends"
    type: field_filter
    default_value: ""
    allow_multiple_values: false
    required: false
    ui_config: {type: advanced, display: popover}
    model: customer360
    explore: portfolio_monthly
    field: portfolio_monthly.month_end_date
  - name: Segment
    title: "Segment"
    type: field_filter
    default_value: ""
    allow_multiple_values: true
    required: false
    ui_config: {type: tag_list, display: popover}
    model: customer360
    explore: portfolio_monthly
    field: portfolio_monthly.segment

  elements:
  - name: aum
    title: "Assets under management"
    note_text: "At the latest month end in the range (all months by default)."
    type: single_value
    model: customer360
    explore: portfolio_monthly
    fields: [portfolio_monthly.month_end_month, portfolio_monthly.total_aum_usd]
    sorts: [portfolio_monthly.month_end_month desc]
    hidden_fields: [portfolio_monthly.month_end_month]
    limit: 1
    listen: {Date range: portfolio_monthly.month_end_date, Segment: portfolio_monthly.segment}
    row: 0
    col: 0
    width: 6
    height: 3
  - name: liabilities
    title: "Liabilities under management"
    note_text: "Loans and cards owed, at the latest month end in the range."
    type: single_value
    model: customer360
    explore: portfolio_monthly
    fields: [portfolio_monthly.month_end_month, portfolio_monthly.total_lum_usd]
    sorts: [portfolio_monthly.month_end_month desc]
    hidden_fields: [portfolio_monthly.month_end_month]
    limit: 1
    listen: {Date range: portfolio_monthly.month_end_date, Segment: portfolio_monthly.segment}
    row: 0
    col: 6
    width: 6
    height: 3
  - name: customers
    title: "Customers"
    type: single_value
    model: customer360
    explore: portfolio_monthly
    fields: [portfolio_monthly.month_end_month, portfolio_monthly.total_customers]
    sorts: [portfolio_monthly.month_end_month desc]
    hidden_fields: [portfolio_monthly.month_end_month]
    limit: 1
    listen: {Date range: portfolio_monthly.month_end_date, Segment: portfolio_monthly.segment}
    row: 0
    col: 12
    width: 6
    height: 3
  - name: products_per_customer
    title: "Products per customer"
    note_text: "Share of wallet, counted in products held at the latest month end in the range."
    type: single_value
    model: customer360
    explore: portfolio_monthly
    fields: [portfolio_monthly.month_end_month, portfolio_monthly.products_per_customer]
    sorts: [portfolio_monthly.month_end_month desc]
    hidden_fields: [portfolio_monthly.month_end_month]
    limit: 1
    listen: {Date range: portfolio_monthly.month_end_date, Segment: portfolio_monthly.segment}
    row: 0
    col: 18
    width: 6
    height: 3
  - name: assets_against_liabilities
    title: "Portfolio health: assets against liabilities"
    type: looker_line
    model: customer360
    explore: portfolio_monthly
    fields: [portfolio_monthly.month_end_month, portfolio_monthly.total_aum_usd, portfolio_monthly.total_lum_usd,
      portfolio_monthly.total_net_position_usd]
    sorts: [portfolio_monthly.month_end_month asc]
    listen: {Date range: portfolio_monthly.month_end_date, Segment: portfolio_monthly.segment}
    row: 3
    col: 0
    width: 14
    height: 8
  - name: products_by_segment
    title: "Share of wallet: products per customer by segment"
    type: looker_column
    model: customer360
    explore: portfolio_monthly
    fields: [portfolio_monthly.segment, portfolio_monthly.products_per_customer,
      portfolio_monthly.average_avg_share_of_wallet]
    sorts: [portfolio_monthly.segment asc]
    listen: {Date range: portfolio_monthly.month_end_date, Segment: portfolio_monthly.segment}
    row: 3
    col: 14
    width: 10
    height: 8
  - name: profitability_heatmap
    title: "Segment profitability: profit per customer-month"
    type: looker_grid
    model: customer360
    explore: customer_profitability_monthly
    fields: [customer_profitability_monthly.segment, customer_profitability_monthly.month_end_quarter,
      customer_profitability_monthly.average_profit_usd]
    pivots: [customer_profitability_monthly.month_end_quarter]
    sorts: [customer_profitability_monthly.segment asc, customer_profitability_monthly.month_end_quarter asc]
    listen: {Date range: customer_profitability_monthly.month_end_date, Segment: customer_profitability_monthly.segment}
    conditional_formatting:
    - type: along a scale...
      value:
      background_color:
      font_color:
      color_application: {collection_id: legacy, palette_id: red_to_green}
      bold: false
      italic: false
      strikethrough: false
      fields: [customer_profitability_monthly.average_profit_usd]
    row: 11
    col: 0
    width: 24
    height: 7
