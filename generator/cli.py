"""The `c360` command line: subcommands in the manner of dbt's own CLI."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator import __version__
from generator.bank import mess, personas
from generator.errors import UsageError


def _shares(options: dict) -> str:
    return ", ".join(f"{k if k is not None else 'missing'} {v:.0%}" for k, v in options.items())


GENERATE_EPILOG = f"""\
what each source system's mess looks like (rates are per record):
  core    duplicate customer opened at another branch: {mess.DUPLICATE_CORE_RATE:.0%} of people (those with a
          second product); name casing: {_shares(mess.NAME_CASING)};
          date of birth: {_shares(mess.DOB_FORMATS)};
          SSN: {_shares(mess.SSN_FORMATS)}; email missing {mess.CORE_EMAIL_MISSING:.0%};
          phone: {_shares(mess.PHONE_FORMATS)}
  cards   declines {personas.CARD_DECLINE_RATE:.1%}, reversals {personas.CARD_REVERSAL_RATE:.1%}, trips abroad in local currency
  crm     contacts with no core id {mess.CRM_UNLINKED_RATE:.0%}; email aliased {mess.CRM_EMAIL_ALIAS_RATE:.0%};
          duplicate contacts {mess.CRM_DUPLICATE_RATE:.0%}
  app     keyed by uuid and email only; {mess.APP_OTHER_EMAIL_RATE:.0%} registered with an email the bank lacks;
          {mess.APP_NO_VERIFIED_PHONE_RATE:.0%} without a verified mobile number
  branch  branches listed twice under a variant name {mess.BRANCH_DUPLICATE_ROW_RATE:.0%}; RM notes name the
          customer in free text and date it in {len(mess.NOTE_DATE_FORMATS)} formats

The answer key (the true person behind every record, personas, churn dates, recurring postings,
planted cross-sell signals) goes to --truth, never to the landing folder.
"""


class _Parser(argparse.ArgumentParser):
    """One-line errors with exit code 2, instead of argparse's usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def _positive_int(text: str) -> int:
    try:
        return int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _month(text: str) -> str:
    import datetime as dt

    try:
        dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, got {text!r}") from None
    return text


