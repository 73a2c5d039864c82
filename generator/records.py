"""What each source system records: simulated arrays in, Arrow tables with the system's own keys out."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from generator import arrow as A
from generator import codes as C
from generator import engagement as E
from generator import mess
from generator import personas as P
from generator.context import ChunkContext
from generator.ids import CHUNK_ID_STRIDE, labelled, scramble
from generator.ledger import INSTALMENT_STATUSES
from generator.population import customer_numbers
from generator.products import CARDS, CDS, CODE, CODES, INSURANCE, LOANS

ACCOUNT_STATUSES = ("ACTIVE", "CLOSED", "MATURED", "PAID_OFF")
POLICY_STATUSES = ("IN_FORCE", "CANCELLED")


def _table(columns: dict[str, pa.Array]) -> pa.Table:
    return pa.table(columns)


def _in_time_order(rows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Rows sorted by timestamp, so ids follow time and month partitions are contiguous slices."""
    order = np.argsort(rows["day"].astype(np.int64) * 86_400 + rows["second"], kind="stable")
    return {k: v[order] for k, v in rows.items()}


def account_keys(ctx: ChunkContext) -> np.ndarray:
    """Each account's key in the system that owns it: core account, card account or policy number."""
    acc = ctx.accounts
    global_index = ctx.index * CHUNK_ID_STRIDE + np.arange(len(acc))
    core = labelled("", scramble(global_index, 10_000_000_000, 271_828), 10)
    card = labelled("CA", scramble(global_index, 10_000_000_000, 161_803), 10)
    policy = labelled("POL", scramble(global_index, 10_000_000_000, 141_421), 10)
    return np.where(np.isin(acc.product, CARDS), card, np.where(np.isin(acc.product, INSURANCE), policy, core))


def core_customers(ctx: ChunkContext) -> tuple[pa.Table, np.ndarray, np.ndarray, np.ndarray]:
    """The customer master: one row per person plus duplicates opened at another branch.

    Returns the table, the primary customer id per person, and (person, customer id) of every record.
    """
    ppl, rng, acc, ref = ctx.people, ctx.rng, ctx.accounts, ctx.ref
    n = len(ppl)
    dup_acc = np.flatnonzero(acc.on_duplicate)
    dup = acc.person[dup_acc]
    person = np.concatenate([np.arange(n), dup])
    is_dup = np.arange(len(person)) >= n
    record = np.concatenate([ppl.person_id, 1_000_000 + ppl.person_id[dup]])
    cust_id = customer_numbers(record)

    branch = ppl.home_branch[person].copy()
    other = (branch[is_dup] + 1 + rng.integers(0, len(ref.branches) - 1, is_dup.sum())) % len(ref.branches)
    branch[is_dup] = other
    onboard = ppl.onboarding_date[person].copy()
    onboard[is_dup] = acc.open_date[dup_acc]
    email = ppl.email[person].copy()
    email[rng.random(len(person)) < mess.CORE_EMAIL_MISSING + 0.25 * is_dup] = None
    income = np.round(ppl.annual_income[person] * np.where(is_dup, rng.uniform(0.85, 1.1, len(person)), 1), -2)
    closed = ppl.end_day[person] < ctx.cal.n_days
    branch_rows = [ref.branches[b] for b in branch.tolist()]
    columns = {
        "customer_id": A.strings(cust_id),
        "first_name": A.strings(mess.cased(rng, ppl.first_name[person])),
        "last_name": A.strings(mess.cased(rng, ppl.last_name[person])),
        "date_of_birth": A.strings(mess.format_dates(rng, ppl.birth_date[person], mess.DOB_FORMATS)),
        "ssn": A.strings(mess.format_ssns(rng, ppl.ssn[person])),
        "email": A.strings(email),
        "phone": A.strings(mess.format_phones(rng, ppl.phone[person])),
        "address_line1": A.strings(ppl.address_line[person]),
        "city": pa.array([b["city"] for b in branch_rows], pa.string()),
        "state": pa.array([b["state"] for b in branch_rows], pa.string()),
        "postal_code": pa.array([b["postal_code"] for b in branch_rows], pa.string()),
        "job_title": A.strings(ppl.job_title[person]),
        "employer_name": A.strings(ppl.employer[person]),
        "annual_income": A.money(np.round(income * 100).astype(np.int64)),
        "customer_type": A.strings(ppl.customer_type[person]),
        "kyc_status": A.strings(ppl.kyc_status[person]),
        "risk_rating": A.strings(ppl.risk_rating[person]),
        "home_branch_code": pa.array([b["branch_code"] for b in branch_rows], pa.string()),
        "onboarding_date": A.date_values(onboard),
        "customer_status": A.strings(np.where(closed, "CLOSED", "ACTIVE").astype(object)),
        "closed_date": A.date_values(np.where(closed, ppl.churn_date[person], np.datetime64("NaT"))),
    }
    primary_id = cust_id[:n]
    owner_id = primary_id[acc.person].copy()
    owner_id[dup_acc] = cust_id[n:]
    ctx.account_owner = owner_id
    return _table(columns), primary_id, person, cust_id


