"""Payment matching: one-to-one, deterministic, mismatches reported."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from debtcli.model.records import LedgerRow, PaymentRecord, SourceRef
from debtcli.reconcile.payments import match_payments


def L(d, amount, ref="", row=0):
    return LedgerRow(d, "payment", Decimal(amount), ref, source=SourceRef("ledger.csv", row=row))


def P(d, amount, ref="", row=0):
    return PaymentRecord(d, Decimal(amount), ref, source=SourceRef("payments.csv", row=row))


D = date(2024, 3, 15)


def test_same_amount_within_the_window_matches_and_a_shared_reference_wins():
    ledger = [L(D, "500.00", "X9", 2)]
    records = [P(D, "500.00", "", 2), P(D + timedelta(days=2), "500.00", "X9", 3)]
    m = match_payments(ledger, records)
    assert [(r.source.row, p.source.row) for r, p in m.matched] == [(2, 3)]
    assert [p.source.row for p in m.unposted] == [2]
    assert m.unverified == () and m.mismatched == ()


def test_outside_the_window_or_another_amount_is_not_a_match():
    ledger = [L(D, "500.00", row=2), L(D, "700.00", row=3)]
    records = [P(D + timedelta(days=4), "500.00", row=2), P(D, "650.00", row=3)]
    m = match_payments(ledger, records)
    assert m.matched == ()
    # 500.00 four days apart: the same amount within 31 days, so a date mismatch
    assert [(r.source.row, p.source.row, what) for r, p, what in m.mismatched] == [(2, 2, ("date",))]
    assert [r.source.row for r in m.unverified] == [3]
    assert [p.source.row for p in m.unposted] == [3]
    assert match_payments(ledger, records, window_days=4).matched[0][1].source.row == 2


def test_same_reference_with_another_amount_is_an_amount_mismatch():
    m = match_payments([L(D, "1000.00", "B77", 5)], [P(D, "1500.00", "B77", 9)])
    assert [(what, r.amount, p.amount) for r, p, what in m.mismatched] == [
        (("amount",), Decimal("1000.00"), Decimal("1500.00"))]
    assert [p.amount for p in m.credited()] == [Decimal("1500.00")]  # the independent record is credited


amounts = st.sampled_from(["100.00", "250.00", "300.00", "999.99"])
offsets = st.integers(min_value=0, max_value=60)
refs = st.sampled_from(["", "", "A", "B", "C"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(offsets, amounts, refs), max_size=12), st.lists(st.tuples(offsets, amounts, refs),
                                                                          max_size=12),
       st.integers(min_value=0, max_value=5), st.randoms(use_true_random=False))
def test_every_payment_is_accounted_for_once_and_order_does_not_matter(ledger_spec, record_spec, window, rnd):
    base = date(2024, 1, 1)
    ledger = [L(base + timedelta(days=o), a, r, i + 2) for i, (o, a, r) in enumerate(ledger_spec)]
    records = [P(base + timedelta(days=o), a, r, i + 2) for i, (o, a, r) in enumerate(record_spec)]
    m = match_payments(ledger, records, window)
    seen_rows = [r.source.row for r, _ in m.matched] + [r.source.row for r in m.unverified] + [
        r.source.row for r, _, _ in m.mismatched]
    seen_recs = [p.source.row for _, p in m.matched] + [p.source.row for p in m.unposted] + [
        p.source.row for _, p, _ in m.mismatched]
    assert sorted(seen_rows) == [r.source.row for r in ledger]
    assert sorted(seen_recs) == [p.source.row for p in records]
    for r, p in m.matched:
        assert r.amount == p.amount and abs((r.date - p.date).days) <= window
    # what the replay credits: each record once, each unverified ledger payment once
    assert len(m.credited()) == len(records) + len(m.unverified)
    shuffled_l, shuffled_r = list(ledger), list(records)
    rnd.shuffle(shuffled_l)
    rnd.shuffle(shuffled_r)
    again = match_payments(shuffled_l, shuffled_r, window)
    key = lambda mm: ([(r.source.row, p.source.row) for r, p in mm.matched],  # noqa: E731
                      [(r.source.row, p.source.row, w) for r, p, w in mm.mismatched])
    assert key(again) == key(m)


def test_a_larger_window_set_in_the_case_turns_a_mismatch_into_a_match(tmp_path, run_json):
    def case(window):
        folder = tmp_path / f"w{window}"
        folder.mkdir()
        (folder / "case.toml").write_text(
            'schema = "debtcli/1"\n[case]\nid = "W-1"\njurisdiction = "none"\n[contract]\nsigned = 2024-01-01\n'
            'principal = "1000.00"\nrate = "12%"\nday_count = "ACT/365"\nmethod = "bullet"\nterm_months = 12\n'
            f'[demand]\nas_of = 2024-04-01\n[reconcile]\nwindow_days = {window}\n', encoding="utf-8")
        (folder / "ledger.csv").write_text("date,type,amount,reference\n2024-01-01,disbursement,1000.00,\n"
                                           "2024-03-06,payment,200.00,L1\n", encoding="utf-8")
        (folder / "payments.csv").write_text("date,amount,reference\n2024-03-01,200.00,BANK1\n", encoding="utf-8")
        return run_json("verify", folder)

    _, narrow = case(3)
    assert narrow["payments"]["matched"] == 0
    [f] = [f for f in narrow["findings"] if f["code"] == "PAYMENT_MISMATCH"]
    assert f["severity"] == "warning" and f["amount"] == "0.00"
    assert f["details"]["ledger_date"] == "2024-03-06" and f["details"]["record_date"] == "2024-03-01"
    assert f["evidence"] == [{"file": "ledger.csv", "row": 3}, {"file": "payments.csv", "row": 2}]
    _, wide = case(7)
    assert wide["payments"]["matched"] == 1
    assert not [f for f in wide["findings"] if f["code"] == "PAYMENT_MISMATCH"]
    # either way the payment is credited once
    assert narrow["payments"]["total"] == wide["payments"]["total"] == "200.00"

