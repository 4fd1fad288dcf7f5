"""Runs of the one engine over a loaded case: the contractual run (schedule, balance) and,
in ``verify``, the lawful run beside it."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from debtcli.engine.account import Account, account_from_terms
from debtcli.engine.replay import Replays, ReplayResult, replay, schedule_replay
from debtcli.model.lazy_dataclass import dataclass
from debtcli.terms.case import Case
from debtcli.model.records import Issue
from debtcli.reconcile.payments import PaymentMatch, match_settings, not_applied, payments_to_credit
from debtcli.report.settlement import per_diem


@dataclass(frozen=True)
class ContractRun:
    account: Account
    result: ReplayResult
    match: PaymentMatch | None
    issues: tuple[Issue, ...]


def default_as_of(case: Case) -> date:
    """The demand's date, else the last scheduled due date, else the contract date."""
    t = case.terms
    if t.demand and t.demand.as_of:
        return t.demand.as_of
    from debtcli.engine.account import due_dates_for

    dues = due_dates_for(t)
    return max(dues) if dues else t.contract.signed


def all_records(case: Case):
    return tuple(case.terms.payments) + tuple(case.payments)


def pack_allocation(terms, rules: str | None = None):
    """(pairs, basis): the order of payments a rule pack (``rules``, else the case's jurisdiction)
    applies because the contract names none, and the law behind it; (None, None) when the contract
    names an order or the pack leaves debtcli's default. The contractual run and the lawful run use
    it alike: it is how the law reads a silent contract, not a cap."""
    if terms.contract.allocation is not None:
        return None, None
    return _pack_order(rules or terms.case.jurisdiction or "none")


@lru_cache(maxsize=None)
def _pack_order(name: str):
    """``pack_allocation`` of a silent contract under pack ``name``: the same for every account."""
    from debtcli.engine.account import allocation_pairs
    from debtcli.rules.packs import allocation_default

    order, basis = allocation_default(name)
    return (allocation_pairs(tuple(order)), basis) if order else (None, None)


def case_conventions(account: Account, terms, rules: str | None = None) -> dict:
    """The conventions of a run of ``account``, the order of payments said with the law a rule pack
    (``rules``, else the case's jurisdiction) read a silent contract under."""
    from debtcli.engine.account import conventions

    return conventions(account, terms, pack_allocation(terms, rules)[1])


def contract_account(case: Case, until: date, with_payments: bool = True, rules: str | None = None):
    """(account, payment match, issues): the contract as the engine's ``Account`` with the payments
    credited up to ``until``, read under the order of payments of ``rules`` (else the case's
    jurisdiction) where the contract names none."""
    from debtcli.rules.lpr import fixings_for

    credited, match = ((), None)
    if with_payments:
        records = all_records(case)
        credited, match = payments_to_credit(case.ledger, records, case.has_ledger, bool(records),
                                             *match_settings(case.terms), as_of=until)
    fixings, fx_issues = fixings_for(case.terms.rules)
    account, issues = account_from_terms(case.terms, payments=credited, fixings=fixings, until=until,
                                         ledger=case.ledger,  # card accounts: the issuer's statement lines
                                         allocation=pack_allocation(case.terms, rules)[0])
    return account, match, fx_issues + issues


def contract_run(case: Case, as_of: date, trace: bool = True, with_payments: bool = True) -> ContractRun:
    account, match, issues = contract_account(case, as_of, with_payments)
    return ContractRun(account, replay(account, as_of, trace), match, tuple(issues))


def schedule_run(case: Case) -> ContractRun:
    """The contractual schedule: the replay with no payments and no acceleration, charge-off or
    waiver (rate changes stay), up to the last due date. Its result is for the installments: the
    charges of missed installments are not computed (``engine.replay.schedule_replay``)."""
    from dataclasses import replace

    from debtcli.engine.account import due_dates_for

    dues = due_dates_for(case.terms)
    end = max(dues) if dues else case.terms.contract.signed
    account, _, issues = contract_account(case, end, with_payments=False)
    account = replace(account, events=())
    # the installments only: what a missed installment would add (default interest, fees) is left out
    return ContractRun(account, schedule_replay(account, end), None, tuple(issues))


# ---------------------------------------------------------------------- verify


