"""Core banking: the customer master, accounts and policies, postings, month-end balances, loan
schedules and securities holdings, each with the core system's keys (CUST_0000000, 10-digit accounts)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from generator.bank import codes, columns, mess, personas
from generator.bank.context import ChunkContext
from generator.bank.ids import CHUNK_ID_STRIDE, labelled, scramble
from generator.bank.ledger import INSTALMENT_STATUSES
from generator.bank.products import CARDS, CDS, CODE, CODES, INSURANCE, LOANS
from generator.bank.rows import in_time_order

ACCOUNT_STATUSES = ("ACTIVE", "CLOSED", "MATURED", "PAID_OFF")
POLICY_STATUSES = ("IN_FORCE", "CANCELLED")


def customer_numbers(record_index: np.ndarray) -> np.ndarray:
    return labelled("CUST_", scramble(record_index, 10_000_000, 1_234_567), 7)


def account_keys(ctx: ChunkContext) -> np.ndarray:
    """Each account's key in the system that owns it: core account, card account or policy number."""
    acc = ctx.accounts
    global_index = ctx.index * CHUNK_ID_STRIDE + np.arange(len(acc))
    core = labelled("", scramble(global_index, 10_000_000_000, 271_828), 10)
    card = labelled("CA", scramble(global_index, 10_000_000_000, 161_803), 10)
    policy = labelled("POL", scramble(global_index, 10_000_000_000, 141_421), 10)
    return np.where(np.isin(acc.product, CARDS), card, np.where(np.isin(acc.product, INSURANCE), policy, core))


def customers(ctx: ChunkContext) -> tuple[pa.Table, np.ndarray, np.ndarray, np.ndarray]:
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
    email[rng.random(len(person)) < mess.CORE_EMAIL_MISSING + mess.CORE_DUPLICATE_EMAIL_MISSING * is_dup] = None
    jitter = np.where(is_dup, rng.uniform(*mess.CORE_DUPLICATE_INCOME_JITTER, len(person)), 1)
    income = np.round(ppl.annual_income[person] * jitter, -2)
    closed = ppl.end_day[person] < ctx.cal.n_days
    last_name, address, area = ppl.last_name[person], ppl.address_line[person], branch.copy()
    job, employer = ppl.job_title[person], ppl.employer[person]
    ev = ppl.events
    if ev is not None:
        # The master shows what the person is now: the primary record is kept up to date, a duplicate
        # only knows what was true when the other branch opened it.
        opened = ctx.cal.day_index(onboard)
        known = np.where(is_dup, opened, ctx.cal.n_days)  # the last day each record was brought up to date
        moved = ev.day[person, personas.MOVE] <= known
        address = np.where(moved, ev.new_address[person], address)
        area = np.where(moved, ev.new_branch_area[person], area)
        married = (ev.day[person, personas.MARRIAGE] <= known) & ev.surname_reported[person]
        last_name = np.where(married, ev.new_last_name[person], last_name)
        changed_job = ev.job_day[person] <= known
        job = np.where(changed_job, ev.new_job_title[person], job)
        employer = np.where(changed_job, ev.new_employer[person], employer)
        income = np.where(changed_job, np.round(ev.new_income[person] * jitter, -2), income)
    branch_rows = [ref.branches[b] for b in branch.tolist()]
    area_rows = [ref.branches[b] for b in area.tolist()]
    table = {
        "customer_id": columns.strings(cust_id),
        "first_name": columns.strings(mess.cased(rng, ppl.first_name[person])),
        "last_name": columns.strings(mess.cased(rng, last_name)),
        "date_of_birth": columns.strings(mess.format_dates(rng, ppl.birth_date[person], mess.DOB_FORMATS)),
        "ssn": columns.strings(mess.format_ssns(rng, ppl.ssn[person])),
        "email": columns.strings(email),
        "phone": columns.strings(mess.format_phones(rng, ppl.phone[person])),
        "address_line1": columns.strings(address),
        "city": pa.array([b["city"] for b in area_rows], pa.string()),
        "state": pa.array([b["state"] for b in area_rows], pa.string()),
        "postal_code": pa.array([b["postal_code"] for b in area_rows], pa.string()),
        "job_title": columns.strings(job),
        "employer_name": columns.strings(employer),
        "annual_income": columns.money(np.round(income * 100).astype(np.int64)),
        "customer_type": columns.strings(ppl.customer_type[person]),
        "kyc_status": columns.strings(ppl.kyc_status[person]),
        "risk_rating": columns.strings(ppl.risk_rating[person]),
        "home_branch_code": pa.array([b["branch_code"] for b in branch_rows], pa.string()),
        "onboarding_date": columns.date_values(onboard),
        "customer_status": columns.strings(np.where(closed, "CLOSED", "ACTIVE").astype(object)),
        "closed_date": columns.date_values(np.where(closed, ppl.churn_date[person], np.datetime64("NaT"))),
    }
    primary_id = cust_id[:n]
    owner_id = primary_id[acc.person].copy()
    owner_id[dup_acc] = cust_id[n:]
    ctx.account_owner = owner_id
    return pa.table(table), primary_id, person, cust_id


