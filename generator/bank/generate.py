"""Generate a bank: validate arguments, simulate chunks in parallel, write atomically, summarise."""

from __future__ import annotations

import json
import os
import shutil
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from generator import __version__
from generator.bank import answer_key
from generator.bank.chunk import CHUNK_CUSTOMERS, simulate_chunk
from generator.bank.context import RunWide, run_wide
from generator.bank.days import build_calendar
from generator.bank.ids import MAX_CUSTOMERS
from generator.bank.reference import load_reference
from generator.bank.systems import branch
from generator.errors import UsageError
from generator.progress import Progress
from generator.warehouse import contract
from generator.warehouse.landing import MANIFEST, write_part


@dataclass(frozen=True)
class GenerateConfig:
    customers: int = 5_000
    start: str = "2023-01-01"
    end: str = "2025-12-31"
    seed: int = 42
    out: Path = Path("data/landing")
    truth: Path | None = None  # default: a `truth` folder beside `out`
    workers: int = 0  # 0: one per core, at most two chunks in flight per worker

    @property
    def truth_dir(self) -> Path:
        return self.truth if self.truth is not None else self.out.parent / "truth"


def _date(text: str, option: str) -> np.datetime64:
    try:
        return np.datetime64(text, "D")
    except ValueError:
        raise UsageError(f"{option} must be a date as YYYY-MM-DD, got {text!r}") from None


def validate(cfg: GenerateConfig) -> tuple[np.datetime64, np.datetime64]:
    if cfg.customers <= 0:
        raise UsageError(f"--customers must be a positive number, got {cfg.customers}")
    if cfg.customers > MAX_CUSTOMERS:
        raise UsageError(
            f"--customers can be at most {MAX_CUSTOMERS:,} (the fictional SSN and key ranges), got {cfg.customers:,}"
        )
    if not 0 <= cfg.seed < 2**63:
        raise UsageError(f"--seed must be a non-negative integer below 2**63, got {cfg.seed}")
    start, end = _date(cfg.start, "--start"), _date(cfg.end, "--end")
    if end < start:
        raise UsageError(f"--end ({cfg.end}) is before --start ({cfg.start})")
    if (end.astype("datetime64[M]") - start.astype("datetime64[M]")).astype(int) < 11:
        raise UsageError("the window from --start to --end must span at least 12 calendar months")
    for folder, option in ((cfg.out, "--out"), (cfg.truth_dir, "--truth")):
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{option} {folder} exists and is not a folder")
        parent = _existing_parent(folder)
        if not os.access(parent, os.W_OK | os.X_OK):
            raise UsageError(f"{option} {folder} is not writable (no write permission on {parent})")
    if cfg.out.resolve() == cfg.truth_dir.resolve():
        raise UsageError("--truth must be a different folder from --out: the answer key is kept apart")
    return start, end


def _existing_parent(path: Path) -> Path:
    path = path.resolve()
    while not path.exists():
        path = path.parent
    return path if path.is_dir() else path.parent


def _chunk_task(args: tuple[RunWide, int, int, int, Path, Path]) -> dict[str, int]:
    """Simulate one chunk in a worker, writing each table the moment it is ready."""
    run, chunk, first, n, out, truth = args
    labels = np.datetime_as_string(run.cal.months, unit="M")
    counts: dict[str, int] = {}

    def write(system: str, table: str, rows: pa.Table, months: np.ndarray | None) -> None:
        if system != "truth":
            contract.require(f"{system}.{table}", rows.schema)
        folder = truth / table if system == "truth" else out / system / table
        write_part(rows, folder, chunk, months, labels if months is not None else None)
        counts[f"{system}.{table}"] = rows.num_rows

    simulate_chunk(run, chunk, first, n, write)
    return counts


