"""The customer's wallet at other institutions: deposits, investments, loans and cards held elsewhere.

Only the answer key sees these holdings whole (truth/external_holdings, truth/wallet_monthly). The bank sees
the part that flows through it, and each of those flows is cut from a holding's own balance dynamics:
- loans elsewhere amortise with the annuity formula; when paid from the bank's checking account, the ELP
  posting is exactly the month's instalment (the last one is whatever is left);
- cards elsewhere carry a balance that moves with purchases the bank never sees, interest on the carried part
  and the statement payment; when paid from checking, the ECP posting is exactly that payment;
- the person's own account at another bank earns interest and moves by exactly the EXO, EXI and DEP postings
  the ledger makes (they all name that bank), and by nothing else;
- investments elsewhere follow a shared market index, and never touch the bank.
Holdings whose flag says they are not paid through the bank have no flow at all, as in life.

Money is integer cents; arrays are [holding] for terms and [holding, month] for month-end balances and the
month's flows. The only loop is over the window's months (tens), never over rows.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from generator.bank import codes, personas
from generator.bank.context import ChunkContext
from generator.bank.products import CODE

FAMILIES = ("deposit", "investment", "mortgage", "auto_loan", "student_loan", "personal_loan", "credit_card")
FAMILY = {f: i for i, f in enumerate(FAMILIES)}
ASSET_FAMILIES = np.array([FAMILY["deposit"], FAMILY["investment"]])
LOAN_FAMILIES = np.array([FAMILY[f] for f in ("mortgage", "auto_loan", "student_loan", "personal_loan")])
POOLS = {
    "deposit": codes.EXTERNAL_BANKS,
    "investment": codes.INVESTMENT_FIRMS,
    "mortgage": codes.MORTGAGE_LENDERS,
    "auto_loan": codes.AUTO_LENDERS,
    "student_loan": codes.STUDENT_LENDERS,
    "personal_loan": codes.PERSONAL_LENDERS,
    "credit_card": codes.CARD_ISSUERS,
}
INSTITUTIONS = tuple(name for family in FAMILIES for name in POOLS[family])
_POOL_START = {f: INSTITUTIONS.index(POOLS[f][0]) for f in FAMILIES}
# Postings that move money between the person's accounts here and their own account at another bank.
OWN_ACCOUNT_CODES = ("EXO", "EXI", "DEP")


@dataclass
class Holdings:
    person: np.ndarray  # local person index
    family: np.ndarray  # index into FAMILIES
    institution: np.ndarray  # index into INSTITUTIONS
    via_bank: np.ndarray  # paid from (or, for deposits, transferring with) the bank's accounts
    rate: np.ndarray  # annual rate (loan rate, APR or APY); NaN for investments
    pay_dom: np.ndarray  # day of month a loan or card is paid
    live: np.ndarray  # [h, m] open at the month's end (a row of the answer key)
    balance: np.ndarray  # [h, m] cents held (assets) or owed (liabilities) at the month's end
    interest: np.ndarray  # [h, m] interest credited or charged; market gain for investments
    payment: np.ndarray  # [h, m] paid to the lender or card issuer in the month
    purchases: np.ndarray  # [h, m] new card charges
    transfers: np.ndarray  # [h, m] net money in from the person's accounts at the bank (deposits)


def _concat(parts: list[Holdings]) -> Holdings:
    return Holdings(**{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Holdings)})


MONTHLY = ("live", "balance", "interest", "payment", "purchases", "transfers")  # the [holding, month] arrays


def _holdings(family, person, institution, rate, n_months, **flows) -> Holdings:
    k = len(person)
    zero = np.zeros((k, n_months), dtype=np.int64)
    return Holdings(
        person=person,
        family=np.full(k, FAMILY[family]),
        institution=_POOL_START[family] + institution,
        via_bank=flows.pop("via_bank", np.zeros(k, dtype=bool)),
        rate=rate,
        pay_dom=flows.pop("pay_dom", np.zeros(k, dtype=np.int64)),
        **{
            name: flows.get(name, zero) for name in ("live", "balance", "interest", "payment", "purchases", "transfers")
        },
    )


def _open_month(rng: np.random.Generator, k: int, n_months: int, age: np.ndarray) -> np.ndarray:
    """Month the holding opened, relative to the window's first month: mostly before it (minus its age)."""
    inside = rng.random(k) < personas.EXT_OPENS_IN_WINDOW
    return np.where(inside, rng.integers(0, n_months, k), -age)


