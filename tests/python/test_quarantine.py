"""Raw rows that cannot be cleaned are quarantined with the right reason, never dropped."""

from __future__ import annotations

import duckdb

from .harness import check, workspace

# (raw table, key column, how the row is corrupted, reason it must be quarantined with)
CORRUPTIONS = [
    ("raw_core.customers", "customer_id", "date_of_birth = '31/31/1999'", "UNPARSEABLE_DATE"),
    ("raw_core.postings", "posting_id", "amount = -5", "IMPOSSIBLE_AMOUNT"),
    ("raw_core.postings", "posting_id", "transaction_code = 'ZZZ'", "UNKNOWN_CODE"),
    ("raw_core.account_balances_monthly", "account_number", "closing_balance = closing_balance + 1", "UNBALANCED"),
    ("raw_cards.card_transactions", "card_txn_id", "currency_code = 'XYZ'", "UNKNOWN_CURRENCY"),
    ("raw_crm.cases", "case_id", "satisfaction_score = 9", "OUT_OF_RANGE"),
    ("raw_app.sessions", "session_id", "ended_at = started_at - interval 1 hour", "IMPOSSIBLE_DATE"),
    ("raw_branch.rm_notes", "note_id", "note_date = 'sometime in spring'", "UNPARSEABLE_DATE"),
    ("raw_crm.tasks", "task_id", "task_id = null", "MISSING_KEY"),
]


def test_corrupted_raw_rows_land_in_quarantine_with_their_reason(tmp_path):
    ws = workspace(tmp_path)
    ws.generate("small")
    ws.load()
    database = ws.database

    con = duckdb.connect(str(database))
    raw_counts = {}
    for i, (table, key, change, _) in enumerate(CORRUPTIONS):
        # A different row each time (offset i), so corruptions of one table do not overlap.
        con.execute(
            f"update {table} set {change} where rowid = (select rowid from {table} order by {key} limit 1 offset {i})"
        )
        raw_counts[table] = con.execute(f"select count(*) from {table}").fetchone()[0]
    con.close()

    # Staging is all this needs: the seeds it decodes with, its models, and the reconciliation tests.
    check(ws.dbt("seed"))
    check(ws.dbt("run", "--select", "path:models/staging"))
    reconciled = check(ws.dbt("test", "--select", "test_name:reconciles_with_quarantine"))
    # 17 reconciliation tests pass (the run's hooks are counted in PASS= too, so count the tests themselves).
    assert reconciled.stdout.count(" PASS reconciles_with_quarantine") == 17

    con = duckdb.connect(str(database), read_only=True)
    quarantined = con.execute("""
        select source_table, dq_reason from staging.stg_core__quarantine union all
        select source_table, dq_reason from staging.stg_cards__quarantine union all
        select source_table, dq_reason from staging.stg_crm__quarantine union all
        select source_table, dq_reason from staging.stg_app__quarantine union all
        select source_table, dq_reason from staging.stg_branch__quarantine""").fetchall()
    expected = sorted((table.split(".")[1], reason) for table, _, _, reason in CORRUPTIONS)
    assert sorted(quarantined) == expected
    # Each quarantined row keeps the raw record, and the clean models are short by exactly those rows.
    assert con.execute("select count(*) from staging.stg_core__quarantine where raw_record is null").fetchone()[0] == 0
    clean_postings = con.execute("select count(*) from staging.stg_core__postings").fetchone()[0]
    assert clean_postings == raw_counts["raw_core.postings"] - 2
