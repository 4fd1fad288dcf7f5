"""The ``cn`` rule pack: what a PRC court would support, rule by rule, each with its source.

Regimes by lender kind (``[case] lender_kind``):

* ``individual``, ``company``: private lending (民间借贷), the SPC Provisions on Private Lending
  ("the Provisions"): a hard ceiling of 4 x the one-year LPR at formation, the 2020-08-20
  transition, interest withheld up front, the combined cap on overdue charges.
* ``bank``, ``licensed_nonbank`` (and ``card_issuer`` for loans): the Provisions do not apply
  (Art. 1 ¶2). Interest withheld up front is still removed (Civil Code Art. 670); the total cost
  above 24% a year is a reduction the borrower may ask for (法发〔2017〕22号 Art. 2), reported as
  a warning, never cut.
* ``debt_buyer``: the regime of the original lender (``[rules] original_lender_kind``, default
  ``bank``).
* card products (``[contract] product = "card"``) go to ``debtcli.rules.cn_card`` when present.

The lawful account is derived in stages (principal actually handed over, capped rates, the
combined cap) and each stage is replayed by the one engine, so a finding's amount is the effect of
its own rule and payments the creditor applied to unlawful charges are re-applied to lawful ones.

``[rules]`` settings (all optional): ``transition`` = "filing" | "2020-08-20"; ``lpr_1y`` and
``lpr_date``, a fixing the LPR table does not have yet; ``formed``, the formation date when it is
neither the signing date nor the first disbursement; ``interest_term_clear = false`` when the interest
term is unclear; ``original_lender_kind`` for a debt buyer.
"""

from __future__ import annotations

from dataclasses import field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from debtcli.engine.account import Account, RatePoint, account_from_terms, level_installment
from debtcli.engine.exact import round_ratio
from debtcli.engine.replay import Replays, ReplayResult
from debtcli.model.findings import Finding
from debtcli.model.findings import text as ref
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import ZERO, ParseError, fmt_grouped, parse_amount, parse_rate, round_money
from debtcli.model.records import InputError, Issue, SourceRef
from debtcli.rules.cn_caps import (
    NEW_RULES_FROM, RATE_2015_OVERDUE_FALLBACK, REGIMES, TRANSITION_READINGS, BenchmarkUnknown, CapSegment,
    LprUnknown, benchmark_on, capped_path, ceiling_segments, fixing_day_alternative, governing_regime, lower_of,
    lpr_on, lpr_unknown, pct, segment_at,
)
from debtcli.rules.base import SettingsCheck, checked_on
from debtcli.rules.pboc import grade_for, load_benchmark_table
from debtcli.rules.cn_judgment import (
    BASIS as JUDGMENT_BASIS, court_fee, judgment_stage, latest_judgment, merge_into,
)
from debtcli.rules.cn_limitation import INTERRUPTING, limitation_period
from debtcli.rules.cn_plans import plan_end

# Finding codes (ARCHITECTURE §5)
UPFRONT_DEDUCTION = "CN.UPFRONT_DEDUCTION"
RATE_ABOVE_CAP = "CN.RATE_ABOVE_CAP"
COMBINED_CAP_EXCEEDED = "CN.COMBINED_CAP_EXCEEDED"
REDUCIBLE_ABOVE_24 = "CN.REDUCIBLE_ABOVE_24"
INTEREST_ON_FEES = "CN.INTEREST_ON_FEES"
LIMITATION_EXPIRED = "CN.LIMITATION_EXPIRED"
LPR_UNVERIFIED = "CN.LPR_UNVERIFIED"
LPR_FIXING_DAY = "CN.LPR_FIXING_DAY"
BENCHMARK_UNVERIFIED = "CN.BENCHMARK_UNVERIFIED"
ENFORCEMENT_ABOVE_JUDGMENT = "CN.ENFORCEMENT_ABOVE_JUDGMENT"
ENFORCEMENT_WORDS = ("申请执行", "执行申请", "enforcement")
NO_INTEREST_AGREED = "CN.NO_INTEREST_AGREED"
ROLLED_INTEREST = "CN.ROLLED_INTEREST"

PRIVATE = ("individual", "company")
LICENSED = ("bank", "licensed_nonbank", "card_issuer")
BANK_LINE = Decimal("0.24")
COST_COMPONENTS = ("interest", "default_interest", "compound_interest", "fees", "penalties")
INTEREST_COMPONENTS = ("interest", "default_interest", "compound_interest")
# what the combined cap (Art. 29) takes off when overdue charges exceed it (default interest, held to
# the ceiling, is what the cap is measured by), in the order a finding lists them
_COMBINED_CUT = ("compound_interest", "fees", "penalties")
SETTINGS = ("transition", "lpr_1y", "lpr_5y", "lpr", "lpr_date", "formed", "interest_term_clear", "original_lender_kind",
            "rolled_over_from", "original_principal", "regime", "benchmark", "no_term_grade",
            "judgment_costs_in_base", "procedure")

BASIS = {
    "art25": "SPC Provisions on Private Lending Art. 25 (4 x one-year LPR at formation)",
    "art26": "SPC Provisions on Private Lending Art. 26; Civil Code Art. 670 (principal = the amount handed over)",
    "art670": "Civil Code Art. 670 (interest may not be withheld from principal)",
    "art27": "SPC Provisions on Private Lending Art. 27 (interest rolled into principal, within the ceiling)",
    "art28": "SPC Provisions on Private Lending Art. 28 (overdue interest)",
    "art29": "SPC Provisions on Private Lending Art. 29 (overdue interest + 违约金 + other fees within the ceiling)",
    "art24": "SPC Provisions on Private Lending Art. 24; Civil Code Art. 680 (no or unclear interest term)",
    "bank24": "SPC opinions on financial adjudication 法发〔2017〕22号 Art. 2; for licensed non-banks SPC reply "
              "法释〔2020〕27号 (practice, secondary sources): the borrower may ask to reduce the total cost above 24% a year",
    "art561": "Civil Code Art. 561 (costs, then interest, then principal)",
}
# the same rules as catalogue references, for findings (their words are in debtcli.messages)
LAW = {k: ref("basis.cn." + k) for k in BASIS}


@dataclass
class Derived:
    """The lawful account, the stages it came through, and what they showed."""

    account: Account
    regime: str
    findings: list = field(default_factory=list)
    notes: dict = field(default_factory=dict)
    segments: list = field(default_factory=list)
    term_limit: list = field(default_factory=list)  # further caps on the term rate (Art. 27 ¶2)


