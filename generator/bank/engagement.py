"""How customers show up outside the ledger: CRM contacts, cases and tasks, app sessions, RM notes.

Engagement follows the same activity curve as spending, so declining customers complain more,
rate the bank lower, open the app less and leave relationship managers with worse notes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.bank import mess, personas
from generator.bank.context import ChunkContext
from generator.bank.ids import chunk_ids, labelled, scramble, uuids
from generator.bank.sampling import categorical_by_row

CASE_CATEGORIES = (
    "Fees",
    "Card Dispute",
    "Fraud Alert",
    "Digital Banking",
    "Loan Servicing",
    "Service Quality",
    "Account Closure",
)
CASE_CATEGORY_WEIGHTS = np.array([0.25, 0.2, 0.12, 0.15, 0.1, 0.18, 0.0])
CASE_STATUSES = ("Closed", "Open", "Escalated")
PRIORITIES = ("Low", "Medium", "High")
TASK_TYPES = ("In-App Message", "Branch Visit", "Call", "Chat")  # one per channel, in CHANNELS order
TASK_SUBJECTS = (
    "Balance inquiry",
    "Card activation",
    "Travel notice",
    "Payment question",
    "Address change",
    "Loan question",
    "Complaint follow-up",
    "Product inquiry",
)
TASK_OUTCOMES = ("Resolved", "Follow-up required", "Transferred")
EVENT_TYPES = (
    "login",
    "view_balance",
    "view_transactions",
    "transfer",
    "bill_pay",
    "mobile_deposit",
    "card_controls",
    "offers_view",
    "chat_support",
    "update_profile",
    "logout",
)
EVENT_WEIGHTS = np.array([0, 0.36, 0.25, 0.11, 0.08, 0.05, 0.03, 0.06, 0.04, 0.02, 0.0])
APP_HOURS = (
    np.array([0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2, 4, 5, 4, 3, 3, 4.5, 4, 3, 3, 3.5, 4.5, 5, 5.5, 6, 5.5, 4, 2]) / 76.3
)
DEVICE_OS = ("iOS", "Android")
NOTE_TEXT = {
    "positive": (
        "Annual review went well; client happy with service.",
        "Discussed retirement goals, very engaged.",
        "Client referred a family member. Strong relationship.",
        "Reviewed portfolio; client satisfied.",
    ),
    "neutral": (
        "Routine check-in call. No changes requested.",
        "Updated contact details and beneficiaries.",
        "Client asked about CD rates; sent rate sheet.",
        "Met at branch to sign documents.",
    ),
    "negative": (
        "Client unhappy about fees; mentioned moving funds to another bank.",
        "Complaint about slow dispute resolution. Tone frustrated.",
        "Client asked how to close accounts and transfer balances.",
        "Says a competitor offered better rates; considering leaving.",
    ),
}
SENTIMENTS = tuple(NOTE_TEXT)


@dataclass
class Engagement:
    tables: dict  # name -> dict of numpy columns (formatting into Arrow happens in chunk.py)
    crm_contact_person: np.ndarray
    app_user_person: np.ndarray


def _per_month(ctx: ChunkContext, people: np.ndarray, rate: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Poisson events per person-month at `rate[person, month]`: (person, month, day), customers only."""
    cal, rng = ctx.cal, ctx.rng
    counts = rng.poisson(rate)
    person = np.repeat(people, counts.sum(axis=1))
    month = np.repeat(np.tile(np.arange(cal.n_months), len(people)), counts.ravel())
    day = cal.sample_days(rng, month, np.ones(cal.n_days))
    keep = ctx.is_customer(person, day)
    return person[keep], month[keep], day[keep]


