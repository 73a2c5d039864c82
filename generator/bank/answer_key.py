"""The answer key: what only the simulation knows, written to truth/ for measuring the models.

Never a dbt source: tests and `c360 evaluate` read it to score entity resolution, recurring detection
and, later, cross-sell, churn and share of wallet.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from generator.bank import codes, columns, personas, wallet
from generator.bank.context import ChunkContext
from generator.bank.ids import CHUNK_ID_STRIDE
from generator.bank.merchants import Merchants
from generator.bank.products import CODE


def persons(ctx: ChunkContext) -> pa.Table:
    """The answer key's people: never a dbt source, only used to measure the models."""
    ppl = ctx.people
    return pa.table(
        {
            "person_id": pa.array(ppl.person_id, pa.int64()),
            "persona": columns.labels(ppl.persona, personas.PERSONAS),
            "lifecycle": columns.labels(ppl.lifecycle, personas.LIFECYCLES),
            "first_name": columns.strings(ppl.first_name),
            "last_name": columns.strings(ppl.last_name),
            "birth_date": columns.date_values(ppl.birth_date),
            "ssn": columns.strings(ppl.ssn),
            "email": columns.strings(ppl.email),
            "phone": columns.strings(ppl.phone),
            "annual_income": columns.money(np.round(ppl.annual_income * 100).astype(np.int64)),
            "onboarding_date": columns.date_values(ppl.onboarding_date),
            "decline_start_date": columns.date_values(ppl.decline_start),
            "churn_date": columns.date_values(ppl.churn_date),
        }
    )


def source_records(ctx, cust_person, cust_ids, crm, app, notes, keys) -> pa.Table:
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


def recurring_transactions(posting_ids, p, card_ids, c) -> pa.Table:
    """Which postings and card transactions belong to a truly recurring series, and which series."""
    rp, rc = p["kind"] > 0, c["kind"] > 0
    return pa.table(
        {
            "source_table": pa.array(
                ["core.postings"] * int(rp.sum()) + ["cards.card_transactions"] * int(rc.sum()), pa.string()
            ),
            "transaction_id": pa.array(np.concatenate([posting_ids[rp], card_ids[rc]]), pa.int64()),
            "series_id": pa.array(np.concatenate([p["series"][rp], c["series"][rc]]), pa.int64()),
            "recurring_kind": columns.labels(np.concatenate([p["kind"][rp], c["kind"][rc]]), codes.RECURRING_KINDS),
        }
    )


def life_events(ctx) -> pa.Table:
    """Every life event in the window: who, what, when, and what it changed (old and new values)."""
    ppl, ev, cal = ctx.people, ctx.people.events, ctx.cal
    person, kind = np.nonzero(ev.day < cal.n_days)
    day = ev.day[person, kind]
    order = np.lexsort((kind, day, person))
    person, kind, day = person[order], kind[order], day[order]
    old, new = np.full(len(person), None, dtype=object), np.full(len(person), None, dtype=object)
    branches = ctx.ref.branches
    for k, before, after in (
        (
            personas.MOVE,
            ppl.address_line,
            np.array(
                [
                    f"{a}, {branches[b]['city']}, {branches[b]['state']}"
                    for a, b in zip(ev.new_address, ev.new_branch_area, strict=True)
                ],
                dtype=object,
            ),
        ),
        (personas.MARRIAGE, ppl.last_name, ev.new_last_name),
        (personas.NEW_EMPLOYER, ppl.employer, ev.new_employer),
        (personas.RETIREMENT, ppl.employer, ev.new_employer),
        (personas.GRADUATION, ppl.employer, ev.new_employer),
    ):
        rows = kind == k
        old[rows], new[rows] = before[person[rows]], after[person[rows]]
    return pa.table(
        {
            "person_id": pa.array(ppl.person_id[person], pa.int64()),
            "event_type": columns.labels(kind, personas.LIFE_EVENTS),
            "event_date": columns.dates(cal.start, day),
            "old_value": columns.strings(old),
            "new_value": columns.strings(new),
            "surname_reported_to_core": pa.array(
                np.where(kind == personas.MARRIAGE, ev.surname_reported[person], False), pa.bool_()
            ),
            "payroll_moved_elsewhere": pa.array(ev.payroll_elsewhere[person] & (kind == personas.NEW_EMPLOYER)),
        }
    )


CROSS_SELL_SIGNALS = (
    "MORTGAGE_WITHOUT_LIFE_INSURANCE",
    "HIGH_SAVINGS_WITH_LOAN",
    "TRAVELER_WITHOUT_TRAVEL_CARD",
    "PAYS_EXTERNAL_LENDER",
    "PAYS_EXTERNAL_CARD_ISSUER",
)


def cross_sell_signals(ctx) -> pa.Table:
    """Planted opportunities per person, from what the simulation gave them (not from source data)."""
    ppl, acc = ctx.people, ctx.accounts
    n = len(ppl)

    def holds(product_codes):
        out = np.zeros(n, dtype=bool)
        out[acc.person[acc.of(product_codes)]] = True
        return out

    flags = [
        holds(CODE["LN_MORT"]) & ~holds(CODE["INS_LIFE"]),
        np.bincount(acc.person[acc.high_savings], minlength=n) > 0,
        (ppl.persona == personas.TRAVELER) & ~holds(CODE["CC_TRAVEL"]),
        ctx.external_holders["ELP"],  # an instalment to a loan elsewhere posted from checking
        ctx.external_holders["ECP"],  # a statement payment to a card elsewhere posted from checking
    ]
    person = np.concatenate([np.flatnonzero(f) for f in flags])
    signal = np.concatenate([np.full(f.sum(), i) for i, f in enumerate(flags)])
    return pa.table(
        {"person_id": pa.array(ppl.person_id[person], pa.int64()), "signal": columns.labels(signal, CROSS_SELL_SIGNALS)}
    )


