# Hand-written: explores and views the dashboards and the LookML data tests need beyond the generated
# ones. `c360 lookml` never writes in this folder. Keep the SQL portable (it runs on BigQuery and DuckDB).

explore: dim_account {
  label: "Account"
  description: "Every account and policy the bank opened, with its product and its customer: the one place insurance policies (which hold no balance, so have no snapshots) can be listed."

  join: dim_product {
    type: left_outer
    relationship: many_to_one
    sql_on: ${dim_account.product_key} = ${dim_product.product_key} ;;
  }

  join: dim_customer {
    type: left_outer
    relationship: many_to_one
    sql_on: ${dim_account.customer_key} = ${dim_customer.customer_key} ;;
  }
}

# Month-end totals straight from the account snapshots, written independently of portfolio_monthly, so
# the executive dashboard's headline numbers can be asserted against them (tests/dashboards.lkml).
view: snapshot_month_totals {
  derived_table: {
    sql:
      SELECT
        month_end_date,
        SUM(CASE WHEN product_type IN ('CASA', 'CD', 'SECURITIES') THEN closing_balance_usd ELSE 0 END) AS assets_usd,
        -SUM(CASE WHEN product_type IN ('LOAN', 'CARD') THEN closing_balance_usd ELSE 0 END) AS owed_usd,
        COUNT(DISTINCT customer_key) AS customers,
        COUNT(DISTINCT CONCAT(customer_key, '|', product_key)) AS customer_products
      FROM ${fact_account_snapshot.SQL_TABLE_NAME}
      GROUP BY month_end_date ;;
  }

  dimension: month_end_date {
    primary_key: yes
    type: date
    hidden: yes
    sql: ${TABLE}.month_end_date ;;
  }

  measure: total_assets_usd {
    type: sum
    label: "Snapshot assets (USD)"
    description: "Deposit and CD closing balances plus brokerage market value, from fact_account_snapshot."
    sql: ${TABLE}.assets_usd ;;
  }

  measure: total_owed_usd {
    type: sum
    label: "Snapshot owed (USD)"
    description: "Loan and card balances owed, from fact_account_snapshot."
    sql: ${TABLE}.owed_usd ;;
  }

  measure: products_per_customer {
    type: number
    label: "Snapshot products per customer"
    description: "Distinct (customer, product) pairs over distinct customers with a snapshot that month."
    sql: SUM(${TABLE}.customer_products) / NULLIF(SUM(${TABLE}.customers), 0) ;;
  }
}

explore: +portfolio_monthly {
  join: snapshot_month_totals {
    type: left_outer
    relationship: many_to_one
    sql_on: ${portfolio_monthly.month_end_raw} = ${snapshot_month_totals.month_end_date} ;;
  }
}

# Alerts and actions by the customer's relationship manager, branch and segment (the book of business).
explore: +customer_alerts {
  join: customer_360 {
    type: left_outer
    relationship: many_to_one
    sql_on: ${customer_alerts.customer_key} = ${customer_360.customer_key} ;;
  }
}

explore: +next_best_actions {
  join: customer_360 {
    type: left_outer
    relationship: many_to_one
    sql_on: ${next_best_actions.customer_key} = ${customer_360.customer_key} ;;
  }
}
