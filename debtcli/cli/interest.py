"""debtcli interest: a plain interest figure for a claim, no case needed (分段计息)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from debtcli.cli.common import FormatOpt, Language, TableOrJson, fail_input, parse_date_option, print_json


class Basis(str, Enum):
    b360 = "360"
    b365 = "365"


class Grade(str, Enum):
    m6 = "m6"
    y1 = "y1"
    y1_3 = "y1_3"
    y3_5 = "y3_5"
    y5plus = "y5plus"


class Counting(str, Enum):
    start = "start"
    both = "both"


def interest(
    principal: Annotated[str, typer.Option("--principal", help="The base amount, e.g. 100000 or 100,000.00.",
                                           show_default=False)],
    from_: Annotated[str, typer.Option("--from", help="First day interest runs (YYYY-MM-DD).", show_default=False)],
    to: Annotated[str, typer.Option("--to", help="End date (YYYY-MM-DD): not counted with --counting start, "
                                                 "counted with --counting both.", show_default=False)],
    rate: Annotated[str, typer.Option("--rate", help="24%, 2%/month, 0.0175%/day, 月息2分, or linked to the one-year "
                                                     "LPR: 4×LPR (also 4*LPR, 4倍LPR, LPR×4), 1.5×LPR, LPR+50bp, "
                                                     "LPR5Y+0.5%.", show_default=False)],
    basis: Annotated[Basis, typer.Option("--basis", help="Days in the year the annual rate is divided by.")]
    = Basis.b365,
    counting: Annotated[Counting, typer.Option("--counting", help="start: count the start day, not the end day "
                                                                  "(算头不算尾); both: count both (算头算尾).")]
    = Counting.start,
    lpr: Annotated[list[str] | None, typer.Option("--lpr", help="Supply an LPR fixing the shipped table lacks: "
                                                                "DATE=PERCENT (one-year LPR), e.g. 2026-10-20=3.00. "
                                                                "Repeatable.", show_default=False)] = None,
    lpr_on: Annotated[str | None, typer.Option(
        "--lpr-on", help="Hold the LPR in force on this day (YYYY-MM-DD) for the whole period, as a judgment that "
                         "reads 合同成立时 or 起诉时的 LPR does; without it each day takes the fixing then in force.",
        show_default=False)] = None,
    grade: Annotated[Grade | None, typer.Option("--grade", help="For a linked rate on days before the LPR reform "
                                                               "(2019-08-20): the PBOC benchmark grade by loan term: "
                                                               "m6 (up to 6 months), y1 (to 1 year), y1_3, y3_5, "
                                                               "y5plus. Default: y1 (y5plus for LPR5Y).",
                                               show_default=False)] = None,
    currency: Annotated[str, typer.Option("--currency", help="Currency of the amount.")] = "CNY",
    format: FormatOpt = TableOrJson.table,
    lang: Annotated[Language | None, typer.Option(
        "--lang", help="zh or en: the table (default zh, the court's form) and the messages (default DEBTCLI_LANG, "
                       "else the locale).")] = None,
) -> None:
    """Interest on an amount between two dates at a fixed or LPR-linked rate, split into one segment
    wherever the rate changes (分段计息), each in the court's form (以 X 元为基数，自 A 起至 B 止，按年利率
    r% 计算 N 天 = Y 元), and the total. Each segment is rounded half-up to the fen for its line; the
    total rounds the exact sum once (a difference is shown). LPR-linked rates use the shipped LPR
    table (from 2019-08-20); a period reaching past the last known fixing stops with exit 2 naming
    the fixing to supply with --lpr. Days before the LPR reform (2019-08-20) run on the PBOC benchmark
    lending rate then in force (--grade), with the same multiple and spread.

    Examples:

      debtcli interest --principal 100000 --from 2021-03-01 --to 2023-03-01 --rate "4×LPR"

      debtcli interest --principal 100000 --from 2021-03-01 --to 2023-03-01 --rate "LPR+50bp" --basis 360

      debtcli interest --principal 100000 --from 2018-06-01 --to 2020-06-01 --rate "4×LPR" --grade y1_3

      debtcli interest --principal 100000 --from 2021-03-01 --to 2023-03-01 --rate "4×LPR" --lpr-on 2020-05-20

      debtcli interest --principal 250000 --from 2024-01-10 --to 2024-07-10 --rate "0.0175%/day" --counting both

      debtcli interest --principal 100000 --from 2026-01-01 --to 2026-12-01 --rate "4×LPR" --lpr 2026-10-20=3.00 --lpr 2026-11-20=3.00
    """
    from decimal import Decimal

    from debtcli.model.money import MINOR_UNITS, ParseError, parse_amount
    from debtcli.model.records import InputError
    from debtcli.report.interest import interest_run, with_supplied_fixings
    from debtcli.report.jsonout import to_json
    from debtcli.rules.lpr import load_lpr_table
    from debtcli.terms.loader import parse_date, parse_rate_spec

    problems = []
    amount = spec = None
    try:
        amount = parse_amount(principal)
    except ParseError as exc:
        problems.append(f"--principal: {exc}")
    try:
        spec = parse_rate_spec(rate)
    except ParseError as exc:
        problems.append(f"--rate: {exc}")
    supplied = {}
    for item in lpr or []:
        day, sep, pct = item.partition("=")
        try:
            if not sep:
                raise ParseError("expected DATE=PERCENT")
            value = parse_amount(pct.strip().rstrip("%"))
            if not Decimal(0) < value < Decimal(100):
                raise ParseError(f"{pct!r} is not a plausible LPR in percent")
            supplied[parse_date(day)] = value / 100
        except ParseError as exc:
            problems.append(f"--lpr {item}: {exc} (write e.g. --lpr 2026-10-20=3.00)")
    if currency.upper() not in MINOR_UNITS:
        problems.append(f"--currency: {currency!r} is not a known currency ({', '.join(MINOR_UNITS)})")
    if problems:
        fail_input(problems)
    start = parse_date_option(from_, "--from")
    end = parse_date_option(to, "--to")
    held_on = parse_date_option(lpr_on, "--lpr-on")
    fixings = with_supplied_fixings(load_lpr_table(), supplied)
    try:
        run = interest_run(amount, start, end, spec, int(basis.value), counting.value, fixings, currency.upper(),
                           grade.value if grade else None, lpr_on=held_on)
    except InputError as exc:
        fail_input([str(i) for i in exc.issues], hint=f"{len(exc.issues)} problem(s); nothing was computed.")
    language = lang.value if lang else "zh"  # the court's form is Chinese unless --lang en
    if format == TableOrJson.json:
        print_json(to_json(run, language))
        return
    _print_table(run, language)


def _print_table(run, lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape

    from debtcli.model.money import fmt_grouped
    from debtcli.messages import say
    from debtcli.report.interest import court_line_en, court_line_zh

    con = Console(highlight=False, soft_wrap=True)
    p = run.places
    line = court_line_zh if lang == "zh" else court_line_en
    for i, s in enumerate(run.segments, 1):
        con.print(f"{i}. {escape(line(run, s))}")
    if lang == "zh":
        con.print(f"合计 {run.days} 天，利息 {fmt_grouped(run.total, p)} 元（{run.currency}）")
    else:
        con.print(f"Total: {run.days} days, interest {fmt_grouped(run.total, p)} {run.currency}")
    if lang == "zh":
        if run.segments_sum != run.total:
            con.print(f"舍入：各段金额相加为 {fmt_grouped(run.segments_sum, p)}；合计对未舍入的总和 {run.raw_total} 只舍入一次")
        counting = "算头不算尾" if run.counting == "start" else "算头算尾"
        con.print(f"计算口径：实际天数 ÷ {run.basis}；{counting}；四舍五入至小数点后 {p} 位")
        for n in run.notes:
            con.print(f"说明：{escape(say(n, 'zh'))}")
        return
    if run.segments_sum != run.total:
        con.print(f"rounding: the segment lines add up to {fmt_grouped(run.segments_sum, p)}; the total rounds the "
                  f"exact sum {run.raw_total} once")
    counting = "start day only (算头不算尾)" if run.counting == "start" else "both ends (算头算尾)"
    con.print(f"conventions: actual days / {run.basis}; counting {counting}; half_up to {p} places")
    for n in run.notes:
        con.print(f"note: {escape(say(n, 'en'))}")