class CnPack:
    name = "cn"
    version = "1"
    # Civil Code Art. 561 names costs, interest, principal; fees and 违约金 come before principal so
    # that principal, which bears interest, is paid last (the creditor-favourable placing).
    allocation_default = ("costs", "compound_interest", "default_interest", "interest", "fees", "penalties",
                          "principal")
    allocation_basis = LAW["art561"]

    def __init__(self):
        self._derived: tuple | None = None
        self._card = None  # the card pack, once a card account was dispatched to it
        self._limitation: tuple | None = None  # (context, contractual result, its limitation period)
        # Every stage is replayed once; ``build_report`` runs the contractual and lawful replays
        # through the same record. A stage whose accrual lines a check reads (the combined cap, the
        # sample line of a capped rate) is replayed traced when it is first asked for; the 24% line
        # reads the run's exposure, which every run carries.
        self.replays = Replays()

    # ------------------------------------------------------------------ product dispatch
    def _card_pack(self, ctx):
        """The pack for card accounts (``debtcli.rules.cn_card``), or None for loans or when absent."""
        if ctx.terms.contract.product != "card":
            return None
        try:
            from debtcli.rules.cn_card import CnCardPack
        except ImportError:
            return None
        return CnCardPack(self.replays)

    # ------------------------------------------------------------------ pack interface
    def lawful_account(self, ctx):
        card = self._card_pack(ctx)
        if card is not None:
            self._card = card
            return card.lawful_account(ctx)
        d = self._derive(ctx)
        return d.account, list(d.findings) + _linked_rate_findings(ctx), dict(d.notes)

    def review(self, ctx, contract_result: ReplayResult, lawful_result: ReplayResult) -> list[Finding]:
        card = self._card_pack(ctx)
        if card is not None:
            return card.review(ctx, contract_result, lawful_result)
        out = []
        d = self._derive(ctx)
        if d.regime == "licensed":
            out += [_tagged(f, _regime_tag(ctx, _settings(ctx), d.regime))
                    for f in self._reducible(ctx, d, contract_result, lawful_result)]
        lim = self.limitation(ctx, contract_result)
        if lim is not None and lim.expired and latest_judgment(ctx.terms, ctx.as_of) is None:
            out.append(Finding(
                LIMITATION_EXPIRED, "warning", "total", lawful_result.balance["total"],
                {"starts": lim.starts, "expires": lim.expires, "checked_on": checked_on(ctx),
                 "total": lawful_result.balance["total"]},
                lim.basis, (SourceRef("case.toml", column="event"),),
                {"starts": lim.starts, "expires": lim.expires, "checked_on": checked_on(ctx)}))
        return out

    def limitation(self, ctx, contract_result: ReplayResult):
        card = self._card_pack(ctx)
        if card is not None and hasattr(card, "limitation"):
            return card.limitation(ctx, contract_result)
        known = self._limitation
        if known is not None and known[0] is ctx and known[1] is contract_result:
            return known[2]  # review and build_report both ask
        interruptions = [(e.date, e.type) for e in ctx.terms.events if e.type in INTERRUPTING]
        interruptions += [(p.date, "payment") for p in contract_result.payments if p.kind == "payment"]
        lim = limitation_period(ctx.contract_account.due_dates, contract_result.accelerated_on, interruptions,
                                checked_on(ctx), plan_end(contract_result))
        self._limitation = (ctx, contract_result, lim)
        return lim

    def adjust_lawful(self, ctx, contract_result: ReplayResult, lawful_result: ReplayResult):
        """After the replay: the judgment stage (the judgment fixes what is owed), the court fee and
        costs above it; for cards, the court line when ``[rules] card_line`` cuts to it."""
        card = self._card_pack(ctx)
        if card is not None:
            return card.adjust_lawful(ctx, contract_result, lawful_result)
        settings = _settings(ctx)
        account = ctx.contract_account
        places, rounding = account.places, account.rounding
        findings: list[Finding] = []
        notes: dict = {}
        judgment = latest_judgment(ctx.terms, ctx.as_of)
        demand = ctx.terms.demand
        enforcement = demand is not None and any(w in (demand.document or "").lower() for w in ENFORCEMENT_WORDS)
        if judgment is not None:
            stage = judgment_stage(judgment, account.payments, ctx.as_of, places, rounding,
                                   settings.get("judgment_costs_in_base", True))
            lawful_result = merge_into(lawful_result, stage)
            notes["judgment"] = stage.note
            if enforcement and demand.total is not None or (enforcement and demand.amounts):
                asked = demand.total if demand.total is not None else sum(demand.amounts.values(), ZERO)
                over = asked - stage.balance["total"]
                if over > 0:
                    findings.append(Finding(
                        ENFORCEMENT_ABOVE_JUDGMENT, "error", "total", over,
                        {"document": demand.document, "demanded": asked, "judgment": judgment.document or judgment.date,
                         "as_of": ctx.as_of, "balance": stage.balance["total"],
                         "judgment_interest": stage.balance["judgment_interest"], "over": over},
                        (ref("cn.judgment_basis", judgment_date=judgment.date, starts=stage.starts, as_of=ctx.as_of),),
                        (SourceRef("case.toml", column="demand.document"),),
                        {"demanded": asked, "judgment_balance": stage.balance["total"],
                         "judgment_interest": stage.balance["judgment_interest"], "deadline": judgment.deadline}))
        fee = None
        if ctx.terms.case.filed is not None:
            simple = settings.get("procedure") == "simple"
            claimed = (demand.total if demand is not None and demand.total is not None and not enforcement
                       else contract_result.balance["total"])
            fee = court_fee(claimed, simple)
            notes["court_fee"] = ref("note.cn.court_fee", claimed=claimed, fee=fee, simple=simple)
        allowed = judgment.amounts.get("costs", ZERO) if judgment is not None else fee
        if allowed is not None and (judgment is not None or ctx.terms.contract.costs_recoverable):
            findings += self._costs_above(ctx, allowed, judgment, places)
        return lawful_result, findings, notes

    def _costs_above(self, ctx, allowed: Decimal, judgment, places: int) -> list[Finding]:
        """Costs demanded or posted above what the judgment awarded (or, before one, the computed
        case-acceptance fee)."""
        from debtcli.model.findings import UNAUTHORIZED_CHARGE

        basis = ref("cn.costs_basis", judgment=judgment is not None, filed=ctx.terms.case.filed)
        out = []
        demand = ctx.terms.demand
        if demand is not None and demand.amounts.get("costs") is not None and demand.amounts["costs"] > allowed:
            over = demand.amounts["costs"] - allowed
            out.append(Finding(
                UNAUTHORIZED_CHARGE, "error", "costs", over,
                {"asked": demand.amounts["costs"], "allowed": allowed, "over": over, "ledger": False,
                 "judgment": (judgment.document or str(judgment.date)) if judgment is not None else ""},
                (basis,), (SourceRef("case.toml", column="demand.costs"),), {"allowed": allowed},
                "costs_above"))
        rows = [r for r in ctx.case.ledger if r.type == "cost" and r.date <= ctx.as_of]
        posted = sum((r.amount for r in rows), ZERO)
        if rows and posted > allowed:
            over = posted - allowed
            out.append(Finding(
                UNAUTHORIZED_CHARGE, "error", "costs", over,
                {"asked": posted, "allowed": allowed, "over": over, "ledger": True,
                 "judgment": (judgment.document or str(judgment.date)) if judgment is not None else ""},
                (basis,), tuple(r.source for r in rows), {"allowed": allowed, "posted": posted},
                "costs_above"))
        return out

    def legal_basis(self, component: str) -> str:
        if self._card is not None:
            return self._card.legal_basis(component)
        if component == "judgment_interest":
            return JUDGMENT_BASIS
        regime = self._derived[1].regime if self._derived else "private"
        if regime != "private":
            return "contract (Civil Code Art. 674, 676)"
        return {"interest": BASIS["art25"], "default_interest": BASIS["art28"] + "; " + BASIS["art29"],
                "compound_interest": BASIS["art27"] + "; " + BASIS["art29"],
                "penalties": BASIS["art29"], "fees": BASIS["art29"]}.get(component, "contract")

    # ------------------------------------------------------------------ derivation
    def _derive(self, ctx) -> Derived:
        if self._derived is not None and self._derived[0] is ctx:
            return self._derived[1]
        settings = _settings(ctx)
        regime = "private" if _lender_kind(ctx, settings) in PRIVATE else "licensed"
        d = Derived(ctx.contract_account, regime)
        d.notes["lender_regime"] = ref("note.cn.lender_regime", private=regime == "private")
        stage = self._upfront(ctx, d, regime)
        if regime == "private":
            stage = self._rolled_over(ctx, d, settings, stage)
            stage = self._private_rates(ctx, d, settings, stage)
            stage = self._comprehensive(ctx, d, settings, stage, regime)
            stage = self._combined_cap(ctx, d, stage)
        else:
            self._comprehensive(ctx, d, settings, stage, regime)
        d.account = stage
        self._silent_day_count(ctx, d)
        d.findings = [_tagged(f, _regime_tag(ctx, settings, regime)) for f in d.findings]
        self._derived = (ctx, d)
        return d

    def _upfront(self, ctx, d: Derived, regime: str) -> Account:
        """Interest (and, for private lending, fees) withheld at disbursement (砍头息): principal is
        what was handed over, and interest runs on that (Provisions Art. 26; Civil Code Art. 670)."""
        c = ctx.terms.contract
        removed = [f for f in c.fees if f.withheld and (regime == "private" or f.component == "interest")]
        if not removed:
            return ctx.contract_account
        held = {id(f): _fee_amount(c, f) for f in removed}
        total = sum(held.values(), ZERO)
        handed_over = c.principal - total
        if ctx.terms.disbursements:  # cash paid out, plus withheld charges the rule keeps as lent
            kept = sum((_fee_amount(c, f) for f in c.fees if f.withheld and f not in removed), ZERO)
            handed_over = sum((x.amount for x in ctx.terms.disbursements), ZERO) + kept
        terms = ctx.terms.with_contract(principal=handed_over, fees=tuple(f for f in c.fees if f not in removed))
        if c.method == "custom":
            terms = replace(terms, installments=_reduce_from_last(terms.installments, c.principal - handed_over))
        account = _account_for(ctx, terms)
        before, after = self.replays.run(ctx.contract_account, ctx.as_of), self.replays.run(account, ctx.as_of)
        # interest withheld is interest paid in advance under the contract, not a charge of its own
        interest_effect = _sum(before.charged, INTEREST_COMPONENTS) - _sum(after.charged, INTEREST_COMPONENTS)
        d.findings.append(Finding(
            UPFRONT_DEDUCTION, "error", "principal", c.principal - handed_over,
            {"withheld": c.principal - handed_over, "principal": c.principal, "handed_over": handed_over,
             "charges": tuple((f.name, held[id(f)]) for f in removed), "interest_on_withheld": interest_effect,
             "as_of": ctx.as_of},
            (LAW["art26"] if regime == "private" else LAW["art670"],), (SourceRef("case.toml", column="contract.fee"),),
            {"principal_written": c.principal, "handed_over": handed_over, "interest_on_withheld": interest_effect}))
        d.notes["principal"] = ref("note.cn.principal", handed_over=handed_over, private=regime == "private")
        return account

    def _comprehensive(self, ctx, d: Derived, settings: dict, account: Account, regime: str) -> Account:
        """Interest plus fees to the lender or its nominee against the ceiling (``debtcli.rules.cn_cost``):
        private lenders 4 x LPR at formation, the fees re-characterised as interest in the lawful run;
        licensed lenders the 24% line, a warning."""
        from debtcli.rules.cn_cost import BASIS_LICENSED, BASIS_PRIVATE, comprehensive_cost, fees_as_interest

        if regime == "private":
            seg = segment_at(d.segments, _formation(ctx, settings))
            found = comprehensive_cost(ctx, account, regime, seg.rate, seg.text, BASIS_PRIVATE, self.replays)
            if found is not None:
                d.findings.append(found)
                points = tuple(RatePoint(s.start, s.rate, s.text) for s in d.segments)
                return fees_as_interest(account, ctx.terms, points)
            return account
        found = comprehensive_cost(ctx, account, regime, BANK_LINE, "24%", BASIS_LICENSED, self.replays)
        if found is not None:
            d.findings.append(found)
        return account

    def _rolled_over(self, ctx, d: Derived, settings: dict, account: Account) -> Account:
        """Interest rolled into the principal of a new IOU (利滚利, Art. 27). ¶1: the rolled-in interest
        counts as principal only up to the ceiling on the original principal; ¶2: principal plus
        interest at the end of the term may not exceed the original principal plus interest at the
        ceiling on it for the whole period. ¶2 becomes a further cap on the term rate."""
        if "rolled_over_from" not in settings:
            return account
        t0, p0 = settings["rolled_over_from"], settings["original_principal"]
        c = ctx.terms.contract
        try:
            segs0, _ = ceiling_segments(t0, ctx.filed, ctx.fixings, settings.get("transition", "filing"), settings)
        except LprUnknown as exc:
            raise lpr_unknown(exc, ctx) from None
        c0 = segment_at(segs0, t0).rate
        t1 = _formation(ctx, settings)
        end = max(account.due_dates) if account.due_dates else t1
        recognised = min(c.principal, round_money(p0 + p0 * c0 * (t1 - t0).days / 365, c.rounding))
        bound = round_money(p0 + p0 * c0 * (end - t0).days / 365, c.rounding)
        if recognised < c.principal:
            terms = ctx.terms.with_contract(principal=recognised)
            if ctx.terms.disbursements:
                terms = replace(terms, disbursements=())
            account = _account_for(ctx, terms)
        if end > t1:
            r_max = (bound - recognised) / (recognised * (end - t1).days / 365)
            d.term_limit = [CapSegment(t1, r_max, f"{pct(r_max.quantize(Decimal('0.000001')))} (Art. 27 ¶2: principal "
                                                  f"and interest at {end} within {fmt_grouped(bound)})", BASIS["art27"]),
                            CapSegment(end, Decimal(1), "", BASIS["art27"])]
        d.notes["rolled_over"] = ref("note.cn.rolled_over", new_date=t1, principal=c.principal, old_date=t0,
                                     original_principal=p0, recognised=recognised, end=end, bound=bound)
        if recognised < c.principal:
            d.findings.append(Finding(
                ROLLED_INTEREST, "error", "principal", c.principal - recognised,
                {"new_date": t1, "principal": c.principal, "old_date": t0, "original_principal": p0, "ceiling": c0,
                 "days": (t1 - t0).days, "recognised": recognised, "end": end, "bound": bound},
                (LAW["art27"],), (SourceRef("case.toml", column="rules.rolled_over_from"),),
                {"original_principal": p0, "recognised": recognised, "bound": bound}))
        return account

    def _private_rates(self, ctx, d: Derived, settings: dict, account: Account) -> Account:
        """Cap the term and overdue rates at the ceiling of the regime governing each stretch (1991
        opinion Art. 6; 2015 Provisions Art. 26; Provisions Art. 25, 28, 31); no interest where none or
        an unclear one was agreed between individuals (Art. 24)."""
        terms = ctx.terms
        formed = _formation(ctx, settings)
        transition = settings.get("transition", "filing")
        regime = governing_regime(ctx.filed, settings.get("regime"))
        d.notes["regime"] = ref("note.cn.regime", regime=regime, filed=terms.case.filed, as_of=ctx.as_of,
                                setting="regime" in settings)
        grade = _grade(ctx, settings, formed)
        try:
            segments, notes = ceiling_segments(formed, ctx.filed, ctx.fixings, transition, settings, regime,
                                               load_benchmark_table(), grade)
        except LprUnknown as exc:
            raise lpr_unknown(exc, ctx) from None
        except BenchmarkUnknown as exc:
            raise _benchmark_unknown(exc) from None
        d.segments = segments
        d.notes["formation"] = ref("note.cn.formation", formed=formed, handed=formed != terms.contract.signed)
        d.notes["ceiling"] = ref("note.cn.ceiling", segments=tuple((s.start, s.rate, s.claim, s.regime, s.text)
                                                                   for s in segments))
        if formed < NEW_RULES_FROM and regime == "2020":
            d.notes["transition"] = ref("note.cn.transition", reading=transition)
        if notes:
            d.notes["ceiling_notes"] = ref("join", items=tuple(notes))
        if any(s.claim is not None for s in segments):
            d.notes["band_24_36"] = ref("note.cn.band_24_36")
        self._lpr_findings(ctx, d, formed, segments)

        rate_path = account.rate_path
        default_path, markup = account.default_path, account.default_markup
        if markup is not None:  # "+50%": the default rate follows the (uncapped) contract rate
            default_path = tuple(RatePoint(p.date, p.rate * (1 + markup), f"{p.text} +{markup * 100:g}%")
                                 for p in account.rate_path)
            markup = None
        unclear = settings.get("interest_term_clear") is False and _lender_kind(ctx, settings) == "individual"
        if unclear:
            rate_path = (RatePoint(account.signed, ZERO, "unclear interest term between individuals: no interest"),)
        capped_rates, _ = capped_path(rate_path, lower_of(segments, d.term_limit))
        capped_default, _ = (capped_path(default_path, segments) if default_path else (None, False))
        if not account.rate_agreed and default_path is None and account.due_dates:
            capped_default, text = self._overdue_fallback(ctx, account, transition, settings, regime, grade)
            d.notes["overdue_interest"] = ref("note.cn.overdue_nothing", fallback=text)
        elif default_path is None:
            d.notes["overdue_interest"] = ref("note.cn.overdue_contract_rate")
        claim = tuple((s.start, s.claim) for s in segments)
        lawful = replace(account, rate_path=capped_rates, default_path=capped_default, default_markup=markup,
                         claim_limit=claim if any(c is not None for _, c in claim) else ())
        if lawful.annuity is not None and capped_rates:
            n = len(lawful.due_dates) - lawful.interest_only_installments
            lawful = replace(lawful, annuity=level_installment(
                sum((a for _, a in lawful.draws), ZERO), capped_rates[0].rate / lawful.periods_a_year, n,
                lawful.rounding, lawful.places, lawful.installment_multiple, in_advance=lawful.in_advance))
        # the lawful stage traced: its lines give the sample line below and the combined cap's figures
        before, after = self.replays.run(account, ctx.as_of), self.replays.run(lawful, ctx.as_of, True)
        excess = _sum(before.charged, INTEREST_COMPONENTS) - _sum(after.charged, INTEREST_COMPONENTS)
        if unclear:
            d.findings.append(Finding(
                NO_INTEREST_AGREED, "error", "interest", excess, {"excess": excess, "as_of": ctx.as_of},
                (LAW["art24"],), (SourceRef("case.toml", column="contract.rate"),), {}))
        elif excess > 0:
            d.findings += _rate_findings(ctx, segments, lower_of(segments, d.term_limit), account, default_path,
                                         before, self.replays.run(lawful, ctx.as_of, True))
        from debtcli.rules.cn_plans import cap_plan_rates

        lawful, plan_findings = cap_plan_rates(lawful, lower_of(segments, d.term_limit), self.replays, ctx.as_of)
        d.findings += plan_findings
        return lawful

    def _overdue_fallback(self, ctx, account: Account, transition: str, settings: dict, regime: str,
                          grade: str) -> tuple[tuple[RatePoint, ...], str]:
        """Neither a term rate nor an overdue rate agreed: interest from the overdue date at the rate
        of the regime governing each stretch. 1991 opinion Art. 9: the bank rate of the same kind (the
        PBOC benchmark of the loan's grade in force on the due date); 2015 Provisions Art. 29: 6% a year;
        Provisions Art. 28: the one-year LPR, for interest from 2020-08-20."""
        due = account.due_dates[0]
        points = []
        try:
            if regime == "1991":
                used = benchmark_on(load_benchmark_table(), due, grade, settings)
                points.append(RatePoint(due, used.rate, f"PBOC benchmark {pct(used.rate)} (grade {grade}; "
                                                         "1991 opinion Art. 9)"))
                return tuple(points), ref("note.cn.fallback.1991", due=due)
            if due < NEW_RULES_FROM or regime == "2015":
                points.append(RatePoint(due, RATE_2015_OVERDUE_FALLBACK, "6% (2015 Provisions Art. 29)"))
                text = ref("note.cn.fallback.2015", due=due, lpr=None)
                if regime == "2020" and ctx.as_of >= NEW_RULES_FROM:
                    on = ctx.filed if transition == "filing" else NEW_RULES_FROM
                    used = lpr_on(ctx.fixings, on, "overdue interest with nothing agreed, from 2020-08-20", settings)
                    points.append(RatePoint(NEW_RULES_FROM, used.lpr, f"one-year LPR {pct(used.lpr)} (Art. 28)"))
                    text = ref("note.cn.fallback.2015", due=due, lpr=used.lpr)
                return tuple(points), text
            used = lpr_on(ctx.fixings, due, "overdue interest with nothing agreed", settings)
            points.append(RatePoint(due, used.lpr, f"one-year LPR {pct(used.lpr)} of {used.fixing_date} (Art. 28)"))
        except LprUnknown as exc:
            raise lpr_unknown(exc, ctx) from None
        except BenchmarkUnknown as exc:
            raise _benchmark_unknown(exc) from None
        return tuple(points), ref("note.cn.fallback.lpr", due=due)

    def _lpr_findings(self, ctx, d: Derived, formed: date, segments: list[CapSegment]) -> None:
        for seg in segments:
            bm = seg.benchmark
            if bm is not None and not bm.verified:
                d.findings.append(Finding(
                    BENCHMARK_UNVERIFIED, "warning", "interest", ZERO,
                    {"supplied": bm.supplied, "change_date": bm.change_date, "status": bm.status, "grade": bm.grade,
                     "rate": bm.rate},
                    (ref("basis.cn.ceiling", regime=seg.regime, en=seg.basis),),
                    (SourceRef("case.toml", column="rules.benchmark" if bm.supplied else "contract.signed"),),
                    {"benchmark": pct(bm.rate), "grade": bm.grade, "ceiling": pct(seg.rate)}))
            if seg.lpr is not None and not seg.lpr.verified:
                d.findings.append(Finding(
                    LPR_UNVERIFIED, "warning", "interest", ZERO,
                    {"supplied": seg.lpr.supplied, "fixing_date": seg.lpr.fixing_date, "status": seg.lpr.status},
                    (ref("basis.cn.ceiling", regime=seg.regime, en=seg.basis),),
                    (SourceRef("case.toml", column="rules.lpr_1y" if seg.lpr.supplied else "contract.signed"),),
                    {"lpr": pct(seg.lpr.lpr), "ceiling": pct(seg.rate)}))
        if formed >= NEW_RULES_FROM and segments[0].lpr is not None and not segments[0].lpr.supplied:
            alt = fixing_day_alternative(ctx.fixings, formed)
            if alt is not None:
                other = alt if alt.fixing_date != segments[0].lpr.fixing_date else lpr_on(ctx.fixings, formed, "")
                d.findings.append(Finding(
                    LPR_FIXING_DAY, "info", "interest", ZERO,
                    {"formed": formed, "ceiling_used": segments[0].rate, "ceiling_other": other.ceiling},
                    (ref("basis.cn.ceiling", regime=segments[0].regime, en=segments[0].basis),),
                    (SourceRef("case.toml", column="contract.signed"),),
                    {"ceiling_used": pct(segments[0].rate), "ceiling_other": pct(other.ceiling)}))

    def _combined_cap(self, ctx, d: Derived, account: Account) -> Account:
        """Overdue interest + 违约金 + other fees may not together exceed the ceiling (Art. 29). The cap
        for each overdue span is overdue principal x ceiling x days / basis; charges above it are
        removed, penalties first, then late fees, then fees, and the account is replayed."""
        if account.penalty is None and account.late_fee is None and account.late_fee_rate is None \
                and not account.charges and not account.compound:
            return account
        before = res = self.replays.run(account, ctx.as_of, True)
        cap, used = _combined_figures(res, d.segments)
        if used <= cap:
            return account
        first_excess = used - cap
        lawful = account
        for _ in range(4):
            lawful = _cut_charges(lawful, res, used - cap)
            res = self.replays.run(lawful, ctx.as_of, True)
            cap, used = _combined_figures(res, d.segments)
            if used <= cap:
                break
        # what the lawful run charges less of each charge the cut takes from (a payment re-applied may
        # change the default interest too: that is the payment's effect, not the cap's)
        parts = tuple((k, before.charged.get(k, ZERO) - res.charged.get(k, ZERO)) for k in _COMBINED_CUT)
        parts = tuple((k, v) for k, v in parts if v > 0)
        columns = {"penalties": tuple(k for k, on in (("contract.penalty", account.penalty),
                                                      ("contract.late_fee", account.late_fee is not None
                                                       or account.late_fee_rate is not None)) if on),
                   "fees": ("contract.fee",), "compound_interest": ("contract.compound",)}
        evidence = tuple(SourceRef("case.toml", column=col) for k, _ in parts for col in columns[k])
        d.findings.append(Finding(
            COMBINED_CAP_EXCEEDED, "error", parts[0][0] if len(parts) == 1 else "total", first_excess,
            {"claimed": first_excess + cap, "cap": cap, "excess": first_excess, "parts": parts},
            (_combined_basis(d.segments, ctx.as_of),), evidence or (SourceRef("case.toml", column="contract"),),
            {"cap": round_money(cap), "claimed": round_money(first_excess + cap), **{"cut_" + k: v for k, v in parts}}))
        return lawful

    def _reducible(self, ctx, d: Derived, contract_result: ReplayResult, lawful_result: ReplayResult
                   ) -> list[Finding]:
        """Banks and licensed lenders: the total cost the lender asks for (its postings, its demand,
        else its contract) above 24% a year on the principal outstanding, which the borrower may ask a
        court to reduce. Reported, not cut."""
        from fractions import Fraction

        from debtcli.rules.cn_demanded import demanded_cost

        # 24% a year on the balances interest and default interest ran on, over the same days: the
        # rate times the run's exposure (sum of base x days / basis over those spans), rounded once
        line24 = Fraction(BANK_LINE) * lawful_result.exposure
        line = round_ratio(Decimal(line24.numerator), line24.denominator, 2, ROUND_HALF_UP)
        cost, _, source = demanded_cost(ctx, contract_result, COST_COMPONENTS)
        if cost <= line:
            return []
        over = cost - line
        return [Finding(
            REDUCIBLE_ABOVE_24, "warning", "total", over,
            {"cost": cost, "as_of": ctx.as_of, "line": line, "over": over},
            (LAW["bank24"],), (SourceRef("case.toml", column="contract.rate"),),
            {"total_cost": cost, "line_24": line, "cost_source": source})]

    def _silent_day_count(self, ctx, d: Derived) -> None:
        """Where the contract names no day count the replay uses ACT/360 (creditor-favourable); the
        debtor-favourable ACT/365 figure is shown beside it."""
        if ctx.terms.contract.day_count is not None or d.account.day_count != "ACT/360":
            return
        other = self.replays.run(replace(d.account, day_count="ACT/365"), ctx.as_of)
        this = self.replays.run(d.account, ctx.as_of)
        diff = this.balance["total"] - other.balance["total"]
        d.notes["day_count_other"] = ref("note.cn.day_count_other", total=other.balance["total"], diff=diff)