def core_accounts(ctx: ChunkContext, keys: np.ndarray) -> tuple[pa.Table, pa.Table]:
    acc, cal = ctx.accounts, ctx.cal
    status = np.zeros(len(acc), dtype=np.int64)
    closed = ctx.close_day >= 0
    status[closed] = ACCOUNT_STATUSES.index("CLOSED")
    status[closed & np.isin(acc.product, CDS) & (ctx.close_day < ctx.people.end_day[acc.person])] = 2
    status[closed & np.isin(acc.product, LOANS) & (ctx.close_day < ctx.people.end_day[acc.person])] = 3
    close_date = np.where(closed, cal.start + np.maximum(ctx.close_day, 0), np.datetime64("NaT"))
    # Insurance and brokerage close with the customer.
    leaves = ctx.people.end_day[acc.person] < cal.n_days
    no_ledger = np.isin(acc.product, np.concatenate([INSURANCE, [CODE["INV_BROK"]]]))
    close_date = np.where(no_ledger & leaves, ctx.people.churn_date[acc.person], close_date)
    status = np.where(no_ledger & leaves, 1, status)

    fixed_term = np.isin(acc.product, np.concatenate([LOANS, CDS]))
    maturity = np.where(
        fixed_term,
        (acc.open_date.astype("datetime64[M]") + acc.term_months).astype("datetime64[D]")
        + (acc.open_date - acc.open_date.astype("datetime64[M]").astype("datetime64[D]")),
        np.datetime64("NaT"),
    )
    banking = np.flatnonzero(~np.isin(acc.product, INSURANCE))
    b = banking
    card = np.isin(acc.product[b], CARDS)
    has_rate = ~np.isnan(acc.rate[b])
    accounts = _table(
        {
            "account_number": A.strings(keys[b]),
            "customer_id": A.strings(ctx.account_owner[b]),
            "product_code": A.labels(acc.product[b], CODES),
            "account_status": A.labels(status[b], ACCOUNT_STATUSES),
            "open_date": A.date_values(acc.open_date[b]),
            "close_date": A.date_values(close_date[b]),
            "currency_code": pa.array(np.full(len(b), "USD").tolist(), pa.string()),
            "interest_rate": A.optional(np.nan_to_num(acc.rate[b]), has_rate, pa.float64()),
            "term_months": A.optional(acc.term_months[b], fixed_term[b], pa.int32()),
            "original_principal": A.money(acc.principal[b], fixed_term[b]),
            "instalment_amount": A.money(acc.instalment[b], np.isin(acc.product[b], LOANS)),
            "credit_limit": A.money(acc.credit_limit[b], card),
            "maturity_date": A.date_values(maturity[b]),
        }
    )
    pol = np.flatnonzero(np.isin(acc.product, INSURANCE))
    policies = _table(
        {
            "policy_number": A.strings(keys[pol]),
            "customer_id": A.strings(ctx.account_owner[pol]),
            "product_code": A.labels(acc.product[pol], CODES),
            "coverage_amount": A.money(acc.coverage[pol]),
            "annual_premium": A.money(acc.annual_premium[pol]),
            "premium_frequency": pa.array(np.full(len(pol), "MONTHLY").tolist(), pa.string()),
            "effective_date": A.date_values(acc.open_date[pol]),
            "policy_status": A.labels(status[pol], POLICY_STATUSES),
            "cancelled_date": A.date_values(close_date[pol]),
        }
    )
    return accounts, policies


