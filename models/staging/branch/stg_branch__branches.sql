{{ clean_rows('base_branch__branches') }}
