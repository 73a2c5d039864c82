{{ clean_rows('base_cards__card_transactions') }}
