"""One LookML view per exposed dbt model: dimensions typed from column types, dimension groups for
dates and timestamps, the primary key, hidden foreign keys, PII behind an access grant, and measures
(a count, plus those declared in dbt `meta`)."""

from __future__ import annotations

import re

from generator.errors import UsageError
from generator.lookml.dbt_project import Column, Model, Project

NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
NUMBER_TYPES = ("int", "bigint", "smallint", "tinyint", "hugeint", "integer", "int64", "decimal", "numeric")
NUMBER_TYPES += ("bignumeric", "float", "float64", "double", "real")
DATE_TIMEFRAMES = ["raw", "date", "week", "month", "quarter", "year"]
TIME_TIMEFRAMES = ["raw", "time", "date", "week", "month", "quarter", "year"]
# Measure types a column's meta may declare, and the name each gets unless it names itself.
COLUMN_MEASURES = {
    "sum": "total_{}",
    "average": "average_{}",
    "min": "min_{}",
    "max": "max_{}",
    "median": "median_{}",
    "count_distinct": "count_distinct_{}",
}
MONEY_FORMAT = "usd"


def field_kind(data_type: str) -> str:
    """string, number, yesno, date or time, from the warehouse's type name."""
    base = data_type.split("(")[0].strip()
    if base in ("bool", "boolean"):
        return "yesno"
    if base == "date":
        return "date"
    if base.startswith(("timestamp", "datetime")):
        return "time"
    if base in NUMBER_TYPES:
        return "number"
    return "string"


def dimension_group_names(columns: list[Column]) -> dict[str, str]:
    """Date and timestamp columns as dimension groups, named without their `_date` / `_at` suffix
    where that name is free. Dates choose first, so transaction_date becomes `transaction` (fields
    transaction_date, transaction_month, ...) and transaction_at keeps its name (transaction_at_time)."""
    kinds = {c.name: field_kind(c.data_type) for c in columns}
    timed = [c.name for c in columns if kinds[c.name] == "date"] + [c.name for c in columns if kinds[c.name] == "time"]
    taken = {c.name for c in columns if kinds[c.name] not in ("date", "time")}
    names: dict[str, str] = {}
    for name in timed:
        short = re.sub(r"_(date|at)$", "", name)
        timeframes = DATE_TIMEFRAMES if kinds[name] == "date" else TIME_TIMEFRAMES
        fields = {f"{short}_{t}" for t in timeframes}
        free = short != name and short not in taken and short not in names.values() and not fields & taken
        names[name] = short if free else name
        taken |= {f"{names[name]}_{t}" for t in timeframes}
    return names


def _value_format(column: Column) -> str | None:
    if column.name.endswith("_usd"):
        return MONEY_FORMAT
    return None


def _check_name(model: Model, name: str, taken: set[str]) -> None:
    if not NAME.match(name):
        raise UsageError(f"{model.name}: {name!r} is not a valid LookML field name (lower case, digits, _)")
    if name in taken:
        raise UsageError(f"{model.name}: two fields would be named {name!r}; name one in its meta.looker")
    taken.add(name)


def looker_meta(column: Column) -> dict:
    """A column's `meta.looker` settings (label, group_label, hidden, measures)."""
    looker = column.meta.get("looker", {})
    return looker if isinstance(looker, dict) else {}


def _common(column: Column, pii_grant: str) -> dict:
    looker = looker_meta(column)
    out: dict = {}
    if looker.get("label"):
        out["label"] = looker["label"]
    if looker.get("group_label"):
        out["group_label"] = looker["group_label"]
    if column.description:
        out["description"] = " ".join(column.description.split())
    if column.meta.get("pii") is True:
        out["required_access_grants"] = [pii_grant]
    return out


def build_view(model: Model, table: str, pii_grant: str) -> dict:
    """The view for a model; `table` is what sql_table_name says for the target warehouse."""
    foreign_keys = {r.column for r in model.relationships}
    groups = dimension_group_names(model.columns)
    taken: set[str] = set()
    dimensions, dimension_groups = [], []
    if len(model.primary_key) > 1:
        # A compound key for Looker's symmetric aggregates: the key columns as one string.
        parts = ", '|', ".join(f"CAST(${{TABLE}}.{c} AS STRING)" for c in model.primary_key)
        _check_name(model, "primary_key", taken)
        dimensions.append(
            {
                "name": "primary_key",
                "primary_key": "yes",
                "hidden": "yes",
                "type": "string",
                "description": f"The primary key: {', '.join(model.primary_key)}.",
                "sql": f"CONCAT({parts})",
            }
        )
    for column in model.columns:
        kind = field_kind(column.data_type)
        looker = looker_meta(column)
        sql = f"${{TABLE}}.{column.name}"
        if kind in ("date", "time"):
            name = groups[column.name]
            timeframes = DATE_TIMEFRAMES if kind == "date" else TIME_TIMEFRAMES
            for timeframe in timeframes:
                _check_name(model, f"{name}_{timeframe}", taken)
            group = {"name": name, "type": "time", "timeframes": timeframes, **_common(column, pii_grant)}
            group.update({"datatype": "date" if kind == "date" else "timestamp", "convert_tz": "no", "sql": sql})
            if looker.get("hidden") or column.name in foreign_keys:
                group["hidden"] = "yes"
            dimension_groups.append(group)
            continue
        _check_name(model, column.name, taken)
        dimension = {"name": column.name, "type": kind, **_common(column, pii_grant)}
        if model.primary_key == [column.name]:
            dimension["primary_key"] = "yes"
        # Keys are hashes for joining, not for reading: foreign keys and *_key columns are hidden.
        if column.name in foreign_keys or column.name.endswith("_key") or looker.get("hidden"):
            dimension["hidden"] = "yes"
        if kind == "number" and _value_format(column):
            dimension["value_format_name"] = _value_format(column)
        dimension["sql"] = sql
        dimensions.append(dimension)
    measures = _measures(model, taken)
    view: dict = {"name": model.name, "sql_table_name": table, "label": view_label(model)}
    view["dimensions"] = dimensions
    if dimension_groups:
        view["dimension_groups"] = dimension_groups
    view["measures"] = measures
    view["sets"] = [{"name": "detail", "fields": _detail_fields(model, dimensions)}]
    return view