def core_postings(ctx: ChunkContext, p: dict, keys: np.ndarray) -> tuple[pa.Table, np.ndarray, np.ndarray]:
    """Postings sorted by time within the chunk; returns the table, its ids and each row's month."""
    p = _in_time_order(p)
    ids = np.arange(len(p["day"]), dtype=np.int64) + ctx.index * CHUNK_ID_STRIDE * 10
    has_cp = p["cp_name"] >= 0
    table = _table(
        {
            "posting_id": pa.array(ids, pa.int64()),
            "account_number": A.labels(p["account"], list(keys)),
            "posted_at": A.timestamps(ctx.cal.start, p["day"], p["second"]),
            "value_date": A.dates(ctx.cal.start, p["day"]),
            "amount": A.money(p["cents"]),
            "dr_cr": A.labels(p["credit"].astype(np.int64), ("DR", "CR")),
            "transaction_code": A.labels(p["code"], C.TXN_CODES),
            "counterparty_type": A.labels(p["cp_type"], C.COUNTERPARTY_TYPES),
            "counterparty_name": A.labels(np.maximum(p["cp_name"], 0), ctx.names.values or [""], valid=has_cp),
            "merchant_id": A.labels(
                np.maximum(p["merchant"], 0), [m["merchant_id"] for m in ctx.ref.merchants], valid=p["merchant"] >= 0
            ),
        }
    )
    return table, ids, p


def card_tables(ctx: ChunkContext, c: dict, keys: np.ndarray) -> tuple[pa.Table, pa.Table, np.ndarray, dict]:
    acc, ppl, ref = ctx.accounts, ctx.people, ctx.ref
    c = _in_time_order(c)
    ids = np.arange(len(c["day"]), dtype=np.int64) + ctx.index * CHUNK_ID_STRIDE * 10
    currencies = ("USD",) + ref.fx_currencies
    merchants = ref.merchants
    is_merchant = c["merchant"] >= 0
    country_code = np.array(["USA"] + [P.CURRENCY_COUNTRY[x] for x in ref.fx_currencies], dtype=object)
    txns = _table(
        {
            "card_txn_id": pa.array(ids, pa.int64()),
            "card_account_id": A.labels(c["account"], list(keys)),
            "txn_type": A.labels(c["txn_type"], C.CARD_TXN_TYPES),
            "txn_status": A.labels(c["status"], C.CARD_STATUSES),
            "authorized_at": A.timestamps(ctx.cal.start, c["day"], c["second"]),
            "settlement_date": A.dates(
                ctx.cal.start,
                np.minimum(c["day"] + 1 + (c["day"] % 2), ctx.cal.n_days - 1),
                valid=c["status"] == C.CARD_STATUS["SETTLED"],
            ),
            "merchant_id": A.labels(
                np.maximum(c["merchant"], 0), [m["merchant_id"] for m in merchants], valid=is_merchant
            ),
            "merchant_name": A.labels(
                np.maximum(c["merchant"], 0), [m["merchant_name"] for m in merchants], valid=is_merchant
            ),
            "mcc": A.labels(np.maximum(c["merchant"], 0), [m["mcc"] for m in merchants], valid=is_merchant),
            "merchant_country": A.labels(c["currency"], list(country_code), valid=is_merchant),
            "amount": A.money(c["original_cents"]),
            "currency_code": A.labels(c["currency"], currencies),
        }
    )
    cards = acc.of(CARDS)
    holder = acc.person[cards]
    closed = ctx.close_day[cards] >= 0
    card_accounts = _table(
        {
            "card_account_id": A.strings(keys[cards]),
            "product_name": A.strings(
                np.array([ref.product(CODES[x])["product_name"] for x in acc.product[cards]], dtype=object)
            ),
            "cardholder_name": A.strings(
                np.char.upper(
                    np.char.add(np.char.add(ppl.first_name[holder].astype(str), " "), ppl.last_name[holder].astype(str))
                ).astype(object)
            ),
            "credit_limit": A.money(acc.credit_limit[cards]),
            "apr": pa.array(acc.rate[cards], pa.float64()),
            "opened_date": A.date_values(acc.open_date[cards]),
            "account_state": A.strings(np.where(closed, "CLOSED", "OPEN").astype(object)),
            "closed_date": A.dates(ctx.cal.start, np.maximum(ctx.close_day[cards], 0), valid=closed),
            "billing_postal_code": pa.array(
                [ref.branches[b]["postal_code"] for b in ppl.home_branch[holder]], pa.string()
            ),
        }
    )
    return card_accounts, txns, ids, c


