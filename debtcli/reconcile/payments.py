"""Match the creditor's ledger payments against the independent payment records.

One-to-one and deterministic: candidates are taken in date order; a pair needs the same amount
and dates within the window; a shared reference wins over a closer date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from debtcli.model.records import LedgerRow, PaymentRecord, SourceRef


@dataclass(frozen=True)
class PaymentMatch:
    matched: tuple[tuple[LedgerRow, PaymentRecord], ...] = ()
    unposted: tuple[PaymentRecord, ...] = ()  # in the records, not credited in the ledger
    unverified: tuple[LedgerRow, ...] = ()  # in the ledger, not in the records
    mismatched: tuple = field(default_factory=tuple)  # (ledger row, record, what differs)

    def credited(self) -> tuple[PaymentRecord, ...]:
        """What the replay credits: every payment either side shows, once."""
        out = [rec for _, rec in self.matched] + list(self.unposted)
        out += [PaymentRecord(r.date, r.amount, r.reference, "", "ledger", r.source) for r in self.unverified]
        for row, rec, _ in self.mismatched:
            out.append(rec)
        return tuple(sorted(out, key=lambda p: (p.date, p.amount, p.reference)))


def match_payments(ledger: tuple[LedgerRow, ...], records: tuple[PaymentRecord, ...], window_days: int = 3
                   ) -> PaymentMatch:
    ledger_pay = sorted((r for r in ledger if r.type == "payment"), key=lambda r: (r.date, r.amount, r.reference))
    recs = sorted(records, key=lambda p: (p.date, p.amount, p.reference))
    used: set[int] = set()
    matched, unverified = [], []
    for row in ledger_pay:
        best = None
        for j, rec in enumerate(recs):
            if j in used or rec.amount != row.amount or abs((rec.date - row.date).days) > window_days:
                continue
            score = (0 if row.reference and row.reference == rec.reference else 1, abs((rec.date - row.date).days), j)
            if best is None or score < best[0]:
                best = (score, j)
        if best is None:
            unverified.append(row)
        else:
            used.add(best[1])
            matched.append((row, recs[best[1]]))
    unposted = [rec for j, rec in enumerate(recs) if j not in used]
    return PaymentMatch(tuple(matched), tuple(unposted), tuple(unverified))


def payments_to_credit(ledger, records, has_ledger: bool, has_records: bool, window_days: int = 3):
    """(credited payments, match or None) as the replay needs them."""
    if has_ledger and has_records:
        m = match_payments(ledger, records, window_days)
        return m.credited(), m
    if has_ledger:
        return tuple(PaymentRecord(r.date, r.amount, r.reference, "", "ledger", r.source)
                     for r in ledger if r.type == "payment"), None
    return tuple(records), None


__all__ = ["PaymentMatch", "match_payments", "payments_to_credit", "SourceRef"]
