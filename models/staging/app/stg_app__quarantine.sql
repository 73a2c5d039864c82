{{ config(materialized='table') }}

{{ quarantined_rows([
        ('users', 'base_app__users', "user_uuid"),
        ('sessions', 'base_app__sessions', "session_id"),
        ('events', 'base_app__events', "event_id"),
]) }}
