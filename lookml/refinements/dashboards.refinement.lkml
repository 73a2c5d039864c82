# Hand-written: the fields the dashboards (dashboards/*.dashboard.lookml) need beyond the generated views.
# `c360 lookml` never writes in this folder. Keep the SQL portable (it runs on BigQuery and DuckDB).

view: +customer_360 {
  dimension: customer_key {
    hidden: no
    link: {
      label: "Customer dashboard"
      url: "/dashboards/customer360::customer?Customer={{ value | url_encode }}"
    }
  }

  dimension: relationship_manager {
    link: {
      label: "Book of business"
      url: "/dashboards/customer360::relationship_manager?Relationship+manager={{ value | url_encode }}"
    }
  }

  measure: total_relationship_balance_usd {
    type: sum
    label: "Relationship balance (USD)"
    description: "Sum of the customers' relationship balances (deposits, CDs and investments) at their latest month end."
    sql: ${relationship_balance_usd} ;;
    value_format_name: usd_0
  }

  measure: total_liabilities_usd {
    type: sum
    label: "Liabilities (USD)"
    description: "Sum of what the customers owe the bank on loans and cards at their latest month end."
    sql: ${liabilities_usd} ;;
    value_format_name: usd_0
  }

  measure: high_churn_risk_customers {
    type: count
    label: "High churn risk"
    description: "Customers whose churn-risk tier is HIGH."
    filters: [churn_risk_tier: "HIGH"]
  }

  measure: total_open_alerts {
    type: sum
    label: "Open alerts"
    description: "Open alerts of the customers (customer_alerts)."
    sql: ${open_alerts} ;;
  }

  measure: total_open_actions {
    type: sum
    label: "Open actions"
    description: "Open next best actions of the customers (next_best_actions)."
    sql: ${open_actions} ;;
  }

  measure: average_products_open {
    type: average
    label: "Products per customer"
    description: "Average number of products the customers hold open."
    sql: ${products_open} ;;
    value_format_name: decimal_2
  }
}

view: +portfolio_monthly {
  dimension: segment {
    link: {
      label: "Segment dashboard"
      url: "/dashboards/customer360::segment?Segment={{ value | url_encode }}"
    }
  }

  measure: products_per_customer {
    type: number
    label: "Products per customer"
    description: "Distinct products held per customer: the segments' averages weighted by their customers (the share of wallet the bank holds, counted in products)."
    sql: SUM(${average_products_per_customer} * ${customers}) / NULLIF(SUM(${customers}), 0) ;;
    value_format_name: decimal_2
  }

  measure: weighted_profit_per_customer_usd {
    type: number
    label: "Profit per customer (USD)"
    description: "Total profit over total customers."
    sql: ${total_profit_usd} / NULLIF(${total_customers}, 0) ;;
    value_format_name: usd
  }
}

view: +segment_channel_mix_monthly {
  measure: total_interaction_share {
    type: sum
    label: "Share of the segment's interactions"
    description: "Sum of the channels' shares; over all channels of one segment and month it is 1."
    sql: ${interaction_share} ;;
    value_format_name: percent_1
  }

  measure: total_customers_reached {
    type: sum
    label: "Customers reached"
    description: "Customers the channel reached, summed over months and segments (a customer reached in two months counts twice)."
    sql: ${customers_reached} ;;
  }
}

view: +fact_account_snapshot {
  dimension: is_latest_month {
    type: yesno
    label: "Is the latest month end"
    description: "The row is at the latest month end in the data."
    sql: ${TABLE}.month_end_date = (SELECT MAX(month_end_date) FROM ${fact_account_snapshot.SQL_TABLE_NAME}) ;;
  }

  measure: total_owed_usd {
    type: sum
    label: "Owed (USD)"
    description: "What is owed on loans and cards, as a positive amount (closing balances are from the customer's side)."
    sql: -${closing_balance_usd} ;;
    filters: [product_type: "LOAN,CARD"]
    value_format_name: usd_0
  }

  measure: total_assets_usd {
    type: sum
    label: "Assets (USD)"
    description: "Deposit and CD balances plus investments at market value."
    sql: ${closing_balance_usd} ;;
    filters: [product_type: "CASA,CD,SECURITIES"]
    value_format_name: usd_0
  }

  measure: total_market_value_usd {
    type: sum
    label: "Market value (USD)"
    description: "Market value of brokerage holdings."
    sql: ${market_value_usd} ;;
    value_format_name: usd_0
  }

  measure: total_unrealized_gain_usd {
    type: sum
    label: "Unrealised gain or loss (USD)"
    description: "Market value less cost basis of brokerage holdings."
    sql: ${unrealized_gain_usd} ;;
    value_format_name: usd_0
  }

  measure: total_credit_limit_usd {
    type: sum
    label: "Credit limit (USD)"
    description: "Sum of card credit limits."
    sql: ${credit_limit_usd} ;;
    value_format_name: usd_0
  }
}

view: +fact_transaction {
  measure: total_spend_usd {
    type: sum
    label: "Spend (USD)"
    description: "Settled money out (debits), USD."
    sql: ${amount_usd} ;;
    filters: [is_credit: "no", transaction_status: "SETTLED"]
    value_format_name: usd_0
  }
}

view: +dim_account {
  measure: total_original_principal_usd {
    type: sum
    label: "Original principal (USD)"
    description: "Sum of the loans' and CDs' principal at opening."
    sql: ${original_principal_usd} ;;
    value_format_name: usd_0
  }

  measure: total_coverage_usd {
    type: sum
    label: "Coverage (USD)"
    description: "Sum of the insurance policies' coverage amounts."
    sql: ${coverage_amount_usd} ;;
    value_format_name: usd_0
  }

  measure: total_annual_premium_usd {
    type: sum
    label: "Annual premium (USD)"
    description: "Sum of the insurance policies' annual premiums."
    sql: ${annual_premium_usd} ;;
    value_format_name: usd
  }
}

view: +next_best_actions {
  dimension: customer_key {
    hidden: no
    link: {
      label: "Customer dashboard"
      url: "/dashboards/customer360::customer?Customer={{ value | url_encode }}"
    }
  }
}
