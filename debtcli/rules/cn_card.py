"""The ``cn`` rules for card accounts (信用卡), used by ``CnPack`` when ``product = "card"``.

What the lawful replay changes (cn-law.md §6; the confidence of each source is in the basis text):

* From 2017-01-01 no interest on 违约金, annual fees, cash-advance fees and currency-conversion fees
  (PBOC notice on credit card business 银发〔2016〕111号): fee lots stop bearing interest on that day.
  The interest the issuer charged on them is ``CN.INTEREST_ON_FEES``, with the amount: charged by
  the contract, or found in an issuer's interest line that exceeds the recomputation by exactly the
  interest on fees.
* 2017-01-01 to 2020-12-31: the overdraft rate at most 0.05% a day (and at least 0.7 times that, which
  only matters to the issuer); before 2017 the rate was 0.05% a day by rule. A higher contract rate is
  capped for those days (``CN.RATE_ABOVE_CAP``). From 2021-01-01 the rate is by agreement.
* Before 2017 the late charge was the 滞纳金: 5% of the unpaid minimum payment, with no floor; a
  contractual 违约金 applies to due dates from 2017-01-01.
* Over-limit fees (超限费) posted from 2017-01-01 have no basis (``UNAUTHORIZED_CHARGE``).
* Courts may reduce the total of interest, compound interest, 违约金 and installment fees at the
  cardholder's request (SPC bank-card provisions 法释〔2021〕10号 Art. 2); the text names no figure and
  many courts use 24% a year on the principal outstanding. The line is the ``[rules]`` setting
  ``card_reduction_line`` ("24%" by default); what lies above it is ``CN.REDUCIBLE_ABOVE_24``, a
  warning (a reduction on request, not a cut in the lawful balance).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from debtcli.engine.account import RatePoint
from debtcli.engine.card import PenaltyRegime
from debtcli.engine.daycount import basis_days
from debtcli.engine.replay import Replays
from debtcli.model.findings import UNAUTHORIZED_CHARGE, Finding, text
from debtcli.model.money import ZERO, ParseError, parse_rate, round_money
from debtcli.model.records import InputError, Issue, SourceRef
from debtcli.terms.schema import LatePenalty

RULES_2017 = date(2017, 1, 1)
BAND_END = date(2021, 1, 1)  # first day of free rates
DAILY_CAP = Decimal("0.0005")
DAILY_FLOOR = DAILY_CAP * Decimal("0.7")
OLD_LATE_FEE = LatePenalty(rate=Decimal("0.05"))
DEFAULT_REDUCTION_LINE = Decimal("0.24")

INTEREST_ON_FEES = "CN.INTEREST_ON_FEES"
RATE_ABOVE_CAP = "CN.RATE_ABOVE_CAP"
REDUCIBLE_ABOVE_24 = "CN.REDUCIBLE_ABOVE_24"
CARD_LINE_CUT = "CN.CARD_LINE_CUT"
SETTINGS = ("card_reduction_line", "card_line")
CARD_LINES = ("warn", "24%", "4xLPR@filing")

BASIS = {
    "fees": "PBOC notice on credit card business (银发〔2016〕111号), from 2017-01-01: no interest on 违约金, annual, "
            "cash-advance and currency-conversion fees (secondary sources)",
    "band": "PBOC notice 银发〔2016〕111号: overdraft rate at most 0.05% a day and at least 0.7 times that, "
            "2017-01-01 to 2020-12-31; before 2017 0.05% a day (secondary sources)",
    "late_fee": "Bank card rules 1999 (银发〔1999〕17号): 滞纳金 5% of the unpaid minimum payment before 2017 "
                "(unverified)",
    "overlimit": "PBOC notice 银发〔2016〕111号: over-limit fees abolished from 2017-01-01 (secondary sources)",
    "reduce": "SPC bank-card provisions 法释〔2021〕10号 Art. 2: the cardholder may ask to reduce the total of "
              "interest, compound interest, 违约金 and installment fees; the 24% line is court practice (unverified)",
}
# the same rules as catalogue references, for findings (their words are in debtcli.messages)
LAW = {k: text("basis.cn_card." + k) for k in BASIS}


def _settings(ctx) -> dict:
    raw = dict(ctx.settings or {})
    out = {"card_reduction_line": DEFAULT_REDUCTION_LINE}
    if "card_reduction_line" in raw:
        try:
            r = parse_rate(str(raw["card_reduction_line"]))
            if r.per != "year":
                raise ParseError("")
            out["card_reduction_line"] = r.value
        except ParseError:
            raise InputError([Issue(SourceRef("case.toml", column="rules.card_reduction_line"),
                                    f"rules.card_reduction_line: found {raw['card_reduction_line']!r}, expected a "
                                    "yearly percentage such as \"24%\"", code="TERMS")]) from None
    if "card_line" in raw:
        if raw["card_line"] in CARD_LINES:
            out["card_line"] = raw["card_line"]
        else:
            raise InputError([Issue(SourceRef("case.toml", column="rules.card_line"),
                                    f"rules.card_line: found {raw['card_line']!r}, expected "
                                    + " | ".join(f'"{x}"' for x in CARD_LINES), code="TERMS")])
    return out


def _card_tagged(ctx, f):
    """The regime and stretch a card finding applies to: the card rules of the time (before 2017-01-01,
    2017-01-01 to 2020-12-31, from 2021-01-01), over the account's life up to the as-of date."""
    if f is None or any(b.key == "cn_card.tag" or b.key.startswith("cn.tag.") for b in f.basis):
        return f
    return replace(f, basis=tuple(f.basis) + (text("cn_card.tag", start=ctx.terms.contract.signed, end=ctx.as_of),))


