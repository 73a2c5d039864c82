"""The landing contract: every raw table a generated bank holds, its columns and their types.

The generator checks what it writes against it, and both loaders check every landing file against it
before touching the warehouse. A missing column or a changed type is an error; a column the contract
does not know is loaded and named in a warning (source systems add fields; staging selects what it
knows). Types are Arrow's, named plainly: dictionary-encoded strings count as strings.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

MONEY = "decimal(18,2)"

# "system.table" -> ((column, type), ...), in the order the generator writes them.
CONTRACT: dict[str, tuple[tuple[str, str], ...]] = {
    "app.events": (
        ("event_id", "int64"),
        ("session_id", "int64"),
        ("user_uuid", "string"),
        ("event_type", "string"),
        ("event_at", "timestamp"),
    ),
    "app.sessions": (
        ("session_id", "int64"),
        ("user_uuid", "string"),
        ("started_at", "timestamp"),
        ("ended_at", "timestamp"),
        ("device_os", "string"),
        ("app_version", "string"),
    ),
    "app.users": (
        ("user_uuid", "string"),
        ("email", "string"),
        ("mobile_phone", "string"),
        ("registered_at", "timestamp"),
        ("device_os", "string"),
    ),
    "branch.branches": (
        ("sheet_row", "int32"),
        ("branch_code", "string"),
        ("branch_name", "string"),
        ("address", "string"),
        ("city_state", "string"),
        ("phone", "string"),
        ("opened", "string"),
        ("relationship_managers", "string"),
    ),
    "branch.rm_notes": (
        ("note_id", "string"),
        ("branch_name", "string"),
        ("rm_name", "string"),
        ("customer_ref", "string"),
        ("note_date", "string"),
        ("note_text", "string"),
    ),
    "cards.card_accounts": (
        ("card_account_id", "string"),
        ("product_name", "string"),
        ("cardholder_name", "string"),
        ("credit_limit", MONEY),
        ("apr", "float64"),
        ("opened_date", "date"),
        ("account_state", "string"),
        ("closed_date", "date"),
        ("billing_postal_code", "string"),
    ),
    "cards.card_transactions": (
        ("card_txn_id", "int64"),
        ("card_account_id", "string"),
        ("txn_type", "string"),
        ("txn_status", "string"),
        ("authorized_at", "timestamp"),
        ("settlement_date", "date"),
        ("merchant_id", "string"),
        ("merchant_descriptor", "string"),
        ("mcc", "string"),
        ("merchant_country", "string"),
        ("amount", MONEY),
        ("currency_code", "string"),
    ),
    "core.account_balances_monthly": (
        ("account_number", "string"),
        ("balance_date", "date"),
        ("opening_balance", MONEY),
        ("total_credits", MONEY),
        ("total_debits", MONEY),
        ("closing_balance", MONEY),
    ),
    "core.accounts": (
        ("account_number", "string"),
        ("customer_id", "string"),
        ("product_code", "string"),
        ("account_status", "string"),
        ("open_date", "date"),
        ("close_date", "date"),
        ("currency_code", "string"),
        ("interest_rate", "float64"),
        ("term_months", "int32"),
        ("original_principal", MONEY),
        ("instalment_amount", MONEY),
        ("credit_limit", MONEY),
        ("maturity_date", "date"),
    ),
    "core.customers": (
        ("customer_id", "string"),
        ("first_name", "string"),
        ("last_name", "string"),
        ("date_of_birth", "string"),
        ("ssn", "string"),
        ("email", "string"),
        ("phone", "string"),
        ("address_line1", "string"),
        ("city", "string"),
        ("state", "string"),
        ("postal_code", "string"),
        ("job_title", "string"),
        ("employer_name", "string"),
        ("annual_income", MONEY),
        ("customer_type", "string"),
        ("kyc_status", "string"),
        ("risk_rating", "string"),
        ("home_branch_code", "string"),
        ("onboarding_date", "date"),
        ("customer_status", "string"),
        ("closed_date", "date"),
    ),
    "core.insurance_policies": (
        ("policy_number", "string"),
        ("customer_id", "string"),
        ("product_code", "string"),
        ("coverage_amount", MONEY),
        ("annual_premium", MONEY),
        ("premium_frequency", "string"),
        ("effective_date", "date"),
        ("policy_status", "string"),
        ("cancelled_date", "date"),
    ),
    "core.loan_schedules": (
        ("account_number", "string"),
        ("instalment_number", "int32"),
        ("due_date", "date"),
        ("amount_due", MONEY),
        ("principal_due", MONEY),
        ("interest_due", MONEY),
        ("paid_date", "date"),
        ("amount_paid", MONEY),
        ("instalment_status", "string"),
    ),
    "core.postings": (
        ("posting_id", "int64"),
        ("account_number", "string"),
        ("posted_at", "timestamp"),
        ("value_date", "date"),
        ("amount", MONEY),
        ("dr_cr", "string"),
        ("transaction_code", "string"),
        ("counterparty_type", "string"),
        ("counterparty_name", "string"),
        ("merchant_id", "string"),
        ("mcc", "string"),
    ),
    "core.securities_holdings": (
        ("account_number", "string"),
        ("as_of_date", "date"),
        ("symbol", "string"),
        ("quantity", "float64"),
        ("cost_basis", MONEY),
        ("market_price", MONEY),
        ("market_value", MONEY),
    ),
    "crm.cases": (
        ("case_id", "string"),
        ("contact_id", "string"),
        ("category", "string"),
        ("origin_channel", "string"),
        ("priority", "string"),
        ("status", "string"),
        ("opened_at", "timestamp"),
        ("closed_at", "timestamp"),
        ("satisfaction_score", "int8"),
    ),
    "crm.contacts": (
        ("contact_id", "string"),
        ("core_customer_id", "string"),
        ("first_name", "string"),
        ("last_name", "string"),
        ("email", "string"),
        ("phone", "string"),
        ("mailing_state", "string"),
        ("created_at", "timestamp"),
    ),
    "crm.tasks": (
        ("task_id", "string"),
        ("contact_id", "string"),
        ("channel", "string"),
        ("task_type", "string"),
        ("subject", "string"),
        ("created_at", "timestamp"),
        ("duration_seconds", "int32"),
        ("outcome", "string"),
    ),
}


def type_name(arrow_type: pa.DataType) -> str:
    """An Arrow type as the contract names it."""
    if pa.types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    if pa.types.is_decimal(arrow_type):
        return f"decimal({arrow_type.precision},{arrow_type.scale})"
    if pa.types.is_timestamp(arrow_type):
        return "timestamp"
    if pa.types.is_date32(arrow_type):
        return "date"
    if pa.types.is_boolean(arrow_type):
        return "bool"
    if pa.types.is_float64(arrow_type):
        return "float64"
    return str(arrow_type)


@dataclass(frozen=True)
class SchemaCheck:
    """How one file's schema compares with the contract."""

    missing: list[str]  # contract columns the file lacks
    changed: list[tuple[str, str, str]]  # (column, contract type, file's type)
    extra: list[str]  # columns the contract does not know

    @property
    def ok(self) -> bool:
        return not self.missing and not self.changed


def compare(name: str, schema: pa.Schema) -> SchemaCheck:
    expected = dict(CONTRACT[name])
    found = {field.name: type_name(field.type) for field in schema}
    return SchemaCheck(
        missing=[c for c in expected if c not in found],
        changed=[(c, t, found[c]) for c, t in expected.items() if c in found and found[c] != t],
        extra=[c for c in found if c not in expected],
    )


def require(name: str, schema: pa.Schema) -> None:
    """What the generator writes must be exactly the contract: a difference is a bug in the generator."""
    check = compare(name, schema)
    if not check.ok or check.extra or [f.name for f in schema] != [c for c, _ in CONTRACT[name]]:
        raise RuntimeError(f"the generator wrote {name} off its landing contract: {check}")