# ---------------------------------------------------------------------- helpers


def _regime_tag(ctx, settings: dict, regime: str):
    """Which rules a finding applies and to which dates (regime and stretch), as a catalogue reference."""
    formed = _formation(ctx, settings)
    if regime != "private":
        return ref("cn.tag.financial", formed=formed, as_of=ctx.as_of)
    key = governing_regime(ctx.filed, settings.get("regime"))
    if key == "2020" and formed < NEW_RULES_FROM:
        return ref("cn.tag.transition", formed=formed, as_of=ctx.as_of, filed=ctx.filed)
    return ref("cn.tag.single", regime=key, formed=formed, as_of=ctx.as_of, filed=ctx.filed)


# Citations of the Provisions on Private Lending themselves: the regime's title and stretch are written
# into them (one citation, ``cn.tag.cited``) rather than cited a second time after them.
_CITES_PROVISIONS = ("basis.cn.art24", "basis.cn.art25", "basis.cn.art26", "basis.cn.art27", "basis.cn.art28",
                     "basis.cn.art29", "basis.cn.art25_28")


def _merges(b, tag) -> bool:
    if b.key == "cn.combined":
        return tag.key in ("cn.tag.single", "cn.tag.transition")
    if tag.key != "cn.tag.single":
        return False
    if b.key == "basis.cn.ceiling":
        return b.params.get("regime") == tag.params["regime"]
    return b.key in _CITES_PROVISIONS and tag.params["regime"] == "2020"