def monthly_balances(ctx: ChunkContext, p: dict, c: dict, keys: np.ndarray) -> tuple[pa.Table, np.ndarray]:
    """Month-end balance per ledger account, derived from its postings (cards: settled processor rows)."""
    acc, cal = ctx.accounts, ctx.cal
    n_acc, n_m = len(acc), cal.n_months
    credits = np.zeros(n_acc * n_m, dtype=np.int64)
    debits = np.zeros(n_acc * n_m, dtype=np.int64)
    key = p["account"].astype(np.int64) * n_m + cal.day_month[p["day"]]
    credits += np.bincount(key[p["credit"]], weights=p["cents"][p["credit"]], minlength=n_acc * n_m).astype(np.int64)
    debits += np.bincount(key[~p["credit"]], weights=p["cents"][~p["credit"]], minlength=n_acc * n_m).astype(np.int64)
    counted = c["status"] == C.CARD_STATUS["SETTLED"]
    is_pay = c["txn_type"] == C.CARD_TYPE["PAYMENT"]
    ckey = c["account"].astype(np.int64) * n_m + cal.day_month[c["day"]]
    credits += np.bincount(
        ckey[counted & is_pay], weights=c["usd_cents"][counted & is_pay], minlength=n_acc * n_m
    ).astype(np.int64)
    debits += np.bincount(
        ckey[counted & ~is_pay], weights=c["usd_cents"][counted & ~is_pay], minlength=n_acc * n_m
    ).astype(np.int64)
    credits, debits = credits.reshape(n_acc, n_m), debits.reshape(n_acc, n_m)
    closing = acc.opening_balance[:, None] + np.cumsum(credits - debits, axis=1)
    opening = closing - credits + debits

    ledger = ~np.isin(acc.product, np.concatenate([INSURANCE, [CODE["INV_BROK"]]]))
    first_m = np.maximum(cal.month_index(acc.open_date), 0)
    last_day = np.where(ctx.close_day >= 0, ctx.close_day, cal.n_days - 1)
    last_m = cal.day_month[np.minimum(last_day, cal.n_days - 1)]
    months = np.arange(n_m)
    live = ledger[:, None] & (months[None, :] >= first_m[:, None]) & (months[None, :] <= last_m[:, None])
    a, m = np.nonzero(live)
    month_end = cal.month_first_day[m] + cal.month_day_count[m] - 1
    table = _table(
        {
            "account_number": A.labels(a, list(keys)),
            "balance_date": A.dates(cal.start, month_end),
            "opening_balance": A.money(opening[a, m]),
            "total_credits": A.money(credits[a, m]),
            "total_debits": A.money(debits[a, m]),
            "closing_balance": A.money(closing[a, m]),
        }
    )
    return table, m


