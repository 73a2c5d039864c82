"""The `c360` command line, in the manner of dbt's own: one small parser builder and one handler per
subcommand. Bad input is one line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from generator import __version__
from generator.bank import mess, personas
from generator.errors import UsageError


class _Parser(argparse.ArgumentParser):
    """One-line errors with exit code 2, instead of argparse's usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def _whole_number(text: str) -> int:
    try:
        return int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _month(text: str) -> str:
    try:
        dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, got {text!r}") from None
    return text


def _add_warehouse_options(parser: argparse.ArgumentParser) -> None:
    """Where the dbt project and its profile are, and which target: the same flags dbt takes."""
    parser.add_argument(
        "--target",
        default=None,
        metavar="NAME",
        help="a target of the customer360 profile in profiles.yml (default: the profile's own default)",
    )
    parser.add_argument(
        "--project-dir",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the dbt project (dbt_project.yml; relative DuckDB paths are taken from here) (default: .)",
    )
    parser.add_argument(
        "--profiles-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder holding profiles.yml (default: $DBT_PROFILES_DIR, then the project, ., ~/.dbt)",
    )


def _shares(options: dict) -> str:
    return ", ".join(f"{k if k is not None else 'missing'} {v:.0%}" for k, v in options.items())


_CRM_LAG, _RENAMED = mess.CRM_ADDRESS_LAG_DAYS, mess.CORE_SURNAME_UPDATED
GENERATE_EPILOG = f"""\
what each source system's mess looks like (rates are per record):
  core    duplicate customer opened at another branch: {mess.DUPLICATE_CORE_RATE:.0%} of people (those with
          a second product), its email missing {mess.CORE_DUPLICATE_EMAIL_MISSING:.0%} more often, its income stated
          at {mess.CORE_DUPLICATE_INCOME_JITTER[0]:.0%}-{mess.CORE_DUPLICATE_INCOME_JITTER[1]:.0%} of the first's;
          name casing: {_shares(mess.NAME_CASING)};
          date of birth: {_shares(mess.DOB_FORMATS)};
          SSN: {_shares(mess.SSN_FORMATS)}; email missing {mess.CORE_EMAIL_MISSING:.0%};
          phone: {_shares(mess.PHONE_FORMATS)}
  cards   declines {personas.CARD_DECLINE_RATE:.1%}, reversals {personas.CARD_REVERSAL_RATE:.1%},
          trips abroad in local currency; merchants named by location (processor merchant id) and
          descriptor: name cut to {mess.DESCRIPTOR_NAME_WIDTH} characters, store numbers, city and state, aggregator
          prefixes for local merchants ({_shares(mess.LOCAL_DESCRIPTOR_FORMS)}), order codes online,
          {mess.CHAIN_FRANCHISE_AGGREGATOR_SHARE:.0%} of chain stores franchised through Square or Toast,
          {personas.LOCAL_NAME_REUSE_SHARE:.0%} of local merchants named like one in another city
  crm     contacts with no core id {mess.CRM_UNLINKED_RATE:.0%}; email aliased {mess.CRM_EMAIL_ALIAS_RATE:.0%};
          duplicate contacts {mess.CRM_DUPLICATE_RATE:.0%}, which get {mess.CRM_DUPLICATE_ACTIVITY_SHARE:.0%} of
          the person's cases and tasks; phone: {_shares(mess.CRM_PHONE_FORMATS)}
  app     keyed by uuid and email only; {mess.APP_OTHER_EMAIL_RATE:.0%} registered with an email the bank lacks;
          {mess.APP_NO_VERIFIED_PHONE_RATE:.0%} without a verified mobile number
  branch  branches listed twice under a variant name {mess.BRANCH_DUPLICATE_ROW_RATE:.0%}; RM notes name the
          customer in free text and date it in {len(mess.NOTE_DATE_FORMATS)} formats

life events (moves, marriages, births, new employers, retirements, graduations; yearly rates per persona
in personas.py) reach the systems unevenly: core shows a new address at once, the CRM's mailing state
{_CRM_LAG[0]}-{_CRM_LAG[1]} days later; a new surname reaches core for {_RENAMED:.0%} of those who marry,
never the CRM, the app or email addresses; older duplicate core records keep the old details

The answer key (the true person behind every record, personas, churn dates, recurring postings,
planted cross-sell signals, life events, the brand of every merchant location) goes to --truth, never to the
landing folder.
"""


