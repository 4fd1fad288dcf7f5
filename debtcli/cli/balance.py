"""debtcli balance: what it takes to settle on a date, under the contract."""

from __future__ import annotations

from debtcli.cli.common import AsOfOpt, CaseArg, FormatOpt, LangOpt, TableOrJson, fail_input, load_case_or_exit, \
    parse_date_option, print_json, table_language
from debtcli.cli.schedule import _print_conventions


def balance(case: CaseArg, as_of: AsOfOpt = None, format: FormatOpt = TableOrJson.table, lang: LangOpt = None) -> None:
    """Each component owed under the contract as of a date: overdue, due, not yet due, and the total
    it takes to settle (a payoff quote). Payments from the ledger and payment records are credited.

    Examples:

      debtcli balance examples/bank-loan --as-of 2024-06-30

      debtcli balance examples/bank-loan --as-of 2024-06-30 --format json
    """
    from debtcli.model.records import COMPONENTS
    from debtcli.report.build import balance_report, default_as_of
    from debtcli.report.jsonout import to_json

    c = load_case_or_exit(case)
    asked = parse_date_option(as_of)
    from debtcli.terms.asof import as_of_problems

    problems = as_of_problems(c.terms, asked, compare=False)
    if problems:
        fail_input([str(i) for i in problems])
    day = asked or default_as_of(c)
    res, issues = balance_report(c, day)
    if res is None:
        errors = [i for i in issues if i.severity == "error"]
        fail_input([str(i) for i in errors], hint=f"{len(errors)} problem(s); nothing was computed.")
    places = res.places
    keys = list(COMPONENTS) + ["total"]
    if format == TableOrJson.json:
        print_json(to_json(res))
        return
    from rich.console import Console
    from rich.table import Table

    from debtcli.model.money import fmt_grouped
    from debtcli.model.records import COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH
    from debtcli.messages import say

    language = table_language(c, lang)
    con = Console()
    t = Table(title=say("table.balance.title", language, case=c.terms.case.id, day=day, ccy=c.terms.case.currency))
    for i, col in enumerate(("component", "overdue", "due", "not_due", "settle")):
        t.add_column(say(f"table.balance.{col}", language), justify="left" if i == 0 else "right")
    names = COMPONENT_NAMES_ZH if language == "zh" else COMPONENT_NAMES_EN
    for k in keys:
        t.add_row(names[k], *(fmt_grouped(res.buckets[b][k], places) for b in ("overdue", "due", "not_due")),
                  fmt_grouped(res.balance[k], places), style="bold" if k == "total" else None)
    con.print(t)
    if res.credit:
        con.print(say("table.balance.credit", language, credit=fmt_grouped(res.credit, places)))
    _print_conventions(con, res.conventions, language)
