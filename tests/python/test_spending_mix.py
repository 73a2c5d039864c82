"""Everyday spending: personas overlap, and each age band spends on what the BLS Consumer Expenditure Survey says.

Runs on the session `bank` (4,000 people, seed 7: another size and seed than the default bank).
"""

from __future__ import annotations

import numpy as np
import pytest

from generator.bank import personas

# U.S. Bureau of Labor Statistics, Consumer Expenditure Surveys 2024, "Age of reference person: Annual expenditure
# means, shares, standard errors, and relative standard errors" (https://www.bls.gov/cex/tables/calendar-year/
# mean-item-share-average-standard-error/reference-person-age-ranges-2024.xlsx). Annual means in USD per consumer
# unit: under 25, 25-34, 35-44, 45-54, 55-64, 65 and older. Copied here from the source, not from personas.py.
CE_2024_USD = {
    "Food at home": (4189, 5712, 7411, 7703, 6174, 5251),
    "Food away from home": (3025, 3918, 5049, 5069, 4040, 2689),
    "Gasoline": (1706, 2444, 2829, 3379, 2522, 1623),
    "Drugs": (169, 284, 559, 698, 794, 898),
    "Medical supplies": (93, 117, 167, 241, 252, 344),
    "Medical services": (302, 811, 1312, 1427, 1352, 1449),
    "Apparel and services": (1541, 2220, 2649, 2547, 2032, 1198),
    "Children under 2": (61, 207, 135, 41, 30, 19),
    "Boys, 2 to 15": (9, 91, 253, 119, 45, 19),
    "Girls, 2 to 15": (7, 116, 285, 155, 51, 29),
    "Audio and visual equipment and services": (559, 737, 901, 1045, 1130, 1048),
    "Fees and admissions": (408, 747, 1355, 1450, 871, 602),
    "Reading": (92, 93, 141, 183, 103, 120),
    "Household furnishings and equipment": (1543, 2055, 2683, 2733, 2816, 2153),
    "Public and other transportation": (628, 903, 1218, 1437, 1262, 1024),
    "Other lodging": (804, 745, 1139, 1782, 1738, 1396),
}
CHILDREN = ("Children under 2", "Boys, 2 to 15", "Girls, 2 to 15")


def _usd(*items: str) -> np.ndarray:
    return np.array([CE_2024_USD[item] for item in items]).sum(axis=0)


# Merchant categories -> the CE figures they are held to (ECOMMERCE is a channel, not a CE line: left out).
EXPECTED_USD = {
    ("GROCERY",): _usd("Food at home"),
    ("RESTAURANT", "FAST_FOOD"): _usd("Food away from home"),
    ("GAS",): _usd("Gasoline"),
    ("PHARMACY",): _usd("Drugs", "Medical supplies"),
    ("HEALTHCARE",): _usd("Medical services"),
    ("APPAREL",): _usd("Apparel and services") - _usd(*CHILDREN),
    ("BABY",): _usd(*CHILDREN),
    ("ELECTRONICS",): _usd("Audio and visual equipment and services"),
    ("ENTERTAINMENT",): _usd("Fees and admissions"),
    ("BOOKS",): _usd("Reading"),
    ("HOME_IMPROVEMENT",): _usd("Household furnishings and equipment"),
    ("AIRLINE", "CAR_RENTAL", "RIDESHARE"): _usd("Public and other transportation"),
    ("HOTEL",): _usd("Other lodging"),
}
TOLERANCE = 0.03  # 3 percentage points of an age band's (non-ECOMMERCE) spend, per CE line
BANDS = ("Under 25", "25-34", "35-44", "45-54", "55-64", "65 and older")
TRAVEL = ("AIRLINE", "HOTEL", "CAR_RENTAL")


