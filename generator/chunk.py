"""Simulate one chunk of customers end to end and return every table it contributes to.

Chunks are independent: each has its own random stream derived from (seed, chunk index), so
output is identical whatever the number of workers or the order in which chunks finish.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from generator import arrow as A
from generator import codes as C
from generator import engagement, ledger, records, spending
from generator import personas as P
from generator.calendar import Calendar
from generator.context import ChunkContext
from generator.population import FEMALE_NAMES, LAST_NAMES, MALE_NAMES, sample_people
from generator.products import CODE, assign_products
from generator.reference import Reference

# Fixed so that a given seed always gives the same bank: part of the data's definition, not a tuning knob.
CHUNK_CUSTOMERS = 2_000


@dataclass(frozen=True)
class RunWide:
    """What every chunk of one run shares: calendar, reference data, market prices, RM names."""

    seed: int
    cal: Calendar
    ref: Reference
    prices: np.ndarray  # [month, security] month-end prices
    rm_names: list[list[str]]  # per branch


def run_wide(seed: int, cal: Calendar, ref: Reference) -> RunWide:
    rng = np.random.default_rng([seed, 0x5EC])
    sec = ref.securities
    drift = np.array([float(s["annual_drift"]) for s in sec])
    vol = np.array([float(s["annual_volatility"]) for s in sec])
    start = np.array([float(s["start_price_usd"]) for s in sec])
    shocks = rng.normal((drift - vol**2 / 2) / 12, vol / np.sqrt(12), (cal.n_months, len(sec)))
    prices = np.round(start * np.exp(np.cumsum(shocks, axis=0)), 2)
    names_rng = np.random.default_rng([seed, 0xB7A])
    rm_names = []
    for _ in ref.branches:
        female = names_rng.random(3) < 0.5
        firsts = [
            (FEMALE_NAMES if f else MALE_NAMES)[0][
                names_rng.choice(len((FEMALE_NAMES if f else MALE_NAMES)[0]), p=(FEMALE_NAMES if f else MALE_NAMES)[1])
            ]
            for f in female
        ]
        lasts = LAST_NAMES[0][names_rng.choice(len(LAST_NAMES[0]), size=3, p=LAST_NAMES[1])]
        rm_names.append([f"{first} {last}" for first, last in zip(firsts, lasts, strict=True)])
    return RunWide(seed=seed, cal=cal, ref=ref, prices=prices, rm_names=rm_names)


# Receives each finished table: (system, table, rows, month index per row or None).
Emit = Callable[[str, str, pa.Table, "np.ndarray | None"], None]


def simulate_chunk(run: RunWide, chunk: int, first_person: int, n: int, emit: Emit) -> None:
    """Simulate one chunk and hand each table to `emit` as soon as it is built.

    Tables are emitted (written) and dropped one by one, so a worker never holds a whole chunk's
    output at once: that keeps peak memory per worker flat and small.
    """
    rng = np.random.default_rng([run.seed, chunk])
    cal, ref = run.cal, run.ref
    people = sample_people(rng, first_person, n, cal, ref)
    accounts = assign_products(rng, people, cal, ref)
    ctx = ChunkContext(chunk, rng, cal, ref, people, accounts)
    for flow in (
        spending.income,
        spending.subscriptions,
        spending.bills,
        spending.everyday_spending,
        spending.cash_and_p2p,
    ):
        flow(ctx)
    schedule = ledger.simulate_ledger(ctx)

    keys = records.account_keys(ctx)
    customers, primary_id, cust_person, cust_ids = records.core_customers(ctx)
    emit("core", "customers", customers, None)
    accounts_tbl, policies = records.core_accounts(ctx, keys)
    emit("core", "accounts", accounts_tbl, None)
    emit("core", "insurance_policies", policies, None)
    emit("core", "loan_schedules", records.loan_schedules(ctx, schedule.drain(), keys), None)

    postings, posting_ids, p = records.core_postings(ctx, ctx.postings.drain(), keys)
    emit("core", "postings", postings, cal.day_month[p["day"]])
    del postings
    card_accounts, card_txns, card_ids, c = records.card_tables(ctx, ctx.card_rows.drain(), keys)
    emit("cards", "card_accounts", card_accounts, None)
    emit("cards", "card_transactions", card_txns, cal.day_month[c["day"]])
    del card_txns
    balances, balance_month = records.monthly_balances(ctx, p, c, keys)
    emit("core", "account_balances_monthly", balances, balance_month)
    emit("truth", "recurring_transactions", _recurring_truth(posting_ids, p, card_ids, c), None)
    del balances, p, c, posting_ids, card_ids

    holdings, holding_month = records.securities_holdings(ctx, keys, run.prices)
    emit("core", "securities_holdings", holdings, holding_month)
    crm = engagement.crm(ctx, primary_id)
    for name, table in records.crm_tables(ctx, crm).items():
        emit("crm", name, table, None)
    app = engagement.app(ctx)
    app_tables, app_months = records.app_tables(ctx, app)
    for name, table in app_tables.items():
        emit("app", name, table, app_months.get(name))
    del app_tables, app_months
    notes = engagement.rm_notes(ctx, run.rm_names)
    emit("branch", "rm_notes", records.rm_note_table(notes), None)

    emit("truth", "persons", _persons_truth(ctx), None)
    emit("truth", "source_records", _source_records_truth(ctx, cust_person, cust_ids, crm, app, notes, keys), None)
    emit("truth", "cross_sell_signals", _cross_sell(ctx), None)


def _persons_truth(ctx: ChunkContext) -> pa.Table:
    """The answer key's people: never a dbt source, only used to measure the models."""
    ppl = ctx.people
    return pa.table(
        {
            "person_id": pa.array(ppl.person_id, pa.int64()),
            "persona": A.labels(ppl.persona, P.PERSONAS),
            "lifecycle": A.labels(ppl.lifecycle, P.LIFECYCLES),
            "first_name": A.strings(ppl.first_name),
            "last_name": A.strings(ppl.last_name),
            "birth_date": A.date_values(ppl.birth_date),
            "ssn": A.strings(ppl.ssn),
            "email": A.strings(ppl.email),
            "phone": A.strings(ppl.phone),
            "annual_income": A.money(np.round(ppl.annual_income * 100).astype(np.int64)),
            "onboarding_date": A.date_values(ppl.onboarding_date),
            "decline_start_date": A.date_values(ppl.decline_start),
            "churn_date": A.date_values(ppl.churn_date),
        }
    )


