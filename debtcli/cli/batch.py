"""debtcli batch: verify a whole portfolio, one JSON line per account."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from debtcli.cli.common import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, AsOfOpt, MaxRowsOpt, fail_input, \
    message_language, notice
from debtcli.cli.common import NoDemandOpt, RulesChoice, parse_date_option

LISTED_ON_CONSOLE = 20


class Engine(str, Enum):
    local = "local"
    spark = "spark"


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
    max_rows: MaxRowsOpt = None,
    no_demand: NoDemandOpt = False,
    statements: Annotated[str | None, typer.Option(
        "--statements", help="Also write each account's statement into this folder, named by account id "
                             "(the same bytes as `debtcli statement` on the account), with manifest.csv listing "
                             "each file's SHA-256.", show_default=False)] = None,
    statement_format: Annotated[str, typer.Option(
        "--format", "-f", help="--statements: pdf, docx, xlsx, html or md (claim: no xlsx; regf: pdf, html "
                               "or docx).")] = "pdf",
    template: Annotated[str, typer.Option(
        "--template", help="--statements: statement (the itemised statement), claim (诉讼请求 and "
                           "计算清单) or regf (the us pack's validation notice).")] = "statement",
    lang: Annotated[str | None, typer.Option(
        "--lang", help="zh or en: the language of what the command prints and, with --statements, of every "
                       "statement. Default: DEBTCLI_LANG or the locale for messages and the --summary workbook, each "
                       "case's language for statements.", show_default=False)] = None,
    only_flagged: Annotated[bool, typer.Option(
        "--only-flagged", help="--statements: only for accounts with findings of severity error.")] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="local: processes on this machine; spark: a Spark "
                                                            "cluster (needs debtcli[spark]; SOURCE may also be "
                                                            "hive:DB or a folder of Parquet tables).")] = Engine.local,
    master: Annotated[str | None, typer.Option("--master", help="With --engine spark: the Spark master URL, e.g. "
                                                                "local[2] or spark://host:7077. Default: the one "
                                                                "spark-submit gives, else local[*].",
                                               show_default=False)] = None,
) -> None:
    """Verify every account of a portfolio: each line of --out is the object `verify --format json` prints,
    plus "account"; an account that cannot be read gets a line with "error" and "problems", and the run goes on.

    A demand is compared with the balances of its own date: --as-of another day makes that account's line
    an error (exit 2) unless --no-demand asks for the balances alone, without comparing any demand.

    Exit code 0: nothing above the lawful balance; 1: some account has findings of severity error;
    2: SOURCE cannot be used, or some account could not be read.

    Examples:

      debtcli batch cases/ --out results.jsonl

      debtcli batch export/ --as-of 2024-06-30 --workers 2 --out results.jsonl --summary summary.xlsx

      debtcli batch export/ --out results.jsonl --resume

      debtcli batch cases/ --as-of 2024-12-31 --no-demand --out balances.jsonl

      debtcli batch cases/ --out results.jsonl --statements statements/ --format docx --template claim

      debtcli batch hive:bank --engine spark --out results.parquet
    """
    if engine is Engine.spark:
        from debtcli.cli.batch_spark import batch_spark

        if statements is not None:
            fail_input(["--statements works with --engine local only"])
        batch_spark(source, out, parse_date_option(as_of), rules.value if rules else None, master, summary=summary,
                    resume=resume, workers=workers, max_rows=max_rows, no_demand=no_demand)
    if master is not None:
        fail_input(["--master works with --engine spark only"])
    import os
    from pathlib import Path

    from debtcli.batch.run import Locked, ResumeError, Settings, run_batch
    from debtcli.batch.source import SourceError, open_portfolio
    from debtcli.batch.summary import FLAGGED, UNREADABLE, Summary
    from debtcli.cli.common import max_rows_or_default

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
    statement_opts = _statement_options(statements, statement_format, template, lang, only_flagged)
    settings = Settings(day, rules.value if rules else None, portfolio.layout, portfolio.fingerprint(),
                        max_rows_or_default(max_rows), no_demand=no_demand, statements=statement_opts)
    totals = Summary(known_digests=frozenset(i["file"] for i in portfolio.inputs() if i.get("sha256")))
    try:
        with _progress(portfolio.count) as advance:
            outcome = run_batch(portfolio, settings, out_path, workers=workers, resume=resume,
                                on_account=totals.add, on_progress=advance)
    except (Locked, ResumeError) as exc:
        fail_input([str(exc)], hint="nothing was verified.")
    if outcome.redone:
        notice("note", f"{outcome.redone} line(s) of {out} were not complete results (cut short or edited, or after "
                       "such a line); they were removed and verified again")
    if outcome.interrupted:
        notice("interrupted", f"{outcome.skipped + outcome.written} of {portfolio.count} accounts are in {out}; "
                              "run the same command with --resume to finish")
        raise typer.Exit(130)
    for label, n in sorted(outcome.rejected.counts.items()):
        first = next(x for x in outcome.rejected.listed if x[0] == label) if outcome.rejected.listed else None
        notice("warning", f"{label}: {n} row(s) belong to no account"
                          + (f" (first: row {first[1]}, {first[2]})" if first else ""))
    if statement_opts is not None:
        from debtcli.batch.statements import write_manifest

        manifest, written = write_manifest(statement_opts, out_path, message_language(lang), outcome.kept)
        notice("", f"{written} statement(s) in {statements}; list and SHA-256 in {manifest}")
    if summary is not None:
        from debtcli.batch.summary import write_workbook

        write_workbook(totals, summary, source, day, settings.rules, portfolio.inputs(), outcome.rejected,
                       message_language(lang))
    notice("", f"{totals.total} accounts: {totals.counts['verified']} verified, {totals.counts[FLAGGED]} flagged, "
               f"{totals.counts[UNREADABLE]} unreadable"
               + (f" ({outcome.skipped} kept from the earlier run)" if outcome.skipped else "") + f"; results in {out}"
               + (f", summary in {summary}" if summary else ""))
    if totals.counts[UNREADABLE]:
        names = [a for a, *_ in totals.unreadable[:LISTED_ON_CONSOLE]]
        more = totals.counts[UNREADABLE] - len(names)
        notice("unreadable", f"{', '.join(names)}" + (f" and {more} more" if more > 0 else "")
                             + f" (each line of {out} with \"error\" lists the problems)")
    if totals.internal_count:
        more = totals.internal_count - min(len(totals.internal), LISTED_ON_CONSOLE)
        notice("", f"internal error (a defect in debtcli; please report it) on: "
                   f"{', '.join(totals.internal[:LISTED_ON_CONSOLE])}" + (f" and {more} more" if more > 0 else ""))
        raise typer.Exit(EXIT_INTERNAL)
    if totals.counts[UNREADABLE]:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(EXIT_FINDINGS if totals.counts[FLAGGED] else EXIT_OK)


def _statement_options(folder: str | None, fmt: str, template: str, lang: str | None, only_flagged: bool):
    """The --statements options, checked before any account is verified; None without --statements."""
    if folder is None:
        given = [name for name, on in (("--template", template != "statement"), ("--only-flagged", only_flagged),
                                       ("--format", fmt != "pdf")) if on]
        if given:
            fail_input([f"{', '.join(given)}: only with --statements DIR"])
        if lang is not None and lang not in ("zh", "en"):
            fail_input([f"--lang: {lang!r} is not zh or en"], hint="nothing was verified.")
        return None
    from pathlib import Path

    from debtcli.batch.statements import StatementOptions
    from debtcli.render.files import FORMATS

    problems = []
    if template not in FORMATS:
        problems.append(f"--template: {template!r} is not statement, claim or regf")
    elif fmt not in FORMATS[template]:
        problems.append(f"--format: the {template} template is written as {', '.join(FORMATS[template])}, not {fmt}")
    if lang is not None and lang not in ("zh", "en"):
        problems.append(f"--lang: {lang!r} is not zh or en")
    path = Path(folder)
    if path.exists() and not path.is_dir():
        problems.append(f"--statements: {folder!r} is a file, not a folder")
    if problems:
        fail_input(problems, hint="nothing was verified.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail_input([f"--statements: cannot create the folder {folder!r} ({exc.strerror or exc})"])
    return StatementOptions(str(path), fmt, template, lang, only_flagged)


class MovingRate:
    """Accounts a second over the last ``window`` seconds of this run: a steady figure, not the burst
    of one chunk arriving, and the accounts kept from an earlier run (``--resume``) do not count."""

    def __init__(self, window: float = 30.0):
        self.window = window
        self.points: list[tuple[float, int]] = []
        self.base: int | None = None

    def update(self, now: float, done: int) -> None:
        if self.base is None:  # the first figure: what an earlier run left, not work done now
            self.base = done
        self.points.append((now, done - self.base))
        while len(self.points) > 2 and now - self.points[1][0] >= self.window:
            self.points.pop(0)

    def rate(self) -> float | None:
        if len(self.points) < 2:
            return None
        (t0, d0), (t1, d1) = self.points[0], self.points[-1]
        return (d1 - d0) / (t1 - t0) if t1 > t0 else None


class _progress:
    """A progress bar on stderr (accounts done, rate, ETA) when stderr is a terminal; silent otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if not sys.stderr.isatty():
            return lambda done: None
        import time

        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        moving = MovingRate()
        zh = message_language() == "zh"

        class Rate(TextColumn):
            def render(self, task):
                speed = moving.rate()
                return super().render(task) if speed is None else f"{speed:,.0f} {'户/秒' if zh else 'accounts/s'}"

        class Eta(TextColumn):
            def render(self, task):
                speed = moving.rate()
                if not speed or task.total is None:
                    return super().render(task)
                left = int((task.total - task.completed) / speed)
                return f"{'预计剩余' if zh else 'ETA'} {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}"

        self.bar = Progress(TextColumn("核对中" if zh else "verifying"), BarColumn(), MofNCompleteColumn(), Rate(""),
                            Eta("预计剩余 -:--:--" if zh else "ETA -:--:--"),
                            console=Console(stderr=True), transient=False)
        self.bar.start()
        task = self.bar.add_task("accounts", total=self.total)

        def advance(done: int) -> None:
            moving.update(time.monotonic(), done)
            self.bar.update(task, completed=done)

        return advance

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
