"""The category of each discretionary purchase: persona signatures fitted to the CE shares of each age band.

personas.py holds the published Consumer Expenditure Survey figures and each persona's tilt; this module solves,
once at import, for the age bands' base propensities such that each band's mixture of personas spends on the CE
lines in the CE proportions (an iterative proportional fit), and turns the result into a probability of each
category per purchase for every (persona, age band), in a month at home and in a month on a trip.
"""

from __future__ import annotations

import numpy as np

from generator.bank import personas

N_BANDS = len(personas.AGE_BANDS)
N_PERSONAS = len(personas.PERSONAS)
_CAT = {c: i for i, c in enumerate(personas.CATEGORIES)}
ECOMMERCE = _CAT["ECOMMERCE"]
# Assumed window when weighing the personas within a band: the default three years (ages drift through it).
_WINDOW_YEARS = 3.0


def line_shares() -> np.ndarray:
    """CE target: [line, band] share of the covered spending of each age band."""
    usd = np.array(
        [
            sum(sign * np.array(personas.CE_ITEMS_USD[item], dtype=float) for item, sign in items.items())
            for _, items in personas.CE_LINES.values()
        ]
    )
    return usd / usd.sum(axis=0)


def band_of_age(age_years: np.ndarray) -> np.ndarray:
    return np.searchsorted(personas.AGE_BAND_FLOORS, age_years, side="right")


def _persona_years_by_band() -> np.ndarray:
    """[band, persona] expected share of a persona's purchases made at ages within each band."""
    grid = (np.arange(400) + 0.5) / 400
    out = np.zeros((N_BANDS, N_PERSONAS))
    for p, (lo, hi) in enumerate(personas.AGE_RANGE):
        age = (lo + grid[:, None] * (hi + 1 - lo) + grid[None, :] * _WINDOW_YEARS).ravel()
        out[:, p] = np.bincount(band_of_age(age), minlength=N_BANDS) / age.size
    return out


def _fit() -> np.ndarray:
    line_of = np.full(len(personas.CATEGORIES), -1)
    for k, (cats, _) in enumerate(personas.CE_LINES.values()):
        line_of[[_CAT[c] for c in cats]] = k
    covered = line_of >= 0
    assert covered.sum() == len(personas.CATEGORIES) - 1 and not covered[ECOMMERCE]
    split = np.array([personas.LINE_SPLIT.get(c, 1.0) for c in personas.CATEGORIES]) * covered
    mean_usd = personas.AMOUNT_MEDIAN * np.exp(personas.AMOUNT_SIGMA**2 / 2)
    target = line_shares()  # [line, band]
    n_lines = target.shape[0]
    onehot = np.zeros((len(personas.CATEGORIES), n_lines))
    onehot[covered, line_of[covered]] = 1
    # Purchases per band and persona: people of the persona at those ages, times how often they shop.
    purchases = _persona_years_by_band() * personas.PERSONA_WEIGHTS * personas.SPEND_COUNT_MEAN  # [band, persona]
    ecommerce = personas.ECOMMERCE_SHARE[None, :, None]
    line_scale = np.ones((N_BANDS, n_lines))
    for _ in range(500):
        base = line_scale[:, line_of.clip(0)] * split  # [band, category]
        spend = base[:, None, :] * personas.SPEND_TILT[None, :, :]  # [band, persona, category]
        spend = spend / spend.sum(axis=2, keepdims=True) * (1 - ecommerce)
        spend[:, :, ECOMMERCE] = personas.ECOMMERCE_SHARE[None, :]
        per_purchase = 1 / (spend / mean_usd).sum(axis=2)  # mean USD of a purchase, [band, persona]
        covered_usd = purchases * per_purchase * (1 - personas.ECOMMERCE_SHARE)  # [band, persona]
        fitted = np.einsum("bp,bpc,cl->bl", covered_usd, spend / (1 - ecommerce), onehot) / covered_usd.sum(
            axis=1, keepdims=True
        )
        if np.abs(fitted - target.T).max() < 1e-9:
            break
        line_scale *= target.T / np.where(fitted > 0, fitted, 1)
    else:
        raise RuntimeError("the spending mix does not fit the CE shares: check the tilts in personas.py")
    counts = spend / mean_usd  # spend shares -> purchase-count shares
    return (counts / counts.sum(axis=2, keepdims=True)).transpose(1, 0, 2)  # [persona, band, category]


def _home_and_trip(mix: np.ndarray) -> np.ndarray:
    """Split each row into a month at home (no trip categories) and a month on a trip (all of them).

    A trip month takes the trip categories' whole expected share divided by the chance of a trip month, so that
    over all months each category keeps its share of purchases.
    """
    on_trip = np.isin(personas.CATEGORIES, personas.TRIP_CATEGORIES)
    trip_share = mix[..., on_trip].sum(axis=-1, keepdims=True)  # [persona, band, 1]
    x = trip_share / personas.TRIP_MONTH_PROB[:, None, None]  # trip categories' share within a trip month
    assert (x < 1).all(), "a persona's trip categories outweigh its trip months"
    home = np.where(on_trip, 0, mix / (1 - trip_share))
    trip = np.where(on_trip, mix / personas.TRIP_MONTH_PROB[:, None, None], mix * (1 - x) / (1 - trip_share))
    return np.stack([home, trip], axis=2).reshape(N_PERSONAS * N_BANDS * 2, -1)


# The expected mix of a purchase, [persona, band, category], and the probabilities the draw uses, one row per
# (persona, age band, at home or on a trip): row (persona * N_BANDS + band) * 2 + on_trip.
EXPECTED_MIX = _fit()
CATEGORY_PROBABILITIES = _home_and_trip(EXPECTED_MIX)


def row(persona: np.ndarray, age_years: np.ndarray, on_trip: np.ndarray) -> np.ndarray:
    """The CATEGORY_PROBABILITIES row of purchases by these personas, at these ages, at home or on a trip."""
    return (persona * N_BANDS + band_of_age(age_years)) * 2 + on_trip
