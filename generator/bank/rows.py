"""Column-wise assembly of one output table from several vectorised generators."""

from __future__ import annotations

import numpy as np


class Rows:
    """Collects batches of equal-length column arrays; missing columns take the table's default."""

    def __init__(self, defaults: dict[str, tuple[np.dtype, object]]):
        self.defaults = defaults
        self.parts: list[dict[str, np.ndarray]] = []

    def add(self, **columns: np.ndarray | object) -> None:
        sizes = {len(v) for v in columns.values() if isinstance(v, np.ndarray)}
        if len(sizes) != 1:
            raise ValueError(f"columns of one batch must have one length, got {sorted(sizes)}")
        unknown = set(columns) - set(self.defaults)
        if unknown:
            raise KeyError(f"unknown columns {sorted(unknown)}")
        n = sizes.pop()
        if n:
            self.parts.append({k: (v if isinstance(v, np.ndarray) else np.full(n, v)) for k, v in columns.items()})

    def build(self) -> dict[str, np.ndarray]:
        out = {}
        for name, (dtype, default) in self.defaults.items():
            pieces = [
                p[name] if name in p else np.full(len(next(iter(p.values()))), default, dtype=dtype) for p in self.parts
            ]
            out[name] = np.concatenate(pieces).astype(dtype) if pieces else np.empty(0, dtype=dtype)
        return out

    def drain(self) -> dict[str, np.ndarray]:
        """Build the table and let go of the batches, so the rows are held in memory once, not twice."""
        out = self.build()
        self.parts.clear()
        return out


class Names:
    """A chunk's dictionary of counterparty names; rows store positions, Parquet stores a dictionary."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def of(self, name: str) -> int:
        if name not in self._index:
            self._index[name] = len(self.values)
            self.values.append(name)
        return self._index[name]

    def many(self, names: np.ndarray) -> np.ndarray:
        return np.array([self.of(str(x)) for x in names.tolist()], dtype=np.int32)


def in_time_order(rows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Rows sorted by timestamp, so ids follow time and month partitions are contiguous slices."""
    order = np.argsort(rows["day"].astype(np.int64) * 86_400 + rows["second"], kind="stable")
    return {k: v[order] for k, v in rows.items()}
