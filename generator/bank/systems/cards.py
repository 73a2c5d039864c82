"""The card processor: card accounts and authorisations, keyed by card account with no customer key,
merchants as the processor names them, foreign purchases in their local currency."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from generator.bank import codes, columns, personas
from generator.bank.context import ChunkContext
from generator.bank.ids import CHUNK_ID_STRIDE
from generator.bank.products import CARDS, CODES
from generator.bank.rows import in_time_order


def card_tables(ctx: ChunkContext, c: dict, keys: np.ndarray) -> tuple[pa.Table, pa.Table, np.ndarray, dict]:
    acc, ppl, ref = ctx.accounts, ctx.people, ctx.ref
    c = in_time_order(c)
    ids = np.arange(len(c["day"]), dtype=np.int64) + ctx.index * CHUNK_ID_STRIDE * 10
    currencies = ("USD",) + ref.fx_currencies
    merchants = ctx.merchants
    is_merchant = c["merchant"] >= 0
    country_code = np.array(["USA"] + [personas.CURRENCY_COUNTRY[x] for x in ref.fx_currencies], dtype=object)
    txns = pa.table(
        {
            "card_txn_id": pa.array(ids, pa.int64()),
            "card_account_id": columns.labels(c["account"], list(keys)),
            "txn_type": columns.labels(c["txn_type"], codes.CARD_TXN_TYPES),
            "txn_status": columns.labels(c["status"], codes.CARD_STATUSES),
            "authorized_at": columns.timestamps(ctx.cal.start, c["day"], c["second"]),
            "settlement_date": columns.dates(
                ctx.cal.start,
                np.minimum(c["day"] + 1 + (c["day"] % 2), ctx.cal.n_days - 1),
                valid=c["status"] == codes.CARD_STATUS["SETTLED"],
            ),
            "merchant_id": columns.labels_used(c["merchant"], merchants.location_id, valid=is_merchant),
            "merchant_descriptor": columns.labels_used(c["descriptor"], merchants.descriptors, valid=is_merchant),
            "mcc": columns.labels_used(c["merchant"], merchants.location_mcc, valid=is_merchant),
            "merchant_country": columns.labels(c["currency"], list(country_code), valid=is_merchant),
            "amount": columns.money(c["original_cents"]),
            "currency_code": columns.labels(c["currency"], currencies),
        }
    )
    cards = acc.of(CARDS)
    holder = acc.person[cards]
    closed = ctx.close_day[cards] >= 0
    card_accounts = pa.table(
        {
            "card_account_id": columns.strings(keys[cards]),
            "product_name": columns.strings(
                np.array([ref.product(CODES[x])["product_name"] for x in acc.product[cards]], dtype=object)
            ),
            "cardholder_name": columns.strings(
                np.char.upper(
                    np.char.add(np.char.add(ppl.first_name[holder].astype(str), " "), ppl.last_name[holder].astype(str))
                ).astype(object)
            ),
            "credit_limit": columns.money(acc.credit_limit[cards]),
            "apr": pa.array(acc.rate[cards], pa.float64()),
            "opened_date": columns.date_values(acc.open_date[cards]),
            "account_state": columns.strings(np.where(closed, "CLOSED", "OPEN").astype(object)),
            "closed_date": columns.dates(ctx.cal.start, np.maximum(ctx.close_day[cards], 0), valid=closed),
            "billing_postal_code": pa.array(
                [ref.branches[b]["postal_code"] for b in ppl.home_branch[holder]], pa.string()
            ),
        }
    )
    return card_accounts, txns, ids, c
