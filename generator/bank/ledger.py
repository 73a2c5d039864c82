"""Flows that depend on balances, simulated month by month (vectorised across accounts).

Card payments follow statements, loans amortise with on-time, late, missed and prepaid instalments,
CDs accrue and mature, surplus cash is swept to savings, declining customers drain their balances
and churned customers close everything. Month-end balances are then derived from the postings
themselves, so closing = opening + credits - debits holds by construction.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from generator.bank import codes, personas
from generator.bank.context import ChunkContext
from generator.bank.products import CARDS, CDS, CODE, LOANS
from generator.bank.rows import Rows

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
SCHEDULE_LOOKAHEAD_MONTHS = 12  # how far ahead the core system lists the instalments still to come


def simulate_ledger(ctx: ChunkContext) -> Rows:
    """Run the month loop; returns the loan schedule and leaves close days and end balances on ctx."""
    ledger = MonthlyLedger(ctx)
    for m in range(ctx.cal.n_months):
        ledger.month(m)
    ledger.project_schedule()
    ctx.close_day = ledger.close_day
    ctx.end_balance = ledger.balance
    return ledger.schedule


def _day_of_month(dates: np.ndarray) -> np.ndarray:
    return (dates - dates.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1


def _share(cents: np.ndarray, fraction: Fraction) -> np.ndarray:
    """A fraction of whole cents in integer arithmetic, rounded down."""
    return cents * fraction.numerator // fraction.denominator


class MonthlyLedger:
    """The running state of one chunk's accounts, and every balance-dependent flow as a method.

    Every flow goes through `posting` or `card_row`, which both record the row and move the
    balance, so the state the simulation decides on is the state the output tables show.
    """

    def __init__(self, ctx: ChunkContext):
        self.ctx = ctx
        ppl, cal, acc = ctx.people, ctx.cal, ctx.accounts
        n, n_months = len(ppl), cal.n_months
        self.schedule = Rows(SCHEDULE_COLUMNS)
        self.balance = acc.opening_balance.copy()  # signed cents, per account
        self.closed = np.zeros(len(acc), dtype=bool)
        self.close_day = np.full(len(acc), -1)
        self.owner_end = ppl.end_day[acc.person]
        self.net_month = np.round(ppl.annual_income * personas.NET_PAY_RATIO / 12 * 100).astype(np.int64)
        self.card_idx, self.loan_idx, self.cd_idx = acc.of(CARDS), acc.of(LOANS), acc.of(CDS)
        self.loan_series = ctx.new_series(len(self.loan_idx))
        self.due_dom = np.minimum(_day_of_month(acc.open_date[self.loan_idx]), 28)
        self.first_month = cal.month_index(acc.open_date)
        maturity = (acc.open_date.astype("datetime64[M]") + acc.term_months).astype("datetime64[D]") + (
            _day_of_month(acc.open_date) - 1
        )
        self.maturity_day = cal.day_index(maturity)
        self.bank = ctx.names.of(codes.BANK_NAME)
        # Money crossing to or from another bank goes to the owner's own account there (wallet.deposits follows
        # it); a loan's proceeds go to the seller's bank, any of them.
        external_banks = np.array([ctx.names.of(name) for name in codes.EXTERNAL_BANKS])
        self.payee_bank = external_banks[ctx.rng.integers(0, len(external_banks), len(acc))]
        self.ext_name = external_banks[ctx.own_bank[acc.person]]

        # What the customer's life already moved through checking, per person and month.
        exo = ctx.postings.build()
        signed = np.where(exo["credit"], exo["cents"], -exo["cents"])
        key = acc.person[exo["account"]] * n_months + cal.day_month[exo["day"]]
        self.chk_flow = np.bincount(key, weights=signed, minlength=n * n_months).round().astype(np.int64)
        self.chk_flow = self.chk_flow.reshape(n, n_months)
        del exo, signed, key  # a full copy of the chunk's postings: not needed past this point
        # Purchases so far, consolidated into one part whose statuses the credit-limit check may change.
        self.purchases = ctx.card_rows.build()
        ctx.card_rows.parts = [self.purchases]
        month = cal.day_month[self.purchases["day"]]
        time_key = self.purchases["day"] * 86_400 + self.purchases["second"]
        self.by_month = np.lexsort((time_key, self.purchases["account"], month))
        self.month_bounds = np.searchsorted(month[self.by_month], np.arange(n_months + 1))

    # -- recording --------------------------------------------------------------------------------

    def posting(
        self, account, day, cents, code, name=None, series=None, kind="", hours=personas.CUSTOMER_TRANSFER_HOURS
    ):
        keep = cents > 0
        if not keep.any():
            return
        credit = code in codes.CREDIT_CODES
        self.ctx.postings.add(
            account=account[keep],
            day=day[keep],
            second=self.ctx.seconds(*hours, keep.sum()),
            cents=cents[keep],
            credit=credit,
            code=codes.TXN[code],
            cp_type=codes.CP[codes.COUNTERPARTY_OF[code]],
            cp_name=np.broadcast_to(self.bank if name is None else name, account.shape)[keep],
            series=series[keep] if series is not None else np.full(keep.sum(), -1),
            kind=codes.KIND[kind],
        )
        np.add.at(self.balance, account[keep], (1 if credit else -1) * cents[keep])

    def card_row(self, account, day, cents, txn_type):
        keep = cents > 0
        if not keep.any():
            return
        self.ctx.card_rows.add(
            account=account[keep],
            day=day[keep],
            second=self.ctx.seconds(0, 24, keep.sum()),
            usd_cents=cents[keep],
            original_cents=cents[keep],
            txn_type=codes.CARD_TYPE[txn_type],
        )
        np.add.at(self.balance, account[keep], (1 if txn_type == "PAYMENT" else -1) * cents[keep])

    def transfer(self, src, dst, day, cents, src_code="XFO", dst_code="XFI"):
        self.posting(src, day, cents, src_code)
        self.posting(dst, day, cents, dst_code)

    # -- one month --------------------------------------------------------------------------------

    def month(self, m: int) -> None:
        cal, ppl = self.ctx.cal, self.ctx.people
        first, last = cal.month_first_day[m], cal.month_first_day[m] + cal.month_day_count[m] - 1
        self.fund_new_accounts(first, last)
        self.cards(m, first, last)
        self.loans(m, first, last)
        self.cds(first, last)
        here = np.flatnonzero(ppl.end_day > last)  # customers still here at month end
        self.savings_interest(here, first, last)
        self.balance[self.ctx.checking] += self.chk_flow[:, m]
        self.month_end(m, here)
        leaving = np.flatnonzero((ppl.end_day >= first) & (ppl.end_day <= last) & (ppl.end_day < cal.n_days))
        self.close_out(leaving)

    def fund_new_accounts(self, first, last):
        """Accounts opened this month are funded (or, for loans, disbursed)."""
        acc, rng, open_day = self.ctx.accounts, self.ctx.rng, self.ctx.open_day
        new = np.flatnonzero(
            (open_day >= first)
            & (open_day <= last)
            & (acc.open_date >= self.ctx.cal.start)
            & (open_day < self.owner_end)
        )
        for product_codes, code, amount in (
            (
                [CODE["CHK_STD"]],
                "DEP",
                self.net_month[acc.person[new]] * rng.uniform(*personas.CHECKING_OPENING_DEPOSIT, len(new)),
            ),
            ([CODE["SAV_HY"]], "EXI", rng.uniform(*personas.SAVINGS_OPENING_DEPOSIT_USD, len(new)) * 100),
            (CDS, "EXI", acc.principal[new].astype(float)),
            (LOANS, "LND", acc.principal[new].astype(float)),
        ):
            sel = new[np.isin(acc.product[new], product_codes)]
            amount = amount[np.isin(acc.product[new], product_codes)]
            self.posting(
                sel,
                open_day[sel],
                np.round(amount).astype(np.int64),
                code,
                name=(self.payee_bank if code == "LND" else self.ext_name)[sel],
                hours=personas.EXTERNAL_TRANSFER_HOURS,
            )

    def cards(self, m, first, last):
        """Last month's statement paid on the card payment day or the business day before; interest, fees, purchases."""
        ctx, acc, cal, balance = self.ctx, self.ctx.accounts, self.ctx.cal, self.balance
        pay_day = cal.prev_business_day[cal.nominal_day(np.array([m]), np.array([personas.CARD_PAYMENT_DAY]))[0]]
        cards = self.card_idx
        live = cards[(ctx.open_day[cards] < first) & (pay_day < self.owner_end[cards]) & ~self.closed[cards]]
        statement = -balance[live]
        revolver = acc.revolver[live]
        minimum = np.minimum(statement, personas.CARD_MIN_PAYMENT_CENTS)
        pay = np.where(revolver, np.maximum(minimum, np.round(statement * acc.payment_share[live])), statement)
        pay = pay.astype(np.int64)
        slipping = 1 - ctx.people.activity[acc.person[live], m]
        missed = revolver & (ctx.rng.random(len(live)) < personas.REVOLVER_MISSED_PER_SLIP * slipping)
        pay = np.where(missed, 0, np.maximum(pay, 0))
        days = np.full(len(live), pay_day)
        self.card_row(live, days, pay, "PAYMENT")
        self.posting(ctx.checking[acc.person[live]], days, pay, "CPY", hours=personas.CARD_AUTOPAY_HOURS)
        carried = statement - pay
        interest = np.where(revolver & (carried > 0), np.round(carried * acc.rate[live] / 12), 0).astype(np.int64)
        open_at_end = last < self.owner_end[live]  # interest posts at month end on cards still open then
        self.card_row(live[open_at_end], np.full(open_at_end.sum(), last), interest[open_at_end], "INTEREST")
        anniversary = acc.open_date[live].astype("datetime64[M]").astype(int) % 12 == cal.months[m].astype(int) % 12
        travel = live[(acc.product[live] == CODE["CC_TRAVEL"]) & anniversary]
        self.card_row(travel, np.full(len(travel), first), np.full(len(travel), personas.TRAVEL_CARD_FEE_CENTS), "FEE")
        self.charge_within_limits(self.by_month[self.month_bounds[m] : self.month_bounds[m + 1]])

    def charge_within_limits(self, rows: np.ndarray) -> None:
        """Settle a month's purchases in time order per card; once a card is at its limit, decline the rest."""
        purchases, acc = self.purchases, self.ctx.accounts
        rows = rows[purchases["status"][rows] == codes.CARD_STATUS["SETTLED"]]
        card, cents = purchases["account"][rows], purchases["usd_cents"][rows]
        running = np.cumsum(cents)
        first = np.concatenate(([True], card[1:] != card[:-1]))
        spent = running - (running - cents)[first][np.cumsum(first) - 1]  # running total within each card
        over = spent > acc.credit_limit[card] + self.balance[card]  # balance is negative while money is owed
        purchases["status"][rows[over]] = codes.CARD_STATUS["DECLINED"]
        np.subtract.at(self.balance, card[~over], cents[~over])

    def loans(self, m, first, last):
        """This month's instalment: on time, late, prepaid or missed, more often missed while slipping."""
        ctx, acc, cal, rng, ppl, balance = (
            self.ctx,
            self.ctx.accounts,
            self.ctx.cal,
            self.ctx.rng,
            self.ctx.people,
            self.balance,
        )
        loans = self.loan_idx
        sel = (self.first_month[loans] < m) & ~self.closed[loans] & (balance[loans] < 0)
        live, series = loans[sel], self.loan_series[sel]
        due_day = cal.nominal_day(np.full(len(live), m), self.due_dom[sel])
        owner = acc.person[live]
        here = due_day < ppl.end_day[owner]
        live, series, due_day, owner = live[here], series[here], due_day[here], owner[here]
        outstanding = -balance[live]
        interest = np.round(outstanding * acc.rate[live] / 12).astype(np.int64)
        due = np.minimum(acc.instalment[live], outstanding + interest)
        slipping = 1 - ppl.activity[owner, m]
        u = rng.random(len(live))
        p_missed = personas.LOAN_MISSED_BASE + personas.LOAN_MISSED_PER_SLIP * slipping
        p_late = personas.LOAN_LATE_BASE + personas.LOAN_LATE_PER_SLIP * slipping
        p_prepaid = personas.LOAN_PREPAID_BASE * (1 - slipping)
        status = np.select(
            [u < p_missed, u < p_missed + p_late, u < p_missed + p_late + p_prepaid],
            [ST["OVERDUE"], ST["PAID_LATE"], ST["PREPAID"]],
            ST["PAID_ON_TIME"],
        )
        extra = np.round(due * rng.uniform(*personas.LOAN_PREPAYMENT, len(live))).astype(np.int64)
        paid = np.select(
            [status == ST["OVERDUE"], status == ST["PREPAID"]],
            [0, np.minimum(due + extra, outstanding + interest)],
            due,
        )
        paid_day = np.select(
            [status == ST["PAID_LATE"], status == ST["PREPAID"]],
            [
                np.minimum(due_day + rng.integers(*personas.LOAN_LATE_DAYS, len(live)), last),
                np.maximum(due_day - rng.integers(*personas.LOAN_PREPAID_EARLY_DAYS, len(live)), first),
            ],
            np.maximum(due_day - rng.integers(*personas.LOAN_ON_TIME_EARLY_DAYS, len(live)), first),
        )
        # A payment due late in a month can only be late within the month: count it late only if it is.
        status = np.where((status == ST["PAID_LATE"]) & (paid_day <= due_day), ST["PAID_ON_TIME"], status)
        # Paying off the last instalment is not a prepayment.
        status = np.where((status == ST["PREPAID"]) & (paid <= due), ST["PAID_ON_TIME"], status)
        # A late payment that would land after the customer left is never made; the payoff at churn covers it.
        gone = paid_day >= ppl.end_day[owner]
        status = np.where(gone, ST["OVERDUE"], status)
        paid = np.where(gone, 0, paid)
        self.posting(live, due_day, interest, "LNI", hours=personas.OVERNIGHT_BATCH_HOURS)
        self.posting(
            live,
            paid_day,
            paid,
            "LNP",
            series=series,
            kind="LOAN_PAYMENT",
            hours=personas.LOAN_AUTOPAY_HOURS,
        )
        self.posting(
            ctx.checking[owner],
            paid_day,
            paid,
            "LPY",
            series=series,
            kind="LOAN_PAYMENT",
            hours=personas.LOAN_AUTOPAY_HOURS,
        )
        self.schedule.add(
            account=live.astype(np.int32),
            instalment_no=(m - self.first_month[live]).astype(np.int32),
            due_day=due_day,
            amount_due=due,
            principal_due=due - interest,
            interest_due=interest,
            paid_day=np.where(status == ST["OVERDUE"], -1, paid_day),
            amount_paid=paid,
            status=status,
        )
        done = balance[live] >= 0
        self.closed[live[done]] = True
        self.close_day[live[done]] = paid_day[done]

    def cds(self, first, last):
        """CDs accrue monthly and pay out to checking at maturity."""
        ctx, acc, balance = self.ctx, self.ctx.accounts, self.balance
        cds = self.cd_idx
        live = cds[(ctx.open_day[cds] <= last) & ~self.closed[cds] & (self.owner_end[cds] > last)]
        matures = live[(self.maturity_day[live] >= first) & (self.maturity_day[live] <= last)]
        self.transfer(
            matures,
            ctx.checking[acc.person[matures]],
            self.maturity_day[matures],
            balance[matures].copy(),
            "CDM",
            "XFI",
        )
        self.closed[matures], self.close_day[matures] = True, self.maturity_day[matures]
        live = live[~np.isin(live, matures) & (ctx.open_day[live] < first)]
        interest = np.round(balance[live] * acc.rate[live] / 12).astype(np.int64)
        self.posting(live, np.full(len(live), last), interest, "INT", hours=personas.OVERNIGHT_BATCH_HOURS)

    def savings_interest(self, here, first, last):
        ctx, acc = self.ctx, self.ctx.accounts
        sav = ctx.savings[here]
        sav = sav[(sav >= 0)]
        sav = sav[ctx.open_day[sav] < first]
        interest = np.round(np.maximum(self.balance[sav], 0) * acc.rate[sav] / 12).astype(np.int64)
        self.posting(sav, np.full(len(sav), last), interest, "INT", hours=personas.OVERNIGHT_BATCH_HOURS)

    def month_end(self, m, here):
        """Declining customers move money out; healthy ones sweep surplus to savings and cover shortfalls."""
        ctx, cal, ppl, balance = self.ctx, self.ctx.cal, self.ctx.people, self.balance
        day = cal.prev_business_day[cal.nominal_day(np.array([m]), np.array([personas.SWEEP_DAY]))[0]]
        here = here[ctx.open_day[ctx.checking[here]] <= day]
        chk, sav = ctx.checking[here], ctx.savings[here]
        has_sav = (sav >= 0) & (ctx.open_day[np.maximum(sav, 0)] <= day)
        slipping = 1 - ppl.activity[here, m]
        declining = (ppl.lifecycle[here] != personas.ACTIVE) & (slipping > 0)
        days = np.full(len(here), day)
        net = self.net_month[here]
        floor = _share(net, personas.SWEEP_FLOOR)
        target = _share(net, personas.SWEEP_TARGET)
        ceiling = _share(net, personas.SWEEP_CEILING)

        leave_sav = declining & has_sav
        amount = np.maximum(balance[np.maximum(sav, 0)], 0) * personas.DRAIN_SAVINGS_SHARE * slipping
        amount = np.round(amount).astype(np.int64)
        self.posting(
            sav[leave_sav],
            days[leave_sav],
            amount[leave_sav],
            "EXO",
            name=self.ext_name[sav[leave_sav]],
        )
        amount = np.maximum(balance[chk] - floor, 0) * personas.DRAIN_CHECKING_SHARE * slipping
        amount = np.round(amount).astype(np.int64)
        self.posting(
            chk[declining],
            days[declining],
            amount[declining],
            "EXO",
            name=self.ext_name[chk[declining]],
        )

        sweep_in = has_sav & ~declining & (balance[chk] > ceiling)
        self.transfer(chk[sweep_in], sav[sweep_in], days[sweep_in], (balance[chk] - target)[sweep_in])
        short = has_sav & (balance[chk] < floor) & (balance[np.maximum(sav, 0)] > 0)
        cover = np.minimum(balance[np.maximum(sav, 0)], target - balance[chk])
        self.transfer(sav[short], chk[short], days[short], cover[short])
        # Still overdrawn: money arrives from the customer's account at another bank.
        overdrawn = balance[chk] < 0
        self.posting(
            chk[overdrawn],
            days[overdrawn],
            (floor - balance[chk])[overdrawn],
            "EXI",
            name=self.ext_name[chk[overdrawn]],
            hours=personas.EXTERNAL_TRANSFER_HOURS,
        )

    def close_out(self, leaving):
        """Churned customers close everything on their churn day: cash out, cards and loans paid off."""
        ctx, acc, balance = self.ctx, self.ctx.accounts, self.balance
        end_day = ctx.people.end_day
        owned = np.flatnonzero(np.isin(acc.person, leaving) & ~self.closed & (ctx.open_day <= end_day[acc.person]))
        owner_day = end_day[acc.person[owned]]
        owner_chk = ctx.checking[acc.person[owned]]
        for product_codes, src_code in ((CDS, "CDM"), ([CODE["SAV_HY"]], "XFO")):
            sel = np.isin(acc.product[owned], product_codes)
            self.transfer(
                owned[sel], owner_chk[sel], owner_day[sel], np.maximum(balance[owned[sel]], 0), src_code, "XFI"
            )
        sel = np.isin(acc.product[owned], CARDS)
        owing = np.maximum(-balance[owned[sel]], 0)
        self.card_row(owned[sel], owner_day[sel], owing, "PAYMENT")
        self.posting(owner_chk[sel], owner_day[sel], owing, "CPY")
        sel = np.isin(acc.product[owned], LOANS)
        self.posting(
            owned[sel],
            owner_day[sel],
            np.maximum(-balance[owned[sel]], 0),
            "EXI",
            name=self.ext_name[owned[sel]],
            hours=personas.EXTERNAL_TRANSFER_HOURS,
        )
        chk, day = ctx.checking[leaving], end_day[leaving]
        final = balance[chk]
        self.posting(
            chk,
            day,
            np.maximum(final, 0),
            "EXO",
            name=self.ext_name[chk],
            hours=personas.EXTERNAL_TRANSFER_HOURS,
        )
        self.posting(
            chk,
            day,
            np.maximum(-final, 0),
            "EXI",
            name=self.ext_name[chk],
            hours=personas.EXTERNAL_TRANSFER_HOURS,
        )
        self.closed[owned] = True
        self.close_day[owned] = owner_day

    def project_schedule(self):
        """The next year of instalments for loans still open at the window's end."""
        acc, cal = self.ctx.accounts, self.ctx.cal
        loans = self.loan_idx
        sel = ~self.closed[loans] & (self.balance[loans] < 0)
        live, dom = loans[sel], self.due_dom[sel]
        outstanding = -self.balance[live].astype(np.int64)
        months = cal.months[-1] + 1 + np.arange(SCHEDULE_LOOKAHEAD_MONTHS)
        for k, month in enumerate(months):
            due_date = month.astype("datetime64[D]") + dom - 1
            interest = np.round(outstanding * acc.rate[live] / 12).astype(np.int64)
            due = np.minimum(acc.instalment[live], outstanding + interest)
            keep = outstanding > 0
            self.schedule.add(
                account=live[keep].astype(np.int32),
                instalment_no=(cal.n_months + k - self.first_month[live][keep]).astype(np.int32),
                due_day=cal.day_index(due_date[keep]),
                amount_due=due[keep],
                principal_due=(due - interest)[keep],
                interest_due=interest[keep],
                status=np.full(keep.sum(), ST["SCHEDULED"]),
            )
            outstanding = outstanding + interest - due
