"""debtcli batch: verify a whole portfolio, one JSON line per account."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from debtcli.cli.common import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, AsOfOpt, fail_input, parse_date_option
from debtcli.cli.common import RulesChoice


def batch(
    source: Annotated[str, typer.Argument(help="A folder of case folders, a folder holding accounts.csv (with "
                                               "ledger.csv and payments.csv), or a portfolio workbook (.xlsx with "
                                               "sheets accounts, ledger, payments).", show_default=False)],
    out: Annotated[str, typer.Option("--out", "-o", help="Where to write the results: one JSON line per account, "
                                                         "in account-id order.", show_default=False)],
    as_of: AsOfOpt = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Processes verifying accounts at once. "
                                                                        "Default: the number of CPU cores.")] = 0,
    rules: Annotated[RulesChoice | None, typer.Option("--rules", help="Rule pack for every account. Default: each "
                                                                      "case's jurisdiction.")] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="Also write a summary workbook (.xlsx): counts, "
                                                                  "totals by finding and component, largest excess, "
                                                                  "inputs read.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Keep the accounts already in --out and verify only the "
                                                          "rest (after an interruption).")] = False,
) -> None:
    """Verify every account of a portfolio: each line of --out is the object `verify --format json` prints,
    plus "account"; an account that cannot be read gets a line with "error" and "problems", and the run goes on.

    Exit code 0: nothing above the lawful balance; 1: some account has findings of severity error;
    2: SOURCE cannot be used, or some account could not be read.

    Examples:

      debtcli batch cases/ --out results.jsonl

      debtcli batch export/ --as-of 2024-06-30 --workers 2 --out results.jsonl --summary summary.xlsx

      debtcli batch export/ --out results.jsonl --resume
    """
    import os
    from pathlib import Path

    from debtcli.batch.run import Settings, run_batch
    from debtcli.batch.source import SourceError, open_portfolio
    from debtcli.batch.summary import FLAGGED, UNREADABLE, Summary

    day = parse_date_option(as_of)
    if workers < 0:
        fail_input([f"--workers: {workers} is not a number of processes (1 or more)"])
    if summary is not None and not summary.lower().endswith(".xlsx"):
        fail_input([f"--summary: {summary!r} must be an .xlsx file"])
    out_path = Path(out)
    if not out_path.parent.exists():
        fail_input([f"--out: the folder {str(out_path.parent)!r} does not exist"])
    try:
        portfolio = open_portfolio(source)
    except SourceError as exc:
        fail_input(exc.problems, hint="nothing was verified.")
    workers = workers or os.cpu_count() or 1
    settings = Settings(day, rules.value if rules else None, portfolio.layout)
    totals = Summary()
    with _progress(portfolio.count) as advance:
        outcome = run_batch(portfolio, settings, out_path, workers=workers, resume=resume, on_account=totals.add,
                            on_progress=advance)
    if outcome.interrupted:
        print(f"interrupted: {outcome.skipped + outcome.written} of {portfolio.count} accounts are in {out}; "
              "run the same command with --resume to finish", file=sys.stderr)
        raise typer.Exit(130)
    for label, n in sorted(portfolio.rejected.counts.items()):
        first = next(x for x in portfolio.rejected.listed if x[0] == label) if portfolio.rejected.listed else None
        print(f"warning: {label}: {n} row(s) belong to no account"
              + (f" (first: row {first[1]}, {first[2]})" if first else ""), file=sys.stderr)
    if summary is not None:
        from debtcli.batch.summary import write_workbook

        write_workbook(totals, summary, source, day, settings.rules, portfolio.inputs(), portfolio.rejected)
    print(f"{totals.total} accounts: {totals.counts['verified']} verified, {totals.counts[FLAGGED]} flagged, "
          f"{totals.counts[UNREADABLE]} unreadable"
          + (f" ({outcome.skipped} kept from the earlier run)" if outcome.skipped else "") + f"; results in {out}"
          + (f", summary in {summary}" if summary else ""), file=sys.stderr)
    if totals.counts[UNREADABLE]:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(EXIT_FINDINGS if totals.counts[FLAGGED] else EXIT_OK)


class _progress:
    """A progress bar on stderr (accounts done, rate, ETA) when stderr is a terminal; silent otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if not sys.stderr.isatty():
            return lambda done: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        class Rate(TextColumn):
            def render(self, task):
                speed = task.finished_speed or task.speed
                return super().render(task) if speed is None else f"{speed:,.0f} accounts/s"

        self.bar = Progress(TextColumn("verifying"), BarColumn(), MofNCompleteColumn(), Rate(""),
                            TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True), transient=False)
        self.bar.start()
        task = self.bar.add_task("accounts", total=self.total)

        def advance(done: int) -> None:
            self.bar.update(task, completed=done)

        return advance

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
