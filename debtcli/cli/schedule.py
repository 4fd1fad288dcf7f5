"""debtcli schedule: the contractual installment schedule."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from debtcli.cli.common import CaseArg, fail_input, load_case_or_exit, print_json


class ScheduleFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def schedule(
    case: CaseArg,
    format: Annotated[ScheduleFormat, typer.Option("--format", "-f", help="Output format.")] = ScheduleFormat.table,
) -> None:
    """Print the contractual schedule: each installment's due date, principal, interest, total and balance.

    Examples:

      debtcli schedule examples/bank-loan

      debtcli schedule examples/bank-loan --format json
    """
    from debtcli.engine.account import conventions
    from debtcli.model.money import ZERO, fmt
    from debtcli.report.build import schedule_run

    c = load_case_or_exit(case)
    if c.terms.contract.product == "card":
        fail_input([f"{case}: a card account has no installment schedule"],
                   hint="Use `debtcli verify` or `debtcli statement` to see its statement cycles.")
    run = schedule_run(c)
    errors = [i for i in run.issues if i.severity == "error"]
    if errors:
        fail_input([str(i) for i in errors])
    rows = run.result.installments
    places = run.account.places

    def money(x):
        return fmt(x, places)

    totals = {
        "principal": money(sum((r.principal for r in rows), ZERO)),
        "interest": money(sum((r.interest for r in rows), ZERO)),
        "fees": money(sum((r.fees for r in rows), ZERO)),
        "total": money(sum((r.total for r in rows), ZERO)),
    }
    conv = conventions(run.account, c.terms)
    if format == ScheduleFormat.json:
        print_json({
            "case": c.terms.case.id,
            "currency": c.terms.case.currency,
            "installment_amount": money(run.account.annuity) if run.account.annuity is not None else None,
            "installments": [
                {"n": r.n, "due": r.due.isoformat(), "principal": money(r.principal), "interest": money(r.interest),
                 "fees": money(r.fees), "total": money(r.total), "balance": money(r.balance)}
                for r in rows
            ],
            "totals": totals,
            "conventions": conv,
        })
        return
    if format == ScheduleFormat.csv:
        import csv
        import sys

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["n", "due", "principal", "interest", "fees", "total", "balance"])
        for r in rows:
            w.writerow([r.n, r.due.isoformat(), money(r.principal), money(r.interest), money(r.fees), money(r.total),
                        money(r.balance)])
        return
    from rich.console import Console
    from rich.table import Table

    from debtcli.model.money import fmt_grouped

    con = Console()
    t = Table(title=f"Schedule {c.terms.case.id} ({c.terms.case.currency})", show_footer=True)
    for col, foot in (("n", ""), ("due", "total"), ("principal", totals["principal"]),
                      ("interest", totals["interest"]), ("fees", totals["fees"]), ("total", totals["total"]),
                      ("balance", "")):
        t.add_column(col, footer=foot, justify="right" if col not in ("due",) else "left")
    for r in rows:
        t.add_row(str(r.n), r.due.isoformat(), fmt_grouped(r.principal, places), fmt_grouped(r.interest, places),
                  fmt_grouped(r.fees, places), fmt_grouped(r.total, places), fmt_grouped(r.balance, places))
    con.print(t)
    _print_conventions(con, conv)


def _print_conventions(con, conv: dict) -> None:
    con.print("[bold]Conventions[/bold]")
    for k, v in conv.items():
        con.print(f"  {k}: {v}", highlight=False)
