"""The merchant universe as the card processor sees it: brands, locations, popularity and descriptors."""

from __future__ import annotations

from generator.bank import mess

WIDTH = mess.DESCRIPTOR_NAME_WIDTH


def test_thousands_of_brands_chains_with_many_locations_and_local_merchants(bank):
    brands, locations = bank.sql("select count(distinct brand_id), count(*) from truth_merchant_locations")[0]
    assert brands >= 2_000
    assert bank.one("select count(*) - count(distinct merchant_id) from truth_merchant_locations") == 0
    national = bank.sql("""
        select brand_id, count(*), count(distinct city) from truth_merchant_locations
        where brand_scope = 'NATIONAL' group by 1""")
    assert min(n for _, n, _ in national) >= 5 and max(c for *_, c in national) >= 10
    local = bank.sql("""
        select count(*), count(distinct city) from truth_merchant_locations
        where brand_scope = 'LOCAL' group by brand_id""")
    assert all(1 <= n <= 3 and c == 1 for n, c in local)
    assert len(local) > brands / 2, "most brands are local merchants"
    online = bank.sql(
        "select count(*), count(city) from truth_merchant_locations where brand_scope = 'ONLINE' group by brand_id"
    )
    assert all(n == 1 and c == 0 for n, c in online)


def test_popularity_is_long_tailed_within_a_category(bank):
    counts = [
        n
        for (n,) in bank.sql("""
            select count(*) from cards_card_transactions t join merchant_of m using (merchant_id)
            where m.category_code = 'RESTAURANT' group by m.brand_name order by 1 desc""")
    ]
    top = sum(counts[: max(len(counts) // 20, 1)])
    assert top > 0.3 * sum(counts), "the top 5% of brands take a large share"
    assert counts[len(counts) // 2] < 0.02 * counts[0], "the median brand is a small one: a long tail"
    print(
        f"\nrestaurant brands: top {counts[:3]}, median {counts[len(counts) // 2]}, top 5% share {top / sum(counts):.2f}"
    )


def test_people_mostly_shop_near_home(bank):
    home = bank.one("""
        select avg(case when m.city = b.city then 1.0 else 0 end)
        from cards_card_transactions t
        join merchant_of m using (merchant_id)
        join cards_card_accounts a using (card_account_id)
        join seed_branches b on b.postal_code = a.billing_postal_code
        where m.city is not null and t.txn_type = 'PURCHASE'""")
    assert 0.75 < home < 0.97, "mostly in the home city, sometimes elsewhere"


def test_descriptors_take_the_forms_processors_use(bank):
    forms = dict(
        bank.sql(f"""
        select form, count(*) from (
            select case
                when merchant_descriptor like 'SQ *%' then 'square'
                when merchant_descriptor like 'TST* %' then 'toast'
                when merchant_descriptor like 'PAYPAL *%' then 'paypal'
                when regexp_matches(merchant_descriptor, '^[^ ].{{{WIDTH - 1}}} .{{13}} [A-Z]{{2}}$')
                     and regexp_matches(left(merchant_descriptor, {WIDTH}), '#? ?[0-9]+ *$') then 'store number'
                when regexp_matches(merchant_descriptor, '[*][A-Z0-9]{{5}}$') then 'order code'
                else 'other' end as form
            from cards_card_transactions where merchant_id is not null)
        group by 1""")
    )
    for form in ("square", "toast", "paypal", "store number", "order code", "other"):
        assert forms.get(form, 0) > 0, form
    bad = bank.one(f"""
        select count(*) from cards_card_transactions
        where merchant_descriptor <> upper(merchant_descriptor)
           or (length(merchant_descriptor) > {WIDTH}
               and not regexp_matches(merchant_descriptor, '^.{{{WIDTH}}} .{{13}} [A-Z]{{2}}$'))""")
    assert bad == 0, "upper case; the name field cut at its width, then city and state at fixed width"


def test_a_location_is_one_brand_and_one_descriptor_unless_it_adds_order_codes(bank):
    rows = bank.sql("""
        select m.brand_scope, count(distinct t.merchant_descriptor)
        from cards_card_transactions t join merchant_of m using (merchant_id)
        group by t.merchant_id, m.brand_scope""")
    assert all(n == 1 for scope, n in rows if scope != "ONLINE")
    assert any(n > 1 for scope, n in rows if scope == "ONLINE")
    pos, differ = bank.sql("""
        with debit as (
            select distinct p.merchant_id, p.counterparty_name as descriptor
            from core_postings p join merchant_of m using (merchant_id)
            where p.transaction_code = 'POS' and m.brand_scope <> 'ONLINE'),
        card as (select distinct merchant_id, merchant_descriptor as descriptor from cards_card_transactions)
        select count(*), count(*) filter (where card.descriptor is null)
        from debit left join card using (merchant_id, descriptor)""")[0]
    assert pos > 1000 and differ < 0.01 * pos, "debit postings carry the descriptor the card processor sends"
