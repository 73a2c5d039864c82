"""The web application behind `c360 serve`: the dashboards of lookml/dashboards/ rendered in the browser,
the customer 360 page, and the REST API the relationship managers' tools call (its OpenAPI description
at /openapi.json).

Errors are JSON with one sentence in `detail`: an unknown customer, action, dashboard or tile is 404, a
bad parameter 422, an action already taken 409, a warehouse that cannot answer 503.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field

from generator.lookml.project import LookMLError
from generator.serve.customers import OUTCOMES, Conflict, Customers, NotFound
from generator.serve.tiles import Tiles, UnknownTile
from generator.serve.warehouse import ServeWarehouse, WarehouseUnavailable

HERE = Path(__file__).parent
CUSTOMER_KEY = r"^[0-9a-f]{32}$"  # dbt's surrogate keys: md5 hex
SEARCH_HELP = "The start of a customer key or of any source-system id; with --show-pii, part of a name or email."
Key = Annotated[str, PathParam(pattern=CUSTOMER_KEY, description="A customer_key (32 hex digits).")]


@dataclass
class Settings:
    warehouse: ServeWarehouse
    lookml: Path
    show_pii: bool = False


class ActionTaken(BaseModel):
    executed_by: str = Field(min_length=1, max_length=100, description="Who acted (the RM's name or id).")
    outcome: Literal[OUTCOMES] = Field(description="What came of it.")  # type: ignore[valid-type]
    note: str | None = Field(default=None, max_length=1000)


def plotly_bundle() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="customer360",
        description="The customer 360 and the dashboards of the customer360 bank, read from the warehouse.",
        version="1",
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN; the description is /openapi.json
        redoc_url=None,
    )
    tiles = Tiles(settings.lookml, settings.warehouse, settings.show_pii)
    customers = Customers(settings.warehouse, settings.show_pii, tiles.pii_columns("customer_360", "dim_customer"))
    pages = Environment(loader=PackageLoader("generator.serve", "templates"), autoescape=select_autoescape())

    def page(template: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("dashboards", tiles.dashboards)
        context.setdefault("show_pii", settings.show_pii)
        return HTMLResponse(pages.get_template(template).render(**context), status_code=status)

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/")

    # -- errors: one sentence, JSON for the API and a page for people -------------------------------------

    def error(request: Request, status: int, sentence: str):
        if wants_html(request):
            return page("error.html", status=status, status_code=status, sentence=sentence)
        return JSONResponse({"detail": sentence}, status_code=status)

    @app.exception_handler(NotFound)
    @app.exception_handler(UnknownTile)
    async def not_found(request: Request, exc: Exception):
        return error(request, 404, f"{str(exc).capitalize()}.")

    @app.exception_handler(Conflict)
    async def conflict(request: Request, exc: Conflict):
        return error(request, 409, f"{str(exc).capitalize()}.")

    @app.exception_handler(WarehouseUnavailable)
    async def unavailable(request: Request, exc: WarehouseUnavailable):
        return error(request, 503, str(exc))

    @app.exception_handler(LookMLError)
    async def bad_filter(request: Request, exc: LookMLError):
        return error(request, 422, f"{str(exc).capitalize()}.")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
        return error(request, 422, f"Invalid {where or 'request'}: {first.get('msg', 'not valid')}.")

    # -- pages ---------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home():
        return page("home.html", summary=customers.summary())

    @app.get("/dashboards/{name}", response_class=HTMLResponse, include_in_schema=False)
    def dashboard_page(name: str, request: Request):
        board = tiles.dashboard(name)
        values = tiles.values(board, dict(request.query_params))
        return page("dashboard.html", board=board, values=values, values_json=json.dumps(values))

    @app.get("/customer/{customer_key}", response_class=HTMLResponse, include_in_schema=False)
    def customer_page(customer_key: Key):
        board = tiles.dashboard("customer")
        values = tiles.values(board, {"Customer": customer_key})
        return page(
            "customer.html",
            customer=customers.customer(customer_key),
            alerts=customers.alerts(customer_key),
            actions=customers.recommendations(customer_key),
            taken=customers.actions_taken(customer_key),
            timeline=customers.timeline(customer_key, 50),
            board=board,
            values=values,
            values_json=json.dumps(values),
        )

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly():
        return FileResponse(plotly_bundle(), media_type="text/javascript")

    # -- the REST API --------------------------------------------------------------------------------

    @app.get("/api/customers", tags=["customers"], summary="Search customers")
    def search(
        q: Annotated[
            str, Query(min_length=2, max_length=100, description="Key, source id; name or email with --show-pii")
        ],
    ):
        return {"customers": customers.search(q)}

    @app.get("/api/customer/{customer_key}", tags=["customers"], summary="One customer's 360")
    def customer(customer_key: Key):
        return customers.customer(customer_key)

    @app.get("/api/customer/{customer_key}/alerts", tags=["customers"], summary="The customer's alerts")
    def alerts(customer_key: Key):
        return {"alerts": customers.alerts(customer_key)}

    @app.get("/api/customer/{customer_key}/recommendations", tags=["customers"], summary="Open next best actions")
    def recommendations(customer_key: Key):
        return {"recommendations": customers.recommendations(customer_key)}

    @app.get("/api/customer/{customer_key}/timeline", tags=["customers"], summary="The customer's timeline")
    def timeline(customer_key: Key, limit: Annotated[int, Query(ge=1, le=500)] = 50):
        return {"events": customers.timeline(customer_key, limit)}

    @app.post("/api/actions/{action_key}/execute", tags=["actions"], status_code=201, summary="Act on a recommendation")
    def execute(action_key: Key, taken: ActionTaken):
        return customers.execute(action_key, taken.executed_by, taken.outcome, taken.note)

    @app.get("/api/dashboard/summary", tags=["dashboards"], summary="Portfolio headline figures")
    def summary():
        return customers.summary()

    @app.get("/api/dashboards", tags=["dashboards"], summary="The LookML dashboards")
    def dashboards():
        return {
            "dashboards": [
                {
                    "name": d.name,
                    "title": d.spec.get("title"),
                    "tiles": len(d.elements),
                    "filters": [f["name"] for f in d.filters],
                }
                for d in tiles.dashboards.values()
            ]
        }

    @app.get("/api/dashboards/{name}/tiles/{element}", tags=["dashboards"], summary="One tile's data")
    def tile(name: str, element: str, request: Request):
        board = tiles.dashboard(name)
        return tiles.data(board, tiles.element(board, element), dict(request.query_params))

    @app.get("/api/dashboards/{name}/filters/{filter_name}/suggestions", tags=["dashboards"], summary="Filter values")
    def suggestions(name: str, filter_name: str, q: Annotated[str, Query(max_length=100)] = ""):
        return {"suggestions": tiles.suggestions(tiles.dashboard(name), filter_name, q)}

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")  # after /static/plotly.min.js
    return app
