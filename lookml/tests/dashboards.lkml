# Hand-written LookML data tests (Looker's `test:` blocks) for the dashboards' headline numbers.
# `c360 lookml validate` runs them against the warehouse; so does Looker's own data test runner.

test: executive_aum_and_liabilities_equal_the_snapshots {
  explore_source: portfolio_monthly {
    column: month { field: portfolio_monthly.month_end_month }
    column: aum { field: portfolio_monthly.total_aum_usd }
    column: lum { field: portfolio_monthly.total_lum_usd }
    column: snapshot_assets { field: snapshot_month_totals.total_assets_usd }
    column: snapshot_owed { field: snapshot_month_totals.total_owed_usd }
  }
  assert: aum_equals_the_sum_of_month_end_balances {
    expression: abs(${portfolio_monthly.total_aum_usd} - ${snapshot_month_totals.total_assets_usd}) < 0.005 ;;
  }
  assert: liabilities_equal_the_sum_of_month_end_balances_owed {
    expression: abs(${portfolio_monthly.total_lum_usd} - ${snapshot_month_totals.total_owed_usd}) < 0.005 ;;
  }
}

test: executive_products_per_customer_equals_the_snapshots {
  explore_source: portfolio_monthly {
    column: month { field: portfolio_monthly.month_end_month }
    column: products { field: portfolio_monthly.products_per_customer }
    column: snapshot_products { field: snapshot_month_totals.products_per_customer }
  }
  assert: weighted_average_equals_pairs_over_customers {
    expression: abs(${portfolio_monthly.products_per_customer} - ${snapshot_month_totals.products_per_customer}) < 0.000001 ;;
  }
}

test: segment_channel_shares_sum_to_one {
  explore_source: segment_channel_mix_monthly {
    column: segment { field: segment_channel_mix_monthly.segment }
    column: month { field: segment_channel_mix_monthly.month_end_month }
    column: share { field: segment_channel_mix_monthly.total_interaction_share }
  }
  assert: shares_sum_to_one {
    expression: abs(${segment_channel_mix_monthly.total_interaction_share} - 1) < 0.000001 ;;
  }
}