def _source_records_truth(ctx, cust_person, cust_ids, crm, app, notes, keys) -> pa.Table:
    """The real person behind every record that names a customer in some system."""
    ppl, acc = ctx.people, ctx.accounts
    cards = acc.of(np.array([CODE["CC_CASH"], CODE["CC_TRAVEL"]]))
    parts = [
        ("core", "customers", cust_ids, cust_person),
        ("crm", "contacts", crm["contacts"]["contact_id"], crm["contacts"]["person"]),
        ("app", "users", app["users"]["user_uuid"], app["users"]["person"]),
        ("branch", "rm_notes", notes["note_id"], notes["person"]),
        ("cards", "card_accounts", keys[cards], acc.person[cards]),
    ]
    return pa.table(
        {
            "source_system": pa.array([s for s, _, ids, _ in parts for _ in range(len(ids))], pa.string()),
            "source_table": pa.array([t for _, t, ids, _ in parts for _ in range(len(ids))], pa.string()),
            "source_record_id": pa.array([str(x) for _, _, ids, _ in parts for x in ids.tolist()], pa.string()),
            "person_id": pa.array(np.concatenate([ppl.person_id[who] for *_, who in parts]), pa.int64()),
        }
    )


def _recurring_truth(posting_ids, p, card_ids, c) -> pa.Table:
    """Which postings and card transactions belong to a truly recurring series, and which series."""
    rp, rc = p["kind"] > 0, c["kind"] > 0
    return pa.table(
        {
            "source_table": pa.array(
                ["core.postings"] * int(rp.sum()) + ["cards.card_transactions"] * int(rc.sum()), pa.string()
            ),
            "transaction_id": pa.array(np.concatenate([posting_ids[rp], card_ids[rc]]), pa.int64()),
            "series_id": pa.array(np.concatenate([p["series"][rp], c["series"][rc]]), pa.int64()),
            "recurring_kind": A.labels(np.concatenate([p["kind"][rp], c["kind"][rc]]), C.RECURRING_KINDS),
        }
    )


CROSS_SELL_SIGNALS = (
    "MORTGAGE_WITHOUT_LIFE_INSURANCE",
    "HIGH_SAVINGS_WITH_LOAN",
    "TRAVELER_WITHOUT_TRAVEL_CARD",
    "PAYS_EXTERNAL_LENDER",
    "PAYS_EXTERNAL_CARD_ISSUER",
)


def _cross_sell(ctx) -> pa.Table:
    """Planted opportunities per person, from what the simulation gave them (not from source data)."""
    ppl, acc = ctx.people, ctx.accounts
    n = len(ppl)

    def holds(codes):
        out = np.zeros(n, dtype=bool)
        out[acc.person[acc.of(codes)]] = True
        return out

    flags = [
        holds(CODE["LN_MORT"]) & ~holds(CODE["INS_LIFE"]),
        np.bincount(acc.person[acc.high_savings], minlength=n) > 0,
        (ppl.persona == P.TRAVELER) & ~holds(CODE["CC_TRAVEL"]),
        ctx.external_holders["ELP"],
        ctx.external_holders["ECP"],
    ]
    person = np.concatenate([np.flatnonzero(f) for f in flags])
    signal = np.concatenate([np.full(f.sum(), i) for i, f in enumerate(flags)])
    return pa.table(
        {"person_id": pa.array(ppl.person_id[person], pa.int64()), "signal": A.labels(signal, CROSS_SELL_SIGNALS)}
    )
