"""Measure the models against the answer key: entity resolution, recurring-payment detection and
merchant attribution.

Entity resolution is scored on pairs of records; recurring detection on transactions; merchant
attribution on card spend.

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

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

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
            con.execute(f"""
                create temp table person_customer as
                select person_id, arg_max(customer_key, n) as customer_key from (
                    select t.person_id, m.customer_key, count(*) as n
                    from read_parquet('{truth}/source_records/*.parquet') as t
                    inner join {identity_map} as m
                        on m.source_system = t.source_system and m.source_record_id = t.source_record_id
                    where m.is_resolved group by all)
                group by person_id""")
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
