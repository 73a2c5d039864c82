"""What the customer 360 page and the REST API ask of the marts: search, one customer, their alerts,
recommendations and timeline, the action log, and the portfolio summary. Every value is a parameter.

PII (names, email, phone, address; the fields LookML puts behind `can_see_pii`) is read only when the
server was started with --show-pii; the SSN is only ever the masked last four digits.
"""

from __future__ import annotations

import datetime as dt
import uuid

from generator.serve.warehouse import ServeWarehouse

OUTCOMES = ("contacted", "accepted", "declined", "no_answer", "completed")
SEARCH_LIMIT = 10


class NotFound(Exception):
    pass


class Conflict(Exception):
    pass


class Customers:
    def __init__(self, warehouse: ServeWarehouse, show_pii: bool, pii_columns: set[str]):
        self.wh = warehouse
        self.show_pii = show_pii
        self.pii_columns = pii_columns  # the columns behind LookML's access grant
        self.c360 = warehouse.table("marts", "customer_360")
        self.dim_customer = warehouse.table("marts", "dim_customer")
        self.identity = warehouse.table("intermediate", "customer_identity_map")

    def _p(self, name: str) -> str:
        return self.wh.param(name)

    def _name_columns(self) -> str:
        if self.show_pii:
            return "d.first_name, d.last_name, d.email, d.phone_e164, d.address_line1, d.postal_code,"
        return ""

    # -- search --------------------------------------------------------------------------------------

    def search(self, q: str) -> list[dict]:
        """Customers whose key or any source-system id starts with q; with PII shown, also by name or email."""
        # STARTS_WITH and STRPOS, not LIKE: the user's % and _ are text, and both engines have them.
        params = {"q": q.strip().lower()}
        pii_match = ""
        if self.show_pii:
            pii_match = f"""
               OR STRPOS(LOWER(CONCAT(d.first_name, ' ', d.last_name)), {self._p("q")}) > 0
               OR STRPOS(LOWER(d.email), {self._p("q")}) > 0"""
        sql = f"""
            SELECT c.customer_key, {self._name_columns()} c.segment, c.city, c.state_code,
                   c.relationship_balance_usd, c.health_category, c.churn_risk_tier
            FROM {self.c360} AS c
            LEFT JOIN {self.dim_customer} AS d ON c.customer_key = d.customer_key
            WHERE STARTS_WITH(c.customer_key, {self._p("q")})
               OR c.customer_key IN (
                   SELECT customer_key FROM {self.identity}
                   WHERE STARTS_WITH(LOWER(source_record_id), {self._p("q")})
               ){pii_match}
            ORDER BY c.relationship_balance_usd DESC, c.customer_key
            LIMIT {SEARCH_LIMIT}
        """
        return self.wh.rows(sql, params)

    # -- one customer --------------------------------------------------------------------------------

    def customer(self, key: str) -> dict:
        address = "d.address_line1, d.postal_code," if self.show_pii else ""  # customer_360 has the names
        sql = f"""
            SELECT c.*, {address} d.ssn_masked, d.primary_customer_id, d.kyc_status, d.risk_rating,
                   d.job_title, d.employer_name
            FROM {self.c360} AS c
            LEFT JOIN {self.dim_customer} AS d ON c.customer_key = d.customer_key
            WHERE c.customer_key = {self._p("key")}
        """
        rows = self.wh.rows(sql, {"key": key})
        if not rows:
            raise NotFound(f"no customer {key}")
        row = rows[0]
        if not self.show_pii:
            row = {k: v for k, v in row.items() if k not in self.pii_columns}
        row["source_records"] = self.wh.rows(
            f"SELECT source_system, source_record_id, match_method FROM {self.identity} "
            f"WHERE customer_key = {self._p('key')} ORDER BY source_system, source_record_id",
            {"key": key},
        )
        return row

    def exists(self, key: str) -> None:
        if not self.wh.rows(f"SELECT 1 AS found FROM {self.c360} WHERE customer_key = {self._p('key')}", {"key": key}):
            raise NotFound(f"no customer {key}")

    def alerts(self, key: str) -> list[dict]:
        self.exists(key)
        return self.wh.rows(
            f"""SELECT customer_alert_key, alert_type, severity, is_churn_related, evidence, raised_on,
                       last_fired_on, months_firing, is_open
                FROM {self.wh.table("marts", "customer_alerts")}
                WHERE customer_key = {self._p("key")}
                ORDER BY is_open DESC, raised_on DESC, alert_type""",
            {"key": key},
        )

    def recommendations(self, key: str) -> list[dict]:
        """Open next best actions not yet acted on (the action log), best first."""
        self.exists(key)
        return self.wh.rows(
            f"""SELECT next_best_action_key, rule_id, rule_name, action, product_offered, priority, action_rank,
                       estimated_value_usd, evidence, status, first_fired_on
                FROM {self.wh.table("marts", "next_best_actions")}
                WHERE customer_key = {self._p("key")} AND is_open
                  AND next_best_action_key NOT IN (SELECT next_best_action_key FROM {self.wh.action_log})
                ORDER BY action_rank""",
            {"key": key},
        )

    def timeline(self, key: str, limit: int) -> list[dict]:
        self.exists(key)
        return self.wh.rows(
            f"""SELECT event_date, event_at, event_type, event_category, source_system, description, amount_usd
                FROM {self.wh.table("marts", "customer_timeline")}
                WHERE customer_key = {self._p("key")}
                ORDER BY event_date DESC, event_at DESC, event_type
                LIMIT {int(limit)}""",
            {"key": key},
        )

    def actions_taken(self, key: str) -> list[dict]:
        return self.wh.rows(
            f"SELECT * FROM {self.wh.action_log} WHERE customer_key = {self._p('key')} ORDER BY executed_at DESC",
            {"key": key},
        )

    # -- acting on a recommendation ------------------------------------------------------------------

    def execute(self, action_key: str, executed_by: str, outcome: str, note: str | None) -> dict:
        found = self.wh.rows(
            f"""SELECT next_best_action_key, customer_key, rule_id, action, is_open
                FROM {self.wh.table("marts", "next_best_actions")}
                WHERE next_best_action_key = {self._p("key")}""",
            {"key": action_key},
        )
        if not found:
            raise NotFound(f"no action {action_key}")
        action = found[0]
        if not action["is_open"]:
            raise Conflict(f"action {action_key} is not open (it is queued or cooling down)")
        done = self.wh.rows(
            f"SELECT COUNT(*) AS n FROM {self.wh.action_log} WHERE next_best_action_key = {self._p('key')}",
            {"key": action_key},
        )
        if done[0]["n"]:
            raise Conflict(f"action {action_key} has already been acted on")
        row = {
            "action_log_id": uuid.uuid4().hex,
            "next_best_action_key": action_key,
            "customer_key": action["customer_key"],
            "rule_id": action["rule_id"],
            "action": action["action"],
            "executed_by": executed_by,
            "outcome": outcome,
            "note": note,
            "executed_at": dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
        }
        self.wh.append_action(row)
        return {**row, "executed_at": row["executed_at"].isoformat()}

    # -- the portfolio -------------------------------------------------------------------------------

    def summary(self) -> dict:
        portfolio = self.wh.table("marts", "portfolio_monthly")
        head = self.wh.rows(
            f"""SELECT month_end_date, SUM(customers) AS customers, SUM(aum_usd) AS aum_usd, SUM(lum_usd) AS lum_usd,
                       SUM(profit_usd) AS profit_usd
                FROM {portfolio}
                WHERE month_end_date = (SELECT MAX(month_end_date) FROM {portfolio})
                GROUP BY month_end_date"""
        )
        scores = self.wh.rows(
            f"""SELECT COUNT(*) AS customers_ever, AVG(health_score) AS average_health_score,
                       SUM(CASE WHEN churn_risk_tier = 'HIGH' THEN 1 ELSE 0 END) AS high_churn_risk,
                       SUM(open_alerts) AS open_alerts, SUM(open_actions) AS open_actions
                FROM {self.c360} WHERE is_current"""
        )
        taken = self.wh.rows(f"SELECT COUNT(*) AS actions_taken FROM {self.wh.action_log}")
        return {**(head[0] if head else {}), **scores[0], **taken[0]}
