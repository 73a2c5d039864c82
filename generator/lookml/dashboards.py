"""LookML dashboards read the way Looker reads them: each element's query with the dashboard filters it
listens to applied, and the content checks Looker's content validator makes (models, explores, fields,
sorts, pivots, filters, `listen`, tabs, the newspaper grid, drill links).

The dashboard format (Looker's `.dashboard.lookml`, YAML):
- `filters`: name, title, type (`field_filter` with `explore` and `field`, or `date_filter`,
  `string_filter`, `number_filter`), `default_value`, `required`;
- `tabs` (optional): `name` and `label` of each tab; every element then names its `tab_name`;
- `elements`: name, title, type, `model`, `explore`, `fields` (or `dimensions` and `measures`),
  `pivots`, `sorts` (`view.field desc`), `filters`, `listen` (dashboard filter -> field), `limit`,
  `row`, `col`, `width`, `height` on a 24-column grid; text tiles have `title_text` / `body_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote_plus

from generator.lookml.compiler import Compiler, Query
from generator.lookml.project import Dashboard, LookerProject, LookMLError

GRID_COLUMNS = 24
QUERY_TYPES = {
    "single_value",
    "looker_grid",
    "looker_bar",
    "looker_column",
    "looker_line",
    "looker_area",
    "looker_pie",
    "looker_scatter",
    "looker_single_record",
}
ELEMENT_TYPES = QUERY_TYPES | {"text"}
FILTER_TYPES = {"field_filter", "date_filter", "string_filter", "number_filter"}
DASHBOARD_LINK = re.compile(r"/dashboards/(?:(\w+)::)?(\w+)(?:\?([^\"' ]*))?")


def element_fields(element: dict) -> list[str]:
    return list(element.get("fields") or [*(element.get("dimensions") or []), *(element.get("measures") or [])])


def element_sorts(element: dict) -> list[str]:
    """`sorts: [view.field desc, ...]` as Looker writes them (YAML may also give `{view.field: desc}`)."""
    sorts = []
    for sort in element.get("sorts") or []:
        if isinstance(sort, dict):
            sorts += [f"{field} {direction}" for field, direction in sort.items()]
        else:
            sorts.append(str(sort))
    return sorts


def filter_defaults(dashboard: Dashboard) -> dict[str, str]:
    return {f["name"]: "" if f.get("default_value") is None else str(f["default_value"]) for f in dashboard.filters}


def element_query(dashboard: Dashboard, element: dict, values: dict[str, str]) -> Query:
    """The element's query with the dashboard filter values it listens to (a listened value, when set,
    replaces the element's own filter on that field, as in Looker)."""
    filters = {str(k): str(v) for k, v in (element.get("filters") or {}).items()}
    for filter_name, field in (element.get("listen") or {}).items():
        value = values.get(filter_name, "")
        if value not in ("", None):
            filters[field] = str(value)
    limit = element.get("limit", 500)
    return Query(
        explore=str(element.get("explore")),
        fields=element_fields(element),
        filters=filters,
        sorts=element_sorts(element),
        pivots=list(element.get("pivots") or []),
        limit=None if limit is None else int(limit),
    )


def query_elements(dashboard: Dashboard) -> Iterator[dict]:
    return (e for e in dashboard.elements if e.get("type") in QUERY_TYPES)


def _where(dashboard: Dashboard, element: dict | None = None, filter_name: str | None = None) -> str:
    place = dashboard.path.name
    if element is not None:
        place += f": element {element.get('name', '?')}"
    if filter_name is not None:
        place += f": filter {filter_name}"
    return place


def content_problems(project: LookerProject, compiler: Compiler, dashboard: Dashboard) -> list[str]:
    """Every content problem of one dashboard, one line each."""
    problems: list[str] = []
    spec = dashboard.spec
    if spec.get("layout") != "newspaper":
        problems.append(f"{_where(dashboard)}: layout must be newspaper (the 24-column grid)")
    filters = {}
    for item in dashboard.filters:
        name = item.get("name")
        if name in filters:
            problems.append(f"{_where(dashboard, filter_name=name)}: defined twice")
        filters[name] = item
        if item.get("type") not in FILTER_TYPES:
            problems.append(f"{_where(dashboard, filter_name=name)}: type {item.get('type')!r} is not a filter type")
        if item.get("type") == "field_filter":
            if item.get("model") != project.model_name:
                problems.append(
                    f"{_where(dashboard, filter_name=name)}: model {item.get('model')!r} is not {project.model_name}"
                )
            try:
                compiler.resolve(compiler.explore(str(item.get("explore"))), str(item.get("field")))
            except LookMLError as exc:
                problems.append(f"{_where(dashboard, filter_name=name)}: {exc}")
    tabs = [t.get("name") for t in dashboard.tabs]
    if len(tabs) != len(set(tabs)):
        problems.append(f"{_where(dashboard)}: a tab name is used twice")
    names: set[str] = set()
    placed: dict[str, list[tuple[str, int, int, int, int]]] = {}
    for element in dashboard.elements:
        where = _where(dashboard, element)
        name = element.get("name")
        if not name or name in names:
            problems.append(f"{where}: every element needs a name of its own")
        names.add(name)
        kind = element.get("type")
        if kind not in ELEMENT_TYPES:
            problems.append(f"{where}: type {kind!r} is not an element type")
        if tabs and element.get("tab_name") not in tabs:
            problems.append(f"{where}: tab_name {element.get('tab_name')!r} is not a declared tab")
        problems += _grid_problems(where, element, placed.setdefault(str(element.get("tab_name")), []))
        if kind in QUERY_TYPES:
            problems += _query_problems(project, compiler, dashboard, element, filters)
    return problems