def generate(cfg: GenerateConfig, *, show_progress: bool = True) -> GenerateSummary:
    """Write the landing tables and the answer key; returns the run summary."""
    start, end = validate(cfg)
    began = time.perf_counter()
    ref = load_reference()
    first, last = ref.coverage
    if start < first or end > last:
        raise UsageError(f"the window must lie within {first} .. {last}, the span of the holiday and FX seeds")
    cal = build_calendar(start, end, ref.holidays)
    run = run_wide(cfg.seed, cal, ref)

    out, truth = cfg.out.resolve(), cfg.truth_dir.resolve()
    tmp_out = out.parent / f".{out.name}.partial-{os.getpid()}"
    tmp_truth = truth.parent / f".{truth.name}.partial-{os.getpid()}"
    starts = list(range(0, cfg.customers, CHUNK_CUSTOMERS))
    tasks = [(run, i, s, min(CHUNK_CUSTOMERS, cfg.customers - s), tmp_out, tmp_truth) for i, s in enumerate(starts)]
    workers = cfg.workers or min(os.cpu_count() or 1, len(tasks))
    counts: dict[str, int] = {}
    progress = Progress("generating", len(tasks), "chunks", enabled=show_progress)
    try:
        for folder in (tmp_out, tmp_truth):
            shutil.rmtree(folder, ignore_errors=True)
            try:
                folder.mkdir(parents=True)
            except OSError as exc:
                raise UsageError(f"{folder.parent} is not writable ({exc.strerror})") from None
        branches = branch.branches(run)
        contract.require("branch.branches", branches.schema)
        write_part(branches, tmp_out / "branch" / "branches", 0)
        counts["branch.branches"] = branches.num_rows
        locations = answer_key.merchant_locations(run.merchants)
        write_part(locations, tmp_truth / "merchant_locations", 0)
        counts["truth.merchant_locations"] = locations.num_rows
        for chunk_counts in _run_tasks(tasks, workers):
            for k, v in chunk_counts.items():
                counts[k] = counts.get(k, 0) + v
            progress.advance(1, f"{_transaction_rows(counts) / (time.perf_counter() - began) / 1e6:.2f}M txn rows/s")
        summary = _summary(cfg, counts, time.perf_counter() - began, out, truth)
        (tmp_out / MANIFEST).write_text(json.dumps(_manifest(cfg, counts), indent=2, sort_keys=True) + "\n")
        _replace(tmp_truth, truth)
        _replace(tmp_out, out)
    except BaseException:
        for folder in (tmp_out, tmp_truth):
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return summary


def _run_tasks(tasks, workers):
    if workers <= 1:
        for task in tasks:
            yield _chunk_task(task)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending, queue = set(), list(tasks)
        while queue or pending:
            while queue and len(pending) < workers:  # bounded in flight: memory stays flat
                pending.add(pool.submit(_chunk_task, queue.pop(0)))
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()


def _transaction_rows(counts: dict[str, int]) -> int:
    return counts.get("core.postings", 0) + counts.get("cards.card_transactions", 0)


def _manifest(cfg: GenerateConfig, counts: dict[str, int]) -> dict:
    """Deterministic: arguments and counts only, never a timestamp or a path."""
    params = {k: v for k, v in asdict(cfg).items() if k not in ("out", "truth", "workers")}
    return {
        "generator_version": __version__,
        "arguments": params,
        "chunk_customers": CHUNK_CUSTOMERS,
        "row_counts": {k: v for k, v in sorted(counts.items()) if not k.startswith("truth.")},
    }


@dataclass(frozen=True)
class GenerateSummary:
    seconds: float
    out: Path
    truth: Path
    row_counts: dict[str, int]  # system.table (truth.table for the answer key) -> rows written

    @property
    def transaction_rows(self) -> int:
        return _transaction_rows(self.row_counts)

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())


def _summary(cfg, counts, seconds, out, truth) -> GenerateSummary:
    return GenerateSummary(seconds=seconds, out=out, truth=truth, row_counts=dict(sorted(counts.items())))


def _replace(src: Path, dst: Path) -> None:
    """Swap a finished folder into place; the old one is removed only after the swap."""
    old = dst.parent / f".{dst.name}.old-{os.getpid()}"
    if dst.exists():
        dst.rename(old)
    src.rename(dst)
    shutil.rmtree(old, ignore_errors=True)