def plan(ctx: ChunkContext, rng: np.random.Generator, market: np.ndarray) -> Holdings:
    """Investments, loans and cards elsewhere, and each person's own bank elsewhere; before any flow is made.

    Deposits follow the ledger (see `deposits`), so only their institution is decided here.
    """
    ppl, n_months = ctx.people, ctx.cal.n_months
    n = len(ppl)
    ctx.own_bank = rng.integers(0, len(codes.EXTERNAL_BANKS), n)
    own = {f: rng.random(n) < personas.EXTERNAL_OWNERSHIP[f][ppl.persona] for f in FAMILIES}
    bank_mortgage = np.zeros(n, dtype=bool)
    bank_mortgage[ctx.accounts.person[ctx.accounts.of(CODE["LN_MORT"])]] = True
    own["mortgage"] &= ~bank_mortgage
    income = ppl.annual_income
    loans = (
        (
            "mortgage",
            lambda p: income[p] * rng.uniform(*personas.EXT_MORTGAGE_INCOME_MULTIPLE, len(p)),
            personas.EXT_MORTGAGE_RATE,
            personas.EXT_MORTGAGE_TERMS,
            personas.EXT_MORTGAGE_MAX_AGE_MONTHS,
        ),
        (
            "auto_loan",
            lambda p: rng.uniform(*personas.EXT_AUTO_USD, len(p)),
            personas.EXT_AUTO_RATE,
            personas.EXT_AUTO_TERMS,
            personas.EXT_AUTO_MAX_AGE_MONTHS,
        ),
        (
            "student_loan",
            lambda p: rng.uniform(*personas.EXT_STUDENT_USD, len(p)),
            personas.EXT_STUDENT_RATE,
            personas.EXT_STUDENT_TERMS,
            personas.EXT_STUDENT_MAX_AGE_MONTHS,
        ),
        (
            "personal_loan",
            lambda p: rng.uniform(*personas.EXT_PERSONAL_USD, len(p)),
            personas.EXT_PERSONAL_RATE,
            personas.EXT_PERSONAL_TERMS,
            personas.EXT_PERSONAL_MAX_AGE_MONTHS,
        ),
    )
    parts = [_investments(ctx, rng, np.flatnonzero(own["investment"]), market)]
    for family, principal, rates, terms, max_age in loans:
        person = np.flatnonzero(own[family])
        parts.append(_loan(rng, family, person, principal(person), rates, terms, max_age, n_months))
    parts.append(_cards(ctx, rng, np.flatnonzero(own["credit_card"])))
    ctx.owns_deposit = own["deposit"]
    return _concat(parts)


def _investments(ctx, rng, person, market) -> Holdings:
    """401(k)s, IRAs and brokerage accounts elsewhere: the index's return plus the holding's own noise."""
    ppl, n_months = ctx.people, ctx.cal.n_months
    k = len(person)
    median = personas.EXT_INVESTMENT_INCOME_MULTIPLE[ppl.persona[person]] * ppl.annual_income[person]
    amount = np.round(median * rng.lognormal(0, personas.EXT_INVESTMENT_SIGMA, k) * 100).astype(np.int64)
    open_m = _open_month(rng, k, n_months, np.ones(k, dtype=np.int64))
    growth = np.expm1(market[None, :] + rng.normal(0, personas.EXT_INVESTMENT_NOISE, (k, n_months)))
    balance, gain = np.zeros((k, n_months), dtype=np.int64), np.zeros((k, n_months), dtype=np.int64)
    b = np.where(open_m < 0, amount, 0)
    for m in range(n_months):
        g = np.where(open_m < m, np.round(b * growth[:, m]), 0).astype(np.int64)
        b = np.where(open_m == m, amount, b + g)
        balance[:, m], gain[:, m] = b, g
    live = np.arange(n_months)[None, :] >= open_m[:, None]
    institution = rng.integers(0, len(POOLS["investment"]), k)
    return _holdings(
        "investment", person, institution, np.full(k, np.nan), n_months, live=live, balance=balance, interest=gain
    )


