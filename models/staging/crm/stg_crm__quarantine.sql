{{ config(materialized='table') }}

{{ quarantined_rows([
        ('contacts', 'base_crm__contacts', "contact_id"),
        ('cases', 'base_crm__cases', "case_id"),
        ('tasks', 'base_crm__tasks', "task_id"),
]) }}