def crm(ctx: ChunkContext, core_id: np.ndarray) -> dict:
    ppl, rng, cal = ctx.people, ctx.rng, ctx.cal
    n = len(ppl)
    has = np.flatnonzero(rng.random(n) < personas.CRM_CONTACT_PROB)
    dup = has[rng.random(len(has)) < mess.CRM_DUPLICATE_RATE]
    person = np.concatenate([has, dup])
    record = np.concatenate([ppl.person_id[has], 1_000_000 + ppl.person_id[dup]])
    contact_id = labelled("SF-", scramble(record, 100_000_000, 31_415_926), 8)
    is_dup = np.arange(len(person)) >= len(has)
    linked = ~is_dup & (rng.random(len(person)) >= mess.CRM_UNLINKED_RATE)
    email = ppl.email[person].copy()
    aliased = rng.random(len(person)) < mess.CRM_EMAIL_ALIAS_RATE
    email[aliased] = mess.alias_emails(rng, email[aliased])
    # Contacts are created around onboarding, which for long-standing customers is before the window.
    created = ctx.cal.day_index(ppl.onboarding_date[person]) + rng.integers(0, 60, len(person))
    # A duplicate is created later by an agent who did not find the existing contact.
    created = np.where(
        is_dup, np.minimum(created + rng.integers(30, 700, len(person)), ppl.end_day[person] - 1), created
    )
    contacts = dict(
        contact_id=contact_id,
        core_customer_id=np.where(linked, core_id[person], None),
        first_name=mess.cased(rng, ppl.first_name[person]),
        last_name=ppl.last_name[person],
        email=email,
        phone=mess.format_phones(rng, ppl.phone[person], {"({a}) {p}-{l}": 0.7, "{a}-{p}-{l}": 0.3}),
        mailing_state=np.array([ctx.ref.branches[b]["state"] for b in ppl.home_branch[person]], dtype=object),
        created_day=created,
        second=ctx.seconds(8, 20, len(person)),
        person=person,
    )

    # Contacts of the same person share the cases and tasks: each goes to one of them at random.
    primary = np.full(n, -1)
    primary[has] = np.arange(len(has))
    slipping = 1 - ppl.activity[has]
    rate = personas.CASE_RATE[ppl.persona[has]][:, None] * (1 + 5 * slipping)
    cp, cm, cd = _per_month(ctx, has, rate)
    category = rng.choice(len(CASE_CATEGORIES), size=len(cp), p=CASE_CATEGORY_WEIGHTS / CASE_CATEGORY_WEIGHTS.sum())
    # Most churners call to close their accounts on the way out.
    leaving = has[(ppl.lifecycle[has] == personas.CHURNED) & (rng.random(len(has)) < 0.7)]
    leave_day = np.maximum(ppl.end_day[leaving] - rng.integers(0, 10, len(leaving)), ppl.first_day[leaving])
    cp = np.concatenate([cp, leaving])
    cd = np.concatenate([cd, leave_day])
    cm = np.concatenate([cm, cal.day_month[np.minimum(leave_day, cal.n_days - 1)]])
    category = np.concatenate([category, np.full(len(leaving), CASE_CATEGORIES.index("Account Closure"))])
    k = len(cp)
    slip = 1 - ppl.activity[cp, cm]
    resolve_days = np.ceil(rng.lognormal(np.log(3), 1.0, k) * (1 + 2 * slip)).astype(np.int64)
    closed_day = cd + resolve_days
    status = np.where(closed_day < cal.n_days, 0, 1)
    status = np.where((status == 0) & (rng.random(k) < 0.04 + 0.1 * slip), 2, status)
    score = np.clip(np.round(rng.normal(4.1 - 2.3 * slip, 0.9)), 1, 5).astype(np.int64)
    answered = (status == 0) & (rng.random(k) < 0.7)
    channel = categorical_by_row(rng, personas.CHANNEL_WEIGHTS, ppl.persona[cp])
    cases = dict(
        case_id=labelled("CS-", ctx.index * 1_000_000 + np.arange(k), 9),
        contact_id=contacts["contact_id"][_contact_of(rng, primary, dup, cp, len(has))],
        category=category,
        channel=channel,
        priority=np.where(category == CASE_CATEGORIES.index("Fraud Alert"), 2, rng.choice(2, size=k, p=[0.6, 0.4])),
        status=status,
        opened_day=cd,
        opened_second=ctx.seconds(8, 21, k),
        closed_day=np.where(status == 0, closed_day, -1),
        closed_second=ctx.seconds(8, 21, k),
        satisfaction=np.where(answered, score, -1),
        person=cp,
    )

    rate = personas.TASK_RATE[ppl.persona[has]][:, None] * (1 + 0.8 * slipping)
    tp, _, td = _per_month(ctx, has, rate)
    k = len(tp)
    channel = categorical_by_row(rng, personas.CHANNEL_WEIGHTS, ppl.persona[tp])
    subject = rng.integers(0, len(TASK_SUBJECTS), k)
    travel_notice = (ppl.persona[tp] == personas.TRAVELER) & (rng.random(k) < 0.4)
    subject[travel_notice] = TASK_SUBJECTS.index("Travel notice")
    tasks = dict(
        task_id=labelled("TK-", ctx.index * 1_000_000 + np.arange(k), 9),
        contact_id=contacts["contact_id"][_contact_of(rng, primary, dup, tp, len(has))],
        channel=channel,
        task_type=channel,
        subject=subject,
        created_day=td,
        second=np.where(channel == 1, ctx.seconds(9, 17, k), ctx.seconds(7, 23, k)),
        duration_seconds=np.round(rng.lognormal(np.log(np.array([60, 900, 420, 240])[channel]), 0.6)).astype(np.int64),
        outcome=rng.choice(3, size=k, p=[0.75, 0.18, 0.07]),
        person=tp,
    )
    return dict(contacts=contacts, cases=cases, tasks=tasks)


