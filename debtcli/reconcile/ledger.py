"""Checks of the creditor's ledger (台账) that need the replay.

* ``LEDGER_ARITHMETIC``: the running balance column (余额) is re-added row by row in file order:
  each row's stated balance must equal the previous stated balance plus what the row moves
  (charges and disbursements add, payments, waivers, refunds and write-offs subtract, an
  adjustment adds its signed amount). After a difference the check goes on from the stated figure,
  so one error is reported once.
* ``POSTING_MISMATCH``: each interest, default-interest, compound-interest, fee and penalty posting
  is compared with what the contractual replay charges for the same component over the same
  period: from the ledger's previous posting of that component (exclusive) to this one
  (inclusive). The replay's figure is what it crystallised in that period plus the accrual that
  was still running at either end, pro rata by day. A difference within ``[reconcile] tolerance``
  (default: one minor unit) is shown as rounding, severity info.
* ``PAYMENT_MISMATCH``: the same payment posted with another amount or date
  (``reconcile.payments``).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from decimal import Decimal

from debtcli.model.findings import LEDGER_ARITHMETIC, POSTING_MISMATCH, Finding, text
from debtcli.model.money import ZERO, round_money
from debtcli.model.records import CHARGE_COMPONENT, LedgerRow
from debtcli.reconcile.findings import contract_basis
from debtcli.reconcile.payments import match_payments, match_settings, mismatch_findings

ADDS = {"disbursement", "purchase", "cash_advance", "installment", *CHARGE_COMPONENT}
SUBTRACTS = {"payment", "waiver", "refund", "write_off"}
COMPARED = ("interest", "default_interest", "compound_interest", "fees", "penalties")


def ledger_findings(case, contract_result, account, match=None) -> list[Finding]:
    """Every ledger check that needs the replay, for ``build_report``. ``match`` is the payment
    match already made for the replay; it is matched again only when made with other settings."""
    places = account.places
    out = arithmetic_findings(case.ledger, places)
    out += posting_findings(case, contract_result, account)
    if case.has_ledger and (case.payments or case.terms.payments):
        settings = match_settings(case.terms)
        if match is None or not match.made_with(settings):
            match = match_payments(case.ledger, tuple(case.terms.payments) + tuple(case.payments),
                                   *settings).until(contract_result.as_of)
        out += mismatch_findings(match, places)
    return out


# ---------------------------------------------------------------------- running balance


def movement(row: LedgerRow) -> Decimal:
    """What a posting does to the balance the creditor shows."""
    if row.type == "adjustment":
        return row.amount
    if row.type in SUBTRACTS:
        return -row.amount
    return row.amount if row.type in ADDS else ZERO


def shows_principal_only(rows) -> bool:
    """True when every charge row with a balance leaves it unchanged: the column is the principal
    outstanding (贷款余额), not the total owed, and cannot be re-added from the postings."""
    charges, previous = 0, None
    for row in rows:
        if row.balance is None:
            continue
        if previous is not None and row.type in CHARGE_COMPONENT and row.amount != 0:
            charges += 1
            if row.balance != previous:
                return False
        previous = row.balance
    return charges > 0


def arithmetic_findings(ledger, places: int) -> list[Finding]:
    """``LEDGER_ARITHMETIC`` for each running balance that the postings before it do not give, in the
    order the creditor printed them: file order, or, for one table whose dates never rise and do fall
    (newest first, as many bank exports list them), from its last row up."""
    rows = sorted(ledger, key=lambda r: (r.source.file, r.source.sheet or "", r.source.row or 0))
    if not any(r.balance is not None for r in rows):
        return []
    if len({(r.source.file, r.source.sheet) for r in rows}) == 1 and _newest_first([r.date for r in rows]):
        rows.reverse()
    if shows_principal_only(rows):
        first = next(r for r in rows if r.balance is not None)
        return [Finding(
            LEDGER_ARITHMETIC, "info", "principal", ZERO, {}, (text("basis.ledger"),), (first.source,), {},
            variant="principal_only")]
    out = []
    running = ZERO
    previous: LedgerRow | None = None
    for row in rows:
        running += movement(row)
        if row.balance is None:
            continue
        diff = row.balance - running
        if diff != 0:
            out.append(_arithmetic_finding(row, previous, running, diff, places))
        running = row.balance
        previous = row
    return out


def _newest_first(dates: list) -> bool:
    """Whether ``dates`` fall somewhere and never rise."""
    pairs = list(zip(dates, dates[1:]))
    return any(a > b for a, b in pairs) and not any(a < b for a, b in pairs)


def _arithmetic_finding(row: LedgerRow, previous: LedgerRow | None, computed: Decimal, diff: Decimal,
                        places: int) -> Finding:
    sign = "+" if row.type not in SUBTRACTS and row.type != "adjustment" else ("-" if row.type in SUBTRACTS else "")
    return Finding(
        LEDGER_ARITHMETIC, "error" if diff > 0 else "warning", None, diff,
        {"date": row.date, "row": row.source.row, "stated": row.balance,
         "previous_row": previous.source.row if previous else None,
         "previous_balance": previous.balance if previous else None,
         "type": row.type, "sign": sign, "posted": row.amount, "computed": computed, "difference": diff},
        (text("basis.ledger_running_balance"),),
        tuple(x for x in (row.source.__class__(row.source.file, row.source.row, row.source.sheet, "balance",
                                                  row.source.raw),
                          previous.source if previous else None) if x is not None),
        {"stated": row.balance, "computed": computed, "difference": diff, "date": row.date})


# ---------------------------------------------------------------------- postings against the replay


def posting_findings(case, contract_result, account) -> list[Finding]:
    basis = contract_basis(case.terms)
    tolerance = case.terms.reconcile.get("tolerance", Decimal(1).scaleb(-account.places))
    groups: dict[str, dict[date, list[LedgerRow]]] = {}
    for row in case.ledger:
        comp = CHARGE_COMPONENT.get(row.type)
        if comp not in COMPARED or row.date > contract_result.as_of:
            continue
        if basis.get(comp) is None and comp != "interest":
            continue  # a charge with no basis at all is UNAUTHORIZED_CHARGE, not a wrong figure
        groups.setdefault(comp, {}).setdefault(row.date, []).append(row)
    out = []
    for comp in COMPARED:
        if comp not in groups:
            continue
        postings = [p for p in contract_result.postings if p.component == comp]
        charged_through = _ChargedThrough(postings)
        prev: date | None = None
        for day in sorted(groups[comp]):
            rows = groups[comp][day]
            posted = sum((r.amount for r in rows), ZERO)
            recomputed = round_money(charged_through(day) - charged_through(prev), account.rounding, account.places)
            diff = posted - recomputed
            if diff != 0:
                out.append(_posting_finding(comp, rows, prev, day, posted, recomputed, diff, tolerance,
                                            account.places, basis.get(comp) or text("basis.contract")))
            prev = day
    return out


def _charged_through(postings, day: date | None) -> Decimal:
    """What the replay charged for a component up to and including ``day``: the postings made by
    then, plus the accrual running on that day (days before ``day``) of postings made later."""
    if day is None:
        return ZERO
    total = ZERO
    for p in postings:
        if p.date <= day:
            total += p.amount
            continue
        for line in p.lines:
            if line.start < day and line.days > 0:
                covered = (min(line.end, day) - line.start).days
                total += line.amount * covered / line.days
    return total


class _ChargedThrough:
    """``_charged_through(postings, day)`` for one component's postings, asked for days in rising order:
    the postings made by ``day`` are a running total (postings come in date order), and only the
    later postings whose accrual lines start before ``day`` are visited; the additions are the same,
    in the same order, as ``_charged_through`` makes them. Postings out of date order fall back to it."""

    def __init__(self, postings):
        self.postings = postings
        self.dated = all(a.date <= b.date for a, b in zip(postings, postings[1:]))
        if not self.dated:
            return
        self.dates = [p.date for p in postings]
        self.prefix = [ZERO]  # prefix[j]: the first j postings' amounts, added in order from zero
        for p in postings:
            self.prefix.append(self.prefix[-1] + p.amount)
        # earliest[j]: the earliest start of an accrual line of postings j.. (None: no line)
        self.earliest: list = [None] * (len(postings) + 1)
        for j in range(len(postings) - 1, -1, -1):
            starts = [line.start for line in postings[j].lines if line.days > 0]
            later = self.earliest[j + 1]
            first = min(starts) if starts else None
            self.earliest[j] = first if later is None else (later if first is None else min(first, later))

    def __call__(self, day: date | None) -> Decimal:
        if day is None:
            return ZERO
        if not self.dated:
            return _charged_through(self.postings, day)
        j = bisect_right(self.dates, day)  # postings[:j] are made by ``day``
        total = self.prefix[j]
        postings, earliest = self.postings, self.earliest
        while j < len(postings) and earliest[j] is not None and earliest[j] < day:
            for line in postings[j].lines:
                if line.start < day and line.days > 0:
                    covered = (min(line.end, day) - line.start).days
                    total += line.amount * covered / line.days
            j += 1
        return total


def _posting_finding(comp, rows, prev, day, posted, recomputed, diff, tolerance, places, basis) -> Finding:
    rounding = abs(diff) <= tolerance
    return Finding(
        POSTING_MISMATCH, "info" if rounding else ("error" if diff > 0 else "warning"), comp, diff,
        {"component": comp, "date": day, "rows": tuple(r.source.row for r in rows), "posted": posted,
         "recomputed": recomputed, "since": prev, "rounding": rounding, "tolerance": tolerance, "difference": diff},
        (basis,), tuple(r.source for r in rows),
        {"ledger": posted, "recomputed": recomputed, "difference": diff, "from": prev, "to": day,
         "rounding": rounding})
