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
    onboarded = ctx.cal.day_index(ppl.onboarding_date[person])
    created = onboarded + rng.integers(0, personas.CRM_CONTACT_CREATED_DAYS, len(person))
    # A duplicate is created later by an agent who did not find the existing contact.
    later = created + rng.integers(*mess.CRM_DUPLICATE_DELAY_DAYS, len(person))
    created = np.where(is_dup, np.minimum(later, ppl.end_day[person] - 1), created)
    contacts = dict(
        contact_id=contact_id,
        core_customer_id=np.where(linked, core_id[person], None),
        first_name=mess.cased(rng, ppl.first_name[person]),
        last_name=ppl.last_name[person],
        email=email,
        phone=mess.format_phones(rng, ppl.phone[person], mess.CRM_PHONE_FORMATS),
        mailing_state=np.array([ctx.ref.branches[b]["state"] for b in _crm_area(ctx, person)], dtype=object),
        created_day=created,
        second=ctx.seconds(*personas.CRM_CONTACT_HOURS, len(person)),
        person=person,
    )

    # Contacts of the same person share the cases and tasks: each goes to one of them at random.
    primary = np.full(n, -1)
    primary[has] = np.arange(len(has))
    slipping = 1 - ppl.activity[has]
    rate = personas.CASE_RATE[ppl.persona[has]][:, None] * (1 + personas.CASE_RATE_PER_SLIP * slipping)
    cp, cm, cd = _per_month(ctx, has, rate)
    category_weights = np.array([personas.CASE_CATEGORY_WEIGHTS[c] for c in CASE_CATEGORIES])
    category = rng.choice(len(CASE_CATEGORIES), size=len(cp), p=category_weights / category_weights.sum())
    # Most churners call to close their accounts on the way out.
    leaving = has[(ppl.lifecycle[has] == personas.CHURNED) & (rng.random(len(has)) < personas.CHURNER_CLOSING_CALL)]
    leave_day = np.maximum(
        ppl.end_day[leaving] - rng.integers(0, personas.CLOSING_CALL_DAYS_BEFORE, len(leaving)), ppl.first_day[leaving]
    )
    cp = np.concatenate([cp, leaving])
    cd = np.concatenate([cd, leave_day])
    cm = np.concatenate([cm, cal.day_month[np.minimum(leave_day, cal.n_days - 1)]])
    category = np.concatenate([category, np.full(len(leaving), CASE_CATEGORIES.index("Account Closure"))])
    k = len(cp)
    slip = 1 - ppl.activity[cp, cm]
    resolve_days = rng.lognormal(np.log(personas.CASE_RESOLVE_MEDIAN_DAYS), personas.CASE_RESOLVE_SIGMA, k)
    resolve_days = np.ceil(resolve_days * (1 + personas.CASE_RESOLVE_PER_SLIP * slip)).astype(np.int64)
    closed_day = cd + resolve_days
    status = np.where(closed_day < cal.n_days, 0, 1)
    escalated = rng.random(k) < personas.CASE_ESCALATED_BASE + personas.CASE_ESCALATED_PER_SLIP * slip
    status = np.where((status == 0) & escalated, 2, status)
    mean_score = personas.SATISFACTION_MEAN - personas.SATISFACTION_DROP_PER_SLIP * slip
    score = np.clip(np.round(rng.normal(mean_score, personas.SATISFACTION_SD)), 1, 5).astype(np.int64)
    answered = (status == 0) & (rng.random(k) < personas.SURVEY_ANSWER_RATE)
    channel = categorical_by_row(rng, personas.CHANNEL_WEIGHTS, ppl.persona[cp])
    priority_weights = [personas.CASE_PRIORITY_WEIGHTS[p] for p in PRIORITIES if p in personas.CASE_PRIORITY_WEIGHTS]
    cases = dict(
        case_id=labelled("CS-", ctx.index * 1_000_000 + np.arange(k), 9),
        contact_id=contacts["contact_id"][_contact_of(rng, primary, dup, cp, len(has))],
        category=category,
        channel=channel,
        priority=np.where(
            category == CASE_CATEGORIES.index("Fraud Alert"),
            PRIORITIES.index("High"),
            rng.choice(len(priority_weights), size=k, p=priority_weights),
        ),
        status=status,
        opened_day=cd,
        opened_second=ctx.seconds(*personas.CASE_HOURS, k),
        closed_day=np.where(status == 0, closed_day, -1),
        closed_second=ctx.seconds(*personas.CASE_HOURS, k),
        satisfaction=np.where(answered, score, -1),
        person=cp,
    )

    rate = personas.TASK_RATE[ppl.persona[has]][:, None] * (1 + personas.TASK_RATE_PER_SLIP * slipping)
    tp, _, td = _per_month(ctx, has, rate)
    k = len(tp)
    channel = categorical_by_row(rng, personas.CHANNEL_WEIGHTS, ppl.persona[tp])
    subject = rng.integers(0, len(TASK_SUBJECTS), k)
    travel_notice = (ppl.persona[tp] == personas.TRAVELER) & (rng.random(k) < personas.TRAVEL_NOTICE_SHARE)
    subject[travel_notice] = TASK_SUBJECTS.index("Travel notice")
    tasks = dict(
        task_id=labelled("TK-", ctx.index * 1_000_000 + np.arange(k), 9),
        contact_id=contacts["contact_id"][_contact_of(rng, primary, dup, tp, len(has))],
        channel=channel,
        task_type=channel,
        subject=subject,
        created_day=td,
        second=np.where(
            channel == personas.CHANNELS.index("Branch"),
            ctx.seconds(*personas.BRANCH_HOURS, k),
            ctx.seconds(*personas.REMOTE_TASK_HOURS, k),
        ),
        duration_seconds=np.round(
            rng.lognormal(np.log(personas.TASK_DURATION_MEDIAN_SECONDS[channel]), personas.TASK_DURATION_SIGMA)
        ).astype(np.int64),
        outcome=rng.choice(len(TASK_OUTCOMES), size=k, p=[personas.TASK_OUTCOME_WEIGHTS[o] for o in TASK_OUTCOMES]),
        person=tp,
    )
    return dict(contacts=contacts, cases=cases, tasks=tasks)