def _loan(rng, family, person, principal_usd, rates, terms, max_age, n_months) -> Holdings:
    """An amortising loan: instalment = P i / (1 - (1 + i)^-n); each month interest accrues, the instalment is paid.

    A loan taken before the window starts at its closed-form balance after the payments already made.
    """
    k = len(person)
    principal = np.round(principal_usd * 100).astype(np.int64)
    rate = rng.uniform(*rates, k)
    term = rng.choice(terms[0], k, p=terms[1])
    i = rate / 12
    instalment = np.round(principal * i / (1 - (1 + i) ** -term)).astype(np.int64)
    oldest = np.minimum(term - 1, max_age)
    age = 1 + np.floor(rng.random(k) * oldest).astype(np.int64)  # 1 .. oldest months: still owed at the start
    open_m = _open_month(rng, k, n_months, age)
    grown = (1 + i) ** (age - 1)  # payments made before the window: months after the first up to the last
    before = np.round(principal * grown - instalment * (grown - 1) / i).astype(np.int64)
    b = np.where(open_m < 0, np.maximum(before, 0), 0)
    live = np.zeros((k, n_months), dtype=bool)
    balance, interest, payment = (np.zeros((k, n_months), dtype=np.int64) for _ in range(3))
    for m in range(n_months):
        paying = (open_m < m) & (b > 0)
        it = np.where(paying, np.round(b * i), 0).astype(np.int64)
        pay = np.where(paying, np.minimum(instalment, b + it), 0)
        b = np.where(open_m == m, principal, b + it - pay)
        live[:, m] = paying | (open_m == m)
        balance[:, m], interest[:, m], payment[:, m] = b, it, pay
    return _holdings(
        family,
        person,
        rng.integers(0, len(POOLS[family]), k),
        rate,
        n_months,
        via_bank=rng.random(k) < personas.EXT_LOAN_PAID_THROUGH_BANK,
        pay_dom=rng.integers(*personas.EXT_PAYMENT_DAYS, k),
        live=live,
        balance=balance,
        interest=interest,
        payment=payment,
    )


def _cards(ctx, rng, person) -> Holdings:
    """A card elsewhere: last month's statement paid (in full, or a varying share by revolvers), interest on
    the carried part, and purchases the bank never sees, up to the limit."""
    ppl, n_months = ctx.people, ctx.cal.n_months
    k = len(person)
    limit = np.clip(
        ppl.annual_income[person] * rng.uniform(*personas.EXT_CARD_LIMIT_SHARE_OF_INCOME, k),
        *personas.EXT_CARD_LIMIT_USD,
    )
    limit = np.round(limit * 100).astype(np.int64)
    apr = rng.uniform(*personas.EXT_CARD_APR, k)
    revolver = rng.random(k) < personas.EXT_CARD_REVOLVER_SHARE
    spend = rng.lognormal(
        np.log(personas.EXT_CARD_PURCHASES_MEDIAN_USD), personas.EXT_CARD_PURCHASES_SIGMA, (k, n_months + 1)
    )
    spend = np.round(spend * ppl.spend_scale[person][:, None] * 100).astype(np.int64)
    share = rng.uniform(*personas.EXT_CARD_REVOLVER_PAYMENT_SHARE, (k, n_months))
    open_m = _open_month(rng, k, n_months, np.ones(k, dtype=np.int64))
    opening = np.where(revolver, np.round(limit * rng.uniform(*personas.EXT_CARD_REVOLVER_OPENING_USE, k)), 0)
    b = np.where(open_m < 0, np.minimum(opening.astype(np.int64) + spend[:, -1], limit), 0)
    live = np.arange(n_months)[None, :] >= open_m[:, None]
    balance, interest, payment, purchases = (np.zeros((k, n_months), dtype=np.int64) for _ in range(4))
    for m in range(n_months):
        paying = open_m < m
        statement = b
        floor = np.maximum(
            personas.EXT_CARD_MIN_PAYMENT_CENTS,
            np.round(statement * (personas.EXT_CARD_MIN_PAYMENT_SHARE + apr / 12)),
        ).astype(np.int64)
        part = np.maximum(np.round(statement * share[:, m]).astype(np.int64), floor)
        pay = np.where(paying, np.minimum(np.where(revolver, part, statement), statement), 0)
        carried = statement - pay
        it = np.where(paying, np.round(carried * apr / 12), 0).astype(np.int64)
        buy = np.where(live[:, m], np.minimum(spend[:, m], np.maximum(limit - carried - it, 0)), 0)
        b = np.where(live[:, m], carried + it + buy, 0)
        balance[:, m], interest[:, m], payment[:, m], purchases[:, m] = b, it, pay, buy
    return _holdings(
        "credit_card",
        person,
        rng.integers(0, len(POOLS["credit_card"]), k),
        apr,
        n_months,
        via_bank=rng.random(k) < personas.EXT_CARD_PAID_THROUGH_BANK,
        pay_dom=rng.integers(*personas.EXT_PAYMENT_DAYS, k),
        live=live,
        balance=balance,
        interest=interest,
        payment=payment,
        purchases=purchases,
    )


