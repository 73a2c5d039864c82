"""The on-disk layout of a generated bank, shared by the writer and the loaders.

<landing>/<system>/<table>/month=YYYY-MM/part-NNNNN.parquet   (large tables, by month)
<landing>/<system>/<table>/part-NNNNN.parquet                 (everything else)
<landing>/_manifest.json                                      (arguments and row counts)
<truth>/<table>/part-NNNNN.parquet                            (the answer key, kept apart)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from generator.errors import UsageError, read_json

SYSTEMS = ("core", "cards", "crm", "app", "branch")
# Large tables: written in month folders, and partitioned by month (and clustered) in BigQuery.
PARTITIONED = {
    ("core", "postings"): ("value_date", "account_number"),
    ("core", "account_balances_monthly"): ("balance_date", "account_number"),
    ("core", "securities_holdings"): ("as_of_date", "account_number"),
    ("cards", "card_transactions"): ("authorized_at", "card_account_id"),
    ("app", "sessions"): ("started_at", "user_uuid"),
    ("app", "events"): ("event_at", "user_uuid"),
}
MANIFEST = "_manifest.json"


def _write(table: pa.Table, path: Path) -> None:
    """zstd Parquet; dictionary pages only where values repeat (strings), min/max statistics only where a
    reader can prune on them (numbers, dates, timestamps). Both choices halve the time spent writing."""
    textual = [f.name for f in table.schema if pa.types.is_string(f.type) or pa.types.is_dictionary(f.type)]
    numeric = [f.name for f in table.schema if f.name not in textual]
    pq.write_table(table, path, compression="zstd", use_dictionary=textual, write_statistics=numeric)


def write_part(
    table: pa.Table, folder: Path, part: int, months: np.ndarray | None = None, month_labels: np.ndarray | None = None
) -> None:
    """Write one chunk's rows of a table, split into month partitions when months are given."""
    if months is None:
        folder.mkdir(parents=True, exist_ok=True)
        _write(table, folder / f"part-{part:05d}.parquet")
        return
    if len(months) and np.any(months[1:] < months[:-1]):
        order = np.argsort(months, kind="stable")
        table, months = table.take(pa.array(order)), months[order]
    bounds = np.searchsorted(months, np.arange(len(month_labels) + 1))
    for m, label in enumerate(month_labels):
        lo, hi = bounds[m], bounds[m + 1]
        if hi > lo:
            target = folder / f"month={label}"
            target.mkdir(parents=True, exist_ok=True)
            _write(table.slice(lo, hi - lo), target / f"part-{part:05d}.parquet")


def read_manifest(landing: Path) -> dict:
    return read_json(
        landing / MANIFEST,
        missing=f"{landing} is not a generated landing folder (no {MANIFEST}); run 'c360 generate' first",
        fix="regenerate the landing folder",
    )


def table_files(landing: Path, system: str, table: str, through: str | None = None) -> list[Path]:
    """A table's Parquet files; with `through` (YYYY-MM), month folders after that month are left out."""
    files = sorted((landing / system / table).rglob("*.parquet"))
    if through is None:
        return files
    return [f for f in files if not f.parent.name.startswith("month=") or f.parent.name[len("month=") :] <= through]


def check_through(manifest: dict, through: str | None) -> None:
    """`through` must name a month inside the generated period, or nothing would be left to load."""
    if through is None:
        return
    first, last = manifest["arguments"]["start"][:7], manifest["arguments"]["end"][:7]
    if not first <= through <= last:
        raise UsageError(f"--through {through} is outside the generated months {first} to {last}")


def files_to_load(landing: Path, through: str | None = None) -> tuple[dict, dict[str, list[Path]]]:
    """The landing manifest and, per table ("system.table"), the files a load reads; with `through`
    (YYYY-MM), month folders after it are left out. Both loaders start here."""
    manifest = read_manifest(landing)
    check_through(manifest, through)
    files = {}
    for name in sorted(manifest["row_counts"]):
        system, table = name.split(".")
        files[name] = table_files(landing, system, table, through)
        if system not in SYSTEMS or not files[name]:
            raise UsageError(f"{landing} is incomplete: {name} is in the manifest but not on disk")
    return manifest, files


def expected_rows(manifest: dict, name: str, files: list[Path], through: str | None) -> int:
    """Rows a load must end up with: the manifest's count, or the selected files' own counts when
    later months are held back."""
    if through is None:
        return manifest["row_counts"][name]
    return sum(pq.ParquetFile(f).metadata.num_rows for f in files)
