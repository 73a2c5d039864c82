"""Source-system codes as the systems record them. The posting codes come from seeds/transaction_codes.csv,
the same file staging decodes them with."""

from __future__ import annotations

from generator.bank import reference

# Core banking posting codes in the seed's row order (Parquet dictionaries follow this order); from the
# seed's other columns, the ones that credit the account and the counterparty type each posting carries.
_TXN_SEED = reference.read_seed(reference.packaged_seeds(), "transaction_codes")
TXN_CODES = tuple(row["transaction_code"] for row in _TXN_SEED)
TXN = {c: i for i, c in enumerate(TXN_CODES)}
CREDIT_CODES = frozenset(row["transaction_code"] for row in _TXN_SEED if row["direction"] == "CREDIT")
COUNTERPARTY_OF = {row["transaction_code"]: row["counterparty_type"] for row in _TXN_SEED}

COUNTERPARTY_TYPES = (
    "MERCHANT",
    "BILLER",
    "EMPLOYER",
    "GOVERNMENT",
    "INTERNAL_TRANSFER",
    "EXTERNAL_BANK",
    "EXTERNAL_LENDER",
    "EXTERNAL_CARD_ISSUER",
    "P2P",
    "CASH",
    "BANK",
)
CP = {c: i for i, c in enumerate(COUNTERPARTY_TYPES)}

# Truly recurring series, as the answer key labels them (0 = not recurring).
RECURRING_KINDS = (
    "",
    "SALARY",
    "PENSION",
    "SOCIAL_SECURITY",
    "SUBSCRIPTION",
    "UTILITY",
    "RENT",
    "INSURANCE_PREMIUM",
    "EXTERNAL_LOAN",
    "LOAN_PAYMENT",
)
KIND = {c: i for i, c in enumerate(RECURRING_KINDS)}

CARD_TXN_TYPES = ("PURCHASE", "PAYMENT", "INTEREST", "FEE")
CARD_TYPE = {c: i for i, c in enumerate(CARD_TXN_TYPES)}
CARD_STATUSES = ("SETTLED", "DECLINED", "REVERSED")
CARD_STATUS = {c: i for i, c in enumerate(CARD_STATUSES)}

# Other institutions (invented names) where customers hold the products of their wallet elsewhere, per
# product family (wallet.py). Lender pools are disjoint, so a person's institution names their product.
EXTERNAL_BANKS = ("First Example National Bank", "Sample Federal Credit Union", "Demo Online Bank")
INVESTMENT_FIRMS = ("Example Brokerage Company", "Sample Retirement Services", "Demo Index Investors")
MORTGAGE_LENDERS = ("Contoso Home Loans", "Lakeside Mortgage Company")
AUTO_LENDERS = ("Northwind Auto Finance", "Litware Motor Credit")
STUDENT_LENDERS = ("Fabrikam Student Lending", "Proseware Education Loans")
PERSONAL_LENDERS = ("Adventure Works Credit", "Wingtip Personal Loans")
CARD_ISSUERS = ("Tailspin Card Services", "Woodgrove Card Services", "Fourth Coffee Card Services")
LENDERS = MORTGAGE_LENDERS + AUTO_LENDERS + STUDENT_LENDERS + PERSONAL_LENDERS
P2P_NETWORK = "PEERSEND TRANSFER"
LANDLORDS = ("Oakridge Property Management", "Cityline Apartments", "Greenway Rentals", "Summit Residential")
BANK_NAME = "EXAMPLE COMMUNITY BANK"
INSURER_NAME = "EXAMPLE BANK INSURANCE SERVICES"
PENSION_PAYER = "EXAMPLE STATE RETIREMENT SYSTEM"
SSA_PAYER = "SSA TREAS 310 XXSOC SEC"
IRS_PAYER = "IRS TREAS 310 TAX REF"
