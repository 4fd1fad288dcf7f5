"""debtcli verify: is the demand within what the contract and the law allow?

``verify_case`` does the work and needs no typer: the quick path (debtcli.cli.quick) calls it
directly; ``command()`` builds the typer command around it when the typer app is built. (No
``from __future__ import annotations`` here: the command's option types are evaluated inside
``command()``, where they are imported.)
"""


def verify_case(case: str, as_of: str | None = None, rules=None, format=None, lang=None,
                no_demand: bool = False) -> int:
    """Verify the case and print the report; return the exit code (0, or 1 with findings of severity
    error). Input that cannot be trusted exits 2 on the way (common.fail_input)."""
    from dataclasses import replace

    from debtcli.cli.common import TableOrJson, build_report_or_exit, load_case_or_exit, parse_date_option, \
        print_json
    from debtcli.report.jsonout import to_json

    c = load_case_or_exit(case)
    # the JSON prints no computation lines and no payment's allocation: the table prints the latter
    report = build_report_or_exit(c, parse_date_option(as_of), rules, no_demand, trace=format != TableOrJson.json)
    if lang:
        report = replace(report, language=lang.value)
    if format == TableOrJson.json:
        print_json(to_json(report))
    else:
        from debtcli.render.terminal import print_report

        print_report(report)
    return report.exit_code


def command():
    """The typer command ``verify``."""
    import typer

    from debtcli.cli.common import AsOfOpt, CaseArg, FormatOpt, LangOpt, NoDemandOpt, RulesOpt, TableOrJson

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
        raise typer.Exit(verify_case(case, as_of, rules, format, lang, no_demand))

    return verify