def _grid_problems(where: str, element: dict, placed: list) -> list[str]:
    try:
        row, col, width, height = (int(element[k]) for k in ("row", "col", "width", "height"))
    except (KeyError, TypeError, ValueError):
        return [f"{where}: row, col, width and height must be whole numbers"]
    if row < 0 or col < 0 or width < 1 or height < 1 or col + width > GRID_COLUMNS:
        return [f"{where}: col {col} + width {width} does not fit the {GRID_COLUMNS}-column grid"]
    problems = []
    for other, other_row, other_col, other_width, other_height in placed:
        if (
            row < other_row + other_height
            and other_row < row + height
            and col < other_col + other_width
            and (other_col < col + width)
        ):
            problems.append(f"{where}: overlaps element {other}")
    placed.append((element.get("name"), row, col, width, height))
    return problems


def _query_problems(project, compiler: Compiler, dashboard: Dashboard, element: dict, filters: dict) -> list[str]:
    where = _where(dashboard, element)
    if element.get("model") != project.model_name:
        return [f"{where}: model {element.get('model')!r} is not {project.model_name}"]
    try:
        explore = compiler.explore(str(element.get("explore")))
    except LookMLError as exc:
        return [f"{where}: {exc}"]
    problems = []
    fields = element_fields(element)
    if not fields:
        problems.append(f"{where}: no fields")
    for reference in fields + list((element.get("filters") or {}).keys()):
        try:
            compiler.resolve(explore, str(reference))
        except LookMLError as exc:
            problems.append(f"{where}: {exc}")
    chosen = (
        [("pivot", p) for p in element.get("pivots") or []]
        + [("sort", s.split()[0]) for s in element_sorts(element)]
        + [("hidden field", h) for h in element.get("hidden_fields") or []]
    )
    problems += [
        f"{where}: {kind} {ref} is not one of the element's fields" for kind, ref in chosen if ref not in fields
    ]
    for filter_name, reference in (element.get("listen") or {}).items():
        if filter_name not in filters:
            problems.append(f"{where}: listens to {filter_name}, which is not a filter of the dashboard")
        try:
            compiler.resolve(explore, str(reference))
        except LookMLError as exc:
            problems.append(f"{where}: listen {filter_name}: {exc}")
    return problems


def link_problems(project: LookerProject) -> list[str]:
    """Drill links from view fields to a dashboard (`/dashboards/model::name?Filter=...`) must name a
    dashboard that exists and filters it has."""
    problems = []
    for view in project.views.values():
        for kind in ("dimensions", "measures"):
            for item in view.get(kind, []):
                for link in item.get("links", []):
                    for model, name, query in DASHBOARD_LINK.findall(str(link.get("url", ""))):
                        where = f"{project.file_of('view', view['name'])}: {view['name']}.{item['name']}: link"
                        if model and model != project.model_name:
                            problems.append(f"{where}: model {model} is not {project.model_name}")
                        if name not in project.dashboards:
                            problems.append(f"{where}: dashboard {name} does not exist")
                            continue
                        known = filter_defaults(project.dashboards[name])
                        for pair in filter(None, query.split("&")):
                            key = unquote_plus(pair.split("=", 1)[0])
                            if key not in known:
                                problems.append(f"{where}: dashboard {name} has no filter {key}")
    return problems


def dashboard_tables(project: LookerProject, dashboard: Dashboard) -> set[str]:
    """The warehouse tables (dbt models) a dashboard's tiles read with every filter in use, since a
    filter can bring a join in: what the dashboard's dbt exposure must depend on."""
    compiler = Compiler(project, "duckdb", lambda name: name)
    tables: set[str] = set()
    for element in query_elements(dashboard):
        explore = compiler.explore(str(element.get("explore")))
        values = {}
        for filter_name, reference in (element.get("listen") or {}).items():
            kind = compiler.resolve(explore, str(reference))[1].type
            values[filter_name] = {"date": "NOT NULL", "number": "NOT NULL", "yesno": "yes"}.get(kind, "-NULL")
        tables |= compiler.compile(element_query(dashboard, element, values)).tables
    return tables