def loan_schedules(ctx: ChunkContext, s: dict, keys: np.ndarray) -> pa.Table:
    paid = s["paid_day"] >= 0
    return _table(
        {
            "account_number": A.labels(s["account"], list(keys)),
            "instalment_number": pa.array(s["instalment_no"], pa.int32()),
            "due_date": A.dates(ctx.cal.start, s["due_day"]),
            "amount_due": A.money(s["amount_due"]),
            "principal_due": A.money(s["principal_due"]),
            "interest_due": A.money(s["interest_due"]),
            "paid_date": A.dates(ctx.cal.start, np.maximum(s["paid_day"], 0), valid=paid),
            "amount_paid": A.money(s["amount_paid"], s["status"] != INSTALMENT_STATUSES.index("SCHEDULED")),
            "instalment_status": A.labels(s["status"], INSTALMENT_STATUSES),
        }
    )


def securities_holdings(ctx: ChunkContext, keys: np.ndarray, prices: np.ndarray) -> tuple[pa.Table, np.ndarray]:
    """Month-end positions of brokerage accounts, valued at the run-wide simulated prices."""
    acc, rng, cal, ppl = ctx.accounts, ctx.rng, ctx.cal, ctx.people
    brok = acc.of(CODE["INV_BROK"])
    n_sec = prices.shape[1]
    positions = rng.integers(2, 9, len(brok))
    account = np.repeat(brok, positions)
    symbol = rng.integers(0, n_sec, len(account))
    _, unique = np.unique(account * 100 + symbol, return_index=True)
    account, symbol = account[unique], symbol[unique]
    wealth = ppl.annual_income[acc.person[account]] * rng.uniform(0.05, 0.6, len(account))
    buy_month = np.maximum(cal.month_index(acc.open_date[account]), 0)
    quantity = np.round(wealth / prices[buy_month, symbol], 3)
    cost = np.round(quantity * prices[buy_month, symbol] * rng.uniform(0.7, 1.1, len(account)), 2)
    last_day = np.where(
        ppl.end_day[acc.person[account]] < cal.n_days, ppl.end_day[acc.person[account]] - 1, cal.n_days - 1
    )
    last_m = cal.day_month[np.maximum(last_day, 0)]
    months = np.arange(cal.n_months)
    live = (months[None, :] >= buy_month[:, None]) & (months[None, :] <= last_m[:, None])
    i, m = np.nonzero(live)
    value = np.round(quantity[i] * prices[m, symbol[i]] * 100).astype(np.int64)
    symbols = [s["symbol"] for s in ctx.ref.securities]
    table = _table(
        {
            "account_number": A.labels(account[i], list(keys)),
            "as_of_date": A.dates(cal.start, cal.month_first_day[m] + cal.month_day_count[m] - 1),
            "symbol": A.labels(symbol[i], symbols),
            "quantity": pa.array(quantity[i], pa.float64()),
            "cost_basis": A.money(np.round(cost[i] * 100).astype(np.int64)),
            "market_price": A.money(np.round(prices[m, symbol[i]] * 100).astype(np.int64)),
            "market_value": A.money(value),
        }
    )
    return table, m


