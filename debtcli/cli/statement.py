"""debtcli statement: the itemised statement as PDF, XLSX, HTML or Markdown."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from debtcli.cli.common import AsOfOpt, CaseArg, LangOpt, RulesOpt, build_report_or_exit, fail_input, \
    load_case_or_exit, parse_date_option


class StatementFormat(str, Enum):
    pdf = "pdf"
    xlsx = "xlsx"
    html = "html"
    md = "md"


def statement(
    case: CaseArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.", show_default=False)],
    as_of: AsOfOpt = None,
    format: Annotated[StatementFormat | None, typer.Option(
        "--format", "-f", help="pdf, xlsx, html or md. Default: from the output file's extension.")] = None,
    lang: LangOpt = None,
    rules: RulesOpt = None,
) -> None:
    """Write the itemised statement of a case: parties and contract, the balances by component
    (demanded, per contract, lawful), the payments and how they were applied, every computation
    line in the court form, the findings, the limitation period, the conventions and the input
    files with their SHA-256. The same case and options give the same bytes.

    Exit code 0: nothing above the lawful balance; 1: findings of severity error (the statement is
    written either way).

    Examples:

      debtcli statement examples/bank-loan --format pdf -o statement.pdf

      debtcli statement examples/bank-loan --format xlsx --lang en -o statement.xlsx

      debtcli statement examples/bank-loan --as-of 2024-06-30 -o statement.md
    """
    from debtcli.render.statement import render_statement

    fmt = format.value if format else _format_from_suffix(output)
    c = load_case_or_exit(case)
    report = build_report_or_exit(c, parse_date_option(as_of), rules)
    data = render_statement(report, fmt, lang.value if lang else None)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    except OSError as exc:
        fail_input([f"{output}: cannot write the statement ({exc.strerror or exc})"])
    print(f"wrote {output} ({fmt}, {len(data)} bytes)", file=sys.stderr)
    raise typer.Exit(report.exit_code)


def _format_from_suffix(output: Path) -> str:
    suffix = output.suffix.lower().lstrip(".")
    suffix = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
    if suffix not in (f.value for f in StatementFormat):
        fail_input([f"--format not given and {output.name!r} has no known extension; "
                    "use --format pdf|xlsx|html|md"])
    return suffix
