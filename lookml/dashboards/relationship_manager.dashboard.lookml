# Hand-written: a relationship manager's book of business. The RM's customers with their health, churn
# risk, open alerts and next best actions, each drilling into the customer dashboard.
# Checked by `c360 lookml validate`; exposed in dbt as exposure:relationship_manager.
- dashboard: relationship_manager
  title: "Book of business"
  description: "A relationship manager's customers: health, churn risk, open alerts and next best actions."
  layout: newspaper
  preferred_viewer: dashboards-next

  filters:
  - name: Relationship manager
    title: "Relationship manager"
    type: field_filter
    default_value: ""
    allow_multiple_values: false
    required: false
    ui_config: {type: dropdown_menu, display: inline}
    model: customer360
    explore: customer_360
    field: customer_360.relationship_manager
  - name: Branch
    title: "Home branch"
    type: field_filter
    default_value: ""
    allow_multiple_values: true
    required: false
    ui_config: {type: tag_list, display: popover}
    model: customer360
    explore: customer_360
    field: customer_360.home_branch_code
  - name: Segment
    title: "Segment"
    type: field_filter
    default_value: ""
    allow_multiple_values: true
    required: false
    ui_config: {type: tag_list, display: popover}
    model: customer360
    explore: customer_360
    field: customer_360.segment

  elements:
  - name: book_customers
    title: "Customers"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.customer_count]
    filters: {customer_360.relationship_manager: "-NULL"}
    listen: {Relationship manager: customer_360.relationship_manager, Branch: customer_360.home_branch_code,
      Segment: customer_360.segment}
    row: 0
    col: 0
    width: 6
    height: 3
  - name: book_balance
    title: "Relationship balance"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.total_relationship_balance_usd]
    filters: {customer_360.relationship_manager: "-NULL"}
    listen: {Relationship manager: customer_360.relationship_manager, Branch: customer_360.home_branch_code,
      Segment: customer_360.segment}
    row: 0
    col: 6
    width: 6
    height: 3
  - name: book_health
    title: "Average health score"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.average_health_score]
    filters: {customer_360.relationship_manager: "-NULL"}
    listen: {Relationship manager: customer_360.relationship_manager, Branch: customer_360.home_branch_code,
      Segment: customer_360.segment}
    row: 0
    col: 12
    width: 6
    height: 3
  - name: book_high_churn
    title: "High churn risk"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.high_churn_risk_customers]
    filters: {customer_360.relationship_manager: "-NULL"}
    listen: {Relationship manager: customer_360.relationship_manager, Branch: customer_360.home_branch_code,
      Segment: customer_360.segment}
    row: 0
    col: 18
    width: 6
    height: 3
  - name: book_by_health
    title: "Customers by health category"
    type: looker_bar
    model: customer360
    explore: customer_360
    fields: [customer_360.health_category, customer_360.customer_count]
    sorts: [customer_360.health_category asc]
    filters: {customer_360.relationship_manager: "-NULL"}
    listen: {Relationship manager: customer_360.relationship_manager, Branch: customer_360.home_branch_code,
      Segment: customer_360.segment}
    row: 3
    col: 0
    width: 12
    height: 6
  - name: open_alerts_by_type
    title: "Open alerts by type"
    type: looker_bar
    model: customer360
    explore: customer_alerts
    fields: [customer_alerts.alert_type, customer_alerts.open_alert_count]
    sorts: [customer_alerts.open_alert_count desc]
    filters: {customer_alerts.is_open: "yes"}
    listen: {Relationship manager: customer_360.relationship_manager, Branch: customer_360.home_branch_code,
      Segment: customer_360.segment}
    row: 3
    col: 12
    width: 12
    height: 6
  - name: book
    title: "The book: customers by churn risk"
    type: looker_grid
    model: customer360
    explore: customer_360
    fields: [customer_360.customer_key, customer_360.relationship_manager, customer_360.segment,
      customer_360.relationship_balance_usd, customer_360.health_score, customer_360.health_category,
      customer_360.churn_risk_score, customer_360.churn_risk_tier, customer_360.churn_probability,
      customer_360.open_alerts, customer_360.open_actions, customer_360.top_action]
    sorts: [customer_360.churn_risk_score desc, customer_360.relationship_balance_usd desc]
    filters: {customer_360.relationship_manager: "-NULL"}
    listen: {Relationship manager: customer_360.relationship_manager, Branch: customer_360.home_branch_code,
      Segment: customer_360.segment}
    limit: 200
    conditional_formatting:
    - type: along a scale...
      color_application: {collection_id: legacy, palette_id: green_to_red}
      fields: [customer_360.churn_risk_score]
    row: 9
    col: 0
    width: 24
    height: 9
  - name: next_best_actions
    title: "Open next best actions"
    type: looker_grid
    model: customer360
    explore: next_best_actions
    fields: [next_best_actions.customer_key, next_best_actions.action_rank, next_best_actions.rule_id,
      next_best_actions.action, next_best_actions.product_offered, next_best_actions.priority,
      next_best_actions.estimated_value_usd, next_best_actions.evidence]
    sorts: [next_best_actions.estimated_value_usd desc]
    filters: {next_best_actions.is_open: "yes"}
    listen: {Relationship manager: customer_360.relationship_manager, Branch: customer_360.home_branch_code,
      Segment: customer_360.segment}
    limit: 200
    row: 18
    col: 0
    width: 24
    height: 8
