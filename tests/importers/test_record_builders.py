"""The quick record builders of the table reader make exactly the frozen records the classes make:
same class, same fields, equal and hashing alike, still frozen, whatever the values."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from debtcli.importers import tables
from debtcli.model.records import LedgerRow, PaymentRecord, SourceRef

value = st.one_of(st.none(), st.text(max_size=5), st.integers(), st.dates(),
                  st.decimals(allow_nan=False, allow_infinity=False, places=2))
source = st.builds(SourceRef, st.text(max_size=5), st.none() | st.integers(1, 10**6), st.none() | st.text(max_size=3),
                   st.none() | st.text(max_size=3), st.none() | st.text(max_size=20))

CLASSES = [(SourceRef, ("file", "row", "sheet", "column", "raw"), tables._source_ref),
           (LedgerRow, ("date", "type", "amount", "reference", "memo", "balance", "posted", "source"),
            tables._ledger_row),
           (PaymentRecord, ("date", "amount", "reference", "payer", "channel", "source"), tables._payment_record)]


def _same(made, expected, names):
    assert made.__class__ is expected.__class__
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert all(getattr(made, n) is getattr(expected, n) for n in names)
    with pytest.raises(AttributeError):  # FrozenInstanceError
        setattr(made, names[0], None)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(range(len(CLASSES))), st.data())
def test_a_record_built_quickly_is_the_record_the_class_builds(which, data):
    cls, names, quick = CLASSES[which]
    values = tuple(data.draw(source if n == "source" else value) for n in names)
    expected = cls(*values)
    _same(quick(*values), expected, names)
    for build in (tables._blank_builder(cls, names), tables._setter_builder(cls, names)):
        assert build is not None and build is not cls
        _same(build(*values), expected, names)


def test_the_reader_s_records_are_the_classes_own():
    row = tables._ledger_row(date(2024, 1, 5), "payment", Decimal("1.00"), "R1", "", None, None,
                             tables._source_ref("ledger.csv", 2, None, None, "2024-01-05,payment,1.00,R1"))
    assert type(row) is LedgerRow and type(row.source) is SourceRef
    assert row == LedgerRow(date(2024, 1, 5), "payment", Decimal("1.00"), "R1", "",
                            source=SourceRef("ledger.csv", 2, raw="2024-01-05,payment,1.00,R1"))
