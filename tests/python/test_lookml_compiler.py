"""The LookML-to-SQL compiler on its own (generator/lookml/compiler.py, filters.py): a tiny project over
a tiny in-memory table, so each rule is checked against values worked out by hand."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
import sqlglot

from generator.lookml.compiler import Compiler, Query
from generator.lookml.project import LookMLError, load_project
from generator.lookml.validate import assert_sql

VIEWS = """
view: accounts {
  sql_table_name: `@{bigquery_project}.@{dataset_marts}.accounts` ;;
  dimension: account_id { primary_key: yes type: string sql: ${TABLE}.account_id ;; }
  dimension: owner_id { type: string sql: ${TABLE}.owner_id ;; }
  dimension: kind { type: string sql: ${TABLE}.kind ;; }
  dimension: balance { type: number sql: ${TABLE}.balance ;; }
  dimension: is_open { type: yesno sql: ${TABLE}.is_open ;; }
  dimension_group: opened { type: time timeframes: [raw, date, month, quarter, year] datatype: date
    sql: ${TABLE}.opened_on ;; }
  measure: count { type: count }
  measure: total_balance { type: sum sql: ${balance} ;; }
  measure: open_accounts { type: count filters: [is_open: "yes"] }
  measure: average_balance { type: number sql: ${total_balance} / NULLIF(${count}, 0) ;; }
}

view: owners {
  sql_table_name: `@{bigquery_project}.@{dataset_marts}.owners` ;;
  dimension: owner_id { primary_key: yes type: string sql: ${TABLE}.owner_id ;; }
  dimension: segment { type: string sql: ${TABLE}.segment ;; }
  dimension: income { type: number sql: ${TABLE}.income ;; }
  measure: total_income { type: sum sql: ${income} ;; }
  measure: owner_count { type: count }
}

