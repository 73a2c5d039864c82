"""Which products each person holds, with the terms a core banking system would store."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.bank import mess, personas
from generator.bank.days import Calendar
from generator.bank.population import NAT, People
from generator.bank.reference import Reference

CODES = (
    "CHK_STD",
    "SAV_HY",
    "CC_CASH",
    "CC_TRAVEL",
    "LN_MORT",
    "LN_AUTO",
    "LN_PERS",
    "LN_STUD",
    "CD_12M",
    "CD_24M",
    "CD_60M",
    "INS_LIFE",
    "INS_HOME",
    "INS_AUTO",
    "INS_TRAVEL",
    "INV_BROK",
)
CODE = {c: i for i, c in enumerate(CODES)}
LOANS = np.array([CODE[c] for c in ("LN_MORT", "LN_AUTO", "LN_PERS", "LN_STUD")])
CARDS = np.array([CODE["CC_CASH"], CODE["CC_TRAVEL"]])
CDS = np.array([CODE[c] for c in ("CD_12M", "CD_24M", "CD_60M")])
INSURANCE = np.array([CODE[c] for c in ("INS_LIFE", "INS_HOME", "INS_AUTO", "INS_TRAVEL")])


@dataclass
class Accounts:
    person: np.ndarray  # local person index
    product: np.ndarray  # index into CODES
    open_date: np.ndarray
    close_date: np.ndarray  # NaT while open
    rate: np.ndarray  # annual rate (APY, APR or loan rate); NaN where not applicable
    term_months: np.ndarray  # 0 where not applicable
    principal: np.ndarray  # cents: loan amount or CD deposit
    credit_limit: np.ndarray  # cents, cards only
    coverage: np.ndarray  # cents, insurance only
    annual_premium: np.ndarray  # cents, insurance only
    instalment: np.ndarray  # cents per month, loans only
    opening_balance: np.ndarray  # signed cents at the window start (liabilities negative)
    revolver: np.ndarray  # card holders who carry a balance
    payment_share: np.ndarray  # share of the statement balance a revolver pays
    high_savings: np.ndarray  # planted: savings of $50k+ beside a loan
    on_duplicate: np.ndarray  # opened under the person's duplicate core record

    def __len__(self) -> int:
        return len(self.person)

    def of(self, codes: np.ndarray | int) -> np.ndarray:
        return np.flatnonzero(np.isin(self.product, codes))


def annuity_payment(principal: np.ndarray, annual_rate: np.ndarray, months: np.ndarray) -> np.ndarray:
    r = annual_rate / 12
    return principal * r / (1 - (1 + r) ** -months.astype(float))


def balance_after(principal: np.ndarray, annual_rate: np.ndarray, payment: np.ndarray, paid: np.ndarray) -> np.ndarray:
    """Outstanding principal after `paid` on-time instalments (closed form of the amortisation)."""
    g = (1 + annual_rate / 12) ** paid.astype(float)
    return np.maximum(principal * g - payment * (g - 1) / (annual_rate / 12), 0.0)


def _months_between(a: np.ndarray, b: np.datetime64 | np.ndarray) -> np.ndarray:
    return (np.asarray(b).astype("datetime64[M]") - a.astype("datetime64[M]")).astype(np.int64)


def assign_products(rng: np.random.Generator, people: People, cal: Calendar, ref: Reference) -> Accounts:
    n, persona = len(people), people.persona
    held = {code: rng.random(n) < personas.PRODUCT_PROB[code][persona] for code in personas.PRODUCT_PROB}
    held["CHK_STD"] = np.ones(n, dtype=bool)
    held["INS_LIFE"][held["LN_MORT"]] = rng.random(held["LN_MORT"].sum()) < personas.LIFE_GIVEN_MORTGAGE
    held["INS_HOME"] |= held["LN_MORT"] & (rng.random(n) < personas.HOME_GIVEN_MORTGAGE)
    held["INS_AUTO"] |= held["LN_AUTO"] & (rng.random(n) < personas.AUTO_INS_GIVEN_AUTO_LOAN)
    prompted = _prompted_by_life_events(rng, people, cal, held)
    cd = held.pop("CD")
    cd_term = rng.choice(3, size=n, p=personas.CD_TERM_WEIGHTS)
    for i, code in enumerate(("CD_12M", "CD_24M", "CD_60M")):
        held[code] = cd & (cd_term == i)

    person = np.concatenate([np.flatnonzero(held[c]) for c in CODES])
    product = np.concatenate([np.full(held[c].sum(), CODE[c]) for c in CODES])
    order = np.lexsort((product, person))
    person, product = person[order], product[order]
    m = len(person)

    # Products open after onboarding; the checking account on the onboarding day itself.
    onboard = people.onboarding_date[person]
    last_open = np.minimum(
        cal.end - personas.NO_NEW_PRODUCTS_LAST_DAYS,
        cal.start + people.end_day[person] - personas.CHURNER_LAST_OPEN_DAYS,
    )
    horizon = np.maximum((last_open - onboard).astype(np.int64), 1)
    open_date = onboard + (rng.random(m) ** personas.OPEN_DATE_SKEW * horizon).astype(np.int64)
    open_date = np.where(product == CODE["CHK_STD"], onboard, open_date)

    base = {r["product_code"]: r for r in ref.products}
    base_rate = np.array([float(base[c]["base_rate"] or "nan") for c in CODES])[product]
    term = np.array([int(base[c]["term_months"] or 0) for c in CODES])[product]
    rate = np.round(base_rate + rng.normal(0, personas.RATE_NOISE_SD, m) * ~np.isnan(base_rate), 4)
    rate = np.where(np.isin(product, CARDS), base_rate, rate)

    # Fixed-term products that ended before the window are replaced by a later one of the same kind.
    fixed = np.isin(product, np.concatenate([LOANS, CDS]))
    ended = fixed & (_months_between(open_date, cal.start) >= term)
    back = (rng.random(m) * np.maximum(term - 1, 1)).astype(np.int64)
    reopened = (cal.start.astype("datetime64[M]") - back).astype("datetime64[D]") + rng.integers(0, 28, m)
    open_date = np.where(ended, np.maximum(reopened, onboard), open_date)
    # Products a life event prompted open within a few months of it.
    trigger = np.full(m, -1)
    for code, day in prompted.items():
        rows = product == CODE[code]
        trigger = np.where(rows & (day[person] >= 0), day[person], trigger)
    after = cal.start + trigger + rng.integers(0, personas.LIFE_EVENT_PRODUCT_DAYS, m)
    open_date = np.where(trigger >= 0, after, open_date)

    income = people.annual_income[person]
    amount = np.zeros(m)
    mortgage = np.round(income * rng.uniform(*personas.MORTGAGE_INCOME_MULTIPLE, m), -3)
    amount = np.where(product == CODE["LN_MORT"], mortgage, amount)
    amount = np.where(product == CODE["LN_AUTO"], np.round(rng.uniform(*personas.AUTO_LOAN_USD, m), -2), amount)
    amount = np.where(product == CODE["LN_PERS"], np.round(rng.uniform(*personas.PERSONAL_LOAN_USD, m), -2), amount)
    amount = np.where(product == CODE["LN_STUD"], np.round(rng.uniform(*personas.STUDENT_LOAN_USD, m), -2), amount)
    cd_median = personas.CD_MEDIAN_USD[people.persona[person]]
    deposit = np.round(cd_median * rng.lognormal(0, personas.CD_SIGMA, m), -2)
    amount = np.where(np.isin(product, CDS), deposit, amount)
    is_loan = np.isin(product, LOANS)
    payment = np.where(
        is_loan, np.round(annuity_payment(amount, np.where(is_loan, rate, 0.05), np.maximum(term, 1)), 2), 0.0
    )

    is_card = np.isin(product, CARDS)
    limit = np.round(income * rng.uniform(*personas.CARD_LIMIT_SHARE_OF_INCOME, m), -2)
    limit = np.where(is_card, np.clip(limit, *personas.CARD_LIMIT_USD), 0.0)
    revolver = is_card & (rng.random(m) < personas.REVOLVER_SHARE)
    payment_share = np.where(revolver, rng.uniform(*personas.REVOLVER_PAYMENT_SHARE, m), 1.0)

    coverage, premium = _insurance_terms(rng, product, income, amount, person, people)

    opening = _opening_balances(rng, product, person, people, open_date, cal, amount, rate, payment, limit, revolver)
    has_loan = np.zeros(len(people), dtype=bool)
    has_loan[person[is_loan]] = True
    savings_pre = (product == CODE["SAV_HY"]) & has_loan[person] & (open_date < cal.start)
    high = savings_pre & (rng.random(m) < personas.HIGH_SAVINGS_GIVEN_LOAN)
    planted = rng.uniform(
        personas.HIGH_SAVINGS_THRESHOLD * personas.HIGH_SAVINGS_MARGIN, personas.HIGH_SAVINGS_MAX_USD, m
    )
    opening = np.where(high, np.round(planted * 100), opening)

    close = np.full(m, NAT)
    # Duplicate core customers: the person's most recently opened non-checking product was opened
    # at another branch, where staff created a new customer record instead of finding the old one.
    dup_person = rng.random(len(people)) < mess.DUPLICATE_CORE_RATE
    candidates = np.flatnonzero((product != CODE["CHK_STD"]) & dup_person[person])
    newest_first = candidates[np.lexsort((-open_date[candidates].astype(np.int64), person[candidates]))]
    first_of_person = np.concatenate(([True], person[newest_first][1:] != person[newest_first][:-1]))
    on_duplicate = np.zeros(m, dtype=bool)
    on_duplicate[newest_first[first_of_person]] = True

    return Accounts(
        person=person,
        product=product,
        open_date=open_date.astype("datetime64[D]"),
        close_date=close,
        rate=np.where(np.isin(product, np.concatenate([INSURANCE, [CODE["INV_BROK"]]])), np.nan, rate),
        term_months=term,
        principal=np.round(amount * 100).astype(np.int64),
        credit_limit=np.round(limit * 100).astype(np.int64),
        coverage=coverage,
        annual_premium=premium,
        instalment=np.round(payment * 100).astype(np.int64),
        opening_balance=opening.astype(np.int64),
        revolver=revolver,
        payment_share=payment_share,
        high_savings=high,
        on_duplicate=on_duplicate,
    )


def _prompted_by_life_events(
    rng: np.random.Generator, people: People, cal: Calendar, held: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Add the products life events prompt (a mortgage after a move, life cover and savings after a birth)
    to `held`; returns, per product code, the day of the prompting event per person (-1 where none)."""
    n, ev = len(people), people.events
    if ev is None:
        return {}
    last_open = np.minimum(
        cal.n_days - personas.NO_NEW_PRODUCTS_LAST_DAYS, people.end_day - personas.CHURNER_LAST_OPEN_DAYS
    )
    prompted = {}
    for kind, code, prob, requires in (
        (personas.MOVE, "LN_MORT", personas.MORTGAGE_AFTER_MOVE, None),
        (personas.MOVE, "INS_HOME", personas.HOME_INSURANCE_WITH_NEW_MORTGAGE, "LN_MORT"),
        (personas.BIRTH, "INS_LIFE", personas.LIFE_INSURANCE_AFTER_BIRTH, None),
        (personas.BIRTH, "SAV_HY", personas.SAVINGS_AFTER_BIRTH, None),
    ):
        day = ev.day[:, kind]
        eligible = (day + personas.LIFE_EVENT_PRODUCT_DAYS < last_open) & ~held[code]
        if requires is not None:
            eligible &= prompted[requires] >= 0
        gain = eligible & (rng.random(n) < (prob[people.persona] if np.ndim(prob) else prob))
        held[code] = held[code] | gain
        prompted[code] = np.where(gain, day, -1)
    return prompted


