"""Reads the dbt seeds, so the generator and the warehouse share one copy of reference data."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.errors import UsageError

PACKAGE = Path(__file__).resolve().parents[1]


def packaged_seeds() -> Path:
    """The dbt project's seeds/: inside an installed wheel they ship as generator/seeds/ (pyproject.toml
    maps the folder there); in a source checkout, or an editable install, they are the project's own."""
    installed = PACKAGE / "seeds"
    return installed if installed.is_dir() else PACKAGE.parent / "seeds"


def read_seed(seeds: Path, name: str) -> list[dict[str, str]]:
    """One seed's rows as dicts of strings, in the file's order."""
    path = seeds / f"{name}.csv"
    if not path.is_file():
        raise UsageError(f"reference data not found: {path} (reinstall customer360, or pass --project-dir)")
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class Reference:
    """Reference data as column arrays, indexed by position."""

    products: list[dict[str, str]]
    merchants: list[dict[str, str]]
    merchant_categories: list[dict[str, str]]
    branches: list[dict[str, str]]
    securities: list[dict[str, str]]
    holidays: np.ndarray  # datetime64[D], observed federal holidays
    fx_months: np.ndarray  # datetime64[M], sorted and unique
    fx_currencies: tuple[str, ...]
    fx_units_per_usd: np.ndarray  # [month, currency]

    @property
    def coverage(self) -> tuple[np.datetime64, np.datetime64]:
        """First and last day that both the holiday and FX calendars cover."""
        first_year = max(self.holidays.min().astype("datetime64[Y]"), self.fx_months[0].astype("datetime64[Y]"))
        last_year = min(self.holidays.max().astype("datetime64[Y]"), self.fx_months[-1].astype("datetime64[Y]"))
        return first_year.astype("datetime64[D]"), (last_year + 1).astype("datetime64[D]") - 1

    def product(self, code: str) -> dict[str, str]:
        for row in self.products:
            if row["product_code"] == code:
                return row
        raise KeyError(code)


def load_reference(seeds: Path | None = None) -> Reference:
    seeds = seeds or packaged_seeds()
    fx = read_seed(seeds, "fx_rates")
    months = np.array(sorted({r["rate_month"][:7] for r in fx}), dtype="datetime64[M]")
    currencies = tuple(sorted({r["currency_code"] for r in fx}))
    rates = np.full((len(months), len(currencies)), np.nan)
    for r in fx:
        m = np.searchsorted(months, np.datetime64(r["rate_month"][:7], "M"))
        rates[m, currencies.index(r["currency_code"])] = float(r["units_per_usd"])
    if np.isnan(rates).any():
        raise UsageError(f"{seeds / 'fx_rates.csv'} has a month without a rate for every currency")
    holidays = np.array([r["holiday_date"] for r in read_seed(seeds, "us_federal_holidays")], dtype="datetime64[D]")
    return Reference(
        products=read_seed(seeds, "products"),
        merchants=read_seed(seeds, "merchants"),
        merchant_categories=read_seed(seeds, "merchant_categories"),
        branches=read_seed(seeds, "branches"),
        securities=read_seed(seeds, "securities"),
        holidays=np.sort(holidays),
        fx_months=months,
        fx_currencies=currencies,
        fx_units_per_usd=rates,
    )
