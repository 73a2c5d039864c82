"""The on-disk layout of a generated bank, shared by the writer and the loaders, and the check every load
makes before it touches a warehouse.

<landing>/<system>/<table>/month=YYYY-MM/part-NNNNN.parquet   (large tables, by month)
<landing>/<system>/<table>/part-NNNNN.parquet                 (everything else)
<landing>/_manifest.json                                      (arguments and row counts)
<truth>/<table>/part-NNNNN.parquet                            (the answer key, kept apart)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from generator.errors import UsageError, read_json
from generator.progress import Progress
from generator.warehouse import contract

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


def table_files(landing: Path, system: str, table: str) -> list[Path]:
    return sorted((landing / system / table).rglob("*.parquet"))


def _through(files: list[Path], through: str | None) -> list[Path]:
    """With `through` (YYYY-MM), month folders after that month are left out."""
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


@dataclass(frozen=True)
class LandingTable:
    name: str  # system.table
    files: list[Path]  # the files a load reads (all of them, or those up to --through)
    rows: int  # rows in those files
    extra_columns: list[str]  # columns the landing contract does not know: loaded, and warned about

    @property
    def system(self) -> str:
        return self.name.split(".")[0]

    @property
    def table(self) -> str:
        return self.name.split(".")[1]


@dataclass(frozen=True)
class LoadSummary:
    seconds: float
    row_counts: dict[str, int]  # system.table -> rows loaded
    destination: str  # the DuckDB file or the BigQuery project


def _read_whole(path: Path) -> tuple[pa.Schema, int]:
    """Schema and rows of one Parquet file, every page decoded: a truncated or corrupt file fails here."""
    try:
        parquet = pq.ParquetFile(path)
        rows = sum(batch.num_rows for batch in parquet.iter_batches(batch_size=262_144))
        return parquet.schema_arrow, rows
    except (OSError, pa.ArrowException) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"{path} is unreadable ({detail}); regenerate the landing folder") from None


def check_landing(landing: Path, through: str | None = None, *, show_progress: bool = False) -> list[LandingTable]:
    """Every table of the landing contract, checked before a load touches the warehouse: present in the
    manifest and on disk, every file readable to its last page, every contract column there with its type,
    and as many rows as the manifest says. The first fault is a UsageError naming table, file and column.
    Columns the contract does not know are kept and returned, for the loader to load and warn about."""
    manifest = read_manifest(landing)
    check_through(manifest, through)
    counts = manifest.get("row_counts", {})
    unknown = sorted(set(counts) - set(contract.CONTRACT))
    if unknown:
        raise UsageError(f"{landing}: table {unknown[0]} is not in the landing contract; regenerate the landing folder")
    progress = Progress("checking", len(contract.CONTRACT), "tables", enabled=show_progress)
    tables = []
    for name in sorted(contract.CONTRACT):
        system, table = name.split(".")
        files = table_files(landing, system, table)
        if name not in counts or not files:
            where = "the manifest" if name not in counts else "disk"
            raise UsageError(f"{landing}: table {name} is missing from {where}; regenerate the landing folder")
        extra: list[str] = []
        total = 0
        selected = set(_through(files, through))
        selected_rows = 0
        for path in files:
            schema, rows = _read_whole(path)
            check = contract.compare(name, schema)
            relative = path.relative_to(landing)
            if check.missing:
                raise UsageError(f"{name}: {relative} has no column {check.missing[0]} (landing contract)")
            if check.changed:
                column, expected, found = check.changed[0]
                raise UsageError(f"{name}: {relative} column {column} is {found}, the landing contract says {expected}")
            extra += [c for c in check.extra if c not in extra]
            total += rows
            selected_rows += rows if path in selected else 0
        if total != counts[name]:
            raise UsageError(
                f"{name}: {total:,} rows on disk, the manifest says {counts[name]:,}; regenerate the landing folder"
            )
        tables.append(LandingTable(name, [f for f in files if f in selected], selected_rows, extra))
        progress.advance(1, name)
    return tables


def warn_extra_columns(tables: list[LandingTable], where) -> None:
    """One warning line per table that brings columns the contract does not know (they are loaded)."""
    for t in tables:
        if t.extra_columns:
            print(
                f"warning: {t.name} has columns the landing contract does not know: {', '.join(t.extra_columns)} "
                f"(loaded into {where(t)}; staging selects only the columns it knows)",
                file=sys.stderr,
            )
