"""debtcli balance: what it takes to settle on a date, under the contract."""

from __future__ import annotations

from debtcli.cli.common import AsOfOpt, CaseArg, FormatOpt, TableOrJson, fail_input, load_case_or_exit, parse_date_option, \
    print_json
from debtcli.cli.schedule import _print_conventions


def balance(case: CaseArg, as_of: AsOfOpt = None, format: FormatOpt = TableOrJson.table) -> None:
    """Each component owed under the contract as of a date: overdue, due, not yet due, and the total
    it takes to settle (a payoff quote). Payments from the ledger and payment records are credited.

    Examples:

      debtcli balance examples/bank-loan --as-of 2024-06-30

      debtcli balance examples/bank-loan --as-of 2024-06-30 --format json
    """
    from debtcli.engine.account import conventions
    from debtcli.model.money import ZERO, fmt
    from debtcli.model.records import COMPONENTS
    from debtcli.report.build import contract_run, default_as_of

    c = load_case_or_exit(case)
    asked = parse_date_option(as_of)
    from debtcli.terms.asof import as_of_problems

    problems = as_of_problems(c.terms, asked, compare=False)
    if problems:
        fail_input([str(i) for i in problems])
    day = asked or default_as_of(c)
    run = contract_run(c, day, trace=False)
    errors = [i for i in run.issues if i.severity == "error"]
    if errors:
        fail_input([str(i) for i in errors], hint=f"{len(errors)} problem(s); nothing was computed.")
    res = run.result
    places = run.account.places
    keys = list(COMPONENTS) + ["total"]
    out = {
        "case": c.terms.case.id,
        "as_of": day.isoformat(),
        "currency": c.terms.case.currency,
        "balance": {k: fmt(res.balance[k], places) for k in keys},
        "buckets": {b: {k: fmt(v[k], places) for k in keys} for b, v in res.buckets.items()},
        "credit": fmt(res.credit, places),
        "payments": {"count": sum(1 for p in res.payments if p.kind == "payment"),
                     "total": fmt(sum((p.amount for p in res.payments if p.kind == "payment"), ZERO), places)},
        "accelerated_on": res.accelerated_on.isoformat() if res.accelerated_on else None,
        "conventions": conventions(run.account, c.terms),
    }
    if format == TableOrJson.json:
        print_json(out)
        return
    from rich.console import Console
    from rich.table import Table

    from debtcli.model.money import fmt_grouped
    from debtcli.model.records import COMPONENT_NAMES_EN

    con = Console()
    t = Table(title=f"Balance of {c.terms.case.id} as of {day} ({c.terms.case.currency}), under the contract")
    for col in ("component", "overdue", "due", "not yet due", "to settle"):
        t.add_column(col, justify="left" if col == "component" else "right")
    for k in keys:
        t.add_row(COMPONENT_NAMES_EN[k], *(fmt_grouped(res.buckets[b][k], places) for b in ("overdue", "due", "not_due")),
                  fmt_grouped(res.balance[k], places), style="bold" if k == "total" else None)
    con.print(t)
    if res.credit:
        con.print(f"Credit held (overpaid): {fmt_grouped(res.credit, places)}")
    _print_conventions(con, out["conventions"])
