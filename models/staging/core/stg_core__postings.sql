{{ clean_rows('base_core__postings') }}
