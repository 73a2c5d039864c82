"""Money that moves because of the customer's life: pay, bills, subscriptions and everyday spending.

These flows do not depend on balances; ledger.py adds the ones that do (card payments, loan
instalments, sweeps, interest, account closure).
"""

from __future__ import annotations

import numpy as np

from generator.bank import codes, personas, spend_mix, wallet
from generator.bank.context import ChunkContext
from generator.bank.days import weekday_of
from generator.bank.products import CODE, INSURANCE
from generator.bank.sampling import categorical_by_row


def _monthly(
    ctx: ChunkContext, first_month: np.ndarray, last_month: np.ndarray, day_of_month: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Expand series into one occurrence per month: (series position, month index, nominal day index)."""
    counts = np.clip(last_month - first_month + 1, 0, None)
    series = np.repeat(np.arange(len(counts)), counts)
    offsets = np.arange(len(series)) - np.repeat(np.cumsum(counts) - counts, counts)
    month = first_month[series] + offsets
    day = ctx.cal.nominal_day(month, day_of_month[series])
    keep = day >= 0
    return series[keep], month[keep], day[keep]


def _credit_or_debit(
    ctx: ChunkContext,
    person: np.ndarray,
    day: np.ndarray,
    cents: np.ndarray,
    *,
    code: str,
    cp_name: np.ndarray | int,
    second: np.ndarray,
    series: np.ndarray | None = None,
    kind: str = "",
    merchant: np.ndarray | int = -1,
    descriptor: np.ndarray | int = -1,
) -> np.ndarray:
    """Add checking-account postings, dropping days on which the person was not (yet) a customer.

    Debit-card purchases name the merchant by its processor descriptor (a merchants.py index), not cp_name.
    Returns the person of each posting kept."""
    inside = day >= 0  # a business day before the window's first day has no index
    person, day, cents, second = person[inside], day[inside], cents[inside], second[inside]
    series = series[inside] if series is not None else None
    cp_name = cp_name[inside] if isinstance(cp_name, np.ndarray) else cp_name
    merchant = merchant[inside] if isinstance(merchant, np.ndarray) else merchant
    descriptor = descriptor[inside] if isinstance(descriptor, np.ndarray) else descriptor
    account = ctx.checking[person]
    keep = ctx.is_customer(person, day) & (day >= ctx.open_day[account]) & (cents > 0)
    cp_name = np.broadcast_to(cp_name, person.shape)
    merchant = np.broadcast_to(merchant, person.shape)
    descriptor = np.broadcast_to(descriptor, person.shape)
    ctx.postings.add(
        account=account[keep],
        day=day[keep],
        second=second[keep],
        cents=cents[keep],
        credit=code in codes.CREDIT_CODES,
        code=codes.TXN[code],
        cp_type=codes.CP[codes.COUNTERPARTY_OF[code]],
        cp_name=cp_name[keep],
        merchant=merchant[keep],
        descriptor=descriptor[keep],
        series=(series[keep] if series is not None else np.full(keep.sum(), -1)),
        kind=codes.KIND[kind],
    )
    return person[keep]


def income(ctx: ChunkContext) -> None:
    """Payroll on the pay days (previous business day), pensions, benefits and tax refunds."""
    ppl, cal, rng = ctx.people, ctx.cal, ctx.rng
    n = len(ppl)
    years = cal.months.astype("datetime64[Y]").astype(int)
    year_pos = years - years[0]
    raise_factor = np.cumprod(1 + rng.uniform(*personas.YEARLY_RAISE, (n, year_pos[-1] + 1)), axis=1)
    raise_factor = raise_factor / raise_factor[:, :1]

    # Some declining customers move their payroll to another bank before leaving.
    redirected = rng.random(n) < personas.PAYROLL_REDIRECT_PROB[ppl.lifecycle]
    decline_day = np.where(
        np.isnat(ppl.decline_start),
        cal.n_days,
        cal.day_index(np.where(np.isnat(ppl.decline_start), cal.start, ppl.decline_start)),
    )
    pay_end = np.where(redirected, decline_day + rng.integers(0, personas.PAYROLL_REDIRECT_DELAY_DAYS, n), cal.n_days)
    net_month = ppl.annual_income * personas.NET_PAY_RATIO / 12
    # Life events (life_events.py): a job change ends the old payroll on its day; a new employer or a
    # graduate job pays from its first pay day (unless the pay goes to another bank); a retirement
    # starts the pension and social security.
    ev, never = ppl.events, np.full(n, cal.n_days)
    job_day = np.minimum(ev.job_day, cal.n_days) if ev is not None else never
    no_start = np.zeros(n, dtype=np.int64)

    def paid(person, month, nominal, share, code, name, kind, series, net=net_month, start=no_start, stop=never):
        day = cal.prev_business_day[nominal]
        keep = (day >= 0) & (day < pay_end[person]) & (day >= start[person]) & (day < stop[person])
        person, month, day, series = person[keep], month[keep], day[keep], series[keep]
        cents = np.round(net[person] * share * raise_factor[person, year_pos[month]] * 100).astype(np.int64)
        _credit_or_debit(
            ctx,
            person,
            day,
            cents,
            code=code,
            cp_name=name[person] if isinstance(name, np.ndarray) else name,
            second=ctx.seconds(*personas.PAYROLL_HOURS, len(day)),
            series=series,
            kind=kind,
        )

    everyone = np.arange(n)
    first, last = np.zeros(n, dtype=np.int64), np.full(n, cal.n_months - 1)
    employer_name = ctx.names.many(np.array([e or "" for e in ppl.employer], dtype=object))
    semi = ppl.employed & (ppl.persona != personas.STUDENT)
    ids = ctx.new_series(n)
    for dom in personas.PAY_DAYS:
        s, m, d = _monthly(ctx, first[semi], last[semi], np.full(semi.sum(), dom))
        p = everyone[semi][s]
        paid(p, m, d, 1 / len(personas.PAY_DAYS), "SAL", employer_name, "SALARY", ids[p], stop=job_day)
    monthly_pay = ppl.employed & (ppl.persona == personas.STUDENT)
    s, m, d = _monthly(ctx, first[monthly_pay], last[monthly_pay], np.full(monthly_pay.sum(), personas.STUDENT_PAY_DAY))
    p = everyone[monthly_pay][s]
    paid(p, m, d, 1.0, "SAL", employer_name, "SALARY", ids[p], stop=job_day)

    retired = (ppl.persona == personas.BOOMER) & ~ppl.employed
    retire_start = no_start
    if ev is not None:
        # The new employer's payroll: a series of its own, semi-monthly, from the first pay day.
        new_job = (ev.happened(personas.NEW_EMPLOYER) | ev.happened(personas.GRADUATION)) & ~ev.payroll_elsewhere
        new_name = np.full(n, -1)
        new_name[new_job] = ctx.names.many(ev.new_employer[new_job])
        new_net = ev.new_income * personas.NET_PAY_RATIO / 12
        start = np.minimum(ev.new_job_start, cal.n_days)
        ids = ctx.new_series(n)
        for dom in personas.PAY_DAYS:
            s, m, d = _monthly(ctx, first[new_job], last[new_job], np.full(new_job.sum(), dom))
            p = everyone[new_job][s]
            share = 1 / len(personas.PAY_DAYS)
            paid(p, m, d, share, "SAL", new_name, "SALARY", ids[p], net=new_net, start=start)
        retiring = ev.happened(personas.RETIREMENT)
        retire_start = np.where(retiring, job_day, 0)
        retired = retired | retiring
    for dom, share, code, name, kind in (
        (personas.PENSION_DAY, personas.PENSION_SHARE, "PEN", codes.PENSION_PAYER, "PENSION"),
        (
            personas.SOCIAL_SECURITY_DAY,
            personas.SOCIAL_SECURITY_SHARE,
            "GOV",
            codes.SSA_PAYER,
            "SOCIAL_SECURITY",
        ),
    ):
        ids = ctx.new_series(n)
        s, m, d = _monthly(ctx, first[retired], last[retired], np.full(retired.sum(), dom))
        p = everyone[retired][s]
        paid(p, m, d, share, code, ctx.names.of(name), kind, ids[p], start=retire_start)

    # One tax refund a year for most earners, in March or April.
    n_years = year_pos[-1] + 1
    person = np.repeat(everyone, n_years)
    year = np.tile(np.arange(n_years), n)
    keep = ppl.employed[person] & (rng.random(len(person)) < personas.TAX_REFUND_PROB)
    person, year = person[keep], year[keep]
    march = (years[0] - 1970 + year) * 12 + (personas.TAX_REFUND_MONTH - 1) - cal.months[0].astype(np.int64)
    month = march + (rng.random(len(march)) < personas.TAX_REFUND_APRIL_SHARE)
    valid = (month >= 0) & (month < cal.n_months)
    person, month = person[valid], month[valid]
    day = cal.prev_business_day[cal.nominal_day(month, rng.integers(1, 29, len(month)))]
    usd = rng.lognormal(np.log(personas.TAX_REFUND_MEDIAN_USD), personas.TAX_REFUND_SIGMA, len(day))
    cents = np.round(usd * ppl.spend_scale[person] * 100).astype(np.int64)
    _credit_or_debit(
        ctx,
        person,
        day,
        cents,
        code="TAX",
        cp_name=ctx.names.of(codes.IRS_PAYER),
        second=ctx.seconds(*personas.TAX_REFUND_HOURS, len(day)),
    )


def subscriptions(ctx: ChunkContext) -> None:
    """Same merchant, same amount, same day of month give or take one; on the card when there is one."""
    ppl, cal, rng = ctx.people, ctx.cal, ctx.rng
    merchants = ctx.ref.merchants
    subs = np.array([i for i, m in enumerate(merchants) if m["is_subscription"] == "true"])
    price = np.array([float(merchants[i]["subscription_price_usd"]) for i in subs])
    count = np.minimum(rng.poisson(personas.SUBSCRIPTION_COUNT_MEAN[ppl.persona]), personas.MAX_SUBSCRIPTIONS)
    person = np.repeat(np.arange(len(ppl)), count)
    pick = rng.integers(0, len(subs), len(person))
    _, unique = np.unique(person * 1000 + pick, return_index=True)
    person, pick = person[unique], pick[unique]
    k = len(person)
    starts_later = rng.random(k) < personas.SUBSCRIPTION_STARTS_LATER
    first = np.where(starts_later, rng.integers(0, max(cal.n_months // 2, 1), k), 0)
    cancelled = rng.random(k) < personas.SUBSCRIPTION_CANCELLED
    shortest = personas.SUBSCRIPTION_MIN_MONTHS
    last = np.where(cancelled, first + rng.integers(shortest, max(cal.n_months, shortest + 1), k), cal.n_months - 1)
    last = np.minimum(last, cal.n_months - 1)
    series_ids = ctx.new_series(k)
    s, month, nominal = _monthly(ctx, first, last, rng.integers(1, 29, k))
    jitter = rng.choice(personas.SUBSCRIPTION_DAY_JITTER, len(s), p=personas.SUBSCRIPTION_DAY_JITTER_P)
    day = np.clip(nominal + jitter, 0, cal.n_days - 1)
    p, merchant = person[s], ctx.merchants.seed_location[subs[pick[s]]]
    cents = np.round(price[pick[s]] * 100).astype(np.int64)
    second = ctx.seconds(*personas.SUBSCRIPTION_HOURS, len(s))
    card = ctx.card_for(p, day)
    on_card = (card >= 0) & ctx.is_customer(p, day)
    _card_purchases(
        ctx,
        card[on_card],
        day[on_card],
        second[on_card],
        cents[on_card],
        merchant[on_card],
        series=series_ids[s][on_card],
        kind="SUBSCRIPTION",
    )
    off = ~on_card
    _credit_or_debit(
        ctx,
        p[off],
        day[off],
        cents[off],
        code="POS",
        cp_name=-1,
        second=second[off],
        series=series_ids[s][off],
        kind="SUBSCRIPTION",
        merchant=merchant[off],
        descriptor=ctx.merchants.descriptor(ctx.rng, merchant[off]),
    )


def bills(ctx: ChunkContext) -> None:
    """Utilities, rent, insurance premiums and payments to other lenders and card issuers."""
    ppl, cal, rng, acc = ctx.people, ctx.cal, ctx.rng, ctx.accounts
    n = len(ppl)
    everyone = np.arange(n)
    merchants = ctx.ref.merchants
    billers = np.array([i for i, m in enumerate(merchants) if m["category_code"] in ("UTILITIES", "TELECOM")])
    biller_names = ctx.names.many(np.array([merchants[i]["merchant_name"] for i in billers]))
    first, last = np.zeros(n, dtype=np.int64), np.full(n, cal.n_months - 1)

    # Utilities: a fixed biller and day, an amount that moves with the season.
    count = np.minimum(rng.poisson(personas.UTILITY_BILLS_MEAN[ppl.persona]), len(billers))
    count = np.where(
        ppl.persona == personas.STUDENT,
        np.minimum(count, personas.STUDENT_MAX_UTILITY_BILLS),
        np.maximum(count, personas.MIN_UTILITY_BILLS),
    )
    person = np.repeat(everyone, count)
    pick = rng.integers(0, len(billers), len(person))
    _, unique = np.unique(person * 1000 + pick, return_index=True)
    person, pick = person[unique], pick[unique]
    ids = ctx.new_series(len(person))
    base = rng.lognormal(np.log(personas.UTILITY_MEDIAN_USD), personas.UTILITY_SIGMA, len(person))
    base = base * np.sqrt(ppl.spend_scale[person])
    s, month, nominal = _monthly(ctx, first[person], last[person], rng.integers(*personas.UTILITY_DAYS, len(person)))
    season = 1 + personas.UTILITY_WINTER_PEAK * np.cos(2 * np.pi * (cal.months[month].astype(int) % 12) / 12)
    noise = np.clip(rng.normal(1, personas.UTILITY_MONTHLY_NOISE, len(s)), *personas.UTILITY_MONTHLY_NOISE_CLIP)
    cents = np.round(base[s] * season * noise * 100).astype(np.int64)
    p = person[s]
    _credit_or_debit(
        ctx,
        p,
        cal.prev_business_day[nominal],
        cents,
        code="ACH",
        cp_name=biller_names[pick[s]],
        second=ctx.seconds(*personas.BILL_HOURS, len(s)),
        series=ids[s],
        kind="UTILITY",
        merchant=ctx.merchants.seed_location[billers[pick[s]]],
    )

    # Rent for those without a mortgage.
    has_mortgage = np.zeros(n, dtype=bool)
    has_mortgage[acc.person[acc.of(CODE["LN_MORT"])]] = True
    has_mortgage[ctx.wallet.person[ctx.wallet.family == wallet.FAMILY["mortgage"]]] = True
    renter = ~has_mortgage & (rng.random(n) < personas.RENTER_PROB[ppl.persona])
    net_month = ppl.annual_income * personas.NET_PAY_RATIO / 12
    rent = np.round(net_month * personas.RENT_SHARE_OF_INCOME * rng.uniform(*personas.RENT_SPREAD, n), -1)
    rent = np.maximum(rent, personas.RENT_FLOOR_USD[ppl.persona])
    landlord = np.array([ctx.names.of(x) for x in codes.LANDLORDS])[rng.integers(0, len(codes.LANDLORDS), n)]
    ids = ctx.new_series(n)
    s, month, nominal = _monthly(ctx, first[renter], last[renter], np.full(renter.sum(), personas.RENT_DAY))
    p = everyone[renter][s]
    years = (cal.months[month].astype("datetime64[Y]") - cal.months[0].astype("datetime64[Y]")).astype(int)
    cents = np.round(rent[p] * personas.RENT_GROWTH**years * 100).astype(np.int64)
    _credit_or_debit(
        ctx,
        p,
        cal.prev_business_day[nominal],
        cents,
        code="ACH",
        cp_name=landlord[p],
        second=ctx.seconds(*personas.BILL_HOURS, len(s)),
        series=ids[p],
        kind="RENT",
    )

    # Insurance premiums, monthly from the policy's start.
    pol = acc.of(INSURANCE)
    ids = ctx.new_series(len(pol))
    start_month = np.maximum(cal.month_index(acc.open_date[pol]), 0)
    opened = acc.open_date[pol]
    dom = np.minimum((opened - opened.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1, 28)
    s, month, nominal = _monthly(ctx, start_month, np.full(len(pol), cal.n_months - 1), dom)
    p = acc.person[pol][s]
    day = cal.prev_business_day[nominal]
    keep = day >= ctx.open_day[pol][s]
    _credit_or_debit(
        ctx,
        p[keep],
        day[keep],
        (acc.annual_premium[pol][s] // 12)[keep],
        code="INS",
        cp_name=ctx.names.of(codes.INSURER_NAME),
        second=ctx.seconds(*personas.BILL_HOURS, keep.sum()),
        series=ids[s][keep],
        kind="INSURANCE_PREMIUM",
    )

    # Loans and cards held at other institutions (wallet.py). Those paid from checking show up as exactly the
    # instalment or statement payment, on the holding's fixed day; the others never touch the bank.
    w = ctx.wallet
    names = np.array([ctx.names.of(x) for x in wallet.INSTITUTIONS])
    for code, families, kind in (
        ("ELP", wallet.LOAN_FAMILIES, "EXTERNAL_LOAN"),
        ("ECP", [wallet.FAMILY["credit_card"]], ""),
    ):
        held = np.flatnonzero(w.via_bank & np.isin(w.family, families))
        row, month = np.nonzero(w.payment[held] > 0)
        h = held[row]
        ids = ctx.new_series(len(held))
        payers = _credit_or_debit(
            ctx,
            w.person[h],
            cal.prev_business_day[cal.nominal_day(month, w.pay_dom[h])],
            w.payment[h, month],
            code=code,
            cp_name=names[w.institution[h]],
            second=ctx.seconds(*personas.BILL_HOURS, len(h)),
            series=ids[row] if kind else None,
            kind=kind,
        )
        ctx.external_holders[code] = np.bincount(payers, minlength=n) > 0


def _spend_shift(ctx: ChunkContext, person: np.ndarray, day: np.ndarray) -> np.ndarray:
    """How much more a person spends from the first pay of a graduate job: their spending scale follows the
    new income with the persona's elasticity (1 elsewhere)."""
    ppl, ev = ctx.people, ctx.people.events
    if ev is None:
        return np.ones(len(person))
    ratio = np.where(ev.happened(personas.GRADUATION), ev.new_income / np.maximum(ppl.annual_income, 1), 1.0)
    shift = np.clip(ratio**personas.SPEND_SCALE_ELASTICITY, 1.0, personas.GRADUATE_MAX_SPEND_SHIFT)
    return np.where(day >= ev.new_job_start[person], shift[person], 1.0)


def everyday_spending(ctx: ChunkContext) -> None:
    """Discretionary purchases: over-dispersed counts, categories by persona and age band, lognormal amounts."""
    ppl, cal, rng = ctx.people, ctx.cal, ctx.rng
    n, n_months = len(ppl), cal.n_months
    season = personas.SEASONAL_SPEND[cal.months.astype(int) % 12]
    intensity = rng.gamma(personas.PERSON_DISPERSION, 1 / personas.PERSON_DISPERSION, n)
    mean = (personas.SPEND_COUNT_MEAN[ppl.persona] * intensity)[:, None] * ppl.activity * season[None, :]
    lam = mean * rng.gamma(personas.SPEND_DISPERSION, 1 / personas.SPEND_DISPERSION, (n, n_months))
    counts = rng.poisson(lam)
    person = np.repeat(np.arange(n), counts.sum(axis=1))
    month = np.repeat(np.tile(np.arange(n_months), n), counts.ravel())

    day_weights = personas.WEEKDAY_SPEND[weekday_of(cal.days)]
    day = cal.sample_days(rng, month, day_weights)
    keep = ctx.is_customer(person, day)
    person, month, day = person[keep], month[keep], day[keep]
    k = len(person)

    # The category follows the persona, the age band on the purchase day (spend_mix: CE-calibrated shares) and
    # whether the month is a trip: airline, hotel and car-hire purchases happen on trips, some of them abroad.
    trip = rng.random((n, n_months)) < personas.TRIP_MONTH_PROB[ppl.persona][:, None]
    abroad = trip & (rng.random((n, n_months)) < personas.TRIP_ABROAD_PROB[ppl.persona][:, None])
    age_at_start = -cal.day_index(ppl.birth_date)  # days old on the window's first day
    category = categorical_by_row(
        rng,
        spend_mix.CATEGORY_PROBABILITIES,
        spend_mix.row(ppl.persona[person], (age_at_start[person] + day) / 365.25, trip[person, month]),
    )
    hour = categorical_by_row(rng, personas.HOUR_WEIGHTS, category)
    second = (hour * 3600 + rng.integers(0, 3600, k)).astype(np.int32)
    usd = (
        rng.lognormal(np.log(personas.AMOUNT_MEDIAN[category]), personas.AMOUNT_SIGMA[category])
        * ppl.spend_scale[person]
    )
    usd = usd * _spend_shift(ctx, person, day)
    cents = np.maximum(np.round(usd * 100), personas.MIN_PURCHASE_CENTS).astype(np.int64)

    # Mostly near home (the home branch's city), sometimes elsewhere; online shops from anywhere.
    city = ctx.merchants.branch_city[ppl.home_branch[person]]
    away = rng.random(k) < personas.AWAY_PURCHASE_SHARE[ppl.persona[person]]
    city = np.where(away, rng.integers(0, len(ctx.merchants.cities), k), city)
    merchant = ctx.merchants.pick(rng, category, city)

    card = ctx.card_for(person, day)
    on_card = (card >= 0) & (rng.random(k) < personas.CARD_SHARE_IF_CARD)
    # On trips abroad, travel merchants are paid in the local currency, on the card.
    trip_currency = rng.choice(
        len(personas.FOREIGN_CURRENCY_WEIGHTS),
        size=(n, n_months),
        p=np.array(list(personas.FOREIGN_CURRENCY_WEIGHTS.values())),
    )
    foreign = (
        on_card
        & abroad[person, month]
        & personas.TRAVEL_CATEGORIES[category]
        & (rng.random(k) < personas.FOREIGN_SHARE_ON_TRIP)
    )
    currency = np.where(foreign, trip_currency[person, month] + 1, 0)
    _card_purchases(
        ctx, card[on_card], day[on_card], second[on_card], cents[on_card], merchant[on_card], currency=currency[on_card]
    )
    off = ~on_card
    _credit_or_debit(
        ctx,
        person[off],
        day[off],
        cents[off],
        code="POS",
        cp_name=-1,
        second=second[off],
        merchant=merchant[off],
        descriptor=ctx.merchants.descriptor(rng, merchant[off]),
    )


def cash_and_p2p(ctx: ChunkContext) -> None:
    ppl, cal, rng = ctx.people, ctx.cal, ctx.rng
    n, n_months = len(ppl), cal.n_months

    def events(rate):
        counts = rng.poisson(rate[ppl.persona][:, None] * ppl.activity)
        person = np.repeat(np.arange(n), counts.sum(axis=1))
        month = np.repeat(np.tile(np.arange(n_months), n), counts.ravel())
        return person, cal.sample_days(rng, month, np.ones(cal.n_days))

    person, day = events(personas.ATM_COUNT_MEAN)
    at_branch = rng.random(len(person)) < personas.BRANCH_CASH_SHARE[ppl.persona[person]]
    atm_cash = rng.choice(
        list(personas.ATM_WITHDRAWAL_USD), size=len(person), p=list(personas.ATM_WITHDRAWAL_USD.values())
    )
    branch_cash = rng.lognormal(
        np.log(personas.BRANCH_WITHDRAWAL_MEDIAN_USD), personas.BRANCH_WITHDRAWAL_SIGMA, len(person)
    )
    branch_cash = np.round(branch_cash, -1)
    cents = (np.where(at_branch, branch_cash, atm_cash) * 100).astype(np.int64)
    day = np.where(at_branch, cal.prev_business_day[day], day)
    second = np.where(
        at_branch, ctx.seconds(*personas.BRANCH_HOURS, len(day)), ctx.seconds(*personas.ATM_HOURS, len(day))
    )
    for flag, code in ((at_branch, "BRW"), (~at_branch, "ATM")):
        _credit_or_debit(
            ctx,
            person[flag],
            day[flag],
            cents[flag],
            code=code,
            cp_name=ctx.names.of("BRANCH TELLER" if code == "BRW" else "ATM WITHDRAWAL"),
            second=second[flag],
        )

    p2p = ctx.names.of(codes.P2P_NETWORK)
    for rate, code, median in (
        (personas.P2P_OUT_MEAN, "P2O", personas.P2P_OUT_MEDIAN_USD),
        (personas.P2P_IN_MEAN, "P2I", personas.P2P_IN_MEDIAN_USD),
    ):
        person, day = events(rate)
        family = (code == "P2I") & (ppl.persona[person] == personas.STUDENT)  # parents topping up students
        median = np.where(family, personas.P2P_FAMILY_TOPUP_MEDIAN_USD, median)
        usd = np.round(rng.lognormal(np.log(median), personas.P2P_SIGMA))
        _credit_or_debit(
            ctx,
            person,
            day,
            (np.maximum(usd, 1) * 100).astype(np.int64),
            code=code,
            cp_name=p2p,
            second=ctx.seconds(*personas.P2P_HOURS, len(day)),
        )


def _card_purchases(
    ctx: ChunkContext,
    card: np.ndarray,
    day: np.ndarray,
    second: np.ndarray,
    usd_cents: np.ndarray,
    merchant: np.ndarray,
    *,
    currency: np.ndarray | None = None,
    series: np.ndarray | None = None,
    kind: str = "",
) -> None:
    """Card-processor purchases: a few declines and reversals, foreign ones in local currency."""
    rng, ref = ctx.rng, ctx.ref
    k = len(card)
    currency = np.zeros(k, dtype=np.int64) if currency is None else currency
    month = np.clip(ref.fx_months.searchsorted(ctx.cal.days[day].astype("datetime64[M]")), 0, len(ref.fx_months) - 1)
    rates = np.concatenate([np.ones((len(ref.fx_months), 1)), ref.fx_units_per_usd], axis=1)
    units = rates[month, currency]
    whole = np.isin(currency, [1 + ref.fx_currencies.index("JPY")])
    original = np.where(whole, np.round(usd_cents * units / 100) * 100, np.round(usd_cents * units))
    # The bank bills in USD what SQL computes from the same FX seed: round(amount / rate, 2), halves away
    # from zero (numpy's own rounding sends halves to even and would be off by a cent now and then).
    billed = np.floor((original / 100.0) / units * 100.0 + 0.5).astype(np.int64)
    status = np.zeros(k, dtype=np.int8)
    u = rng.random(k)
    status[u < personas.CARD_DECLINE_RATE] = codes.CARD_STATUS["DECLINED"]
    status[(u >= personas.CARD_DECLINE_RATE) & (u < personas.CARD_DECLINE_RATE + personas.CARD_REVERSAL_RATE)] = (
        codes.CARD_STATUS["REVERSED"]
    )
    ctx.card_rows.add(
        account=card,
        day=day,
        second=second,
        usd_cents=billed,
        original_cents=original.astype(np.int64),
        currency=currency,
        txn_type=codes.CARD_TYPE["PURCHASE"],
        status=status,
        merchant=merchant,
        descriptor=ctx.merchants.descriptor(rng, merchant),
        series=series if series is not None else np.full(k, -1),
        kind=codes.KIND[kind],
    )
