"""The generator's rules on small hand-made projects: cases the marts do not exercise today
(composite keys, two keys to one dimension, join overrides, name clashes)."""

from __future__ import annotations

import pytest

from generator.errors import UsageError
from generator.lookml.dbt_project import Column, Model, Project, Relationship
from generator.lookml.explores import build_explore, has_explore
from generator.lookml.views import build_view, dimension_group_names


def model(name, columns, primary_key, relationships=(), meta=None):
    return Model(
        name=name,
        database="db",
        schema="marts",
        alias=name,
        path=f"marts/{name}.sql",
        description=f"{name} for the test.",
        columns=[Column(n, t, f"{n}.", m) for n, t, m in columns],
        meta=meta or {},
        primary_key=list(primary_key),
        relationships=list(relationships),
    )


DATES = model("dim_date", [("date_key", "int64", {}), ("date_day", "date", {})], ["date_key"])
LOANS = model(
    "fact_loan",
    [
        ("loan_id", "string", {}),
        ("instalment", "int64", {}),
        ("due_date_key", "int64", {}),
        ("paid_date_key", "int64", {}),
        ("amount_usd", "decimal(18,2)", {"looker": {"measures": [{"type": "sum"}]}}),
        ("is_late", "boolean", {}),
        ("paid_date", "date", {}),
        ("paid_at", "timestamp", {}),
    ],
    ["loan_id", "instalment"],
    [Relationship("due_date_key", "dim_date", "date_key"), Relationship("paid_date_key", "dim_date", "date_key")],
)


def test_a_composite_key_becomes_one_hidden_primary_key():
    view = build_view(LOANS, "marts.fact_loan", "can_see_pii")
    keys = [d for d in view["dimensions"] if d.get("primary_key") == "yes"]
    assert [k["name"] for k in keys] == ["primary_key"] and keys[0]["hidden"] == "yes"
    assert "${TABLE}.loan_id" in keys[0]["sql"] and "${TABLE}.instalment" in keys[0]["sql"]


def test_two_keys_to_one_dimension_join_it_twice_under_names_from_the_keys():
    explore = build_explore(Project("duckdb", {"dim_date": DATES, "fact_loan": LOANS}), LOANS)
    joins = {j["name"]: j for j in explore["joins"]}
    assert set(joins) == {"dim_date", "paid_date"}
    assert joins["paid_date"]["from"] == "dim_date"
    assert joins["paid_date"]["sql_on"] == "${fact_loan.paid_date_key} = ${paid_date.date_key}"


def test_meta_can_drop_or_state_joins():
    dropped = model(LOANS.name, [], LOANS.primary_key, LOANS.relationships, {"exclude_joins": ["dim_date"]})
    assert "joins" not in build_explore(Project("duckdb", {"dim_date": DATES}), dropped)
    stated = {
        "name": "dim_date",
        "sql_on": "${fact_loan.due_date_key} = ${dim_date.date_key}",
        "relationship": "one_to_one",
    }
    custom = model(LOANS.name, [], LOANS.primary_key, [], {"joins": [stated]})
    joins = build_explore(Project("duckdb", {"dim_date": DATES}), custom)["joins"]
    assert joins == [{"name": "dim_date", "type": "left_outer", **stated}]


def test_date_suffixes_are_stripped_only_where_the_name_is_free():
    names = dimension_group_names(LOANS.columns)
    assert names == {"paid_date": "paid", "paid_at": "paid_at"}
    clash = [Column("created", "string"), Column("created_date", "date")]
    assert dimension_group_names(clash) == {"created_date": "created_date"}


def test_explores_are_for_facts_unless_meta_says_otherwise():
    assert has_explore(LOANS) and not has_explore(DATES)
    assert has_explore(model("dim_customer", [], ["k"], meta={"explore": True}))
    assert not has_explore(model("fact_hidden", [], ["k"], meta={"explore": False}))


@pytest.mark.parametrize(
    ("measures", "message"),
    [
        ([{"type": "sum", "name": "count"}], "two fields would be named 'count'"),
        ([{"type": "sum", "name": "Total Amount"}], "not a valid LookML field name"),
        ([{"type": "percentile"}], "measure type 'percentile'"),
    ],
)
def test_measure_names_are_unique_and_valid_or_generation_stops(measures, message):
    bad = model("fact_x", [("k", "string", {}), ("amount_usd", "double", {"looker": {"measures": measures}})], ["k"])
    with pytest.raises(UsageError, match=message):
        build_view(bad, "marts.fact_x", "can_see_pii")