def crm_tables(ctx: ChunkContext, crm: dict) -> dict[str, pa.Table]:
    start = ctx.cal.start
    ct, cs, tk = crm["contacts"], crm["cases"], crm["tasks"]
    closed = cs["closed_day"] >= 0
    return {
        "contacts": _table(
            {
                "contact_id": A.strings(ct["contact_id"]),
                "core_customer_id": A.strings(ct["core_customer_id"]),
                "first_name": A.strings(ct["first_name"]),
                "last_name": A.strings(ct["last_name"]),
                "email": A.strings(ct["email"]),
                "phone": A.strings(ct["phone"]),
                "mailing_state": A.strings(ct["mailing_state"]),
                "created_at": A.timestamps(start, ct["created_day"], ct["second"]),
            }
        ),
        "cases": _table(
            {
                "case_id": A.strings(cs["case_id"]),
                "contact_id": A.strings(cs["contact_id"]),
                "category": A.labels(cs["category"], E.CASE_CATEGORIES),
                "origin_channel": A.labels(cs["channel"], P.CHANNELS),
                "priority": A.labels(cs["priority"], E.PRIORITIES),
                "status": A.labels(cs["status"], E.CASE_STATUSES),
                "opened_at": A.timestamps(start, cs["opened_day"], cs["opened_second"]),
                "closed_at": A.timestamps(start, np.maximum(cs["closed_day"], 0), cs["closed_second"], valid=closed),
                "satisfaction_score": A.optional(cs["satisfaction"], cs["satisfaction"] > 0, pa.int8()),
            }
        ),
        "tasks": _table(
            {
                "task_id": A.strings(tk["task_id"]),
                "contact_id": A.strings(tk["contact_id"]),
                "channel": A.labels(tk["channel"], P.CHANNELS),
                "task_type": A.labels(tk["task_type"], E.TASK_TYPES),
                "subject": A.labels(tk["subject"], E.TASK_SUBJECTS),
                "created_at": A.timestamps(start, tk["created_day"], tk["second"]),
                "duration_seconds": pa.array(tk["duration_seconds"], pa.int32()),
                "outcome": A.labels(tk["outcome"], E.TASK_OUTCOMES),
            }
        ),
    }


def app_tables(ctx: ChunkContext, app: dict) -> tuple[dict[str, pa.Table], dict[str, np.ndarray]]:
    start = ctx.cal.start
    us, ss, ev = app["users"], app["sessions"], app["events"]
    versions = [f"5.{v}.0" for v in range(12)]
    uuid_list = list(us["user_uuid"])
    tables = {
        "users": _table(
            {
                "user_uuid": A.strings(us["user_uuid"]),
                "email": A.strings(us["email"]),
                "mobile_phone": A.strings(us["mobile_phone"]),
                "registered_at": A.timestamps(start, us["registered_day"], us["second"]),
                "device_os": A.labels(us["device_os"], E.DEVICE_OS),
            }
        ),
        "sessions": _table(
            {
                "session_id": pa.array(ss["session_id"], pa.int64()),
                "user_uuid": A.labels(ss["user"], uuid_list or [""]),
                "started_at": A.timestamps(start, ss["day"], ss["second"]),
                "ended_at": A.timestamps(start, ss["day"], ss["second"] + ss["duration"]),
                "device_os": A.labels(ss["device_os"], E.DEVICE_OS),
                "app_version": A.labels(ss["app_version"], versions),
            }
        ),
        "events": _table(
            {
                "event_id": pa.array(ev["event_id"], pa.int64()),
                "session_id": pa.array(ev["session_id"], pa.int64()),
                "user_uuid": A.labels(ev["user"], uuid_list or [""]),
                "event_type": A.labels(ev["event_type"], E.EVENT_TYPES),
                "event_at": A.timestamps(start, ev["day"], ev["second"]),
            }
        ),
    }
    months = {"sessions": ctx.cal.day_month[ss["day"]], "events": ctx.cal.day_month[ev["day"]]}
    return tables, months


def rm_note_table(notes: dict) -> pa.Table:
    return _table(
        {
            k: A.strings(notes[k])
            for k in ("note_id", "branch_name", "rm_name", "customer_ref", "note_date", "note_text")
        }
    )