def _contact_of(rng, primary, dup, person, n_primary):
    """Row in the contacts table for each event: the person's primary contact, or their duplicate."""
    row = primary[person]
    dup_row = np.full(len(primary), -1)
    dup_row[dup] = n_primary + np.arange(len(dup))
    use_dup = (dup_row[person] >= 0) & (rng.random(len(person)) < 0.3)
    return np.where(use_dup, dup_row[person], row)


def app(ctx: ChunkContext) -> dict:
    ppl, rng = ctx.people, ctx.rng
    n = len(ppl)
    users = np.flatnonzero(rng.random(n) < personas.APP_USER_PROB[ppl.persona])
    user_uuid = uuids(rng, len(users))
    other = rng.random(len(users)) < mess.APP_OTHER_EMAIL_RATE
    email = ppl.email[users].copy()
    tag = rng.integers(10, 99, len(users)).astype(str)
    email[other] = np.char.add(
        np.char.add(np.char.lower(ppl.first_name[users][other].astype(str)), tag[other]), "@example.net"
    ).astype(object)
    # Registration follows onboarding by up to a year (possibly before the window), never after leaving.
    registered = ctx.cal.day_index(ppl.onboarding_date[users]) + rng.integers(0, 365, len(users))
    registered = np.minimum(registered, ppl.end_day[users] - 1)
    os_ = (rng.random(len(users)) < 0.45).astype(np.int64)
    # The mobile number verified for two-factor sign-in, in E.164 as apps store it; not every user set it up.
    verified = rng.random(len(users)) >= mess.APP_NO_VERIFIED_PHONE_RATE
    mobile = np.where(verified, np.char.add("+1", ppl.phone[users].astype(str)).astype(object), None)
    user_tbl = dict(
        user_uuid=user_uuid,
        email=email,
        mobile_phone=mobile,
        registered_day=registered,
        second=ctx.seconds(0, 24, len(users)),
        device_os=os_,
        person=users,
    )

    intensity = rng.gamma(2.0, 0.5, len(users))
    rate = (personas.APP_SESSIONS_MEAN[ppl.persona[users]] * intensity)[:, None] * ppl.activity[users] ** 1.5
    position = np.full(n, -1)
    position[users] = np.arange(len(users))
    sp, sm, sd = _per_month(ctx, users, rate)
    keep = sd >= registered[position[sp]]
    sp, sm, sd = sp[keep], sm[keep], sd[keep]
    k = len(sp)
    hour = categorical_by_row(rng, APP_HOURS[None, :], np.zeros(k, dtype=np.int64))
    start_second = (hour * 3600 + rng.integers(0, 3600, k)).astype(np.int64)
    duration = np.round(rng.lognormal(np.log(95), 0.8, k)).astype(np.int64) + 5
    session_id = chunk_ids(ctx.index, k)
    version = np.minimum(sm // 4, 11)  # a release every four months
    sessions = dict(
        session_id=session_id,
        user=position[sp],
        day=sd,
        second=start_second,
        duration=duration,
        device_os=os_[position[sp]],
        app_version=version,
        person=sp,
    )

    # Events: a login, then a few actions spread over the session.
    per = 1 + rng.poisson(1.8, k)
    owner = np.repeat(np.arange(k), per)
    order = np.arange(len(owner)) - np.repeat(np.cumsum(per) - per, per)
    event_type = rng.choice(len(EVENT_TYPES), size=len(owner), p=EVENT_WEIGHTS)
    last = order == per[owner] - 1
    event_type[last & (order > 0) & (rng.random(len(owner)) < 0.7)] = EVENT_TYPES.index("logout")
    event_type[order == 0] = EVENT_TYPES.index("login")
    offset = np.where(order == 0, 0, np.round(rng.random(len(owner)) * duration[owner])).astype(np.int64)
    offset = offset[np.lexsort((offset, owner))]  # ascending within each session; the login stays first
    events = dict(
        event_id=chunk_ids(ctx.index, len(owner)),
        session_id=session_id[owner],
        user=position[sp][owner],
        day=sd[owner],
        second=start_second[owner] + offset,
        event_type=event_type,
    )
    return dict(users=user_tbl, sessions=sessions, events=events, version=version)


def rm_notes(ctx: ChunkContext, rm_names: list[list[str]]) -> dict:
    ppl, rng, cal = ctx.people, ctx.rng, ctx.cal
    n = len(ppl)
    affluent = ppl.annual_income > 150_000
    has_rm = np.flatnonzero((rng.random(n) < personas.RM_PROB[ppl.persona]) | (affluent & (rng.random(n) < 0.5)))
    slipping = 1 - ppl.activity[has_rm]
    np_, nm, nd = _per_month(ctx, has_rm, personas.RM_NOTES_PER_MONTH * (1 + 1.5 * slipping))
    k = len(np_)
    slip = 1 - ppl.activity[np_, nm]
    sentiment = np.select([rng.random(k) < 0.1 + 0.8 * slip, rng.random(k) < 0.5], [2, 0], 1)
    text = rng.integers(0, 4, k)
    first, last = ppl.first_name[np_], ppl.last_name[np_]
    style = rng.integers(0, 5, k)
    ref_text = np.array(
        [
            f"{f} {surname[0]}. (VIP)"
            if s == 0
            else f"{surname}, {f}"
            if s == 1
            else e
            if s == 2
            else f"{f[0]}. {surname}"
            if s == 3
            else f"{f} {surname}".upper()
            for f, surname, e, s in zip(
                first.tolist(), last.tolist(), ppl.email[np_].tolist(), style.tolist(), strict=True
            )
        ],
        dtype=object,
    )
    dates = mess.format_dates(rng, cal.days[nd], {f: 1 / len(mess.NOTE_DATE_FORMATS) for f in mess.NOTE_DATE_FORMATS})
    branch = ppl.home_branch[np_]
    rm = np.array(
        [rm_names[b][i % len(rm_names[b])] for b, i in zip(branch.tolist(), np_.tolist(), strict=True)], dtype=object
    )
    names = [b["branch_name"] for b in ctx.ref.branches]
    note_text = np.array(
        [NOTE_TEXT[SENTIMENTS[s]][t] for s, t in zip(sentiment.tolist(), text.tolist(), strict=True)], dtype=object
    )
    return dict(
        note_id=labelled("N", ctx.index * 1_000_000 + np.arange(k), 9),
        branch_name=mess.branch_name_variants(rng, names, branch),
        rm_name=rm,
        customer_ref=ref_text,
        note_date=dates,
        note_text=note_text,
        person=np_,
        sentiment=sentiment,
    )