def demanded_amounts(case: Case) -> tuple[dict | None, str]:
    """What the creditor asks for: the [demand] table, else the ledger's last running balance."""
    from debtcli.model.money import ZERO
    from debtcli.model.records import COMPONENTS

    d = case.terms.demand
    if d is not None and (d.amounts or d.total is not None):
        out = {c: d.amounts.get(c) for c in COMPONENTS}
        out["total"] = d.total if d.total is not None else sum(d.amounts.values(), ZERO)
        return out, "demand"
    balances = [r for r in case.ledger if r.balance is not None]
    if balances:
        last = max(balances, key=lambda r: (r.date, r.source.row or 0))
        out = {c: None for c in COMPONENTS}
        out["total"] = last.balance
        return out, "ledger"
    return None, ""


def _payment_lines(contract_res, lawful_res, match, only_mismatched: bool = False):
    """One line per credited payment: its status against the ledger and its allocation under both
    runs. ``only_mismatched``: just the payments posted with another amount or date (all the JSON
    report prints of them)."""
    from debtcli.report.model import PaymentLine

    # a credited payment is known by its record's source, date and amount: looked up, not searched
    matched_to: dict = {}
    mismatched_to: dict = {}
    unposted = set()
    if match is not None:
        for row, rec in match.matched:
            matched_to.setdefault((rec.source, rec.date, rec.amount), row.source)
        for row, rec, _ in match.mismatched:
            mismatched_to.setdefault((rec.source, rec.date, rec.amount), row.source)
        unposted = {(rec.source, rec.date) for rec in match.unposted}
    if only_mismatched and not mismatched_to:
        return ()
    c_pay = [p for p in contract_res.payments if p.kind == "payment"]
    c_alloc = _allocations_by_payment(contract_res.payments)
    # the lawful run's allocation of the same payment record (the same object in both runs)
    l_pay = {id(p.payment): p for p in lawful_res.payments if p.kind == "payment" and p.payment is not None}
    l_alloc = c_alloc if lawful_res is contract_res else _allocations_by_payment(lawful_res.payments)
    lines = []
    for cp in c_pay:
        if only_mismatched and (cp.source, cp.date, cp.amount) not in mismatched_to:
            continue
        lp = l_pay.get(id(cp.payment)) if cp.payment is not None else None
        status, ledger_src = "recorded", None
        if match is not None:
            key = (cp.source, cp.date, cp.amount)
            if key in matched_to:
                status, ledger_src = "matched", matched_to[key]
            elif key in mismatched_to:
                # the same payment posted with another amount or date: the record is credited
                status, ledger_src = "mismatched", mismatched_to[key]
            else:
                status = "unposted" if (cp.source, cp.date) in unposted else "unverified"
        contractual = c_alloc[id(cp)]
        # the same run on both sides when the pack keeps the contract
        lawful = dict(contractual) if lp is cp else (l_alloc[id(lp)] if lp else {})
        lines.append(PaymentLine(cp.date, cp.amount, cp.reference, status, contractual, lawful, cp.source, ledger_src))
    return tuple(lines)


def _allocations_by_payment(applied) -> dict:
    """id(payment entry) -> component -> amount: what each payment paid, including what it paid later
    out of credit. Money a payment leaves in credit (paid early, or more than was due) is spent later
    (on the next due date, by a prepayment); credit is spent first in, first out, and before the cash
    of a payment that meets it, so each allocation is told to the payment whose money it was."""
    from collections import deque

    from debtcli.model.money import ZERO

    out: dict = {}
    held: deque = deque()  # [entry's dict, amount of its money still in credit], oldest first
    for ap in applied:
        if ap.kind not in ("payment", "credit"):
            continue
        own = {} if ap.kind == "payment" else None
        if own is not None:
            out[id(ap)] = own
        cash = ap.amount if own is not None else ZERO
        for a in ap.allocations:
            left = a.amount
            while left > 0 and held:
                target = held[0]
                take = min(left, target[1])
                target[0][a.component] = target[0].get(a.component, ZERO) + take
                target[1] -= take
                left -= take
                if target[1] <= 0:
                    held.popleft()
            if left > 0 and own is not None:
                own[a.component] = own.get(a.component, ZERO) + left
                cash -= left
        if own is not None and cash > 0:
            held.append([own, cash])
    return out