def _tagged(f: Finding, tag) -> Finding:
    """The finding with the regime and stretch added to its basis: merged into the finding's own
    citation of the Provisions when it has one, so that each citation appears once."""
    if any(b.key.startswith("cn.tag.") or b.key == "cn_card.tag" for b in f.basis):
        return f
    for i, b in enumerate(f.basis):
        if _merges(b, tag):
            return replace(f, basis=f.basis[:i] + (ref("cn.tag.cited", rule=b, stretch=tag),) + f.basis[i + 1:])
    return replace(f, basis=tuple(f.basis) + (tag,))


def _combined_basis(segments, as_of: date):
    """The combined cap of each stretch: 2015 Provisions Art. 30 (24%), current Art. 29 (the ceiling)."""
    parts = []
    for i, seg in enumerate(segments):
        end = segments[i + 1].start - timedelta(days=1) if i + 1 < len(segments) else as_of
        parts.append((seg.regime, seg.start, end))
    return ref("cn.combined", parts=tuple(parts))


def _settings(ctx) -> dict:
    """Validate the ``[rules]`` table; an unknown key or a bad value stops the run with its key path."""
    raw = dict(ctx.settings or {})
    out: dict = {}
    check = SettingsCheck(raw, SETTINGS)
    issues, bad = check.issues, check.bad
    if "transition" in raw:
        if raw["transition"] in TRANSITION_READINGS:
            out["transition"] = raw["transition"]
        else:
            bad("transition", " | ".join(f'"{k}"' for k in TRANSITION_READINGS))
    if "lpr_1y" in raw:
        try:
            r = parse_rate(str(raw["lpr_1y"]))
            if r.per != "year" or not Decimal("0") < r.value < Decimal("0.2"):
                raise ParseError("")
            out["lpr_1y"] = r.value
        except ParseError:
            bad("lpr_1y", 'the one-year LPR as a yearly percentage, e.g. "3.00%"')
    for key in ("lpr_date", "formed"):
        if key in raw:
            if isinstance(raw[key], date):
                out[key] = raw[key]
            else:
                bad(key, "a date (YYYY-MM-DD, without quotes)")
    if ("rolled_over_from" in raw) != ("original_principal" in raw):
        key = "original_principal" if "rolled_over_from" in raw else "rolled_over_from"
        issues.append(Issue(SourceRef("case.toml", column=f"rules.{key}"),
                            f"rules.{key}: missing; rolled_over_from and original_principal go together", code="TERMS"))
    if "rolled_over_from" in raw:
        if isinstance(raw["rolled_over_from"], date):
            out["rolled_over_from"] = raw["rolled_over_from"]
        else:
            bad("rolled_over_from", "the date of the first IOU (YYYY-MM-DD, without quotes)")
    if "original_principal" in raw:
        try:
            out["original_principal"] = parse_amount(str(raw["original_principal"]))
            if out["original_principal"] <= 0:
                raise ParseError("")
        except ParseError:
            bad("original_principal", 'the first IOU\'s principal, e.g. "100000.00"')
    if "regime" in raw:
        if raw["regime"] in REGIMES:
            out["regime"] = raw["regime"]
        else:
            bad("regime", " | ".join(f'"{k}"' for k in REGIMES))
    if "benchmark" in raw:
        try:
            r = parse_rate(str(raw["benchmark"]))
            if r.per != "year" or not Decimal("0") < r.value < Decimal("0.3"):
                raise ParseError("")
            out["benchmark"] = r.value
        except ParseError:
            bad("benchmark", 'the PBOC benchmark lending rate of the loan\'s grade as a yearly percentage, e.g. "5.31%"')
    if "judgment_costs_in_base" in raw:
        if isinstance(raw["judgment_costs_in_base"], bool):
            out["judgment_costs_in_base"] = raw["judgment_costs_in_base"]
        else:
            bad("judgment_costs_in_base", "true or false")
    if "procedure" in raw:
        if raw["procedure"] in ("ordinary", "simple"):
            out["procedure"] = raw["procedure"]
        else:
            bad("procedure", '"ordinary" or "simple" (简易程序: half the case-acceptance fee)')
    if "no_term_grade" in raw:
        if raw["no_term_grade"] in ("m6", "y1"):
            out["no_term_grade"] = raw["no_term_grade"]
        else:
            bad("no_term_grade", '"m6" (six months) or "y1" (one year)')
    if "interest_term_clear" in raw:
        if isinstance(raw["interest_term_clear"], bool):
            out["interest_term_clear"] = raw["interest_term_clear"]
        else:
            bad("interest_term_clear", "true or false")
    if "original_lender_kind" in raw:
        if raw["original_lender_kind"] in PRIVATE + LICENSED:
            out["original_lender_kind"] = raw["original_lender_kind"]
        else:
            bad("original_lender_kind", " | ".join(PRIVATE + LICENSED))
    if issues:
        raise InputError(issues)
    return out


