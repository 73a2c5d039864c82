"""The dashboards as code (lookml/dashboards/): `c360 lookml validate` passes on the CI build and fails,
one line per problem, when a dashboard breaks; each dbt exposure depends on exactly what its dashboard
reads; and the headline tiles equal independently written SQL over the marts."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import yaml

from generator.lookml.compiler import Compiler
from generator.lookml.dashboards import dashboard_tables, element_query
from generator.lookml.project import load_project

from .harness import BIN, ROOT, run

LOOKML = ROOT / "lookml"
DASHBOARDS = ("customer", "executive", "relationship_manager", "segment")


def validate(env: dict, lookml: Path = LOOKML, *extra: str):
    return run(
        [BIN / "c360", "lookml", "validate", "--target", "duckdb", "--project-dir", ROOT, "--lookml", lookml, *extra],
        env=env,
    )


@pytest.fixture(scope="module")
def bank(duckdb_build):
    con = duckdb.connect(str(duckdb_build.env["C360_DUCKDB_PATH"]), read_only=True)
    con.execute("set search_path = 'marts'")  # the hand-written SQL below names the marts as dbt does
    yield con
    con.close()


@pytest.fixture(scope="module")
def project():
    return load_project(LOOKML)


def tile(con, project, dashboard: str, element: str, **values: str) -> list[tuple]:
    """One tile's rows on the CI build, with the dashboard's filter defaults and the values given."""
    board = project.dashboards[dashboard]
    chosen = {f["name"]: str(f.get("default_value") or "") for f in board.filters}
    chosen.update({k.replace("_", " ").capitalize(): v for k, v in values.items()})
    spec = next(e for e in board.elements if e["name"] == element)
    compiled = Compiler(project, "duckdb", lambda name: name.strip("`").split(".", 1)[-1]).compile(
        element_query(board, spec, chosen)
    )
    return con.execute(compiled.sql, compiled.params).fetchall()


# -- the validator ------------------------------------------------------------------------------------


def test_validate_passes_on_the_ci_build(duckdb_build):
    done = validate(duckdb_build.env)
    assert done.returncode == 0, done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    assert "4 dashboards" in summary and "0 problems" in summary, summary
    elements = sum(len(d.elements) for d in load_project(LOOKML).dashboards.values())
    queries = int(summary.split(" tile queries")[0].split()[-1])
    texts = sum(1 for d in load_project(LOOKML).dashboards.values() for e in d.elements if e["type"] == "text")
    assert queries == elements - texts, "every tile with a query ran"
    assert "3 data tests, 4 asserts" in summary


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "lookml"
    shutil.copytree(LOOKML, copy)
    return copy


def test_a_renamed_field_fails_with_one_line_naming_file_element_and_field(duckdb_build, tmp_path):
    copy = _copy(tmp_path)
    view = copy / "views" / "portfolio_monthly.view.lkml"
    view.write_text(view.read_text().replace("measure: total_aum_usd {", "measure: total_aum_renamed_usd {"))
    done = validate(duckdb_build.env, copy, "--quiet")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    expected = "executive.dashboard.lookml: element aum: field portfolio_monthly.total_aum_usd does not resolve"
    assert any(line.startswith(expected) for line in lines), lines
    assert all(": " in line and "\n" not in line for line in lines)


def _mutated(tmp_path: Path, dashboard: str, change) -> Path:
    copy = _copy(tmp_path)
    path = copy / "dashboards" / f"{dashboard}.dashboard.lookml"
    spec = yaml.safe_load(path.read_text())
    change(spec[0])
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return copy


def _element(name: str):
    return lambda board: next(e for e in board["elements"] if e["name"] == name)


BREAKAGES = {
    "a listen key that names no dashboard filter": (
        "executive",
        lambda b: _element("aum")(b)["listen"].update({"Region": "portfolio_monthly.segment"}),
        "element aum: listens to Region, which is not a filter of the dashboard",
    ),
    "a listen target that does not resolve": (
        "segment",
        lambda b: _element("channel_mix")(b)["listen"].update({"Segment": "segment_channel_mix_monthly.sector"}),
        "element channel_mix: listen Segment: field segment_channel_mix_monthly.sector does not resolve",
    ),
    "an undeclared tab": (
        "customer",
        lambda b: _element("cards")(b).update({"tab_name": "mortgages"}),
        "element cards: tab_name 'mortgages' is not a declared tab",
    ),
    "a tile past the 24th column": (
        "executive",
        lambda b: _element("liabilities")(b).update({"width": 20}),
        "element liabilities: col 6 + width 20 does not fit the 24-column grid",
    ),
    "overlapping tiles": (
        "executive",
        lambda b: _element("liabilities")(b).update({"col": 3}),
        "element liabilities: overlaps element aum",
    ),
    "a sort on a field the tile does not select": (
        "segment",
        lambda b: _element("channel_mix")(b).update({"sorts": ["segment_channel_mix_monthly.segment asc"]}),
        "element channel_mix: sort segment_channel_mix_monthly.segment is not one of the element's fields",
    ),
    "a pivot outside the fields": (
        "executive",
        lambda b: _element("profitability_heatmap")(b).update(
            {"pivots": ["customer_profitability_monthly.month_end_year"]}
        ),
        "element profitability_heatmap: pivot customer_profitability_monthly.month_end_year is not one of",
    ),
    "a filter on a field that does not exist": (
        "relationship_manager",
        lambda b: b["filters"][0].update({"field": "customer_360.rm"}),
        "filter Relationship manager: field customer_360.rm does not resolve",
    ),
    "an explore that does not exist": (
        "segment",
        lambda b: _element("interactions")(b).update({"explore": "channel_mix"}),
        "element interactions: explore channel_mix does not exist",
    ),
    "a filter value the SQL cannot take": (
        "executive",
        lambda b: b["filters"][0].update({"default_value": "last tuesday"}),
        "element aum: date 'last tuesday' is not a year, month or day",
    ),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_content_validation_catches(duckdb_build, tmp_path, breakage):
    dashboard, change, expected = BREAKAGES[breakage]
    done = validate(duckdb_build.env, _mutated(tmp_path, dashboard, change), "--quiet")
    assert done.returncode == 2, done.stdout
    assert any(f"{dashboard}.dashboard.lookml: {expected}" in line for line in done.stderr.splitlines()), done.stderr


def test_a_failing_data_test_names_its_assert(duckdb_build, tmp_path):
    copy = _copy(tmp_path)
    tests = copy / "tests" / "dashboards.lkml"
    tests.write_text(
        tests.read_text().replace(
            "total_interaction_share} - 1) < 0.000001", "total_interaction_share} - 2) < 0.000001"
        )
    )
    done = validate(duckdb_build.env, copy, "--quiet")
    assert done.returncode == 2
    assert "test segment_channel_shares_sum_to_one: assert shares_sum_to_one fails on" in done.stderr


def test_dashboards_are_included_and_survive_regeneration(duckdb_build, tmp_path):
    copy = _copy(tmp_path)
    before = {p: p.read_text() for p in (copy / "dashboards").iterdir()}
    manifest = duckdb_build.workdir / "target" / "manifest.json"
    done = run([BIN / "c360", "lookml", "--manifest", manifest, "--out", copy, "--quiet"])
    assert done.returncode == 0, done.stderr
    assert {p: p.read_text() for p in (copy / "dashboards").iterdir()} == before
    model = (copy / "customer360.model.lkml").read_text()
    assert 'include: "/dashboards/*.dashboard.lookml"' in model and 'include: "/explores/*.explore.lkml"' in model


# -- exposures ---------------------------------------------------------------------------------------


def test_each_exposure_depends_on_exactly_what_its_dashboard_reads(duckdb_build, project):
    manifest = json.loads((duckdb_build.workdir / "target" / "manifest.json").read_text())
    exposures = {e["name"]: e for e in manifest["exposures"].values()}
    assert sorted(exposures) == sorted(project.dashboards) == list(DASHBOARDS)
    for name, dashboard in project.dashboards.items():
        exposure = exposures[name]
        declared = {manifest["nodes"][node]["name"] for node in exposure["depends_on"]["nodes"]}
        assert declared == dashboard_tables(project, dashboard), name
        assert exposure["type"] == "dashboard" and exposure["owner"]["email"].endswith("@example.com")
        assert exposure["url"] == f"https://looker.example.com/dashboards/customer360::{name}"


# -- the numbers, against SQL written by hand -------------------------------------------------------


def _money(value) -> Decimal:
    return round(Decimal(str(value)), 2)


def test_executive_headline_tiles(bank, project):
    latest = bank.execute("select max(month_end_date) from fact_account_snapshot").fetchone()[0]
    assets, owed, customers, pairs = bank.execute(
        """
        select
            sum(case when product_type in ('CASA', 'CD', 'SECURITIES') then closing_balance_usd else 0 end),
            -sum(case when product_type in ('LOAN', 'CARD') then closing_balance_usd else 0 end),
            count(distinct customer_key),
            count(distinct customer_key || '|' || product_key)
        from fact_account_snapshot where month_end_date = ?
        """,
        [latest],
    ).fetchone()
    month = latest.strftime("%Y-%m")
    assert tile(bank, project, "executive", "aum") == [(month, pytest.approx(assets))]
    assert tile(bank, project, "executive", "liabilities") == [(month, pytest.approx(owed))]
    assert tile(bank, project, "executive", "customers") == [(month, customers)]
    assert tile(bank, project, "executive", "products_per_customer") == [(month, pytest.approx(pairs / customers))]
    heatmap = {(s, q): _money(v) for s, q, v in tile(bank, project, "executive", "profitability_heatmap")}
    independent = bank.execute(
        """
        select segment, strftime(month_end_date, '%Y') || '-Q' || quarter(month_end_date), avg(profit_usd)
        from customer_profitability_monthly group by all
        """
    ).fetchall()
    assert heatmap == {(s, q): _money(v) for s, q, v in independent} and len(heatmap) >= 4


def test_segment_tiles(bank, project):
    mix = dict(tile(bank, project, "segment", "channel_mix"))
    independent = dict(bank.execute("select channel, count(*) from fact_interaction group by channel").fetchall())
    assert mix == independent and set(mix) == {"Mobile App", "Branch", "Call Center", "Chatbot"}
    year = max(mix_month[:4] for mix_month, *_ in tile(bank, project, "segment", "channel_trend"))
    in_year = dict(tile(bank, project, "segment", "channel_mix", date_range=year))
    assert in_year == dict(
        bank.execute(
            "select channel, count(*) from fact_interaction where year(interaction_date) = ? group by channel",
            [int(year)],
        ).fetchall()
    ), "the date range filter reaches the tile"
    affluent = tile(bank, project, "segment", "customers_in_segment", segment="Affluent")
    assert affluent == bank.execute("select count(*) from customer_360 where segment = 'Affluent'").fetchall()
    listed = tile(bank, project, "segment", "customer_list", segment="Affluent")
    assert listed and {row[1] for row in listed} == {"Affluent"}
    balances = [row[2] for row in listed]
    assert balances == sorted(balances, reverse=True)


def test_relationship_manager_tiles(bank, project):
    manager = bank.execute(
        "select relationship_manager from fact_interaction where relationship_manager is not null "
        "group by 1 order by count(distinct customer_key) desc, 1 limit 1"
    ).fetchone()[0]
    book = bank.execute(
        """
        select customer_key from fact_interaction where source_table = 'rm_note' and customer_key is not null
        qualify row_number() over (partition by customer_key order by interaction_date desc, source_interaction_id desc) = 1
            and relationship_manager = ?
        """,
        [manager],
    ).fetchall()
    book = {key for (key,) in book} & {k for (k,) in bank.execute("select customer_key from customer_360").fetchall()}
    assert tile(bank, project, "relationship_manager", "book_customers", relationship_manager=manager) == [(len(book),)]
    alerts = dict(tile(bank, project, "relationship_manager", "open_alerts_by_type", relationship_manager=manager))
    independent = dict(
        bank.execute(
            f"select alert_type, count(*) from customer_alerts where is_open and customer_key in "
            f"({', '.join(repr(k) for k in book)}) group by 1"
        ).fetchall()
    )
    assert alerts == independent


def test_customer_tiles(bank, project):
    # The customer holding the most product types: every tab has something to show.
    customer = bank.execute(
        "select customer_key from dim_account where customer_key is not null group by 1 "
        "order by count(distinct account_type) desc, 1 limit 1"
    ).fetchone()[0]
    latest = bank.execute("select max(month_end_date) from fact_account_snapshot").fetchone()[0]
    assets = dict(
        bank.execute(
            "select product_type, sum(closing_balance_usd) from fact_account_snapshot where customer_key = ? "
            "and month_end_date = ? and product_type in ('CASA', 'CD', 'SECURITIES') group by 1",
            [customer, latest],
        ).fetchall()
    )
    assert dict(tile(bank, project, "customer", "assets_donut", customer=customer)) == assets
    spend = dict(
        bank.execute(
            """
            select m.category_name, sum(t.amount_usd) from fact_transaction t
            join dim_merchant m on t.merchant_key = m.merchant_key
            where t.customer_key = ? and not t.is_credit and t.transaction_status = 'SETTLED'
            group by 1 order by 2 desc limit 15
            """,
            [customer],
        ).fetchall()
    )
    assert dict(tile(bank, project, "customer", "spend_by_category", customer=customer)) == spend
    policies = bank.execute(
        "select count(*) from dim_account where customer_key = ? and account_type = 'INSURANCE'", [customer]
    ).fetchone()[0]
    assert len(tile(bank, project, "customer", "policies", customer=customer)) == policies > 0
    header = tile(bank, project, "customer", "profile", customer=customer)
    assert len(header) == 1 and header[0][0] == customer and header[0][1].startswith("***-**-")


def test_validate_compiles_every_tile_for_bigquery(duckdb_build):
    """On a BigQuery target each tile is compiled in BigQuery's dialect and parsed by sqlglot."""
    done = run(
        [BIN / "c360", "lookml", "validate", "--target", "bigquery_emulator", "--project-dir", ROOT],
        env=duckdb_build.env,
    )
    assert done.returncode == 0, done.stderr
    assert "tile queries compiled and parsed (sqlglot) on bigquery_emulator (bigquery)" in done.stdout


def test_every_tile_and_data_test_runs_on_bigquery(emulator_build):
    """On the emulator build, `c360 lookml validate --execute` runs each tile and LookML test on BigQuery."""
    result = emulator_build.on_bigquery
    assert result["validate_code"] == 0, result["validate_stderr"]
    assert "tile queries ran on bigquery_emulator (bigquery)" in result["validate_stdout"]
    assert "0 problems" in result["validate_stdout"]
