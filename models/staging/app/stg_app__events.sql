{{ clean_rows('base_app__events') }}
