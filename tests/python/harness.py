"""The one test harness: paths, named banks, a private profile per workspace, and subprocess runners for
c360 and dbt. Every test module and bench script takes these from here.

Bench scripts run outside pytest; they import this module as `tests.python.harness` after putting the
repository root on sys.path.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SEEDS = ROOT / "seeds"

# Banks by name, as `c360 generate` arguments. `default` is what `c360 generate` makes without arguments.
BANKS = {
    "ci": ["--customers", "400", "--start", "2024-01-01", "--end", "2024-12-31", "--seed", "5"],
    "small": ["--customers", "300", "--start", "2024-01-01", "--end", "2024-12-31"],
    "default": [],
}
DBT_TIMEOUT = 1500  # seconds; a stale emulator can make dbt-bigquery retry for many minutes


def run(
    args: list[str], env: dict | None = None, cwd: Path = ROOT, timeout: float = 900
) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def check(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """The command must have succeeded; otherwise its output's tail is the failure message."""
    if done.returncode != 0:
        raise AssertionError(
            f"{Path(done.args[0]).name} {' '.join(done.args[1:3])} failed:\n{(done.stdout + done.stderr)[-4000:]}"
        )
    return done


def run_peak(args: list, env: dict | None = None, cwd: Path = ROOT) -> tuple[float, int, subprocess.CompletedProcess]:
    """Run a command to its end, sampling the resident memory of it and its children every 50 ms (a sampled
    peak can only under-state a spike shorter than that): (wall seconds, peak RSS in bytes, the process)."""
    import psutil  # a dev dependency, needed only by the bench scripts

    def tree_rss(proc: psutil.Process) -> int:
        total = 0
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):  # a worker that ended while sampled
                total += p.memory_info().rss
        return total

    began = time.perf_counter()
    with tempfile.TemporaryFile() as log:  # not a pipe: a chatty command would fill it and stall
        proc = psutil.Popen([str(a) for a in args], cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc))
            time.sleep(0.05)
        log.seek(0)
        output = log.read().decode(errors="replace")
    return time.perf_counter() - began, peak, subprocess.CompletedProcess(proc.args, proc.returncode, output, "")


def slowest_nodes(target: Path, n: int = 10) -> list[tuple[str, float]]:
    """The n slowest nodes of the last dbt invocation that wrote `target`/run_results.json: (name, seconds)."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    ranked = sorted(results, key=lambda r: r.get("execution_time", 0), reverse=True)[:n]
    return [(r["unique_id"].split(".", 1)[1], r.get("execution_time", 0)) for r in ranked]


@dataclass
class Workspace:
    """A folder with its own profiles.yml and DuckDB file, so builds never touch each other or data/."""

    root: Path
    env: dict = field(default_factory=dict)

    @property
    def database(self) -> Path:
        return Path(self.env["C360_DUCKDB_PATH"])

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def truth(self) -> Path:
        return self.root / "truth"

    def c360(self, *args: object, timeout: float = 900, env: dict | None = None) -> subprocess.CompletedProcess:
        return run([BIN / "c360", *args], {**self.env, **(env or {})}, timeout=timeout)

    def generate(self, bank: str = "ci", *extra: str) -> Path:
        check(self.c360("generate", *BANKS[bank], *extra, "--out", self.landing, "--quiet"))
        return self.landing

    def load(self, *extra: str, target: str = "duckdb") -> None:
        check(self.c360("load", "--target", target, "--landing", self.landing, "--quiet", *extra))

    def dbt(self, *args: str, target: str = "duckdb", workdir: Path | None = None) -> subprocess.CompletedProcess:
        """dbt in the project, writing its target/ and logs/ under `workdir` (default: the workspace)."""
        workdir = workdir or self.root
        paths = ["--target-path", workdir / "target", "--log-path", workdir / "logs"]
        return run([BIN / "dbt", *args, "--target", target, *paths], self.env, timeout=DBT_TIMEOUT)

    def build(self, *args: str, target: str = "duckdb", workdir: Path | None = None) -> DbtRun:
        """`dbt build` (or another command given in args), which must pass; returns its run results."""
        workdir = workdir or self.root
        began = time.perf_counter()
        check(self.dbt(*(args or ("build",)), target=target, workdir=workdir))
        results = json.loads((workdir / "target" / "run_results.json").read_text())["results"]
        return DbtRun(results, time.perf_counter() - began)


@dataclass
class DbtRun:
    results: list[dict]
    seconds: float

    def kinds(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.results:
            kind = r["unique_id"].split(".")[0]
            counts[kind] = counts.get(kind, 0) + 1
        return counts


def workspace(root: Path, **env: str) -> Workspace:
    """A workspace in `root`: a copy of profiles.example.yml and a DuckDB file of its own."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "profiles.example.yml", root / "profiles.yml")
    base = {"DBT_PROFILES_DIR": str(root), "C360_DUCKDB_PATH": str(root / "bank.duckdb")}
    return Workspace(root, {**os.environ, **base, **env})
