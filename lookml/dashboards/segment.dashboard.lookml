# Hand-written: the segment view. How each segment reaches the bank (Mobile App, Branch, Call Center,
# Chatbot), filterable by segment and date range, drilling to the segment's customers and on to each
# customer's dashboard. Checked by `c360 lookml validate`; exposed in dbt as exposure:segment.
- dashboard: segment
  title: "Segment channel mix"
  description: "Interactions by channel and segment, and the customers behind them."
  layout: newspaper
  preferred_viewer: dashboards-next

  filters:
  - name: Segment
    title: "Segment"
    type: field_filter
    default_value: ""
    allow_multiple_values: true
    required: false
    ui_config: {type: tag_list, display: popover}
    model: customer360
    explore: segment_channel_mix_monthly
    field: segment_channel_mix_monthly.segment
  - name: Date range
    title: "Month ends"
    type: field_filter
    default_value: ""
    allow_multiple_values: false
    required: false
    ui_config: {type: advanced, display: popover}
    model: customer360
    explore: segment_channel_mix_monthly
    field: segment_channel_mix_monthly.month_end_date

  elements:
  - name: interactions
    title: "Interactions"
    type: single_value
    model: customer360
    explore: segment_channel_mix_monthly
    fields: [segment_channel_mix_monthly.total_interactions]
    listen: {Segment: segment_channel_mix_monthly.segment, Date range: segment_channel_mix_monthly.month_end_date}
    row: 0
    col: 0
    width: 8
    height: 3
  - name: customers_in_segment
    title: "Customers"
    note_text: "Customers in the segment at their latest month end."
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.customer_count]
    listen: {Segment: customer_360.segment}
    row: 0
    col: 8
    width: 8
    height: 3
  - name: high_churn_risk
    title: "High churn risk"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.high_churn_risk_customers]
    listen: {Segment: customer_360.segment}
    row: 0
    col: 16
    width: 8
    height: 3
  - name: channel_mix
    title: "Channel mix"
    type: looker_pie
    inner_radius: 50
    model: customer360
    explore: segment_channel_mix_monthly
    fields: [segment_channel_mix_monthly.channel, segment_channel_mix_monthly.total_interactions]
    sorts: [segment_channel_mix_monthly.total_interactions desc]
    listen: {Segment: segment_channel_mix_monthly.segment, Date range: segment_channel_mix_monthly.month_end_date}
    row: 3
    col: 0
    width: 8
    height: 8
  - name: channel_trend
    title: "Interactions by channel and month"
    type: looker_column
    stacking: normal
    model: customer360
    explore: segment_channel_mix_monthly
    fields: [segment_channel_mix_monthly.month_end_month, segment_channel_mix_monthly.channel,
      segment_channel_mix_monthly.total_interactions]
    pivots: [segment_channel_mix_monthly.channel]
    sorts: [segment_channel_mix_monthly.month_end_month asc, segment_channel_mix_monthly.channel asc]
    listen: {Segment: segment_channel_mix_monthly.segment, Date range: segment_channel_mix_monthly.month_end_date}
    row: 3
    col: 8
    width: 16
    height: 8
  - name: channel_by_segment
    title: "Interactions by segment and channel"
    type: looker_grid
    model: customer360
    explore: segment_channel_mix_monthly
    fields: [segment_channel_mix_monthly.segment, segment_channel_mix_monthly.channel,
      segment_channel_mix_monthly.total_interactions]
    pivots: [segment_channel_mix_monthly.channel]
    sorts: [segment_channel_mix_monthly.segment asc, segment_channel_mix_monthly.channel asc]
    listen: {Segment: segment_channel_mix_monthly.segment, Date range: segment_channel_mix_monthly.month_end_date}
    conditional_formatting:
    - type: along a scale...
      color_application: {collection_id: legacy, palette_id: white_to_green}
      fields: [segment_channel_mix_monthly.total_interactions]
    row: 11
    col: 0
    width: 24
    height: 5
  - name: customer_list
    title: "Customers in the segment (open one for its dashboard)"
    type: looker_grid
    model: customer360
    explore: customer_360
    fields: [customer_360.customer_key, customer_360.segment, customer_360.relationship_balance_usd,
      customer_360.products_open, customer_360.health_category, customer_360.churn_risk_tier,
      customer_360.open_alerts, customer_360.top_action]
    sorts: [customer_360.relationship_balance_usd desc]
    limit: 100
    listen: {Segment: customer_360.segment}
    row: 16
    col: 0
    width: 24
    height: 9
