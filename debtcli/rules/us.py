"""The ``us`` rule pack: what a US collector may demand, rule by rule, with its source.

``[case] state`` is one of CA, NY, TX, FL; ``lender_kind`` is ``original_creditor``, ``debt_buyer``
or ``collector``. The lawful account is the contractual one with:

* every interest, fee or charge that neither the agreement expressly authorizes (a term of the
  contract, or a ``[contract.clauses]`` entry for it) nor a statute the pack knows permits removed
  (``UNAUTHORIZED_CHARGE``, FDCPA 1692f(1), Reg F 1006.22(b));
* NY: interest held to the 16% civil usury rate while a non-bank holds the debt (``US.RATE_ABOVE_USURY``);
* CA: 10% a year after a breach when the contract states no rate (Civ. 3289(b));
* after a judgment (``[rules] judgment_date``, ``judgment_amount``): the judgment amount with the
  state's post-judgment interest, and the payments made since.

``review`` adds interest after a charge-off (``US.POST_CHARGEOFF_INTEREST``, a warning), the state's
limitation period (``US.TIME_BARRED``), and the itemization check (``US.ITEMIZATION_MISMATCH``).
``extra`` gives the itemization block the validation notice prints.

``[rules]`` settings (all optional): ``default_date``, ``acquired`` (when a debt buyer bought the
debt), ``holder`` = "bank" | "nonbank", ``statements_after_charge_off``, ``judgment_date``,
``judgment_amount``, ``judgment_rate``, ``prime_rate`` (TX), ``consumer_debt``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from debtcli.engine.account import RatePoint, account_from_terms
from debtcli.engine.replay import Replays, ReplayResult, replay
from debtcli.model.findings import UNAUTHORIZED_CHARGE, Finding, text
from debtcli.model.money import ZERO, ParseError, Rate, parse_amount, parse_rate
from debtcli.model.records import COMPONENT_NAMES_EN, InputError, Issue, SourceRef
from debtcli.rules import us_law
from debtcli.rules.us_itemization import Itemization, itemize, stated_identity_gap
from debtcli.rules.base import SettingsCheck, checked_on
from debtcli.terms.loader import us_case_problems
from debtcli.terms.schema import RateSpec

POST_CHARGEOFF_INTEREST = "US.POST_CHARGEOFF_INTEREST"
TIME_BARRED = "US.TIME_BARRED"
ITEMIZATION_MISMATCH = "US.ITEMIZATION_MISMATCH"
RATE_ABOVE_USURY = "US.RATE_ABOVE_USURY"
ITEMIZATION_DATE = "US.ITEMIZATION_DATE"

SETTINGS = ("default_date", "acquired", "holder", "statements_after_charge_off", "judgment_date", "judgment_amount",
            "judgment_rate", "prime_rate", "consumer_debt")
INTEREST = ("interest", "default_interest", "compound_interest")
# card lines whose authorization is a card term the contract states
CARD_TERM = {"annual_fee": "annual_fee", "cash_advance_fee": "cash_advance_fee", "installment_fee": "installment_plans",
             "penalty": "late_penalty"}
CHARGE_COMPONENT = {"penalty": "penalties", "cost": "costs"}


def _pct(x: Decimal) -> str:
    return f"{(x * 100).normalize():f}%"


class UsPack:
    name = "us"
    version = "1"
    allocation_default = None  # the agreement's order; else interest and fees before principal (engine default)

    def __init__(self):
        self.replays = Replays()  # no check here reads accrual lines: runs are traced only when asked
        self._derived = None
        self._statutory: dict = {}

    # ------------------------------------------------------------------ interface
    def lawful_account(self, ctx):
        d = self._derive(ctx)
        return d["account"], list(d["findings"]), dict(d["notes"])

    def authorized_components(self, ctx) -> dict:
        """component -> what permits it where the generic contract check finds no term: a
        ``[contract.clauses]`` entry, or a statute (CA Civ. 3289(b), post-judgment interest). The pack
        judges each ledger charge itself (``_unauthorized``)."""
        self._derive(ctx)
        out = {k: f"contract clause {k}" for k in ctx.terms.contract.clauses}
        out.update(self._statutory)
        return out

    def legal_basis(self, component: str) -> str:
        return self._statutory.get(component, "contract")

    def review(self, ctx, contract_result: ReplayResult, lawful_result: ReplayResult) -> list[Finding]:
        out: list[Finding] = []
        settings = _settings(ctx)
        out += self._post_chargeoff(ctx, settings, lawful_result)
        lim = self.limitation(ctx, contract_result)
        if lim is not None and lim.expired:
            demand = ctx.terms.demand
            suing = ctx.terms.case.filed is not None or (demand is not None and demand.document_kind in
                                                         ("suit", "threat_of_suit"))
            what = "suit" if ctx.terms.case.filed or (demand and demand.document_kind == "suit") else \
                "threat" if suing else "letter"
            out.append(_finding(
                TIME_BARRED, "error" if suing else "warning", "total", lawful_result.balance["total"],
                {"state": ctx.terms.case.state, "starts": lim.starts, "expires": lim.expires,
                 "checked_on": checked_on(ctx), "suing": suing, "what": what},
                lim.basis + (_basis("time_barred"),), (SourceRef("case.toml", column="demand.document"),),
                {"starts": lim.starts, "expires": lim.expires, "checked_on": checked_on(ctx)}))
        out += self._itemization_findings(ctx, lawful_result)
        return out

    def limitation(self, ctx, contract_result: ReplayResult):
        settings = _settings(ctx)
        state = ctx.terms.case.state
        if "judgment_date" in settings and settings["judgment_date"] <= ctx.as_of:
            # the debt merged into the judgment: the contract's period no longer runs (a judgment's own
            # enforcement period is not checked here)
            return None
        default = settings.get("default_date") or contract_result.first_missed or contract_result.charged_off_on \
            or contract_result.accelerated_on
        plans = getattr(contract_result, "plans", ())
        if plans and "default_date" not in settings:
            # a payment plan is a new promise to pay: the default is the first plan installment missed
            # (none missed: nothing runs yet), the plan a signed written acknowledgment on its date
            last = plans[-1]
            missed = [row.due for row in last.installments if row.status in ("late", "unpaid")
                      and row.days_late > last.grace_days]
            default = min(missed) if missed else None
        payments = [p.date for p in contract_result.payments if p.kind == "payment" and p.amount > 0]
        acks = [e.date for e in ctx.terms.events if e.type in ("acknowledgment", "restructure")]
        return us_law.limitation_period(state, default, payments, acks, checked_on(ctx))

    def extra(self, ctx, contract_result: ReplayResult, lawful_result: ReplayResult) -> dict:
        """The itemization (and the state's charge-off block) for the report and the notice."""
        out: dict = {}
        it = self._itemization(ctx, lawful_result)
        if it is not None:
            out["us_itemization"] = it
        co = lawful_result.charged_off_on or contract_result.charged_off_on
        state = ctx.terms.case.state
        # NY 23 NYCRR 1.2(b) binds debt collectors (buyers included); CA Civ. 1788.52 binds debt buyers
        kinds = {"NY": ("debt_buyer", "collector"), "CA": ("debt_buyer",)}.get(state, ())
        if co is not None and ctx.terms.case.lender_kind in kinds and co <= ctx.as_of:
            then = replay(self._derive(ctx)["account"], co, trace=False)
            block = itemize(then, lawful_result, "charge_off")
            out["us_chargeoff"] = (block, "23 NYCRR 1.2(b)" if state == "NY" else "Cal. Civ. Code 1788.52, 1788.58")
        demand = ctx.terms.demand
        sent = (demand.sent if demand and demand.sent else ctx.as_of)
        receipt, end = us_law.validation_end(sent)
        out["us_validation"] = {"sent": sent, "receipt": receipt, "end": end}
        return out

    # ------------------------------------------------------------------ derivation
    def _derive(self, ctx) -> dict:
        if self._derived is not None and self._derived[0] is ctx:
            return self._derived[1]
        _check_case(ctx.terms.case)
        settings = _settings(ctx)
        terms = ctx.terms
        account = ctx.contract_account
        findings: list[Finding] = []
        notes: dict = {"state": text("note.us.state", state=terms.case.state, kind=terms.case.lender_kind)}
        self._statutory = {}
        if "judgment_date" in settings:
            account = self._judgment(ctx, settings, notes)
        else:
            account = self._state_rates(ctx, settings, account, findings, notes)
            account = self._unauthorized(ctx, account, findings, notes)
        d = {"account": account, "findings": findings, "notes": notes, "settings": settings}
        self._derived = (ctx, d)
        return d

    def _authorized(self, terms, kind: str, component: str, name: str) -> str | None:
        """The contract term or clause that expressly authorizes a charge, or None."""
        c = terms.contract
        clauses = c.clauses
        key = name.strip().lower().replace(" ", "_") if name else ""
        for k in (key, kind):
            if k and k in clauses:
                return f"contract clause {k}: {clauses[k]}"
        if component in clauses:
            return f"contract clause {component}: {clauses[component]}"
        if kind in CARD_TERM and c.card is not None and getattr(c.card, CARD_TERM[kind]):
            return f"contract: {kind.replace('_', ' ')} term"
        if component == "penalties" and (c.late_fee is not None or c.late_fee_rate is not None or c.penalty is not None):
            return "contract: late fee"
        if component == "costs" and c.costs_recoverable:
            return "contract: costs of collection recoverable"
        return None

    def _unauthorized(self, ctx, account, findings: list, notes: dict):
        """Remove every charge the agreement does not expressly authorize. Contract fees
        (``[[contract.fee]]``) are terms of the agreement; a fee incurred later (a ``fee`` or ``cost``
        event, a fee line in the ledger) needs a clause."""
        terms = ctx.terms
        memo = {(r.source.file, r.source.row): r.memo for r in ctx.case.ledger if r.source is not None}
        removed = []
        kept_charges = []
        for ch in account.charges:
            from_contract = ch.source is not None and ch.source.column == "contract.fee"
            if from_contract or self._authorized(terms, ch.name, ch.component, ch.name):
                kept_charges.append(ch)
            else:
                removed.append((ch.component, ch.amount, ch.date, ch.name, ch.source))
        changes = {}
        if len(kept_charges) != len(account.charges):
            changes["charges"] = tuple(kept_charges)
        if account.card is not None:
            kept_txns = []
            for t in account.card.txns:
                if t.kind in ("purchase", "cash_advance", "refund"):
                    kept_txns.append(t)
                    continue
                comp = CHARGE_COMPONENT.get(t.kind, "fees")
                name = memo.get((t.source.file, t.source.row), "") if t.source else ""
                if self._authorized(terms, t.kind, comp, name):
                    kept_txns.append(t)
                else:
                    removed.append((comp, t.amount, t.posted, name or t.kind, t.source))
            if len(kept_txns) != len(account.card.txns):
                changes["card"] = replace(account.card, txns=tuple(kept_txns))
        if account.card is None:
            # a loan's ledger does not feed the replay: its charge lines are only judged
            from debtcli.model.records import CHARGE_COMPONENT as LEDGER_COMPONENT

            for row in ctx.case.ledger:
                comp = LEDGER_COMPONENT.get(row.type)
                if comp is None or row.amount <= 0:
                    continue
                if comp in INTEREST:
                    ok = (terms.contract.rate is not None or comp in terms.contract.clauses
                          or (comp == "default_interest" and terms.contract.default_rate is not None)
                          or (comp == "compound_interest" and terms.contract.compound)
                          or comp in self._statutory)
                else:
                    ok = self._authorized(terms, row.type, comp, row.memo) is not None
                if not ok:
                    removed.append((comp, row.amount, row.date, row.memo or row.type, row.source))
        for comp, amount, day, name, source in removed:
            findings.append(_finding(
                UNAUTHORIZED_CHARGE, "error", comp, amount, {"name": name, "amount": amount, "date": day},
                (_basis("unauthorized"),), (source,) if source else (), {"date": day, "name": name}, variant="us"))
        if removed:
            notes["unauthorized_removed"] = text("note.us.unauthorized_removed",
                                                 items=tuple((n, a, d) for _, a, d, n, _ in removed))
        return replace(account, **changes) if changes else account

    def _state_rates(self, ctx, settings: dict, account, findings: list, notes: dict):
        terms = ctx.terms
        state = terms.case.state
        if state == "CA" and terms.contract.rate is None and account.card is None:
            # Civ. 3289(b): 10% a year on what is overdue after the breach
            account = replace(account, default_path=(RatePoint(account.signed, us_law.CA_SILENT_RATE,
                                                               "10% (Cal. Civ. Code 3289(b))"),),
                              default_markup=None)
            self._statutory["default_interest"] = us_law.CA_SILENT_BASIS
            self._statutory["interest"] = us_law.CA_SILENT_BASIS  # a letter may call it interest
            notes["ca_3289"] = text("note.us.ca_3289_silent")
        elif state == "CA" and terms.contract.rate is not None:
            notes["ca_3289"] = text("note.us.ca_3289_contract")
        if state == "NY":
            account = self._ny_usury(ctx, settings, account, findings, notes)
        return account

    def _ny_usury(self, ctx, settings: dict, account, findings: list, notes: dict):
        terms = ctx.terms
        kind = terms.case.lender_kind
        holder = settings.get("holder", "nonbank" if kind == "debt_buyer" else "bank")
        if holder != "nonbank":
            return account
        over = [p for p in account.rate_path if p.rate > us_law.NY_USURY]
        over_default = [p for p in (account.default_path or ()) if p.rate > us_law.NY_USURY]
        if not over and not over_default and account.default_markup is None:
            return account
        if kind == "debt_buyer" and "acquired" not in settings:
            raise InputError([Issue(SourceRef("case.toml", column="rules.acquired"),
                                    "rules.acquired: missing; a non-bank holder in NY may not charge more than 16% a "
                                    "year from the day it acquired the debt, and the contract rate is above that: add "
                                    "[rules] acquired = YYYY-MM-DD (the date of the bill of sale)", code="TERMS")])
        start = settings.get("acquired", account.signed)

        def cap(path):
            if path is None:
                return None
            out = []
            for p in path:
                if p.date >= start:
                    out.append(RatePoint(p.date, min(p.rate, us_law.NY_USURY), p.text if p.rate <= us_law.NY_USURY
                                         else "16% (N.Y. civil usury)"))
                else:
                    out.append(p)
            before = [p for p in path if p.date < start]
            if before and before[-1].rate > us_law.NY_USURY:
                out.append(RatePoint(start, us_law.NY_USURY, "16% (N.Y. civil usury)"))
            return tuple(sorted(out, key=lambda p: p.date))

        capped = replace(account, rate_path=cap(account.rate_path), default_path=cap(account.default_path))
        before = self.replays.run(account, ctx.as_of)
        after = self.replays.run(capped, ctx.as_of)
        effect = sum((before.charged.get(c, ZERO) - after.charged.get(c, ZERO) for c in INTEREST), ZERO)
        top = max(p.rate for p in (over or over_default or account.rate_path))
        findings.append(_finding(
            RATE_ABOVE_USURY, "error", "interest", effect,
            {"kind": terms.case.lender_kind, "rate": _pct(top), "from": start, "excess": effect},
            (_basis("ny_usury"),), (SourceRef("case.toml", column="contract.rate"),),
            {"from": start, "rate": _pct(top), "cap": "16%"}))
        notes["ny_usury"] = text("note.us.ny_usury", start=start)
        return capped

    def _judgment(self, ctx, settings: dict, notes: dict):
        """After a judgment the debt is the judgment: its amount bears the state's post-judgment
        interest (simple interest, ACT/365; in Texas compounded on each anniversary of the
        judgment), and payments made since go to interest, then the amount. The account is a bullet
        loan from the judgment date run by the same replay, falling due after the as-of date: its
        interest is one simple figure, rounded once (due the day after the judgment, the first day
        was rounded on its own and the rest counted as default interest)."""
        terms = ctx.terms
        jd = settings["judgment_date"]
        if "judgment_amount" not in settings:
            raise InputError([Issue(SourceRef("case.toml", column="rules.judgment_amount"),
                                    "rules.judgment_amount: missing; the amount of the judgment of "
                                    f"{jd} (rules.judgment_date) is needed", code="TERMS")])
        amount = settings["judgment_amount"]
        contract_rate = None
        if terms.contract.rate is not None and terms.contract.rate.fixed is not None:
            contract_rate = terms.contract.rate.fixed.annual(365)
        jr = us_law.judgment_rate(terms.case.state, jd, amount, ctx.as_of, settings, contract_rate)
        first = jr.points[0][1]
        events = tuple(
            replace(e, rate=RateSpec(text=_pct(r), fixed=Rate(r, "year", _pct(r)))) for e, r in
            ((_rate_event(d, i), r) for i, (d, r) in enumerate(jr.points[1:])))
        contract = replace(terms.contract, signed=jd, principal=amount, product="loan", card=None, method="bullet",
                           maturity=max(jd, ctx.as_of) + timedelta(days=1), term_months=None, first_due=None,
                           rate=RateSpec(text=_pct(first), fixed=Rate(first, "year", _pct(first))),
                           day_count="ACT/365", interest_method="daily", default_rate=None, compound=False,
                           penalty=None, late_fee=None, late_fee_rate=None, fees=(), allocation=None,
                           stop_accrual_on_charge_off=False)
        jterms = replace(terms, contract=contract, disbursements=(), installments=(), events=events)
        payments = [p for p in ctx.contract_account.payments if p.date >= jd]
        account, issues = account_from_terms(jterms, payments=payments, fixings=ctx.fixings, until=ctx.as_of)
        errors = [i for i in issues if i.severity == "error"]
        if errors:
            raise InputError(errors)
        self._statutory["interest"] = jr.basis
        self._statutory["default_interest"] = jr.basis
        yearly = us_law.compounding_dates(terms.case.state, jd, ctx.as_of)
        if yearly:
            from debtcli.engine.restructure import Restructure

            account = replace(account, restructures=tuple(
                Restructure(d, 1, kind="capitalize", note="post-judgment interest compounds annually", index=10000 + i)
                for i, d in enumerate(yearly)))
        notes["judgment"] = text("note.us.judgment", date=jd, amount=amount, basis=jr.basis,
                                 points=tuple((d, _pct(r)) for d, r in jr.points),
                                 compounding=us_law.COMPOUNDING_BASIS.get(terms.case.state))
        return account

    # ------------------------------------------------------------------ review parts
    def _post_chargeoff(self, ctx, settings: dict, lawful_result: ReplayResult) -> list[Finding]:
        co = lawful_result.charged_off_on
        if co is None or settings.get("statements_after_charge_off") is True or "judgment_date" in settings:
            return []
        then = replay(self._derive(ctx)["account"], co, trace=False)
        it = itemize(then, lawful_result, "charge_off")
        if it.interest <= 0:
            return []
        c = ctx.terms.contract
        term = ("clause", c.clauses["interest"]) if c.clauses.get("interest") else \
            ("rate", c.rate.text) if c.rate else ("none", "")
        return [_finding(
            POST_CHARGEOFF_INTEREST, "warning", "interest", it.interest,
            {"interest": it.interest, "charge_off": co, "term_kind": term[0], "term": term[1]},
            (_basis("post_chargeoff"),), (SourceRef("case.toml", column="event"),),
            {"charge_off": co, "interest_since": it.interest})]

    def _itemization(self, ctx, lawful_result: ReplayResult) -> Itemization | None:
        demand = ctx.terms.demand
        if demand is None or demand.itemization_date is None:
            return None
        then = replay(self._derive(ctx)["account"], demand.itemization_date, trace=False)
        return itemize(then, lawful_result, demand.itemization_basis)

    def _itemization_findings(self, ctx, lawful_result: ReplayResult) -> list[Finding]:
        demand = ctx.terms.demand
        it = self._itemization(ctx, lawful_result)
        if it is None:
            return []
        out: list[Finding] = []
        stated = dict(demand.itemization)
        current = demand.total if demand.total is not None else (sum(demand.amounts.values(), ZERO)
                                                                 if demand.amounts else None)
        gap = stated_identity_gap(stated, current)
        if gap is not None and gap != 0:
            out.append(_finding(
                ITEMIZATION_MISMATCH, "error", "total", gap,
                {"amount": stated["amount"], "interest": stated["interest"], "fees": stated["fees"],
                 "payments": stated["payments"], "lines": current - gap, "current": current, "gap": gap},
                (_basis("itemization"),), (SourceRef("case.toml", column="demand"),),
                {"stated_total": current, "sum_of_lines": current - gap}, variant="identity"))
        for line in ("amount", "interest", "fees", "payments"):
            if line not in stated or stated[line] == it.line(line):
                continue
            diff = stated[line] - it.line(line)
            out.append(_finding(
                ITEMIZATION_MISMATCH, "error" if (diff > 0) != (line == "payments") else "warning",
                "total", diff,
                {"line": line, "date": it.date, "stated": stated[line], "computed": it.line(line), "diff": diff},
                (_basis("itemization"),), (SourceRef("case.toml", column=f"demand.{_stated_key(line)}"),),
                {"stated": stated[line], "computed": it.line(line), "line": line}, variant="line"))
        if it.principal != 0:
            out.append(_finding(
                ITEMIZATION_MISMATCH, "warning", "principal", it.principal, {"principal": it.principal, "date": it.date},
                (_basis("itemization_date"),), (SourceRef("case.toml", column="demand.itemization_date"),),
                variant="principal"))
        known = {"charge_off": lawful_result.charged_off_on,
                 "judgment": _settings(ctx).get("judgment_date"),
                 "last_payment": max((p.date for p in lawful_result.payments if p.kind == "payment"
                                      and p.date <= it.date), default=None)}
        expected = known.get(it.basis)
        if it.basis in known and expected != it.date:
            out.append(_finding(
                ITEMIZATION_DATE, "warning", None, ZERO, {"date": it.date, "basis": it.basis, "expected": expected},
                (_basis("itemization_date"),), (SourceRef("case.toml", column="demand.itemization_date"),)))
        return out


def _finding(code, severity, component, amount, params, basis, evidence=(), details=None, variant="") -> Finding:
    """A finding of the pack: its words are catalogue entries (``finding.US.*`` in ``debtcli.messages``),
    English and Chinese; the statutes keep their US citations in both."""
    return Finding(code, severity, component, amount, params, tuple(basis), tuple(evidence), details or {},
                   variant=variant)


def _basis(key: str):
    return text("basis.us." + key)


def _check_case(case) -> None:
    """The pack judges by the state's law and the holder's kind: a case of another jurisdiction run
    with ``--rules us`` must say both (``jurisdiction = "us"`` cases are checked when read)."""
    issues = us_case_problems(case, why="for the us rules")
    if issues:
        raise InputError(issues)


def _stated_key(line: str) -> str:
    return {"amount": "itemization_amount", "interest": "interest_since", "fees": "fees_since",
            "payments": "payments_since"}[line]


def _rate_event(d: date, i: int):
    from debtcli.terms.schema import Event

    return Event(d, "rate_change", None, None, None, "post-judgment rate adjustment", 10000 + i)


def _settings(ctx) -> dict:
    """Validate the ``[rules]`` table of the ``us`` pack; every bad key is listed at once."""
    raw = dict(ctx.settings or {})
    out: dict = {}
    check = SettingsCheck(raw, SETTINGS)
    issues, bad = check.issues, check.bad
    for key in ("default_date", "acquired", "judgment_date"):
        if key in raw:
            if isinstance(raw[key], date):
                out[key] = raw[key]
            else:
                bad(key, "a date (YYYY-MM-DD, without quotes)")
    for key in ("statements_after_charge_off", "consumer_debt"):
        if key in raw:
            if isinstance(raw[key], bool):
                out[key] = raw[key]
            else:
                bad(key, "true or false")
    if "holder" in raw:
        if raw["holder"] in ("bank", "nonbank"):
            out["holder"] = raw["holder"]
        else:
            bad("holder", '"bank" | "nonbank"')
    if "judgment_amount" in raw:
        try:
            if isinstance(raw["judgment_amount"], float):
                raise ParseError("")
            out["judgment_amount"] = parse_amount(str(raw["judgment_amount"]))
            if out["judgment_amount"] <= 0:
                raise ParseError("")
        except ParseError:
            bad("judgment_amount", 'the amount of the judgment as text, e.g. "4250.00"')
    for key in ("judgment_rate", "prime_rate"):
        if key in raw:
            try:
                r = parse_rate(str(raw[key]))
                if r.per != "year" or not Decimal("0") <= r.value < Decimal("1"):
                    raise ParseError("")
                out[key] = r.value
            except ParseError:
                bad(key, 'a yearly percentage, e.g. "8.50%"')
    if issues:
        raise InputError(issues)
    return out


__all__ = ["UsPack", "POST_CHARGEOFF_INTEREST", "TIME_BARRED", "ITEMIZATION_MISMATCH", "RATE_ABOVE_USURY",
           "ITEMIZATION_DATE", "COMPONENT_NAMES_EN"]
