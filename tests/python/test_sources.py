"""Each system's keys hold together, the answer key covers every record, and the mess is as documented."""

from __future__ import annotations

import pytest

from generator.bank import mess

ORPHAN_CHECKS = {
    "postings -> accounts": "select count(*) from core_postings p anti join core_accounts a using (account_number)",
    "accounts -> customers": "select count(*) from core_accounts a anti join core_customers c using (customer_id)",
    "policies -> customers": "select count(*) from core_insurance_policies a anti join core_customers c using (customer_id)",
    "balances -> accounts": "select count(*) from core_account_balances_monthly b anti join core_accounts a using (account_number)",
    "schedules -> accounts": "select count(*) from core_loan_schedules b anti join core_accounts a using (account_number)",
    "holdings -> accounts": "select count(*) from core_securities_holdings b anti join core_accounts a using (account_number)",
    "card txns -> card accounts": "select count(*) from cards_card_transactions t anti join cards_card_accounts c using (card_account_id)",
    "card accounts -> core": "select count(*) from cards_card_accounts c anti join core_accounts a on a.account_number = c.card_account_id",
    "cases -> contacts": "select count(*) from crm_cases c anti join crm_contacts using (contact_id)",
    "tasks -> contacts": "select count(*) from crm_tasks c anti join crm_contacts using (contact_id)",
    "contacts -> core": "select count(*) from crm_contacts c anti join core_customers x on x.customer_id = c.core_customer_id "
    "where c.core_customer_id is not null",
    "sessions -> users": "select count(*) from app_sessions s anti join app_users using (user_uuid)",
    "events -> sessions": "select count(*) from app_events e anti join app_sessions s using (session_id)",
    "events -> session's user": "select count(*) from app_events e join app_sessions s using (session_id) "
    "where e.user_uuid <> s.user_uuid",
    "postings -> merchant locations": "select count(*) from core_postings p "
    "anti join truth_merchant_locations using (merchant_id) where p.merchant_id is not null",
    "card txns -> merchant locations": "select count(*) from cards_card_transactions t "
    "anti join truth_merchant_locations using (merchant_id) where t.merchant_id is not null",
    "customers -> branches": "select count(*) from core_customers c anti join seed_branches b "
    "on b.branch_code = c.home_branch_code",
}


@pytest.mark.parametrize("check", sorted(ORPHAN_CHECKS))
def test_referential_integrity(bank, check):
    assert bank.one(ORPHAN_CHECKS[check]) == 0


@pytest.mark.parametrize(
    "table,key",
    [
        ("core_customers", "customer_id"),
        ("core_accounts", "account_number"),
        ("core_postings", "posting_id"),
        ("cards_card_transactions", "card_txn_id"),
        ("crm_contacts", "contact_id"),
        ("app_users", "user_uuid"),
        ("app_events", "event_id"),
        ("branch_rm_notes", "note_id"),
    ],
)
def test_keys_are_unique(bank, table, key):
    assert bank.one(f"select count(*) - count(distinct {key}) from {table}") == 0


def test_nothing_happens_outside_the_window_or_a_customers_tenure(bank):
    assert (
        bank.one("select count(*) from core_postings where value_date not between '2023-01-01' and '2025-12-31'") == 0
    )
    after_churn = bank.one("""
        select count(*) from core_postings p join core_accounts a using (account_number)
        join person_of s on s.source_record_id = a.customer_id join truth_persons t using (person_id)
        where t.churn_date is not null and p.value_date > t.churn_date""")
    assert after_churn == 0
    before_open = bank.one(
        "select count(*) from core_postings p join core_accounts a using (account_number) "
        "where p.value_date < a.open_date"
    )
    assert before_open == 0


@pytest.mark.parametrize(
    "system,table,key",
    [
        ("core", "customers", "customer_id"),
        ("crm", "contacts", "contact_id"),
        ("app", "users", "user_uuid"),
        ("branch", "rm_notes", "note_id"),
        ("cards", "card_accounts", "card_account_id"),
    ],
)
def test_answer_key_names_the_person_behind_every_record(bank, system, table, key):
    records = bank.one(f"select count(*) from {system}_{table}")
    covered = bank.one(f"""select count(*) from {system}_{table} x join truth_source_records s
                           on s.source_system = '{system}' and s.source_table = '{table}' and s.source_record_id = x.{key}""")
    assert covered == records > 0
    assert (
        bank.one(
            f"select count(*) from truth_source_records where source_system = '{system}' and source_table = '{table}'"
        )
        == records
    )


