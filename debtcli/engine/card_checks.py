"""Checking a card issuer's statements against the replay.

Every interest, 违约金 and fee line the issuer posted is compared with what the replay posted in the
same statement cycle (the cycle a line belongs to is the one whose statement date is the first on or
after its posting date). A difference is a ``POSTING_MISMATCH`` carrying both figures, the days of the
cycle, the day count and the interest model. Where the contract does not say which interest model
applies, the replay runs under both and the difference is shown.

Also here: the cycle-by-cycle statement as plain values (``cycles_as_dicts``) for the report.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from datetime import date
from decimal import Decimal

from debtcli.engine.card import INTEREST_MODELS
from debtcli.model.findings import POSTING_MISMATCH, Finding, text
from debtcli.model.money import ZERO, fmt_grouped, round_money
from debtcli.model.records import SourceRef

INTEREST_MODEL_UNSTATED = "INTEREST_MODEL_UNSTATED"
TYPE_COMPONENT = {"interest": "interest", "penalty": "penalties", "cash_advance_fee": "fees", "annual_fee": "fees",
                  "installment_fee": "fees", "installment": "principal"}


def cycle_of(statements, day: date) -> int | None:
    """Index of the statement cycle a posting on ``day`` belongs to (None after the last statement)."""
    dates = [s for s, _ in statements]
    k = bisect_left(dates, day)
    return k if k < len(dates) else None


def recomputed_by_cycle(result) -> dict:
    """(cycle, ledger type) -> amount the replay posted, from its postings."""
    out: dict = {}
    statements = result.card.statements
    for p in result.postings:
        if p.kind == "as_of" or p.name not in TYPE_COMPONENT:
            continue
        k = cycle_of(statements, p.date)
        if k is None:
            continue
        out[(k, p.name)] = out.get((k, p.name), ZERO) + p.amount
    return out


def posted_by_cycle(result) -> dict:
    """(cycle, ledger type) -> (amount the issuer posted, its rows)."""
    out: dict = {}
    statements = result.card.statements
    for row in result.card.checked:
        k = cycle_of(statements, row.posted or row.date)
        if k is None:
            continue
        amount, rows = out.get((k, row.type), (ZERO, ()))
        out[(k, row.type)] = (amount + row.amount, rows + (row,))
    return out


def _lines_text(lines, places: int) -> str:
    parts = []
    for ln in lines:
        daily = ln.rate / ln.basis
        parts.append(f"{fmt_grouped(ln.base, places)} x {daily * 100:.4f}%/day x {ln.days} days "
                     f"({ln.start} to {date.fromordinal(ln.end.toordinal() - 1)}, on {ln.on or ln.component})")
    return " + ".join(parts)


def fee_interest_explained(result, places: int, rounding: str) -> dict:
    """cycle -> interest the issuer charged on fees and 违约金 beyond the replay: where the issuer's
    interest line exceeds the recomputation by exactly the interest the fee lots would have borne."""
    if result.card is None:
        return {}
    posted = posted_by_cycle(result)
    recomputed = recomputed_by_cycle(result)
    out = {}
    for (k, typ), (amount, rows) in posted.items():
        if typ != "interest" or k >= len(result.card.cycles):
            continue
        over = amount - recomputed.get((k, "interest"), ZERO)
        shadow = round_money(result.card.cycles[k].fee_interest, rounding, places)
        if over > 0 and shadow > 0 and abs(over - shadow) <= Decimal(1).scaleb(-places):
            out[k] = (over, rows)
    return out


def posting_findings(result, account, places: int, other=None) -> list[Finding]:
    """``POSTING_MISMATCH`` for every cycle and charge type where the issuer's lines differ from the replay.
    ``other`` is the replay under the other interest model, shown when the contract is silent."""
    card = result.card
    if card is None:
        return []
    posted = posted_by_cycle(result)
    recomputed = recomputed_by_cycle(result)
    other_rec = recomputed_by_cycle(other) if other is not None else {}
    explained = fee_interest_explained(result, places, account.rounding)
    out = []
    for (k, typ), (amount, rows) in sorted(posted.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        mine = recomputed.get((k, typ), ZERO)
        if amount == mine:
            continue
        cyc = card.cycles[k] if k < len(card.cycles) else None
        s, due = card.statements[k]
        diff = amount - mine
        details = {"statement_date": s, "posted": amount, "recomputed": mine, "model": card.model,
                   "day_count": account.day_count}
        if cyc is not None:
            details["cycle_start"] = cyc.start
            details["days"] = cyc.days
        params = {"type": typ, "statement_date": s, "posted": amount, "recomputed": mine, "difference": diff}
        if typ == "interest" and cyc is not None:
            details["computation"] = _lines_text(cyc.lines, places) or "no interest due in this cycle"
            params.update(model=card.model, days=cyc.days, cycle_start=cyc.start, day_count=account.day_count,
                          lines=tuple((ln.base, ln.rate / ln.basis, ln.days, ln.start,
                                       date.fromordinal(ln.end.toordinal() - 1), ln.on or ln.component)
                                      for ln in cyc.lines))
            if other is not None:
                alt = other_rec.get((k, typ), ZERO)
                details["other_model"] = other.card.model
                details["other_model_recomputed"] = alt
                params.update(other_model=other.card.model, other_recomputed=alt)
            if k in explained:
                details["interest_on_fees"] = explained[k][0]
                params["interest_on_fees"] = True
        out.append(Finding(
            POSTING_MISMATCH, "error" if diff > 0 else "warning", TYPE_COMPONENT.get(typ, "fees"), diff, params,
            (text("basis.card.clause", type=typ, model=card.model, stated=card.model_stated),),
            tuple(r.source for r in rows), details, variant="card"))
    return out


def other_model_run(account, as_of: date, trace: bool = True):
    """The same account replayed under the other interest model."""
    from debtcli.engine.replay import replay

    plan = account.card
    other = next(m for m in INTEREST_MODELS if m != plan.interest_model)
    return replay(replace(account, card=replace(plan, interest_model=other)), as_of, trace)


def model_difference_finding(result, other, places: int) -> list[Finding]:
    """When the contract does not say which interest model applies: both totals and their difference."""
    if result.card is None or result.card.model_stated or other is None:
        return []
    mine = result.charged["interest"] + result.charged["compound_interest"]
    alt = other.charged["interest"] + other.charged["compound_interest"]
    diff = mine - alt
    m1, m2 = result.card.model, other.card.model
    return [Finding(
        INTEREST_MODEL_UNSTATED, "info", "interest", diff,
        {"used": m1, "other": m2, "used_interest": mine, "other_interest": alt, "difference": diff},
        (text("basis.card.model_unstated"),), (SourceRef("case.toml", column="contract.interest_model"),),
        {m1: mine, m2: alt})]


def cycles_as_dicts(result) -> list[dict]:
    """The statement cycle by cycle (amounts as Decimal, dates as date), skipping empty cycles."""
    if result is None or result.card is None:
        return []
    out = []
    for c in result.card.cycles:
        if c.opening == 0 and c.closing == 0 and c.new_transactions == 0 and c.payments == 0 and c.interest == 0 \
                and c.penalties == 0:
            continue
        out.append({
            "statement_date": c.statement_date, "due_date": c.due_date, "opening": c.opening,
            "new_transactions": c.new_transactions, "payments": c.payments, "interest": c.interest,
            "penalties": c.penalties, "closing": c.closing, "minimum_payment": c.minimum_payment,
            "days_past_due": c.days_past_due, "bucket": c.bucket,
            "cycle_start": c.start, "days": c.days, "paid_in_full": c.paid_in_full,
            "interest_lines": [
                {"component": ln.component, "on": ln.on, "start": ln.start, "end": ln.end,
                 "last_day": date.fromordinal(ln.end.toordinal() - 1), "days": ln.days,
                 "base": ln.base, "rate": ln.rate, "basis": ln.basis, "amount": ln.amount}
                for ln in c.lines],
        })
    return out


def card_report_parts(account, contract_res, lawful_res, as_of: date, trace: bool = True) -> tuple[list, dict]:
    """(findings, report extra) for a card case: the issuer-posting checks, the interest-model
    comparison when the contract is silent, and the statement cycle by cycle."""
    if contract_res.card is None:
        return [], {}
    places = account.places
    other = None if contract_res.card.model_stated else other_model_run(account, as_of, trace)
    findings = posting_findings(contract_res, account, places, other)
    findings += model_difference_finding(contract_res, other, places)
    extra = {
        "cycles": cycles_as_dicts(lawful_res),
        "contract_cycles": cycles_as_dicts(contract_res),
        "interest_model": contract_res.card.model,
        "interest_model_stated": contract_res.card.model_stated,
    }
    unchecked = [row for row in contract_res.card.checked
                 if cycle_of(contract_res.card.statements, row.posted or row.date) is None]
    if unchecked:  # posted after the last statement up to the as-of date: no cycle to compare with yet
        extra["unchecked_rows"] = [{**row.source.evidence(), "reason": "posted after the last statement before "
                                    f"{as_of}; compare it on a later as-of date"} for row in unchecked]
    if other is not None:
        extra["interest_models"] = {
            contract_res.card.model: contract_res.charged["interest"] + contract_res.charged["compound_interest"],
            other.card.model: other.charged["interest"] + other.charged["compound_interest"],
        }
    return findings, extra


__all__ = ["INTEREST_MODEL_UNSTATED", "card_report_parts", "cycle_of", "cycles_as_dicts", "fee_interest_explained",
           "model_difference_finding", "other_model_run", "posting_findings"]