@pytest.fixture(scope="module")
def purchases(bank):
    """Every settled discretionary purchase in USD, on the credit card or the debit card, with who made it."""
    bank.con.execute("""
        create or replace temp view discretionary as
        with card as (
            select s.person_id, t.authorized_at::date as day, t.merchant_id,
                   t.amount::double / coalesce(fx.units_per_usd::double, 1) as usd
            from cards_card_transactions t
            join person_of s on s.source_record_id = t.card_account_id
            left join seed_fx_rates fx
                on fx.currency_code = t.currency_code
                and fx.rate_month::date = date_trunc('month', t.authorized_at)::date
            where t.txn_type = 'PURCHASE' and t.txn_status = 'SETTLED'),
        debit as (
            select s.person_id, p.value_date as day, p.merchant_id, p.amount::double as usd
            from core_postings p
            join core_accounts a using (account_number)
            join person_of s on s.source_record_id = a.customer_id
            where p.transaction_code = 'POS')
        select *, case when age < 25 then 0 when age < 35 then 1 when age < 45 then 2
                       when age < 55 then 3 when age < 65 then 4 else 5 end as band
        from (
            select x.person_id, tp.persona, x.day, m.category_code as category, x.usd,
                   date_diff('day', tp.birth_date::date, x.day) / 365.25 as age
            from (select * from card union all select * from debit) x
            join truth_persons tp using (person_id)
            join merchant_of m using (merchant_id)
            where m.is_subscription = 'false')""")
    return bank


def test_the_cited_figures_are_the_ones_personas_uses():
    assert personas.CE_ITEMS_USD == CE_2024_USD
    assert personas.AGE_BANDS == BANDS
    assert personas.CE_SHARE_TOLERANCE == TOLERANCE


def test_every_persona_spends_in_at_least_12_categories(purchases):
    per_persona = dict(
        purchases.sql("select persona, count(distinct category) from discretionary where usd > 0 group by 1")
    )
    assert set(per_persona) == set(personas.PERSONAS)
    assert all(n >= 12 for n in per_persona.values()), per_persona


def test_everyone_travels_some_and_travellers_most(purchases):
    travel = ", ".join(f"'{c}'" for c in TRAVEL)
    share = dict(
        purchases.sql(f"""
        select persona = 'Frequent Traveler', sum(usd) filter (where category in ({travel})) / sum(usd)
        from discretionary group by 1""")
    )
    assert share[False] >= 0.01, "non-travellers fly, stay in hotels and hire cars now and then"
    assert share[True] >= 3 * share[False], share
    by_persona = dict(
        purchases.sql(f"""
        select persona, sum(usd) filter (where category in ({travel})) / sum(usd) from discretionary group by 1""")
    )
    assert all(s > 0 for s in by_persona.values()), by_persona


def test_non_travellers_take_zero_to_three_trips_a_year(purchases):
    # A trip: a month with airline or hotel spend. Years: the months in which the person shopped at all.
    trips = dict(
        purchases.sql("""
        with per_person as (
            select persona, person_id,
                   count(distinct date_trunc('month', day)) filter (where category in ('AIRLINE', 'HOTEL')) as trips,
                   count(distinct date_trunc('month', day)) / 12 as years
            from discretionary group by 1, 2 having count(distinct date_trunc('month', day)) >= 6)
        select persona, sum(trips) / sum(years) from per_person group by 1""")
    )
    travellers = trips.pop("Frequent Traveler")
    assert all(0 < per_year <= 3 for per_year in trips.values()), trips
    assert travellers > 2 * max(trips.values()), (travellers, trips)


def test_each_age_band_spends_like_the_consumer_expenditure_survey(purchases):
    rows = purchases.sql(
        "select band, category, sum(usd) from discretionary where category <> 'ECOMMERCE' group by 1, 2"
    )
    spend = {(band, category): usd for band, category, usd in rows}
    for band, name in enumerate(BANDS):
        band_total = sum(usd for (b, _), usd in spend.items() if b == band)
        ce_total = sum(usd[band] for usd in EXPECTED_USD.values())
        assert band_total > 0, name
        for categories, usd in EXPECTED_USD.items():
            simulated = sum(spend.get((band, c), 0) for c in categories) / band_total
            expected = usd[band] / ce_total
            assert abs(simulated - expected) <= TOLERANCE, (name, categories, simulated, expected)
