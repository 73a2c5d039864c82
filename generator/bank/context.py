"""Everything one chunk's generators share: its random stream, people, accounts and output rows."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from generator.bank import personas
from generator.bank.days import Calendar
from generator.bank.ids import CHUNK_ID_STRIDE
from generator.bank.merchants import Merchants, build_merchants
from generator.bank.population import FEMALE_NAMES, LAST_NAMES, MALE_NAMES, People
from generator.bank.products import CARDS, CODE, Accounts
from generator.bank.reference import Reference
from generator.bank.rows import Names, Rows

POSTING_COLUMNS = {
    "account": (np.int32, -1),
    "day": (np.int32, 0),
    "second": (np.int32, 0),
    "cents": (np.int64, 0),
    "credit": (np.bool_, False),
    "code": (np.int8, 0),
    "cp_type": (np.int8, 0),
    "cp_name": (np.int32, -1),
    "merchant": (np.int32, -1),
    "descriptor": (np.int32, -1),
    "series": (np.int64, -1),
    "kind": (np.int8, 0),
}
CARD_COLUMNS = {
    "account": (np.int32, -1),
    "day": (np.int32, 0),
    "second": (np.int32, 0),
    "usd_cents": (np.int64, 0),
    "original_cents": (np.int64, 0),
    "currency": (np.int8, 0),
    "txn_type": (np.int8, 0),
    "status": (np.int8, 0),
    "merchant": (np.int32, -1),
    "descriptor": (np.int32, -1),
    "series": (np.int64, -1),
    "kind": (np.int8, 0),
}


@dataclass
class ChunkContext:
    index: int
    rng: np.random.Generator
    cal: Calendar
    ref: Reference
    people: People
    accounts: Accounts
    merchants: Merchants
    names: Names = field(default_factory=Names)
    postings: Rows = field(default_factory=lambda: Rows(POSTING_COLUMNS))
    card_rows: Rows = field(default_factory=lambda: Rows(CARD_COLUMNS))
    external_holders: dict[str, np.ndarray] = field(default_factory=dict)  # ELP/ECP payers, for the answer key
    # The wallet elsewhere (wallet.py): each person's own bank elsewhere (index into codes.EXTERNAL_BANKS), who
    # holds a deposit there regardless of flows, and the planned investments, loans and cards (wallet.Holdings).
    own_bank: np.ndarray | None = None
    owns_deposit: np.ndarray | None = None
    wallet: object = None
    _series: int = 0

    def __post_init__(self) -> None:
        acc, n = self.accounts, len(self.people)
        self.open_day = np.clip(self.cal.day_index(acc.open_date), 0, self.cal.n_days)
        self.checking = np.full(n, -1)
        chk = acc.of(CODE["CHK_STD"])
        self.checking[acc.person[chk]] = chk
        # The card a person uses day to day: the cash-back card if they have one, else the travel card.
        self.card = np.full(n, -1)
        for code in CARDS[::-1]:
            idx = acc.of(code)
            self.card[acc.person[idx]] = idx
        self.savings = np.full(n, -1)
        sav = acc.of(CODE["SAV_HY"])
        self.savings[acc.person[sav]] = sav

    def new_series(self, count: int) -> np.ndarray:
        ids = self.index * CHUNK_ID_STRIDE + self._series + np.arange(count, dtype=np.int64)
        self._series += count
        return ids

    def is_customer(self, person: np.ndarray, day: np.ndarray) -> np.ndarray:
        return (day >= self.people.first_day[person]) & (day < self.people.end_day[person])

    def card_for(self, person: np.ndarray, day: np.ndarray) -> np.ndarray:
        """The card that pays on that day, or -1 where the person has no open card yet."""
        card = self.card[person]
        usable = (card >= 0) & (day >= self.open_day[np.maximum(card, 0)])
        return np.where(usable, card, -1)

    def seconds(self, hours_lo: float, hours_hi: float, count: int) -> np.ndarray:
        return (hours_lo * 3600 + self.rng.random(count) * (hours_hi - hours_lo) * 3600).astype(np.int32)


@dataclass(frozen=True)
class RunWide:
    """What every chunk of one run shares: calendar, reference data, market prices, RM names."""

    seed: int
    cal: Calendar
    ref: Reference
    prices: np.ndarray  # [month, security] month-end prices
    market: np.ndarray  # [month] log return of the index investments at other institutions follow
    rm_names: list[list[str]]  # per branch
    merchants: Merchants


def run_wide(seed: int, cal: Calendar, ref: Reference) -> RunWide:
    rng = np.random.default_rng([seed, 0x5EC])
    sec = ref.securities
    drift = np.array([float(s["annual_drift"]) for s in sec])
    vol = np.array([float(s["annual_volatility"]) for s in sec])
    start = np.array([float(s["start_price_usd"]) for s in sec])
    shocks = rng.normal((drift - vol**2 / 2) / 12, vol / np.sqrt(12), (cal.n_months, len(sec)))
    prices = np.round(start * np.exp(np.cumsum(shocks, axis=0)), 2)
    market = np.random.default_rng([seed, 0x1DE]).normal(
        (personas.EXT_MARKET_RETURN[0] - personas.EXT_MARKET_RETURN[1] ** 2 / 2) / 12,
        personas.EXT_MARKET_RETURN[1] / np.sqrt(12),
        cal.n_months,
    )
    names_rng = np.random.default_rng([seed, 0xB7A])
    rm_names = []
    for _ in ref.branches:
        female = names_rng.random(personas.RMS_PER_BRANCH) < personas.FEMALE_SHARE
        firsts = [
            (FEMALE_NAMES if f else MALE_NAMES)[0][
                names_rng.choice(len((FEMALE_NAMES if f else MALE_NAMES)[0]), p=(FEMALE_NAMES if f else MALE_NAMES)[1])
            ]
            for f in female
        ]
        lasts = LAST_NAMES[0][names_rng.choice(len(LAST_NAMES[0]), size=personas.RMS_PER_BRANCH, p=LAST_NAMES[1])]
        rm_names.append([f"{first} {last}" for first, last in zip(firsts, lasts, strict=True)])
    merchants = build_merchants(seed, ref)
    return RunWide(seed=seed, cal=cal, ref=ref, prices=prices, market=market, rm_names=rm_names, merchants=merchants)
