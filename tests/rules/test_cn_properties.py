"""Invariants of the private-lending ceiling, for any rate and any number of days.

A private loan of 100,000 formed 2021-03-01 (ceiling 4 x 3.85% = 15.4%), one repayment in two years,
ACT/365: within the term the lawful interest is 100,000 x min(rate, 15.4%) x days / 365, and the
lawful balance is never above the contractual one."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from debtcli.terms.case import Case
from debtcli.report.build import build_report
from tests.helpers import terms_of

CEILING = Decimal("0.154")


@settings(max_examples=60, deadline=None)
@given(rate_bp=st.integers(min_value=1, max_value=6000), days=st.integers(min_value=1, max_value=730),
       withheld=st.sampled_from([0, 1000, 10000]))
def test_lawful_interest_is_the_capped_rate(rate_bp, days, withheld):
    rate = Decimal(rate_bp) / 10000
    extra = ""
    if withheld:
        extra = (f'[[contract.fee]]\nname = "interest in advance"\namount = "{withheld}.00"\nwithheld = true\n'
                 'component = "interest"\n')
    terms = terms_of({"signed": date(2021, 3, 1), "principal": "100000.00", "rate": f"{rate * 100}%",
                      "day_count": "ACT/365", "method": "bullet", "term_months": 24},
                     {"jurisdiction": "cn", "lender_kind": "individual"}, extra)
    as_of = date(2021, 3, 1) + timedelta(days=days)
    report = build_report(Case(terms), as_of)
    principal = Decimal(100000 - withheld)
    expected = (principal * min(rate, CEILING) * days / 365).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert report.lawful["principal"] == principal
    assert report.lawful["interest"] == expected
    assert report.lawful["total"] <= report.contractual["total"]
    capped = any(f.code == "CN.RATE_ABOVE_CAP" for f in report.findings)
    at_contract_rate = (principal * rate * days / 365).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert capped == (at_contract_rate > expected)