def _computation(result, run: str, account, pack=None):
    from debtcli.report.model import ComputationLine

    out = []
    for i, posting in enumerate(result.postings):
        if getattr(posting, "charge", None) is not None:  # 违约金 / late fee: which installment, base, rate
            basis = pack.legal_basis(posting.component) if pack is not None else "contract"
            out.append(ComputationLine.from_charge(run, posting, account.places, basis, index=i))
        for line in posting.lines:
            basis = pack.legal_basis(line.component) if pack is not None else "contract"
            out.append(ComputationLine.from_accrual(run, line, account.places, account.rounding, basis, posting=i))
    return tuple(out)


def build_report(case: Case, as_of: date | None = None, rules: str | None = None, settings: dict | None = None,
                 trace: bool = True, compare: bool = True):
    """Verify a case: the contractual replay, the lawful replay under the rule pack, reconciliation,
    and every finding, as one ``Report``. An ``as_of`` the case cannot be judged on (before signing;
    another day than the demand's, unless ``compare`` is False) raises ``InputError``; with
    ``compare`` False no demand is compared. ``trace`` False builds what the JSON report prints and
    no more: no computation lines, and payment lines only for payments posted with another amount
    or date."""
    from debtcli._version import __version__
    from debtcli.model.findings import sort_findings
    from debtcli.model.money import ZERO
    from debtcli.model.records import COMPONENTS, SourceRef
    from debtcli.reconcile import findings as rf
    from debtcli.model.findings import text
    from debtcli.report.apr import annual_cost
    from debtcli.report.settlement import settlement_findings
    from debtcli.report.model import AnnualCostSection, PlanSection, Report
    from debtcli.rules.base import PackContext
    from debtcli.rules.packs import get_pack
    from debtcli.rules.lpr import fixings_for

    from debtcli.model.records import InputError
    from debtcli.terms.asof import as_of_problems
    from debtcli.terms.plausible import plausibility_issues

    terms = case.terms
    problems = as_of_problems(terms, as_of, compare) + plausibility_issues(terms, case.ledger, case.payments)
    if problems:
        raise InputError(problems)
    as_of = as_of or default_as_of(case)
    pack_name = rules or terms.case.jurisdiction or "none"
    pack = get_pack(pack_name)
    account, match, issues = contract_account(case, as_of, rules=pack_name)
    errors = [i for i in issues if i.severity == "error"]
    if errors:  # a rate the LPR table cannot give: nothing computed on it can be trusted
        raise InputError(errors)
    # a pack that replays accounts itself (cn: each stage) keeps a record of its runs, so that no
    # account is replayed twice in one verification
    runs = getattr(pack, "replays", None) or Replays()
    # the ledger checks split a posted charge's period by the replay's accrual lines, so a ledger
    # that posts charges needs the traced contractual run even when the caller asks for no trace
    contract_res = runs.run(account, as_of, trace or _ledger_posts_charges(case))
    rules_settings = {**terms.rules, **(settings or {})}
    ctx = PackContext(case, account, as_of, fixings_for(rules_settings, single=False)[0], rules_settings)
    lawful_account, pack_findings, pack_notes = pack.lawful_account(ctx)
    lawful_res = runs.run(lawful_account, as_of, trace) if lawful_account is not account else contract_res
    findings = list(pack_findings)
    findings += pack.review(ctx, contract_res, lawful_res)
    # a pack may carry the lawful run past a stage the replay does not model (cn: after a judgment, the
    # judgment fixes what is owed)
    adjust = getattr(pack, "adjust_lawful", None)
    if adjust is not None:
        lawful_res, adjusted_findings, adjusted_notes = adjust(ctx, contract_res, lawful_res)
        findings += adjusted_findings
        pack_notes = {**pack_notes, **adjusted_notes}
    limitation = pack.limitation(ctx, contract_res)

    places = account.places
    contractual = dict(contract_res.balance)
    lawful = dict(lawful_res.balance)
    demanded, demand_source = demanded_amounts(case) if compare else (None, "")
    excess = {}
    for k in list(COMPONENTS) + ["total"]:
        dv = demanded.get(k) if demanded else None
        excess[k] = (dv - lawful[k]) if dv is not None else None

    findings += rf.payment_findings(match, places)
    findings += rf.overpayment_finding(contract_res.credit, lawful_res.credit, as_of)
    unauthorized = rf.unauthorized_findings(terms, demanded if demand_source == "demand" else None, case.ledger, places)
    if hasattr(pack, "authorized_components"):
        # a pack that judges each charge itself (us: an express clause or a statute) replaces the
        # component-level check of the ledger rows; a demanded component it authorizes is not flagged
        allowed = pack.authorized_components(ctx)
        unauthorized = [f for f in unauthorized if f.component not in allowed and f.evidence
                        and f.evidence[0].file == "case.toml"]
    findings += unauthorized
    findings += _reconcile_extra(case, contract_res, account, match)
    after_plan = settlement_findings(terms, contract_res, account.places, case.ledger)  # waivers approved, plans kept
    if contract_res.plans:  # a charge posted after a payment plan is judged against the plan, not the old schedule
        flagged = {f.evidence[0] for f in after_plan if f.code == "UNAUTHORIZED_CHARGE"}
        findings = [f for f in findings if not (f.code == "POSTING_MISMATCH" and f.evidence
                                                and f.evidence[0] in flagged)]
    findings += after_plan
    doc = terms.demand.document if terms.demand else ""
    findings += rf.demand_finding(demanded, lawful, excess, places, doc,
                                  SourceRef("case.toml", column="demand") if demand_source == "demand"
                                  else SourceRef("ledger", column="balance"))

    # --- card accounts: issuer-posting checks by statement cycle, interest models, cycles (engine.card_checks)
    extra: dict = {}
    if contract_res.card is not None:
        from debtcli.engine.card_checks import card_report_parts
        from debtcli.model.findings import POSTING_MISMATCH

        card_findings, extra = card_report_parts(account, contract_res, lawful_res, as_of, trace)
        # the cycle checks replace the loan comparison; interest under a payment plan is checked against the plan
        findings = [f for f in findings if f.code != POSTING_MISMATCH or f.variant == "plan"] + card_findings
    # --- end card accounts

    if hasattr(pack, "extra"):  # pack-specific sections (us: the itemization and the validation period)
        extra = {**extra, **pack.extra(ctx, contract_res, lawful_res)}
    conv = case_conventions(account, terms, pack_name)
    cost = annual_cost(account, contract_res, as_of, replays=runs)  # the schedule the cn pack replayed, if it did
    cost_section = None if cost is None else AnnualCostSection.of(cost)
    if cost is not None:  # the real annualised cost (年化利率) and the cash flows it comes from
        conv["apr"] = text("conv.apr", periods=account.periods_a_year)  # the words: the catalogues' conv.apr
    conv.update(pack_notes)
    conv["rule_pack"] = f"{pack.name} {pack.version}"
    # the computation lines and the allocation of every payment are for a statement or a table;
    # an untraced report (JSON, batch) carries only what it prints: the mismatched payments
    computation = _computation(lawful_res, "lawful", lawful_account, pack) if trace else ()
    notes = tuple(str(i) for i in list(case.issues) + [i for i in issues if i.severity != "error"])
    payments_total = sum((p.amount for p in contract_res.payments if p.kind == "payment"), ZERO)
    return Report(
        terms=terms, as_of=as_of, currency=terms.case.currency, places=places, language=terms.case.language,
        rules_pack=pack.name, rules_version=pack.version, demanded=demanded, demand_source=demand_source,
        contractual=contractual, lawful=lawful, excess=excess, findings=tuple(sort_findings(findings)),
        payments=_payment_lines(contract_res, lawful_res, match, only_mismatched=not trace),
        payments_total=payments_total,
        matched=len(match.matched) if match else 0,
        unposted=tuple(match.unposted) if match else (),
        unverified=tuple(_as_records(match.unverified)) if match else (),
        computation=computation, conventions=conv, inputs=case.inputs, rejected=case.rejected,
        limitation=limitation, tool_version=__version__, notes=notes, ignored=case.ignored,
        not_applied=not_applied(case.ledger, all_records(case), case.has_ledger, match, as_of),
        postings=_postings(contract_res, lawful_res, computation),
        plans=tuple(PlanSection.of(x) for x in contract_res.plans),
        per_diem={"contractual": per_diem(contract_res, as_of - timedelta(days=1)),
                  "lawful": per_diem(lawful_res, as_of - timedelta(days=1))},
        card=_card_section(extra), us=_us_section(extra), annual_cost=cost_section,
        credit_contractual=contract_res.credit, credit_lawful=lawful_res.credit,
    )


