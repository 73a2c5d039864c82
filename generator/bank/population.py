"""The people behind the bank: persona, demographics, lifecycle and engagement over time.

Everything here is ground truth. What each source system records of these people, with its own
keys and mess, is decided elsewhere (core_records, engagement).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from faker.providers.address.en_US import Provider as AddressData
from faker.providers.person.en_US import Provider as NameData

from generator.bank import personas
from generator.bank.days import Calendar
from generator.bank.ids import scramble
from generator.bank.reference import Reference

if TYPE_CHECKING:
    from generator.bank.life_events import LifeEvents

NAT = np.datetime64("NaT", "D")
EMAIL_DOMAINS = np.array(["example.com", "example.net", "example.org", "mail.example.com"], dtype=object)


def _weighted_pool(names: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    values = np.array(list(names), dtype=object)
    weights = np.array(list(names.values()), dtype=float)
    return values, weights / weights.sum()


FEMALE_NAMES = _weighted_pool(NameData.first_names_female)
MALE_NAMES = _weighted_pool(NameData.first_names_male)
LAST_NAMES = _weighted_pool(NameData.last_names)
STREET_SUFFIXES = np.array(AddressData.street_suffixes, dtype=object)


@dataclass
class People:
    """One chunk of persons. Arrays share the person axis; `activity` adds the month axis."""

    person_id: np.ndarray  # global, 0-based
    persona: np.ndarray
    lifecycle: np.ndarray
    first_name: np.ndarray
    last_name: np.ndarray
    birth_date: np.ndarray
    ssn: np.ndarray
    email: np.ndarray
    phone: np.ndarray  # canonical 10 digits
    address_line: np.ndarray
    home_branch: np.ndarray  # index into reference branches
    job_title: np.ndarray
    employer: np.ndarray
    employed: np.ndarray  # receives payroll
    annual_income: np.ndarray
    customer_type: np.ndarray
    kyc_status: np.ndarray
    risk_rating: np.ndarray
    onboarding_date: np.ndarray
    churn_date: np.ndarray  # NaT unless churned
    decline_start: np.ndarray  # NaT for active customers
    first_day: np.ndarray  # first window day index as a customer
    end_day: np.ndarray  # first window day index no longer a customer (n_days if never)
    activity: np.ndarray  # [person, month] engagement multiplier in [0, 1]
    spend_scale: np.ndarray  # amounts scale with income within a persona
    female: np.ndarray
    events: LifeEvents | None = None  # set by life_events once the people are drawn

    def __len__(self) -> int:
        return len(self.person_id)


def _pick(rng: np.random.Generator, pool: tuple[np.ndarray, np.ndarray], n: int) -> np.ndarray:
    return pool[0][rng.choice(len(pool[0]), size=n, p=pool[1])]


def _pick_by_persona(rng: np.random.Generator, persona: np.ndarray, lists: dict[int, list[str]]) -> np.ndarray:
    out = np.empty(len(persona), dtype=object)
    for p, values in lists.items():
        rows = np.flatnonzero(persona == p)
        out[rows] = np.array(values, dtype=object)[rng.integers(0, len(values), size=len(rows))]
    return out


def street_addresses(rng: np.random.Generator, n: int) -> np.ndarray:
    """Fictional street addresses: a house number, a surname as the street, a street suffix."""
    return np.array(
        [
            f"{num} {street} {suffix}"
            for num, street, suffix in zip(
                rng.integers(10, 9999, size=n).tolist(),
                _pick(rng, LAST_NAMES, n).tolist(),
                STREET_SUFFIXES[rng.integers(0, len(STREET_SUFFIXES), size=n)].tolist(),
                strict=True,
            )
        ],
        dtype=object,
    )


def sample_people(rng: np.random.Generator, first_person: int, n: int, cal: Calendar, ref: Reference) -> People:
    person_id = first_person + np.arange(n, dtype=np.int64)
    persona = rng.choice(5, size=n, p=personas.PERSONA_WEIGHTS)
    lifecycle = rng.choice(3, size=n, p=personas.LIFECYCLE_WEIGHTS)

    female = rng.random(n) < personas.FEMALE_SHARE
    first = np.where(female, _pick(rng, FEMALE_NAMES, n), _pick(rng, MALE_NAMES, n))
    last = _pick(rng, LAST_NAMES, n)

    lo, hi = personas.AGE_RANGE[persona, 0], personas.AGE_RANGE[persona, 1]
    age_days = ((lo + rng.random(n) * (hi - lo + 1)) * 365.25).astype(np.int64)
    birth = cal.start - age_days

    # Never-issued SSNs: area numbers 900-999 are not assigned by the SSA; serials start at 0001.
    k = scramble(person_id, 100 * 99 * 9999, 12_345)
    ssn = np.char.add(
        np.char.add((900 + k // (99 * 9999)).astype(str), "-"),
        np.char.add(
            np.char.add(np.char.zfill((1 + (k // 9999) % 99).astype(str), 2), "-"),
            np.char.zfill((1 + k % 9999).astype(str), 4),
        ),
    ).astype(object)

    # Unique by construction: the numeric tag is a bijection of the person id.
    tag = scramble(person_id, 1_000_000, 424_242).astype(str)
    lf, ll = np.char.lower(first.astype(str)), np.char.lower(last.astype(str))
    style = rng.integers(0, 3, size=n)
    local = np.where(
        style == 0,
        np.char.add(np.char.add(lf, "."), ll),
        np.where(style == 1, np.char.add(np.char.add(lf, "_"), ll), np.char.add(np.char.array(lf).astype("U1"), ll)),
    )
    email = np.char.add(
        np.char.add(np.char.add(local, tag), "@"),
        EMAIL_DOMAINS[rng.integers(0, len(EMAIL_DOMAINS), size=n)].astype(str),
    ).astype(object)

    n_branches = len(ref.branches)
    branch_weights = np.ones(n_branches)
    home_branch = rng.choice(n_branches, size=n, p=branch_weights / branch_weights.sum())
    # Boomers cluster in the retirement-town branches (the last ones in the seed).
    retire = (persona == personas.BOOMER) & (rng.random(n) < personas.RETIREMENT_TOWN_SHARE)
    home_branch[retire] = n_branches - 1 - rng.integers(0, personas.RETIREMENT_TOWN_BRANCHES, size=retire.sum())

    # Fictional numbers: 555-0100..0199 is reserved for fiction in every area code.
    area = np.array([ref.branches[b]["area_code"] for b in range(n_branches)])[home_branch]
    moved = rng.random(n) < personas.PHONE_AREA_MOVED
    area = np.where(moved, rng.integers(201, 990, size=n).astype(str), area)
    phone = np.array(
        [f"{a}55501{x:02d}" for a, x in zip(area.tolist(), rng.integers(0, 100, size=n).tolist(), strict=True)],
        dtype=object,
    )

    address = street_addresses(rng, n)

    income = personas.INCOME_MEDIAN[persona] * rng.lognormal(0.0, personas.INCOME_SIGMA, size=n)
    income = np.round(income, -2)
    employed = np.ones(n, dtype=bool)
    employed[persona == personas.STUDENT] = rng.random((persona == personas.STUDENT).sum()) < personas.STUDENT_EMPLOYED
    employed[persona == personas.BOOMER] = rng.random((persona == personas.BOOMER).sum()) < personas.BOOMER_EMPLOYED
    job = _pick_by_persona(rng, persona, personas.JOBS)
    job[(persona == personas.BOOMER) & ~employed] = "Retired"
    job[(persona == personas.BOOMER) & employed & (job == "Retired")] = "Consultant"
    job[(persona == personas.STUDENT) & ~employed] = "Student"
    job[(persona == personas.STUDENT) & employed & (job == "Student")] = "Retail Associate"
    employer = np.char.add(
        np.char.add(_pick(rng, LAST_NAMES, n).astype(str), " "),
        _pick_by_persona(rng, persona, personas.EMPLOYER_WORDS).astype(str),
    ).astype(object)
    employer[(persona == personas.STUDENT) & ~employed] = None
    employer[(persona == personas.BOOMER) & ~employed] = None

    sole_prop = rng.random(n) < personas.SOLE_PROPRIETOR_PROB[persona]
    customer_type = np.where(sole_prop, "SOLE_PROPRIETOR", "INDIVIDUAL").astype(object)
    kyc_values = np.array(list(personas.KYC_WEIGHTS), dtype=object)
    kyc = kyc_values[rng.choice(len(kyc_values), size=n, p=list(personas.KYC_WEIGHTS.values()))]
    risk_p = personas.RISK_WEIGHTS[persona]
    risk = np.array(["LOW", "MEDIUM", "HIGH"], dtype=object)[
        (rng.random(n)[:, None] > np.cumsum(risk_p, axis=1)).sum(axis=1)
    ]

    # Most customers joined before the window; some join during it (never in its last quarter).
    window = int(cal.n_days)
    before = rng.random(n) < personas.ONBOARDED_BEFORE_WINDOW
    tenure_days = (rng.random(n) * personas.MAX_TENURE_YEARS[persona] * 365.25).astype(np.int64) + 1
    joined_in_window = (rng.random(n) * window * personas.JOIN_WITHIN_WINDOW_SHARE).astype(np.int64)
    onboard = np.where(before, cal.start - tenure_days, cal.start + joined_in_window).astype("datetime64[D]")
    onboard = np.maximum(onboard, birth + int(personas.MIN_ACCOUNT_AGE_YEARS * 365.25))
    first_day = np.clip(cal.day_index(onboard), 0, window)

    churn, decline, end_day = _lifecycle_dates(rng, lifecycle, first_day, cal)
    activity = _activity(lifecycle, decline, end_day, cal)

    spend_scale = np.clip(
        (income / personas.INCOME_MEDIAN[persona]) ** personas.SPEND_SCALE_ELASTICITY, *personas.SPEND_SCALE_RANGE
    )

    return People(
        person_id=person_id,
        persona=persona,
        lifecycle=lifecycle,
        first_name=first,
        last_name=last,
        birth_date=birth,
        ssn=ssn,
        email=email,
        phone=phone,
        address_line=address,
        home_branch=home_branch,
        job_title=job,
        employer=employer,
        employed=employed,
        annual_income=income,
        customer_type=customer_type,
        kyc_status=kyc,
        risk_rating=risk,
        onboarding_date=onboard,
        churn_date=churn,
        decline_start=decline,
        first_day=first_day,
        end_day=end_day,
        activity=activity,
        spend_scale=spend_scale,
        female=female,
    )


def _lifecycle_dates(
    rng: np.random.Generator, lifecycle: np.ndarray, first_day: np.ndarray, cal: Calendar
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n, window = len(lifecycle), cal.n_days
    churned = lifecycle == personas.CHURNED
    latest = window - personas.CHURN_LATEST_DAYS_BEFORE_END
    earliest = np.minimum(first_day + personas.CHURN_EARLIEST_DAYS, latest)
    churn_day = earliest + (rng.random(n) * np.maximum(latest - earliest, 1)).astype(np.int64)
    end_day = np.where(churned, churn_day, window)
    churn = np.where(churned, cal.start + end_day, NAT)

    decline_days = (personas.DECLINE_MIN_DAYS + rng.random(n) * personas.DECLINE_SPREAD_DAYS).astype(np.int64)
    at_risk_start = window - (
        personas.AT_RISK_DECLINE_MIN_DAYS_BEFORE_END + rng.random(n) * personas.AT_RISK_DECLINE_SPREAD_DAYS
    ).astype(np.int64)
    decline_day = np.where(churned, churn_day - decline_days, at_risk_start)
    decline_day = np.maximum(decline_day, first_day)
    decline = np.where(lifecycle == personas.ACTIVE, NAT, cal.start + decline_day)
    return churn, decline.astype("datetime64[D]"), end_day


def _activity(lifecycle: np.ndarray, decline: np.ndarray, end_day: np.ndarray, cal: Calendar) -> np.ndarray:
    """Engagement per person-month: 1 until the decline starts, then a linear slide to the floor."""
    mid = cal.month_first_day + cal.month_day_count // 2  # day index of each month's middle
    start = np.where(np.isnat(decline), cal.n_days * 10, cal.day_index(np.where(np.isnat(decline), cal.start, decline)))
    stop = np.where(lifecycle == personas.CHURNED, end_day, cal.n_days)
    span = np.maximum(stop - start, 1)
    progress = np.clip((mid[None, :] - start[:, None]) / span[:, None], 0.0, 1.0)
    floor = personas.DECLINE_FLOOR[lifecycle][:, None]
    return 1.0 - progress * (1.0 - floor)
