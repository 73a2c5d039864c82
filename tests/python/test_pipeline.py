"""`c360 run` on the CI bank: every step in order, a run summary entry per run and the same figures in the
audit tables, a failed run recorded rather than lost, and a run summary that refuses to be a tracked file."""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from .harness import BIN, ROOT, run, workspace


def c360_run(ws, landing, *extra):
    return run(
        [
            BIN / "c360",
            "run",
            "--target",
            "duckdb",
            "--project-dir",
            ROOT,
            "--landing",
            landing,
            "--lookml",
            ws.root / "lookml",
            "--target-path",
            ws.root / "target",
            *extra,
        ],
        env=ws.env,
    )


@pytest.fixture(scope="module")
def runs(ci_bank, tmp_path_factory):
    """Two runs into one warehouse: a whole one, then one whose landing lacks a table."""
    bank, _ = ci_bank
    ws = workspace(tmp_path_factory.mktemp("pipeline"))
    shutil.copytree(ROOT / "lookml", ws.root / "lookml")
    good = c360_run(ws, bank.landing, "--truth", bank.landing.parent / "truth")
    broken = ws.root / "broken_landing"
    shutil.copytree(bank.landing, broken)
    shutil.rmtree(next(p for p in sorted(broken.glob("*/*")) if p.is_dir() and p.name == "cases"))
    bad = c360_run(ws, broken)
    return ws, good, bad


def entries(summary: str) -> list[str]:
    return [e for e in re.split(r"(?m)^## Run ", summary) if e.strip()]


def steps_table(entry: str) -> dict[str, tuple[str, float, str]]:
    out = {}
    for line in entry.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[0] in ("load", "freshness", "build", "evaluate", "lookml", "validate"):
            out[cells[0]] = (cells[1], float(cells[2]), cells[3])
    return out


def test_a_whole_run_goes_through_every_step_in_order(runs):
    _, good, _ = runs
    assert good.returncode == 0, good.stdout + good.stderr
    done = [line.split()[1].rstrip(":") for line in good.stdout.splitlines() if re.match(r"\[\d/6\] \w+: ok", line)]
    assert done == ["load", "freshness", "build", "evaluate", "lookml", "validate"]


def test_a_failed_run_stops_with_one_line_and_is_recorded(runs):
    ws, _, bad = runs
    assert bad.returncode == 1 and "Traceback" not in bad.stdout + bad.stderr
    last = bad.stdout.strip().splitlines()[-1]
    assert last.startswith("c360 run: load failed:") and "cases" in last
    assert "[2/" not in bad.stdout, "nothing after the failed step ran"


def test_the_summary_and_the_audit_tables_hold_the_same_figures(runs):
    ws, _, _ = runs
    summary = (ws.root / "run_summary.md").read_text()
    first, second = entries(summary)
    assert re.match(r"\w+: ok\n", first) and re.match(r"\w+: FAILED at load\n", second)
    with duckdb.connect(str(ws.database), read_only=True) as con:
        for entry in (first, second):
            run_id = entry.split(":", 1)[0]
            audit = {
                step: (status, seconds, detail)
                for step, status, seconds, detail in con.execute(
                    "select step, status, seconds, detail from audit.pipeline_runs where run_id = ?", [run_id]
                ).fetchall()
            }
            table = steps_table(entry)
            assert set(audit) == set(table) == {"load", "freshness", "build", "evaluate", "lookml", "validate"}
            for step, (status, seconds, detail) in table.items():
                assert audit[step][0] == status and audit[step][1] == pytest.approx(seconds, abs=0.051), step
                assert audit[step][2].replace("|", "/") == detail, step
        statuses = dict(
            con.execute(
                "select step, status from audit.pipeline_runs where run_id = ?", [second.split(":")[0]]
            ).fetchall()
        )
        assert statuses["load"] == "error" and {statuses[s] for s in statuses if s != "load"} == {"skipped"}
        invocation = con.execute(
            "select dbt_invocation_id from audit.pipeline_runs where run_id = ? and step = 'build'",
            [first.split(":")[0]],
        ).fetchone()[0]
        models = con.execute(
            "select count(*) from audit.model_runs where invocation_id = ? and resource_type = 'model' "
            "and status = 'success'",
            [invocation],
        ).fetchone()[0]
        assert f"model {models} success" in steps_table(first)["build"][2] and models >= 80
        for name, rows in re.findall(r"^\| (\w+) \| ([\d,]+) \|$", first.split("| mart | rows |")[1], re.M):
            assert con.execute(f"select count(*) from marts.{name}").fetchone()[0] == int(rows.replace(",", "")), name


def test_the_summary_is_never_a_tracked_file(tmp_path):
    ws = workspace(tmp_path)
    done = run(
        [BIN / "c360", "run", "--target", "duckdb", "--project-dir", ROOT, "--summary", ROOT / "README.md"], env=ws.env
    )
    assert done.returncode == 2 and "is a tracked file" in done.stderr and "Traceback" not in done.stderr