def _insurance_terms(rng, product, income, loan_amount, person, people):
    m = len(product)
    age = (people.onboarding_date[person] - people.birth_date[person]).astype(np.int64) / 365.25
    coverage = np.zeros(m)
    life = np.round(income * rng.uniform(*personas.LIFE_COVER_INCOME_MULTIPLE, m), -4)
    coverage = np.where(product == CODE["INS_LIFE"], life, coverage)
    home = np.maximum(income * personas.HOME_COVER_INCOME_MULTIPLE, personas.HOME_COVER_MIN_USD)
    home = np.round(home * rng.uniform(*personas.HOME_COVER_SPREAD, m), -3)
    coverage = np.where(product == CODE["INS_HOME"], home, coverage)
    coverage = np.where(product == CODE["INS_AUTO"], rng.choice(personas.AUTO_COVER_USD, size=m), coverage)
    coverage = np.where(product == CODE["INS_TRAVEL"], personas.TRAVEL_COVER_USD, coverage)
    premium = np.zeros(m)
    age_loading = 1 + np.maximum(age - personas.LIFE_PREMIUM_AGE_FROM, 0) / personas.LIFE_PREMIUM_AGE_STEP_YEARS
    premium = np.where(product == CODE["INS_LIFE"], coverage * personas.LIFE_PREMIUM_RATE * age_loading, premium)
    premium = np.where(product == CODE["INS_HOME"], coverage * personas.HOME_PREMIUM_RATE, premium)
    premium = np.where(product == CODE["INS_AUTO"], rng.uniform(*personas.AUTO_PREMIUM_USD, m), premium)
    premium = np.where(product == CODE["INS_TRAVEL"], rng.uniform(*personas.TRAVEL_PREMIUM_USD, m), premium)
    # Premiums are billed monthly, so make the annual figure a whole number of monthly cents.
    monthly = np.round(premium / 12, 2)
    return np.round(coverage * 100).astype(np.int64), np.round(monthly * 1200).astype(np.int64)


