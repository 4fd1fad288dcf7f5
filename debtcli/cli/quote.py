"""debtcli quote: what it takes to settle on a date, waiver scenarios, a payment plan, an offer letter."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from debtcli.cli.common import CaseArg, FormatOpt, LangOpt, RulesOpt, TableOrJson, fail_input, load_case_or_exit, \
    notice, parse_date_option, print_json, table_language

OFFER_FORMATS = ("pdf", "docx", "xlsx", "html", "md")


def quote(
    case: CaseArg,
    on: Annotated[str, typer.Option("--on", help="The settlement date (YYYY-MM-DD): interest runs up to, not "
                                                 "including, this day.", show_default=False)],
    waive: Annotated[list[str] | None, typer.Option(
        "--waive", help="A waiver scenario, applied to the lawful figure: COMPONENT=PERCENT% or COMPONENT=AMOUNT, "
                        "e.g. penalties=100%, interest=50%, default_interest=1200.00. Repeatable.",
        show_default=False)] = None,
    plan: Annotated[int | None, typer.Option("--plan", min=1, max=60, help="Propose N equal monthly installments "
                                                                           "of the settlement amount (1 to 60).",
                                             show_default=False)] = None,
    first: Annotated[str | None, typer.Option("--first", help="First due date of the plan. Default: one month "
                                                              "after --on.", show_default=False)] = None,
    rate: Annotated[str | None, typer.Option("--rate", help="Plan interest rate (等额本息), e.g. 6%. Default: 0%.",
                                             show_default=False)] = None,
    rules: RulesOpt = None,
    format: FormatOpt = TableOrJson.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Also write an offer letter: .pdf, "
                                                                       ".docx, .xlsx, .html or .md.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing offer letter.")] = False,
    lang: LangOpt = None,
) -> None:
    """What it takes to settle a case on a date, per component, under the contract and lawfully (the
    lawful figure is the most the creditor may ask), and the per-diem: what each further day adds
    to each component. Waiver scenarios (--waive) apply to the lawful figure and show before,
    waived and after; --plan proposes equal monthly installments of the amount after waivers.
    Payments in the ledger and payment records up to the date are credited. Exit 0 (2 for input
    that cannot be trusted). An existing offer letter is kept unless --force is given.

    Examples:

      debtcli quote examples/settlement --on 2025-03-20

      debtcli quote examples/settlement --on 2025-03-20 --waive penalties=100% --waive interest=50%

      debtcli quote examples/private-loan --on 2023-06-30 --waive default_interest=1200.00 --format json

      debtcli quote examples/settlement --on 2025-03-20 --waive penalties=100% --plan 12 --first 2025-04-20

      debtcli quote examples/settlement --on 2025-03-20 --waive penalties=100% --plan 12 -o offer.pdf

      debtcli quote examples/settlement --on 2025-03-20 --waive penalties=100% --plan 12 -o offer.docx
    """
    from debtcli.model.money import ParseError
    from debtcli.model.records import InputError
    from debtcli.report.quote import build_quote
    from debtcli.report.jsonout import to_json
    from debtcli.report.settlement import parse_waivers

    asks, problems = parse_waivers(waive or [])
    plan_rate = None
    if rate is not None:
        if plan is None:
            problems.append("--rate: only with --plan")
        from debtcli.model.money import parse_rate

        try:
            plan_rate = parse_rate(rate)
        except ParseError as exc:
            problems.append(f"--rate: {exc}")
    if first is not None and plan is None:
        problems.append("--first: only with --plan")
    fmt_out = _offer_format(output, problems) if output is not None else None
    if output is not None and output.exists() and not force:
        problems.append(f"{output}: already exists; use --force to overwrite it")
    if problems:
        fail_input(problems)
    day = parse_date_option(on, "--on")
    first_day = parse_date_option(first, "--first")
    if first_day is not None and first_day <= day:
        fail_input([f"--first: {first_day} must be after --on {day}"])
    c = load_case_or_exit(case)
    if day < c.terms.contract.signed:
        fail_input([f"--on: {day} is before the contract was signed ({c.terms.contract.signed})"])
    try:
        q, problems = build_quote(c, day, rules.value if rules else None, asks, plan, first_day, plan_rate)
    except InputError as exc:
        fail_input([str(i) for i in exc.issues], hint=f"{len(exc.issues)} problem(s); nothing was computed.")
    if problems:
        fail_input(problems)
    language = table_language(c, lang)
    if output is not None:
        from debtcli.render.offer import render_offer

        data = render_offer(q, fmt_out, language)
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            with open(output, "wb" if force else "xb") as fh:
                fh.write(data)
        except FileExistsError:
            fail_input([f"{output}: already exists; use --force to overwrite it"])
        except OSError as exc:
            fail_input([f"{output}: cannot write the offer letter ({exc.strerror or exc})"])
        notice("", f"wrote {output} ({fmt_out}, {len(data)} bytes)", language)
    if format == TableOrJson.json:
        print_json(to_json(q))
    else:
        _print_quote(q, language)


def _offer_format(output: Path, problems: list) -> str | None:
    suffix = output.suffix.lower().lstrip(".")
    suffix = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
    if suffix not in OFFER_FORMATS:
        problems.append(f"-o {output.name}: the offer letter is written as .pdf, .docx, .xlsx, .html or .md")
        return None
    return suffix


def _print_quote(q, lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from debtcli.messages import finding_message
    from debtcli.messages.problems import label_zh
    from debtcli.model.money import fmt_grouped
    from debtcli.model.records import COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH, COMPONENTS

    names = COMPONENT_NAMES_ZH if lang == "zh" else COMPONENT_NAMES_EN
    zh = lang == "zh"
    p = q.places
    con = Console(highlight=False)
    title = (f"{q.case_id} 于 {q.on} 结清所需金额（{q.currency}）" if zh
             else f"To settle {q.case_id} on {q.on} ({q.currency})")
    t = Table(title=escape(title))
    cols = (("项目", "按合同", "依法（最高可主张）", "每日增加（依法）", "减免", "减免后应付") if zh else
            ("component", "per contract", "lawful (the most)", "per diem (lawful)", "waived", "to settle"))
    for i, col in enumerate(cols):
        t.add_column(col, justify="left" if i == 0 else "right")
    keys = list(COMPONENTS) + ["total"]
    for k in keys:
        name = ("合计" if zh else "Total") if k == "total" else names[k]
        t.add_row(name, fmt_grouped(q.contractual[k], p), fmt_grouped(q.lawful[k], p),
                  fmt_grouped(q.per_diem_lawful[k], p), fmt_grouped(q.waived[k], p), fmt_grouped(q.after[k], p),
                  style="bold" if k == "total" else None)
    con.print(t)
    per_diem = fmt_grouped(q.per_diem_lawful["total"], p)
    con.print(f"每多一日，依法余额约增加 {per_diem}（{q.on} 当日的计息）；{q.on + _one_day()} 结清需 "
              f"{fmt_grouped(q.next_day_lawful['total'], p)}（减免前）。" if zh else
              f"Each further day adds about {per_diem} (the accrual of {q.on}); settling on {q.on + _one_day()} takes "
              f"{fmt_grouped(q.next_day_lawful['total'], p)} before waivers.")
    if q.plan is not None:
        pl = q.plan
        t2 = Table(title=escape(f"还款计划：{fmt_grouped(pl.amount, p)} 分 {pl.installments} 期，年利率 {pl.rate_text}" if zh
                                else f"Payment plan: {fmt_grouped(pl.amount, p)} in {pl.installments} monthly "
                                     f"installments at {pl.rate_text}"))
        for col in (("期数", "到期日", "本金", "利息", "应还", "剩余本金") if zh else
                    ("n", "due", "principal", "interest", "installment", "balance")):
            t2.add_column(col, justify="right" if col not in ("到期日", "due") else "left")
        for r in pl.rows:
            t2.add_row(str(r.n), str(r.due), fmt_grouped(r.principal, p), fmt_grouped(r.interest, p),
                       fmt_grouped(r.total, p), fmt_grouped(r.balance, p))
        t2.add_row("", "合计" if zh else "total", "", "", fmt_grouped(pl.total, p), "", style="bold")
        con.print(t2)
    for f in q.report.findings:
        if f.code in ("WAIVER_UNAPPROVED", "PLAN_INSTALLMENT_MISSED", "DEMAND_ABOVE_LAWFUL") or f.severity == "error":
            severity = label_zh(f.severity) if zh else f.severity
            con.print(f"{severity}{'：' if zh else ': '}{f.code}{'：' if zh else ': '}{escape(finding_message(f, lang, p))}")


def _one_day():
    from datetime import timedelta

    return timedelta(days=1)
