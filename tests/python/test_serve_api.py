"""`c360 serve`'s REST API on the CI build: what each endpoint returns, how it refuses bad input (404, 409,
422, 503, one sentence each), that hostile strings stay data, that PII stays hidden without --show-pii, and
that acting on a recommendation is logged once and takes it off the open list."""

from __future__ import annotations

import re
import shutil

import duckdb
import httpx
import pytest
from fastapi.testclient import TestClient

from generator.serve.app import Settings, create_app
from generator.serve.warehouse import ServeWarehouse
from generator.warehouse.profiles import read_target

from .harness import ROOT, workspace
from .serving import serving

HOSTILE = ["' OR '1'='1", "x'; DROP TABLE marts.customer_360; --", '" OR ""="', "%", "_", "\\", "1) UNION SELECT 1 --"]
PII = ("first_name", "last_name", "email", "phone_e164", "address_line1", "postal_code")


@pytest.fixture(scope="module")
def api(duckdb_build, tmp_path_factory):
    scratch = tmp_path_factory.mktemp("serve_api")
    with serving(duckdb_build.database, scratch) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def bank(duckdb_build):
    con = duckdb.connect(str(duckdb_build.database), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def customer(bank):
    """A current customer with open actions, alerts and an identity record in the core system."""
    return bank.execute(
        """
        select c.customer_key, min(i.source_record_id)
        from marts.customer_360 c
        join intermediate.customer_identity_map i on i.customer_key = c.customer_key and i.source_system = 'core'
        where c.is_current and c.open_actions > 1 and c.open_alerts > 0
        group by 1 order by 1 limit 1
        """
    ).fetchone()


def test_search_by_key_prefix_and_by_any_source_system_id(api, customer):
    key, core_id = customer
    found = api.get("/api/customers", params={"q": key[:10]}).json()["customers"]
    assert [c["customer_key"] for c in found] == [key]
    by_source = api.get("/api/customers", params={"q": core_id.lower()}).json()["customers"]
    assert key in [c["customer_key"] for c in by_source]
    assert all(not set(PII) & set(c) for c in found + by_source), "no PII without --show-pii"


def test_one_customer_with_masked_ssn_and_no_pii(api, customer, bank):
    body = api.get(f"/api/customer/{customer[0]}").json()
    assert body["customer_key"] == customer[0]
    assert re.fullmatch(r"\*\*\*-\*\*-\d{4}", body["ssn_masked"])
    assert not set(PII) & set(body)
    assert "ssn" not in body
    expected = bank.execute(
        "select relationship_balance_usd, health_score from marts.customer_360 where customer_key = ?", [customer[0]]
    ).fetchone()
    assert (body["relationship_balance_usd"], body["health_score"]) == (float(expected[0]), expected[1])
    assert any(r["source_system"] == "core" for r in body["source_records"])


def test_alerts_recommendations_timeline_and_summary(api, customer, bank):
    key = customer[0]
    alerts = api.get(f"/api/customer/{key}/alerts").json()["alerts"]
    assert (
        len(alerts)
        == bank.execute("select count(*) from marts.customer_alerts where customer_key = ?", [key]).fetchone()[0]
    )
    actions = api.get(f"/api/customer/{key}/recommendations").json()["recommendations"]
    assert 0 < len(actions) <= 3 and [a["action_rank"] for a in actions] == sorted(a["action_rank"] for a in actions)
    events = api.get(f"/api/customer/{key}/timeline", params={"limit": 5}).json()["events"]
    assert len(events) == 5 and [e["event_date"] for e in events] == sorted(
        (e["event_date"] for e in events), reverse=True
    )
    summary = api.get("/api/dashboard/summary").json()
    customers = bank.execute(
        "select sum(customers) from marts.portfolio_monthly "
        "where month_end_date = (select max(month_end_date) from marts.portfolio_monthly)"
    ).fetchone()[0]
    assert summary["customers"] == customers


def test_acting_on_a_recommendation_is_logged_once_and_leaves_the_open_list(api, customer):
    key = customer[0]
    before = api.get(f"/api/customer/{key}/recommendations").json()["recommendations"]
    chosen = before[0]["next_best_action_key"]
    taken_before = api.get("/api/dashboard/summary").json()["actions_taken"]
    done = api.post(f"/api/actions/{chosen}/execute", json={"executed_by": "RM Test", "outcome": "contacted"})
    assert done.status_code == 201, done.text
    assert done.json()["customer_key"] == key and done.json()["outcome"] == "contacted"
    after = api.get(f"/api/customer/{key}/recommendations").json()["recommendations"]
    assert chosen not in [a["next_best_action_key"] for a in after] and len(after) == len(before) - 1
    again = api.post(f"/api/actions/{chosen}/execute", json={"executed_by": "RM Test", "outcome": "accepted"})
    assert again.status_code == 409 and "already been acted on" in again.json()["detail"]
    assert api.get("/api/dashboard/summary").json()["actions_taken"] == taken_before + 1


@pytest.mark.parametrize(
    "method, path, body, status",
    [
        ("get", "/api/customer/0123456789abcdef0123456789abcdef", None, 404),
        ("get", "/api/customer/not-a-key", None, 422),
        ("get", "/api/customer/0123456789abcdef0123456789abcdef/alerts", None, 404),
        ("get", "/api/customers?q=a", None, 422),
        ("get", "/api/customers", None, 422),
        ("get", "/api/customer/{key}/timeline?limit=0", None, 422),
        ("get", "/api/customer/{key}/timeline?limit=many", None, 422),
        (
            "post",
            "/api/actions/0123456789abcdef0123456789abcdef/execute",
            {"executed_by": "x", "outcome": "contacted"},
            404,
        ),
        ("post", "/api/actions/{action}/execute", {"executed_by": "x", "outcome": "bribed"}, 422),
        ("post", "/api/actions/{action}/execute", {"outcome": "contacted"}, 422),
        ("get", "/api/dashboards/nope/tiles/aum", None, 404),
        ("get", "/api/dashboards/executive/tiles/nope", None, 404),
        ("get", "/api/dashboards/executive/tiles/aum?Date+range=last+tuesday", None, 422),
    ],
)
def test_bad_requests_get_json_with_one_sentence(api, bank, customer, method, path, body, status):
    key = customer[0]
    action = bank.execute("select max(next_best_action_key) from marts.next_best_actions where is_open").fetchone()[0]
    response = getattr(api, method)(path.format(key=key, action=action), **({"json": body} if body is not None else {}))
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.endswith(".") and "\n" not in detail


def test_hostile_strings_are_data_never_sql(api, bank):
    customers = bank.execute("select count(*) from marts.customer_360").fetchone()[0]
    segments = {s for (s,) in bank.execute("select distinct segment from marts.segment_channel_mix_monthly").fetchall()}
    for text in HOSTILE:
        search = api.get("/api/customers", params={"q": text * 2})
        assert search.status_code == 200 and search.json()["customers"] == [], text
        tile = api.get("/api/dashboards/segment/tiles/customers_in_segment", params={"Segment": text})
        # In Looker's filter language % is the wildcard: "%" is every segment, which is the filter working.
        expected = [[customers]] if text == "%" else [[0]]
        assert tile.status_code == 200 and tile.json()["rows"] == expected, text
        suggestions = api.get("/api/dashboards/segment/filters/Segment/suggestions", params={"q": text})
        # Suggestions are values that start with the text; a wildcard may match them all, never more.
        assert suggestions.status_code == 200 and set(suggestions.json()["suggestions"]) <= segments, text
        for path in (f"/api/customer/{text}", f"/api/actions/{text}/execute"):
            assert api.request("GET" if "customer" in path else "POST", path).status_code in (404, 405, 422), path
    assert bank.execute("select count(*) from marts.customer_360").fetchone()[0] == customers


def test_openapi_describes_the_api(api):
    paths = api.get("/openapi.json").json()["paths"]
    for path in (
        "/api/customers",
        "/api/customer/{customer_key}",
        "/api/customer/{customer_key}/alerts",
        "/api/customer/{customer_key}/recommendations",
        "/api/customer/{customer_key}/timeline",
        "/api/actions/{action_key}/execute",
        "/api/dashboard/summary",
    ):
        assert path in paths, path


# -- in-process: PII shown with --show-pii, and a warehouse that stops answering ----------------------


@pytest.fixture()
def local_app(duckdb_build, tmp_path):
    ws = workspace(tmp_path)
    shutil.copy(duckdb_build.database, ws.database)
    target_env = {"C360_DUCKDB_PATH": str(ws.database)}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in target_env.items():
            patch.setenv(name, value)
        target = read_target("duckdb", project_dir=ROOT, profiles_dir=ws.root)
    warehouse = ServeWarehouse(target)

    def make(show_pii: bool) -> TestClient:
        return TestClient(create_app(Settings(warehouse, ROOT / "lookml", show_pii)), raise_server_exceptions=False)

    yield warehouse, make
    warehouse.close()


def test_show_pii_reveals_names_and_lets_search_use_them(local_app, customer, bank):
    _, make = local_app
    client = make(show_pii=True)
    body = client.get(f"/api/customer/{customer[0]}").json()
    last_name = bank.execute(
        "select last_name from marts.dim_customer where customer_key = ?", [customer[0]]
    ).fetchone()[0]
    assert body["last_name"] == last_name and re.fullmatch(r"\*\*\*-\*\*-\d{4}", body["ssn_masked"])
    found = client.get("/api/customers", params={"q": f"{body['first_name']} {last_name}"}).json()["customers"]
    assert customer[0] in [c["customer_key"] for c in found]
    hidden = make(show_pii=False).get("/api/customers", params={"q": last_name}).json()["customers"]
    assert customer[0] not in [c["customer_key"] for c in hidden], "without --show-pii a name finds nobody"


def test_an_unreachable_warehouse_is_503_with_one_sentence(local_app, customer):
    warehouse, make = local_app
    client = make(show_pii=False)
    assert client.get(f"/api/customer/{customer[0]}").status_code == 200
    warehouse.close()  # the connection is gone: as when the file or the network goes away
    for path in (f"/api/customer/{customer[0]}", "/api/dashboard/summary", "/api/dashboards/executive/tiles/aum"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.json()["detail"].startswith("The warehouse could not answer:")


def test_serve_answers_from_bigquery(emulator_build):
    """`c360 serve --target bigquery_emulator` on the emulator build: pages and API answer, an action is logged."""
    statuses = emulator_build.on_bigquery["serve"]
    assert "error" not in statuses, (statuses, emulator_build.on_bigquery["serve_log"])
    assert all(code == 200 for path, code in statuses.items() if path.startswith(("/api", "/customer"))), statuses
    assert statuses.get("POST /api/actions/{action}/execute") == 201, statuses
    assert statuses["action left the open list"] is True
