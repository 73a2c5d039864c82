"""Numpy to Arrow columns with the types the warehouse should see."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

MONEY = pa.decimal128(18, 2)


def money(cents: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """Exact decimal(18,2) from integer cents, without a float round trip."""
    cents = np.ascontiguousarray(cents, dtype=np.int64)
    words = np.empty((len(cents), 2), dtype=np.int64)
    words[:, 0], words[:, 1] = cents, cents >> 63  # 128-bit two's complement, little-endian
    validity = None if valid is None else pa.array(np.asarray(valid, dtype=bool)).buffers()[1]
    return pa.Array.from_buffers(
        MONEY, len(cents), [validity, pa.py_buffer(words)], null_count=-1 if valid is not None else 0
    )


def timestamps(start: np.datetime64, day: np.ndarray, second: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """UTC timestamps (stored without a zone) from window day index and second of day."""
    epoch_day = start.astype("datetime64[D]").astype(np.int64) + day.astype(np.int64)
    micros = (epoch_day * 86_400 + second.astype(np.int64)) * 1_000_000
    return pa.array(micros, pa.timestamp("us"), mask=None if valid is None else ~valid)


def dates(start: np.datetime64, day: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    epoch_day = (start.astype("datetime64[D]").astype(np.int64) + day.astype(np.int64)).astype(np.int32)
    return pa.array(epoch_day, pa.date32(), mask=None if valid is None else ~valid)


def date_values(values: np.ndarray) -> pa.Array:
    """datetime64[D] with NaT as null."""
    nat = np.isnat(values)
    return pa.array(
        np.where(nat, 0, values.astype("datetime64[D]").astype(np.int64)).astype(np.int32), pa.date32(), mask=nat
    )


def strings(values: np.ndarray) -> pa.Array:
    return pa.array(values.tolist() if values.dtype == object else values.astype(str).tolist(), pa.string())


def labels(codes: np.ndarray, dictionary: tuple[str, ...] | list[str], valid: np.ndarray | None = None) -> pa.Array:
    """A dictionary-encoded string column: cheap in memory and in Parquet for repeated values.

    Repeated dictionary entries (several merchants share one MCC) are folded first: Arrow's Parquet
    writer does not encode a dictionary with duplicates reproducibly, which would break same seed, same bytes.
    """
    dictionary = list(dictionary)
    if len(set(dictionary)) < len(dictionary):
        unique, position = np.unique(np.array(dictionary, dtype=object), return_inverse=True)
        codes, dictionary = position[codes], unique.tolist()
    indices = pa.array(codes.astype(np.int32), pa.int32(), mask=None if valid is None else ~valid)
    return pa.DictionaryArray.from_arrays(indices, pa.array(dictionary, pa.string()))


def optional(values: np.ndarray, valid: np.ndarray, type_: pa.DataType) -> pa.Array:
    return pa.array(values, type_, mask=~valid)


def labels_used(codes: np.ndarray, dictionary: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """Like labels, for a large dictionary of which a table uses a part (merchant locations): only the
    entries used are written, so each Parquet file carries a dictionary of its own size."""
    codes = np.where(valid, codes, 0) if valid is not None else codes
    used, position = np.unique(codes, return_inverse=True)
    return labels(position, dictionary[used].tolist() if len(used) else [""], valid)