def accounts_and_policies(ctx: ChunkContext, keys: np.ndarray) -> tuple[pa.Table, pa.Table]:
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
    accounts = pa.table(
        {
            "account_number": columns.strings(keys[b]),
            "customer_id": columns.strings(ctx.account_owner[b]),
            "product_code": columns.labels(acc.product[b], CODES),
            "account_status": columns.labels(status[b], ACCOUNT_STATUSES),
            "open_date": columns.date_values(acc.open_date[b]),
            "close_date": columns.date_values(close_date[b]),
            "currency_code": pa.array(np.full(len(b), "USD").tolist(), pa.string()),
            "interest_rate": columns.optional(np.nan_to_num(acc.rate[b]), has_rate, pa.float64()),
            "term_months": columns.optional(acc.term_months[b], fixed_term[b], pa.int32()),
            "original_principal": columns.money(acc.principal[b], fixed_term[b]),
            "instalment_amount": columns.money(acc.instalment[b], np.isin(acc.product[b], LOANS)),
            "credit_limit": columns.money(acc.credit_limit[b], card),
            "maturity_date": columns.date_values(maturity[b]),
        }
    )
    pol = np.flatnonzero(np.isin(acc.product, INSURANCE))
    policies = pa.table(
        {
            "policy_number": columns.strings(keys[pol]),
            "customer_id": columns.strings(ctx.account_owner[pol]),
            "product_code": columns.labels(acc.product[pol], CODES),
            "coverage_amount": columns.money(acc.coverage[pol]),
            "annual_premium": columns.money(acc.annual_premium[pol]),
            "premium_frequency": pa.array(np.full(len(pol), "MONTHLY").tolist(), pa.string()),
            "effective_date": columns.date_values(acc.open_date[pol]),
            "policy_status": columns.labels(status[pol], POLICY_STATUSES),
            "cancelled_date": columns.date_values(close_date[pol]),
        }
    )
    return accounts, policies


def postings(ctx: ChunkContext, p: dict, keys: np.ndarray) -> tuple[pa.Table, np.ndarray, np.ndarray]:
    """Postings sorted by time within the chunk; returns the table, its ids and each row's month."""
    p = in_time_order(p)
    ids = np.arange(len(p["day"]), dtype=np.int64) + ctx.index * CHUNK_ID_STRIDE * 10
    # Counterparty names: the chunk's names, then the processor descriptors of debit-card purchases.
    has_descriptor = p["descriptor"] >= 0
    used, position = np.unique(p["descriptor"][has_descriptor], return_inverse=True)
    cp_name = p["cp_name"].copy()
    cp_name[has_descriptor] = len(ctx.names.values) + position
    cp_dictionary = ctx.names.values + ctx.merchants.descriptors[used].tolist()
    has_cp = cp_name >= 0
    has_merchant = p["merchant"] >= 0
    table = pa.table(
        {
            "posting_id": pa.array(ids, pa.int64()),
            "account_number": columns.labels(p["account"], list(keys)),
            "posted_at": columns.timestamps(ctx.cal.start, p["day"], p["second"]),
            "value_date": columns.dates(ctx.cal.start, p["day"]),
            "amount": columns.money(p["cents"]),
            "dr_cr": columns.labels(p["credit"].astype(np.int64), ("DR", "CR")),
            "transaction_code": columns.labels(p["code"], codes.TXN_CODES),
            "counterparty_type": columns.labels(p["cp_type"], codes.COUNTERPARTY_TYPES),
            "counterparty_name": columns.labels(np.maximum(cp_name, 0), cp_dictionary or [""], valid=has_cp),
            "merchant_id": columns.labels_used(p["merchant"], ctx.merchants.location_id, valid=has_merchant),
            "mcc": columns.labels_used(p["merchant"], ctx.merchants.location_mcc, valid=has_merchant),
        }
    )
    return table, ids, p


