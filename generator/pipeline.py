"""`c360 run`: the whole pipeline as one command, with a run summary and an audit trail.

Steps, in order, stopping at the first failure: load (the landing contract checked first), dbt source
freshness, dbt build, evaluation against the answer key (when one is given), LookML regeneration (from
the production-shaped manifest, as the committed lookml/ is) and `c360 lookml validate` on the run's
target. Every run, failed ones included, appends one Markdown entry to the run summary and one row per
step to audit.pipeline_runs; dbt's on-run-end hook has written one row per node to audit.model_runs
(macros/audit.sql), joined by dbt's invocation id.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import UsageError
from generator.warehouse.profiles import Target

STEPS = ("load", "freshness", "build", "evaluate", "lookml", "validate")
# The build of the data leaves dbt's unit tests out, as dbt advises for production runs: their inputs are
# fixed, so they prove the SQL once per change (the test suite runs them on both engines), not once per load.
DATA_BUILD = ("build", "--exclude-resource-type", "unit_test")
PRODUCTION_SHAPED_TARGET = "bigquery_emulator"  # parsing needs no warehouse; LookML names production tables
AUDIT_COLUMNS = (
    ("run_id", "string"),
    ("step", "string"),
    ("status", "string"),
    ("started_at", "timestamp"),
    ("seconds", "float"),
    ("detail", "string"),
    ("figures", "string"),
    ("target_name", "string"),
    ("git_commit", "string"),
    ("arguments", "string"),
    ("dbt_invocation_id", "string"),
)


@dataclass
class Step:
    name: str
    status: str = "skipped"  # ok, error or skipped
    started_at: dt.datetime | None = None
    seconds: float = 0.0
    detail: str = ""
    figures: dict = field(default_factory=dict)


@dataclass
class RunOptions:
    target: Target
    project_dir: Path
    profiles_dir: Path | None
    landing: Path
    truth: Path | None
    full_refresh: bool
    summary: Path
    lookml: Path
    arguments: str
    target_path: Path  # dbt's artifacts (run_results.json, sources.json)


class StepFailed(Exception):
    """A step's one-line reason."""


def _git_commit(project_dir: Path) -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project_dir, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def _is_tracked(path: Path) -> bool:
    if not path.parent.is_dir():
        return False
    done = subprocess.run(
        ["git", "ls-files", "--error-unmatch", path.name], cwd=path.parent, capture_output=True, text=True
    )
    return done.returncode == 0


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no output"


