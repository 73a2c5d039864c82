{{ clean_rows('base_app__users') }}