def test_every_person_is_a_core_customer_and_recurring_truth_points_at_real_rows(bank):
    assert (
        bank.one(
            "select count(*) from truth_persons t anti join person_of s "
            "on s.person_id = t.person_id and s.source_table = 'customers'"
        )
        == 0
    )
    dangling = bank.one("""
        select count(*) from truth_recurring_transactions r
        where (r.source_table = 'core.postings' and r.transaction_id not in (select posting_id from core_postings))
           or (r.source_table = 'cards.card_transactions'
               and r.transaction_id not in (select card_txn_id from cards_card_transactions))""")
    assert dangling == 0
    kinds = {k for (k,) in bank.sql("select distinct recurring_kind from truth_recurring_transactions")}
    assert {"SALARY", "SUBSCRIPTION", "UTILITY", "RENT", "LOAN_PAYMENT", "INSURANCE_PREMIUM", "EXTERNAL_LOAN"} <= kinds


def test_core_duplicates_and_formats_match_documented_rates(bank):
    dup_people = bank.one(
        "select count(*) from (select person_id from person_of where source_table = 'customers' "
        "group by 1 having count(*) > 1)"
    )
    with_second_product = bank.one("""
        select count(*) from (select s.person_id from core_accounts a join person_of s on s.source_record_id = a.customer_id
                              group by 1 having count(*) > 1)""")
    assert dup_people / with_second_product == pytest.approx(mess.DUPLICATE_CORE_RATE, abs=0.02)
    dob = dict(
        bank.sql("""
        select case when date_of_birth is null then 'missing'
                    when regexp_full_match(date_of_birth, '\\d{4}-\\d{2}-\\d{2}') then 'iso'
                    when regexp_full_match(date_of_birth, '\\d{2}/\\d{2}/\\d{4}') then 'us'
                    when regexp_full_match(date_of_birth, '\\d{2}-[A-Z][a-z]{2}-\\d{4}') then 'mon'
                    when regexp_full_match(date_of_birth, '\\d{8}') then 'compact' else 'other' end, count(*)
        from core_customers group by 1""")
    )
    total = sum(dob.values())
    assert "other" not in dob
    for name, fmt in (("iso", "%Y-%m-%d"), ("us", "%m/%d/%Y"), ("mon", "%d-%b-%Y"), ("compact", "%Y%m%d")):
        assert dob[name] / total == pytest.approx(mess.DOB_FORMATS[fmt], abs=0.03), name
    upper = bank.one("select avg(case when last_name = upper(last_name) then 1.0 else 0 end) from core_customers")
    assert upper == pytest.approx(mess.NAME_CASING["upper"], abs=0.03)
    phone_formats = bank.one("select count(distinct regexp_replace(phone, '\\d', '9', 'g')) from core_customers")
    assert phone_formats == len(mess.PHONE_FORMATS)


def test_crm_app_and_branch_mess_match_documented_rates(bank):
    unlinked = bank.one("select avg(case when core_customer_id is null then 1.0 else 0 end) from crm_contacts")
    duplicates = bank.one("select count(*) - count(distinct person_id) from person_of where source_table = 'contacts'")
    people = bank.one("select count(distinct person_id) from person_of where source_table = 'contacts'")
    assert duplicates / people == pytest.approx(mess.CRM_DUPLICATE_RATE, abs=0.015)
    # Unlinked: the documented share of primary contacts, plus every duplicate.
    expected = (mess.CRM_UNLINKED_RATE * people + duplicates) / (people + duplicates)
    assert unlinked == pytest.approx(expected, abs=0.03)
    other_email = bank.one("""
        select avg(case when lower(u.email) <> lower(t.email) then 1.0 else 0 end)
        from app_users u join person_of s on s.source_record_id = u.user_uuid join truth_persons t using (person_id)""")
    assert other_email == pytest.approx(mess.APP_OTHER_EMAIL_RATE, abs=0.02)
    no_phone = bank.one("select avg(case when mobile_phone is null then 1.0 else 0 end) from app_users")
    assert no_phone == pytest.approx(mess.APP_NO_VERIFIED_PHONE_RATE, abs=0.02)
    wrong_phone = bank.one("""
        select count(*) from app_users u join person_of s on s.source_record_id = u.user_uuid
        join truth_persons t using (person_id) where u.mobile_phone <> '+1' || t.phone""")
    assert wrong_phone == 0, "a verified number is the person's own"
    branches = bank.one("select count(*) from branch_branches")
    assert branches > bank.one("select count(*) from seed_branches"), "some branches are listed twice"
    spellings = bank.one("select count(distinct branch_name) from branch_rm_notes")
    assert spellings > 3 * bank.one("select count(*) from seed_branches"), "RMs spell branch names many ways"
