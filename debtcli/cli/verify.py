"""debtcli verify: is the demand within what the contract and the law allow?"""

from __future__ import annotations

import typer

from debtcli.cli.common import AsOfOpt, CaseArg, FormatOpt, LangOpt, NoDemandOpt, RulesOpt, TableOrJson, build_report_or_exit, \
    load_case_or_exit, parse_date_option, print_json


def verify(
    case: CaseArg,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    format: FormatOpt = TableOrJson.table,
    lang: LangOpt = None,
    no_demand: NoDemandOpt = False,
) -> None:
    """Replay the account under the contract and under the law, compare both with the demand, and list
    every finding with its basis and evidence rows.

    The demand is compared with the balances of its own date ([demand] as_of); --as-of another day
    exits 2 unless --no-demand asks for the balances alone.

    Exit code 0: nothing above the lawful balance; 1: findings of severity error.

    Examples:

      debtcli verify examples/private-loan

      debtcli verify examples/bank-loan --rules cn --format json

      debtcli verify examples/private-loan --lang en

      debtcli verify examples/private-loan --as-of 2023-06-30 --no-demand
    """
    from dataclasses import replace

    from debtcli.report.jsonout import to_json

    c = load_case_or_exit(case)
    report = build_report_or_exit(c, parse_date_option(as_of), rules, no_demand)
    if lang:
        report = replace(report, language=lang.value)
    if format == TableOrJson.json:
        print_json(to_json(report))
    else:
        from debtcli.render.terminal import print_report

        print_report(report)
    raise typer.Exit(report.exit_code)
