"""Dashboard tiles served from the LookML dashboards: each element's query compiled by the product's LookML
compiler with the filter values the page sends, run on the warehouse, and described (labels, types,
formats, drill links) so the browser can draw it. PII fields stay behind their access grant unless the
server was started with --show-pii, as Looker's grant would keep them."""

from __future__ import annotations

import re
from pathlib import Path

from generator.lookml.compiler import Compiler, Query
from generator.lookml.dashboards import element_fields, element_query, filter_defaults, query_elements
from generator.lookml.project import Dashboard, LookMLError, load_project, pii_columns
from generator.serve.warehouse import ServeWarehouse

PII_GRANT = "can_see_pii"
SUGGESTIONS = 25
LINK_VALUE = re.compile(r"\{\{\s*value\s*(\|\s*url_encode\s*)?\}\}")
LOOKER_DASHBOARD = re.compile(r"^/dashboards/(?:\w+::)?(\w+)")


class UnknownTile(Exception):
    pass


class Tiles:
    def __init__(self, lookml: Path, warehouse: ServeWarehouse, show_pii: bool):
        self.project = load_project(lookml)
        self.warehouse = warehouse
        self.compiler = Compiler(
            self.project, warehouse.dialect, warehouse.relation, {PII_GRANT} if show_pii else set()
        )

    def pii_columns(self, *views: str) -> set[str]:
        """The warehouse columns of these views' fields that need the PII access grant."""
        return set().union(*(pii_columns(self.project, view, PII_GRANT) for view in views))

    @property
    def dashboards(self) -> dict[str, Dashboard]:
        return self.project.dashboards

    def dashboard(self, name: str) -> Dashboard:
        if name not in self.project.dashboards:
            raise UnknownTile(f"no dashboard {name}")
        return self.project.dashboards[name]

    def element(self, dashboard: Dashboard, name: str) -> dict:
        for element in query_elements(dashboard):
            if element["name"] == name:
                return element
        raise UnknownTile(f"dashboard {dashboard.name} has no tile {name}")

    def values(self, dashboard: Dashboard, given: dict[str, str]) -> dict[str, str]:
        """Filter values: the defaults, overridden by what the page sent (unknown names are ignored)."""
        values = filter_defaults(dashboard)
        values.update({k: v for k, v in given.items() if k in values})
        return values

    def data(self, dashboard: Dashboard, element: dict, given: dict[str, str]) -> dict:
        values = self.values(dashboard, given)
        missing = [f["name"] for f in dashboard.filters if f.get("required") and not values[f["name"]]]
        if missing:
            return {"columns": self.columns(element), "rows": [], "pivots": [], "needs": missing}
        compiled = self.compiler.compile(element_query(dashboard, element, values))
        rows = self.warehouse.rows(compiled.sql, compiled.params)
        return {
            "columns": self.columns(element),
            "rows": [list(row.values()) for row in rows],
            "pivots": list(element.get("pivots") or []),
            "needs": [],
        }

    def columns(self, element: dict) -> list[dict]:
        explore = self.compiler.explore(str(element["explore"]))
        out = []
        for reference in element_fields(element):
            _, field = self.compiler.resolve(explore, reference)
            definition = field.definition
            label = definition.get("label") or definition["name"].replace("_", " ").capitalize()
            if field.timeframe:
                label = f"{label} {field.timeframe}"
            out.append(
                {
                    "field": reference,
                    "label": label,
                    "kind": field.kind,
                    "type": field.type,
                    "format": definition.get("value_format_name"),
                    "hidden": reference in (element.get("hidden_fields") or []),
                    "links": [local_link(link) for link in definition.get("links", []) if local_link(link)],
                }
            )
        return out

    def suggestions(self, dashboard: Dashboard, filter_name: str, q: str) -> list[str]:
        """Values of a field filter's field, for the filter's suggestions (those starting with q first)."""
        item = next((f for f in dashboard.filters if f["name"] == filter_name), None)
        if item is None or item.get("type") != "field_filter":
            raise UnknownTile(f"dashboard {dashboard.name} has no field filter {filter_name}")
        field = str(item["field"])
        filters = {field: "-NULL"}
        if q:
            filters[field] = q.replace("%", "").replace(",", "^,") + "%"
        query = Query(str(item["explore"]), [field], filters, [f"{field} asc"], limit=SUGGESTIONS)
        try:
            compiled = self.compiler.compile(query)
        except LookMLError:
            return []  # a date or number filter suggests nothing
        return [str(next(iter(row.values()))) for row in self.warehouse.rows(compiled.sql, compiled.params)]


def local_link(link: dict) -> dict | None:
    """A LookML drill link to a dashboard, as this server's URL with `{value}` where the value goes. A link to
    the customer dashboard for one customer opens the customer 360 page."""
    url = str(link.get("url", ""))
    match = LOOKER_DASHBOARD.match(url)
    if not match:
        return None
    name = match.group(1)
    query = url.split("?", 1)[1] if "?" in url else ""
    if name == "customer" and query.startswith("Customer="):
        return {"label": link.get("label", "Customer"), "url": "/customer/{value}"}
    return {"label": link.get("label", name), "url": f"/dashboards/{name}?" + LINK_VALUE.sub("{value}", query)}