def _opening_balances(rng, product, person, people, open_date, cal, amount, rate, payment, limit, revolver):
    """Signed balances on the window's first day for accounts that were already open."""
    m = len(product)
    existing = open_date < cal.start
    net_month = people.annual_income[person] * personas.NET_PAY_RATIO / 12
    bal = np.zeros(m)
    bal = np.where(product == CODE["CHK_STD"], net_month * rng.lognormal(0, personas.CHECKING_OPENING_SIGMA, m), bal)
    savings_share = personas.SAVINGS_SHARE_OF_INCOME[people.persona[person]]
    savings = people.annual_income[person] * savings_share * rng.lognormal(*personas.SAVINGS_OPENING_LOGNORMAL, m)
    bal = np.where(product == CODE["SAV_HY"], savings, bal)
    is_loan = np.isin(product, LOANS)
    paid = np.maximum(_months_between(open_date, cal.start), 0)
    outstanding = balance_after(amount, np.where(is_loan, rate, 0.05), payment, paid)
    bal = np.where(is_loan, -outstanding, bal)
    bal = np.where(np.isin(product, CDS), amount, bal)
    card = np.isin(product, CARDS)
    bal = np.where(card & revolver, -limit * rng.uniform(*personas.REVOLVER_OPENING_USE, m), bal)
    bal = np.where(card & ~revolver, -limit * rng.uniform(*personas.TRANSACTOR_OPENING_USE, m), bal)
    bal = np.where(np.isin(product, np.concatenate([INSURANCE, [CODE["INV_BROK"]]])), 0.0, bal)
    return np.where(existing, np.round(bal * 100), 0)
