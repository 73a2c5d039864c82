"""Life events (truth/life_events) and what they leave in the source systems and in behaviour."""

from __future__ import annotations

import pytest

from generator.bank import personas

from .conftest import CUSTOMERS, END, START


def _primary_core(bank) -> str:
    """Each person's primary core record: the one opened at onboarding (duplicates come later)."""
    return """
        select s.person_id, c.*
        from core_customers c
        join person_of s on s.source_system = 'core' and s.source_record_id = c.customer_id
        qualify row_number() over (partition by s.person_id order by c.onboarding_date, c.customer_id) = 1"""


def test_events_are_in_the_window_once_per_type_and_at_documented_rates(bank):
    assert bank.one("select count(*) from truth_life_events") > 0
    assert (
        bank.one(f"""select count(*) from truth_life_events
                       where event_date < date '{START}' or event_date > date '{END}'""")
        == 0
    )
    assert (
        bank.one(
            "select count(*) from (select person_id, event_type from truth_life_events group by all "
            "having count(*) > 1)"
        )
        == 0
    )
    # One job change per person: a new employer, a retirement or a graduation.
    assert (
        bank.one("""select count(*) from (select person_id from truth_life_events
                       where event_type in ('NEW_EMPLOYER', 'RETIREMENT', 'GRADUATION') group by 1
                       having count(*) > 1)""")
        == 0
    )
    by_persona = dict(
        bank.sql("""select p.persona, count(*) filter (where e.event_type = 'MOVE') / count(distinct p.person_id)
                                  from truth_persons p left join truth_life_events e using (person_id) group by 1""")
    )
    # Movers over three years: the yearly hazard orders the personas (students move most, boomers least).
    assert by_persona["College Student"] > by_persona["Frequent Traveler"] > by_persona["Boomer"]
    movers = bank.one("select count(distinct person_id) from truth_life_events where event_type = 'MOVE'")
    expected = sum(w * (1 - (1 - h) ** 3) for w, h in zip(personas.PERSONA_WEIGHTS, personas.MOVE_HAZARD, strict=True))
    assert movers / CUSTOMERS == pytest.approx(expected, rel=0.35)
    # Only people who can: retirements among boomers, graduations among students, births not among boomers.
    kinds = bank.sql("""select e.event_type, p.persona from truth_life_events e join truth_persons p using (person_id)
                        group by all""")
    for kind, persona in kinds:
        if kind == "RETIREMENT":
            assert persona == "Boomer"
        if kind == "GRADUATION":
            assert persona == "College Student"
        if kind == "BIRTH":
            assert persona != "Boomer"


def test_a_move_shows_in_core_while_the_crm_lags(bank):
    rows = bank.sql(f"""
        with core as ({_primary_core(bank)})
        select count(*), count(*) filter (where e.new_value like core.address_line1 || ',%')
        from truth_life_events e join core using (person_id) where e.event_type = 'MOVE'""")
    movers, shown = rows[0]
    assert movers > 0 and shown == movers  # the master always shows the new address
    # Movers to another area: the CRM's mailing state trails core's for some, never for non-movers with
    # a single core record.
    lagging = bank.one(f"""
        with core as ({_primary_core(bank)})
        select count(*) from truth_life_events e join core using (person_id)
        join person_of s on s.person_id = e.person_id and s.source_system = 'crm'
        join crm_contacts c on c.contact_id = s.source_record_id
        where e.event_type = 'MOVE' and c.mailing_state != core.state""")
    assert lagging > 0


def test_a_marriage_renames_core_but_not_the_crm_or_emails(bank):
    rows = bank.sql(f"""
        with core as ({_primary_core(bank)})
        select e.old_value, e.new_value, lower(core.last_name), e.surname_reported_to_core, lower(core.email)
        from truth_life_events e join core using (person_id) where e.event_type = 'MARRIAGE'""")
    assert rows
    for old, new, core_name, reported, email in rows:
        assert core_name == (new if reported else old).lower()
        if email:
            assert old.lower() in email  # the address keeps spelling the old surname
    assert any(reported for *_, reported, _ in rows) and not all(reported for *_, reported, _ in rows)
    crm_renamed = bank.one("""
        select count(*) from truth_life_events e
        join person_of s on s.person_id = e.person_id and s.source_system = 'crm'
        join crm_contacts c on c.contact_id = s.source_record_id
        where e.event_type = 'MARRIAGE' and c.last_name = e.new_value""")
    assert crm_renamed == 0


