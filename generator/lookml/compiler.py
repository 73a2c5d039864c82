"""LookML queries compiled to SQL for DuckDB or BigQuery, the way Looker writes them.

A query names an explore, its fields (`view.field`), Looker filter expressions, sorts, pivots and a
limit, as a dashboard element does. The compiler resolves `${TABLE}`, `${field}`, `${view.field}` and
`${view.SQL_TABLE_NAME}`, turns dimension-group timeframes and measure types into the dialect's SQL,
joins only the views the query needs (and the views their `sql_on` needs), and aggregates measures of
joined views symmetrically (each joined row counted once, by its primary key), as Looker does. Filter
values are query parameters, never pasted into the SQL. Anything it does not understand is a
LookMLError, never a silent guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.lookml.filters import Params, condition
from generator.lookml.project import LookerProject, LookMLError

REFERENCE = re.compile(r"\$\{([^}]+)\}")
DIALECTS = ("duckdb", "bigquery")
MEASURE_TYPES = ("count", "count_distinct", "sum", "average", "min", "max", "median", "number")


@dataclass(frozen=True)
class Field:
    view: str  # the view that defines it
    name: str
    kind: str  # dimension, measure or filter
    definition: dict
    timeframe: str | None = None

    @property
    def type(self) -> str:
        """The type filters are read as: every timeframe of a dimension group filters on its date."""
        if self.kind == "measure":
            return "number"
        return "date" if self.timeframe else str(self.definition.get("type", "string"))


def view_fields(view: dict) -> dict[str, Field]:
    """Every field of a view by name; a dimension group gives one field per timeframe."""
    out: dict[str, Field] = {}

    def add(item: Field) -> None:
        if item.name in out:
            raise LookMLError(f"view {view['name']}: field {item.name} is defined twice")
        out[item.name] = item

    for dimension in view.get("dimensions", []):
        add(Field(view["name"], dimension["name"], "dimension", dimension))
    for group in view.get("dimension_groups", []):
        for timeframe in group.get("timeframes", []):
            add(Field(view["name"], f"{group['name']}_{timeframe}", "dimension", group, timeframe))
    for measure in view.get("measures", []):
        add(Field(view["name"], measure["name"], "measure", measure))
    for item in view.get("filters", []):
        add(Field(view["name"], item["name"], "filter", item))
    return out


def _timeframe(dialect: str, expr: str, timeframe: str) -> str:
    day = f"CAST({expr} AS DATE)"
    if dialect == "bigquery":
        sql = {
            "raw": expr,
            "time": f"CAST({expr} AS TIMESTAMP)",
            "date": day,
            "week": f"DATE_TRUNC({day}, WEEK(MONDAY))",
            "month": f"FORMAT_DATE('%Y-%m', {day})",
            # Not FORMAT_DATE's %Q: the same text, and the emulator can run it too.
            "quarter": f"CONCAT(FORMAT_DATE('%Y', {day}), '-Q', CAST(EXTRACT(QUARTER FROM {day}) AS STRING))",
            "year": f"EXTRACT(YEAR FROM {day})",
            "month_name": f"FORMAT_DATE('%B', {day})",
        }
    else:
        sql = {
            "raw": expr,
            "time": f"CAST({expr} AS TIMESTAMP)",
            "date": day,
            "week": f"CAST(date_trunc('week', {day}) AS DATE)",  # Looker's weeks start on Monday by default
            "month": f"strftime({day}, '%Y-%m')",
            "quarter": f"(strftime({day}, '%Y') || '-Q' || CAST(quarter({day}) AS VARCHAR))",
            "year": f"CAST(extract(year FROM {day}) AS BIGINT)",
            "month_name": f"monthname({day})",
        }
    if timeframe not in sql:
        raise LookMLError(f"timeframe {timeframe} is not one this compiler understands")
    return sql[timeframe]


@dataclass
class Query:
    """What a dashboard element or a LookML test asks of an explore."""

    explore: str
    fields: list[str]  # view.field, dimensions and measures in output order
    filters: dict[str, str] = field(default_factory=dict)
    sorts: list[str] = field(default_factory=list)
    pivots: list[str] = field(default_factory=list)
    limit: int | None = 500


@dataclass
class CompiledQuery:
    sql: str
    params: dict[str, object]
    columns: list[str]  # view.field of each output column, in order
    aliases: dict[str, str]  # view.field -> the SQL column name
    measures: set[str]
    views: set[str]  # every view the SQL reads (joined views, and views whose tables derived tables read)
    tables: set[str]  # the warehouse tables (dbt models) it reads


Relation = Callable[[str], str]  # a sql_table_name, constants substituted -> the table on this warehouse


class Compiler:
    """Compiles queries against one Looker project for one dialect.

    `relation` turns a view's sql_table_name into the name of the table on the warehouse being queried
    (the committed LookML names production BigQuery tables). `grants` is the set of access grants the
    viewer holds; None holds them all (Looker's validators run as an admin).
    """

    def __init__(self, project: LookerProject, dialect: str, relation: Relation, grants: set[str] | None = None):
        if dialect not in DIALECTS:
            raise LookMLError(f"dialect {dialect!r} is not one of {', '.join(DIALECTS)}")
        self.project = project
        self.dialect = dialect
        self.relation = relation
        self.grants = grants
        self._fields: dict[str, dict[str, Field]] = {}

    # -- explores and fields ------------------------------------------------------------------------

    def explore(self, name: str) -> dict:
        if name not in self.project.explores:
            raise LookMLError(f"explore {name} does not exist in model {self.project.model_name}")
        return self.project.explores[name]

    def aliases(self, explore: dict) -> dict[str, str]:
        """Each name a view goes by in the explore -> the view."""
        out = {explore["name"]: explore.get("from", explore.get("view_name", explore["name"]))}
        for join in explore.get("joins", []):
            out[join["name"]] = join.get("from", join["name"])
        for alias, view in out.items():
            if view not in self.project.views:
                raise LookMLError(f"explore {explore['name']}: {alias} refers to view {view}, which does not exist")
        return out

    def fields_of(self, view: str) -> dict[str, Field]:
        if view not in self._fields:
            self._fields[view] = view_fields(self.project.views[view])
        return self._fields[view]

    def resolve(self, explore: dict, reference: str) -> tuple[str, Field]:
        """`view.field` in an explore -> (alias, field); a LookMLError names what does not resolve."""
        alias, _, name = reference.partition(".")
        aliases = self.aliases(explore)
        if not name or alias not in aliases:
            raise LookMLError(f"field {reference} does not resolve in explore {explore['name']}")
        fields = self.fields_of(aliases[alias])
        if name not in fields:
            raise LookMLError(f"field {reference} does not resolve in explore {explore['name']}")
        found = fields[name]
        required = found.definition.get("required_access_grants") or []
        if self.grants is not None and not set(required) <= self.grants:
            raise LookMLError(f"field {reference} needs the access grant {', '.join(required)}")
        return alias, found

    # -- SQL of fields ------------------------------------------------------------------------------

    def _table(self, view: dict, used: _Used) -> str:
        used.views.add(view["name"])
        if "sql_table_name" in view:
            name = self.project.constant(view["sql_table_name"]).strip()
            used.tables.add(name.strip("`").split(".")[-1])
            return self.relation(name)
        derived = view.get("derived_table", {}).get("sql")
        if derived:
            return f"({self._substitute(None, None, derived, (), used)})"
        raise LookMLError(f"view {view['name']} has neither sql_table_name nor derived_table sql")

    def _substitute(self, explore: dict | None, alias: str | None, sql: str, stack: tuple, used: _Used) -> str:
        if "{%" in sql or "{{" in sql:
            raise LookMLError(f"{alias}: Liquid in SQL is not supported by this compiler")

        def replace(match: re.Match) -> str:
            ref = match.group(1)
            if ref == "TABLE":
                if alias is None:
                    raise LookMLError("${TABLE} outside a view")
                return alias
            if ref.endswith(".SQL_TABLE_NAME"):
                view = ref.removesuffix(".SQL_TABLE_NAME")
                if view not in self.project.views:
                    raise LookMLError(f"${{{ref}}}: view {view} does not exist")
                return self._table(self.project.views[view], used)
            if explore is None:
                raise LookMLError(f"${{{ref}}} cannot be resolved here (only ${{view.SQL_TABLE_NAME}} can)")
            target_alias, name = ref.split(".", 1) if "." in ref else (alias, ref)
            return self.field_sql(explore, target_alias, name, stack, used)

        return REFERENCE.sub(replace, sql)

    def field_sql(self, explore: dict, alias: str, name: str, stack: tuple = (), used: _Used | None = None) -> str:
        used = used if used is not None else _Used()
        if (alias, name) in stack:
            raise LookMLError(f"{alias}.{name} refers to itself")
        stack = (*stack, (alias, name))
        _, found = self.resolve(explore, f"{alias}.{name}")
        used.aliases.add(alias)
        definition = found.definition
        expr = f"({self._substitute(explore, alias, definition['sql'], stack, used)})" if "sql" in definition else None
        if found.kind in ("dimension", "filter"):
            if expr is None:
                expr = f"{alias}.{found.name}"  # Looker's default: the column of the same name
            return _timeframe(self.dialect, expr, found.timeframe) if found.timeframe else expr
        return self._measure(explore, alias, definition, expr, stack, used)

    def filter_sql(self, explore: dict, alias: str, found: Field, expression: str, used: _Used) -> str | None:
        """A Looker filter expression on a field. A filter on any timeframe of a dimension group filters
        the group's date (`2025-02` on opened_month means February 2025), as in Looker."""
        if found.timeframe:
            raw = f"{alias}.{found.name}"
            if "sql" in found.definition:
                raw = f"({self._substitute(explore, alias, found.definition['sql'], ((alias, found.name),), used)})"
            used.aliases.add(alias)
            expr = f"CAST({raw} AS DATE)"
        else:
            expr = self.field_sql(explore, alias, found.name, (), used)
        return condition(expr, found.type, expression, used.params)

    def _measure_filter(self, explore: dict, alias: str, measure: dict, stack: tuple, used: _Used) -> str | None:
        # lkml reads `filters: [a: "x", b: "y"]` as filters__all: [[{a: x}, {b: y}]].
        items = measure.get("filters") or [f for group in measure.get("filters__all", []) for f in group]
        parts = []
        for item in items:
            for reference, expression in item.items():
                target_alias, name = reference.split(".", 1) if "." in reference else (alias, reference)
                _, found = self.resolve(explore, f"{target_alias}.{name}")
                sql = self.filter_sql(explore, target_alias, found, expression, used)
                if sql:
                    parts.append(sql)
        return " AND ".join(parts) or None

    def _measure(self, explore: dict, alias: str, measure: dict, expr: str | None, stack: tuple, used: _Used) -> str:
        kind = measure.get("type", "count")
        if kind not in MEASURE_TYPES:
            raise LookMLError(f"measure {alias}.{measure['name']}: type {kind} is not supported by this compiler")
        if kind == "number":
            if expr is None:
                raise LookMLError(f"measure {alias}.{measure['name']}: type number needs sql")
            return expr
        if kind != "count" and expr is None:
            raise LookMLError(f"measure {alias}.{measure['name']}: type {kind} needs sql")
        where = self._measure_filter(explore, alias, measure, stack, used)
        joined = alias != explore["name"]  # a many-to-one joined view repeats its rows once per base row

        def when(value: str) -> str:
            return f"CASE WHEN {where} THEN {value} END" if where else value

        if kind == "count":
            if not joined:
                return f"COUNT({when('1')})" if where else "COUNT(*)"
            return f"COUNT(DISTINCT {when(self._primary_key(explore, alias, stack, used))})"
        if kind == "count_distinct":
            return f"COUNT(DISTINCT {when(expr)})"
        if kind in ("min", "max"):
            return f"{kind.upper()}({when(expr)})"
        if kind == "median":
            value = when(expr)
            return f"APPROX_QUANTILES({value}, 2)[OFFSET(1)]" if self.dialect == "bigquery" else f"MEDIAN({value})"
        if not joined:
            return f"{'SUM' if kind == 'sum' else 'AVG'}({when(expr)})"
        return self._symmetric(kind, self._primary_key(explore, alias, stack, used), expr, where)

    def _symmetric(self, kind: str, key: str, value: str, where: str | None) -> str:
        """SUM or AVG of a joined view's value with each of its rows counted once, by primary key."""
        keep = f"{value} IS NOT NULL" + (f" AND {where}" if where else "")
        if self.dialect == "bigquery":
            pairs = f"ARRAY_AGG(IF({keep}, STRUCT(CAST({key} AS STRING) AS k, {value} AS v), NULL) IGNORE NULLS)"
            aggregate = "SUM(e.v)" if kind == "sum" else "AVG(e.v)"
            return f"(SELECT {aggregate} FROM (SELECT DISTINCT p.k, p.v FROM UNNEST({pairs}) AS p) AS e)"
        pairs = f"list_distinct(list(CASE WHEN {keep} THEN {{'k': {key}, 'v': {value}}} END))"
        total = f"list_sum(list_transform({pairs}, x -> x.v))"
        return total if kind == "sum" else f"({total} / NULLIF(len({pairs}), 0))"

    def _primary_key(self, explore: dict, alias: str, stack: tuple, used: _Used) -> str:
        view = self.project.views[self.aliases(explore)[alias]]
        keys = [d["name"] for d in view.get("dimensions", []) if d.get("primary_key") == "yes"]
        if len(keys) != 1:
            raise LookMLError(f"view {view['name']} needs exactly one primary key for measures across a join")
        return self.field_sql(explore, alias, keys[0], stack, used)

    # -- queries ------------------------------------------------------------------------------------

    def compile(self, query: Query) -> CompiledQuery:
        explore = self.explore(query.explore)
        used = _Used(params=Params(self.dialect))
        if not query.fields:
            raise LookMLError(f"explore {query.explore}: a query needs at least one field")
        aliases = {reference: reference.replace(".", "__") for reference in query.fields}
        dimensions, measures, select = [], [], []
        for reference in query.fields:
            alias, found = self.resolve(explore, reference)
            sql = self.field_sql(explore, alias, found.name, (), used)
            select.append(f"{sql} AS {aliases[reference]}")
            (measures if found.kind == "measure" else dimensions).append(reference)
        for pivot in query.pivots:
            if pivot not in dimensions:
                raise LookMLError(f"pivot {pivot} is not one of the query's dimensions")
        where, having = [], []
        for reference, expression in query.filters.items():
            alias, found = self.resolve(explore, reference)
            sql = self.filter_sql(explore, alias, found, expression, used)
            if sql:
                (having if found.kind == "measure" else where).append(sql)
        if explore.get("sql_always_where"):
            where.append(f"({self._substitute(explore, explore['name'], explore['sql_always_where'], (), used)})")
        order = self._order(explore, query, aliases, dimensions, measures)
        lines = [f"SELECT\n    {(',' + chr(10) + '    ').join(select)}", self._from(explore, used)]
        if where:
            lines.append("WHERE " + "\n  AND ".join(where))
        if dimensions and measures:
            lines.append("GROUP BY " + ", ".join(str(query.fields.index(d) + 1) for d in dimensions))
        elif dimensions:
            lines.append("GROUP BY " + ", ".join(str(i + 1) for i in range(len(dimensions))))
        if having:
            lines.append("HAVING " + "\n  AND ".join(having))
        if order:
            lines.append("ORDER BY " + ", ".join(order))
        if query.limit is not None:
            lines.append(f"LIMIT {int(query.limit)}")
        return CompiledQuery(
            sql="\n".join(lines),
            params=used.params.values,
            columns=list(query.fields),
            aliases=aliases,
            measures=set(measures),
            views=used.views,
            tables=used.tables,
        )

    def _order(self, explore: dict, query: Query, aliases: dict, dimensions: list, measures: list) -> list[str]:
        order = []
        for sort in query.sorts:
            parts = sort.split()
            if len(parts) not in (1, 2) or (len(parts) == 2 and parts[1].lower() not in ("asc", "desc")):
                raise LookMLError(f"sort {sort!r} is not `view.field [asc|desc]`")
            if parts[0] not in aliases:
                raise LookMLError(f"sort {parts[0]} is not one of the query's fields")
            direction = parts[1].upper() if len(parts) == 2 else "ASC"
            order.append(f"{aliases[parts[0]]} {direction} NULLS LAST")
        if order:
            return order
        # Looker's default: the first time dimension descending, else the first measure descending.
        timed = [d for d in dimensions if self.resolve(explore, d)[1].timeframe]
        if timed:
            return [f"{aliases[timed[0]]} DESC NULLS LAST"]
        if measures:
            return [f"{aliases[measures[0]]} DESC NULLS LAST"]
        return [f"{aliases[d]} ASC NULLS LAST" for d in dimensions[:1]]

    def _from(self, explore: dict, used: _Used) -> str:
        """FROM the base view, and LEFT JOIN each view the query (or a needed join's sql_on) uses."""
        views = self.aliases(explore)
        joins = {join["name"]: join for join in explore.get("joins", [])}
        needed = {a for a in used.aliases if a in joins}
        needed |= {name for name in explore.get("always_join", []) if name in joins}
        conditions: dict[str, str] = {}
        while True:
            for name in sorted(needed - conditions.keys()):
                join = joins[name]
                if join.get("type", "left_outer") != "left_outer" or join.get("relationship") != "many_to_one":
                    raise LookMLError(f"explore {explore['name']}: join {name} must be a left_outer many_to_one join")
                inner = _Used(params=used.params)
                conditions[name] = self._substitute(explore, explore["name"], join["sql_on"], (), inner)
                needed |= {a for a in inner.aliases if a in joins}
                needed |= set(join.get("required_joins", []))
                used.views |= inner.views
                used.tables |= inner.tables
            if needed <= conditions.keys():
                break
        lines = [f"FROM {self._table(self.project.views[views[explore['name']]], used)} AS {explore['name']}"]
        for join in explore.get("joins", []):  # in the explore's order, so a join can rely on an earlier one
            if join["name"] in needed:
                table = self._table(self.project.views[views[join["name"]]], used)
                lines.append(f"LEFT JOIN {table} AS {join['name']} ON {conditions[join['name']]}")
        return "\n".join(lines)


@dataclass
class _Used:
    """What compiling a query touched: aliases (for joins), views and tables (for lineage), parameters."""

    aliases: set[str] = field(default_factory=set)
    views: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    params: Params = field(default_factory=lambda: Params("duckdb"))
