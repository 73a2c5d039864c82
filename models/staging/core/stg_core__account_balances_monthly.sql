{{ clean_rows('base_core__account_balances_monthly') }}
