"""Flows that depend on balances, simulated month by month (vectorised across accounts).

Card payments follow statements, loans amortise with on-time, late, missed and prepaid instalments,
CDs accrue and mature, surplus cash is swept to savings, declining customers drain their balances
and churned customers close everything. Month-end balances are then derived from the postings
themselves, so closing = opening + credits - debits holds by construction.
"""

from __future__ import annotations

import numpy as np

from generator import codes as C
from generator import personas as P
from generator.context import ChunkContext
from generator.products import CARDS, CDS, CODE, LOANS
from generator.rows import Rows

SCHEDULE_COLUMNS = {
    "account": (np.int32, -1),
    "instalment_no": (np.int32, 0),
    "due_day": (np.int64, 0),
    "amount_due": (np.int64, 0),
    "principal_due": (np.int64, 0),
    "interest_due": (np.int64, 0),
    "paid_day": (np.int64, -1),
    "amount_paid": (np.int64, 0),
    "status": (np.int8, 0),
}
INSTALMENT_STATUSES = ("PAID_ON_TIME", "PAID_LATE", "PREPAID", "OVERDUE", "SCHEDULED")
ST = {s: i for i, s in enumerate(INSTALMENT_STATUSES)}
SCHEDULE_LOOKAHEAD_MONTHS = 12
TRAVEL_CARD_FEE_CENTS = 9_500


