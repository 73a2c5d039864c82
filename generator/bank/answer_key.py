"""The answer key: what only the simulation knows, written to truth/ for measuring the models.

Never a dbt source: tests and `c360 evaluate` read it to score entity resolution, recurring detection
and, later, cross-sell and churn.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from generator.bank import codes, columns, personas
from generator.bank.context import ChunkContext
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
        ctx.external_holders["ELP"],
        ctx.external_holders["ECP"],
    ]
    person = np.concatenate([np.flatnonzero(f) for f in flags])
    signal = np.concatenate([np.full(f.sum(), i) for i, f in enumerate(flags)])
    return pa.table(
        {"person_id": pa.array(ppl.person_id[person], pa.int64()), "signal": columns.labels(signal, CROSS_SELL_SIGNALS)}
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