def capped_rate_path(path, basis: int) -> tuple[tuple[RatePoint, ...], bool]:
    """The rate path with every rate before 2021-01-01 held to 0.05% a day."""
    cap = DAILY_CAP * basis
    out, capped = [], False
    for i, p in enumerate(path):
        nxt = path[i + 1].date if i + 1 < len(path) else None
        if p.date < BAND_END and p.rate > cap:
            capped = True
            out.append(RatePoint(p.date, cap, f"{p.text} capped at 0.05%/day"))
            if nxt is None or nxt > BAND_END:
                out.append(RatePoint(BAND_END, p.rate, p.text))
        else:
            out.append(p)
    return tuple(out), capped


class CnCardPack:
    name = "cn"
    version = "1"
    allocation_default = None

    def __init__(self, replays: Replays | None = None):
        self.replays = replays if replays is not None else Replays()  # the cn pack's: each run once

    # ------------------------------------------------------------------ lawful account
    def lawful_account(self, ctx):
        account = ctx.contract_account
        plan = account.card
        findings: list[Finding] = []
        notes: dict = {}
        _settings(ctx)
        path, capped = capped_rate_path(account.rate_path, basis_days(account.day_count))
        if capped:
            notes["card_rate"] = text("note.cn_card.rate")
        until = plan.fee_interest_until
        if plan.interest_on_fees:
            until = RULES_2017 if until is None else min(until, RULES_2017)
            notes["card_fee_interest"] = text("note.cn_card.fee_interest")
        penalties = plan.penalties
        if account.signed < RULES_2017 or any(t.posted < RULES_2017 for t in plan.txns):
            later = tuple(r for r in penalties if r.start >= RULES_2017)
            contract_from_2017 = plan.penalty_on(RULES_2017)
            penalties = (PenaltyRegime(date.min, OLD_LATE_FEE, "滞纳金"),)
            if contract_from_2017 is not None:
                penalties += (PenaltyRegime(RULES_2017, contract_from_2017.spec, contract_from_2017.name),)
            penalties += tuple(r for r in later if r.start > RULES_2017)
            notes["card_late_charge"] = text("note.cn_card.late_charge")
        txns = []
        for t in plan.txns:
            if t.kind == "overlimit_fee" and t.posted >= RULES_2017:
                findings.append(Finding(
                    UNAUTHORIZED_CHARGE, "error", "fees", t.amount, {"charged": t.amount, "date": t.posted},
                    (LAW["overlimit"],), (t.source,) if t.source else (), {"date": t.posted}, variant="overlimit"))
                continue
            txns.append(t)
        lawful = replace(account, rate_path=path,
                         card=replace(plan, fee_interest_until=until, penalties=penalties, txns=tuple(txns)))
        return lawful, [_card_tagged(ctx, f) for f in findings], notes

    # ------------------------------------------------------------------ review
    def review(self, ctx, contract_result, lawful_result) -> list[Finding]:
        if contract_result.card is None:
            return []
        settings = _settings(ctx)
        out = self._interest_on_fees(ctx, contract_result)
        out += self._rate_band(ctx)
        out = [_card_tagged(ctx, f) for f in out if f is not None]
        if settings.get("card_line", "warn") == "warn":  # otherwise adjust_lawful cuts to the line
            out += self._reducible(ctx, contract_result, lawful_result, settings["card_reduction_line"])
        return [_card_tagged(ctx, f) for f in out if f is not None]

    def _interest_on_fees(self, ctx, res) -> list[Finding]:
        from debtcli.engine.card_checks import fee_interest_explained

        account = ctx.contract_account
        places, rounding = account.places, account.rounding
        by_contract = ZERO
        for ln in res.card.fee_interest_lines:
            if ln.end > RULES_2017:
                days = (ln.end - max(ln.start, RULES_2017)).days
                by_contract += ln.amount * days / ln.days if ln.days else ZERO
        by_contract = round_money(by_contract, rounding, places)
        out = []
        if by_contract > 0:
            out.append(Finding(
                INTEREST_ON_FEES, "error", "interest", by_contract, {"interest": by_contract, "as_of": ctx.as_of},
                (LAW["fees"],), (SourceRef("case.toml", column="contract.interest_on_fees"),),
                {"interest_on_fees": by_contract}, variant="contract"))
        for k, (amount, rows) in sorted(fee_interest_explained(res, places, rounding).items()):
            s = res.card.statements[k][0]
            if s < RULES_2017:
                continue
            out.append(Finding(
                INTEREST_ON_FEES, "error", "interest", amount, {"statement_date": s, "interest": amount},
                (LAW["fees"],), tuple(r.source for r in rows), {"statement_date": s, "interest_on_fees": amount},
                variant="statement"))
        return out

    def _rate_band(self, ctx) -> list[Finding]:
        account = ctx.contract_account
        cap = DAILY_CAP * basis_days(account.day_count)
        if account.signed >= BAND_END or all(p.rate <= cap for p in account.rate_path):
            return []  # no day of the band at a rate above the cap
        # the days above the cap are read from the accrual lines: the traced contractual run, also when
        # the report is built without its trace (JSON, batch), which left this finding out
        res = self.replays.run(account, ctx.as_of, True)
        excess = ZERO
        for p in res.postings:
            for ln in p.lines:
                if ln.start >= BAND_END or ln.rate <= cap or not ln.days:
                    continue
                days = (min(ln.end, BAND_END) - ln.start).days
                excess += ln.amount * (ln.rate - cap) / ln.rate * days / ln.days
        excess = round_money(excess, account.rounding, account.places)
        if excess <= 0:
            return []
        return [Finding(
            RATE_ABOVE_CAP, "error", "interest", excess, {"excess": excess},
            (LAW["band"],), (SourceRef("case.toml", column="contract.rate"),), {"daily_cap": DAILY_CAP},
            variant="card")]

    def _reducible(self, ctx, contract_res, res, line_rate: Decimal) -> Finding | list:
        """The total the issuer asks for in interest, compound interest, 违约金 and installment fees,
        against the line on the principal outstanding (法释〔2021〕10号 Art. 2)."""
        from debtcli.rules.cn_demanded import demanded_cost

        account = ctx.contract_account
        places = account.places
        cost, _, source = demanded_cost(ctx, contract_res, ("interest", "default_interest", "compound_interest",
                                                             "penalties", "installment_fees"))
        line = reduction_line(res.card.principal_steps, ctx.as_of, line_rate)
        line = round_money(line, account.rounding, places)
        over = cost - line
        if over <= 0:
            return []
        pct = f"{(line_rate * 100).normalize():f}%"
        return [Finding(
            REDUCIBLE_ABOVE_24, "warning", "total", over,
            {"cost": cost, "as_of": ctx.as_of, "line_rate": line_rate, "line": line, "over": over},
            (LAW["reduce"],), (SourceRef("case.toml", column="rules.card_reduction_line"),),
            {"total_cost": cost, "line": line, "line_rate": pct, "cost_source": source}, variant="card")]

    # ------------------------------------------------------------------ the court line, cut
    def adjust_lawful(self, ctx, contract_result, lawful_result):
        """``[rules] card_line = "24%"`` or ``"4xLPR@filing"``: interest, compound interest, 违约金 and fees
        above the line on the principal outstanding are cut from the lawful balance, as the courts that
        apply the line do (unpaid 违约金 first, then fees, compound, default and ordinary interest; what
        was already paid above the line is set against principal). ``"warn"`` (default) only reports it."""
        settings = _settings(ctx)
        mode = settings.get("card_line", "warn")
        if mode == "warn" or lawful_result.card is None:
            return lawful_result, [], {}
        account = ctx.contract_account
        places, rounding = account.places, account.rounding
        if mode == "24%":
            rate, line_text = Decimal("0.24"), text("cn_card.line.24")
        else:
            from debtcli.rules.cn_caps import LprUnknown, lpr_on, lpr_unknown

            filed = ctx.terms.case.filed or ctx.as_of
            try:
                used = lpr_on(ctx.fixings, filed, f"card line at filing {filed}")
            except LprUnknown as exc:
                raise lpr_unknown(exc, ctx) from None
            rate = used.ceiling
            line_text = text("cn_card.line.lpr", lpr=used.lpr, ceiling=used.ceiling, fixing=used.fixing_date,
                             supplied=bool(used.supplied))
        line = round_money(reduction_line(lawful_result.card.principal_steps, ctx.as_of, rate), rounding, places)
        charged = lawful_result.charged
        parts = ("penalties", "fees", "compound_interest", "default_interest", "interest")
        cost = sum((charged.get(c, ZERO) for c in parts), ZERO)
        over = cost - line
        if over <= 0:
            return lawful_result, [], {"card_line": text("note.cn_card.line_within", line_text=line_text, cost=cost,
                                                         line=line)}
        balance = dict(lawful_result.balance)
        buckets = {b: dict(v) for b, v in lawful_result.buckets.items()}
        left = over
        for comp in parts + ("principal",):
            for b in ("overdue", "due", "not_due"):
                take = min(left, buckets[b][comp])
                if take > 0:
                    buckets[b][comp] -= take
                    buckets[b]["total"] -= take
                    balance[comp] -= take
                    balance["total"] -= take
                    left -= take
        from dataclasses import replace as _replace

        result = _replace(lawful_result, balance=balance, buckets=buckets)
        cut = over - left
        finding = Finding(
            CARD_LINE_CUT, "error", "total", cut,
            {"cost": cost, "as_of": ctx.as_of, "line_text": line_text, "line": line, "cut": cut, "mode": mode},
            (text("cn_card.line_basis", lpr=mode != "24%", filed=ctx.terms.case.filed or ctx.as_of,
                  start=ctx.terms.contract.signed, end=ctx.as_of),),
            (SourceRef("case.toml", column="rules.card_line"),),
            {"total_cost": cost, "line": line, "line_rate": f"{(rate * 100).normalize():f}%"})
        return result, [finding], {"card_line": text("note.cn_card.line_cut", line_text=line_text)}

    # ------------------------------------------------------------------ limitation
    def limitation(self, ctx, contract_result):
        """Three years from the due date of the last statement, interrupted by payments and notices."""
        from debtcli.rules.cn_limitation import INTERRUPTING, limitation_period

        if contract_result.card is None:
            return None
        dues = tuple(due for _, due in contract_result.card.statements if due <= ctx.as_of)
        interruptions = [(e.date, e.type) for e in ctx.terms.events if e.type in INTERRUPTING]
        interruptions += [(p.date, "payment") for p in contract_result.payments if p.kind == "payment"]
        checked = ctx.terms.case.filed or ctx.as_of
        return limitation_period(dues, contract_result.accelerated_on, interruptions, checked)

    def legal_basis(self, component: str) -> str:
        return {"interest": "card agreement; " + BASIS["band"], "penalties": "card agreement; " + BASIS["late_fee"],
                "fees": "card agreement; " + BASIS["fees"]}.get(component, "card agreement")


def reduction_line(principal_steps, as_of: date, rate: Decimal) -> Decimal:
    """rate x principal outstanding x days / 365, summed over the spans the principal was constant."""
    total, balance, prev = ZERO, ZERO, None
    for day, delta in sorted(principal_steps, key=lambda x: x[0]):
        if day >= as_of:
            break
        if prev is not None and day > prev and balance > 0:
            total += balance * rate * (day - prev).days / 365
        balance += delta
        prev = day if prev is None or day > prev else prev
    if prev is not None and as_of > prev and balance > 0:
        total += balance * rate * (as_of - prev).days / 365
    return total


__all__ = ["CnCardPack", "capped_rate_path", "reduction_line", "DAILY_FLOOR"]