def _sum_by(key: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    return np.bincount(key, weights=values, minlength=size).round().astype(np.int64)


def simulate_ledger(ctx: ChunkContext) -> Rows:
    ppl, cal, rng, acc = ctx.people, ctx.cal, ctx.rng, ctx.accounts
    n, n_months = len(ppl), cal.n_months
    post, cards_out = ctx.postings, ctx.card_rows
    schedule = Rows(SCHEDULE_COLUMNS)

    # What the customer's life already moved through checking and the cards, per month.
    exo = post.build()
    person_of = acc.person[exo["account"]]
    signed = np.where(exo["credit"], exo["cents"], -exo["cents"])
    chk_flow = _sum_by(person_of * n_months + cal.day_month[exo["day"]], signed, n * n_months).reshape(n, n_months)
    del exo, person_of, signed  # a full copy of the chunk's postings: not needed past this point
    # Purchases so far, consolidated into one part whose statuses the credit-limit check may change.
    purchases = cards_out.build()
    cards_out.parts = [purchases]
    purchase_month = cal.day_month[purchases["day"]]
    by_month = np.lexsort((purchases["day"] * 86_400 + purchases["second"], purchases["account"], purchase_month))
    month_bounds = np.searchsorted(purchase_month[by_month], np.arange(n_months + 1))

    chk_acc, sav_acc = ctx.checking, ctx.savings
    has_sav = sav_acc >= 0
    balance = acc.opening_balance.copy()  # signed cents, per account
    open_day, end_day = ctx.open_day, ppl.end_day
    owner_end = end_day[acc.person]
    net_month = np.round(ppl.annual_income * P.NET_PAY_RATIO / 12 * 100).astype(np.int64)
    card_idx, loan_idx, cd_idx = acc.of(CARDS), acc.of(LOANS), acc.of(CDS)
    loan_series = ctx.new_series(len(loan_idx))
    due_dom = np.minimum(
        (acc.open_date[loan_idx] - acc.open_date[loan_idx].astype("datetime64[M]").astype("datetime64[D]")).astype(
            np.int64
        )
        + 1,
        28,
    )
    first_month = cal.month_index(acc.open_date.astype("datetime64[D]"))
    maturity = (acc.open_date.astype("datetime64[M]") + acc.term_months).astype("datetime64[D]") + (
        acc.open_date - acc.open_date.astype("datetime64[M]").astype("datetime64[D]")
    )
    maturity_day = cal.day_index(maturity)
    closed = np.zeros(len(acc), dtype=bool)
    close_day = np.full(len(acc), -1)
    bank = ctx.names.of(C.BANK_NAME)

    def posting(account, day, cents, code, cp, name=bank, series=None, kind="", hours=(20, 24)):
        keep = cents > 0
        if keep.any():
            post.add(
                account=account[keep],
                day=day[keep],
                second=ctx.seconds(*hours, keep.sum()),
                cents=cents[keep],
                credit=code in C.CREDIT_CODES,
                code=C.TXN[code],
                cp_type=C.CP[cp],
                cp_name=np.broadcast_to(name, account.shape)[keep],
                series=series[keep] if series is not None else np.full(keep.sum(), -1),
                kind=C.KIND[kind],
            )
            np.add.at(balance, account[keep], np.where(code in C.CREDIT_CODES, 1, -1) * cents[keep])

    def card_row(account, day, cents, txn_type):
        keep = cents > 0
        if keep.any():
            cards_out.add(
                account=account[keep],
                day=day[keep],
                second=ctx.seconds(0, 24, keep.sum()),
                usd_cents=cents[keep],
                original_cents=cents[keep],
                txn_type=C.CARD_TYPE[txn_type],
            )
            np.add.at(balance, account[keep], np.where(txn_type == "PAYMENT", 1, -1) * cents[keep])

    def transfer(src, dst, day, cents, src_code="XFO", dst_code="XFI"):
        posting(src, day, cents, src_code, "INTERNAL_TRANSFER")
        posting(dst, day, cents, dst_code, "INTERNAL_TRANSFER")

    # The other bank each account's money comes from or goes to when it crosses to another bank.
    external_banks = np.array([ctx.names.of(name) for name in C.EXTERNAL_BANKS])
    ext_name = external_banks[rng.integers(0, len(external_banks), len(acc))]
    for m in range(n_months):
        first, last = cal.month_first_day[m], cal.month_first_day[m] + cal.month_day_count[m] - 1

        # Accounts opened this month are funded (or, for loans, disbursed).
        new = np.flatnonzero(
            (open_day >= first) & (open_day <= last) & (acc.open_date >= cal.start) & (open_day < owner_end)
        )
        for codes, code, cp, amount in (
            ([CODE["CHK_STD"]], "DEP", "EXTERNAL_BANK", net_month[acc.person[new]] * rng.uniform(0.5, 2, len(new))),
            ([CODE["SAV_HY"]], "EXI", "EXTERNAL_BANK", rng.uniform(500, 5_000, len(new)) * 100),
            (CDS, "EXI", "EXTERNAL_BANK", acc.principal[new].astype(float)),
            (LOANS, "LND", "EXTERNAL_BANK", acc.principal[new].astype(float)),
        ):
            sel = np.isin(acc.product[new], codes)
            posting(
                new[sel],
                open_day[new[sel]],
                np.round(amount[sel]).astype(np.int64),
                code,
                cp,
                name=ext_name[new[sel]],
                hours=(9, 17),
            )

        # Card statement of last month, paid on the 25th (or the business day before).
        pay_day = cal.prev_business_day[cal.nominal_day(np.array([m]), np.array([25]))[0]]
        live = card_idx[(open_day[card_idx] < first) & (pay_day < owner_end[card_idx]) & ~closed[card_idx]]
        statement = -balance[live]
        share = acc.payment_share[live]
        pay = np.where(
            acc.revolver[live], np.maximum(np.minimum(statement, 3_500), np.round(statement * share)), statement
        ).astype(np.int64)
        slipping = 1 - ppl.activity[acc.person[live], m]
        pay = np.where(acc.revolver[live] & (rng.random(len(live)) < 0.15 * slipping), 0, np.maximum(pay, 0))
        days = np.full(len(live), pay_day)
        card_row(live, days, pay, "PAYMENT")
        posting(chk_acc[acc.person[live]], days, pay, "CPY", "INTERNAL_TRANSFER", hours=(6, 9))
        carried = statement - pay
        interest = np.where(acc.revolver[live] & (carried > 0), np.round(carried * acc.rate[live] / 12), 0)
        # Interest posts at month end on cards still open then.
        open_at_end = last < owner_end[live]
        card_row(
            live[open_at_end], np.full(open_at_end.sum(), last), interest[open_at_end].astype(np.int64), "INTEREST"
        )
        travel = live[
            (acc.product[live] == CODE["CC_TRAVEL"])
            & (acc.open_date[live].astype("datetime64[M]").astype(int) % 12 == cal.months[m].astype(int) % 12)
        ]
        card_row(travel, np.full(len(travel), first), np.full(len(travel), TRAVEL_CARD_FEE_CENTS), "FEE")
        _charge_within_limits(purchases, by_month[month_bounds[m] : month_bounds[m + 1]], acc, balance)

        _loans(
            ctx,
            m,
            first,
            last,
            loan_idx,
            loan_series,
            due_dom,
            first_month,
            balance,
            closed,
            close_day,
            schedule,
            posting,
            chk_acc,
        )

        # CDs accrue monthly and pay out to checking at maturity.
        live = cd_idx[(open_day[cd_idx] <= last) & ~closed[cd_idx] & (owner_end[cd_idx] > last)]
        matures = live[(maturity_day[live] >= first) & (maturity_day[live] <= last)]
        transfer(matures, chk_acc[acc.person[matures]], maturity_day[matures], balance[matures].copy(), "CDM", "XFI")
        closed[matures], close_day[matures] = True, maturity_day[matures]
        live = live[~np.isin(live, matures) & (open_day[live] < first)]
        posting(
            live,
            np.full(len(live), last),
            np.round(balance[live] * acc.rate[live] / 12).astype(np.int64),
            "INT",
            "BANK",
            hours=(0, 2),
        )

        # Savings interest, then end-of-month behaviour for customers still here at month end.
        here = np.flatnonzero(end_day > last)
        sav_here = here[has_sav[here]]
        sav_here = sav_here[(open_day[sav_acc[sav_here]] < first)]
        posting(
            sav_acc[sav_here],
            np.full(len(sav_here), last),
            np.round(np.maximum(balance[sav_acc[sav_here]], 0) * acc.rate[sav_acc[sav_here]] / 12).astype(np.int64),
            "INT",
            "BANK",
            hours=(0, 2),
        )
        balance[chk_acc] += chk_flow[:, m]
        _month_end(ctx, m, here, balance, net_month, posting, transfer, ext_name)

        # Churned customers close everything on their churn day.
        leaving = np.flatnonzero((end_day >= first) & (end_day <= last) & (end_day < cal.n_days))
        _close_out(ctx, leaving, balance, closed, close_day, posting, card_row, transfer, ext_name)

    _project_schedule(ctx, loan_idx, balance, closed, due_dom, first_month, schedule)
    ctx.close_day = close_day
    ctx.end_balance = balance
    return schedule


def _charge_within_limits(purchases: dict, rows: np.ndarray, acc, balance: np.ndarray) -> None:
    """Settle a month's purchases in time order per card; once a card is at its limit, decline the rest."""
    rows = rows[purchases["status"][rows] == C.CARD_STATUS["SETTLED"]]
    card, cents = purchases["account"][rows], purchases["usd_cents"][rows]
    running = np.cumsum(cents)
    first = np.concatenate(([True], card[1:] != card[:-1]))
    spent = running - (running - cents)[first][np.cumsum(first) - 1]  # running total within each card
    over = spent > acc.credit_limit[card] + balance[card]  # balance is negative while money is owed
    purchases["status"][rows[over]] = C.CARD_STATUS["DECLINED"]
    np.subtract.at(balance, card[~over], cents[~over])


def _loans(
    ctx,
    m,
    first,
    last,
    loan_idx,
    loan_series,
    due_dom,
    first_month,
    balance,
    closed,
    close_day,
    schedule,
    posting,
    chk_acc,
):
    acc, cal, rng, ppl = ctx.accounts, ctx.cal, ctx.rng, ctx.people
    sel = (first_month[loan_idx] < m) & ~closed[loan_idx] & (balance[loan_idx] < 0)
    live, series, dom = loan_idx[sel], loan_series[sel], due_dom[sel]
    due_day = cal.nominal_day(np.full(len(live), m), dom)
    owner = acc.person[live]
    here = due_day < ppl.end_day[owner]
    live, series, due_day, owner = live[here], series[here], due_day[here], owner[here]
    outstanding = -balance[live]
    interest = np.round(outstanding * acc.rate[live] / 12).astype(np.int64)
    due = np.minimum(acc.instalment[live], outstanding + interest)
    slipping = 1 - ppl.activity[owner, m]
    u = rng.random(len(live))
    p_missed, p_late, p_prepaid = 0.004 + 0.08 * slipping, 0.03 + 0.12 * slipping, 0.03 * (1 - slipping)
    status = np.select(
        [u < p_missed, u < p_missed + p_late, u < p_missed + p_late + p_prepaid],
        [ST["OVERDUE"], ST["PAID_LATE"], ST["PREPAID"]],
        ST["PAID_ON_TIME"],
    )
    extra = np.round(due * rng.uniform(0.5, 3, len(live))).astype(np.int64)
    paid = np.select(
        [status == ST["OVERDUE"], status == ST["PREPAID"]], [0, np.minimum(due + extra, outstanding + interest)], due
    )
    paid_day = np.select(
        [status == ST["PAID_LATE"], status == ST["PREPAID"]],
        [
            np.minimum(due_day + rng.integers(5, 21, len(live)), last),
            np.maximum(due_day - rng.integers(3, 11, len(live)), first),
        ],
        np.maximum(due_day - rng.integers(0, 3, len(live)), first),
    )
    # A payment due late in a month can only be late within the month: count it late only if it is.
    status = np.where((status == ST["PAID_LATE"]) & (paid_day <= due_day), ST["PAID_ON_TIME"], status)
    # Paying off the last instalment is not a prepayment.
    status = np.where((status == ST["PREPAID"]) & (paid <= due), ST["PAID_ON_TIME"], status)
    # A late payment that would land after the customer left is never made; the payoff at churn covers it.
    gone = paid_day >= ppl.end_day[owner]
    status = np.where(gone, ST["OVERDUE"], status)
    paid = np.where(gone, 0, paid)
    posting(live, due_day, interest, "LNI", "BANK", hours=(0, 2))
    posting(live, paid_day, paid, "LNP", "INTERNAL_TRANSFER", series=series, kind="LOAN_PAYMENT", hours=(6, 10))
    posting(
        chk_acc[owner], paid_day, paid, "LPY", "INTERNAL_TRANSFER", series=series, kind="LOAN_PAYMENT", hours=(6, 10)
    )
    number = (m - first_month[live]).astype(np.int32)
    schedule.add(
        account=live.astype(np.int32),
        instalment_no=number,
        due_day=due_day,
        amount_due=due,
        principal_due=due - interest,
        interest_due=interest,
        paid_day=np.where(status == ST["OVERDUE"], -1, paid_day),
        amount_paid=paid,
        status=status,
    )
    done = live[balance[live] >= 0]
    closed[done] = True
    close_day[done] = paid_day[np.isin(live, done)]


def _month_end(ctx, m, here, balance, net_month, posting, transfer, ext_name):
    """Declining customers move money out; healthy ones sweep surplus to savings and cover shortfalls."""
    cal, ppl = ctx.cal, ctx.people
    day = cal.prev_business_day[cal.nominal_day(np.array([m]), np.array([28]))[0]]
    here = here[ctx.open_day[ctx.checking[here]] <= day]
    chk, sav = ctx.checking[here], ctx.savings[here]
    has_sav = (sav >= 0) & (ctx.open_day[np.maximum(sav, 0)] <= day)
    slipping = 1 - ppl.activity[here, m]
    declining = (ppl.lifecycle[here] != P.ACTIVE) & (slipping > 0)
    days = np.full(len(here), day)
    floor, target, ceiling = net_month[here] // 5, net_month[here] * 3 // 2, net_month[here] * 5 // 2

    leave_sav = declining & has_sav
    amount = np.round(np.maximum(balance[np.maximum(sav, 0)], 0) * 0.25 * slipping).astype(np.int64)
    posting(sav[leave_sav], days[leave_sav], amount[leave_sav], "EXO", "EXTERNAL_BANK", name=ext_name[sav[leave_sav]])
    amount = np.round(np.maximum(balance[chk] - floor, 0) * 0.3 * slipping).astype(np.int64)
    posting(chk[declining], days[declining], amount[declining], "EXO", "EXTERNAL_BANK", name=ext_name[chk[declining]])

    sweep_in = has_sav & ~declining & (balance[chk] > ceiling)
    transfer(chk[sweep_in], sav[sweep_in], days[sweep_in], (balance[chk] - target)[sweep_in])
    short = has_sav & (balance[chk] < floor) & (balance[np.maximum(sav, 0)] > 0)
    cover = np.minimum(balance[np.maximum(sav, 0)], target - balance[chk])
    transfer(sav[short], chk[short], days[short], cover[short])
    # Still overdrawn: money arrives from the customer's account at another bank.
    overdrawn = balance[chk] < 0
    posting(
        chk[overdrawn],
        days[overdrawn],
        (floor - balance[chk])[overdrawn],
        "EXI",
        "EXTERNAL_BANK",
        name=ext_name[chk[overdrawn]],
        hours=(9, 17),
    )


def _close_out(ctx, leaving, balance, closed, close_day, posting, card_row, transfer, ext_name):
    acc = ctx.accounts
    day = ctx.people.end_day[leaving]
    chk = ctx.checking[leaving]
    owned = np.flatnonzero(np.isin(acc.person, leaving) & ~closed & (ctx.open_day <= ctx.people.end_day[acc.person]))
    owner_day = ctx.people.end_day[acc.person[owned]]
    owner_chk = ctx.checking[acc.person[owned]]
    for codes in (CDS, [CODE["SAV_HY"]]):
        sel = owned[np.isin(acc.product[owned], codes)]
        src_code = "CDM" if codes is CDS else "XFO"
        transfer(
            sel,
            owner_chk[np.isin(owned, sel)],
            owner_day[np.isin(owned, sel)],
            np.maximum(balance[sel], 0),
            src_code,
            "XFI",
        )
    cards = owned[np.isin(acc.product[owned], CARDS)]
    owing = np.maximum(-balance[cards], 0)
    card_row(cards, owner_day[np.isin(owned, cards)], owing, "PAYMENT")
    posting(owner_chk[np.isin(owned, cards)], owner_day[np.isin(owned, cards)], owing, "CPY", "INTERNAL_TRANSFER")
    loans = owned[np.isin(acc.product[owned], LOANS)]
    posting(
        loans,
        owner_day[np.isin(owned, loans)],
        np.maximum(-balance[loans], 0),
        "EXI",
        "EXTERNAL_BANK",
        name=ext_name[loans],
        hours=(9, 17),
    )
    final = balance[chk]
    posting(chk, day, np.maximum(final, 0), "EXO", "EXTERNAL_BANK", name=ext_name[chk], hours=(9, 17))
    posting(chk, day, np.maximum(-final, 0), "EXI", "EXTERNAL_BANK", name=ext_name[chk], hours=(9, 17))
    closed[owned] = True
    close_day[owned] = owner_day


def _project_schedule(ctx, loan_idx, balance, closed, due_dom, first_month, schedule):
    """The next year of instalments for loans still open at the window's end."""
    acc, cal = ctx.accounts, ctx.cal
    sel = ~closed[loan_idx] & (balance[loan_idx] < 0)
    live, dom = loan_idx[sel], due_dom[sel]
    outstanding = -balance[live].astype(np.int64)
    months = cal.months[-1] + 1 + np.arange(SCHEDULE_LOOKAHEAD_MONTHS)
    for k, month in enumerate(months):
        due_date = month.astype("datetime64[D]") + dom - 1
        interest = np.round(outstanding * acc.rate[live] / 12).astype(np.int64)
        due = np.minimum(acc.instalment[live], outstanding + interest)
        keep = outstanding > 0
        schedule.add(
            account=live[keep].astype(np.int32),
            instalment_no=(cal.n_months + k - first_month[live][keep]).astype(np.int32),
            due_day=cal.day_index(due_date[keep]),
            amount_due=due[keep],
            principal_due=(due - interest)[keep],
            interest_due=interest[keep],
            status=np.full(keep.sum(), ST["SCHEDULED"]),
        )
        outstanding = outstanding + interest - due
