"""A small LookML-to-SQL compiler for DuckDB, for checking that generated explores run.

It resolves `${TABLE}`, `${field}` and `${view.field}` references the way Looker does, turns dimension
group timeframes and measures into SQL, and joins an explore's views with their `sql_on`. Measures
of joined views use symmetric aggregates (each joined row counted once, by its primary key), as
Looker does, so their values can be checked. Anything it does not understand is an error, never a
silent guess.
"""

from __future__ import annotations

import re
from pathlib import Path

import lkml

REFERENCE = re.compile(r"\$\{([^}]+)\}")


class LookMLError(Exception):
    pass


def load_project(root: Path) -> tuple[dict[str, dict], list[dict]]:
    """Views by name (refinements folded in) and explores, from every .lkml file under root."""
    views: dict[str, dict] = {}
    refinements: list[dict] = []
    explores: list[dict] = []
    for path in sorted(root.rglob("*.lkml")):
        parsed = lkml.load(path.read_text())
        for view in parsed.get("views", []):
            if view["name"].startswith("+"):
                refinements.append(view)
            elif view["name"] in views:
                raise LookMLError(f"view {view['name']} is defined twice")
            else:
                views[view["name"]] = view
        explores += parsed.get("explores", [])
    for refinement in refinements:
        name = refinement["name"][1:]
        if name not in views:
            raise LookMLError(f"refinement +{name} refines no view")
        for key in ("dimensions", "dimension_groups", "measures"):
            views[name].setdefault(key, []).extend(refinement.get(key, []))
    return views, explores


def timeframe_sql(expr: str, timeframe: str) -> str:
    return {
        "raw": expr,
        "time": f"CAST({expr} AS TIMESTAMP)",
        "date": f"CAST({expr} AS DATE)",
        "week": f"CAST(date_trunc('week', {expr}) AS DATE)",  # Looker's weeks start on Monday by default
        "month": f"strftime(CAST({expr} AS DATE), '%Y-%m')",
        "quarter": f"CAST(date_trunc('quarter', {expr}) AS DATE)",
        "year": f"extract(year FROM {expr})",
    }[timeframe]


