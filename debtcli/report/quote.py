"""A settlement quote on a date: the verification on that day and the next (for the per-diem), the
waivers asked for and a payment plan. Apart from ``report.settlement`` (the quote's parts and the
settlement findings), which the verification itself uses."""

from __future__ import annotations

from datetime import date, timedelta

from debtcli.report.build import build_report
from debtcli.report.settlement import Quote, WaiverAsk, apply_waivers, propose_plan


def build_quote(case, on: date, rules: str | None, asks: list[WaiverAsk], plan_months: int | None = None,
                plan_first: date | None = None, plan_rate=None) -> tuple[Quote, list[str]]:
    """The settle-on-date figures. Raises ``InputError`` for input the rule pack cannot trust;
    returns problems (text) for waivers that cannot apply."""
    demand = case.terms.demand
    # a demand is compared only on its own date: a quote on another day leaves it out
    compare = demand is not None and demand.as_of == on
    report = build_report(case, on, rules, compare=compare)
    tomorrow = build_report(case, on + timedelta(days=1), rules, compare=False)
    places = report.places
    waived, after, problems = apply_waivers(report.lawful, asks, places, case.terms.contract.rounding)
    plan = None
    if plan_months is not None and not problems:
        plan = propose_plan(after["total"], on, plan_months, plan_first, plan_rate, case.terms)
    quote = Quote(
        case.terms.case.id, on, report.currency, places, f"{report.rules_pack} {report.rules_version}",
        dict(report.contractual), dict(report.lawful),
        tomorrow.per_diem["contractual"], tomorrow.per_diem["lawful"], dict(tomorrow.lawful),
        tuple(asks), waived, after, plan, report, dict(report.conventions))
    return quote, problems
