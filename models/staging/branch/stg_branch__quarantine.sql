{{ config(materialized='table') }}

{{ quarantined_rows([
        ('branches', 'base_branch__branches', "sheet_row"),
        ('rm_notes', 'base_branch__rm_notes', "note_id"),
]) }}