class Pipeline:
    def __init__(self, options: RunOptions):
        self.o = options
        self.run_id = uuid.uuid4().hex[:12]
        self.steps = {name: Step(name) for name in STEPS}
        self.invocation_id = ""
        if _is_tracked(options.summary):
            raise UsageError(f"{options.summary} is a tracked file; give --summary a path of its own")

    # -- running -------------------------------------------------------------------------------------

    def run(self, progress=print) -> int:
        self.progress = progress
        started = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        failed = None
        todo = [s for s in STEPS if s != "evaluate" or self.o.truth is not None]
        for number, name in enumerate(todo, 1):
            step = self.steps[name]
            step.started_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
            began = time.perf_counter()
            progress(f"[{number}/{len(todo)}] {name} ...")
            try:
                getattr(self, f"_{name}")(step)
                step.status = "ok"
            except (StepFailed, UsageError) as exc:
                step.status, step.detail = "error", str(exc)
                failed = step
            step.seconds = time.perf_counter() - began
            detail = f": {step.detail}" if step.detail else ""
            progress(f"[{number}/{len(todo)}] {name}: {step.status} in {step.seconds:.1f}s{detail}")
            if failed:
                break
        if self.o.truth is None:
            self.steps["evaluate"].detail = "no answer key given (--truth)"
        self._record(started)
        if failed:
            progress(f"c360 run: {failed.name} failed: {failed.detail}")
            return 1
        progress(f"c360 run {self.run_id}: every step ok; summary in {self.o.summary}")
        return 0

    def _dbt(self, *args: str, target: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        command = [
            str(Path(sys.executable).parent / "dbt"),
            *args,
            "--target",
            target or self.o.target.name,
            "--project-dir",
            str(self.o.project_dir),
        ]
        if self.o.profiles_dir:
            command += ["--profiles-dir", str(self.o.profiles_dir)]
        if "--target-path" not in args:
            command += ["--target-path", str(self.o.target_path)]
        return subprocess.run(
            command, cwd=self.o.project_dir, capture_output=True, text=True, env={**os.environ, **(env or {})}
        )

    def _on_target(self) -> list[str]:
        """The warehouse options every c360 step takes: the run's target, project and profiles."""
        args = ["--target", self.o.target.name, "--project-dir", str(self.o.project_dir)]
        return args + (["--profiles-dir", str(self.o.profiles_dir)] if self.o.profiles_dir else [])

    def _c360(self, *args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "generator.cli", *args]
        return subprocess.run(command, cwd=self.o.project_dir, capture_output=True, text=True)

    # -- the steps -----------------------------------------------------------------------------------

    def _load(self, step: Step) -> None:
        from generator.warehouse.landing import check_landing

        tables = check_landing(self.o.landing)
        if self.o.target.type == "duckdb":
            from generator.warehouse.load_duckdb import load_duckdb

            summary = load_duckdb(tables, self.o.target, show_progress=False)
        else:
            from generator.warehouse.load_bigquery import client_for, load_bigquery

            summary = load_bigquery(tables, client_for(self.o.target.output), self.o.target, show_progress=False)
        step.figures = {"rows_loaded": summary.row_counts}
        step.detail = f"{sum(summary.row_counts.values()):,} rows into {len(summary.row_counts)} tables"

    def _freshness(self, step: Step) -> None:
        done = self._dbt("source", "freshness", "--output", str(self._target_path() / "sources.json"))
        results = self._json(self._target_path() / "sources.json").get("results", [])
        counts: dict[str, int] = {}
        for result in results:
            counts[result["status"]] = counts.get(result["status"], 0) + 1
        step.figures = {"sources": counts, "stale": sorted(r["unique_id"] for r in results if r["status"] != "pass")}
        step.detail = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no sources"
        if done.returncode != 0:
            raise StepFailed(f"dbt source freshness: {_last_line(done.stdout + done.stderr)}")

    def _build(self, step: Step) -> None:
        done = self._dbt(*DATA_BUILD, *(["--full-refresh"] if self.o.full_refresh else []))
        run = self._json(self._target_path() / "run_results.json")
        self.invocation_id = run.get("metadata", {}).get("invocation_id", "")
        tally: dict[str, dict[str, int]] = {}
        for result in run.get("results", []):
            kind = result["unique_id"].split(".")[0]
            tally.setdefault(kind, {}).setdefault(result["status"], 0)
            tally[kind][result["status"]] += 1
        models = [r for r in run.get("results", []) if r["unique_id"].startswith("model.")]
        slowest = sorted(models, key=lambda r: r.get("execution_time", 0), reverse=True)[:5]
        step.figures = {
            "nodes": tally,
            "slowest_models": [[r["unique_id"].split(".")[-1], round(r.get("execution_time", 0), 2)] for r in slowest],
        }
        step.detail = "; ".join(
            f"{kind} " + ", ".join(f"{n} {s}" for s, n in sorted(c.items())) for kind, c in sorted(tally.items())
        )
        if done.returncode != 0:
            failures = [r for r in run.get("results", []) if r["status"] in ("error", "fail")]
            first = failures[0]["unique_id"] if failures else _last_line(done.stdout + done.stderr)
            raise StepFailed(f"dbt build: {len(failures)} nodes failed or errored, first {first}")
        step.figures["rows_per_mart"] = self._mart_rows()

    def _evaluate(self, step: Step) -> None:
        args = ["evaluate", *self._on_target(), "--truth", str(self.o.truth)]
        done = self._c360(*args)
        if done.returncode != 0:
            raise StepFailed(f"c360 evaluate: {_last_line(done.stderr or done.stdout)}")
        for line in done.stdout.splitlines():
            self.progress(f"    {line}")
        lines = [line for line in done.stdout.splitlines() if line and not line.startswith(" ")]
        step.figures = {"evaluation": lines}
        step.detail = f"{len(lines)} figures"

    def _lookml(self, step: Step) -> None:
        manifest_dir = self._target_path() / "lookml_manifest"
        env = {"BIGQUERY_EMULATOR_HOST": os.environ.get("BIGQUERY_EMULATOR_HOST", "http://localhost:9")}
        done = self._dbt("parse", "--target-path", str(manifest_dir), target=PRODUCTION_SHAPED_TARGET, env=env)
        if done.returncode != 0:
            raise StepFailed(f"dbt parse --target {PRODUCTION_SHAPED_TARGET}: {_last_line(done.stdout + done.stderr)}")
        done = self._c360("lookml", "--manifest", str(manifest_dir / "manifest.json"), "--out", str(self.o.lookml))
        if done.returncode != 0:
            raise StepFailed(f"c360 lookml: {_last_line(done.stderr or done.stdout)}")
        step.detail = _last_line(done.stdout).split(": ", 1)[-1]

    def _validate(self, step: Step) -> None:
        args = ["lookml", "validate", *self._on_target(), "--lookml", str(self.o.lookml), "--quiet"]
        done = self._c360(*args)
        if done.returncode != 0:
            problems = [line for line in done.stderr.splitlines() if line.strip()]
            raise StepFailed(
                f"c360 lookml validate: {len(problems)} problems, first: {problems[0] if problems else '?'}"
            )
        step.detail = "every tile and data test ok"

    # -- helpers -------------------------------------------------------------------------------------

    def _target_path(self) -> Path:
        return self.o.target_path

    @staticmethod
    def _json(path: Path) -> dict:
        try:
            return json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            return {}

    def _mart_rows(self) -> dict[str, int]:
        marts = self.o.target.layer("marts")
        rows = {}
        if self.o.target.type == "duckdb":
            import duckdb

            with duckdb.connect(str(self.o.target.duckdb_path), read_only=True) as con:
                names = [
                    r[0]
                    for r in con.execute(
                        "select table_name from information_schema.tables where table_schema = ? order by 1", [marts]
                    ).fetchall()
                ]
                for name in names:
                    rows[name] = con.execute(f'select count(*) from "{marts}"."{name}"').fetchone()[0]
        else:
            from generator.warehouse.load_bigquery import client_for

            client = client_for(self.o.target.output)
            for table in client.list_tables(f"{self.o.target.output.get('project')}.{marts}"):
                rows[table.table_id] = client.get_table(table).num_rows
        return rows

    # -- the record ----------------------------------------------------------------------------------

    def _record(self, started: dt.datetime) -> None:
        """The Markdown entry and the audit rows; written whatever happened, so a failure is on record."""
        self.o.summary.parent.mkdir(parents=True, exist_ok=True)
        with self.o.summary.open("a") as out:
            out.write(self._markdown(started))
        try:
            self._audit_rows()
        except Exception as exc:  # the summary is written; say why the audit rows are not
            print(
                f"c360 run: warning: audit.pipeline_runs not written ({' '.join(str(exc).split())[:200]})",
                file=sys.stderr,
            )

    def _markdown(self, started: dt.datetime) -> str:
        ended = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        failed = [s for s in self.steps.values() if s.status == "error"]
        lines = [
            f"## Run {self.run_id}: {'FAILED at ' + failed[0].name if failed else 'ok'}",
            "",
            f"- started {started.isoformat()}Z, ended {ended.isoformat()}Z; commit {_git_commit(self.o.project_dir)}; "
            f"target {self.o.target.name} ({self.o.target.type}); dbt invocation {self.invocation_id or 'none'}",
            f"- arguments: `{self.o.arguments}`",
            "",
            "| step | status | seconds | detail |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {s.name} | {s.status} | {s.seconds:.1f} | {s.detail.replace('|', '/')} |" for s in self.steps.values()
        ]
        load = self.steps["load"].figures.get("rows_loaded")
        if load:
            lines += ["", "| source table | rows loaded |", "|---|---|"]
            lines += [f"| {name} | {rows:,} |" for name, rows in sorted(load.items())]
        build = self.steps["build"].figures
        if build.get("slowest_models"):
            lines += ["", "| slowest models | seconds |", "|---|---|"]
            lines += [f"| {name} | {seconds:.2f} |" for name, seconds in build["slowest_models"]]
        if build.get("rows_per_mart"):
            lines += ["", "| mart | rows |", "|---|---|"]
            lines += [f"| {name} | {rows:,} |" for name, rows in build["rows_per_mart"].items()]
        evaluation = self.steps["evaluate"].figures.get("evaluation")
        if evaluation:
            lines += ["", "Evaluation against the answer key:", ""] + [f"- {line}" for line in evaluation]
        return "\n".join(lines) + "\n\n"

    def _audit_rows(self) -> None:
        rows = [
            {
                "run_id": self.run_id,
                "step": s.name,
                "status": s.status,
                "started_at": s.started_at,
                "seconds": round(s.seconds, 3),
                "detail": s.detail,
                "figures": json.dumps(s.figures, sort_keys=True),
                "target_name": self.o.target.name,
                "git_commit": _git_commit(self.o.project_dir),
                "arguments": self.o.arguments,
                "dbt_invocation_id": self.invocation_id,
            }
            for s in self.steps.values()
        ]
        schema = self.o.target.layer("audit")
        kinds = {
            "string": ("VARCHAR", "STRING"),
            "timestamp": ("TIMESTAMP", "TIMESTAMP"),
            "float": ("DOUBLE", "FLOAT64"),
        }
        names = [name for name, _ in AUDIT_COLUMNS]
        insert = f"insert into {{table}} ({', '.join(names)}) values ({{values}})"
        if self.o.target.type == "duckdb":
            import duckdb

            columns = ", ".join(f"{n} {kinds[k][0]}" for n, k in AUDIT_COLUMNS)
            with duckdb.connect(str(self.o.target.duckdb_path)) as con:
                con.execute(f'create schema if not exists "{schema}"')
                con.execute(f'create table if not exists "{schema}".pipeline_runs ({columns})')
                con.executemany(
                    insert.format(table=f'"{schema}".pipeline_runs', values=", ".join("?" for _ in names)),
                    [[row[n] for n in names] for row in rows],
                )
        else:
            from google.cloud import bigquery

            from generator.warehouse.load_bigquery import client_for

            client = client_for(self.o.target.output)
            dataset = f"{self.o.target.output.get('project')}.{schema}"
            client.create_dataset(dataset, exists_ok=True)
            columns = ", ".join(f"{n} {kinds[k][1]}" for n, k in AUDIT_COLUMNS)
            client.query(f"create table if not exists `{dataset}.pipeline_runs` ({columns})").result()
            for row in rows:
                params = [
                    bigquery.ScalarQueryParameter(
                        n, {"string": "STRING", "timestamp": "TIMESTAMP", "float": "FLOAT64"}[k], row[n]
                    )
                    for n, k in AUDIT_COLUMNS
                ]
                client.query(
                    insert.format(table=f"`{dataset}.pipeline_runs`", values=", ".join("@" + n for n in names)),
                    job_config=bigquery.QueryJobConfig(query_parameters=params),
                ).result()