def _lender_kind(ctx, settings: dict) -> str:
    kind = ctx.terms.case.lender_kind
    return settings.get("original_lender_kind", "bank") if kind == "debt_buyer" else kind


def _formation(ctx, settings: dict) -> date:
    """When the contract was formed: ``[rules] formed`` if given; for a loan from an individual, when
    the money was handed over (Civil Code Art. 679); otherwise the signing date."""
    if "formed" in settings:
        return settings["formed"]
    t = ctx.terms
    if t.case.lender_kind == "individual" and t.disbursements:
        return max(t.contract.signed, min(x.date for x in t.disbursements))
    return t.contract.signed


def _linked_rate_findings(ctx) -> list[Finding]:
    """An LPR-linked contract rate that rests on a fixing not verified in two sources (status S or
    C, or a value supplied in [rules] for a date the table has no value for)."""
    from debtcli.rules.lpr import fixings_for, linked_rows

    table, _ = fixings_for(ctx.terms.rules)
    rows = [f for f in linked_rows(table, ctx.terms, ctx.as_of) if not f.verified]
    if not rows:
        return []
    listed = ", ".join(f"{f.date} ({f.status})" for f in rows)
    return [Finding(
        LPR_UNVERIFIED, "warning", "interest", ZERO, {"fixings": tuple((f.date, f.status) for f in rows)},
        (ref("basis.cn.lpr_linked"),), (SourceRef("case.toml", column="contract.rate"),),
        {"fixings": listed}, variant="linked")]


