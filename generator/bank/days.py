"""Day and month grids for the simulated window, with business days from the holiday seed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Calendar:
    start: np.datetime64
    end: np.datetime64
    days: np.ndarray  # datetime64[D], every day of the window
    day_month: np.ndarray  # month index of each day
    months: np.ndarray  # datetime64[M], every month touched by the window
    month_first_day: np.ndarray  # day index of the first window day in each month
    month_day_count: np.ndarray  # window days in each month
    is_business_day: np.ndarray
    prev_business_day: np.ndarray  # latest business day on or before each day; -1 if none in the window

    @property
    def n_days(self) -> int:
        return len(self.days)

    @property
    def n_months(self) -> int:
        return len(self.months)

    def day_index(self, dates: np.ndarray) -> np.ndarray:
        return (dates.astype("datetime64[D]") - self.start).astype(np.int64)

    def month_index(self, dates: np.ndarray) -> np.ndarray:
        return (dates.astype("datetime64[M]") - self.months[0]).astype(np.int64)

    def nominal_day(self, month: np.ndarray, day_of_month: np.ndarray) -> np.ndarray:
        """Day index of day-of-month in month (clipped to month length), or -1 outside the window."""
        first = self.months[month].astype("datetime64[D]")
        length = ((self.months[month] + 1).astype("datetime64[D]") - first).astype(np.int64)
        date = first + np.minimum(day_of_month, length) - 1
        idx = (date - self.start).astype(np.int64)
        return np.where((idx >= 0) & (idx < self.n_days), idx, -1)

    def sample_days(self, rng: np.random.Generator, month: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Draw a day index within each given month, with per-day weights (inverse CDF, vectorised)."""
        cumulative = np.cumsum(weights)
        before = np.concatenate(([0.0], cumulative))[self.month_first_day]
        total = cumulative[self.month_first_day + self.month_day_count - 1] - before
        target = before[month] + rng.random(len(month)) * total[month]
        day = np.searchsorted(cumulative, target, side="right")
        last = self.month_first_day[month] + self.month_day_count[month] - 1
        return np.minimum(day, last)


def build_calendar(start: np.datetime64, end: np.datetime64, holidays: np.ndarray) -> Calendar:
    days = np.arange(start, end + 1, dtype="datetime64[D]")
    months = np.arange(start.astype("datetime64[M]"), end.astype("datetime64[M]") + 1)
    day_month = (days.astype("datetime64[M]") - months[0]).astype(np.int64)
    month_day_count = np.bincount(day_month, minlength=len(months))
    month_first_day = np.concatenate(([0], np.cumsum(month_day_count)[:-1]))
    weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
    is_business = (weekday < 5) & ~np.isin(days, holidays)
    idx = np.arange(len(days))
    # -1 where the window has no business day on or before that day: callers drop such events.
    prev_business = np.maximum.accumulate(np.where(is_business, idx, -1))
    return Calendar(
        start=start,
        end=end,
        days=days,
        day_month=day_month,
        months=months,
        month_first_day=month_first_day,
        month_day_count=month_day_count,
        is_business_day=is_business,
        prev_business_day=prev_business,
    )


def weekday_of(days: np.ndarray) -> np.ndarray:
    """Monday = 0."""
    return (days.astype("datetime64[D]").astype(np.int64) + 3) % 7