def test_new_employers_pay_from_their_start_and_retirements_start_pensions(bank):
    # After a job change, payroll from the new employer's name (never before the event).
    early = bank.one("""
        select count(*) from truth_life_events e
        join person_of s on s.source_system = 'core' and s.person_id = e.person_id
        join core_accounts a on a.customer_id = s.source_record_id
        join core_postings p on p.account_number = a.account_number
        where e.event_type in ('NEW_EMPLOYER', 'GRADUATION') and p.transaction_code = 'SAL'
          and p.counterparty_name = e.new_value and p.value_date < e.event_date""")
    assert early == 0
    paid_by_new = bank.one("""
        select count(distinct e.person_id) from truth_life_events e
        join person_of s on s.source_system = 'core' and s.person_id = e.person_id
        join core_accounts a on a.customer_id = s.source_record_id
        join core_postings p on p.account_number = a.account_number
        where e.event_type = 'NEW_EMPLOYER' and p.transaction_code = 'SAL' and p.counterparty_name = e.new_value""")
    assert paid_by_new > 0
    pensions = bank.sql("""
        select count(distinct e.person_id),
               count(distinct e.person_id) filter (where p.value_date < e.event_date)
        from truth_life_events e
        join person_of s on s.source_system = 'core' and s.person_id = e.person_id
        join core_accounts a on a.customer_id = s.source_record_id
        join core_postings p on p.account_number = a.account_number
        where e.event_type = 'RETIREMENT' and p.transaction_code = 'PEN'""")
    assert pensions[0][0] > 0 and pensions[0][1] == 0


def test_births_prompt_life_cover_and_moves_prompt_mortgages(bank):
    def rate(event: str, product: str) -> tuple[float, float]:
        """Share of people opening `product` in the window: after the event vs among everyone else."""
        row = bank.sql(f"""
            with opened as (
                select distinct s.person_id, x.open_date from (
                    select customer_id, product_code, open_date from core_accounts
                    union all select customer_id, product_code, effective_date from core_insurance_policies) x
                join person_of s on s.source_system = 'core' and s.source_record_id = x.customer_id
                where x.product_code = '{product}' and x.open_date >= date '{START}')
            select
                avg(case when o.person_id is not null then 1.0 else 0 end) filter (where e.person_id is not null),
                avg(case when o.person_id is not null then 1.0 else 0 end) filter (where e.person_id is null)
            from truth_persons p
            left join truth_life_events e on e.person_id = p.person_id and e.event_type = '{event}'
            left join (select person_id, min(open_date) as open_date from opened group by 1) o
                on o.person_id = p.person_id""")
        return row[0]

    after_birth, others = rate("BIRTH", "INS_LIFE")
    assert after_birth > 2 * others
    after_move, others = rate("MOVE", "LN_MORT")
    assert after_move > 2 * others


def test_graduates_earn_and_spend_more_after_graduating(bank):
    def mean_amount(code: str) -> tuple[float, float]:
        """A graduate's average posting of `code` before the event, and from two months after it."""
        return bank.sql(f"""
            select avg(p.amount) filter (where p.value_date < e.event_date),
                   avg(p.amount) filter (where p.value_date >= e.event_date + interval 60 day)
            from truth_life_events e
            join person_of s on s.source_system = 'core' and s.person_id = e.person_id
            join core_accounts a on a.customer_id = s.source_record_id
            join core_postings p on p.account_number = a.account_number
            where e.event_type = 'GRADUATION' and p.transaction_code = '{code}'""")[0]

    before, after = mean_amount("SAL")
    assert after > 2 * before  # a graduate job pays several times a student job
    before, after = mean_amount("POS")
    assert 1.1 < after / before <= personas.GRADUATE_MAX_SPEND_SHIFT * 1.3
