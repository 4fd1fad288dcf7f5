"""The running total of what the replay charged by each ledger day (``_ChargedThrough``) gives, for
days asked in rising order, exactly what the direct sum over every posting (``_charged_through``)
gives: the same figures, not merely close ones."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from debtcli.engine.records import AccrualLine, Posting
from debtcli.reconcile.ledger import _charged_through, _ChargedThrough

START = date(2023, 1, 1)


@st.composite
def postings(draw):
    out = []
    day = START
    for _ in range(draw(st.integers(0, 12))):
        day += timedelta(days=draw(st.integers(0, 40)))
        lines = []
        for _ in range(draw(st.integers(0, 3))):
            start = day - timedelta(days=draw(st.integers(0, 120)))
            days = draw(st.integers(0, 60))
            amount = Decimal(draw(st.integers(0, 100000))) / 7  # an inexact quotient, as accrual lines are
            lines.append(AccrualLine("interest", start, start + timedelta(days=days), days, Decimal(1000),
                                     Decimal("0.1"), 365, amount))
        amount = Decimal(draw(st.integers(1, 10**6))).scaleb(-2)
        out.append(Posting(day, "interest", amount, amount, "installment", None, "", tuple(lines)))
    return out


@settings(max_examples=200, deadline=None)
@given(postings(), st.lists(st.integers(0, 400), max_size=8), st.booleans())
def test_same_totals_as_the_direct_sum(ps, offsets, shuffle):
    if shuffle:  # postings out of date order take the direct sum
        ps = list(reversed(ps))
    through = _ChargedThrough(ps)
    for day in [None] + sorted(START + timedelta(days=k) for k in offsets):
        assert through(day) == _charged_through(ps, day)


def test_by_hand():
    # 100.00 posted on 1-31; 50.00 posted on 2-28 from one accrual line over 2-01..2-28 (28 days): by 2-15
    # the replay had charged 100.00 + 50.00 x 14 / 28 = 125.00, by 2-28 all of it, 150.00
    jan = Posting(date(2023, 1, 31), "interest", Decimal("100.00"), Decimal("100.00"), "installment")
    feb_line = AccrualLine("interest", date(2023, 2, 1), date(2023, 3, 1), 28, Decimal(1), Decimal(1), 365,
                           Decimal("50.00"))
    feb = Posting(date(2023, 2, 28), "interest", Decimal("50.00"), Decimal("50.00"), "installment", None, "",
                  (feb_line,))
    through = _ChargedThrough([jan, feb])
    assert through(date(2023, 1, 31)) == Decimal("100.00")
    assert through(date(2023, 2, 15)) == Decimal("125.00")
    assert through(date(2023, 2, 28)) == Decimal("150.00")
