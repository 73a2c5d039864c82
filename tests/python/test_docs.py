"""The dbt docs overview: it is the site's front page, and its entity-relationship diagram is what the
manifest's relationships tests give (a stale diagram fails CI, as a stale lookml/ does). The descriptions
reach the warehouse too (persist_docs)."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading

import pytest
from PIL import Image, ImageStat

from .builds import DOCUMENTED_TABLES
from .harness import BIN, ROOT, Workspace, check, run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "target" / "screenshots"


def test_the_erd_in_the_overview_is_not_stale(emulator_build):
    manifest = emulator_build.workdir / "target" / "manifest.json"
    done = run([BIN / "c360", "erd", "--project-dir", ROOT, "--manifest", manifest, "--check"])
    assert done.returncode == 0, done.stderr + done.stdout


def test_the_overview_is_the_docs_front_page_and_draws_every_mart(duckdb_build):
    manifest = json.loads((duckdb_build.workdir / "target" / "manifest.json").read_text())
    overview = manifest["docs"]["doc.customer360.__overview__"]["block_contents"]
    assert "```mermaid" in overview and "erDiagram" in overview
    marts = [
        n["name"]
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["path"].startswith("marts/")
    ]
    assert len(marts) >= 20
    for name in marts:
        assert f"    {name} {{" in overview, name
    assert 'dim_customer ||--o{ fact_transaction : "customer_key"' in overview


def _documented(build) -> dict:
    """What persist_docs should leave on each of DOCUMENTED_TABLES: the manifest's descriptions."""
    manifest = json.loads((build.workdir / "target" / "manifest.json").read_text())
    models = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    return {
        name: {
            "description": models[name]["description"],
            "columns": {c: v["description"] for c, v in models[name]["columns"].items()},
        }
        for name in DOCUMENTED_TABLES
    }


def test_descriptions_reach_the_duckdb_tables_as_comments(duckdb_build):
    import duckdb

    expected = _documented(duckdb_build)
    with duckdb.connect(str(duckdb_build.database), read_only=True) as con:
        for name, docs in expected.items():
            table = con.execute(
                "select comment from duckdb_tables() where schema_name = 'marts' and table_name = ?", [name]
            ).fetchone()[0]
            columns = dict(
                con.execute(
                    "select column_name, comment from duckdb_columns() where schema_name = 'marts' and table_name = ?",
                    [name],
                ).fetchall()
            )
            assert docs["description"] and table == docs["description"], name
            assert len(docs["columns"]) >= 10 and columns == docs["columns"], name


def test_descriptions_reach_the_bigquery_tables(emulator_build):
    persisted = emulator_build.on_bigquery["persisted_docs"]
    for name, docs in _documented(emulator_build).items():
        assert persisted[name]["description"] == docs["description"], name
        assert persisted[name]["columns"] == docs["columns"], name


@pytest.fixture(scope="module")
def docs_site(duckdb_build, tmp_path_factory):
    """`dbt docs generate` of the CI build, served on loopback as `make docs` serves it."""
    site = tmp_path_factory.mktemp("docs_site")
    ws = Workspace(duckdb_build.workdir.parent, duckdb_build.env)
    check(ws.dbt("docs", "generate", workdir=site))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site / "target"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_an_analyst_finds_dim_customer_its_lineage_and_the_dashboards(docs_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(docs_site)
        search = "input[placeholder='Search for models...']"
        page.wait_for_selector(search)
        assert "How to find a customer" in page.inner_text("body"), "the overview is the front page"
        page.fill(search, "dim_customer")
        page.click("div.search-result[href='#!/model/model.customer360.dim_customer']")
        page.wait_for_url("**/model/model.customer360.dim_customer")
        body = page.inner_text("body")
        assert "ssn_masked" in body and "customer_key" in body, "its columns are listed"
        page.click("a[title='View Lineage Graph']")
        page.wait_for_selector("text=Lineage Graph", state="visible")
        page.wait_for_timeout(1500)
        assert page.locator("canvas:visible").count() >= 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        graph_shot = SCREENSHOTS / "docs_lineage.png"
        page.screenshot(path=str(graph_shot))
        assert ImageStat.Stat(Image.open(graph_shot).convert("L")).stddev[0] > 10, "the lineage graph is drawn"
        for title in ("Executive overview", "Segment channel mix", "Customer", "Book of business"):
            assert page.locator(f"a.menu-node[title='{title}']").count() == 1, title
        page.get_by_text("Dashboard", exact=True).first.click()  # the exposures' folder in the navigation
        page.locator("a.menu-node[title='Executive overview']").click()
        page.wait_for_url("**/exposure/exposure.customer360.executive")
        body = page.inner_text("body")
        assert "portfolio_monthly" in body and "customer_profitability_monthly" in body
        browser.close()
