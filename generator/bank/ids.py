"""Stable, collision-free identifiers that do not leak the simulation's ordering.

Source systems number their records in their own way; a bijective affine scramble of a global
record index gives each system realistic-looking keys that are unique by construction and
identical whatever the chunking or worker count.
"""

from __future__ import annotations

import numpy as np

# The CLI caps --customers so every key space below stays collision-free.
MAX_CUSTOMERS = 999_900
# Records per chunk are far below this, so chunk-local counters never collide across chunks.
CHUNK_ID_STRIDE = 10_000_000


def scramble(index: np.ndarray, modulus: int, salt: int) -> np.ndarray:
    """A bijection on [0, modulus): multiplier coprime with modulus, so distinct in, distinct out."""
    multiplier = 7_654_321 if modulus % 7_654_321 else 6_543_217
    return (index.astype(np.int64) * multiplier + salt) % modulus


def labelled(prefix: str, numbers: np.ndarray, width: int) -> np.ndarray:
    return np.char.add(prefix, np.char.zfill(numbers.astype(str), width)).astype(object)


def chunk_ids(chunk: int, count: int) -> np.ndarray:
    """Globally unique int64 ids for rows made by one chunk."""
    return chunk * CHUNK_ID_STRIDE + np.arange(count, dtype=np.int64)


def uuids(rng: np.random.Generator, count: int) -> np.ndarray:
    """Random version-4 UUID strings from the chunk's generator, so they are reproducible."""
    raw = np.frombuffer(rng.bytes(16 * count), dtype=np.uint64).reshape(count, 2).copy()
    raw[:, 0] = (raw[:, 0] & np.uint64(0xFFFFFFFFFFFF0FFF)) | np.uint64(0x4000)
    raw[:, 1] = (raw[:, 1] & np.uint64(0x3FFFFFFFFFFFFFFF)) | np.uint64(0x8000000000000000)
    hexes = [f"{a:016x}{b:016x}" for a, b in raw.tolist()]
    return np.array([f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}" for h in hexes], dtype=object)
