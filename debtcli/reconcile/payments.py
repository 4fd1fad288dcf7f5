"""Match the creditor's ledger payments against the independent payment records (对账).

One-to-one and deterministic, in three passes over what is still unpaired:

1. **match**: same amount, dates at most ``window_days`` apart (default 3). Among all such pairs the
   ones sharing a reference go first, then the closest dates, then ledger order, then record order.
2. **reference mismatch**: the same non-empty reference with a different amount or a date outside
   the window: the same payment, posted differently.
3. **date mismatch**: the same amount, dates further apart than the window but at most
   ``mismatch_days`` (default 31): probably the same payment, posted late or early.

What is left is ``unposted`` (in the records, not credited in the ledger) or ``unverified`` (in the
ledger, not in the records). The replay credits every payment either side shows, once; for a
mismatched pair it credits the independent record.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from debtcli.model.findings import PAYMENT_MISMATCH, Finding, text
from debtcli.model.records import LedgerRow, PaymentRecord, SourceRef

DEFAULT_WINDOW_DAYS = 3
DEFAULT_MISMATCH_DAYS = 31


@dataclass(frozen=True)
class PaymentMatch:
    matched: tuple[tuple[LedgerRow, PaymentRecord], ...] = ()
    unposted: tuple[PaymentRecord, ...] = ()  # in the records, not credited in the ledger
    unverified: tuple[LedgerRow, ...] = ()  # in the ledger, not in the records
    mismatched: tuple = field(default_factory=tuple)  # (ledger row, record, ("amount", "date") what differs)
    window_days: int = DEFAULT_WINDOW_DAYS
    mismatch_days: int = DEFAULT_MISMATCH_DAYS

    def made_with(self, settings: tuple[int, int]) -> bool:
        return (self.window_days, self.mismatch_days) == settings

    def credited(self) -> tuple[PaymentRecord, ...]:
        """What the replay credits: every payment either side shows, once."""
        out = [rec for _, rec in self.matched] + list(self.unposted)
        out += [ledger_payment(r) for r in self.unverified]
        out += [rec for _, rec, _ in self.mismatched]
        return tuple(sorted(out, key=_record_key))


def ledger_payment(row: LedgerRow) -> PaymentRecord:
    return PaymentRecord(row.date, row.amount, row.reference, "", "ledger", row.source)


def _row_key(r: LedgerRow):
    return (r.date, r.amount, r.reference, r.source.file, r.source.row or 0)


def _record_key(p: PaymentRecord):
    return (p.date, p.amount, p.reference, p.source.file, p.source.row or 0)


def match_payments(ledger, records, window_days: int = DEFAULT_WINDOW_DAYS,
                   mismatch_days: int = DEFAULT_MISMATCH_DAYS) -> PaymentMatch:
    rows = sorted((r for r in ledger if r.type == "payment"), key=_row_key)
    recs = sorted(records, key=_record_key)
    free_rows, free_recs = set(range(len(rows))), set(range(len(recs)))
    days = [p.date.toordinal() for p in recs]
    by_amount: dict = {}
    by_reference: dict = {}
    for j, p in enumerate(recs):
        by_amount.setdefault(p.amount, []).append((days[j], j))
        if p.reference:
            by_reference.setdefault(p.reference, []).append(j)

    def gap(r, p):
        return abs((p.date - r.date).days)

    def same_amount_within(window, by_reference_first):
        """The records of a row's amount dated at most ``window`` days away, each with its score:
        (0 for a shared reference else 1, days apart), or only the days apart."""
        def candidates(r):
            dated = by_amount.get(r.amount)
            if not dated:
                return ()
            day = r.date.toordinal()
            lo = bisect_left(dated, (day - window, -1))
            hi = bisect_right(dated, (day + window, len(recs)))
            if not by_reference_first:
                return [(abs(d - day), j) for d, j in dated[lo:hi]]
            ref = r.reference
            return [((0 if ref and ref == recs[j].reference else 1, abs(d - day)), j) for d, j in dated[lo:hi]]
        return candidates

    def same_reference(r):
        if not r.reference:
            return ()
        return [((gap(r, recs[j]), abs(r.amount - recs[j].amount)), j) for j in by_reference.get(r.reference, ())]

    def pair_up(candidates_of):
        """Greedy over all candidate pairs in score order: deterministic and one-to-one."""
        candidates = []
        for i in sorted(free_rows):
            for score, j in candidates_of(rows[i]):
                if j in free_recs:
                    candidates.append((score, i, j))
        out = []
        for _, i, j in sorted(candidates):
            if i in free_rows and j in free_recs:
                free_rows.discard(i)
                free_recs.discard(j)
                out.append((i, j))
        return out

    matched = pair_up(same_amount_within(window_days, True))
    by_ref = pair_up(same_reference)
    by_date = pair_up(same_amount_within(mismatch_days, False))
    mismatched = []
    for i, j in sorted(by_ref + by_date):
        r, p = rows[i], recs[j]
        what = tuple(x for x, differs in (("amount", r.amount != p.amount), ("date", gap(r, p) > window_days))
                     if differs)
        mismatched.append((r, p, what))
    return PaymentMatch(
        matched=tuple((rows[i], recs[j]) for i, j in sorted(matched)),
        unposted=tuple(recs[j] for j in sorted(free_recs)),
        unverified=tuple(rows[i] for i in sorted(free_rows)),
        mismatched=tuple(mismatched),
        window_days=window_days,
        mismatch_days=mismatch_days,
    )


def match_settings(terms) -> tuple[int, int]:
    """(window_days, mismatch_days) of ``[reconcile]`` (checked by the terms loader), or the defaults."""
    settings = terms.reconcile
    return settings.get("window_days", DEFAULT_WINDOW_DAYS), settings.get("mismatch_days", DEFAULT_MISMATCH_DAYS)


def payments_to_credit(ledger, records, has_ledger: bool, has_records: bool, window_days: int = DEFAULT_WINDOW_DAYS,
                       mismatch_days: int = DEFAULT_MISMATCH_DAYS):
    """(credited payments, match or None) as the replay needs them."""
    if has_ledger and has_records:
        m = match_payments(ledger, records, window_days, mismatch_days)
        return m.credited(), m
    if has_ledger:
        return tuple(ledger_payment(r) for r in ledger if r.type == "payment"), None
    return tuple(records), None


def mismatch_findings(match: PaymentMatch | None, places: int) -> list[Finding]:
    """One finding per pair that is the same payment posted with another amount or date."""
    if match is None:
        return []
    out = []
    for row, rec, what in match.mismatched:
        diff: Decimal = rec.amount - row.amount
        out.append(Finding(
            PAYMENT_MISMATCH, "warning", None, diff,
            {"reference": row.reference or rec.reference, "ledger_amount": row.amount, "record_amount": rec.amount,
             "difference": diff, "ledger_date": row.date, "record_date": rec.date,
             "days": (row.date - rec.date).days, "what": tuple(what)},
            (text("basis.payment_records_vs_ledger"),),
            (row.source, rec.source),
            {"ledger_amount": row.amount, "record_amount": rec.amount, "ledger_date": row.date,
             "record_date": rec.date, "differs": ", ".join(what)}))
    return out


__all__ = ["PaymentMatch", "match_payments", "payments_to_credit", "mismatch_findings", "ledger_payment",
           "PAYMENT_MISMATCH", "SourceRef"]
