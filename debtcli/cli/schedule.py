"""debtcli schedule: the contractual installment schedule."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from debtcli.cli.common import CaseArg, LangOpt, fail_input, load_case_or_exit, print_json, table_language


class ScheduleFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def schedule(
    case: CaseArg,
    format: Annotated[ScheduleFormat, typer.Option("--format", "-f", help="Output format.")] = ScheduleFormat.table,
    lang: LangOpt = None,
) -> None:
    """Print the contractual schedule: each installment's due date, principal, interest, total and balance.

    Examples:

      debtcli schedule examples/bank-loan

      debtcli schedule examples/bank-loan --format json
    """
    from debtcli.model.money import fmt
    from debtcli.report.build import schedule_report
    from debtcli.report.jsonout import to_json

    c = load_case_or_exit(case)
    if c.terms.contract.product == "card":
        fail_input([f"{case}: a card account has no installment schedule"],
                   hint="Use `debtcli verify` or `debtcli statement` to see its statement cycles.")
    report, issues = schedule_report(c)
    if report is None:
        fail_input([str(i) for i in issues if i.severity == "error"])
    rows = report.installments
    places = report.places

    def money(x):
        return fmt(x, places)

    if format == ScheduleFormat.json:
        print_json(to_json(report))
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
    from debtcli.messages import say

    language = table_language(c, lang)
    con = Console()
    title = say("table.schedule.title", language, case=c.terms.case.id, ccy=c.terms.case.currency)
    t = Table(title=title, show_footer=True)

    def total(key: str) -> str:  # rounded as the JSON's totals, grouped like the rows above it
        return fmt_grouped(report.total(key), places)

    for col, foot in (("n", ""), ("due", "total"), ("principal", total("principal")),
                      ("interest", total("interest")), ("fees", total("fees")), ("total", total("total")),
                      ("balance", "")):
        t.add_column(say(f"table.schedule.{col}", language),
                     footer=say(f"table.schedule.{foot}", language) if foot == "total" else foot,
                     justify="right" if col not in ("due",) else "left")
    for r in rows:
        t.add_row(str(r.n), r.due.isoformat(), fmt_grouped(r.principal, places), fmt_grouped(r.interest, places),
                  fmt_grouped(r.fees, places), fmt_grouped(r.total, places), fmt_grouped(r.balance, places))
    con.print(t)
    _print_conventions(con, report.conventions, language)


def _print_conventions(con, conv: dict, lang: str = "en") -> None:
    from debtcli.messages import say, value_text
    from debtcli.render.i18n import words

    names = words("zh")["convention_names"]
    con.print(f"[bold]{say('table.conventions', lang)}[/bold]")
    for k, v in conv.items():
        con.print(f"  {names.get(k, k) if lang == 'zh' else k}: {value_text(v, lang)}", highlight=False)
