"""Life events: moves, marriages, births, new employers, retirements and graduations inside the window.

Each person gets at most one event of each type, on the first day a yearly hazard (personas.py, per
persona) fires after they became a customer; a job change (new employer, retirement or graduation) is
one per person. The events change what the person is (address, surname, employer, income) from that
day, and the rest of the simulation reads them: products.py opens the products they prompt,
spending.income switches the payroll, systems/core.py shows the new details while the CRM, the app and
old duplicate records keep the old ones for a while.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.bank import mess, personas
from generator.bank.days import Calendar
from generator.bank.population import LAST_NAMES, People, _pick, _pick_by_persona, street_addresses
from generator.bank.reference import Reference

NEVER = np.iinfo(np.int64).max // 4  # a day index no window reaches


@dataclass
class LifeEvents:
    """Per person (chunk-local axis): the day of each event type (NEVER if none) and what it changed."""

    day: np.ndarray  # [person, event type] window day index, NEVER if it did not happen
    new_address: np.ndarray  # movers' new street address
    new_branch_area: np.ndarray  # branch whose city, state and postal code the new address is in
    new_last_name: np.ndarray  # surname after a marriage (the old one stays in People.last_name)
    surname_reported: np.ndarray  # core banking was told of the new surname
    crm_address_day: np.ndarray  # day the CRM's mailing state catches up with a move
    new_employer: np.ndarray  # employer after a job change (None after retirement)
    new_job_title: np.ndarray
    new_income: np.ndarray  # gross yearly income after a job change (pension income after retirement)
    new_job_start: np.ndarray  # first day paid by the new employer
    payroll_elsewhere: np.ndarray  # the new employer pays into another bank

    def happened(self, kind: int) -> np.ndarray:
        return self.day[:, kind] < NEVER

    @property
    def job_day(self) -> np.ndarray:
        """The day a person's job changed (new employer, retirement or graduation), NEVER if it did not."""
        return self.day[:, [personas.NEW_EMPLOYER, personas.RETIREMENT, personas.GRADUATION]].min(axis=1)


def sample_life_events(rng: np.random.Generator, ppl: People, cal: Calendar, ref: Reference) -> LifeEvents:
    n, persona, window = len(ppl), ppl.persona, int(cal.n_days)
    age_at_start = (cal.start - ppl.birth_date).astype(np.int64) / 365.25
    hazard = np.zeros((n, len(personas.LIFE_EVENTS)))
    hazard[:, personas.MOVE] = personas.MOVE_HAZARD[persona]
    hazard[:, personas.MARRIAGE] = personas.SURNAME_CHANGE_HAZARD[persona] * ppl.female
    hazard[:, personas.BIRTH] = personas.BIRTH_HAZARD[persona]
    hazard[:, personas.NEW_EMPLOYER] = personas.NEW_EMPLOYER_HAZARD[persona] * ppl.employed
    hazard[:, personas.RETIREMENT] = personas.RETIREMENT_HAZARD * ((persona == personas.BOOMER) & ppl.employed)
    student_job_age = age_at_start >= personas.GRADUATION_MIN_AGE
    hazard[:, personas.GRADUATION] = personas.GRADUATION_HAZARD * ((persona == personas.STUDENT) & student_job_age)
    hazard[:, personas.NEW_EMPLOYER] *= persona != personas.STUDENT  # students change jobs by graduating
    # Exponential waiting time from the day they became a customer (or the window's start).
    wait = -np.log(1 - rng.random(hazard.shape)) / np.maximum(hazard, 1e-12) * 365.25
    day = ppl.first_day[:, None] + wait.astype(np.int64).clip(0, NEVER)
    day = np.where((hazard > 0) & (day < np.minimum(ppl.end_day, window)[:, None]), day, NEVER)
    # One job change per person: the earliest of the three.
    jobs = [personas.NEW_EMPLOYER, personas.RETIREMENT, personas.GRADUATION]
    first_job = np.argmin(day[:, jobs], axis=1)
    for i, kind in enumerate(jobs):
        day[first_job != i, kind] = NEVER

    new_address = street_addresses(rng, n)
    n_branches = len(ref.branches)
    other_area = rng.random(n) < personas.MOVE_OTHER_AREA_SHARE
    area = np.where(
        other_area, (ppl.home_branch + 1 + rng.integers(0, n_branches - 1, n)) % n_branches, ppl.home_branch
    )
    crm_lag = rng.integers(*mess.CRM_ADDRESS_LAG_DAYS, n)

    new_last = _pick(rng, LAST_NAMES, n)
    new_last = np.where(new_last == ppl.last_name, _pick(rng, LAST_NAMES, n), new_last)
    reported = rng.random(n) < mess.CORE_SURNAME_UPDATED

    employer_word = _pick_by_persona(rng, persona, personas.EMPLOYER_WORDS)
    grad = day[:, personas.GRADUATION] < NEVER
    employer_word[grad] = np.array(personas.GRADUATE_EMPLOYER_WORDS, dtype=object)[
        rng.integers(0, len(personas.GRADUATE_EMPLOYER_WORDS), grad.sum())
    ]
    new_employer = np.char.add(np.char.add(_pick(rng, LAST_NAMES, n).astype(str), " "), employer_word.astype(str))
    new_employer = new_employer.astype(object)
    new_job = ppl.job_title.copy()
    new_job[grad] = np.array(personas.GRADUATE_JOBS, dtype=object)[
        rng.integers(0, len(personas.GRADUATE_JOBS), grad.sum())
    ]
    new_income = np.round(ppl.annual_income * rng.uniform(*personas.NEW_JOB_RAISE, n), -2)
    graduate_pay = personas.INCOME_MEDIAN[personas.DIGITAL] * personas.GRADUATE_INCOME_SHARE_OF_DIGITAL
    new_income[grad] = np.round(graduate_pay * rng.lognormal(0.0, personas.INCOME_SIGMA, grad.sum()), -2)
    retire = day[:, personas.RETIREMENT] < NEVER
    new_employer[retire] = None
    new_job[retire] = "Retired"
    new_income[retire] = ppl.annual_income[retire]
    gap = rng.integers(*personas.NEW_JOB_START_GAP_DAYS, n)
    job_day = day[:, jobs].min(axis=1)
    start = np.where(retire, job_day, np.minimum(job_day + gap, NEVER))
    elsewhere = (day[:, personas.NEW_EMPLOYER] < NEVER) & (rng.random(n) < personas.NEW_JOB_PAYROLL_ELSEWHERE)

    return LifeEvents(
        day=day,
        new_address=new_address,
        new_branch_area=area,
        new_last_name=new_last,
        surname_reported=reported,
        crm_address_day=np.minimum(day[:, personas.MOVE] + crm_lag, NEVER),
        new_employer=new_employer,
        new_job_title=new_job,
        new_income=new_income,
        new_job_start=start,
        payroll_elsewhere=elsewhere,
    )
