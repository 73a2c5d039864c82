{{ clean_rows('base_crm__tasks') }}
