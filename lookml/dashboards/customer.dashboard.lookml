# Hand-written: one customer. A profile header (single values, a single record and a text tile; the SSN
# masked, never in full) and seven tabs: overview donuts of assets, liabilities and securities; current and
# savings accounts with their balance trend and spend by category; cards; loans; CDs; insurance; securities
# with gain and loss. Every tile listens to the Customer filter. Checked by `c360 lookml validate`;
# exposed in dbt as exposure:customer.
- dashboard: customer
  title: "Customer"
  description: "One customer's profile and portfolio, tab by tab."
  layout: newspaper
  preferred_viewer: dashboards-next

  filters:
  - name: Customer
    title: "Customer"
    type: field_filter
    default_value: ""
    allow_multiple_values: false
    required: true
    ui_config: {type: advanced, display: inline}
    model: customer360
    explore: customer_360
    field: customer_360.customer_key

  tabs:
  - {name: overview, label: "Overview"}
  - {name: casa, label: "CASA"}
  - {name: cards, label: "Cards"}
  - {name: loans, label: "Loans"}
  - {name: cds, label: "CDs"}
  - {name: insurance, label: "Insurance"}
  - {name: securities, label: "Securities"}

  elements:
  - name: profile_text
    title: "Profile"
    type: text
    title_text: "Customer profile"
    body_text: "Who the customer is, what they hold here and elsewhere, and how healthy the relationship is. The SSN is shown masked, never in full. Choose a customer with the Customer filter, or open one from the segment or book-of-business dashboards."
    tab_name: overview
    row: 0
    col: 0
    width: 6
    height: 6
  - name: profile
    title: "Profile"
    type: looker_single_record
    model: customer360
    explore: customer_360
    fields: [customer_360.customer_key, dim_customer.ssn_masked, customer_360.segment, customer_360.customer_type, customer_360.city, customer_360.state_code, customer_360.home_branch_code, customer_360.relationship_manager, customer_360.tenure_years, customer_360.payroll_status, customer_360.health_category, customer_360.churn_risk_tier, customer_360.top_action]
    limit: 1
    listen: {Customer: customer_360.customer_key}
    tab_name: overview
    row: 0
    col: 6
    width: 8
    height: 6
  - name: relationship_balance
    title: "Relationship balance"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.total_relationship_balance_usd]
    listen: {Customer: customer_360.customer_key}
    tab_name: overview
    row: 0
    col: 14
    width: 5
    height: 2
  - name: health_score
    title: "Health score"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.average_health_score]
    listen: {Customer: customer_360.customer_key}
    tab_name: overview
    row: 0
    col: 19
    width: 5
    height: 2
  - name: churn_risk_score
    title: "Churn-risk score"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.average_churn_risk_score]
    listen: {Customer: customer_360.customer_key}
    tab_name: overview
    row: 2
    col: 14
    width: 5
    height: 2
  - name: churn_probability
    title: "Churn probability (model)"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.average_churn_probability]
    listen: {Customer: customer_360.customer_key}
    tab_name: overview
    row: 2
    col: 19
    width: 5
    height: 2
  - name: open_alerts
    title: "Open alerts"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.total_open_alerts]
    listen: {Customer: customer_360.customer_key}
    tab_name: overview
    row: 4
    col: 14
    width: 5
    height: 2
  - name: lifetime_value
    title: "Expected lifetime value"
    type: single_value
    model: customer360
    explore: customer_360
    fields: [customer_360.total_expected_lifetime_value_usd]
    listen: {Customer: customer_360.customer_key}
    tab_name: overview
    row: 4
    col: 19
    width: 5
    height: 2
  - name: assets_donut
    title: "Assets"
    type: looker_pie
    inner_radius: 50
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.product_type, fact_account_snapshot.total_assets_usd]
    sorts: [fact_account_snapshot.total_assets_usd desc]
    filters: {fact_account_snapshot.is_latest_month: "yes", fact_account_snapshot.product_type: "CASA,CD,SECURITIES"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: overview
    row: 6
    col: 0
    width: 8
    height: 7
  - name: liabilities_donut
    title: "Liabilities"
    type: looker_pie
    inner_radius: 50
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.product_type, fact_account_snapshot.total_owed_usd]
    sorts: [fact_account_snapshot.total_owed_usd desc]
    filters: {fact_account_snapshot.is_latest_month: "yes", fact_account_snapshot.product_type: "LOAN,CARD"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: overview
    row: 6
    col: 8
    width: 8
    height: 7
  - name: securities_donut
    title: "Securities"
    type: looker_pie
    inner_radius: 50
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.account_number, fact_account_snapshot.total_market_value_usd]
    sorts: [fact_account_snapshot.total_market_value_usd desc]
    filters: {fact_account_snapshot.is_latest_month: "yes", fact_account_snapshot.product_type: "SECURITIES"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: overview
    row: 6
    col: 16
    width: 8
    height: 7
  - name: casa_accounts
    title: "Current and savings accounts"
    type: looker_grid
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.account_number, dim_account.account_subtype, dim_account.account_status, dim_account.open_date, dim_account.interest_rate, fact_account_snapshot.total_closing_balance_usd]
    sorts: [fact_account_snapshot.total_closing_balance_usd desc]
    filters: {fact_account_snapshot.is_latest_month: "yes", fact_account_snapshot.product_type: "CASA"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: casa
    row: 0
    col: 0
    width: 24
    height: 5
  - name: casa_balance_trend
    title: "Balance by month end"
    type: looker_line
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.month_end_month, fact_account_snapshot.total_closing_balance_usd]
    sorts: [fact_account_snapshot.month_end_month asc]
    filters: {fact_account_snapshot.product_type: "CASA"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: casa
    row: 5
    col: 0
    width: 12
    height: 7
  - name: spend_by_category
    title: "Spend by category"
    type: looker_bar
    model: customer360
    explore: fact_transaction
    fields: [dim_merchant.category_name, fact_transaction.total_spend_usd]
    sorts: [fact_transaction.total_spend_usd desc]
    filters: {dim_merchant.category_name: "-NULL"}
    limit: 15
    listen: {Customer: fact_transaction.customer_key}
    tab_name: casa
    row: 5
    col: 12
    width: 12
    height: 7
  - name: cards
    title: "Cards"
    type: looker_grid
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.account_number, dim_account.account_subtype, dim_account.account_status, fact_account_snapshot.total_closing_balance_usd, fact_account_snapshot.total_credit_limit_usd, fact_account_snapshot.average_credit_utilization]
    sorts: [fact_account_snapshot.account_number asc]
    filters: {fact_account_snapshot.is_latest_month: "yes", fact_account_snapshot.product_type: "CARD"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: cards
    row: 0
    col: 0
    width: 24
    height: 5
  - name: card_utilisation_trend
    title: "Credit utilisation by month end"
    type: looker_line
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.month_end_month, fact_account_snapshot.average_credit_utilization]
    sorts: [fact_account_snapshot.month_end_month asc]
    filters: {fact_account_snapshot.product_type: "CARD"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: cards
    row: 5
    col: 0
    width: 12
    height: 7
  - name: card_spend_trend
    title: "Card spend by month"
    type: looker_column
    model: customer360
    explore: fact_transaction
    fields: [fact_transaction.transaction_month, fact_transaction.total_spend_usd]
    sorts: [fact_transaction.transaction_month asc]
    filters: {fact_transaction.source_system: "cards"}
    listen: {Customer: fact_transaction.customer_key}
    tab_name: cards
    row: 5
    col: 12
    width: 12
    height: 7
  - name: loans
    title: "Loans"
    type: looker_grid
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.account_number, dim_account.account_subtype, dim_account.account_status, dim_account.original_principal_usd, dim_account.interest_rate, dim_account.instalment_amount_usd, dim_account.maturity_date, fact_account_snapshot.total_owed_usd]
    sorts: [fact_account_snapshot.account_number asc]
    filters: {fact_account_snapshot.is_latest_month: "yes", fact_account_snapshot.product_type: "LOAN"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: loans
    row: 0
    col: 0
    width: 24
    height: 5
  - name: loan_instalments
    title: "Instalments by status"
    type: looker_column
    stacking: normal
    model: customer360
    explore: fact_loan_schedule
    fields: [fact_loan_schedule.account_number, fact_loan_schedule.payment_status, fact_loan_schedule.count]
    pivots: [fact_loan_schedule.payment_status]
    sorts: [fact_loan_schedule.account_number asc, fact_loan_schedule.payment_status asc]
    listen: {Customer: fact_loan_schedule.customer_key}
    tab_name: loans
    row: 5
    col: 0
    width: 12
    height: 7
  - name: loan_balance_trend
    title: "Owed by month end"
    type: looker_line
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.month_end_month, fact_account_snapshot.total_owed_usd]
    sorts: [fact_account_snapshot.month_end_month asc]
    filters: {fact_account_snapshot.product_type: "LOAN"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: loans
    row: 5
    col: 12
    width: 12
    height: 7
  - name: cds
    title: "Certificates of deposit"
    type: looker_grid
    model: customer360
    explore: dim_account
    fields: [dim_account.account_number, dim_account.account_status, dim_account.open_date, dim_account.maturity_date, dim_account.term_months, dim_account.interest_rate, dim_account.original_principal_usd]
    sorts: [dim_account.maturity_date asc]
    filters: {dim_account.account_type: "CD"}
    listen: {Customer: dim_account.customer_key}
    tab_name: cds
    row: 0
    col: 0
    width: 24
    height: 5
  - name: cd_balance_trend
    title: "CD balances by month end"
    type: looker_line
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.month_end_month, fact_account_snapshot.total_closing_balance_usd]
    sorts: [fact_account_snapshot.month_end_month asc]
    filters: {fact_account_snapshot.product_type: "CD"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: cds
    row: 5
    col: 0
    width: 24
    height: 7
  - name: policies
    title: "Insurance policies"
    type: looker_grid
    model: customer360
    explore: dim_account
    fields: [dim_account.account_number, dim_account.account_subtype, dim_account.account_status, dim_account.open_date, dim_account.close_date, dim_account.coverage_amount_usd, dim_account.annual_premium_usd]
    sorts: [dim_account.open_date asc]
    filters: {dim_account.account_type: "INSURANCE"}
    listen: {Customer: dim_account.customer_key}
    tab_name: insurance
    row: 0
    col: 0
    width: 24
    height: 5
  - name: coverage_by_type
    title: "Coverage by policy type"
    type: looker_pie
    inner_radius: 50
    model: customer360
    explore: dim_account
    fields: [dim_account.account_subtype, dim_account.total_coverage_usd]
    sorts: [dim_account.total_coverage_usd desc]
    filters: {dim_account.account_type: "INSURANCE", dim_account.is_open: "yes"}
    listen: {Customer: dim_account.customer_key}
    tab_name: insurance
    row: 5
    col: 0
    width: 12
    height: 7
  - name: premiums
    title: "Annual premiums"
    type: single_value
    model: customer360
    explore: dim_account
    fields: [dim_account.total_annual_premium_usd]
    filters: {dim_account.account_type: "INSURANCE", dim_account.is_open: "yes"}
    listen: {Customer: dim_account.customer_key}
    tab_name: insurance
    row: 5
    col: 12
    width: 12
    height: 7
  - name: securities
    title: "Brokerage accounts"
    type: looker_grid
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.account_number, dim_account.account_status, fact_account_snapshot.positions_held, fact_account_snapshot.total_market_value_usd, fact_account_snapshot.total_unrealized_gain_usd]
    sorts: [fact_account_snapshot.account_number asc]
    filters: {fact_account_snapshot.is_latest_month: "yes", fact_account_snapshot.product_type: "SECURITIES"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: securities
    row: 0
    col: 0
    width: 24
    height: 5
  - name: securities_trend
    title: "Market value and unrealised gain or loss by month end"
    type: looker_line
    model: customer360
    explore: fact_account_snapshot
    fields: [fact_account_snapshot.month_end_month, fact_account_snapshot.total_market_value_usd, fact_account_snapshot.total_unrealized_gain_usd]
    sorts: [fact_account_snapshot.month_end_month asc]
    filters: {fact_account_snapshot.product_type: "SECURITIES"}
    listen: {Customer: fact_account_snapshot.customer_key}
    tab_name: securities
    row: 5
    col: 0
    width: 24
    height: 7