def monthly_balances(ctx: ChunkContext, p: dict, c: dict, keys: np.ndarray) -> tuple[pa.Table, np.ndarray, np.ndarray]:
    """Month-end balance per ledger account, derived from its postings (cards: settled processor rows).

    Also returns the signed closing balance per [account, month], zero where the account is not open then
    (the answer key's wallet reads it)."""
    acc, cal = ctx.accounts, ctx.cal
    n_acc, n_m = len(acc), cal.n_months
    credits = np.zeros(n_acc * n_m, dtype=np.int64)
    debits = np.zeros(n_acc * n_m, dtype=np.int64)
    key = p["account"].astype(np.int64) * n_m + cal.day_month[p["day"]]
    credits += np.bincount(key[p["credit"]], weights=p["cents"][p["credit"]], minlength=n_acc * n_m).astype(np.int64)
    debits += np.bincount(key[~p["credit"]], weights=p["cents"][~p["credit"]], minlength=n_acc * n_m).astype(np.int64)
    counted = c["status"] == codes.CARD_STATUS["SETTLED"]
    is_pay = c["txn_type"] == codes.CARD_TYPE["PAYMENT"]
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
    table = pa.table(
        {
            "account_number": columns.labels(a, list(keys)),
            "balance_date": columns.dates(cal.start, month_end),
            "opening_balance": columns.money(opening[a, m]),
            "total_credits": columns.money(credits[a, m]),
            "total_debits": columns.money(debits[a, m]),
            "closing_balance": columns.money(closing[a, m]),
        }
    )
    return table, m, np.where(live, closing, 0)


def loan_schedules(ctx: ChunkContext, s: dict, keys: np.ndarray) -> pa.Table:
    paid = s["paid_day"] >= 0
    return pa.table(
        {
            "account_number": columns.labels(s["account"], list(keys)),
            "instalment_number": pa.array(s["instalment_no"], pa.int32()),
            "due_date": columns.dates(ctx.cal.start, s["due_day"]),
            "amount_due": columns.money(s["amount_due"]),
            "principal_due": columns.money(s["principal_due"]),
            "interest_due": columns.money(s["interest_due"]),
            "paid_date": columns.dates(ctx.cal.start, np.maximum(s["paid_day"], 0), valid=paid),
            "amount_paid": columns.money(s["amount_paid"], s["status"] != INSTALMENT_STATUSES.index("SCHEDULED")),
            "instalment_status": columns.labels(s["status"], INSTALMENT_STATUSES),
        }
    )


def securities_holdings(
    ctx: ChunkContext, keys: np.ndarray, prices: np.ndarray
) -> tuple[pa.Table, np.ndarray, np.ndarray]:
    """Month-end positions of brokerage accounts, valued at the run-wide simulated prices.

    Also returns the market value in cents per [person, month], for the answer key's wallet."""
    acc, rng, cal, ppl = ctx.accounts, ctx.rng, ctx.cal, ctx.people
    brok = acc.of(CODE["INV_BROK"])
    n_sec = prices.shape[1]
    positions = rng.integers(*personas.BROKERAGE_POSITIONS, len(brok))
    account = np.repeat(brok, positions)
    symbol = rng.integers(0, n_sec, len(account))
    _, unique = np.unique(account * 100 + symbol, return_index=True)
    account, symbol = account[unique], symbol[unique]
    wealth = ppl.annual_income[acc.person[account]] * rng.uniform(*personas.POSITION_SHARE_OF_INCOME, len(account))
    buy_month = np.maximum(cal.month_index(acc.open_date[account]), 0)
    quantity = np.round(wealth / prices[buy_month, symbol], 3)
    cost = np.round(quantity * prices[buy_month, symbol] * rng.uniform(*personas.COST_BASIS_SPREAD, len(account)), 2)
    last_day = np.where(
        ppl.end_day[acc.person[account]] < cal.n_days, ppl.end_day[acc.person[account]] - 1, cal.n_days - 1
    )
    last_m = cal.day_month[np.maximum(last_day, 0)]
    months = np.arange(cal.n_months)
    live = (months[None, :] >= buy_month[:, None]) & (months[None, :] <= last_m[:, None])
    i, m = np.nonzero(live)
    value = np.round(quantity[i] * prices[m, symbol[i]] * 100).astype(np.int64)
    symbols = [s["symbol"] for s in ctx.ref.securities]
    table = pa.table(
        {
            "account_number": columns.labels(account[i], list(keys)),
            "as_of_date": columns.dates(cal.start, cal.month_first_day[m] + cal.month_day_count[m] - 1),
            "symbol": columns.labels(symbol[i], symbols),
            "quantity": pa.array(quantity[i], pa.float64()),
            "cost_basis": columns.money(np.round(cost[i] * 100).astype(np.int64)),
            "market_price": columns.money(np.round(prices[m, symbol[i]] * 100).astype(np.int64)),
            "market_value": columns.money(value),
        }
    )
    per_person = np.zeros(len(ppl) * cal.n_months, dtype=np.int64)
    np.add.at(per_person, acc.person[account[i]] * cal.n_months + m, value)
    return table, m, per_person.reshape(len(ppl), cal.n_months)