def _crm_area(ctx: ChunkContext, person: np.ndarray) -> np.ndarray:
    """The branch whose state a contact's mailing state is: home, or the new area once a move reached the CRM."""
    area = ctx.people.home_branch[person]
    ev = ctx.people.events
    if ev is None:
        return area
    caught_up = ev.crm_address_day[person] < ctx.cal.n_days
    return np.where(caught_up, ev.new_branch_area[person], area)


def _contact_of(rng, primary, dup, person, n_primary):
    """Row in the contacts table for each event: the person's primary contact, or their duplicate."""
    row = primary[person]
    dup_row = np.full(len(primary), -1)
    dup_row[dup] = n_primary + np.arange(len(dup))
    use_dup = (dup_row[person] >= 0) & (rng.random(len(person)) < mess.CRM_DUPLICATE_ACTIVITY_SHARE)
    return np.where(use_dup, dup_row[person], row)


def app(ctx: ChunkContext) -> dict:
    ppl, rng = ctx.people, ctx.rng
    n = len(ppl)
    users = np.flatnonzero(rng.random(n) < personas.APP_USER_PROB[ppl.persona])
    user_uuid = uuids(rng, len(users))
    other = rng.random(len(users)) < mess.APP_OTHER_EMAIL_RATE
    email = ppl.email[users].copy()
    email[other] = mess.personal_emails(rng, ppl.first_name[users])[other]
    # Registration follows onboarding by up to a year (possibly before the window), never after leaving.
    onboarded = ctx.cal.day_index(ppl.onboarding_date[users])
    registered = onboarded + rng.integers(0, personas.APP_REGISTRATION_DAYS, len(users))
    registered = np.minimum(registered, ppl.end_day[users] - 1)
    os_ = (rng.random(len(users)) < personas.APP_ANDROID_SHARE).astype(np.int64)  # 1: Android
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

    intensity = rng.gamma(personas.APP_DISPERSION, 1 / personas.APP_DISPERSION, len(users))
    engaged = ppl.activity[users] ** personas.APP_ACTIVITY_EXPONENT
    rate = (personas.APP_SESSIONS_MEAN[ppl.persona[users]] * intensity)[:, None] * engaged
    position = np.full(n, -1)
    position[users] = np.arange(len(users))
    sp, sm, sd = _per_month(ctx, users, rate)
    keep = sd >= registered[position[sp]]
    sp, sm, sd = sp[keep], sm[keep], sd[keep]
    k = len(sp)
    hour = categorical_by_row(rng, personas.APP_HOUR_WEIGHTS[None, :], np.zeros(k, dtype=np.int64))
    start_second = (hour * 3600 + rng.integers(0, 3600, k)).astype(np.int64)
    duration = rng.lognormal(np.log(personas.APP_SESSION_MEDIAN_SECONDS), personas.APP_SESSION_SIGMA, k)
    duration = np.round(duration).astype(np.int64) + personas.APP_SESSION_MIN_SECONDS
    session_id = chunk_ids(ctx.index, k)
    version = np.minimum(sm // personas.APP_RELEASE_MONTHS, personas.APP_RELEASES - 1)
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
    per = 1 + rng.poisson(personas.APP_ACTIONS_MEAN, k)
    owner = np.repeat(np.arange(k), per)
    order = np.arange(len(owner)) - np.repeat(np.cumsum(per) - per, per)
    event_weights = np.array([personas.APP_EVENT_WEIGHTS[t] for t in EVENT_TYPES])
    event_type = rng.choice(len(EVENT_TYPES), size=len(owner), p=event_weights)
    last = order == per[owner] - 1
    logout = rng.random(len(owner)) < personas.APP_LOGOUT_SHARE
    event_type[last & (order > 0) & logout] = EVENT_TYPES.index("logout")
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
    by_persona = rng.random(n) < personas.RM_PROB[ppl.persona]
    affluent = (ppl.annual_income > personas.RM_AFFLUENT_INCOME) & (rng.random(n) < personas.RM_AFFLUENT_PROB)
    has_rm = np.flatnonzero(by_persona | affluent)
    slipping = 1 - ppl.activity[has_rm]
    np_, nm, nd = _per_month(ctx, has_rm, personas.RM_NOTES_PER_MONTH * (1 + personas.RM_NOTES_PER_SLIP * slipping))
    k = len(np_)
    slip = 1 - ppl.activity[np_, nm]
    negative = rng.random(k) < personas.NOTE_NEGATIVE_BASE + personas.NOTE_NEGATIVE_PER_SLIP * slip
    positive = rng.random(k) < personas.NOTE_POSITIVE_SHARE
    sentiment = np.select([negative, positive], [SENTIMENTS.index("negative"), SENTIMENTS.index("positive")], 1)
    text = rng.integers(0, 4, k)
    surname = ppl.last_name[np_]
    if ppl.events is not None:
        # After a wedding the RM writes the surname core banking shows, once the customer reported it.
        ev = ppl.events
        renamed = (nd >= ev.day[np_, personas.MARRIAGE]) & ev.surname_reported[np_]
        surname = np.where(renamed, ev.new_last_name[np_], surname)
    ref_text = mess.note_customer_refs(rng, ppl.first_name[np_], surname, ppl.email[np_])
    dates = mess.format_dates(rng, cal.days[nd], mess.NOTE_DATE_WEIGHTS)
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