def _benchmark_unknown(exc: BenchmarkUnknown) -> InputError:
    return InputError([Issue(
        SourceRef("case.toml", column="rules.benchmark"),
        f"the PBOC benchmark lending rate of grade {exc.grade} in force on {exc.on} is not in the shipped table "
        "(it starts 1991-04-21). The 1991 opinion's ceiling cannot be computed without it and debtcli does not "
        f"guess: add it to case.toml as [rules] benchmark = \"9.00%\" (the yearly rate of that grade then).",
        code="BENCHMARK_MISSING")])


def _grade(ctx, settings: dict, formed: date) -> str:
    """The benchmark grade of the loan's term, formation to the last due date; a loan without a term
    takes ``[rules] no_term_grade`` (courts split between the six-month and the one-year grade)."""
    from dateutil.relativedelta import relativedelta

    dues = ctx.contract_account.due_dates
    if not dues:
        return settings.get("no_term_grade", "y1")
    delta = relativedelta(max(dues), formed)
    months = delta.years * 12 + delta.months + (1 if delta.days > 0 else 0)
    return grade_for(months)


def _account_for(ctx, terms) -> Account:
    account, issues = account_from_terms(terms, payments=ctx.contract_account.payments, fixings=ctx.fixings,
                                         until=ctx.as_of)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise InputError(errors)
    return replace(account, allocation=ctx.contract_account.allocation)