def deposits(ctx: ChunkContext, rng: np.random.Generator, p: dict) -> Holdings:
    """Each person's own account at another bank: interest, plus exactly the transfers the bank recorded.

    Everyone whose money crossed to or from another bank holds one (at `ctx.own_bank`, the bank those
    postings name); others by the ownership rate. It opens no later than its first transfer, with enough in it
    that no later withdrawal takes it below the amount drawn for it.
    """
    ppl, cal, acc = ctx.people, ctx.cal, ctx.accounts
    n, n_months = len(ppl), cal.n_months
    moved = np.isin(p["code"], [codes.TXN[c] for c in OWN_ACCOUNT_CODES])
    who = acc.person[p["account"][moved]]
    key = who * n_months + cal.day_month[p["day"][moved]]
    into_deposit = np.where(p["code"][moved] == codes.TXN["EXO"], p["cents"][moved], -p["cents"][moved])
    flow = np.zeros(n * n_months, dtype=np.int64)
    np.add.at(flow, key, into_deposit)
    count = np.bincount(key, minlength=n * n_months).reshape(n, n_months)
    flow = flow.reshape(n, n_months)
    via_bank = count.any(axis=1)
    person = np.flatnonzero(ctx.owns_deposit | via_bank)
    k = len(person)
    rate = rng.uniform(*personas.EXT_DEPOSIT_RATE, k)
    first_flow = np.where(via_bank[person], np.argmax(count[person] > 0, axis=1), n_months)
    open_m = np.minimum(_open_month(rng, k, n_months, np.ones(k, dtype=np.int64)), first_flow)
    net_month = ppl.annual_income[person] * personas.NET_PAY_RATIO / 12
    drawn = np.round(net_month * rng.lognormal(*personas.EXT_DEPOSIT_MONTHS_OF_PAY, k) * 100).astype(np.int64)
    transfers = flow[person]
    low = np.minimum(np.cumsum(transfers, axis=1).min(axis=1), 0)  # transfers before opening are all zero
    opening = drawn - low
    b = np.where(open_m < 0, opening, 0)
    balance, interest = np.zeros((k, n_months), dtype=np.int64), np.zeros((k, n_months), dtype=np.int64)
    for m in range(n_months):
        it = np.where(open_m < m, np.round(b * rate / 12), 0).astype(np.int64)
        b = np.where(open_m == m, opening, b + it) + transfers[:, m]
        balance[:, m], interest[:, m] = b, it
    live = np.arange(n_months)[None, :] >= open_m[:, None]
    return _holdings(
        "deposit",
        person,
        ctx.own_bank[person],
        rate,
        n_months,
        via_bank=via_bank[person],
        live=live,
        balance=balance,
        interest=interest,
        transfers=transfers,
    )


def combine(planned: Holdings, deposit: Holdings) -> Holdings:
    return _concat([deposit, planned])
