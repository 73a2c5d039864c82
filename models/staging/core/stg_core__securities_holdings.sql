{{ clean_rows('base_core__securities_holdings') }}
