"""`c360 load` refuses a landing folder that breaks the landing contract, before touching the warehouse, and a
load killed half-way leaves the previous raw tables as they were. Two dev targets share a DuckDB file
without touching each other's schemas."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from .harness import BIN, ROOT, check, workspace


def fingerprint(database: Path) -> dict[str, int]:
    """Every table of the file with its row count: what an untouched warehouse keeps."""
    with duckdb.connect(str(database), read_only=True) as con:
        tables = con.execute(
            "select table_schema || '.' || table_name from information_schema.tables order by 1"
        ).fetchall()
        return {name: con.execute(f"select count(*) from {name}").fetchone()[0] for (name,) in tables}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A small bank, loaded: the warehouse every fault must leave exactly as it is."""
    ws = workspace(tmp_path_factory.mktemp("landing"))
    ws.generate("small")
    ws.load()
    return ws, fingerprint(ws.database)


def _first_file(landing: Path, table: str) -> Path:
    return sorted((landing / table).rglob("*.parquet"))[0]


def _rewrite(path: Path, change) -> None:
    pq.write_table(change(pq.read_table(path)), path)


def drop_email_add_column(landing: Path) -> None:
    def change(t: pa.Table) -> pa.Table:
        t = t.drop_columns(["email"])
        return t.append_column("loyalty_tier", pa.array(["gold"] * t.num_rows))

    _rewrite(_first_file(landing, "core/customers"), change)


def amount_as_float(landing: Path) -> None:
    def change(t: pa.Table) -> pa.Table:
        i = t.schema.get_field_index("amount")
        return t.set_column(i, "amount", t.column("amount").cast(pa.float64()))

    _rewrite(_first_file(landing, "core/postings"), change)


def truncate(landing: Path) -> None:
    path = _first_file(landing, "cards/card_transactions")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def miscount(landing: Path) -> None:
    manifest = json.loads((landing / "_manifest.json").read_text())
    manifest["row_counts"]["crm.cases"] += 1
    (landing / "_manifest.json").write_text(json.dumps(manifest))


def lose_table(landing: Path) -> None:
    shutil.rmtree(landing / "app" / "events")


def lose_table_from_manifest(landing: Path) -> None:
    manifest = json.loads((landing / "_manifest.json").read_text())
    del manifest["row_counts"]["branch.rm_notes"]
    (landing / "_manifest.json").write_text(json.dumps(manifest))


FAULTS = {
    "a missing column": (drop_email_add_column, ["core.customers", "core/customers/part-00000.parquet", "email"]),
    "a changed type": (amount_as_float, ["core.postings", "amount is float64", "decimal(18,2)"]),
    "a truncated file": (truncate, ["cards/card_transactions", "unreadable"]),
    "a row count off the manifest": (miscount, ["crm.cases", "the manifest says"]),
    "a table missing on disk": (lose_table, ["app.events", "missing from disk"]),
    "a table missing from the manifest": (lose_table_from_manifest, ["branch.rm_notes", "missing from the manifest"]),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_is_one_line_exit_2_and_the_warehouse_unchanged(loaded, tmp_path, fault):
    ws, before = loaded
    inject, words = FAULTS[fault]
    landing = tmp_path / "landing"
    shutil.copytree(ws.landing, landing)
    inject(landing)
    done = ws.c360("load", "--landing", landing, "--quiet")
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert fingerprint(ws.database) == before


def test_an_extra_column_is_loaded_with_a_warning(loaded, tmp_path):
    ws, _ = loaded
    landing = tmp_path / "landing"
    shutil.copytree(ws.landing, landing)
    _rewrite(
        _first_file(landing, "crm/contacts"),
        lambda t: t.append_column("preferred_language", pa.array(["en"] * t.num_rows)),
    )
    database = tmp_path / "extra.duckdb"
    done = ws.c360("load", "--landing", landing, "--quiet", env={"C360_DUCKDB_PATH": str(database)})
    assert done.returncode == 0, done.stderr
    warning = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "crm.contacts" in warning[0] and "preferred_language" in warning[0]
    with duckdb.connect(str(database), read_only=True) as con:
        kept = con.execute("select count(preferred_language) from raw_crm.contacts").fetchone()[0]
    assert kept > 0


def test_a_load_killed_half_way_leaves_the_previous_raw_tables(loaded, tmp_path):
    ws, before = loaded
    bigger = workspace(tmp_path, C360_DUCKDB_PATH=str(ws.database))
    bigger.generate("small", "--customers", "4000", "--seed", "9")
    load = subprocess.Popen(
        [BIN / "c360", "load", "--landing", bigger.landing],
        cwd=ROOT,
        env=bigger.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Progress goes to stderr a line at a time: kill as soon as the first table is in the transaction.
    deadline = time.monotonic() + 120
    line = ""
    while time.monotonic() < deadline and not line.startswith("loading"):
        line = load.stderr.readline()
        assert line or load.poll() is None, "the load ended before it could be killed"
    os.kill(load.pid, signal.SIGKILL)
    load.wait()
    load.stdout.close()
    load.stderr.close()
    assert load.returncode == -signal.SIGKILL
    assert fingerprint(ws.database) == before


def test_two_dev_targets_build_side_by_side_in_one_file(tmp_path):
    """alice and bob (schemas alice, bob) share a DuckDB file; each gets prefixed schemas of its own."""
    ws = workspace(tmp_path)
    profile = (ws.root / "profiles.yml").read_text()
    for name in ("alice", "bob"):
        profile = profile.replace(
            "    duckdb:\n",
            f'    {name}:\n      type: duckdb\n      path: "{ws.database}"\n      schema: {name}\n      threads: 2\n'
            "    duckdb:\n",
            1,
        )
    (ws.root / "profiles.yml").write_text(profile)
    ws.generate("small")
    check(ws.c360("load", "--target", "alice", "--landing", ws.landing, "--quiet"))
    ws.build("seed", target="alice", workdir=tmp_path / "alice")
    alice = ws.build("run", target="alice", workdir=tmp_path / "alice")
    assert alice.results
    alice_tables = {k: v for k, v in fingerprint(ws.database).items() if k.startswith("alice_")}
    assert {"alice_raw_core.customers", "alice_staging.stg_core__customers", "alice_marts.dim_customer"} <= set(
        alice_tables
    )

    bob_bank = workspace(tmp_path / "bob_bank")
    bob_bank.generate("small", "--seed", "77")
    check(ws.c360("load", "--target", "bob", "--landing", bob_bank.landing, "--quiet"))
    ws.build("seed", target="bob", workdir=tmp_path / "bob")
    ws.build("run", target="bob", workdir=tmp_path / "bob")
    after = fingerprint(ws.database)
    assert {k: v for k, v in after.items() if k.startswith("alice_")} == alice_tables
    bob_tables = {k: v for k, v in after.items() if k.startswith("bob_")}
    assert len(bob_tables) == len(alice_tables)
    assert bob_tables["bob_raw_core.customers"] != alice_tables["alice_raw_core.customers"]
    assert not any(k.split(".")[0] in ("raw_core", "staging", "marts") for k in after), "clean names untouched"
