{{ clean_rows('base_crm__cases') }}
