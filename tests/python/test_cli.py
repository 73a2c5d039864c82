"""The c360 command as a user meets it: determinism, clear errors, no half-written output, safe re-runs."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from .harness import BANKS, BIN, ROOT
from .harness import run as run_command

C360 = [sys.executable, "-m", "generator.cli"]
SMALL = [*BANKS["small"], "--quiet"]


def run(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run_command([BIN / "c360", *args], env={**os.environ, **(env or {})}, cwd=cwd, timeout=300)


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_whatever_the_worker_count(tmp_path):
    a = run(
        "generate",
        *SMALL,
        "--customers",
        "4500",
        "--seed",
        "11",
        "--out",
        str(tmp_path / "a/landing"),
        "--workers",
        "1",
    )
    b = run(
        "generate",
        *SMALL,
        "--customers",
        "4500",
        "--seed",
        "11",
        "--out",
        str(tmp_path / "b/landing"),
        "--workers",
        "2",
    )
    assert a.returncode == 0 and b.returncode == 0, a.stderr + b.stderr
    first, second = digest(tmp_path / "a"), digest(tmp_path / "b")
    assert len(first) > 50 and first == second


def test_a_different_seed_gives_different_data(tmp_path):
    for seed in ("1", "2"):
        assert run("generate", *SMALL, "--seed", seed, "--out", str(tmp_path / seed / "landing")).returncode == 0
    one, two = digest(tmp_path / "1"), digest(tmp_path / "2")
    assert one.keys() & two.keys()
    shared = [k for k in one.keys() & two.keys() if k.startswith("landing/core/customers")]
    assert shared and all(one[k] != two[k] for k in shared)


def test_rerunning_replaces_the_output(tmp_path):
    out = tmp_path / "landing"
    assert run("generate", *SMALL, "--out", str(out)).returncode == 0
    stray = out / "core" / "stray.parquet"
    stray.write_text("left over from an older run")
    before = digest(tmp_path / "truth")
    assert run("generate", *SMALL, "--out", str(out)).returncode == 0
    assert not stray.exists()
    assert digest(tmp_path / "truth") == before
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name or ".old-" in p.name]


@pytest.mark.parametrize(
    "args,message",
    [
        (["--customers", "0"], "--customers must be a positive number"),
        (["--customers", "-5"], "--customers must be a positive number"),
        (["--customers", "many"], "expected a whole number"),
        (["--customers", "2000000"], "--customers can be at most"),
        (["--start", "2025-01-01", "--end", "2024-01-01"], "is before --start"),
        (["--start", "2024-02-30"], "--start must be a date"),
        (["--start", "2024-01-01", "--end", "2024-03-31"], "at least 12 calendar months"),
        (["--start", "1999-01-01", "--end", "2001-01-01"], "must lie within"),
        (["--colour", "blue"], "unrecognized arguments"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "landing"
    result = run("generate", "--out", str(out), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not any(tmp_path.iterdir())


def test_unwritable_output_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("generate", *SMALL, "--out", str(blocker / "landing"))
    assert result.returncode == 2 and "error:" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # /proc refuses new folders even to root, whom permission bits do not stop.
    result = run("generate", *SMALL, "--out", "/proc/c360-landing")
    assert result.returncode == 2 and "not writable" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_interrupting_a_run_leaves_nothing_half_written(tmp_path):
    out = tmp_path / "landing"
    proc = subprocess.Popen(
        [*C360, "generate", "--customers", "60000", "--out", str(out), "--quiet"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # A shell that started us in the background may ignore SIGINT, and Python keeps an inherited "ignore":
        # give the command the default disposition a user's terminal would.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.time() + 60
    while time.time() < deadline and not list(tmp_path.glob(".landing.partial-*/core/postings")):
        time.sleep(0.2)
    assert list(tmp_path.glob(".landing.partial-*")), "the run should have started writing"
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_help_explains_the_commands_and_the_mess():
    result = run("generate", "--help")
    assert result.returncode == 0
    for text in ("--customers", "--seed", "byte-identical", "duplicate customer", "no core id", "answer key"):
        assert text in result.stdout
    assert run("--help").returncode == 0
    assert run().returncode == 2


def test_load_replaces_raw_schemas_and_never_duplicates(tmp_path):
    out = tmp_path / "landing"
    assert run("generate", *SMALL, "--out", str(out)).returncode == 0
    (tmp_path / "profiles.yml").write_text((ROOT / "profiles.example.yml").read_text())
    env = {"C360_DUCKDB_PATH": str(tmp_path / "bank.duckdb")}
    for _ in range(2):
        result = run(
            "load", "--target", "duckdb", "--landing", str(out), "--profiles-dir", str(tmp_path), "--quiet", env=env
        )
        assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(tmp_path / "bank.duckdb"), read_only=True)
    manifest = __import__("json").loads((out / "_manifest.json").read_text())["row_counts"]
    for name, rows in manifest.items():
        system, table = name.split(".")
        assert con.execute(f"select count(*) from raw_{system}.{table}").fetchone()[0] == rows, name
    schemas = {s for (s,) in con.execute("select schema_name from information_schema.schemata").fetchall()}
    assert {"raw_core", "raw_cards", "raw_crm", "raw_app", "raw_branch"} <= schemas
    assert "raw_truth" not in schemas and "truth" not in schemas, "the answer key is never loaded as a source"


def test_load_through_holds_back_later_months_and_rejects_bad_months(tmp_path):
    out = tmp_path / "landing"
    assert run("generate", *SMALL, "--out", str(out)).returncode == 0
    (tmp_path / "profiles.yml").write_text((ROOT / "profiles.example.yml").read_text())
    env = {"C360_DUCKDB_PATH": str(tmp_path / "bank.duckdb")}
    load = ["load", "--landing", str(out), "--profiles-dir", str(tmp_path), "--quiet"]
    assert run(*load, "--through", "2024-11", env=env).returncode == 0
    with duckdb.connect(str(tmp_path / "bank.duckdb"), read_only=True) as con:
        last_posting = con.execute("select max(value_date) from raw_core.postings").fetchone()[0]
        last_session = con.execute("select max(started_at) from raw_app.sessions").fetchone()[0]
        customers = con.execute("select count(*) from raw_core.customers").fetchone()[0]
    assert str(last_posting) <= "2024-11-30" and str(last_session) < "2024-12-01"
    manifest = __import__("json").loads((out / "_manifest.json").read_text())["row_counts"]
    assert customers == manifest["core.customers"], "tables without months are loaded whole"
    for month, message in (("2024-13", "expected a month as YYYY-MM"), ("2025-01", "outside the generated months")):
        result = run(*load, "--through", month, env=env)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_load_rejects_a_folder_that_is_not_a_landing_folder(tmp_path):
    (tmp_path / "profiles.yml").write_text((ROOT / "profiles.example.yml").read_text())
    result = run(
        "load",
        "--landing",
        str(tmp_path),
        "--profiles-dir",
        str(tmp_path),
        env={"C360_DUCKDB_PATH": str(tmp_path / "x.duckdb")},
    )
    assert result.returncode == 2
    assert "not a generated landing folder" in result.stderr and "Traceback" not in result.stderr


def test_readme_documents_the_mess_rates_the_generator_uses():
    readme = (ROOT / "README.md").read_text()
    from generator.bank import mess

    rates = [
        mess.DUPLICATE_CORE_RATE,
        mess.CRM_UNLINKED_RATE,
        mess.CRM_EMAIL_ALIAS_RATE,
        mess.CRM_DUPLICATE_RATE,
        mess.APP_OTHER_EMAIL_RATE,
        mess.APP_NO_VERIFIED_PHONE_RATE,
        mess.BRANCH_DUPLICATE_ROW_RATE,
        mess.CORE_EMAIL_MISSING,
        *mess.DOB_FORMATS.values(),
        *mess.SSN_FORMATS.values(),
    ]
    missing = [f"{r:.0%}" for r in rates if f"{r:.0%}" not in readme]
    assert not missing, f"README does not state these rates: {missing}"


def test_evaluate_explains_what_is_missing(tmp_path):
    (tmp_path / "profiles.yml").write_text((ROOT / "profiles.example.yml").read_text())
    env = {"C360_DUCKDB_PATH": str(tmp_path / "missing.duckdb")}
    no_truth = run("evaluate", "--truth", str(tmp_path), "--profiles-dir", str(tmp_path), env=env)
    assert no_truth.returncode == 2 and "holds no answer key" in no_truth.stderr
    (tmp_path / "source_records").mkdir()
    no_build = run("evaluate", "--truth", str(tmp_path), "--profiles-dir", str(tmp_path), env=env)
    assert no_build.returncode == 2 and "run 'dbt build' first" in no_build.stderr
    for result in (no_truth, no_build):
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
