"""The itemised statement (明细表) as a format-free document: sections of paragraphs, key-value
lists and tables of already formatted text, built from a ``Report`` in one language.

The PDF, HTML and Markdown writers lay this document out; the XLSX writer uses the same groups
of computation lines but writes live formulas. Every figure comes from the Report.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from debtcli.messages import basis_text, finding_basis, finding_message, name, say, value_text
from debtcli.messages.problems import problem_text
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import ZERO
from debtcli.model.records import COMPONENTS
from debtcli.render.document import KeyValues, Paragraph, Row, Section, Signature, Statement, Table
from debtcli.render.offer import plan_sections
from debtcli.render.i18n import card_terms_pairs, component_name, court_form, date_text, money, percent, posting_title, \
    rate_words, words
from debtcli.report.model import KEYS, ComputationLine, Report

# ---------------------------------------------------------------------- computation groups


@dataclass(frozen=True)
class ComputationGroup:
    """The lines that add up to one posted amount (an installment's interest, accrued default
    interest ...), the posted amount, and the rounding difference between the two."""

    title: str
    component: str
    posted_on: date | None
    lines: tuple[ComputationLine, ...]
    posted: Decimal | None  # None: the lines are not tied to a posting

    @property
    def lines_total(self) -> Decimal:
        return sum((ln.amount for ln in self.lines), ZERO)

    @property
    def raw_total(self) -> Decimal:
        return sum((ln.raw for ln in self.lines), ZERO)

    @property
    def difference(self) -> Decimal:
        return ZERO if self.posted is None else self.posted - self.lines_total


def computation_groups(report: Report, lang: str) -> tuple[ComputationGroup, ...]:
    order: list = []
    lines: dict = {}
    for ln in report.computation:
        key = (ln.run, ln.posting) if ln.posting is not None else (ln.run, "line", len(order))
        if key not in lines:
            order.append(key)
            lines[key] = []
        lines[key].append(ln)
    out = []
    postings = {(p.run, p.index): p for p in report.postings}
    for key in order:
        group = tuple(lines[key])
        first = group[0]
        posting = postings.get((first.run, first.posting)) if first.posting is not None else None
        if posting is None:
            title = f"{date_text(first.start, lang)} {component_name(first.component, lang)}"
            out.append(ComputationGroup(title, first.component, None, group, None))
        else:
            out.append(ComputationGroup(posting_title(posting, lang), posting.component, posting.date, group,
                                        posting.amount))
    return tuple(out)


# ---------------------------------------------------------------------- sections


def _case_section(r: Report, lang: str) -> Section:
    w = words(lang)
    t, c = r.terms, r.terms.contract
    pairs = [
        (w["lender"], t.case.lender or "—"),
        (w["borrower"], t.case.borrower or "—"),
        (w["signed"], date_text(c.signed, lang)),
    ]
    if c.card is not None:  # a card's own terms; a card has no contract principal or repayment method
        pairs += card_terms_pairs(c, lang, r.places, r.currency)
    else:
        pairs += [(w["principal"], f"{money(c.principal, r.places)} {r.currency}"),
                  (w["rate"], rate_words(c.rate, lang))]
        if c.default_rate is not None:
            pairs.append((w["default_rate"], rate_words(c.default_rate, lang)))
        pairs.append((w["method"], w["method_names"].get(c.method, c.method)))
        if c.term_months:
            pairs.append((w["term"], w["term_months"].format(n=c.term_months)))
    pairs += [
        (w["as_of"], date_text(r.as_of, lang)),
        (w["currency"], r.currency),
        (w["rules"], f"{r.rules_pack} {r.rules_version}"),
    ]
    if t.case.filed:
        pairs.append((w["filed"], date_text(t.case.filed, lang)))
    if t.demand is not None and t.demand.document:
        pairs.append((w["demand_document"], t.demand.document))
    return Section("case", w["case_section"], (KeyValues(tuple(pairs)),))


def _verdict(r: Report, lang: str) -> str:
    w = words(lang)
    if r.verdict == "no_demand":
        return w["verdict_no_demand"]
    demanded, lawful = r.demanded["total"], r.lawful["total"]
    key = "verdict_above" if r.verdict == "above_lawful" else "verdict_within"
    return w[key].format(demanded=money(demanded, r.places), lawful=money(lawful, r.places),
                         over=money(demanded - lawful, r.places), ccy=r.currency)


def _summary_section(r: Report, lang: str) -> Section:
    w = words(lang)
    rows = []
    for k in KEYS:
        demanded = r.demanded.get(k) if r.demanded else None
        rows.append(Row((component_name(k, lang), money(demanded, r.places), money(r.contractual[k], r.places),
                         money(r.lawful[k], r.places), money(r.excess.get(k), r.places)),
                        "total" if k == "total" else ""))
    if r.credit_contractual > 0 or r.credit_lawful > 0:
        rows.append(Row((w["credit_row"], "", money(r.credit_contractual, r.places), money(r.credit_lawful, r.places),
                         ""), "note"))
    table = Table((w["component"], w["demanded"], w["contractual"], w["lawful"], w["excess"]), tuple(rows),
                  "lrrrr", (1.4, 1, 1, 1, 1.2))
    blocks: list = [Paragraph(_verdict(r, lang), "verdict")]
    if r.credit_lawful > 0:
        blocks.append(Paragraph(w["verdict_credit"].format(credit=money(r.credit_lawful, r.places), ccy=r.currency),
                                "verdict"))
    blocks.append(table)
    if r.demand_source == "ledger":
        blocks.append(Paragraph(w["demand_from_ledger"], "small"))
    return Section("summary", w["summary"], tuple(blocks))


def allocation_text(alloc: dict, lang: str, places: int) -> str:
    sep = "；" if lang == "zh" else "; "
    parts = [f"{component_name(k, lang)} {money(alloc[k], places)}" for k in COMPONENTS if alloc.get(k)]
    parts += [f"{k} {money(v, places)}" for k, v in sorted(alloc.items()) if k not in COMPONENTS and v]
    return sep.join(parts) or "—"


def _payments_section(r: Report, lang: str) -> Section:
    w = words(lang)
    if not r.payments:
        return Section("payments", w["payments"], (Paragraph(w["no_payments"]),))
    rows = [Row((date_text(p.date, lang), money(p.amount, r.places), p.reference or "—",
                 w["status"].get(p.status, p.status), allocation_text(p.contractual, lang, r.places),
                 allocation_text(p.lawful, lang, r.places))) for p in r.payments]
    rows.append(Row((w["payments_total"], money(r.payments_total, r.places), "", "", "", ""), "total"))
    table = Table((w["pay_date"], w["pay_amount"], w["pay_ref"], w["pay_status"], w["allocation_contract"],
                   w["allocation_lawful"]), tuple(rows), "lrllll", (1.1, 0.9, 1.3, 0.7, 1.9, 1.9))
    return Section("payments", w["payments"], (Paragraph(w["payments_intro"], "small"), table))


def _computation_section(r: Report, lang: str) -> Section:
    w = words(lang)
    groups = computation_groups(r, lang)
    if not groups:
        return Section("computation", w["computation"], (Paragraph(w["no_computation"]),))
    counting = r.terms.contract.counting
    rows: list[Row] = []
    n = 0
    for g in groups:
        rows.append(Row(("", g.title, ""), "group"))
        for ln in g.lines:
            n += 1
            rows.append(Row((str(n), court_form(ln, lang, r.places, r.currency, counting), money(ln.amount, r.places))))
        if g.difference:
            rows.append(Row(("", w["rounding_difference"], money(g.difference, r.places)), "note"))
        if g.posted is not None and (len(g.lines) > 1 or g.difference):
            rows.append(Row(("", w["posted"], money(g.posted, r.places)), "total"))
    table = Table((w["line_no"], w["line_text"], w["line_amount"]), tuple(rows), "rlr", (0.35, 6, 1))
    return Section("computation", w["computation"], (Paragraph(w["computation_intro"], "small"), table))


def _cycles_section(r: Report, lang: str) -> Section | None:
    cycles = r.card.cycles if r.card is not None else ()
    if not cycles:
        return None
    w = words(lang)
    rows = []
    for c in cycles:
        rows.append(Row((date_text(c.statement_date, lang), date_text(c.due_date, lang),
                         *(money(getattr(c, k), r.places) for k in ("opening", "new_transactions", "payments",
                                                                     "interest", "penalties", "closing",
                                                                     "minimum_payment")),
                         str(c.days_past_due), str(c.bucket))))
    table = Table(tuple(w["cycle_cols"]), tuple(rows), "llrrrrrrrrl", (1.3, 1.3, 1, 1, 1, 0.9, 0.9, 1, 1, 0.7, 0.7))
    return Section("cycles", w["cycles"], (table,))


def evidence_text(f, limit: int = 8, lang: str = "en") -> str:
    ev = ("、" if lang == "zh" else ", ").join(e.where(lang) for e in f.evidence[:limit])
    return ev + (" …" if len(f.evidence) > limit else "")


def _findings_section(r: Report, lang: str) -> Section:
    w = words(lang)
    if not r.findings:
        return Section("findings", w["findings"], (Paragraph(w["no_findings"]),))
    rows = []
    for i, f in enumerate(r.findings, 1):
        detail = finding_message(f, lang, r.places)
        if f.basis:
            detail += f"\n{w['finding_basis']}: {finding_basis(f, lang, r.places)}"
        if f.evidence:
            detail += f"\n{w['finding_evidence']}: {evidence_text(f, lang=lang)}"
        rows.append(Row((str(i), f"{f.code}\n{w['severity'].get(f.severity, f.severity)}",
                         component_name(f.component, lang) if f.component else "—", money(f.amount, r.places),
                         detail)))
    table = Table(("#", w["finding_code"], w["component"], w["finding_amount"], w["finding_message"]), tuple(rows),
                  "rllrl", (0.3, 2.95, 0.95, 0.9, 3.1))  # room for CN.COMPREHENSIVE_COST_ABOVE_CAP
    return Section("findings", w["findings"], (table,))


def _limitation_section(r: Report, lang: str) -> Section:
    w = words(lang)
    lim = r.limitation
    if lim is None:
        return Section("limitation", w["limitation"], (Paragraph(w["limitation_none"]),))
    pairs = [(w["limitation_starts"], date_text(lim.starts, lang)),
             (w["limitation_expires"], date_text(lim.expires, lang)),
             (w["limitation_status"], w["limitation_expired"] if lim.expired else w["limitation_running"])]
    if lim.interruptions:
        sep = "；" if lang == "zh" else "; "
        pairs.append((w["limitation_interruptions"],
                      sep.join(f"{date_text(d, lang)} {name('event', e, lang)}" for d, e in lim.interruptions)))
    if lim.basis:
        pairs.append((w["limitation_basis"], basis_text(lim.basis, lang)))
    blocks: list = [KeyValues(tuple(pairs))]
    if lim.starts is not None:
        blocks.append(Paragraph(say("limitation.note", lang, starts=lim.starts, expires=lim.expires,
                                    checked_on=lim.checked_on, rule=lim.rule,
                                    last=lim.interruptions[-1] if lim.interruptions else None), "small"))
    return Section("limitation", w["limitation"], tuple(blocks))


def _annual_cost_section(r: Report, lang: str) -> Section | None:
    """The real annualised cost (``apr``, ``apr_effective``, ``apr_actual``) with the cash flows it comes from."""
    cost = r.annual_cost
    if cost is None:
        return None
    w = words(lang)

    def pct(v):
        return w["apr_none"] if v is None else f"{v:.2f}%"

    pairs = ((w["apr"], pct(cost.apr)), (w["apr_effective"], pct(cost.apr_effective)),
             (w["apr_actual"], pct(cost.apr_actual)))
    kinds = w["flow_kinds"]

    def table(flows) -> Table:
        rows = tuple(Row((f"{f.period.quantize(Decimal('0.0001')).normalize():f}", date_text(f.date, lang),
                          kinds[f.what].format(n=f.n, name=f.name), money(f.amount, r.places))) for f in flows)
        return Table((w["flow_period"], w["flow_date"], w["flow_what"], w["flow_amount"]), rows, "rllr",
                     (0.8, 1.4, 2.6, 1.4))

    blocks: list = [KeyValues(pairs), Paragraph(w["apr_intro"], "small"), table(cost.flows)]
    if cost.actual_flows:
        blocks += [Paragraph(w["apr_actual_intro"], "small"), table(cost.actual_flows)]
    return Section("annual_cost", w["annual_cost"], tuple(blocks))


def _conventions_section(r: Report, lang: str) -> Section:
    w = words(lang)
    names = w["convention_names"]
    pairs = tuple((names.get(k, k), value_text(v, lang, r.places)) for k, v in r.conventions.items())
    return Section("conventions", w["conventions"], (KeyValues(pairs),))


def _evidence_section(r: Report, lang: str) -> Section:
    w = words(lang)
    if r.not_applied:  # rows read but not applied: the counts say so, beside used and rejected
        rows = tuple(Row((i.file, str(i.rows - r.not_applied_in(i.file)), str(i.rejected),
                          str(r.not_applied_in(i.file)), i.sha256)) for i in r.inputs)
        blocks: list = [Table((w["file"], w["rows_used"], w["rows_rejected"], w["not_applied_count"], w["sha256"]),
                              rows, "lrrrl", (1.4, 0.7, 0.7, 0.7, 3.9), mono=(4,))]
    else:
        rows = tuple(Row((i.file, str(i.rows), str(i.rejected), i.sha256)) for i in r.inputs)
        blocks = [Table((w["file"], w["rows_used"], w["rows_rejected"], w["sha256"]), rows, "lrrl",
                        (1.6, 0.8, 0.8, 4.2), mono=(3,))]
    if r.rejected:
        rej = tuple(Row((x.source.where(lang), problem_text(x.reason, lang, whole=False), x.source.raw or ""))
                    for x in r.rejected)
        blocks.append(Paragraph(w["rejected_rows"], "heading"))
        blocks.append(Table((w["where"], w["reason"], w["raw"]), rej, "lll", (1.6, 2.6, 2.6)))
    elif not r.not_applied:
        blocks.append(Paragraph(w["no_rejected"], "small"))
    if r.not_applied:
        late = tuple(Row((x.record.source.where(), date_text(x.record.date, lang),
                          money(x.record.amount, r.places), x.record.reference)) for x in r.not_applied)
        blocks.append(Paragraph(w["not_applied"], "heading"))
        blocks.append(Table((w["where"], w["pay_date"], w["pay_amount"], w["pay_ref"]), late, "llrl",
                            (1.8, 1.2, 1.4, 2.4)))
    if r.ignored:
        blocks.append(Paragraph(w["ignored_files"], "heading"))
        blocks.append(Table((w["file"], w["ignored_why"]), tuple(Row((name, problem_text(why, lang, whole=False))) for name, why in r.ignored), "ll",
                            (1.6, 5.2)))
    if r.notes:
        blocks.append(Paragraph(w["notes"], "heading"))
        blocks += [Paragraph(problem_text(n, lang), "small") for n in r.notes]
    return Section("evidence", w["evidence"], tuple(blocks))


def _closing_sections(r: Report, lang: str) -> tuple[Section, ...]:
    w = words(lang)
    tool = Section("tool", w["tool"], (Paragraph(w["tool_text"].format(version=r.tool_version,
                                                                          as_of=date_text(r.as_of, lang))),))
    sign = Section("signature", w["signature"], (Signature((w["prepared_by"], w["checked_by"], w["sign_date"])),))
    disclaimer = Section("disclaimer", w["disclaimer_title"], (Paragraph(w["disclaimer"], "small"),))
    return tool, sign, disclaimer


def build_statement(report: Report, lang: str) -> Statement:
    """The statement's content, in the order the statement prints it."""
    w = words(lang)
    sections = [_case_section(report, lang), _summary_section(report, lang)]
    cycles = _cycles_section(report, lang)
    if cycles is not None:
        sections.append(cycles)
    if report.plans:
        sections += plan_sections(report, lang)
    sections += [_payments_section(report, lang), _computation_section(report, lang),
                 _findings_section(report, lang)]
    cost = _annual_cost_section(report, lang)
    if cost is not None:
        sections.append(cost)
    sections += [_limitation_section(report, lang),
                 _conventions_section(report, lang), _evidence_section(report, lang)]
    sections += _closing_sections(report, lang)
    subtitle = f"{w['reference']}: {report.terms.case.reference or report.terms.case.id}   " \
               f"{w['as_of']}: {date_text(report.as_of, lang)}"
    return Statement(lang, w["title"], subtitle, tuple(sections), report.as_of, report.terms.case.id, w["page"])


__all__ = ["build_statement", "computation_groups", "percent"]
