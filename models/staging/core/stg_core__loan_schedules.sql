{{ clean_rows('base_core__loan_schedules') }}
