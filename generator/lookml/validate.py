"""`c360 lookml validate`: the checks Looker's own CI makes (the LookML, content, SQL and assert
validators), offline, against a dbt target's warehouse.

1. Every file parses (`lkml` for .lkml, YAML for .dashboard.lookml); names are unique.
2. Content: every dashboard element's model, explore, fields, sorts, pivots, filters, `listen` and
   `tab_name` resolve, tiles fit the 24-column grid without overlapping, dashboards are included by the
   model, and drill links name dashboards and filters that exist.
3. SQL: every tile compiles for the target's dialect with each dashboard filter at its default; on
   DuckDB it runs; on BigQuery it is parsed by sqlglot (and runs with --execute, e.g. on the emulator).
   A required filter with no default takes the first value its field suggests.
4. Data tests: LookML `test:` blocks run, and each `assert` must hold on every row (and there must be rows).

Every problem is one line naming the file, element and field.
"""

from __future__ import annotations

import fnmatch
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from generator.lookml.compiler import Compiler, Query, view_fields
from generator.lookml.dashboards import content_problems, element_query, filter_defaults, link_problems, query_elements
from generator.lookml.project import Dashboard, LookerProject, LookMLError

NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
TOKEN = re.compile(r"\s+|\$\{[^}]+\}|\d+(?:\.\d+)?(?:[eE]-?\d+)?|[A-Za-z_]+|<=|>=|!=|<>|[=<>+\-*/(),]|\"[^\"]*\"")
FUNCTIONS = {"abs": "ABS", "round": "ROUND", "coalesce": "COALESCE"}
WORDS = {"and": "AND", "or": "OR", "not": "NOT", "yes": "TRUE", "no": "FALSE", "true": "TRUE", "false": "FALSE"}


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    files: int = 0
    dashboards: int = 0
    elements: int = 0
    queries: int = 0
    tests: int = 0
    asserts: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # "dashboard.element" -> seconds


def name_problems(project: LookerProject) -> list[str]:
    problems = []
    for view_name, view in project.views.items():
        where = f"{project.file_of('view', view_name)}: view {view_name}"
        try:
            view_fields(view)
        except LookMLError as exc:
            problems.append(f"{project.file_of('view', view_name)}: {exc}")
        for kind in ("dimensions", "dimension_groups", "measures", "filters"):
            for item in view.get(kind, []):
                if not NAME.match(item["name"]):
                    problems.append(f"{where}: field name {item['name']!r} is not a LookML name")
    for dashboard in project.dashboards.values():
        if not NAME.match(dashboard.name):
            problems.append(f"{dashboard.path.name}: dashboard name {dashboard.name!r} is not a LookML name")
    return problems


def include_problems(project: LookerProject) -> list[str]:
    """Dashboards reach Looker only through the model's `include:` globs."""
    model = project.root / f"{project.model_name}.model.lkml"
    if not model.is_file():
        return [f"{model.name}: the model file is missing"]
    import lkml

    includes = [i.lstrip("/") for i in lkml.load(model.read_text()).get("includes", [])]
    problems = []
    for dashboard in project.dashboards.values():
        relative = dashboard.path.relative_to(project.root).as_posix()
        if not any(fnmatch.fnmatch(relative, pattern) for pattern in includes):
            problems.append(f"{relative}: not included by {model.name}")
    return problems


def assert_sql(expression: str, aliases: dict[str, str]) -> str:
    """A Looker expression (the subset asserts use: fields, numbers, strings, arithmetic, comparisons,
    and/or/not, abs, round, coalesce) as SQL over the test query's columns."""
    out, position = [], 0
    while position < len(expression):
        match = TOKEN.match(expression, position)
        if not match:
            raise LookMLError(f"assert expression: cannot read {expression[position:]!r}")
        token = match.group(0)
        position = match.end()
        if token.isspace():
            continue
        if token.startswith("${"):
            reference = token[2:-1]
            if reference not in aliases:
                raise LookMLError(f"assert expression: {reference} is not a column of the test's explore_source")
            out.append(aliases[reference])
        elif token.startswith('"'):
            out.append("'" + token[1:-1].replace("'", "''") + "'")
        elif re.fullmatch(r"[A-Za-z_]+", token):
            lowered = token.lower()
            if lowered in FUNCTIONS:
                out.append(FUNCTIONS[lowered])
            elif lowered in WORDS:
                out.append(WORDS[lowered])
            else:
                raise LookMLError(f"assert expression: {token} is not a function or word this validator knows")
        else:
            out.append(token)
    return " ".join(out)


def test_query(test: dict) -> Query:
    source = test.get("explore_source") or {}
    columns = [c["field"] for c in source.get("columns", [])]
    filters = {k: v for group in source.get("filters__all", []) for item in group for k, v in item.items()}
    sorts = [f"{k} {v}" for item in source.get("sorts", []) for k, v in item.items()]
    limit = source.get("limit")
    return Query(
        explore=str(source.get("name")),
        fields=columns,
        filters=filters,
        sorts=sorts,
        limit=int(limit) if limit else None,
    )