explore: accounts {
  join: owners {
    type: left_outer
    relationship: many_to_one
    sql_on: ${accounts.owner_id} = ${owners.owner_id} ;;
  }
}
"""

ROWS = [
    ("a1", "o1", "CHECKING", 100.0, True, dt.date(2025, 1, 15)),
    ("a2", "o1", "SAVINGS", 250.0, True, dt.date(2025, 2, 1)),
    ("a3", "o2", "CHECKING", -20.0, False, dt.date(2024, 12, 31)),
    ("a4", "o2", "LOAN, SECURED", 5000.0, True, dt.date(2025, 6, 30)),
    ("a5", "o3", None, 0.0, None, None),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("lookml")
    (root / "manifest.lkml").write_text(
        'constant: bigquery_project { value: "p" }\nconstant: dataset_marts { value: "marts" }\n'
    )
    (root / "bank.model.lkml").write_text(VIEWS)
    return load_project(root, model_name="bank")


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.accounts (account_id varchar, owner_id varchar, kind varchar, balance double, "
        "is_open boolean, opened_on date)"
    )
    con.executemany("insert into marts.accounts values (?, ?, ?, ?, ?, ?)", ROWS)
    con.execute("create table marts.owners (owner_id varchar, segment varchar, income double)")
    con.executemany(
        "insert into marts.owners values (?, ?, ?)",
        [("o1", "Affluent", 1000.0), ("o2", "Mass", 10.0), ("o3", "Mass", 5.0)],
    )
    yield con
    con.close()


def duckdb_compiler(project) -> Compiler:
    return Compiler(project, "duckdb", lambda name: name.strip("`").split(".", 1)[1])


def rows(con, project, fields, filters=None, sorts=None, limit=None):
    compiled = duckdb_compiler(project).compile(Query("accounts", fields, filters or {}, sorts or [], limit=limit))
    return con.execute(compiled.sql, compiled.params).fetchall()


def ids(con, project, field, expression):
    return sorted(r[0] for r in rows(con, project, ["accounts.account_id"], {field: expression}))


@pytest.mark.parametrize(
    "field, expression, expected",
    [
        ("accounts.kind", "CHECKING", ["a1", "a3"]),
        ("accounts.kind", "CHECKING,SAVINGS", ["a1", "a2", "a3"]),
        ("accounts.kind", "-CHECKING", ["a2", "a4", "a5"]),  # Looker's "is not" keeps NULLs
        ("accounts.kind", "LOAN^, SECURED", ["a4"]),  # an escaped comma is part of the value
        ("accounts.kind", "%ING%", ["a1", "a2", "a3"]),
        ("accounts.kind", "NULL", ["a5"]),
        ("accounts.kind", "-NULL", ["a1", "a2", "a3", "a4"]),
        ("accounts.kind", "", ["a1", "a2", "a3", "a4", "a5"]),
        ("accounts.balance", ">100", ["a2", "a4"]),
        ("accounts.balance", "<=0", ["a3", "a5"]),
        ("accounts.balance", "100,250", ["a1", "a2"]),
        ("accounts.balance", "[0,250)", ["a1", "a5"]),
        ("accounts.balance", "NOT 0", ["a1", "a2", "a3", "a4"]),
        ("accounts.is_open", "yes", ["a1", "a2", "a4"]),
        ("accounts.is_open", "no", ["a3", "a5"]),
        ("accounts.opened_date", "2025", ["a1", "a2", "a4"]),
        ("accounts.opened_month", "2025-02", ["a2"]),
        ("accounts.opened_date", "2024-12-31", ["a3"]),
        ("accounts.opened_date", "2025-01-01 to 2025-06-30", ["a1", "a2"]),  # the end is exclusive
        ("accounts.opened_date", "after 2025-02-01", ["a2", "a4"]),
        ("accounts.opened_date", "before 2025-01-01", ["a3"]),
        ("accounts.opened_date", "NULL", ["a5"]),
    ],
)
def test_filter_expressions(con, project, field, expression, expected):
    assert ids(con, project, field, expression) == expected


@pytest.mark.parametrize(
    "field, expression", [("accounts.opened_date", "last 3 months"), ("accounts.balance", "about 5")]
)
def test_an_expression_it_does_not_understand_is_an_error_not_a_guess(project, field, expression):
    with pytest.raises(LookMLError, match="understand"):
        duckdb_compiler(project).compile(Query("accounts", ["accounts.count"], {field: expression}))


def test_filter_values_are_parameters_never_sql(con, project):
    hostile = "x'; DROP TABLE marts.accounts; --"
    compiled = duckdb_compiler(project).compile(Query("accounts", ["accounts.count"], {"accounts.kind": hostile}))
    assert hostile not in compiled.sql and list(compiled.params.values()) == [hostile]
    assert con.execute(compiled.sql, compiled.params).fetchall() == [(0,)]
    assert con.execute("select count(*) from marts.accounts").fetchone() == (5,)


def test_timeframes_measures_and_default_sort(con, project):
    assert rows(
        con, project, ["accounts.opened_month", "accounts.total_balance"], {"accounts.opened_date": "2025"}
    ) == [
        ("2025-06", 5000.0),
        ("2025-02", 250.0),
        ("2025-01", 100.0),
    ]
    assert rows(
        con,
        project,
        ["accounts.opened_quarter", "accounts.count"],
        {"accounts.opened_date": "2025"},
        ["accounts.opened_quarter asc"],
    ) == [("2025-Q1", 2), ("2025-Q2", 1)]
    assert rows(con, project, ["accounts.open_accounts", "accounts.average_balance"]) == [(3, 1066.0)]


def test_a_joined_views_measures_count_each_joined_row_once(con, project):
    # o1 owns two accounts: a plain SUM over the join would count its income twice.
    assert rows(
        con,
        project,
        ["owners.segment", "owners.total_income", "owners.owner_count", "accounts.count"],
        sorts=["owners.segment asc"],
    ) == [("Affluent", 1000.0, 1, 2), ("Mass", 15.0, 2, 3)]


def test_only_the_joins_a_query_needs(project):
    compiler = duckdb_compiler(project)
    assert "JOIN" not in compiler.compile(Query("accounts", ["accounts.count"])).sql
    assert (
        "LEFT JOIN marts.owners AS owners"
        in compiler.compile(Query("accounts", ["accounts.count"], {"owners.segment": "Mass"})).sql
    )


def test_measure_filters_go_to_having(con, project):
    assert rows(
        con, project, ["accounts.owner_id", "accounts.count"], {"accounts.count": ">1"}, ["accounts.owner_id asc"]
    ) == [("o1", 2), ("o2", 2)]


def test_bigquery_sql_parses_and_uses_named_parameters(project):
    compiler = Compiler(project, "bigquery", lambda name: name)
    compiled = compiler.compile(
        Query(
            "accounts",
            ["owners.segment", "accounts.opened_month", "owners.total_income", "accounts.average_balance"],
            {"accounts.opened_date": "2025-01-01 to 2026-01-01", "accounts.kind": "-CHECKING"},
        )
    )
    assert "`p.marts.accounts`" in compiled.sql and "FORMAT_DATE('%Y-%m'" in compiled.sql
    assert "@p0" in compiled.sql and "$p0" not in compiled.sql
    assert compiled.params["p0"] == dt.date(2025, 1, 1)
    sqlglot.parse_one(compiled.sql, read="bigquery")


def test_unknown_fields_explores_and_sorts_are_named(project):
    compiler = duckdb_compiler(project)
    with pytest.raises(LookMLError, match="field accounts.nope does not resolve in explore accounts"):
        compiler.compile(Query("accounts", ["accounts.nope"]))
    with pytest.raises(LookMLError, match="explore ledger does not exist"):
        compiler.compile(Query("ledger", ["accounts.count"]))
    with pytest.raises(LookMLError, match="sort accounts.kind is not one of the query's fields"):
        compiler.compile(Query("accounts", ["accounts.count"], sorts=["accounts.kind desc"]))


def test_access_grants_are_enforced_when_the_viewer_lacks_them(project):
    project.views["owners"]["dimensions"].append(
        {"name": "email", "type": "string", "sql": "${TABLE}.email", "required_access_grants": ["can_see_pii"]}
    )
    compiler = Compiler(project, "duckdb", lambda name: name, grants=set())
    with pytest.raises(LookMLError, match="needs the access grant can_see_pii"):
        compiler.compile(Query("accounts", ["owners.email"]))
    project.views["owners"]["dimensions"].pop()


def test_assert_expressions_translate_to_sql():
    aliases = {"a.x": "a__x", "a.y": "a__y"}
    assert (
        assert_sql("abs(${a.x} - ${a.y}) < 0.01 AND ${a.x} >= 0", aliases) == "ABS ( a__x - a__y ) < 0.01 AND a__x >= 0"
    )
    with pytest.raises(LookMLError, match="is not a column"):
        assert_sql("${a.z} > 0", aliases)
    with pytest.raises(LookMLError, match="drop is not a function"):
        assert_sql("${a.x} > 0 OR drop(1)", aliases)
    with pytest.raises(LookMLError, match="cannot read"):
        assert_sql("${a.x} > 0; select 1", aliases)
