"""Everything one chunk's generators share: its random stream, people, accounts and output rows."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from generator.calendar import Calendar
from generator.ids import CHUNK_ID_STRIDE
from generator.population import People
from generator.products import CARDS, CODE, Accounts
from generator.reference import Reference
from generator.rows import Names, Rows

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
    names: Names = field(default_factory=Names)
    postings: Rows = field(default_factory=lambda: Rows(POSTING_COLUMNS))
    card_rows: Rows = field(default_factory=lambda: Rows(CARD_COLUMNS))
    external_holders: dict[str, np.ndarray] = field(default_factory=dict)  # ELP/ECP payers, for the answer key
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