def _fee_amount(contract, fee) -> Decimal:
    if fee.amount is not None:
        return fee.amount
    return round_money(contract.principal * fee.rate, contract.rounding)


def _reduce_from_last(installments, amount: Decimal):
    out = list(installments)
    left = amount
    for i in range(len(out) - 1, -1, -1):
        if left <= 0:
            break
        take = min(left, out[i].principal)
        out[i] = replace(out[i], principal=out[i].principal - take)
        left -= take
    return tuple(out)


def _sum(d: dict, keys) -> Decimal:
    return sum((d.get(k, ZERO) for k in keys), ZERO)


def _rate_text(ctx) -> str:
    r = ctx.terms.contract.rate
    return r.text if r is not None else "none"


def _rate_findings(ctx, segments: list[CapSegment], term_caps: list[CapSegment], account: Account,
                   default_path, before: ReplayResult, after: ReplayResult) -> list[Finding]:
    """``CN.RATE_ABOVE_CAP`` for each agreed rate above the ceiling, on the components it charges: the
    contract rate on interest for the loan term; the default rate (逾期利率; with none agreed, the
    contract rate running on overdue principal, Art. 28) on default and compound interest. Where only
    one of the two is above the ceiling, its finding carries every component the lawful run changed
    (a payment the capped charge no longer takes goes elsewhere), so the findings add up to the
    interest the caps removed."""
    c = ctx.terms.contract
    term_above = _above(account.rate_path, term_caps)
    if default_path is not None:
        source = "markup" if account.default_markup is not None else "agreed"
        overdue_caps = segments
    elif account.rate_agreed:
        source, overdue_caps, default_path = "contract", term_caps, account.rate_path
    else:
        source, overdue_caps = "", segments
    overdue_above = bool(source) and _above(default_path, overdue_caps)
    diff = {k: before.charged.get(k, ZERO) - after.charged.get(k, ZERO) for k in INTEREST_COMPONENTS}
    if term_above and overdue_above:
        groups = [("term", ("interest",)), ("overdue", ("default_interest", "compound_interest"))]
    else:
        groups = [("overdue" if overdue_above else "term", INTEREST_COMPONENTS)]
    out = []
    for kind, keys in groups:
        parts = tuple((k, diff[k]) for k in keys if diff[k] != 0)
        excess = sum((v for _, v in parts), ZERO)
        if excess <= 0:
            continue
        caps = term_caps if kind == "term" else overdue_caps
        seg = segment_at(caps, ctx.as_of)
        component = parts[0][0] if len(parts) == 1 else "total"
        lines = ("interest",) if kind == "term" else ("default_interest", "compound_interest")
        params = {"ceiling": ref("ceiling.segment", en=seg.text, rate=seg.rate, regime=seg.regime, claim=seg.claim),
                  "excess": excess, "as_of": ctx.as_of, "parts": parts, "sample": _capped_line(after, lines, caps)}
        details = {"ceiling": pct(seg.rate)}
        if seg.claim is not None:  # 2015 Provisions: what may be claimed of interest unpaid
            details["ceiling_unpaid"] = pct(seg.claim)
        if kind == "term":
            params["rate"] = _rate_text(ctx)
            details["contract_rate"] = _rate_text(ctx)
            column, variant = "contract.rate", ""
        else:
            high = next((p for p in default_path if p.rate > segment_at(overdue_caps, p.date).enforceable),
                        default_path[0])
            params.update(source=source, rate=_rate_text(ctx) if source == "contract" else c.default_rate.text,
                          effective=high.rate, contract_rate=_rate_text(ctx), markup=account.default_markup)
            details["default_rate"] = pct(high.rate)
            if source != "contract":
                details["default_rate_agreed"] = c.default_rate.text
            else:
                details["contract_rate"] = _rate_text(ctx)
            column = "contract.rate" if source == "contract" else "contract.default_rate"
            variant = "default"
        details["interest_contract_terms"] = _sum(before.charged, keys)
        details["interest_lawful"] = _sum(after.charged, keys)
        details.update({"excess_" + k: v for k, v in parts})
        if kind == "overdue" and all(s.regime == "2020" for s in segments):
            basis = (ref("basis.cn.art25_28"),)  # overdue interest: the agreed overdue rate up to the ceiling
        else:
            basis = tuple(dict.fromkeys(ref("basis.cn.ceiling", regime=s.regime, en=s.basis) for s in segments))
        out.append(Finding(RATE_ABOVE_CAP, "error", component, excess, params, basis,
                           (SourceRef("case.toml", column=column),), details, variant))
    return out


