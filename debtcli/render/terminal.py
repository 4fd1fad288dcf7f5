"""The terminal view of a Report: what a complaint handler reads first.

A verdict line, the component table, the findings with their basis, the payments, and the
conventions used. Presentation only: every figure comes from the Report.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape as _markup_escape
from rich.table import Table

from debtcli.messages import finding_basis, finding_message, value_text, word_table
from debtcli.messages.problems import problem_text
from debtcli.model.money import fmt_grouped
from debtcli.model.records import COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH
from debtcli.render.i18n import words as statement_words
from debtcli.report.model import KEYS, Report


def print_report(r: Report, console: Console | None = None) -> None:
    con = console or Console()
    t = word_table("terminal", r.language)
    names = COMPONENT_NAMES_ZH if r.language == "zh" else COMPONENT_NAMES_EN
    p = r.places

    def money(v):
        return "—" if v is None else fmt_grouped(v, p)

    over = (r.demanded["total"] - r.lawful["total"]) if r.verdict == "above_lawful" else None
    style = {"above_lawful": "bold red", "within_lawful": "bold green", "no_demand": "bold"}[r.verdict]
    key = {"above_lawful": "above", "within_lawful": "within", "no_demand": "no_demand"}[r.verdict]
    demanded_total = r.demanded.get("total") if r.demanded else None
    con.print(t[key].format(over=money(over), demanded=money(demanded_total), lawful=money(r.lawful["total"]),
                            ccy=r.currency), style=style, highlight=False)
    if r.credit_lawful > 0:
        con.print(t["credit"].format(credit=money(r.credit_lawful), ccy=r.currency), style="bold", highlight=False)
    con.print(t["title"].format(case=safe(r.terms.case.id), as_of=r.as_of, pack=f"{r.rules_pack} {r.rules_version}"),
              highlight=False)

    table = Table(show_lines=False)
    for col in ("component", "demanded", "contractual", "lawful", "excess"):
        table.add_column(t[col], justify="left" if col == "component" else "right")
    for k in KEYS:
        d = r.demanded.get(k) if r.demanded else None
        ex = r.excess.get(k)
        ex_text = money(ex)
        if ex is not None and ex > 0:
            ex_text = f"[red]{ex_text}[/red]"
        table.add_row(names[k], money(d), money(r.contractual[k]), money(r.lawful[k]), ex_text,
                      style="bold" if k == "total" else None)
    if r.credit_contractual > 0 or r.credit_lawful > 0:
        table.add_row(t["credit_row"], "", money(r.credit_contractual), money(r.credit_lawful), "")
    con.print(table)

    con.print(f"[bold]{t['findings']}[/bold] ({len(r.findings)})")
    if not r.findings:
        con.print(f"  {t['none']}")
    colour = {"error": "red", "warning": "yellow", "info": "cyan"}
    for f in r.findings:
        amount = fmt_grouped(f.amount, p)
        label = t["severity"].get(f.severity, f.severity.upper())
        what = names.get(f.component, f.component) if f.component else ""  # a payment's finding names none
        con.print(f"  [{colour.get(f.severity, 'white')}]{label:7}[/] {f.code}  "
                  f"{what + ' ' if what else ''}{amount}", highlight=False)
        con.print(f"          {safe(finding_message(f, r.language, p))}", highlight=False)
        con.print(f"          {t['basis']}: {safe(finding_basis(f, r.language, p))}", highlight=False, style="dim")
        if f.evidence:
            ev = ", ".join(e.where(r.language) for e in f.evidence[:6]) + (" ..." if len(f.evidence) > 6 else "")
            con.print(f"          {t['evidence']}: {safe(ev)}", highlight=False, style="dim")

    if r.payments:
        pt = Table(title=t["payments"], title_justify="left")
        for col in ("date", "amount", "status"):
            pt.add_column(t[col], justify="right" if col == "amount" else "left")
        pt.add_column(t["contractual"], overflow="fold")
        pt.add_column(t["lawful"], overflow="fold")
        for line in r.payments:
            pt.add_row(line.date.isoformat(), fmt_grouped(line.amount, p),
                       safe(statement_words(r.language)["status"].get(line.status, line.status)),
                       _alloc_text(line.contractual, names, p), _alloc_text(line.lawful, names, p))
        con.print(pt)

    cost = r.annual_cost
    if cost is not None:
        def pct(v):
            return t["apr_none"] if v is None else f"{v:.2f}%"

        con.print(t["apr"].format(apr=pct(cost.apr), eff=pct(cost.apr_effective), actual=pct(cost.apr_actual)),
                  highlight=False)
    if r.limitation is not None:
        con.print(f"[bold]{t['limitation']}[/bold]: {_limitation_text(r.limitation, t)}", highlight=False)
    if r.notes:
        con.print(f"[bold]{t['notes']}[/bold]")
        for n in r.notes:
            con.print(f"  {safe(problem_text(n, r.language))}", highlight=False)
    if r.not_applied:
        con.print(f"[bold]{safe(statement_words(r.language)['not_applied'])}[/bold] ({len(r.not_applied)})")
        for x in r.not_applied[:20]:
            con.print(f"  {safe(x.record.source.where(r.language))}: {x.record.date.isoformat()} "
                      f"{fmt_grouped(x.record.amount, p)} {safe(x.record.reference)}", highlight=False)
    if r.rejected:
        con.print(f"[bold]{t['rejected']}[/bold] ({len(r.rejected)})")
        for x in r.rejected[:20]:
            sep = "：" if r.language == "zh" else ": "
            con.print(f"  {safe(x.source.where(r.language))}{sep}{safe(problem_text(x.reason, r.language, whole=False))}",
                      highlight=False)
    con.print(f"[bold]{t['conventions']}[/bold]")
    conv_names = statement_words(r.language)["convention_names"]
    for k, v in r.conventions.items():
        label = conv_names.get(k, k) if r.language == "zh" else k  # English keeps the stable keys
        con.print(f"  {safe(label)}: {safe(value_text(v, r.language, p))}", highlight=False)


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text) -> str:
    """Text from input files as the terminal shows it: control characters (ESC sequences that would
    move the cursor, recolour or retitle the terminal) as visible escapes, rich markup such as
    ``[/x]`` or ``[link=...]`` printed literally, never interpreted."""
    s = _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))
    return _markup_escape(s)


def _limitation_text(lim, t: dict) -> str:
    text = t["lim_runs"].format(starts=lim.starts)
    if lim.interruptions:
        day, what = lim.interruptions[-1]
        text += t["lim_restart"].format(day=day, what=t["events"].get(what, what))
    text += t["lim_end"].format(expires=lim.expires)
    return text + (t["lim_expired"] if lim.expired else t["lim_open"])


def _alloc_text(allocs: dict, names: dict, places: int) -> str:
    sep = "，" if names is COMPONENT_NAMES_ZH else ", "
    return sep.join(f"{names.get(k, k)} {fmt_grouped(v, places)}" for k, v in allocs.items() if v) or "—"
