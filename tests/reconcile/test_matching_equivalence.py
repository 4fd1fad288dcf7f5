"""Payment matching without listing every candidate pair gives the same pairs as the greedy over
the listed pairs, which is kept here as the reference (the algorithm debtcli used before: quadratic
when many rows share a reference or an amount and a date)."""

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from debtcli.model.records import LedgerRow, PaymentRecord, SourceRef
from debtcli.reconcile.payments import (DEFAULT_MISMATCH_DAYS, DEFAULT_WINDOW_DAYS, PaymentMatch, _record_key,
                                        _row_key, match_payments)


def listed_pairs_match(ledger, records, window_days: int = DEFAULT_WINDOW_DAYS,
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



def L(d, amount, ref, row):
    return LedgerRow(d, "payment", Decimal(amount), ref, source=SourceRef("ledger.csv", row=row))


def P(d, amount, ref, row):
    return PaymentRecord(d, Decimal(amount), ref, source=SourceRef("payments.csv", row=row))


def pairs(m: PaymentMatch):
    return ([(r.source.row, p.source.row) for r, p in m.matched],
            [(r.source.row, p.source.row, what) for r, p, what in m.mismatched],
            [p.source.row for p in m.unposted], [r.source.row for r in m.unverified])


BASE = date(2024, 1, 1)
# few values, so that amounts, dates and references collide often and ties decide
spec = st.tuples(st.integers(0, 40), st.sampled_from(["100.00", "100.01", "250.00", "300.00", "99.99"]),
                 st.sampled_from(["", "", "A", "B", "C"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(spec, max_size=30), st.lists(spec, max_size=30), st.integers(-1, 6), st.integers(0, 40))
def test_same_result_as_the_greedy_over_listed_pairs(ledger_spec, record_spec, window, mismatch):
    ledger = [L(BASE + timedelta(days=o), a, r, i + 2) for i, (o, a, r) in enumerate(ledger_spec)]
    records = [P(BASE + timedelta(days=o), a, r, i + 2) for i, (o, a, r) in enumerate(record_spec)]
    assert pairs(match_payments(ledger, records, window, mismatch)) == \
        pairs(listed_pairs_match(ledger, records, window, mismatch))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4)), max_size=40),
       st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4)), max_size=40))
def test_same_result_when_everything_shares_one_reference(ledger_spec, record_spec):
    """The case that was quadratic: every row and record carries the same reference."""
    ledger = [L(BASE + timedelta(days=o), f"{a}00.00", "R", i + 2) for i, (o, a) in enumerate(ledger_spec)]
    records = [P(BASE + timedelta(days=o * 20), f"{a}50.00", "R", i + 2) for i, (o, a) in enumerate(record_spec)]
    assert pairs(match_payments(ledger, records)) == pairs(listed_pairs_match(ledger, records))
