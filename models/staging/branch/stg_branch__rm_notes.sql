{{ clean_rows('base_branch__rm_notes') }}