def external_holdings(ctx: ChunkContext, h: wallet.Holdings) -> pa.Table:
    """The wallet at other institutions, one row per holding and month end while it is open (wallet.py).

    balance_usd is what is held (deposit, investment) or owed (loans, card), never negative. The month's
    flows explain it exactly: for loans and cards, balance = previous + interest_usd + purchases_usd -
    payment_usd; for deposits, balance = previous + interest_usd + transfers_usd; for investments,
    interest_usd is the market gain. The first row of a holding opened in the window is its opening balance.
    is_paid_through_bank: loans and cards paid from the bank's checking account (ELP/ECP postings equal to
    payment_usd on the days the person is a customer); deposits that money from the bank reaches (EXO in,
    EXI and DEP out: transfers_usd is exactly their net per month). The others never touch the bank.
    """
    i, m = np.nonzero(h.live)
    cal = ctx.cal
    return pa.table(
        {
            "holding_id": pa.array(ctx.index * CHUNK_ID_STRIDE + i, pa.int64()),
            "person_id": pa.array(ctx.people.person_id[h.person[i]], pa.int64()),
            "product_family": columns.labels(h.family[i], wallet.FAMILIES),
            "institution": columns.labels(h.institution[i], wallet.INSTITUTIONS),
            "annual_rate": pa.array(h.rate[i], pa.float64(), mask=np.isnan(h.rate[i])),
            "balance_usd": columns.money(h.balance[i, m]),
            "interest_usd": columns.money(h.interest[i, m]),
            "payment_usd": columns.money(h.payment[i, m]),
            "purchases_usd": columns.money(h.purchases[i, m]),
            "transfers_usd": columns.money(h.transfers[i, m]),
            "is_paid_through_bank": pa.array(h.via_bank[i], pa.bool_()),
            "month_end": columns.dates(cal.start, cal.month_first_day[m] + cal.month_day_count[m] - 1),
        }
    )


def wallet_monthly(ctx: ChunkContext, h: wallet.Holdings, closing: np.ndarray, brokerage: np.ndarray) -> pa.Table:
    """Each customer's whole wallet per month end while they are a customer then, and the bank's true share.

    internal_assets_usd: positive month-end balances of the person's ledger accounts at the bank (checking,
    savings, CDs, cards in credit) plus brokerage at market value; internal_liabilities_usd: what they owe
    the bank (loans, cards, overdrawn checking), as a positive amount. external_*: the sums of
    truth/external_holdings balances (deposits and investments are assets, loans and cards liabilities).
    share_of_wallet = (internal assets + internal liabilities) / (all assets + all liabilities): the share of
    the customer's balances, on both sides of the balance sheet, held with this bank; null when all are zero.
    """
    ppl, cal, acc = ctx.people, ctx.cal, ctx.accounts
    n, n_months = len(ppl), cal.n_months
    owner = np.repeat(acc.person, n_months) * n_months + np.tile(np.arange(n_months), len(acc))
    flat = closing.ravel()
    internal_assets = np.bincount(owner, np.maximum(flat, 0), n * n_months).reshape(n, n_months) + brokerage
    internal_liabilities = np.bincount(owner, np.maximum(-flat, 0), n * n_months).reshape(n, n_months)
    i, m = np.nonzero(h.live)
    key = h.person[i] * n_months + m
    is_asset = np.isin(h.family[i], wallet.ASSET_FAMILIES)
    balance = h.balance[i, m]
    external_assets = np.bincount(key[is_asset], balance[is_asset], n * n_months).reshape(n, n_months)
    external_liabilities = np.bincount(key[~is_asset], balance[~is_asset], n * n_months).reshape(n, n_months)
    month_end = cal.month_first_day + cal.month_day_count - 1
    customer = (ppl.first_day[:, None] <= month_end[None, :]) & (ppl.end_day[:, None] > month_end[None, :])
    p, m = np.nonzero(customer)
    sums = [np.round(x[p, m]).astype(np.int64) for x in (internal_assets, internal_liabilities)]
    sums += [np.round(x[p, m]).astype(np.int64) for x in (external_assets, external_liabilities)]
    inside, total = sums[0] + sums[1], sums[0] + sums[1] + sums[2] + sums[3]
    return pa.table(
        {
            "person_id": pa.array(ppl.person_id[p], pa.int64()),
            "internal_assets_usd": columns.money(sums[0]),
            "internal_liabilities_usd": columns.money(sums[1]),
            "external_assets_usd": columns.money(sums[2]),
            "external_liabilities_usd": columns.money(sums[3]),
            "share_of_wallet": pa.array(inside / np.maximum(total, 1), pa.float64(), mask=total == 0),
            "month_end": columns.dates(cal.start, month_end[m]),
        }
    )


def merchant_locations(merchants: Merchants) -> pa.Table:
    """Which brand each processor merchant id (location) belongs to: run-wide, written once."""
    loc = merchants.location_brand
    city = merchants.location_city
    online = city < 0
    places = merchants.cities + [("", "")]
    return pa.table(
        {
            "merchant_id": pa.array(merchants.location_id.tolist(), pa.string()),
            "brand_id": pa.array(loc, pa.int32()),
            "brand_name": columns.labels(loc, merchants.brand_name),
            "category_code": columns.labels(loc, merchants.brand_category),
            "brand_scope": columns.labels(loc, merchants.brand_scope),
            "city": columns.labels(city, [c for c, _ in places], valid=~online),
            "state": columns.labels(city, [s for _, s in places], valid=~online),
        }
    )