class Validator:
    """Runs the four validators; `run` is None on a dialect where queries are only compiled and parsed."""

    def __init__(
        self,
        project: LookerProject,
        compiler: Compiler,
        run: Callable | None,
        progress: Callable[[str], None] | None = None,
    ):
        self.project = project
        self.compiler = compiler
        self.run = run
        self.progress = progress or (lambda message: None)

    def filter_values(self, dashboard: Dashboard) -> dict[str, str]:
        """Each filter at its default; a required filter with none takes its field's first suggestion."""
        values = filter_defaults(dashboard)
        for item in dashboard.filters:
            if item.get("required") and not values[item["name"]]:
                values[item["name"]] = self.sample_value(item)
        return values

    def sample_value(self, item: dict) -> str:
        if self.run is None or item.get("type") != "field_filter":
            return "sample"
        query = Query(
            explore=str(item["explore"]),
            fields=[str(item["field"])],
            filters={str(item["field"]): "-NULL"},
            sorts=[f"{item['field']} asc"],
            limit=1,
        )
        rows = self.run(self.compiler.compile(query)).rows
        if not rows:
            raise LookMLError(f"filter {item['name']}: its field {item['field']} suggests no value")
        return str(rows[0][0])

    def validate(self) -> Report:
        started = time.perf_counter()
        report = Report(files=len(list(self.project.root.rglob("*.lkml"))) + len(self.project.dashboards))
        report.problems += name_problems(self.project) + include_problems(self.project) + link_problems(self.project)
        for dashboard in self.project.dashboards.values():
            report.dashboards += 1
            report.elements += len(dashboard.elements)
            problems = content_problems(self.project, self.compiler, dashboard)
            report.problems += problems
            if problems:
                continue  # SQL of a tile whose content is broken would only repeat the same problem
            self.progress(f"{dashboard.name}: {len(dashboard.elements)} elements")
            try:
                values = self.filter_values(dashboard)
            except LookMLError as exc:
                report.problems.append(f"{dashboard.path.name}: {exc}")
                continue
            for element in query_elements(dashboard):
                report.problems += self._sql_problems(dashboard, element, values, report)
        for test in self.project.tests:
            report.problems += self._test_problems(test, report)
        report.problems = list(dict.fromkeys(report.problems))  # a broken view is reported once per place, not per use
        report.seconds = time.perf_counter() - started
        return report

    def _sql_problems(self, dashboard: Dashboard, element: dict, values: dict, report: Report) -> list[str]:
        where = f"{dashboard.path.name}: element {element['name']}"
        try:
            compiled = self.compiler.compile(element_query(dashboard, element, values))
            started = time.perf_counter()
            if self.run is not None:
                self.run(compiled)
            else:
                _parse_bigquery(compiled.sql)
            report.timings[f"{dashboard.name}.{element['name']}"] = time.perf_counter() - started
            report.queries += 1
        except LookMLError as exc:
            return [f"{where}: {exc}"]
        except Exception as exc:  # the warehouse's own error: the SQL does not run
            return [f"{where}: SQL does not run ({_first_line(exc)})"]
        return []

    def _test_problems(self, test: dict, report: Report) -> list[str]:
        where = f"{self.project.file_of('test', test['name'])}: test {test['name']}"
        report.tests += 1
        try:
            compiled = self.compiler.compile(test_query(test))
            checks = []
            for item in test.get("asserts", []):
                checks.append((item["name"], assert_sql(item["expression"], compiled.aliases)))
            if not checks:
                return [f"{where}: has no assert"]
            counts = ", ".join(f"SUM(CASE WHEN COALESCE({sql}, FALSE) THEN 0 ELSE 1 END)" for _, sql in checks)
            sql = f"SELECT COUNT(*), {counts} FROM (\n{compiled.sql}\n) AS test_rows"
            if self.run is None:
                _parse_bigquery(sql)
                report.asserts += len(checks)
                return []
            row = self.run(replace(compiled, sql=sql)).rows[0]
        except LookMLError as exc:
            return [f"{where}: {exc}"]
        except Exception as exc:
            return [f"{where}: SQL does not run ({_first_line(exc)})"]
        report.asserts += len(checks)
        if not row[0]:
            return [f"{where}: the explore_source returned no rows, so nothing was asserted"]
        return [
            f"{where}: assert {name} fails on {failed} of {row[0]} rows"
            for (name, _), failed in zip(checks, row[1:], strict=True)
            if failed
        ]


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


def _parse_bigquery(sql: str) -> None:
    import sqlglot
    from sqlglot.errors import ParseError

    try:
        sqlglot.parse_one(sql, read="bigquery")
    except ParseError as exc:
        raise LookMLError(f"BigQuery SQL does not parse ({_first_line(exc)})") from None
