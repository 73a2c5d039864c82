"""Every assumption of the profitability marts is a seed: their SQL holds no rate or cost of its own.

The models may count and divide by the months of a year, but a funds-transfer-pricing rate, an
interchange rate or a cost per interaction written into the SQL would be an assumption nobody can see or
change; this reads the SQL and fails on any numeric literal other than those structural ones.
"""

from __future__ import annotations

import re

from .harness import ROOT

MODELS = [
    "models/intermediate/profitability/int_profitability__account_months.sql",
    "models/intermediate/segments/int_customers__segment_monthly.sql",
    "models/marts/wallet/customer_profitability_monthly.sql",
    "models/marts/wallet/portfolio_monthly.sql",
    "models/marts/wallet/segment_channel_mix_monthly.sql",
]
# 0 and 1 (coalesce, shares), 2 (the mean of opening and closing), 12 (months in a year).
STRUCTURAL = {"0", "1", "1.0", "2", "12"}
SEEDS = {"ftp_rates", "interchange_rates", "cost_to_serve"}


def code_of(path: str) -> str:
    """The SQL without Jinja comments, SQL comments, group-by positions and quoted strings (which may hold digits)."""
    text = (ROOT / path).read_text()
    text = re.sub(r"\{#.*?#\}", " ", text, flags=re.S)
    text = re.sub(r"--[^\n]*", " ", text)
    text = re.sub(r"group by [\d,\s]+", "group by ", text)  # column positions
    return re.sub(r"'[^']*'", "''", text)


def test_no_rate_or_cost_literal_in_the_sql():
    found = {
        path: sorted(set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", code_of(path))) - STRUCTURAL)
        for path in MODELS
    }
    assert all(not literals for literals in found.values()), found


def test_the_check_sees_a_literal_when_there_is_one():
    # The pattern the test relies on does find a rate written into SQL.
    assert re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", "amount_usd * 0.015 / 12") == ["0.015", "12"]


def test_every_assumption_seed_is_read():
    refs = set()
    for path in MODELS:
        refs |= set(re.findall(r"ref\('([a-z_]+)'\)", (ROOT / path).read_text()))
    assert refs >= SEEDS, SEEDS - refs
