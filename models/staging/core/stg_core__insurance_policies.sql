{{ clean_rows('base_core__insurance_policies') }}
