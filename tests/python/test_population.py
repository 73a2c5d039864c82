"""Who the simulated customers are: persona mix, persona-consistent attributes, fake PII, products."""

from __future__ import annotations

import re

import numpy as np
import pytest

from generator.bank import personas

from .conftest import CUSTOMERS


def test_persona_and_lifecycle_mix_match_the_configured_weights(bank):
    persona = dict(bank.sql("select persona, count(*) from truth_persons group by 1"))
    for name, weight in zip(personas.PERSONAS, personas.PERSONA_WEIGHTS, strict=True):
        assert persona[name] / CUSTOMERS == pytest.approx(weight, abs=0.03), name
    lifecycle = dict(bank.sql("select lifecycle, count(*) from truth_persons group by 1"))
    for name, weight in zip(personas.LIFECYCLES, personas.LIFECYCLE_WEIGHTS, strict=True):
        assert lifecycle[name] / CUSTOMERS == pytest.approx(weight, abs=0.03), name


def test_age_income_and_job_are_persona_consistent(bank):
    rows = bank.sql("""
        select persona, median(date_diff('year', birth_date, date '2023-01-01')), median(annual_income)
        from truth_persons group by 1""")
    age = {p: a for p, a, _ in rows}
    income = {p: float(i) for p, _, i in rows}
    for i, name in enumerate(personas.PERSONAS):
        lo, hi = personas.AGE_RANGE[i]
        assert lo <= age[name] <= hi, name
    assert income["Frequent Traveler"] > income["Digital Native"] > income["Young Parent"] > income["Boomer"]
    assert income["College Student"] < 25_000
    jobs = dict(
        bank.sql("""
        select t.persona, avg(case when c.job_title in ('Student', 'Retired') then 1.0 else 0 end)
        from core_customers c join person_of s on s.source_record_id = c.customer_id and s.source_table = 'customers'
        join truth_persons t using (person_id) group by 1""")
    )
    assert jobs["College Student"] > 0.3 and jobs["Boomer"] > 0.6
    assert jobs["Digital Native"] == 0 and jobs["Frequent Traveler"] == 0


def test_personal_data_is_unmistakably_fake(bank):
    emails = [e for (e,) in bank.sql("select email from truth_persons")]
    assert all(re.fullmatch(r"[a-z0-9._]+@(mail\.)?example\.(com|net|org)", e) for e in emails)
    assert len(set(emails)) == len(emails), "emails are unique per person"
    phones = [p for (p,) in bank.sql("select phone from truth_persons")]
    assert all(re.fullmatch(r"\d{3}55501\d{2}", p) for p in phones), "555-01xx numbers only"
    ssns = [s for (s,) in bank.sql("select ssn from truth_persons")]
    assert all(re.fullmatch(r"9\d\d-\d\d-\d{4}", s) for s in ssns), "never-issued 9xx area numbers"
    assert len(set(ssns)) == len(ssns)
    core_domains = bank.sql("""select distinct regexp_extract(lower(trim(email)), '@(.*)$', 1)
                               from core_customers where email is not null""")
    assert {d for (d,) in core_domains} <= {"example.com", "example.net", "example.org", "mail.example.com"}


def _products_by_person(bank):
    return bank.sql("""
        with holdings as (
            select customer_id, product_code from core_accounts
            union all select customer_id, product_code from core_insurance_policies)
        select t.person_id, t.persona, count(h.product_code) as n,
               count(*) filter (where h.product_code = 'LN_MORT') as mortgages,
               count(*) filter (where h.product_code = 'CC_TRAVEL') as travel_cards
        from truth_persons t
        join person_of s on s.person_id = t.person_id and s.source_table = 'customers'
        join holdings h on h.customer_id = s.source_record_id
        group by 1, 2""")


def test_two_to_three_products_on_average_depending_on_persona(bank):
    rows = _products_by_person(bank)
    counts = np.array([r[2] for r in rows])
    assert 2.0 <= counts.mean() <= 3.0
    by_persona = {p: np.mean([r[2] for r in rows if r[1] == p]) for p in personas.PERSONAS}
    assert by_persona["College Student"] < by_persona["Digital Native"] < by_persona["Frequent Traveler"]
    assert by_persona["College Student"] < by_persona["Boomer"]
    assert sum(r[3] for r in rows if r[1] == "College Student") == 0, "students hold no mortgages"
    travel_share = {p: np.mean([r[4] > 0 for r in rows if r[1] == p]) for p in personas.PERSONAS}
    assert travel_share["Frequent Traveler"] > 3 * max(v for k, v in travel_share.items() if k != "Frequent Traveler")


def test_every_product_type_is_held_with_its_specific_terms(bank):
    kinds = {
        k
        for (k,) in bank.sql("""select distinct p.product_type from core_accounts a
                                       join seed_products p using (product_code)""")
    }
    assert kinds == {"CASA", "CARD", "LOAN", "CD", "SECURITIES"}
    assert {k for (k,) in bank.sql("select distinct product_code from core_insurance_policies")} == {
        "INS_LIFE",
        "INS_HOME",
        "INS_AUTO",
        "INS_TRAVEL",
    }
    assert (
        bank.one("""select count(*) from core_accounts where product_code like 'LN_%'
                       and (term_months is null or interest_rate is null or original_principal is null
                            or instalment_amount is null or maturity_date is null)""")
        == 0
    )
    assert bank.one("select count(*) from core_accounts where product_code like 'CC_%' and credit_limit is null") == 0
    assert bank.one("select count(*) from core_accounts where product_code like 'CD_%' and maturity_date is null") == 0
    # market_price is rounded to cents, so value and quantity x price agree to half a cent per unit.
    assert (
        bank.one(
            "select count(*) from core_securities_holdings "
            "where abs(market_value - quantity * market_price) > 0.005 * quantity + 0.01"
        )
        == 0
    )
