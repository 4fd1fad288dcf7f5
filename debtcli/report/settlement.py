"""Settling a debt: the payoff quote with its per-diem, waiver scenarios, payment plans, and the
findings about waivers and plans. Every figure comes from the one replay (through ``build_report``);
this module only compares and subtracts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from debtcli.messages import finding_message, value_text
from debtcli.model.findings import Finding, text
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import HUNDRED, ZERO, ParseError, fmt, fmt_grouped, parse_amount, round_money
from debtcli.model.records import COMPONENT_NAMES_EN, COMPONENTS, SourceRef

WAIVER_UNAPPROVED = "WAIVER_UNAPPROVED"
PLAN_INSTALLMENT_MISSED = "PLAN_INSTALLMENT_MISSED"
KEYS = COMPONENTS + ("total",)


# ---------------------------------------------------------------------- findings


def waiver_findings(terms) -> list[Finding]:
    """``WAIVER_UNAPPROVED`` for each waiver event that does not say who approved it and where."""
    out = []
    for e in terms.events:
        if e.type != "waiver" or (e.approved_by and e.approval_ref):
            continue
        missing = [k for k, v in (("approved_by", e.approved_by), ("approval_ref", e.approval_ref)) if not v]
        comp = e.component
        out.append(Finding(
            WAIVER_UNAPPROVED, "warning", comp, e.amount or ZERO,
            {"amount": e.amount or ZERO, "component": comp, "date": e.date, "missing": tuple(missing)},
            (text("basis.waiver_approval"),), (SourceRef("case.toml", column=f"event[{e.index}]"),),
            {"date": e.date, "missing": ", ".join(missing)}))
    return out


def plan_findings(result, places: int) -> list[Finding]:
    """``PLAN_INSTALLMENT_MISSED`` for each plan installment paid late or still unpaid after its due
    date (and grace), with the installment number and the days late."""
    out = []
    for plan in getattr(result, "plans", ()):
        r = plan.restructure
        for row in plan.installments:
            if row.status == "late" and row.days_late <= 0:
                continue
            if row.status == "unpaid" and row.days_late <= plan.grace_days:
                continue
            if row.status not in ("late", "unpaid"):
                continue
            unpaid = row.total - row.paid if row.status == "unpaid" else ZERO
            out.append(Finding(
                PLAN_INSTALLMENT_MISSED, "warning", None, unpaid if row.status == "unpaid" else row.total,
                {"plan_date": r.date, "n": row.n, "installment_total": row.total, "due": row.due,
                 "paid_on": row.paid_on, "days_late": row.days_late, "unpaid": unpaid, "as_of": result.as_of},
                (text("basis.payment_plan", date=r.date),), (SourceRef("case.toml", column=f"event[{r.index}]"),),
                {"installment": row.n, "due": row.due, "paid_on": row.paid_on, "days_late": row.days_late,
                 "installment_total": row.total, "paid": row.paid}, variant=row.status))
    return out


def after_plan_findings(ledger, result, places: int) -> list[Finding]:
    """A charge the creditor posted after a payment plan replaced the schedule, which the plan does
    not provide: interest at a 0% plan, and any 违约金, fee, cost or default interest (the plan
    provides none of them). Interest of a plan with a rate is left to the ledger comparison."""
    from debtcli.model.findings import UNAUTHORIZED_CHARGE
    from debtcli.model.records import CHARGE_COMPONENT

    plans = getattr(result, "plans", ())
    if not plans:
        return []
    out = []
    for row in ledger:
        comp = CHARGE_COMPONENT.get(row.type)
        in_force = [p for p in plans if p.restructure.date < row.date]
        if comp is None or not in_force or row.amount <= 0:
            continue
        r = in_force[-1].restructure
        if comp == "interest" and r.rate > 0:
            continue
        out.append(Finding(
            UNAUTHORIZED_CHARGE, "error", comp, row.amount,
            {"type": row.type, "component": comp, "charged": row.amount, "date": row.date, "plan_date": r.date,
             "installments": r.installments, "rate": r.rate_text},
            (text("basis.payment_plan", date=r.date),), (row.source,), {"date": row.date, "plan": r.date},
            variant="after_plan"))
    return out


PLAN_INTEREST = ("interest", "default_interest", "compound_interest")


def plan_interest_findings(ledger, result, places: int, tolerance: Decimal | None = None) -> list[Finding]:
    """Interest the ledger posts under a payment plan with a rate, checked against what the plan
    allows (a card account's ledger is not otherwise compared after a plan replaced its cycles; a
    loan's is, posting by posting, in ``reconcile.ledger``).

    Postings are taken in date order and added up from the plan's date. What the plan allows by a
    posting dated D is the interest the replay of the plan charges up to the first plan due date on
    or after D (the installment a statement before its due date bills), overdue interest at the
    plan rate included. A posting that takes the running total above that is ``POSTING_MISMATCH``
    for the part above, once (later postings are measured from the total already found)."""
    plans = getattr(result, "plans", ())
    if not plans or getattr(result, "card", None) is None:
        return []
    from debtcli.model.findings import POSTING_MISMATCH
    from debtcli.model.records import CHARGE_COMPONENT

    tolerance = tolerance if tolerance is not None else Decimal(1).scaleb(-places)
    out = []
    for k, plan in enumerate(plans):
        r = plan.restructure
        if r.rate <= 0:
            continue  # a 0% plan allows none: after_plan_findings
        end = plans[k + 1].restructure.date if k + 1 < len(plans) else result.as_of
        rows = sorted((row for row in ledger if CHARGE_COMPONENT.get(row.type) in PLAN_INTEREST
                       and r.date < row.date <= min(end, result.as_of) and row.amount > 0), key=lambda x: x.date)
        replayed = [(p.date, p.amount) for p in result.postings
                    if p.component in PLAN_INTEREST and r.date < p.date <= end]
        posted = found = ZERO
        for row in rows:
            posted += row.amount
            upto = next((d for d in plan.due_dates if d >= row.date), end)
            allowed = sum((a for d, a in replayed if d <= upto), ZERO)
            above = posted - allowed - found
            if above <= tolerance:
                continue
            found += above
            out.append(Finding(
                POSTING_MISMATCH, "error", CHARGE_COMPONENT[row.type], above,
                {"date": row.date, "row": row.source.row if row.source else None, "posted": row.amount,
                 "posted_total": posted, "allowed": allowed, "through": upto, "plan_date": r.date,
                 "installments": r.installments, "rate": r.rate_text, "difference": above},
                (text("basis.payment_plan", date=r.date),), (row.source,) if row.source else (),
                {"ledger_total": posted, "plan_allows": allowed, "through": upto, "plan": r.date},
                variant="plan"))
    return out


def settlement_findings(terms, contract_result, places: int, ledger=()) -> list[Finding]:
    tolerance = terms.reconcile.get("tolerance") if getattr(terms, "reconcile", None) else None
    return (waiver_findings(terms) + plan_findings(contract_result, places)
            + after_plan_findings(ledger, contract_result, places)
            + plan_interest_findings(ledger, contract_result, places, tolerance))


def plan_to_dict(plan, places: int) -> dict:
    """A ``report.model.PlanSection`` as JSON."""
    return {
        "date": plan.date.isoformat(), "installments": plan.count, "rate": plan.rate_text,
        "first_due": plan.due_dates[0].isoformat() if plan.due_dates else None,
        "balance_before": {k: fmt(plan.balance_before.get(k, ZERO), places) for k in KEYS},
        "amount": fmt(plan.amount, places), "forgiven": fmt(plan.forgiven, places), "capped": plan.capped,
        "installment": fmt(plan.annuity, places),
        "schedule": [{"n": x.n, "due": x.due.isoformat(), "principal": fmt(x.principal, places),
                      "interest": fmt(x.interest, places), "total": fmt(x.total, places),
                      "paid": fmt(x.paid, places), "paid_on": x.paid_on.isoformat() if x.paid_on else None,
                      "days_late": x.days_late, "status": x.status} for x in plan.installments],
    }


def plans_to_dict(result, places: int) -> list[dict]:
    return [plan_to_dict(p, places) for p in getattr(result, "plans", ())]


# ---------------------------------------------------------------------- waiver scenarios


@dataclass(frozen=True)
class WaiverAsk:
    component: str
    text: str  # as written: "100%" or "1200.00"
    percent: Decimal | None  # fraction
    amount: Decimal | None


def parse_waivers(items: list[str]) -> tuple[list[WaiverAsk], list[str]]:
    """``penalties=100%``, ``interest=50%``, ``default_interest=1200.00``: (asks, problems)."""
    asks, problems, seen = [], [], set()
    for item in items:
        comp, sep, value = (x.strip() for x in item.partition("="))
        if not sep or comp not in COMPONENTS:
            problems.append(f"--waive {item}: expected COMPONENT=PERCENT% or COMPONENT=AMOUNT, the component one of "
                            f"{', '.join(COMPONENTS)}")
            continue
        if comp in seen:
            problems.append(f"--waive {item}: {comp} is waived twice")
            continue
        seen.add(comp)
        try:
            if value.endswith("%"):
                pct = parse_amount(value[:-1]) / HUNDRED
                if not ZERO < pct <= 1:
                    raise ParseError(f"{value!r} is not a percentage above 0% and at most 100%")
                asks.append(WaiverAsk(comp, value, pct, None))
            else:
                amount = parse_amount(value)
                if amount <= 0:
                    raise ParseError(f"{value!r} is not an amount above zero")
                asks.append(WaiverAsk(comp, value, None, amount))
        except ParseError as exc:
            problems.append(f"--waive {item}: {exc}")
    return asks, problems


def apply_waivers(lawful: dict, asks: list[WaiverAsk], places: int, rounding: str = "half_up"
                  ) -> tuple[dict, dict, list[str]]:
    """(waived, after, problems). A percentage is of the lawful figure of that component, rounded
    half-up to the minor unit; an amount may not exceed it."""
    waived = {c: ZERO for c in COMPONENTS}
    problems = []
    for a in asks:
        base = lawful[a.component]
        if a.percent is not None:
            waived[a.component] = round_money(base * a.percent, rounding, places)
        elif a.amount > base:
            name = COMPONENT_NAMES_EN[a.component].lower()
            problems.append(f"--waive {a.component}={a.text}: more than the lawful {name}"
                            f" of {fmt_grouped(base, places)}")
        else:
            waived[a.component] = a.amount
    waived["total"] = sum((waived[c] for c in COMPONENTS), ZERO)
    after = {c: lawful[c] - waived[c] for c in COMPONENTS}
    after["total"] = sum((after[c] for c in COMPONENTS), ZERO)
    return waived, after, problems


# ---------------------------------------------------------------------- the quote


@dataclass(frozen=True)
class PlanProposal:
    amount: Decimal
    installments: int
    first_due: date
    rate_text: str
    installment: Decimal  # the level installment (the last takes what remains)
    rows: tuple  # InstallmentRow of the replayed plan
    total: Decimal  # sum of all installments


@dataclass(frozen=True)
class Quote:
    case_id: str
    on: date
    currency: str
    places: int
    rules: str
    contractual: dict
    lawful: dict
    per_diem_contractual: dict  # component -> exact amount one more day adds
    per_diem_lawful: dict
    next_day_lawful: dict  # the lawful balance one day later, from the replay
    asks: tuple[WaiverAsk, ...]
    waived: dict
    after: dict  # lawful - waived: the settlement figure
    plan: PlanProposal | None
    report: object  # the Report of the verification on the date
    conventions: dict

    @property
    def settle_amount(self) -> Decimal:
        return self.after["total"]


def per_diem(result, day: date) -> dict:
    """What day ``day`` adds to each accruing component: the accrual lines of ``result`` that
    cover that day, each line's amount divided by its days (exact, unrounded)."""
    out = {c: ZERO for c in COMPONENTS}
    for posting in result.postings:
        for line in posting.lines:
            if line.start <= day < line.end and line.days > 0:
                out[line.component] += line.amount / line.days
    out["total"] = sum((out[c] for c in COMPONENTS), ZERO)
    return out


def propose_plan(amount: Decimal, on: date, months: int, first: date | None, rate, terms) -> PlanProposal:
    """Equal monthly installments of ``amount`` from ``on``: the schedule is the schedule replay
    (``engine.replay.schedule_replay``) of a plan account with no payments, the same account a
    restructure event replays. As the contract's schedule, it meets every installment on its due
    date: the grace days, which let a payment come late, never change a proposed installment."""
    from debtcli.engine.account import account_from_terms
    from debtcli.engine.daycount import basis_days
    from debtcli.engine.replay import schedule_replay
    from debtcli.engine.restructure import plan_account

    base, _ = account_from_terms(terms, payments=(), until=on)
    fraction = rate.annual(basis_days(base.day_count)) if rate is not None else ZERO
    text = rate.text if rate is not None else "0%"
    acc = plan_account(base, on, amount, months, first, fraction, text)
    dues = acc.due_dates
    res = schedule_replay(acc, dues[-1])
    return PlanProposal(amount, months, dues[0], text, acc.annuity, res.installments,
                        sum((r.total for r in res.installments), ZERO))


def quote_to_dict(q: Quote) -> dict:
    p = q.places

    def amounts(d: dict) -> dict:
        return {k: fmt(d[k], p) for k in KEYS}

    def exact(d: dict) -> dict:
        return {k: fmt(d[k], p) for k in KEYS} | {"exact": {k: _exact(d[k]) for k in KEYS if d[k]}}

    out = {
        "case": q.case_id, "on": q.on.isoformat(), "currency": q.currency, "rules": q.rules,
        "contractual": amounts(q.contractual),
        "lawful": amounts(q.lawful),
        "per_diem": {"contractual": exact(q.per_diem_contractual), "lawful": exact(q.per_diem_lawful)},
        "next_day": {"date": (q.on + timedelta(days=1)).isoformat(), "lawful": amounts(q.next_day_lawful)},
        "waivers": [{"component": a.component, "asked": a.text} for a in q.asks],
        "settlement": {"before": amounts(q.lawful), "waived": amounts(q.waived), "after": amounts(q.after)},
        "settle_amount": fmt(q.settle_amount, p),
        "findings": [{"code": f.code, "severity": f.severity, "amount": fmt(f.amount, p), "message": finding_message(f, "en", p)}
                     for f in q.report.findings],
        "conventions": {k: value_text(v, "en") for k, v in q.conventions.items()},
    }
    if q.plan is not None:
        out["plan"] = {
            "amount": fmt(q.plan.amount, p), "installments": q.plan.installments,
            "first_due": q.plan.first_due.isoformat(), "rate": q.plan.rate_text,
            "installment": fmt(q.plan.installment, p), "total": fmt(q.plan.total, p),
            "schedule": [{"n": r.n, "due": r.due.isoformat(), "principal": fmt(r.principal, p),
                          "interest": fmt(r.interest, p), "total": fmt(r.total, p), "balance": fmt(r.balance, p)}
                         for r in q.plan.rows],
        }
    plans = plans_to_dict(q.report, p)
    if plans:
        out["plans_in_force"] = plans
    return out


def _exact(x: Decimal) -> str:
    s = f"{x.quantize(Decimal('1e-10')).normalize():f}"
    return s