def view_label(model: Model) -> str:
    """meta.looker.label, else the name without its dim_/fact_ prefix: dim_customer -> Customer."""
    return model.meta.get("label") or re.sub(r"^(dim|fact)_", "", model.name).replace("_", " ").title()


def _detail_fields(model: Model, dimensions: list[dict]) -> list[str]:
    """What a drill shows: the key and the first few visible descriptive fields."""
    key = model.primary_key[0] if len(model.primary_key) == 1 else "primary_key"
    visible = [d["name"] for d in dimensions if "hidden" not in d and d["name"] != key and d["type"] == "string"]
    return [key, *visible[:5]]


def _measures(model: Model, taken: set[str]) -> list[dict]:
    _check_name(model, "count", taken)
    measures = [
        {
            "name": "count",
            "type": "count",
            "description": f"Number of rows ({view_label(model).lower()}).",
            "drill_fields": ["detail*"],
        }
    ]
    for column in model.columns:
        looker = looker_meta(column)
        for spec in looker.get("measures", []):
            measures.append(_column_measure(model, column, spec, taken))
    for spec in model.meta.get("measures", []):
        measures.append(_model_measure(model, spec, taken))
    return measures


def _filters(model: Model, spec: dict) -> list[dict]:
    filters = spec.get("filters", {})
    if not isinstance(filters, dict):
        raise UsageError(f"{model.name}: measure filters must be a mapping of field to Looker filter expression")
    return [{field: str(value)} for field, value in filters.items()]


def _column_measure(model: Model, column: Column, spec: dict, taken: set[str]) -> dict:
    kind = spec.get("type")
    if kind not in COLUMN_MEASURES and kind != "count":
        allowed = ", ".join(sorted([*COLUMN_MEASURES, "count"]))
        raise UsageError(f"{model.name}.{column.name}: measure type {kind!r} is not one of {allowed}")
    name = spec.get("name") or COLUMN_MEASURES.get(kind, "count_{}").format(column.name)
    _check_name(model, name, taken)
    measure = {"name": name, "type": kind}
    for key in ("label", "description", "group_label"):
        if spec.get(key):
            measure[key] = spec[key]
    if "description" not in measure and column.description:
        what = kind.replace("_", " ").capitalize()
        measure["description"] = f"{what} of {column.name}: {' '.join(column.description.split())}"
    if kind != "count":
        measure["sql"] = f"${{{column.name}}}"
    if spec.get("filters"):
        measure["filters"] = _filters(model, spec)
    fmt = spec.get("value_format_name") or (_value_format(column) if kind in ("sum", "average", "min", "max") else None)
    if fmt:
        measure["value_format_name"] = fmt
    measure["drill_fields"] = ["detail*"]
    return measure


def _model_measure(model: Model, spec: dict, taken: set[str]) -> dict:
    """Measures declared on the model: filtered counts, and ratios (type number) of other measures."""
    name, kind = spec.get("name"), spec.get("type")
    if not name or kind not in ("count", "number"):
        raise UsageError(f"{model.name}: a model-level measure needs a name and type count or number, got {spec!r}")
    _check_name(model, name, taken)
    measure = {"name": name, "type": kind}
    for key in ("label", "description", "group_label"):
        if spec.get(key):
            measure[key] = spec[key]
    if kind == "number":
        if not spec.get("sql"):
            raise UsageError(f"{model.name}.{name}: a number measure needs sql (e.g. ${{a}} / NULLIF(${{b}}, 0))")
        measure["sql"] = spec["sql"]
    if spec.get("filters"):
        measure["filters"] = _filters(model, spec)
    if spec.get("value_format_name"):
        measure["value_format_name"] = spec["value_format_name"]
    measure["drill_fields"] = ["detail*"]
    return measure


def sql_table_name(project: Project, model: Model) -> str:
    """BigQuery: project and dataset from manifest.lkml constants, so one committed project serves any
    BigQuery project. DuckDB: literal schema.table, so the same LookML runs against a local build."""
    if project.adapter == "bigquery":
        return f"`@{{bigquery_project}}.@{{{dataset_constant(model.schema)}}}.{model.alias}`"
    return f"{model.schema}.{model.alias}"


def dataset_constant(schema: str) -> str:
    return f"dataset_{schema}"
