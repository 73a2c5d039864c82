"""What the LookML generator needs to know of a dbt project, read from its manifest (and catalog).

Everything Looker users see is decided in dbt: which models are exposed, column types (from enforced
contracts, else the catalog), descriptions, `meta` (PII flags, labels, measures), primary keys (from
constraints, else unique + not_null tests, else a unique combination of columns) and joins (from
`relationships` tests).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import UsageError, read_json

REF = re.compile(r"""ref\(\s*['"]([^'"]+)['"]\s*\)""")


@dataclass
class Column:
    name: str
    data_type: str  # lower case, as the warehouse names it ('' when unknown)
    description: str = ""
    meta: dict = field(default_factory=dict)


@dataclass
class Relationship:
    column: str  # in the child model
    parent: str  # model name
    parent_column: str


@dataclass
class Model:
    name: str
    database: str
    schema: str
    alias: str
    path: str  # relative to models/
    description: str
    columns: list[Column]
    meta: dict  # the model's `looker` meta, {} when absent
    primary_key: list[str]
    relationships: list[Relationship]


@dataclass
class Project:
    adapter: str  # duckdb or bigquery
    models: dict[str, Model]  # only the models exposed to Looker, by name

    def exposed(self) -> list[Model]:
        return [self.models[name] for name in sorted(self.models)]


def _read_json(path: Path, what: str) -> dict:
    missing = f"{path} not found: run 'dbt build' (or 'dbt parse') first to write the {what}"
    return read_json(path, missing=missing, fix="rebuild it with dbt")


def _is_exposed(node: dict) -> bool:
    """Marts get views unless their meta says `looker: {view: false}`; other models only when it says true."""
    choice = _looker_meta(node).get("view")
    return choice if isinstance(choice, bool) else node["path"].startswith("marts/")


def _looker_meta(node: dict) -> dict:
    meta = node.get("config", {}).get("meta") or node.get("meta") or {}
    looker = meta.get("looker", {})
    if not isinstance(looker, dict):
        raise UsageError(f"{node['name']}: meta.looker must be a mapping, got {looker!r}")
    return looker


def _column_tests(nodes: dict, unique_id: str) -> tuple[dict[str, set[str]], list[list[str]], list[Relationship]]:
    """Per column, the names of its generic tests; unique column combinations; relationships to parents."""
    by_column: dict[str, set[str]] = {}
    combinations: list[list[str]] = []
    relationships: list[Relationship] = []
    for test in nodes.values():
        if test["resource_type"] != "test" or test.get("attached_node") != unique_id:
            continue
        meta = test.get("test_metadata") or {}
        name, kwargs = meta.get("name"), meta.get("kwargs", {})
        column = test.get("column_name")
        if name == "unique_combination_of_columns":
            combinations.append(list(kwargs.get("combination_of_columns", [])))
        elif name == "relationships" and column:
            match = REF.search(str(kwargs.get("to", "")))
            if match:
                relationships.append(Relationship(column, match.group(1), kwargs.get("field", column)))
        if column and name:
            by_column.setdefault(column, set()).add(name)
    return by_column, combinations, relationships


def _primary_key(node: dict, tests: dict[str, set[str]], combinations: list[list[str]]) -> list[str]:
    for constraint in node.get("constraints", []):
        if constraint.get("type") == "primary_key":
            return list(constraint.get("columns", []))
    columns = node["columns"]
    for name, column in columns.items():
        if any(c.get("type") == "primary_key" for c in column.get("constraints", [])):
            return [name]
    # A column tested unique and not null; among several (a hash key and the natural key it hashes),
    # the one declared not null in the contract, then the first.
    candidates = [
        name
        for name, column in columns.items()
        if "unique" in tests.get(name, set())
        and (
            "not_null" in tests.get(name, set())
            or any(c.get("type") == "not_null" for c in column.get("constraints", []))
        )
    ]
    constrained = [n for n in candidates if any(c.get("type") == "not_null" for c in columns[n].get("constraints", []))]
    if constrained or candidates:
        return [(constrained or candidates)[0]]
    return combinations[0] if combinations else []


def read_project(manifest_path: Path, catalog_path: Path | None = None) -> Project:
    manifest = _read_json(manifest_path, "manifest")
    catalog = _read_json(catalog_path, "catalog") if catalog_path and catalog_path.exists() else {"nodes": {}}
    adapter = manifest.get("metadata", {}).get("adapter_type", "")
    if adapter not in ("duckdb", "bigquery"):
        raise UsageError(
            f"{manifest_path} was built for {adapter or 'an unknown warehouse'}; expected duckdb or bigquery"
        )
    nodes = manifest["nodes"]
    models: dict[str, Model] = {}
    for unique_id, node in sorted(nodes.items()):
        if node["resource_type"] != "model" or not _is_exposed(node):
            continue
        catalog_columns = {k.lower(): v for k, v in catalog["nodes"].get(unique_id, {}).get("columns", {}).items()}
        columns = []
        for name, column in node["columns"].items():
            data_type = column.get("data_type") or catalog_columns.get(name.lower(), {}).get("type") or ""
            meta = column.get("config", {}).get("meta") or column.get("meta") or {}
            columns.append(Column(name, data_type.lower(), (column.get("description") or "").strip(), meta))
        # Columns the warehouse has but the YAML does not list still become fields.
        listed = {c.name.lower() for c in columns}
        for name, column in sorted(catalog_columns.items(), key=lambda kv: kv[1].get("index", 0)):
            if name not in listed:
                columns.append(Column(name, str(column.get("type", "")).lower()))
        tests, combinations, relationships = _column_tests(nodes, unique_id)
        order = {c.name: i for i, c in enumerate(columns)}
        relationships.sort(key=lambda r: (order.get(r.column, len(order)), r.parent))
        models[node["name"]] = Model(
            name=node["name"],
            database=node.get("database") or "",
            # The production schema (the custom schema dbt was given), whatever the target the manifest was
            # built for: a dev target's prefixed schemas (dev_alice_marts) must not reach Looker.
            schema=(node.get("config") or {}).get("schema") or node["schema"],
            alias=node.get("alias") or node["name"],
            path=node["path"],
            description=(node.get("description") or "").strip(),
            columns=columns,
            meta=_looker_meta(node),
            primary_key=_primary_key(node, tests, combinations),
            relationships=relationships,
        )
    if not models:
        raise UsageError(f"{manifest_path} has no models for Looker (marts, or meta looker.view: true)")
    return Project(adapter, models)
