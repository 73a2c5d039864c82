# Hand-written: refinements of the generated views. `c360 lookml` never writes in this folder, so
# what is here survives every regeneration. Keep the SQL portable (it runs on BigQuery and DuckDB).

view: +dim_customer {
  dimension: full_name {
    type: string
    label: "Full name"
    description: "Given and family name, as the bank addresses the customer."
    required_access_grants: [can_see_pii]
    sql: ${first_name} || ' ' || ${last_name} ;;
  }

  measure: wealth_customers {
    type: count
    label: "Affluent and High Net Worth customers"
    description: "Customers whose relationship balances reach $100k."
    filters: [segment: "Affluent,High Net Worth"]
    drill_fields: [detail*]
  }
}