def _postings(contract_res, lawful_res, computation) -> tuple:
    """The postings the computation lines point to, as report records."""
    from debtcli.report.model import PostingRef

    out = {}
    for ln in computation:
        if ln.posting is None or (ln.run, ln.posting) in out:
            continue
        result = lawful_res if ln.run == "lawful" else contract_res
        if ln.posting < len(result.postings):
            p = result.postings[ln.posting]
            out[(ln.run, ln.posting)] = PostingRef(ln.run, ln.posting, p.kind, p.n, p.component, p.date, p.amount)
    return tuple(out.values())


def _cycle(c: dict):
    from debtcli.report.model import CardCycle, CycleInterestLine

    return CardCycle(
        c["statement_date"], c.get("due_date"), c["opening"], c["new_transactions"], c["payments"], c["interest"],
        c["penalties"], c["closing"], c["minimum_payment"], c["days_past_due"], c["bucket"], c.get("cycle_start"),
        c.get("days", 0), c.get("paid_in_full", False),
        tuple(CycleInterestLine(**ln) for ln in c.get("interest_lines", ())))


def _card_section(extra: dict):
    """The card account's section of the Report, from what ``engine.card_checks`` gives."""
    if "cycles" not in extra:
        return None
    from debtcli.model.records import SourceRef
    from debtcli.report.model import CardSection

    unchecked = tuple((SourceRef(row.get("file", ""), row.get("row"), row.get("sheet"), row.get("column")),
                       row["reason"]) for row in extra.get("unchecked_rows", ()))
    return CardSection(tuple(_cycle(c) for c in extra["cycles"]), tuple(_cycle(c) for c in extra["contract_cycles"]),
                       extra["interest_model"], extra["interest_model_stated"], unchecked,
                       tuple(extra.get("interest_models", {}).items()))


