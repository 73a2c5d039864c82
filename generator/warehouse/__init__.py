"""Getting a generated bank into a warehouse: the landing contract, the DuckDB and BigQuery loaders,
dbt profiles and targets, and a local BigQuery emulator."""
