"""How each siloed system garbles what it records: every source-system wart of the simulation, with its rate.

The headline rates are documented in the README and printed by `c360 generate --help`.

Formatting is per person (not per transaction), so plain Python over a chunk's people is cheap.
"""

from __future__ import annotations

import numpy as np

# -- Core banking ----------------------------------------------------------------------------------

DUPLICATE_CORE_RATE = 0.06  # of customers holding a second product: opened it at another branch as a new CUST
NAME_CASING = {"title": 0.70, "upper": 0.20, "lower": 0.10}
DOB_FORMATS = {"%Y-%m-%d": 0.40, "%m/%d/%Y": 0.35, "%d-%b-%Y": 0.15, "%Y%m%d": 0.09, None: 0.01}
SSN_FORMATS = {"dashed": 0.80, "digits": 0.15, None: 0.05}
PHONE_FORMATS = {
    "({a}) {p}-{l}": 0.30,
    "{a}-{p}-{l}": 0.30,
    "{a}.{p}.{l}": 0.15,
    "+1 {a} {p} {l}": 0.15,
    "{a}{p}{l}": 0.10,
}
CORE_EMAIL_MISSING = 0.05
CORE_DUPLICATE_EMAIL_MISSING = 0.25  # more often missing on a duplicate record: the second branch skipped it
CORE_DUPLICATE_INCOME_JITTER = (0.85, 1.1)  # a duplicate's stated income, relative to the first record's

# -- Card processors -------------------------------------------------------------------------------

# How a local merchant's card descriptor is written, by who processes its cards: its own acquirer
# (the name as is), Square ("SQ *NAME"), Toast ("TST* NAME", restaurants), PayPal ("PAYPAL *NAME").
# Chains are processed directly and add a store number; online shops add an order code.
LOCAL_DESCRIPTOR_FORMS = {"DIRECT": 0.55, "SQUARE": 0.3, "PAYPAL": 0.05, "TOAST": 0.1}
LOCAL_RESTAURANT_DESCRIPTOR_FORMS = {"DIRECT": 0.4, "SQUARE": 0.25, "PAYPAL": 0.0, "TOAST": 0.35}
# Franchised stores of a chain take cards through Square or Toast themselves: no store number, and a
# prefix that leaves fewer letters of the name than the chain's own descriptor.
CHAIN_FRANCHISE_AGGREGATOR_SHARE = 0.08
STORE_NUMBER_STYLES = {" #{:04d}": 0.6, " {:04d}": 0.3, "#{:04d}": 0.1}  # per chain
DESCRIPTOR_NAME_WIDTH = 22  # the name field, truncated: ISO 8583 field 43 as card networks print it
DESCRIPTOR_CITY_WIDTH = 13
ORDER_CODE_VARIANTS = 16  # distinct order codes per online merchant (a new one every purchase in reality)

# -- CRM -------------------------------------------------------------------------------------------

CRM_UNLINKED_RATE = 0.15  # contacts with no core customer id
CRM_EMAIL_ALIAS_RATE = 0.10  # plus-address, different case or stray spaces
CRM_DUPLICATE_RATE = 0.05  # a second contact for the same person, never linked to core
CRM_DUPLICATE_DELAY_DAYS = (30, 700)  # the duplicate is created this many days after the first contact
CRM_DUPLICATE_ACTIVITY_SHARE = 0.3  # cases and tasks an agent files on the duplicate rather than the first
CRM_PHONE_FORMATS = {"({a}) {p}-{l}": 0.7, "{a}-{p}-{l}": 0.3}  # the CRM's input mask allows two

# -- Digital app -----------------------------------------------------------------------------------

APP_OTHER_EMAIL_RATE = 0.10  # registered with a personal address the bank does not hold
APP_NO_VERIFIED_PHONE_RATE = 0.15  # never set up the two-factor mobile number

# -- Branch sheets ---------------------------------------------------------------------------------

BRANCH_DUPLICATE_ROW_RATE = 0.25  # branches listed twice under a variant name
BRANCH_DUPLICATE_CODE_MISSING_RATE = 0.5  # of those duplicate rows, the branch code left blank
NOTE_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d %b %Y", "%B %d, %Y", "%d.%m.%Y")  # in the sheets, equally often
NOTE_DATE_WEIGHTS = {f: 1 / len(NOTE_DATE_FORMATS) for f in NOTE_DATE_FORMATS}
# How a relationship manager names the customer in a note, equally often: "John S. (VIP)", "Smith, John",
# their email, "J. Smith" or "JOHN SMITH".
NOTE_CUSTOMER_REF_STYLES = (
    lambda first, last, email: f"{first} {last[0]}. (VIP)",
    lambda first, last, email: f"{last}, {first}",
    lambda first, last, email: email,
    lambda first, last, email: f"{first[0]}. {last}",
    lambda first, last, email: f"{first} {last}".upper(),
)


