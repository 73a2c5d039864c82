"""Measure the models against the answer key: entity resolution, recurring-payment detection, merchant
attribution, the wallet elsewhere and the customer 360 (cross-sell, churn risk, early warning).

Entity resolution is scored on pairs of records; recurring detection on transactions; merchant
attribution on card spend; the wallet on customers and families; the customer 360 on persons.

Two source records form a true pair when the same real person is behind both, and a predicted pair
when customer_identity_map gives them the same customer_key. Precision is the share of predicted
pairs that are true, recall the share of true pairs that were predicted. Pair counts come from
group sizes (n records give n(n-1)/2 pairs), so nothing quadratic is ever materialised. A record the map
leaves unresolved (is_resolved false: no rule could place it) pairs with nothing.

People are scored whole: a real person is whole when every record of theirs that the map resolves carries
one customer_key, so a relationship manager sees them as one customer. The stricter share also counts each
unresolved record as a fragment of its person. dim_customer's row count is set beside the number of real
people (the answer key's persons).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import yaml

from generator.errors import UsageError
from generator.warehouse.profiles import Target


@dataclass(frozen=True)
class IdentityScores:
    precision: float
    recall: float
    predicted_pairs: float
    true_pairs: float
    correct_pairs: float
    records: float
    methods: list[tuple[str, str, int]]  # (source system, match method, records)
    people: int  # real people in the answer key
    people_whole: int  # people whose resolved records all carry one customer_key
    people_whole_counting_unresolved: int  # ... and who have no unresolved record either
    unresolved_records: int
    dim_customer_rows: int

    @property
    def people_whole_share(self) -> float:
        return _share(self.people_whole, self.people)

    @property
    def people_whole_counting_unresolved_share(self) -> float:
        return _share(self.people_whole_counting_unresolved, self.people)

    @property
    def dim_customer_excess(self) -> float:
        """dim_customer rows relative to real people, minus one: 0.01 means 1% more customers than people."""
        return self.dim_customer_rows / self.people - 1 if self.people else 0.0


@dataclass(frozen=True)
class RecurringScores:
    precision: float
    recall: float
    detected: int
    recurring: int
    correct: int
    by_kind: list[tuple[str, int, int]]  # (recurring kind, truly recurring, found)


@dataclass(frozen=True)
class MerchantScores:
    """Merchant attribution: how much settled card purchase spend the models give to the right brand.

    Model brands (dim_merchant, through fact_transaction.merchant_key) and true brands (the answer key's
    truth/merchant_locations, through each transaction's location id) are matched one to one, largest
    shared spend first: the pair of model brand and true brand sharing the most spend is matched, then
    the largest pair among those left, and so on. A transaction's spend is attributed right when its
    model brand is matched to its true brand. Splitting a brand in two leaves the smaller part unmatched;
    merging two brands leaves the smaller one's spend unmatched; a purchase without a model brand counts
    as wrong. spend_share is right spend over all settled card purchase spend (USD).
    """

    spend_share: float
    right_usd: float
    spend_usd: float
    model_brands: int  # brands with settled card purchases in the model
    true_brands: int  # ... in the answer key
    locations: int  # locations (merchant ids) with settled card purchases


def _share(part: float, whole: float) -> float:
    """A precision or recall: with nothing to measure, nothing was got wrong."""
    return part / whole if whole else 1.0


def _open(database: Path, truth: Path, answer: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the build, after checking both the build and the answer key exist."""
    if not (truth / answer).is_dir():
        raise UsageError(f"{truth} holds no answer key (no {answer}/); pass the --truth that generate wrote")
    if not database.is_file():
        raise UsageError(f"DuckDB file {database} not found; run 'dbt build' first")
    return duckdb.connect(str(database), read_only=True)


def match_people_to_customers(con: duckdb.DuckDBPyConnection, truth: Path, identity_map: str) -> None:
    """Temp table person_customer: each real person's customer_key, the one most of their resolved source records
    carry in the identity map. Every measure that needs a person's customer matches them this way."""
    con.execute(f"""
        create temp table person_customer as
        select person_id, arg_max(customer_key, n) as customer_key from (
            select t.person_id, m.customer_key, count(*) as n
            from read_parquet('{truth}/source_records/*.parquet') as t
            inner join {identity_map} as m
                on m.source_system = t.source_system and m.source_record_id = t.source_record_id
            where m.is_resolved group by all)
        group by person_id""")


def identity_scores(target: Target, truth: Path) -> IdentityScores:
    records = truth / "source_records"
    database, identity_map = target.duckdb_path, f"{target.layer('intermediate')}.customer_identity_map"
    dim_customer = f"{target.layer('marts')}.dim_customer"
    con = _open(database, truth, "source_records")
    try:
        con.execute(f"create temp view truth as select * from read_parquet('{records}/*.parquet')")
        con.execute(f"create temp view persons as select * from read_parquet('{truth}/persons/*.parquet')")
        try:
            con.execute(f"select 1 from {identity_map} limit 1")
        except duckdb.CatalogException:
            raise UsageError(f"{database} has no {identity_map}; run 'dbt build' first") from None
        scores = con.execute(f"""
            with joined as (
                select
                    t.person_id,
                    case when m.is_resolved then m.customer_key else 'unresolved:' || t.source_system || ':'
                        || t.source_record_id end as customer_key
                from truth as t
                inner join {identity_map} as m
                    on m.source_system = t.source_system and m.source_record_id = t.source_record_id
            ),
            pairs as (
                select
                    (select sum(n * (n - 1) / 2) from (select count(*) as n from joined group by customer_key))
                        as predicted,
                    (select sum(n * (n - 1) / 2) from (select count(*) as n from joined group by person_id)) as actual,
                    (select sum(n * (n - 1) / 2)
                     from (select count(*) as n from joined group by person_id, customer_key)) as correct,
                    (select count(*) from joined) as matched_records,
                    (select count(*) from truth) as truth_records
            )
            select * from pairs""").fetchone()
        methods = con.execute(f"""select source_system, match_method, count(*) from {identity_map}
                                 group by all order by 1, 3 desc""").fetchall()
        people, whole, strictly_whole, unresolved = con.execute(f"""
            with joined as (
                select t.person_id, m.customer_key, m.is_resolved
                from truth as t
                inner join {identity_map} as m
                    on m.source_system = t.source_system and m.source_record_id = t.source_record_id
            ),
            per_person as (
                select
                    persons.person_id,
                    count(distinct joined.customer_key) filter (where joined.is_resolved) as resolved_keys,
                    count(*) filter (where not joined.is_resolved) as unresolved
                from persons
                left join joined using (person_id)
                group by persons.person_id
            )
            select
                count(*),
                count(*) filter (where resolved_keys = 1),
                count(*) filter (where resolved_keys = 1 and unresolved = 0),
                coalesce(sum(unresolved), 0)
            from per_person""").fetchone()
        try:
            (dim_rows,) = con.execute(f"select count(*) from {dim_customer}").fetchone()
        except duckdb.CatalogException:
            raise UsageError(f"{database} has no {dim_customer}; run 'dbt build' first") from None
    finally:
        con.close()
    predicted, actual, correct, matched, total = (float(x or 0) for x in scores)
    if matched != total:
        raise UsageError(
            f"the identity map covers {matched:.0f} of {total:.0f} answer-key records: "
            "were the model and the answer key built from the same generated bank?"
        )
    return IdentityScores(
        precision=_share(correct, predicted),
        recall=_share(correct, actual),
        predicted_pairs=predicted,
        true_pairs=actual,
        correct_pairs=correct,
        records=total,
        methods=methods,
        people=people,
        people_whole=whole,
        people_whole_counting_unresolved=strictly_whole,
        unresolved_records=int(unresolved),
        dim_customer_rows=dim_rows,
    )


def recurring_scores(target: Target, truth: Path) -> RecurringScores:
    """Precision and recall of fact_transaction.is_recurring (what users see) against the answer key's
    recurring list."""
    recurring = truth / "recurring_transactions"
    database, facts = target.duckdb_path, f"{target.layer('marts')}.fact_transaction"
    con = _open(database, truth, "recurring_transactions")
    try:
        con.execute(f"""
            create temp view truth as
            select case source_table when 'core.postings' then 'core' else 'cards' end as source_system,
                   cast(transaction_id as varchar) as source_transaction_id, recurring_kind
            from read_parquet('{recurring}/*.parquet')""")
        try:
            con.execute(f"""
                create temp view detected as
                select source_system, source_transaction_id
                from {facts}
                where is_recurring""")
        except duckdb.CatalogException:
            raise UsageError(f"{database} has no {facts}; run 'dbt build' first") from None
        detected, actual, correct = con.execute("""
            select (select count(*) from detected), (select count(*) from truth),
                   (select count(*) from detected inner join truth using (source_system, source_transaction_id))
        """).fetchone()
        by_kind = con.execute("""
            select recurring_kind, count(*), count(d.source_transaction_id)
            from truth left join detected as d using (source_system, source_transaction_id)
            group by 1 order by 2 desc""").fetchall()
    finally:
        con.close()
    return RecurringScores(
        precision=_share(correct, detected),
        recall=_share(correct, actual),
        detected=detected,
        recurring=actual,
        correct=correct,
        by_kind=by_kind,
    )


def merchant_scores(target: Target, truth: Path) -> MerchantScores:
    """Share of settled card purchase spend whose model brand is matched to its true brand."""
    locations = truth / "merchant_locations"
    database = target.duckdb_path
    facts = f"{target.layer('marts')}.fact_transaction"
    card_transactions = f"{target.layer('staging')}.stg_cards__card_transactions"
    con = _open(database, truth, "merchant_locations")
    try:
        con.execute(f"create temp view truth as select * from read_parquet('{locations}/*.parquet')")
        try:
            pairs = con.execute(f"""
                select f.merchant_key, t.brand_id, count(distinct c.merchant_id), sum(f.amount_usd)
                from {facts} as f
                inner join {card_transactions} as c on f.source_transaction_id = cast(c.card_txn_id as varchar)
                inner join truth as t on c.merchant_id = t.merchant_id
                where f.source_system = 'cards' and f.transaction_code = 'CARD_PURCHASE'
                    and f.transaction_status = 'SETTLED'
                group by all""").fetchall()
        except duckdb.CatalogException:
            raise UsageError(f"{database} has no {facts} or {card_transactions}; run 'dbt build' first") from None
    finally:
        con.close()
    matched_model, matched_true, right = set(), set(), Decimal(0)
    for model, true, _, usd in sorted(pairs, key=lambda p: (-p[3], str(p[0]), p[1])):
        if model is not None and model not in matched_model and true not in matched_true:
            matched_model.add(model)
            matched_true.add(true)
            right += usd
    spend = sum((p[3] for p in pairs), Decimal(0))
    return MerchantScores(
        spend_share=_share(float(right), float(spend)),
        right_usd=float(right),
        spend_usd=float(spend),
        model_brands=len({p[0] for p in pairs if p[0] is not None}),
        true_brands=len({p[1] for p in pairs}),
        locations=sum(p[2] for p in pairs),
    )


WALLET_FAMILIES = ("deposit", "investment", "mortgage", "auto_loan", "student_loan", "personal_loan", "credit_card")
WALLET_LOAN_FAMILIES = ("mortgage", "auto_loan", "student_loan", "personal_loan")


@dataclass(frozen=True)
class ShareError:
    customers: int
    mean_absolute_error: float
    bias: float  # mean of model minus truth: positive means the share of wallet is overstated


@dataclass(frozen=True)
class WalletScores:
    """wallet_share_monthly against truth/external_holdings and truth/wallet_monthly at the latest month end.

    Detection is scored on (customer, family) pairs. Recall: of the true holdings elsewhere that send a
    flow through the bank (is_paid_through_bank) and are open at the month end, held by a person who is
    still a customer then (has a truth/wallet_monthly row: a churned person's payments stop crossing the
    bank when their accounts close, though the answer key still flags the holding), the share whose family
    the model lists in external_product_families. Precision: of the families the model lists, the share
    the customer truly holds elsewhere at the month end (by any route). Share of wallet is compared per
    customer, split into customers whose every holding elsewhere sends flows through the bank (the whole
    external wallet is visible) and those holding something that never touches the bank. Loan balances:
    the model's estimate per customer and loan family against the true balance owed on that family's
    holdings paid through the bank, as a median absolute percentage error, overall, per family, and split by
    whether the bank saw the loan's first instalment (every such holding opened after the data starts, so
    its age is known) or the loan was already paying when the data starts (its age is in no flow). A person
    is matched to the customer_key most of their resolved source records carry.
    """

    month_end: str
    by_family: list[tuple[str, int, int, int, float, float]]  # family, true, predicted, correct, precision, recall
    visible: ShareError
    hidden: ShareError
    loan_balances: int
    loan_balance_mdape: float
    loan_balance_mdape_by_family: list[tuple[str, int, float]]
    loan_balance_mdape_by_start: list[tuple[str, int, float]]  # 'first instalment seen' / 'paying before the data'


def wallet_scores(target: Target, truth: Path) -> WalletScores:
    """Detection per family, share-of-wallet error and external loan balance error (see WalletScores)."""
    database = target.duckdb_path
    wallet, identity_map = (
        f"{target.layer('marts')}.wallet_share_monthly",
        f"{target.layer('intermediate')}.customer_identity_map",
    )
    con = _open(database, truth, "external_holdings")
    try:
        con.execute(f"create temp view holdings as select * from read_parquet('{truth}/external_holdings/*.parquet')")
        con.execute(f"create temp view wallet_truth as select * from read_parquet('{truth}/wallet_monthly/*.parquet')")
        try:
            match_people_to_customers(con, truth, identity_map)
            month_end = con.execute(f"select max(month_end_date) from {wallet}").fetchone()[0]
        except duckdb.CatalogException:
            raise UsageError(f"{database} has no {wallet} or {identity_map}; run 'dbt build' first") from None
        con.execute(f"""
            create temp table model as
            select w.*, f.family
            from {wallet} as w
            left join unnest(string_split(coalesce(w.external_product_families, ''), ',')) as f(family) on true
            where w.month_end_date = date '{month_end}'""")
        con.execute(f"""
            create temp table held as
            select p.customer_key, h.product_family as family,
                   bool_or(h.is_paid_through_bank) and bool_or(w.person_id is not null) as via_bank,
                   sum(h.balance_usd) filter (where h.is_paid_through_bank) as via_bank_balance_usd,
                   bool_and(o.opened_month_end > (select min(month_end) from holdings))
                       filter (where h.is_paid_through_bank) as first_instalment_seen
            from holdings as h inner join person_customer as p using (person_id)
            inner join (select holding_id, min(month_end) as opened_month_end from holdings group by all) as o
                using (holding_id)
            left join wallet_truth as w on w.person_id = h.person_id and w.month_end = h.month_end
            where h.month_end = date '{month_end}'
            group by all""")
        by_family = []
        for family in WALLET_FAMILIES:
            true, predicted, correct, recalled = con.execute(
                """select
                    (select count(*) from held where family = $f and via_bank),
                    (select count(*) from model where family = $f),
                    (select count(*) from model inner join held using (customer_key, family) where family = $f),
                    (select count(*) from held inner join model using (customer_key, family)
                     where family = $f and via_bank)""",
                {"f": family},
            ).fetchone()
            by_family.append((family, true, predicted, correct, _share(correct, predicted), _share(recalled, true)))
        shares = con.execute(f"""
            with t as (
                select p.customer_key, avg(w.share_of_wallet) as share_of_wallet,
                       bool_and(coalesce(
                           (select bool_and(h.is_paid_through_bank) from holdings as h
                            where h.person_id = w.person_id and h.month_end = w.month_end), true)) as visible
                from wallet_truth as w inner join person_customer as p using (person_id)
                where w.month_end = date '{month_end}' and w.share_of_wallet is not null
                group by p.customer_key
            )
            select t.visible, count(*), avg(abs(m.share_of_wallet - t.share_of_wallet)),
                   avg(m.share_of_wallet - t.share_of_wallet)
            from t inner join {wallet} as m
                on m.customer_key = t.customer_key and m.month_end_date = date '{month_end}'
            where m.share_of_wallet is not null
            group by t.visible""").fetchall()
        loans = con.execute(f"""
            with pairs as (
                select h.family, h.first_instalment_seen, h.via_bank_balance_usd as actual,
                    case h.family {" ".join(f"when '{f}' then m.external_{f}_usd" for f in WALLET_LOAN_FAMILIES)}
                    end as estimate
                from held as h inner join {wallet} as m
                    on m.customer_key = h.customer_key and m.month_end_date = date '{month_end}'
                where h.family in {WALLET_LOAN_FAMILIES} and h.via_bank and h.via_bank_balance_usd > 0
            )
            select family, first_instalment_seen, count(*), median(abs(estimate - actual) / actual) from pairs
            group by grouping sets ((), (family), (first_instalment_seen))
            order by family nulls first, first_instalment_seen nulls first""").fetchall()
    finally:
        con.close()
    errors = {visible: ShareError(n, float(mae), float(bias)) for visible, n, mae, bias in shares}
    empty = ShareError(0, 0.0, 0.0)
    overall = next((row for row in loans if row[0] is None and row[1] is None), (None, None, 0, 0.0))
    start_names = {True: "first instalment seen", False: "paying before the data"}
    return WalletScores(
        month_end=str(month_end),
        by_family=by_family,
        visible=errors.get(True, empty),
        hidden=errors.get(False, empty),
        loan_balances=overall[2],
        loan_balance_mdape=float(overall[3] or 0.0),
        loan_balance_mdape_by_family=[(f, n, float(e)) for f, _, n, e in loans if f is not None],
        loan_balance_mdape_by_start=[(start_names[seen], n, float(e)) for f, seen, n, e in loans if seen is not None],
    )


# The next_best_actions rule that should fire for each planted cross-sell signal (seeds/action_rules.csv).
# ISO 18245 codes of airlines, lodging and car rental (seeds/merchant_categories.csv: AIRLINE, HOTEL, CAR_RENTAL).
TRAVEL_MCCS = ("4511", "7011", "7512")
CROSS_SELL_RULES = {
    "MORTGAGE_WITHOUT_LIFE_INSURANCE": "X001",
    "HIGH_SAVINGS_WITH_LOAN": "X002",
    "TRAVELER_WITHOUT_TRAVEL_CARD": "X003",
    "PAYS_EXTERNAL_LENDER": "X004",
    "PAYS_EXTERNAL_CARD_ISSUER": "X005",
}
# The external_holdings families behind the signals about holdings elsewhere.
CROSS_SELL_FAMILIES = {"PAYS_EXTERNAL_LENDER": WALLET_LOAN_FAMILIES, "PAYS_EXTERNAL_CARD_ISSUER": ("credit_card",)}
CHURN_HORIZON_DAYS = 90
EARLY_WARNING_DAYS = (365, 60)  # a warning counts at month ends from 365 to 60 days before the churn date
# The kinds of positive in the churn-risk ranking, each person taking the first that fits.
CHURN_KINDS = ("churns within 90 days", "declining at the month end", "decline starts within 90 days")


@dataclass(frozen=True)
class CrossSellScore:
    signal: str
    rule_id: str
    planted: int  # planted persons in the population
    found: int  # ... whose customer has a next_best_actions row for the rule
    predicted: int  # next_best_actions rows for the rule
    correct: int  # ... whose person is planted or qualifies by the answer key or the raw data
    still_open: int | None  # planted persons whose holding elsewhere is open and paid through the bank, ...
    still_open_found: int | None  # ... and found (None for the signals not about holdings elsewhere)

    @property
    def precision(self) -> float:
        return _share(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _share(self.found, self.planted)

    @property
    def still_open_recall(self) -> float | None:
        return None if self.still_open is None else _share(self.still_open_found or 0, self.still_open)


@dataclass(frozen=True)
class ChurnRanking:
    month_end: str
    customers: int
    positives: int
    auc: float  # every positive against every negative; nan when either side is empty
    never_declining: int
    by_kind: list[tuple[str, int, float]]  # kind of positive, persons, AUC against the never-declining


@dataclass(frozen=True)
class Customer360Scores:
    """customer_360_monthly, customer_alerts and next_best_actions against truth/persons,
    truth/cross_sell_signals and truth/external_holdings. A person is matched to the customer_key most of
    their resolved source records carry (as for the wallet), and a customer back to the persons matched to it.

    Cross-sell, at the latest month end of customer_360_monthly (next_best_actions' as_of_date). Recall per
    planted signal: of the planted persons still customers then (churn_date null) and matched, the share whose
    customer has a next_best_actions row (any status) for the signal's rule (CROSS_SELL_RULES). The planted
    flags of the holdings elsewhere mean "ever in the window", and a loan paid off is no longer an opportunity,
    so for PAYS_EXTERNAL_LENDER and PAYS_EXTERNAL_CARD_ISSUER a second recall counts only planted persons whose
    holding of that kind (a loan family; a credit card) is open and paid through the bank at the latest month
    end in truth/external_holdings. Precision per rule: of the model's rows (any status), the share whose
    person is planted (churned or not) or qualifies, judged without the dbt models. X001 only when planted
    (the flag is exactly a mortgage and no life policy). X002 also when the raw core tables show the person
    (through the answer key's source records) with an open loan account at the latest month end and savings
    and CD closing balances then of at least the nba_high_savings_usd var. X003 also when the raw card
    transactions and core postings (through the answer key's source records) show the rule's travel
    behaviour: at least nba_traveller_foreign_purchases purchases in a foreign currency, or travel
    purchases (airline, lodging and car-rental MCCs, TRAVEL_MCCS, or a foreign currency) in at least
    nba_traveller_months of the 12 months to the latest month end. This checks the raw records (what the
    bank could see), not the persona, and not the dbt models. X004 and X005 also when truth/external_holdings shows the
    person holding that kind elsewhere, paid through the bank, at the latest month end or the month before.
    A row whose customer no matched person carries is wrong.

    Churn-risk ranking at every quarter end from the 6th month of data to the last month end whose 90-day
    horizon lies within the data: among persons still customers then (churn_date null or after it) whose
    customer has a customer_360_monthly row that month, a person is positive when they churn within 90 days
    or are at risk within the horizon (decline_start_date on or before the month end plus 90 days), negative
    otherwise. ROC AUC of churn_risk_score, exact (ties count half). Positives are split into three kinds,
    each scored against the never-declining (decline_start_date null) alone: churns within 90 days; else
    already declining at the month end; else the decline starts within the 90 days after it, which nothing in
    the data at the month end can show, so its AUC is expected near 0.5.

    Early warning: of the matched persons who truly churned, the share whose customer, at some month end from
    365 to 60 days before the churn date, was in churn_risk_tier HIGH or had a churn-related alert whose
    episode covers the month end (raised_on <= month end <= last_fired_on). Against it, false alarms: the
    share of matched never-declining persons (lifecycle active) with either at any month end.
    """

    month_end: str
    cross_sell: list[CrossSellScore]
    churn_ranking: list[ChurnRanking]
    churned: int
    warned: int
    warned_by_tier: int
    warned_by_alert: int
    never_declining: int
    alarmed: int
    alarmed_by_tier: int
    alarmed_by_alert: int

    @property
    def early_warning(self) -> float:
        return _share(self.warned, self.churned)

    @property
    def false_alarm(self) -> float:
        return self.alarmed / self.never_declining if self.never_declining else 0.0


def _dbt_var(target: Target, name: str):
    """A var of the dbt project as dbt_project.yml sets it."""
    path = target.project_dir / "dbt_project.yml"
    try:
        variables = yaml.safe_load(path.read_text()).get("vars") or {}
    except (OSError, yaml.YAMLError, AttributeError) as exc:
        raise UsageError(f"cannot read the vars of {path}: {exc}") from None
    if name not in variables:
        raise UsageError(f"{path} sets no var {name}")
    return variables[name]


def customer_360_scores(target: Target, truth: Path) -> Customer360Scores:
    """Cross-sell, churn-risk ranking and early warning (see Customer360Scores)."""
    database, marts = target.duckdb_path, target.layer("marts")
    identity_map = f"{target.layer('intermediate')}.customer_identity_map"
    con = _open(database, truth, "cross_sell_signals")
    try:
        con.execute(f"create temp view persons as select * from read_parquet('{truth}/persons/*.parquet')")
        con.execute(f"create temp view records as select * from read_parquet('{truth}/source_records/*.parquet')")
        try:
            match_people_to_customers(con, truth, identity_map)
            for name in ("customer_360_monthly", "customer_alerts", "next_best_actions"):
                con.execute(f"create temp view {name} as select * from {marts}.{name}")
            month_end = con.execute("select max(month_end_date) from customer_360_monthly").fetchone()[0]
        except duckdb.CatalogException:
            raise UsageError(
                f"{database} has no {identity_map} or customer 360 marts in {marts}; run 'dbt build' first"
            ) from None
        cross_sell = _cross_sell(con, target, truth, month_end)
        churn_ranking = _churn_ranking(con)
        warning = _early_warning(con)
    finally:
        con.close()
    return Customer360Scores(
        month_end=str(month_end),
        cross_sell=cross_sell,
        churn_ranking=churn_ranking,
        **warning,
    )


def _cross_sell(
    con: duckdb.DuckDBPyConnection, target: Target, truth: Path, month_end: dt.date
) -> list[CrossSellScore]:
    """Recall and precision of each cross-sell rule at the latest month end, judged without the dbt models."""
    raw_core, raw_cards = target.layer("raw_core"), target.layer("raw_cards")
    con.execute(f"create temp view signals as select * from read_parquet('{truth}/cross_sell_signals/*.parquet')")
    con.execute(f"create temp view holdings as select * from read_parquet('{truth}/external_holdings/*.parquet')")
    con.execute(
        "create temp table rules as select unnest($signals) as signal, unnest($rules) as rule_id",
        {"signals": list(CROSS_SELL_RULES), "rules": list(CROSS_SELL_RULES.values())},
    )
    families = [(signal, family) for signal, of_signal in CROSS_SELL_FAMILIES.items() for family in of_signal]
    # The holdings elsewhere of each signal's kind, paid through the bank, one row per person and month end.
    con.execute(
        """
        create temp table paid_elsewhere as
        select distinct f.signal, h.person_id, h.month_end
        from holdings as h
        inner join (select unnest($signals) as signal, unnest($families) as product_family) as f using (product_family)
        where h.is_paid_through_bank""",
        {"signals": [signal for signal, _ in families], "families": [family for _, family in families]},
    )
    try:
        # Who qualifies besides the planted: X002 by an open loan and savings and CD balances of at least the
        # var in the raw core tables; X003 by a card purchase in a foreign currency in the raw card
        # transactions; X004 and X005 by a holding elsewhere paid through the bank this month end or the last.
        con.execute(
            f"""
            create temp table qualifying as
            select signal, person_id from signals
            union
            select 'HIGH_SAVINGS_WITH_LOAN', r.person_id
            from {raw_core}.accounts as a
            inner join records as r
                on r.source_system = 'core' and r.source_table = 'customers' and r.source_record_id = a.customer_id
            left join {raw_core}.account_balances_monthly as b
                on b.account_number = a.account_number and b.balance_date = $month_end
            where a.open_date <= $month_end and (a.close_date is null or a.close_date > $month_end)
            group by r.person_id
            having bool_or(starts_with(a.product_code, 'LN_'))
                and coalesce(sum(b.closing_balance) filter (
                    where starts_with(a.product_code, 'SAV_') or starts_with(a.product_code, 'CD_')), 0) >= $threshold
            union
            select 'TRAVELER_WITHOUT_TRAVEL_CARD', person_id from (
                select r.person_id, t.settlement_date as day, t.mcc, t.currency_code
                from {raw_cards}.card_transactions as t
                inner join records as r
                    on r.source_system = 'cards' and r.source_table = 'card_accounts'
                    and r.source_record_id = t.card_account_id
                where t.txn_type = 'PURCHASE' and t.settlement_date <= $month_end
                union all
                select r.person_id, p.value_date, p.mcc, 'USD'
                from {raw_core}.postings as p
                inner join {raw_core}.accounts as a using (account_number)
                inner join records as r
                    on r.source_system = 'core' and r.source_table = 'customers' and r.source_record_id = a.customer_id
                where p.mcc is not null and p.value_date <= $month_end
            ) as purchases
            group by person_id
            having count(*) filter (where currency_code != 'USD') >= $foreign_purchases
                or count(distinct date_trunc('month', day)) filter (
                    where (mcc in (select unnest($travel_mccs)) or currency_code != 'USD')
                        and day > $month_end - interval 12 month) >= $travel_months
            union
            select signal, person_id from paid_elsewhere
            where month_end in ($month_end, last_day($month_end - interval 1 month))""",
            {
                "month_end": month_end,
                "threshold": _dbt_var(target, "nba_high_savings_usd"),
                "foreign_purchases": _dbt_var(target, "nba_traveller_foreign_purchases"),
                "travel_months": _dbt_var(target, "nba_traveller_months"),
                "travel_mccs": list(TRAVEL_MCCS),
            },
        )
    except duckdb.CatalogException:
        raise UsageError(f"the warehouse has no {raw_core} or {raw_cards} tables; run 'c360 load' first") from None
    rows = con.execute(
        """
        with population as (
            select person_id, customer_key from persons inner join person_customer using (person_id)
            where churn_date is null
        ),
        fired as (select distinct rule_id, customer_key from next_best_actions),
        planted as (
            select rules.signal, rules.rule_id, population.*,
                   fired.customer_key is not null as is_found,
                   exists (
                       select 1 from paid_elsewhere as e
                       where e.signal = rules.signal and e.person_id = population.person_id
                           and e.month_end = $month_end
                   ) as is_still_open
            from rules
            inner join signals using (signal)
            inner join population using (person_id)
            left join fired on fired.rule_id = rules.rule_id and fired.customer_key = population.customer_key
        ),
        predicted as (
            select rules.signal, fired.customer_key, exists (
                select 1 from person_customer as pc inner join qualifying as q using (person_id)
                where pc.customer_key = fired.customer_key and q.signal = rules.signal
            ) as is_correct
            from rules inner join fired using (rule_id)
        )
        select
            rules.signal,
            rules.rule_id,
            (select count(*) from planted where signal = rules.signal),
            (select count(*) filter (where is_found) from planted where signal = rules.signal),
            (select count(*) from predicted where signal = rules.signal),
            (select count(*) filter (where is_correct) from predicted where signal = rules.signal),
            (select count(*) filter (where is_still_open) from planted where signal = rules.signal),
            (select count(*) filter (where is_still_open and is_found) from planted where signal = rules.signal)
        from rules""",
        {"month_end": month_end},
    ).fetchall()
    by_signal = {row[0]: row for row in rows}
    return [
        CrossSellScore(
            *by_signal[signal][:6], *(by_signal[signal][6:] if signal in CROSS_SELL_FAMILIES else (None, None))
        )
        for signal in CROSS_SELL_RULES
    ]


def _auc(
    con: duckdb.DuckDBPyConnection, positive: tuple[str, ...], negative: tuple[str, ...]
) -> dict[dt.date, tuple[int, float]]:
    """Exact ROC AUC of churn_risk_score per month end, positives of the given kinds against negatives of the
    others: each positive scores the negatives below it plus half those tied with it. {month end: (positives,
    AUC)}; AUC is nan when either side is empty."""
    rows = con.execute(
        """
        with by_score as (
            select month_end, score,
                   count(*) filter (where list_contains($positive, kind)) as positives,
                   count(*) filter (where list_contains($negative, kind)) as negatives
            from churn_population
            where list_contains($positive, kind) or list_contains($negative, kind)
            group by all
        ),
        cumulative as (
            select *, coalesce(sum(negatives) over (
                partition by month_end order by score rows between unbounded preceding and 1 preceding), 0) as below
            from by_score
        )
        select month_end, sum(positives),
               sum(positives * (below + negatives / 2)) / nullif(sum(positives) * sum(negatives), 0)
        from cumulative
        group by month_end""",
        {"positive": list(positive), "negative": list(negative)},
    ).fetchall()
    return {month: (int(n), float("nan") if auc is None else float(auc)) for month, n, auc in rows}


def _churn_ranking(con: duckdb.DuckDBPyConnection) -> list[ChurnRanking]:
    """ROC AUC of churn_risk_score at past quarter ends whose 90-day horizon lies within the data."""
    con.execute(
        """
        create temp table churn_population as
        with bounds as (
            select last_day(min(month_end_date) + interval 5 month) as first_month_end,
                   max(month_end_date) as last_day_of_data
            from customer_360_monthly
        ),
        month_ends as (
            select distinct c.month_end_date as month_end
            from customer_360_monthly as c cross join bounds
            where month(c.month_end_date) in (3, 6, 9, 12) and c.month_end_date >= bounds.first_month_end
                and c.month_end_date + $horizon <= bounds.last_day_of_data
        )
        select
            m.month_end,
            p.person_id,
            c.churn_risk_score as score,
            case
                when p.churn_date <= m.month_end + $horizon then $kinds[1]
                when p.decline_start_date <= m.month_end then $kinds[2]
                when p.decline_start_date <= m.month_end + $horizon then $kinds[3]
                when p.decline_start_date is null then 'never declining'
                else 'declines later'
            end as kind
        from month_ends as m
        cross join persons as p
        inner join person_customer as pc on pc.person_id = p.person_id
        inner join customer_360_monthly as c on c.customer_key = pc.customer_key and c.month_end_date = m.month_end
        where p.churn_date is null or p.churn_date > m.month_end""",
        {"horizon": CHURN_HORIZON_DAYS, "kinds": list(CHURN_KINDS)},
    )
    counts = con.execute("""
        select month_end, count(*), count(*) filter (where kind = 'never declining') from churn_population
        group by 1 order by 1""").fetchall()
    overall = _auc(con, CHURN_KINDS, ("never declining", "declines later"))
    by_kind = {kind: _auc(con, (kind,), ("never declining",)) for kind in CHURN_KINDS}
    return [
        ChurnRanking(
            month_end=str(month),
            customers=customers,
            positives=overall.get(month, (0, float("nan")))[0],
            auc=overall.get(month, (0, float("nan")))[1],
            never_declining=never,
            by_kind=[(kind, *by_kind[kind].get(month, (0, float("nan")))) for kind in CHURN_KINDS],
        )
        for month, customers, never in counts
    ]


def _early_warning(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Churners warned of between a year and two months ahead, and never-declining persons ever warned of,
    by the HIGH tier, a churn-related alert or either (the counts of Customer360Scores)."""
    earliest, latest = EARLY_WARNING_DAYS
    result = con.execute(
        """
        with month_ends as (select distinct month_end_date as month_end from customer_360_monthly),
        warnings as (
            select customer_key, month_end_date as month_end, true as by_tier, false as by_alert
            from customer_360_monthly where churn_risk_tier = 'HIGH'
            union all
            select a.customer_key, m.month_end, false, true
            from customer_alerts as a
            inner join month_ends as m on m.month_end between a.raised_on and a.last_fired_on
            where a.is_churn_related
        ),
        warned as (
            select
                p.person_id,
                p.churn_date is not null as is_churned,
                coalesce(bool_or(w.by_tier), false) as by_tier,
                coalesce(bool_or(w.by_alert), false) as by_alert
            from persons as p
            inner join person_customer as pc using (person_id)
            left join warnings as w on w.customer_key = pc.customer_key
                and (p.churn_date is null or w.month_end between p.churn_date - $earliest and p.churn_date - $latest)
            where p.churn_date is not null or p.lifecycle = 'active'
            group by all
        )
        select
            count(*) filter (where is_churned) as churned,
            count(*) filter (where is_churned and (by_tier or by_alert)) as warned,
            count(*) filter (where is_churned and by_tier) as warned_by_tier,
            count(*) filter (where is_churned and by_alert) as warned_by_alert,
            count(*) filter (where not is_churned) as never_declining,
            count(*) filter (where not is_churned and (by_tier or by_alert)) as alarmed,
            count(*) filter (where not is_churned and by_tier) as alarmed_by_tier,
            count(*) filter (where not is_churned and by_alert) as alarmed_by_alert
        from warned""",
        {"earliest": earliest, "latest": latest},
    )
    return dict(zip([column for column, *_ in result.description], result.fetchone(), strict=True))
