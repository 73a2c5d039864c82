"""LookML generated from the dbt manifest (c360 lookml)."""