class Explore:
    """The SQL of one explore: FROM and JOINs, and any of its fields as an expression."""

    def __init__(self, explore: dict, views: dict[str, dict]):
        self.name = explore["name"]
        self.views = views
        self.aliases: dict[str, str] = {self.name: explore.get("from", explore.get("view_name", self.name))}
        self.joins = explore.get("joins", [])
        for join in self.joins:
            self.aliases[join["name"]] = join.get("from", join["name"])
        for alias, view in self.aliases.items():
            if view not in views:
                raise LookMLError(f"explore {self.name}: {alias} refers to unknown view {view}")

    def view(self, alias: str) -> dict:
        return self.views[self.aliases[alias]]

    def fields(self, alias: str) -> dict[str, tuple[str, dict, str | None]]:
        """Every field of a view: name -> (kind, definition, timeframe)."""
        view = self.view(alias)
        out: dict[str, tuple[str, dict, str | None]] = {}

        def add(name, entry):
            if name in out:
                raise LookMLError(f"view {view['name']}: field {name} is defined twice")
            out[name] = entry

        for dimension in view.get("dimensions", []):
            add(dimension["name"], ("dimension", dimension, None))
        for group in view.get("dimension_groups", []):
            for timeframe in group["timeframes"]:
                add(f"{group['name']}_{timeframe}", ("dimension", group, timeframe))
        for measure in view.get("measures", []):
            add(measure["name"], ("measure", measure, None))
        return out

    def primary_key(self, alias: str) -> str:
        keys = [d["name"] for d in self.view(alias).get("dimensions", []) if d.get("primary_key") == "yes"]
        if len(keys) != 1:
            raise LookMLError(f"view {self.aliases[alias]} has {len(keys)} primary keys")
        return self.sql(alias, keys[0])

    def _substitute(self, alias: str, sql: str, stack: tuple) -> str:
        def replace(match: re.Match) -> str:
            ref = match.group(1)
            if ref == "TABLE":
                return alias
            target_alias, field = ref.split(".", 1) if "." in ref else (alias, ref)
            if target_alias not in self.aliases:
                raise LookMLError(f"{ref}: no view {target_alias} in explore {self.name}")
            return self.sql(target_alias, field, stack)

        return REFERENCE.sub(replace, sql)

    def sql(self, alias: str, field: str, stack: tuple = ()) -> str:
        if (alias, field) in stack:
            raise LookMLError(f"{alias}.{field} refers to itself")
        stack = (*stack, (alias, field))
        fields = self.fields(alias)
        if field not in fields:
            raise LookMLError(f"${{{alias}.{field}}} does not resolve in explore {self.name}")
        kind, definition, timeframe = fields[field]
        expr = f"({self._substitute(alias, definition['sql'], stack)})" if "sql" in definition else None
        if kind == "dimension":
            return timeframe_sql(expr, timeframe) if timeframe else expr
        return self._measure(alias, definition, expr, stack)

    def _condition(self, alias: str, filters: list[dict], stack: tuple) -> str:
        parts = []
        for item in filters:
            for field, value in item.items():
                expr = self.sql(alias, field, stack)
                kind = next((d.get("type") for d in self.view(alias).get("dimensions", []) if d["name"] == field), None)
                if kind == "yesno" and value in ("yes", "no"):
                    parts.append(f"({expr})" if value == "yes" else f"NOT ({expr})")
                elif re.fullmatch(r"[A-Za-z0-9_ ]+(,[A-Za-z0-9_ ]+)*", value):
                    # Looker's "a,b" is a or b.
                    parts.append(f"{expr} IN ({', '.join(repr(v) for v in value.split(','))})")
                else:
                    raise LookMLError(f"filter expression {value!r} is not understood by this checker")
        return " AND ".join(parts)

    def _measure(self, alias: str, measure: dict, expr: str | None, stack: tuple) -> str:
        kind = measure["type"]
        if kind == "number":
            return expr
        # lkml reads `filters: [a: "x", b: "y"]` as filters__all: [[{a: x}, {b: y}]].
        filters = measure.get("filters") or [f for group in measure.get("filters__all", []) for f in group]
        condition = self._condition(alias, filters, stack) if filters else None
        key = self.primary_key(alias)
        value = key if kind == "count" else expr

        def when(x: str) -> str:
            return f"CASE WHEN {condition} THEN {x} END" if condition else x

        symmetric = alias != self.name  # joined views repeat their rows once per base row
        if kind in ("count", "count_distinct"):
            return f"COUNT(DISTINCT {when(value)})"
        if kind in ("min", "max"):
            return f"{kind.upper()}({when(value)})"
        if kind == "median":
            return f"MEDIAN({when(value)})"
        if kind in ("sum", "average"):
            if not symmetric:
                return f"{'SUM' if kind == 'sum' else 'AVG'}({when(value)})"
            # Each joined row once: distinct (key, value) pairs, then summed or averaged.
            pairs = f"list_distinct(list(CASE WHEN {when(value)} IS NOT NULL THEN {{'k': {key}, 'v': {value}}} END))"
            total = f"list_sum(list_transform({pairs}, x -> x.v))"
            return total if kind == "sum" else f"({total} / NULLIF(len({pairs}), 0))"
        raise LookMLError(f"measure type {kind} is not understood by this checker")

    def from_clause(self) -> str:
        base = self.view(self.name)
        clauses = [f"FROM {base['sql_table_name']} AS {self.name}"]
        for join in self.joins:
            if join.get("type", "left_outer") != "left_outer" or join.get("relationship") != "many_to_one":
                raise LookMLError(f"join {join['name']}: only left_outer many_to_one joins are checked")
            table = self.views[self.aliases[join["name"]]]["sql_table_name"]
            on = self._substitute(self.name, join["sql_on"], ())
            clauses.append(f"LEFT JOIN {table} AS {join['name']} ON {on}")
        return "\n".join(clauses)

    def query(self, dimensions: list[tuple[str, str]], measures: list[tuple[str, str]]) -> str:
        select = [f"{self.sql(a, f)} AS {a}__{f}" for a, f in dimensions]
        select += [f"{self.sql(a, f)} AS {a}__{f}" for a, f in measures]
        group = f"\nGROUP BY {', '.join(str(i + 1) for i in range(len(dimensions)))}" if dimensions else ""
        return f"SELECT {', '.join(select)}\n{self.from_clause()}{group}"

    def all_fields(self, kind: str) -> list[tuple[str, str]]:
        return [(a, f) for a in self.aliases for f, (k, _, _) in self.fields(a).items() if k == kind]