# -- generate -----------------------------------------------------------------------------------------


def _add_generate(sub) -> None:
    parser = sub.add_parser(
        "generate",
        help="simulate customers and write each source system's landing tables",
        description="Simulate a bank's customers living their financial lives and write what each source "
        "system recorded of them as zstd Parquet, plus the ground-truth answer key.",
        epilog=GENERATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--customers", type=_whole_number, default=5_000, metavar="N", help="real people to simulate (default: 5000)"
    )
    parser.add_argument("--start", default="2023-01-01", metavar="YYYY-MM-DD", help="first day (default: 2023-01-01)")
    parser.add_argument("--end", default="2025-12-31", metavar="YYYY-MM-DD", help="last day (default: 2025-12-31)")
    parser.add_argument(
        "--seed",
        type=_whole_number,
        default=42,
        metavar="S",
        help="random seed; the same arguments give byte-identical files (default: 42)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data/landing"),
        metavar="DIR",
        help="landing folder, replaced as a whole when generation succeeds (default: data/landing)",
    )
    parser.add_argument(
        "--truth", type=Path, default=None, metavar="DIR", help="answer-key folder (default: 'truth' beside --out)"
    )
    parser.add_argument(
        "--workers",
        type=_whole_number,
        default=0,
        metavar="N",
        help="worker processes (default: one per core); does not change the output",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    parser.set_defaults(handler=_generate)


def _generate(args: argparse.Namespace) -> int:
    from generator.bank.generate import GenerateConfig, generate

    config = GenerateConfig(args.customers, args.start, args.end, args.seed, args.out, args.truth, args.workers)
    summary = generate(config, show_progress=not args.quiet)
    if args.quiet:
        return 0
    width = max(len(k) for k in summary.row_counts)
    print("rows written:")
    for name, rows in summary.row_counts.items():
        print(f"  {name:<{width}}  {rows:>12,}")
    print(
        f"{summary.total_rows:,} rows ({summary.transaction_rows:,} transactions) in {summary.seconds:.1f}s "
        f"= {summary.transaction_rows / summary.seconds / 1e6:.2f}M transaction rows/s"
    )
    print(f"landing: {summary.out}\nanswer key: {summary.truth}")
    return 0


# -- load ---------------------------------------------------------------------------------------------


def _add_load(sub) -> None:
    parser = sub.add_parser(
        "load",
        help="check a landing folder against the landing contract and load it, one raw schema per system",
        description="Check every landing file against the landing contract (tables, columns, types, row counts, "
        "readable to the last page), then (re)create one raw_<system> schema per source system in the target's "
        "warehouse. A fault stops the load before the warehouse is touched. Re-running replaces; it never appends. "
        "The loader follows the target's type (duckdb or bigquery) and the project's schema naming.",
    )
    _add_warehouse_options(parser)
    parser.add_argument(
        "--landing",
        type=Path,
        default=Path("data/landing"),
        metavar="DIR",
        help="landing folder written by 'c360 generate' (default: data/landing)",
    )
    parser.add_argument(
        "--through",
        type=_month,
        default=None,
        metavar="YYYY-MM",
        help="load the month-partitioned tables (postings, card transactions, balances, holdings, app sessions "
        "and events) only up to this month, as if later months had not arrived; loading again without it "
        "appends the rest (for trying incremental builds)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    parser.set_defaults(handler=_load)


def _load(args: argparse.Namespace) -> int:
    from generator.warehouse.landing import check_landing, warn_extra_columns
    from generator.warehouse.profiles import read_target

    target = read_target(args.target, project_dir=args.project_dir, profiles_dir=args.profiles_dir)
    tables = check_landing(args.landing, args.through, show_progress=not args.quiet)
    warn_extra_columns(tables, lambda t: f"{target.layer(f'raw_{t.system}')}.{t.table}")
    if target.type == "duckdb":
        from generator.warehouse.load_duckdb import load_duckdb

        summary = load_duckdb(tables, target, show_progress=not args.quiet)
    else:
        from generator.warehouse.load_bigquery import client_for, load_bigquery

        summary = load_bigquery(tables, client_for(target.output), target, show_progress=not args.quiet)
    if not args.quiet:
        print(
            f"loaded {sum(summary.row_counts.values()):,} rows into {len(summary.row_counts)} tables of "
            f"{summary.destination} (target {target.name}) in {summary.seconds:.1f}s"
        )
    return 0


# -- evaluate -----------------------------------------------------------------------------------------


def _add_evaluate(sub) -> None:
    parser = sub.add_parser(
        "evaluate",
        help="measure entity resolution, recurring detection, merchant attribution, the wallet elsewhere and the "
        "customer 360 against the answer key",
        description="Compare a DuckDB build with the answer key written by 'c360 generate': pairwise precision "
        "and recall of entity resolution (customer_identity_map) with the records matched by each rule; people "
        "kept whole (the share of real people whose resolved records carry one customer_key, also counting "
        "unresolved records as fragments) and dim_customer's size against the number of real people; "
        "precision and recall of recurring-payment detection (fact_transaction.is_recurring) by kind; and the "
        "share of settled card purchase spend attributed to the right merchant brand (fact_transaction.merchant_key, "
        "model brands matched one to one to true brands by largest shared spend); wallet_share_monthly: "
        "detection of holdings elsewhere per family, share-of-wallet error and external loan balance error; and "
        "the customer 360: precision and recall of the cross-sell rules of next_best_actions against the planted "
        "signals, ROC AUC of customer_360_monthly.churn_risk_score at past quarter ends against who churned or "
        "declined within 90 days, and the share of churners warned of (HIGH risk tier or a churn-related "
        "customer_alerts episode) between a year and two months ahead, beside the share of never-declining "
        "customers ever warned of.",
    )
    _add_warehouse_options(parser)
    parser.add_argument(
        "--truth", type=Path, default=Path("data/truth"), metavar="DIR", help="answer-key folder (default: data/truth)"
    )
    parser.set_defaults(handler=_evaluate)


def _evaluate(args: argparse.Namespace) -> int:
    from generator.evaluate import (
        CHURN_HORIZON_DAYS,
        EARLY_WARNING_DAYS,
        customer_360_scores,
        identity_scores,
        merchant_scores,
        recurring_scores,
        wallet_scores,
    )
    from generator.warehouse.profiles import read_target

    target = read_target(args.target, project_dir=args.project_dir, profiles_dir=args.profiles_dir)
    identity = identity_scores(target, args.truth)
    print(
        f"entity resolution over {identity.records:,.0f} source records: "
        f"precision {identity.precision:.4f}, recall {identity.recall:.4f} "
        f"({identity.correct_pairs:,.0f} of {identity.predicted_pairs:,.0f} predicted pairs correct, "
        f"{identity.true_pairs:,.0f} true pairs)"
    )
    print(
        f"people whole: {identity.people_whole_share:.4f} of {identity.people:,} real people resolve to exactly one "
        f"customer_key ({identity.people_whole_counting_unresolved_share:.4f} counting each of the "
        f"{identity.unresolved_records:,} unresolved records as a fragment of its person); "
        f"dim_customer holds {identity.dim_customer_rows:,} customers "
        f"({identity.dim_customer_excess:+.2%} against real people)"
    )
    for system, method, count in identity.methods:
        print(f"  {system:<7} {method:<24} {count:>8,}")
    recurring = recurring_scores(target, args.truth)
    print(
        f"recurring detection over {recurring.recurring:,} truly recurring transactions: "
        f"precision {recurring.precision:.4f}, recall {recurring.recall:.4f} "
        f"({recurring.correct:,} of {recurring.detected:,} flagged transactions correct)"
    )
    for kind, total, found in recurring.by_kind:
        print(f"  {kind:<24} {found:>9,} of {total:>9,} found")
    merchants = merchant_scores(target, args.truth)
    print(
        f"merchant attribution over {merchants.spend_usd:,.2f} USD of settled card purchases: "
        f"{merchants.spend_share:.4f} of spend on the right brand ({merchants.model_brands:,} model brands, "
        f"{merchants.true_brands:,} true brands, {merchants.locations:,} locations)"
    )
    wallet = wallet_scores(target, args.truth)
    print(f"wallet elsewhere at {wallet.month_end}, holders detected among holdings that flow through the bank:")
    for family, true, predicted, correct, precision, recall in wallet.by_family:
        print(
            f"  {family:<14} precision {precision:.4f}, recall {recall:.4f} "
            f"({correct:,} of {predicted:,} flagged correct, {true:,} flowing through the bank)"
        )
    for name, error in (("whole wallet visible", wallet.visible), ("holdings never seen", wallet.hidden)):
        print(
            f"  share of wallet, {name}: mean absolute error {error.mean_absolute_error:.4f}, "
            f"bias {error.bias:+.4f} ({error.customers:,} customers)"
        )
    print(
        f"  external loan balances: median absolute percentage error {wallet.loan_balance_mdape:.1%} "
        f"over {wallet.loan_balances:,} customer loan families"
    )
    for name, breakdown in (
        ("by family", wallet.loan_balance_mdape_by_family),
        ("by start", wallet.loan_balance_mdape_by_start),
    ):
        print(f"    {name}: " + ", ".join(f"{part} {error:.1%} ({n:,})" for part, n, error in breakdown))
    customer = customer_360_scores(target, args.truth)
    print(f"cross-sell at {customer.month_end}, planted signals against next_best_actions rules (any status):")
    for score in customer.cross_sell:
        still_open = (
            f"; recall {score.still_open_recall:.4f} where the holding is still open and paid through the bank "
            f"({score.still_open_found:,} of {score.still_open:,})"
            if score.still_open is not None
            else ""
        )
        print(
            f"  {score.rule_id} {score.signal:<32} precision {score.precision:.4f}, recall {score.recall:.4f} "
            f"({score.correct:,} of {score.predicted:,} rows correct, {score.found:,} of {score.planted:,} planted "
            f"found{still_open})"
        )
    print(
        f"churn-risk ranking, ROC AUC of churn_risk_score against churning or declining within {CHURN_HORIZON_DAYS} "
        "days:"
    )
    for ranking in customer.churn_ranking:
        print(
            f"  {ranking.month_end}: AUC {ranking.auc:.4f} ({ranking.positives:,} positive of {ranking.customers:,}); "
            "against the never-declining: "
            + ", ".join(f"{kind} {auc:.4f} ({n:,})" if n else f"{kind}: none" for kind, n, auc in ranking.by_kind)
        )
    print(
        f"early warning: {customer.early_warning:.4f} of {customer.churned:,} churners warned of "
        f"{EARLY_WARNING_DAYS[1]}-{EARLY_WARNING_DAYS[0]} days ahead "
        f"({customer.warned:,}: {customer.warned_by_tier:,} by the HIGH risk tier, {customer.warned_by_alert:,} by a "
        f"churn-related alert); false alarms: {customer.false_alarm:.4f} of {customer.never_declining:,} "
        f"never-declining customers ever warned of ({customer.alarmed_by_tier:,} by the tier, "
        f"{customer.alarmed_by_alert:,} by an alert)"
    )
    return 0


# -- emulator -----------------------------------------------------------------------------------------


def _add_emulator(sub) -> None:
    parser = sub.add_parser(
        "emulator",
        help="run a local BigQuery API emulator for the bigquery_emulator target until interrupted",
        description="Start a fresh, empty BigQuery API emulator (bqemulator) on loopback and keep it running "
        "until Ctrl-C. Point dbt and 'c360 load' at it with the BIGQUERY_EMULATOR_HOST it prints.",
    )
    parser.add_argument("--port", type=_whole_number, default=9050, help="REST port (default: 9050)")
    parser.set_defaults(handler=_emulator)


def _emulator(args: argparse.Namespace) -> int:
    import time

    from generator.warehouse.emulator import BigQueryEmulator

    emulator = BigQueryEmulator(rest_port=args.port)
    with emulator as url:
        print(
            f"BigQuery emulator running; in another shell:\n  export BIGQUERY_EMULATOR_HOST={url}\n"
            f"  c360 load --target bigquery_emulator && dbt build --target bigquery_emulator\n"
            f"Ctrl-C stops it (its data is discarded).",
            flush=True,
        )
        try:
            while emulator.process.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            return 0
        last_words = emulator.last_log_line()
    raise UsageError(f"the emulator stopped unexpectedly: {last_words}")


# -- lookml -------------------------------------------------------------------------------------------


def _add_lookml(sub) -> None:
    parser = sub.add_parser(
        "lookml",
        help="generate the Looker project (views, explores, access grants) from the dbt manifest",
        description="Write a Looker project from the dbt manifest: one view per exposed dbt model (the marts, "
        "or any model with meta looker.view: true), explores joined along relationships tests, PII behind an "
        "access grant. Generated files are marked and replaced; hand-written files (refinements/) are never "
        "touched. sql_table_name names the production schemas, whichever target the manifest was built for: "
        "BigQuery through manifest.lkml constants, DuckDB as schema.table.",
    )
    parser.add_argument(
        "--project-dir",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the dbt project whose target/manifest.json is read (default: .)",
    )
    parser.add_argument(
        "--manifest", type=Path, default=None, metavar="FILE", help="(default: target/manifest.json in the project)"
    )
    parser.add_argument(
        "--catalog",
        type=Path,
        default=None,
        metavar="FILE",
        help="column types for models without a contract, when the file exists (default: catalog.json beside "
        "the manifest)",
    )
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help="(default: lookml/ in the project)")
    parser.add_argument("--connection", default="customer360", help="Looker connection name (default: %(default)s)")
    parser.add_argument(
        "--pii-user-attribute",
        default="can_see_pii",
        metavar="NAME",
        help="user attribute whose value 'yes' grants PII fields (default: %(default)s)",
    )
    parser.add_argument(
        "--bigquery-project",
        default=None,
        metavar="ID",
        help="value of the bigquery_project constant (default: the project the manifest was built for)",
    )
    parser.add_argument("--quiet", action="store_true", help="no summary")
    parser.set_defaults(handler=_lookml)
    actions = parser.add_subparsers(dest="action", metavar="{validate}", parser_class=_Parser)
    validate = actions.add_parser(
        "validate",
        help="check the Looker project offline, as Looker's CI would: LookML, content, SQL and data tests",
        description="Check lookml/ the way Looker's validators do, without Looker: every file parses and names "
        "are unique; every dashboard element's model, explore, fields, sorts, pivots, filters, listen and "
        "tab_name resolve and tiles fit the 24-column grid; every tile compiles for the target's dialect and "
        "runs (DuckDB; on BigQuery it is parsed by sqlglot, and runs with --execute); LookML test: blocks "
        "run and their asserts hold. One line per problem; exit 2 on any.",
    )
    _add_warehouse_options(validate)
    validate.add_argument(
        "--lookml", type=Path, default=None, metavar="DIR", help="the Looker project (default: lookml/ in the project)"
    )
    validate.add_argument(
        "--execute", action="store_true", help="on BigQuery targets, run every query too (the emulator, or real)"
    )
    validate.add_argument("--timings", action="store_true", help="print each tile's query time")
    validate.add_argument("--quiet", action="store_true", help="print problems only")
    validate.set_defaults(handler=_lookml_validate)


def _lookml_validate(args: argparse.Namespace) -> int:
    from generator.lookml.compiler import Compiler
    from generator.lookml.connection import connect
    from generator.lookml.project import LookMLError, load_project
    from generator.lookml.validate import Validator

    root = args.lookml or args.project_dir / "lookml"
    try:
        project = load_project(root)
    except LookMLError as exc:
        print(f"c360 lookml validate: {exc}", file=sys.stderr)
        return 2
    connection = connect(args.target, args.project_dir, args.profiles_dir)
    compiler = Compiler(project, connection.dialect, connection.relation)
    executes = connection.dialect == "duckdb" or args.execute
    progress = None if args.quiet else (lambda message: print(f"  {message}", file=sys.stderr, flush=True))
    validator = Validator(project, compiler, connection.run if executes else None, progress)
    try:
        report = validator.validate()
    finally:
        connection.close()
    if args.timings:
        for tile, seconds in sorted(report.timings.items()):
            print(f"{tile:60s} {seconds * 1000:8.1f} ms")
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if not args.quiet:
        how = "ran" if executes else "compiled and parsed (sqlglot)"
        print(
            f"{root}: {report.files} files, {report.dashboards} dashboards, {report.elements} elements; "
            f"{report.queries} tile queries {how} on {connection.target.name} ({connection.dialect}); "
            f"{report.tests} data tests, {report.asserts} asserts; {len(report.problems)} problems, "
            f"in {report.seconds:.1f}s"
        )
    return 2 if report.problems else 0


def _lookml(args: argparse.Namespace) -> int:
    from generator.lookml.files import Options, generate_lookml

    manifest = args.manifest or args.project_dir / "target" / "manifest.json"
    out = args.out or args.project_dir / "lookml"
    options = Options(
        manifest=manifest,
        catalog=args.catalog or manifest.with_name("catalog.json"),
        out=out,
        connection=args.connection,
        pii_user_attribute=args.pii_user_attribute,
        bigquery_project=args.bigquery_project,
    )
    summary = generate_lookml(options)
    if not args.quiet:
        files = summary.files
        print(
            f"{out}: {summary.views} views, {summary.explores} explores, {summary.dimensions} dimensions, "
            f"{summary.measures} measures, {summary.pii_fields} PII fields behind an access grant "
            f"({summary.adapter}); {len(files.written)} files written, {len(files.unchanged)} unchanged, "
            f"{len(files.removed)} removed, in {summary.seconds:.2f}s"
        )
    return 0


# -- the command --------------------------------------------------------------------------------------


# -- run ----------------------------------------------------------------------------------------------


def _add_run(sub) -> None:
    parser = sub.add_parser(
        "run",
        help="the whole pipeline: load, source freshness, dbt build, evaluate, LookML regeneration and validation",
        description="Run the pipeline in order, stopping at the first failure with a one-line reason and exit "
        "code 1: load (the landing contract checked first), dbt source freshness, dbt build, evaluation against "
        "the answer key (with --truth), LookML regeneration from the production-shaped manifest, and "
        "'c360 lookml validate' on the target. Every run, failed or not, appends a Markdown entry to the run "
        "summary and one row per step to audit.pipeline_runs; dbt writes one row per node to audit.model_runs.",
    )
    _add_warehouse_options(parser)
    parser.add_argument(
        "--landing",
        type=Path,
        default=Path("data/landing"),
        metavar="DIR",
        help="landing folder written by 'c360 generate' (default: data/landing)",
    )
    parser.add_argument(
        "--truth",
        type=Path,
        default=None,
        metavar="DIR",
        help="answer key to evaluate against (default: no evaluation)",
    )
    parser.add_argument("--full-refresh", action="store_true", help="dbt build --full-refresh")
    parser.add_argument(
        "--summary",
        type=Path,
        default=None,
        metavar="FILE",
        help="run summary to append to (default: run_summary.md beside the DuckDB file, or "
        "data/run_summary.md); never a file git tracks",
    )
    parser.add_argument(
        "--lookml", type=Path, default=None, metavar="DIR", help="the Looker project (default: lookml/ in the project)"
    )
    parser.add_argument(
        "--target-path",
        type=Path,
        default=None,
        metavar="DIR",
        help="where dbt writes its artifacts (default: target/ in the project)",
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from generator.pipeline import Pipeline, RunOptions
    from generator.warehouse.profiles import read_target

    target = read_target(args.target, project_dir=args.project_dir, profiles_dir=args.profiles_dir)
    if args.truth is not None and not args.truth.is_dir():
        raise UsageError(f"{args.truth} is not an answer-key folder; pass the --truth that generate wrote")
    default_summary = (
        target.duckdb_path.parent / "run_summary.md"
        if target.type == "duckdb"
        else args.project_dir / "data" / "run_summary.md"
    )
    options = RunOptions(
        target=target,
        project_dir=args.project_dir.resolve(),
        profiles_dir=args.profiles_dir,
        landing=args.landing,
        truth=args.truth,
        full_refresh=args.full_refresh,
        summary=args.summary or default_summary,
        lookml=args.lookml or args.project_dir / "lookml",
        arguments=" ".join(sys.argv[1:]),
        target_path=(args.target_path or args.project_dir / "target").resolve(),
    )
    return Pipeline(options).run(progress=lambda line: print(line, flush=True))


# -- export -------------------------------------------------------------------------------------------


def _add_export(sub) -> None:
    parser = sub.add_parser(
        "export",
        help="write every mart as CSV or Parquet files, for tools without a warehouse connection",
        description="Write every table of the marts layer to files: CSV with a header and ISO dates, or Parquet "
        "partitioned by month (month=YYYY-MM/) for the monthly marts. Rows are counted back against the "
        "warehouse, and the export replaces the previous one only when complete.",
    )
    _add_warehouse_options(parser)
    parser.add_argument("--format", choices=("csv", "parquet"), default="parquet", help="(default: %(default)s)")
    parser.add_argument("--out", type=Path, default=Path("data/marts"), metavar="DIR", help="(default: %(default)s)")
    parser.add_argument(
        "--include-pii",
        action="store_true",
        help="keep the columns behind LookML's can_see_pii grant (names, email, phone, address, birth date)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    parser.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    from generator.export import export
    from generator.warehouse.profiles import read_target

    target = read_target(args.target, project_dir=args.project_dir, profiles_dir=args.profiles_dir)
    progress = (lambda line: None) if args.quiet else (lambda line: print(line, flush=True))
    pii_from = None if args.include_pii else args.project_dir / "lookml"
    summary = export(target, args.out, args.format, progress, pii_from)
    if not args.quiet:
        print(
            f"{summary.out}: {len(summary.rows)} marts, {sum(summary.rows.values()):,} rows as {args.format}, "
            f"counted back equal to the warehouse, in {summary.seconds:.1f}s"
        )
    return 0


# -- erd ----------------------------------------------------------------------------------------------


def _add_erd(sub) -> None:
    parser = sub.add_parser(
        "erd",
        help="draw the marts' entity-relationship diagram (Mermaid) into the dbt docs overview",
        description="Write the entity-relationship diagram of the marts, from the manifest's relationships "
        "tests, between the markers of models/_overview.md (the dbt docs overview page). --check writes "
        "nothing and exits 1 when the committed diagram is stale.",
    )
    parser.add_argument("--project-dir", type=Path, default=Path("."), metavar="DIR", help="(default: .)")
    parser.add_argument(
        "--manifest", type=Path, default=None, metavar="FILE", help="(default: target/manifest.json in the project)"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the diagram would change; write nothing")
    parser.set_defaults(handler=_erd)


def _erd(args: argparse.Namespace) -> int:
    from generator.erd import write_overview

    overview = args.project_dir / "models" / "_overview.md"
    changed = write_overview(args.manifest or args.project_dir / "target" / "manifest.json", overview, args.check)
    if args.check and changed:
        print(f"{overview}: the diagram is stale; run 'c360 erd'", file=sys.stderr)
        return 1
    print(f"{overview}: {'diagram written' if changed else 'diagram up to date'}")
    return 0


# -- serve --------------------------------------------------------------------------------------------


def _add_serve(sub) -> None:
    parser = sub.add_parser(
        "serve",
        help="the dashboards, the customer 360 page and the REST API in a browser, without Looker",
        description="Serve lookml/dashboards/ rendered from the same LookML Looker reads, the customer 360 page "
        "and the REST API (OpenAPI at /openapi.json) from a dbt target's warehouse. Binds to loopback; reads the "
        "warehouse read-only and writes only the action log (app.action_log).",
    )
    _add_warehouse_options(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s, loopback only)")
    parser.add_argument("--port", type=_whole_number, default=8360, help="(default: %(default)s)")
    parser.add_argument(
        "--lookml", type=Path, default=None, metavar="DIR", help="the Looker project (default: lookml/ in the project)"
    )
    parser.add_argument(
        "--show-pii",
        action="store_true",
        help="show names, email, phone and address (the fields behind the can_see_pii grant); SSNs stay masked",
    )
    parser.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from generator.lookml.project import LookMLError
    from generator.serve.app import Settings, create_app
    from generator.serve.warehouse import ServeWarehouse
    from generator.warehouse.profiles import read_target

    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, got {args.port}")
    target = read_target(args.target, project_dir=args.project_dir, profiles_dir=args.profiles_dir)
    warehouse = ServeWarehouse(target)
    try:
        app = create_app(Settings(warehouse, args.lookml or args.project_dir / "lookml", args.show_pii))
    except LookMLError as exc:
        raise UsageError(str(exc)) from None
    pii = "shown" if args.show_pii else "hidden (--show-pii shows it)"
    print(f"c360 serve: http://{args.host}:{args.port}/ on {target.name} ({warehouse.dialect}); PII {pii}", flush=True)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    finally:
        warehouse.close()
    return 0


# -- churn --------------------------------------------------------------------------------------------


def _add_churn(sub) -> None:
    parser = sub.add_parser(
        "churn",
        help="train the churn model out of time and compile it to SQL for the dbt project",
        description="c360 churn train: read churn_features and the bank's own label (churn_labels) from a DuckDB "
        "build, split the as-of months by time (train, validation, test: the latest months whose 90-day horizon "
        "has elapsed), fit gradient boosting and a logistic-regression baseline, compare both and the rule-based "
        "churn_risk_score, and write the scoring macros (macros/churn_model.sql) and the model card "
        "(models/marts/ml/churn_model.md) into the project. Same data and seed give the same files.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    train = actions.add_parser("train", help="train, evaluate and write the scoring SQL and the model card")
    _add_warehouse_options(train)
    train.add_argument(
        "--truth", type=Path, default=None, metavar="DIR", help="answer key to report the same figures against"
    )
    train.add_argument("--seed", type=int, default=42, help="the model's random seed (default: 42)")
    train.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when the committed model is not what training gives"
    )
    train.set_defaults(handler=_churn_train)


def _churn_train(args: argparse.Namespace) -> int:
    from generator.churn import train
    from generator.warehouse.profiles import read_target

    target = read_target(args.target, project_dir=args.project_dir, profiles_dir=args.profiles_dir)
    result = train(target, args.truth, seed=args.seed, check=args.check)
    for split in result.splits:
        print(f"{split.name:<10} {split.first} to {split.last}: {split.rows:,} rows, {split.positives:,} churned")
    for (split, label, model), s in result.scores.items():
        print(
            f"{split:<10} {label:<17} {model:<20} ROC AUC {s.roc_auc:.4f}  PR AUC {s.pr_auc:.4f}  "
            f"top-decile lift {s.top_decile_lift:.2f}" + (f"  Brier {s.brier:.4f}" if s.brier is not None else "")
        )
    print("top features: " + ", ".join(f"{name} {value:.3f}" for name, value in result.importance[:8]))
    print(
        "rule-based churn weights from the bank label on the training months (signal: ROC AUC -> weight): "
        + ", ".join(f"{signal} {auc:.4f} -> {weight}" for signal, auc, weight in result.rule_weights)
    )
    print(f"trained in {result.seconds:.1f}s")
    if args.check:
        if result.stale:
            print("stale: " + ", ".join(str(p) for p in result.stale), file=sys.stderr)
            return 1
        print("the committed churn model is what training gives")
    else:
        print("wrote " + ", ".join(str(p) for p in result.written))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="c360", description="customer360: a simulated retail bank, loaded into your warehouse.")
    parser.add_argument("--version", action="version", version=f"c360 {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in (
        _add_generate,
        _add_load,
        _add_evaluate,
        _add_churn,
        _add_emulator,
        _add_lookml,
        _add_serve,
        _add_run,
        _add_export,
        _add_erd,
    ):
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"c360 {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"c360 {args.command}: interrupted; nothing was left half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
