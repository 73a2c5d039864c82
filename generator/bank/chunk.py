"""Simulate one chunk of customers end to end and return every table it contributes to.

Chunks are independent: each has its own random stream derived from (seed, chunk index), so
output is identical whatever the number of workers or the order in which chunks finish.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa

from generator.bank import answer_key, engagement, ledger, life_events, spending, wallet
from generator.bank.context import ChunkContext, RunWide
from generator.bank.population import sample_people
from generator.bank.products import assign_products
from generator.bank.systems import app, branch, cards, core, crm

# Fixed so that a given seed always gives the same bank: part of the data's definition, not a tuning knob.
CHUNK_CUSTOMERS = 2_000
WALLET_STREAM = 0xA11E7  # the wallet's random stream within a chunk: (seed, chunk, this)
LIFE_EVENTS_STREAM = 1  # the life events' random stream within a chunk: (seed, chunk, this)


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
    # Life events draw from a stream of their own, so adding them leaves the people themselves unchanged.
    people.events = life_events.sample_life_events(
        np.random.default_rng([run.seed, chunk, LIFE_EVENTS_STREAM]), people, cal, ref
    )
    accounts = assign_products(rng, people, cal, ref)
    ctx = ChunkContext(chunk, rng, cal, ref, people, accounts, run.merchants)
    # The wallet elsewhere draws from a stream of its own, so it does not shift the bank's other draws.
    wallet_rng = np.random.default_rng([run.seed, chunk, WALLET_STREAM])
    ctx.wallet = wallet.plan(ctx, wallet_rng, run.market)
    for flow in (
        spending.income,
        spending.subscriptions,
        spending.bills,
        spending.everyday_spending,
        spending.cash_and_p2p,
    ):
        flow(ctx)
    schedule = ledger.simulate_ledger(ctx)

    keys = core.account_keys(ctx)
    customers, primary_id, cust_person, cust_ids = core.customers(ctx)
    emit("core", "customers", customers, None)
    accounts, policies = core.accounts_and_policies(ctx, keys)
    emit("core", "accounts", accounts, None)
    emit("core", "insurance_policies", policies, None)
    emit("core", "loan_schedules", core.loan_schedules(ctx, schedule.drain(), keys), None)

    postings, posting_ids, p = core.postings(ctx, ctx.postings.drain(), keys)
    emit("core", "postings", postings, cal.day_month[p["day"]])
    del postings
    holdings_elsewhere = wallet.combine(ctx.wallet, wallet.deposits(ctx, wallet_rng, p))
    ctx.wallet = None
    card_accounts, card_txns, card_ids, c = cards.card_tables(ctx, ctx.card_rows.drain(), keys)
    emit("cards", "card_accounts", card_accounts, None)
    emit("cards", "card_transactions", card_txns, cal.day_month[c["day"]])
    del card_txns
    balances, balance_month, closing = core.monthly_balances(ctx, p, c, keys)
    emit("core", "account_balances_monthly", balances, balance_month)
    emit("truth", "recurring_transactions", answer_key.recurring_transactions(posting_ids, p, card_ids, c), None)
    del balances, p, c, posting_ids, card_ids

    holdings, holding_month, brokerage = core.securities_holdings(ctx, keys, run.prices)
    emit("core", "securities_holdings", holdings, holding_month)
    emit("truth", "external_holdings", answer_key.external_holdings(ctx, holdings_elsewhere), None)
    emit("truth", "wallet_monthly", answer_key.wallet_monthly(ctx, holdings_elsewhere, closing, brokerage), None)
    del holdings_elsewhere, closing, brokerage
    contacts = engagement.crm(ctx, primary_id)
    for name, table in crm.tables(ctx, contacts).items():
        emit("crm", name, table, None)
    usage = engagement.app(ctx)
    app_tables, app_months = app.tables(ctx, usage)
    for name, table in app_tables.items():
        emit("app", name, table, app_months.get(name))
    del app_tables, app_months
    notes = engagement.rm_notes(ctx, run.rm_names)
    emit("branch", "rm_notes", branch.rm_notes(notes), None)

    emit("truth", "persons", answer_key.persons(ctx), None)
    emit(
        "truth",
        "source_records",
        answer_key.source_records(ctx, cust_person, cust_ids, contacts, usage, notes, keys),
        None,
    )
    emit("truth", "cross_sell_signals", answer_key.cross_sell_signals(ctx), None)
    emit("truth", "life_events", answer_key.life_events(ctx), None)