def _add_profiles_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profiles-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder holding profiles.yml (default: $DBT_PROFILES_DIR, then ., then ~/.dbt)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="c360", description="customer360: a simulated retail bank, loaded into your warehouse.")
    parser.add_argument("--version", action="version", version=f"c360 {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gen = sub.add_parser(
        "generate",
        help="simulate customers and write each source system's landing tables",
        description="Simulate a bank's customers living their financial lives and write what each source "
        "system recorded of them as zstd Parquet, plus the ground-truth answer key.",
        epilog=GENERATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    gen.add_argument(
        "--customers",
        type=_positive_int,
        default=5_000,
        metavar="N",
        help="number of real people to simulate (default: 5000)",
    )
    gen.add_argument("--start", default="2023-01-01", metavar="YYYY-MM-DD", help="first day (default: 2023-01-01)")
    gen.add_argument("--end", default="2025-12-31", metavar="YYYY-MM-DD", help="last day (default: 2025-12-31)")
    gen.add_argument(
        "--seed",
        type=_positive_int,
        default=42,
        metavar="S",
        help="random seed; the same arguments give byte-identical files (default: 42)",
    )
    gen.add_argument(
        "--out",
        type=Path,
        default=Path("data/landing"),
        metavar="DIR",
        help="landing folder, replaced as a whole when generation succeeds (default: data/landing)",
    )
    gen.add_argument(
        "--truth", type=Path, default=None, metavar="DIR", help="answer-key folder (default: 'truth' beside --out)"
    )
    gen.add_argument(
        "--workers",
        type=_positive_int,
        default=0,
        metavar="N",
        help="worker processes (default: one per core); does not change the output",
    )
    gen.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    load = sub.add_parser(
        "load",
        help="load a landing folder into a warehouse, one raw_<system> schema per source system",
        description="(Re)create one raw_<system> schema per source system from a landing folder. Re-running "
        "replaces the schemas; it never appends.",
    )
    load.add_argument(
        "--target",
        choices=["duckdb", "bigquery", "bigquery_emulator"],
        default="duckdb",
        help="profile target to load into (default: duckdb)",
    )
    load.add_argument(
        "--landing",
        type=Path,
        default=Path("data/landing"),
        metavar="DIR",
        help="landing folder written by 'c360 generate' (default: data/landing)",
    )
    _add_profiles_dir(load)
    load.add_argument(
        "--through",
        type=_month,
        default=None,
        metavar="YYYY-MM",
        help="load the month-partitioned tables (postings, card transactions, balances, holdings, app sessions "
        "and events) only up to this month, as if later months had not arrived; loading again without it "
        "appends the rest (for trying incremental builds)",
    )
    load.add_argument("--quiet", action="store_true", help="no progress output")
    evaluate = sub.add_parser(
        "evaluate",
        help="measure entity resolution and recurring detection against the answer key",
        description="Compare intermediate.customer_identity_map in a DuckDB build with the answer key written by "
        "'c360 generate': pairwise precision and recall of entity resolution with the records matched by each "
        "rule, and precision and recall of recurring-payment detection by kind.",
    )
    evaluate.add_argument(
        "--truth", type=Path, default=Path("data/truth"), metavar="DIR", help="answer-key folder (default: data/truth)"
    )
    _add_profiles_dir(evaluate)
    emulator = sub.add_parser(
        "emulator",
        help="run a local BigQuery API emulator for the bigquery_emulator target until interrupted",
        description="Start a fresh, empty BigQuery API emulator (bqemulator) on loopback and keep it running "
        "until Ctrl-C. Point dbt and 'c360 load' at it with the BIGQUERY_EMULATOR_HOST it prints.",
    )
    emulator.add_argument("--port", type=_positive_int, default=9050, help="REST port (default: 9050)")
    looker = sub.add_parser(
        "lookml",
        help="generate the Looker project (views, explores, access grants) from the dbt manifest",
        description="Write a Looker project from target/manifest.json: one view per exposed dbt model (the marts, "
        "or any model with meta looker.view: true), explores joined along relationships tests, PII behind an "
        "access grant. Generated files are marked and replaced; hand-written files (refinements/) are never "
        "touched. sql_table_name follows the warehouse the manifest was built for: BigQuery through "
        "manifest.lkml constants, DuckDB as schema.table.",
    )
    looker.add_argument(
        "--manifest", type=Path, default=Path("target/manifest.json"), metavar="FILE", help="(default: %(default)s)"
    )
    looker.add_argument(
        "--catalog",
        type=Path,
        default=None,
        metavar="FILE",
        help="column types for models without a contract, when the file exists (default: catalog.json beside "
        "the manifest)",
    )
    looker.add_argument("--out", type=Path, default=Path("lookml"), metavar="DIR", help="(default: %(default)s)")
    looker.add_argument("--connection", default="customer360", help="Looker connection name (default: %(default)s)")
    looker.add_argument(
        "--pii-user-attribute",
        default="can_see_pii",
        metavar="NAME",
        help="user attribute whose value 'yes' grants PII fields (default: %(default)s)",
    )
    looker.add_argument(
        "--bigquery-project",
        default=None,
        metavar="ID",
        help="value of the bigquery_project constant (default: the project the manifest was built for)",
    )
    looker.add_argument("--quiet", action="store_true", help="no summary")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "generate":
            return _generate(args)
        if args.command == "emulator":
            return _emulator(args)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "lookml":
            return _lookml(args)
        return _load(args)
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


def _lookml(args: argparse.Namespace) -> int:
    from generator.lookml.files import Options, generate_lookml

    options = Options(
        manifest=args.manifest,
        catalog=args.catalog or args.manifest.with_name("catalog.json"),
        out=args.out,
        connection=args.connection,
        pii_user_attribute=args.pii_user_attribute,
        bigquery_project=args.bigquery_project,
    )
    result = generate_lookml(options)
    if not args.quiet:
        print(
            f"{args.out}: {result['views']} views, {result['explores']} explores, {result['dimensions']} dimensions, "
            f"{result['measures']} measures, {result['pii_fields']} PII fields behind an access grant "
            f"({result['adapter']}); {len(result['written'])} files written, {len(result['unchanged'])} unchanged, "
            f"{len(result['removed'])} removed, in {result['seconds']:.2f}s"
        )
    return 0


def _generate(args: argparse.Namespace) -> int:
    from generator.bank.generate import GenerateConfig, generate

    cfg = GenerateConfig(
        customers=args.customers,
        start=args.start,
        end=args.end,
        seed=args.seed,
        out=args.out,
        truth=args.truth,
        workers=args.workers,
    )
    summary = generate(cfg, show_progress=not args.quiet)
    if not args.quiet:
        print(_format_summary(summary))
    return 0


def _format_summary(summary: dict) -> str:
    width = max(len(k) for k in summary["row_counts"])
    lines = [f"  {k:<{width}}  {v:>12,}" for k, v in summary["row_counts"].items()]
    seconds = summary["seconds"]
    return "\n".join(
        [
            "rows written:",
            *lines,
            f"{summary['total_rows']:,} rows ({summary['transaction_rows']:,} transactions) in {seconds:.1f}s "
            f"= {summary['transaction_rows'] / seconds / 1e6:.2f}M transaction rows/s",
            f"landing: {summary['out']}",
            f"answer key: {summary['truth']}",
        ]
    )


def _load(args: argparse.Namespace) -> int:
    from generator.warehouse.profiles import duckdb_path, read_target

    if args.target == "duckdb":
        from generator.warehouse.load_duckdb import load_duckdb

        destination = duckdb_path(args.profiles_dir, args.target)
        summary = load_duckdb(args.landing, destination, through=args.through, show_progress=not args.quiet)
    else:
        from generator.warehouse.load_bigquery import client_for, load_bigquery

        client = client_for(read_target(args.profiles_dir, args.target), emulator=args.target == "bigquery_emulator")
        destination = f"BigQuery project {client.project}"
        summary = load_bigquery(args.landing, client, through=args.through, show_progress=not args.quiet)
    if not args.quiet:
        total = sum(summary["row_counts"].values())
        print(
            f"loaded {total:,} rows into {len(summary['row_counts'])} tables of {destination} "
            f"in {summary['seconds']:.1f}s"
        )
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from generator.evaluate import identity_scores, recurring_scores
    from generator.warehouse.profiles import duckdb_path

    scores = identity_scores(duckdb_path(args.profiles_dir), args.truth)
    print(
        f"entity resolution over {scores['records']:,.0f} source records: "
        f"precision {scores['precision']:.4f}, recall {scores['recall']:.4f} "
        f"({scores['correct_pairs']:,.0f} of {scores['predicted_pairs']:,.0f} predicted pairs correct, "
        f"{scores['true_pairs']:,.0f} true pairs)"
    )
    for system, method, count in scores["methods"]:
        print(f"  {system:<7} {method:<24} {count:>8,}")
    recurring = recurring_scores(duckdb_path(args.profiles_dir), args.truth)
    print(
        f"recurring detection over {recurring['recurring']:,} truly recurring transactions: "
        f"precision {recurring['precision']:.4f}, recall {recurring['recall']:.4f} "
        f"({recurring['correct']:,} of {recurring['detected']:,} flagged transactions correct)"
    )
    for kind, total, found in recurring["by_kind"]:
        print(f"  {kind:<24} {found:>9,} of {total:>9,} found")
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