def _above(path, caps: list[CapSegment]) -> bool:
    """Whether a rate path is anywhere above the ceiling (the rate enforceable when unpaid, where the
    2015 Provisions' 24%-36% band applies)."""
    return bool(path) and capped_path(tuple(path), [replace(s, rate=s.enforceable) for s in caps])[1]


def _capped_line(res: ReplayResult, components: tuple, caps: list[CapSegment]) -> tuple | None:
    """An accrual line (of a traced run) of ``components``, in that order of preference, that the
    ceiling holds, as (base, rate, days, basis, amount, first day, last day, band): the figures of the
    line courts write, at the rate the lawful run used: the first line at the ceiling (lines below it
    are not what a capped rate gives).

    Under the 2015 Provisions a line above 24% (its segment's ``claim``) accrues up to 36% and the part
    above 24% is owed only as far as it was paid. Where the run left some of it unpaid (and not owed),
    the line shown is the last such line (payments meet the oldest interest first, so it is the one
    least likely paid) at 24%, with the figure that gives, and ``band`` is (24%, 36%) so the message
    can say that what was paid in the band stands."""
    for component in components:
        unpaid_band = res.unenforced.get(component, ZERO) > 0
        in_band, first_capped = None, None
        for p in res.postings:
            for ln in p.lines:
                if ln.component != component or ln.per != "year":
                    continue
                seg = segment_at(caps, ln.start)
                if seg.claim is not None and ln.rate > seg.claim and unpaid_band:
                    in_band = (ln, seg)
                elif first_capped is None and ln.rate >= seg.rate:
                    first_capped = ln
        if in_band is not None:
            ln, seg = in_band
            rate, band = seg.claim, (seg.claim, seg.rate)
        elif first_capped is not None:
            ln, rate, band = first_capped, first_capped.rate, None
        else:
            continue
        amount = round_money(ln.base * rate * ln.days / ln.basis)
        return (ln.base, rate, ln.days, ln.basis, amount, ln.start, ln.end - timedelta(days=1), band)
    return None


def _combined_figures(res: ReplayResult, segments: list[CapSegment]) -> tuple[Decimal, Decimal]:
    """(cap, used) for Art. 29: the ceiling on every overdue-principal span, and what was charged
    in default and compound interest, penalties and fees from the first missed due date on."""
    cap = ZERO
    for p in res.postings:  # rounded per posting, as the default interest itself is
        if p.component == "default_interest":
            cap += round_money(sum((ln.base * segment_at(segments, ln.start).enforceable * ln.days / ln.basis
                                    for ln in p.lines), ZERO))
    start = res.first_missed
    fees = sum((p.amount for p in res.postings if p.component == "fees" and start is not None and p.date >= start),
               ZERO)
    used = res.charged.get("default_interest", ZERO) + res.charged.get("compound_interest", ZERO) \
        + res.charged.get("penalties", ZERO) + fees
    return cap, used


def _cut_charges(account: Account, res: ReplayResult, excess: Decimal) -> Account:
    """Remove ``excess`` from the overdue charges: the lump 违约金 first, then late fees, then fees
    charged after the first missed due date (latest first), then compound interest (the latest
    first: ``Account.compound_limit``)."""
    changes: dict = {}
    if account.penalty:
        take = min(account.penalty, excess)
        changes["penalty"] = account.penalty - take
        excess -= take
    late = [p for p in res.postings if p.kind == "late_fee"]
    if excess > 0 and late:
        late_total = sum((p.amount for p in late), ZERO)
        if account.late_fee is not None:
            each = min(account.late_fee, _ceil_cent(excess / len(late)))
            changes["late_fee"] = account.late_fee - each
        elif account.late_fee_rate is not None:
            share = min(Decimal(1), excess / late_total)
            changes["late_fee_rate"] = account.late_fee_rate * (1 - share)
        excess -= min(excess, late_total)
    if excess > 0 and res.first_missed is not None:
        charges = list(account.charges)
        for i in sorted(range(len(charges)), key=lambda i: charges[i].date, reverse=True):
            ch = charges[i]
            if excess <= 0 or ch.component != "fees" or ch.withheld or ch.date < res.first_missed:
                continue
            take = min(ch.amount, excess)
            charges[i] = replace(ch, amount=ch.amount - take)
            excess -= take
        changes["charges"] = tuple(ch for ch in charges if ch.amount > 0)
    if excess > 0 and account.compound:  # the compound interest charged, cut by what is left, the latest first
        changes["compound_limit"] = max(ZERO, res.charged.get("compound_interest", ZERO) - excess)
    return replace(account, **changes)


def _ceil_cent(x: Decimal) -> Decimal:
    from decimal import ROUND_CEILING

    return x.quantize(Decimal("0.01"), rounding=ROUND_CEILING)