def _choose(rng: np.random.Generator, options: dict, n: int) -> np.ndarray:
    keys = list(options)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=np.array(list(options.values())))]


def cased(rng: np.random.Generator, names: np.ndarray) -> np.ndarray:
    style = _choose(rng, NAME_CASING, len(names))
    return np.array(
        [
            s.upper() if st == "upper" else s.lower() if st == "lower" else s
            for s, st in zip(names.tolist(), style.tolist(), strict=True)
        ],
        dtype=object,
    )


def format_dates(rng: np.random.Generator, dates: np.ndarray, formats: dict) -> np.ndarray:
    fmt = _choose(rng, formats, len(dates))
    as_py = dates.astype("datetime64[D]").astype(object)
    return np.array(
        [d.strftime(f) if f is not None else None for d, f in zip(as_py, fmt.tolist(), strict=True)], dtype=object
    )


def format_ssns(rng: np.random.Generator, ssn: np.ndarray) -> np.ndarray:
    style = _choose(rng, SSN_FORMATS, len(ssn))
    return np.array(
        [
            s if st == "dashed" else s.replace("-", "") if st == "digits" else None
            for s, st in zip(ssn.tolist(), style.tolist(), strict=True)
        ],
        dtype=object,
    )


def format_phones(rng: np.random.Generator, digits: np.ndarray, formats: dict = PHONE_FORMATS) -> np.ndarray:
    fmt = _choose(rng, formats, len(digits))
    return np.array(
        [f.format(a=d[:3], p=d[3:6], l=d[6:]) for d, f in zip(digits.tolist(), fmt.tolist(), strict=True)], dtype=object
    )


def alias_emails(rng: np.random.Generator, emails: np.ndarray) -> np.ndarray:
    """An email as a CRM agent might have typed it: a plus-alias, capitals or stray spaces."""
    kind = rng.integers(0, 3, len(emails))
    out = []
    for e, k in zip(emails.tolist(), kind.tolist(), strict=True):
        local, domain = e.split("@")
        out.append(f"{local}+bank@{domain}" if k == 0 else e.upper() if k == 1 else f" {e} ")
    return np.array(out, dtype=object)


def note_customer_refs(rng: np.random.Generator, first: np.ndarray, last: np.ndarray, email: np.ndarray) -> np.ndarray:
    """The customer as a relationship manager names them in a note: one style of NOTE_CUSTOMER_REF_STYLES each."""
    style = rng.integers(0, len(NOTE_CUSTOMER_REF_STYLES), len(first))
    return np.array(
        [
            NOTE_CUSTOMER_REF_STYLES[s](f, surname, e)
            for f, surname, e, s in zip(first.tolist(), last.tolist(), email.tolist(), style.tolist(), strict=True)
        ],
        dtype=object,
    )


def personal_emails(rng: np.random.Generator, first_names: np.ndarray) -> np.ndarray:
    """A personal address someone might register an app with instead of the one the bank holds."""
    tag = rng.integers(10, 99, len(first_names)).astype(str)
    return np.char.add(np.char.add(np.char.lower(first_names.astype(str)), tag), "@example.net").astype(object)


def branch_name_variants(rng: np.random.Generator, names: list[str], pick: np.ndarray) -> np.ndarray:
    """How branch staff write a branch's name in a spreadsheet."""
    style = rng.integers(0, 5, len(pick))
    out = []
    for i, s in zip(pick.tolist(), style.tolist(), strict=True):
        name = names[i]
        out.append(
            name
            if s == 0
            else name.upper()
            if s == 1
            else f"{name} Branch"
            if s == 2
            else f"{name} Br."
            if s == 3
            else f"{name.lower()} "
        )
    return np.array(out, dtype=object)


# -- Life events in the systems ----------------------------------------------------------------------

# The customer master is where statements go, so every move reaches it; the CRM's mailing state follows
# only after a lag (agents update it when the customer calls), drawn per mover in days.
CRM_ADDRESS_LAG_DAYS = (30, 540)
# A surname change reaches core banking when the customer brings the marriage certificate to a branch;
# the CRM and the app keep the old name (and every email address keeps spelling it).
CORE_SURNAME_UPDATED = 0.8
