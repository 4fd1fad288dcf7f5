"""debtcli statement: the itemised statement as PDF, DOCX, XLSX, HTML or Markdown; the claim; the
Regulation F validation notice."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from debtcli.cli.common import AsOfOpt, CaseArg, LangOpt, NoDemandOpt, RulesOpt, build_report_or_exit, fail_input, \
    load_case_or_exit, notice, parse_date_option


class Template(str, Enum):
    statement = "statement"
    claim = "claim"
    regf = "regf"


class StatementFormat(str, Enum):
    pdf = "pdf"
    xlsx = "xlsx"
    html = "html"
    md = "md"
    docx = "docx"


def statement(
    case: CaseArg,
    output: Annotated[str, typer.Option("--output", "-o", help="The file to write; - writes md or html to stdout.",
                                        show_default=False)],
    as_of: AsOfOpt = None,
    format: Annotated[StatementFormat | None, typer.Option(
        "--format", "-f", help="pdf, docx, xlsx, html or md. Default: from the output file's extension.")] = None,
    lang: LangOpt = None,
    rules: RulesOpt = None,
    no_demand: NoDemandOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    template: Annotated[Template, typer.Option(
        "--template", help="statement: the itemised statement (pdf, docx, xlsx, html, md); claim: the claims "
                           "(诉讼请求) with the computation list and the evidence list with SHA-256, for a court "
                           "filing (pdf, docx, html, md); regf: the Regulation F validation notice (Model Form B-1 "
                           "layout; us rule pack with [demand] itemization_date; pdf, html or docx)."
    )] = Template.statement,
    sent: Annotated[str | None, typer.Option(
        "--sent", help="--template regf: the date the notice is sent (YYYY-MM-DD); the validation period counts "
                       "from it (12 CFR 1006.34(b)(5)). Default: [demand] sent, else the as-of date.",
        show_default=False)] = None,
) -> None:
    """Write the itemised statement of a case: parties and contract, the balances by component
    (demanded, per contract, lawful), the payments and how they were applied, every computation
    line in the court form, the findings, the limitation period, the conventions and the input
    files with their SHA-256. The same case and options give the same bytes.

    The format comes from --format or the file's extension; when both are given they must agree.
    An existing file is kept unless --force is given. -o - writes md or html to stdout.

    Exit code 0: nothing above the lawful balance; 1: findings of severity error (the statement is
    written either way).

    Examples:

      debtcli statement examples/bank-loan --format pdf -o statement.pdf

      debtcli statement examples/bank-loan --format xlsx --lang en -o statement.xlsx

      debtcli statement examples/private-loan --template claim -o claim.docx

      debtcli statement examples/bank-loan --format md -o -

      debtcli statement examples/bank-loan --as-of 2024-03-31 --no-demand -o balance-2024-03-31.pdf

      debtcli statement examples/us-card-debt-buyer --template regf -o notice.pdf

      debtcli statement examples/us-card-debt-buyer --template regf --sent 2024-06-12 -o notice.docx
    """
    from debtcli.render.files import FORMATS, render_statement

    fmt = _output_format(output, format.value if format else None, force)
    sent_day = parse_date_option(sent, "--sent")
    if sent_day is not None and template != Template.regf:
        fail_input(["--sent: only with --template regf (the date the validation notice is sent)"])
    c = load_case_or_exit(case)
    if sent_day is not None:
        c = with_sent(c, sent_day)
    report = build_report_or_exit(c, parse_date_option(as_of), rules, no_demand)
    if template == Template.regf:
        data = _regf_notice(report, fmt)
        _warn_dates(report)
    elif fmt not in FORMATS[template.value]:
        fail_input([f"--template {template.value} is written as {' or '.join(FORMATS[template.value])}, not {fmt}"])
    else:
        data = render_statement(report, fmt, lang.value if lang else None, template.value)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        raise typer.Exit(report.exit_code)
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb" if force else "xb") as fh:
            fh.write(data)
    except FileExistsError:
        fail_input([f"{output}: already exists; use --force to overwrite it"])
    except OSError as exc:
        fail_input([f"{output}: cannot write the statement ({exc.strerror or exc})"])
    notice("", f"wrote {output} ({fmt}, {len(data)} bytes)")
    raise typer.Exit(report.exit_code)


def with_sent(c, day):
    """The case with ``[demand] sent`` set to ``day`` (the --sent option); a notice cannot be sent
    before its itemization date."""
    from dataclasses import replace

    demand = c.terms.demand
    if demand is None or demand.itemization_date is None:
        fail_input(["--sent: the regf template needs [demand] itemization_date and itemization_basis in case.toml"])
    if day < demand.itemization_date:
        fail_input([f"--sent: {day} is before the itemization date {demand.itemization_date} ([demand] "
                    "itemization_date); a notice itemizes the debt from a date before it is sent"])
    return replace(c, terms=replace(c.terms, demand=replace(demand, sent=day)))


def _regf_notice(report, fmt: str) -> bytes:
    from debtcli.render.files import render_notice
    from debtcli.render.regf import FORMATS, NoticeError

    if fmt not in FORMATS:
        fail_input([f"--template regf is written as {' or '.join(FORMATS)}, not {fmt}"])
    try:
        return render_notice(report, fmt)
    except NoticeError as exc:
        fail_input([f"--template regf: {exc}"])
    return b""


def _warn_dates(report) -> None:
    """A notice dated after the day of its figures says so on stderr: "Total amount of the debt
    now" is the amount on the as-of date."""
    v = report.us.validation if report.us is not None else None
    if v is not None and v.sent != report.as_of:
        print(f"note: the notice is dated {v.sent} (sent) and its figures are as of {report.as_of}; use --as-of "
              f"{v.sent} for the amount on the day it is sent", file=sys.stderr)


_SUFFIX_FORMATS = {"pdf": "pdf", "xlsx": "xlsx", "html": "html", "htm": "html", "md": "md", "markdown": "md",
                   "docx": "docx"}


def _output_format(output: str, given: str | None, force: bool) -> str:
    """The statement's format from --format and the file name; refuses a contradiction, a binary
    format on stdout and an existing file without --force, before anything is computed."""
    if output == "-":
        fmt = given or "md"
        if fmt not in ("md", "html"):
            fail_input([f"-o -: a {fmt} statement is binary and is not written to stdout; give a file name, "
                        "or use --format md or html"])
        return fmt
    path = Path(output)
    suffix = path.suffix.lower().lstrip(".")
    from_name = _SUFFIX_FORMATS.get(suffix)
    if given is None and from_name is None:
        fail_input([f"--format not given and {path.name!r} has no known extension; use --format pdf|xlsx|html|md"])
    if given is not None and suffix and from_name != given:
        fail_input([f"--format {given} contradicts the file name {path.name!r}; name the file "
                    f"{path.stem}.{given}, or leave out --format"])
    if path.is_dir():
        fail_input([f"{output}: is a folder; give a file name"])
    if path.exists() and not force:
        fail_input([f"{output}: already exists; use --force to overwrite it"])
    return given or from_name
