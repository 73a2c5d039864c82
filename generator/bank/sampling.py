"""Vectorised draws shared by the generators."""

from __future__ import annotations

import numpy as np


def categorical_by_row(rng: np.random.Generator, probabilities: np.ndarray, row: np.ndarray) -> np.ndarray:
    """Draw a column index for each element, using the probability row `probabilities[row[i]]`.

    Each row's cumulative distribution is shifted by its row number, which makes the whole table one
    increasing array: a single searchsorted then draws from every row at once.
    """
    n_rows, n_cols = probabilities.shape
    cumulative = np.cumsum(probabilities, axis=1)
    cumulative /= cumulative[:, -1:]
    shifted = (cumulative + np.arange(n_rows)[:, None]).ravel()
    pick = np.searchsorted(shifted, rng.random(len(row)) + row, side="right") - row * n_cols
    return np.minimum(pick, n_cols - 1)
