{{ config(materialized='table') }}

{{ quarantined_rows([
        ('customers', 'base_core__customers', "customer_id"),
        ('accounts', 'base_core__accounts', "account_number"),
        ('insurance_policies', 'base_core__insurance_policies', "policy_number"),
        ('postings', 'base_core__postings', "posting_id"),
        ('account_balances_monthly', 'base_core__account_balances_monthly', "account_number || '|' || cast(balance_date as string)"),
        ('loan_schedules', 'base_core__loan_schedules', "account_number || '|' || cast(instalment_number as string)"),
        ('securities_holdings', 'base_core__securities_holdings', "account_number || '|' || symbol || '|' || cast(as_of_date as string)"),
]) }}