def _us_section(extra: dict):
    """The us pack's section of the Report, from what the pack's ``extra`` gives."""
    if not any(k in extra for k in ("us_itemization", "us_chargeoff", "us_validation")):
        return None
    from debtcli.report.model import UsSection, ValidationPeriod

    chargeoff, basis = extra.get("us_chargeoff", (None, ""))
    v = extra.get("us_validation")
    return UsSection(extra.get("us_itemization"), chargeoff, basis,
                     ValidationPeriod(v["sent"], v["receipt"], v["end"]) if v else None)


def _ledger_posts_charges(case: Case) -> bool:
    from debtcli.model.records import CHARGE_COMPONENT

    return any(r.type in CHARGE_COMPONENT for r in case.ledger)


def _as_records(rows):
    from debtcli.model.records import PaymentRecord

    return [PaymentRecord(r.date, r.amount, r.reference, "", "ledger", r.source) for r in rows]


def _reconcile_extra(case: Case, contract_res, account, match) -> list:
    """Ledger checks that need the replay: running balance arithmetic, posted charges against
    the recomputation, payments posted with another amount or date (from ``match``, made once)."""
    from debtcli.reconcile.ledger import ledger_findings

    return ledger_findings(case, contract_res, account, match=match)


# ---------------------------------------------------------------------- schedule, balance


def schedule_report(case: Case):
    """(ScheduleReport | None, issues): the contractual schedule; None when an issue is an error."""
    from debtcli.report.model import InstallmentLine, ScheduleReport

    run = schedule_run(case)
    if any(i.severity == "error" for i in run.issues):
        return None, run.issues
    rows = tuple(InstallmentLine(r.n, r.due, r.principal, r.interest, r.fees, r.total, r.balance)
                 for r in run.result.installments)
    return ScheduleReport(case.terms.case.id, case.terms.case.currency, run.account.places, run.account.annuity,
                          rows, case_conventions(run.account, case.terms)), run.issues


def balance_report(case: Case, day: date):
    """(BalanceReport | None, issues): what it takes to settle on ``day`` under the contract, with
    payments credited; None when an issue is an error."""
    from debtcli.model.money import ZERO
    from debtcli.report.model import BalanceReport

    run = contract_run(case, day, trace=False)
    if any(i.severity == "error" for i in run.issues):
        return None, run.issues
    res = run.result
    paid = [p for p in res.payments if p.kind == "payment"]
    return BalanceReport(case.terms.case.id, day, case.terms.case.currency, run.account.places, dict(res.balance),
                         {b: dict(v) for b, v in res.buckets.items()}, res.credit, len(paid),
                         sum((p.amount for p in paid), ZERO), res.accelerated_on,
                         case_conventions(run.account, case.terms)), run.issues
