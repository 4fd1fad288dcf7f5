"""Installments every quarter, half-year or year (``frequency``), installments in advance
(``in_advance``) and installments of interest only first (``interest_only_periods``): the schedule,
the interest of a whole period and the annualised cost, each worked out by hand below.

* 前 2 期只还息: 12,000 at 12% over 6 months, the first 2 installments interest only (120.00 each,
  12,000 x 1%). 等额本息: the level installment amortises over the other 4 months,
  12,000 x 0.01 / (1 - 1.01^-4) = 3,075.3731 -> 3,075.37; row 3 interest 120.00, principal 2,955.37;
  row 4 interest 9,044.63 x 1% = 90.45. 等额本金: 12,000 / 4 = 3,000.00 a month from row 3, interest
  120.00, 120.00, 120.00, 90.00, 60.00, 30.00 (540.00).

* S02 (public oracles): 10,000 at 8% a year, 10 monthly installments paid at the start of each
  period. The annuity due is the ordinary annuity discounted one month: 10,000 x (0.08/12) /
  (1 - (1 + 0.08/12)^-10) = 1,037.0320..., / (1 + 0.08/12) = 1,030.16. The first falls on the day
  the loan is made and is all principal; the second bears a month's interest on the 8,969.84 left,
  8,969.84 x 0.08 / 12 = 59.80. With no fee the annualised cost is 0.08/12 x 12 = 8.00%, effective
  (1 + 0.08/12)^12 - 1 = 8.30%.

* S07 (public oracles): 200,000 at 8% a year, 10 yearly installments. The level payment is
  200,000 x 0.08 / (1 - 1.08^-10) = 29,805.8977...; the 10th year's principal is the payment
  discounted one year, 29,805.8977 / 1.08 = 27,598.05 (the published figure, from the unrounded
  schedule: ``carry_precision``). Year 1: interest 200,000 x 8% = 16,000.00, principal 13,805.90.
* A quarterly 等额本息: 120,000 at 6% over 12 months, 4 installments. Quarterly rate 1.5%;
  1.015^4 = 1.0613635506; payment 1,800 / (1 - 1 / 1.0613635506) = 31,133.37. Row 1: interest
  120,000 x 1.5% = 1,800.00, principal 29,333.37; row 2: interest 90,666.63 x 1.5% = 1,360.00.
  With no fee the annualised cost is the IRR per quarter (1.5%) x 4 = 6.00%, and the effective
  rate 1.015^4 - 1 = 6.14%.
* 按季结息 (a bank loan whose interest is settled on the 20th of each quarter's last month):
  1,000,000 at 4.35% ACT/360, interest only, interest by the day, signed 2024-01-15, first
  settlement 2024-03-20, principal due 2025-01-15. Days: 15 Jan-20 Mar 65 (2024 is a leap year),
  then 92, 92, 91, and 20 Dec-15 Jan 26. Interest 1,000,000 x 4.35% x days / 360: 7,854.17,
  11,116.67, 11,116.67, 10,995.83, 3,141.67; 44,225.01 in all.
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debtcli.engine.account import account_from_terms
from debtcli.engine.apr import annual_cost
from debtcli.engine.replay import contract_schedule, replay
from tests.helpers import run, terms_of

D = Decimal


def _rows(contract: dict):
    terms = terms_of(contract)
    account, issues = account_from_terms(terms, payments=(), until=date(2040, 1, 1))
    assert not [i for i in issues if i.severity == "error"], issues
    return account, contract_schedule(account).installments


def test_s07_yearly_installments_carried_unrounded():
    _, rows = _rows({"signed": date(2020, 1, 15), "principal": "200000.00", "rate": "8%",
                     "method": "equal_installment", "term_months": 120, "frequency": "yearly",
                     "carry_precision": True})
    assert [r.due for r in rows][:2] == [date(2021, 1, 15), date(2022, 1, 15)] and len(rows) == 10
    assert rows[0].interest.quantize(D("0.01")) == D("16000.00")
    assert rows[0].principal.quantize(D("0.01")) == D("13805.90")
    assert rows[9].principal.quantize(D("0.01")) == D("27598.05")


def test_a_quarterly_level_installment_and_its_annualised_cost():
    account, rows = _rows({"signed": date(2024, 1, 10), "principal": "120000.00", "rate": "6%",
                           "method": "equal_installment", "term_months": 12, "frequency": "quarterly",
                           "day_count": "ACT/365"})
    assert [r.due for r in rows] == [date(2024, 4, 10), date(2024, 7, 10), date(2024, 10, 10), date(2025, 1, 10)]
    assert (rows[0].total, rows[0].interest, rows[0].principal) == (D("31133.37"), D("1800.00"), D("29333.37"))
    assert rows[1].interest == D("1360.00")
    assert sum(r.principal for r in rows) == D("120000.00")
    cost = annual_cost(account)
    assert (cost.apr, cost.apr_effective) == (D("6.00"), D("6.14"))
    assert cost.periods_per_year == 4 and cost.period == "quarter"


def test_interest_settled_each_quarter_on_the_20th():
    _, rows = _rows({"signed": date(2024, 1, 15), "principal": "1000000.00", "rate": "4.35%",
                     "day_count": "ACT/360", "method": "interest_only", "interest_method": "daily",
                     "frequency": "按季", "term_months": 12, "first_due": date(2024, 3, 20),
                     "maturity": date(2025, 1, 15)})
    assert [r.due for r in rows] == [date(2024, 3, 20), date(2024, 6, 20), date(2024, 9, 20), date(2024, 12, 20),
                                     date(2025, 1, 15)]
    assert [r.interest for r in rows] == [D("7854.17"), D("11116.67"), D("11116.67"), D("10995.83"), D("3141.67")]
    assert rows[-1].principal == D("1000000.00") and sum(r.interest for r in rows) == D("44225.01")


def test_a_payment_inside_a_quarter_does_not_move_its_interest():
    """Per-period interest counts a whole quarter as a quarter: 120,000 x 6% / 4 = 1,800.00 for
    10 Jan-10 Apr, whether or not a payment (of a fee here, principal untouched) falls inside it."""
    contract = {"signed": date(2024, 1, 10), "principal": "120000.00", "rate": "6%", "method": "interest_only",
                "term_months": 12, "frequency": "quarterly", "day_count": "ACT/365"}
    extra = '[[event]]\ndate = 2024-02-20\ntype = "fee"\namount = "10.00"\n'
    from debtcli.model.records import PaymentRecord, SourceRef
    pay = (PaymentRecord(date(2024, 2, 20), D("10.00"), "P1", "", "", SourceRef("payments.csv")),)
    _, res = run(contract, date(2024, 4, 10), payments=pay, extra=extra)
    posted = [p for p in res.postings if p.component == "interest"]
    assert [p.amount for p in posted] == [D("1800.00")]
    line = posted[0].lines[0]
    assert (line.per, line.rate) == ("quarter", D("0.015"))


@settings(max_examples=40, deadline=None)
@given(months=st.sampled_from([3, 6, 12]), periods=st.integers(1, 8), day=st.integers(1, 31),
       rate=st.integers(1, 2400))
def test_whole_periods_bear_the_annual_rate_divided_by_the_periods_a_year(months, periods, day, rate):
    """An interest-only loan by the period: every whole period's interest is principal x rate x
    months / 12, rounded half up, whatever the days in it (a quarter of 90 or 92 days alike)."""
    signed = date(2023, 1, day)  # the 29th-31st: quarters on month ends cut back (30 Apr, 31 Jul ...)
    name = {3: "quarterly", 6: "half_yearly", 12: "yearly"}[months]
    annual = D(rate) / 100
    _, rows = _rows({"signed": signed, "principal": "100000.00", "rate": f"{annual}%", "method": "interest_only",
                     "term_months": months * periods, "frequency": name})
    expected = (D(100000) * annual / 100 * months / 12).quantize(D("0.01"), rounding="ROUND_HALF_UP")
    assert len(rows) == periods and all(r.interest == expected for r in rows)


@pytest.mark.parametrize("contract, where, says", [
    ({"method": "equal_installment", "term_months": 13, "frequency": "quarterly"}, "contract.term_months",
     "a multiple of 3 months (frequency = quarterly)"),
    ({"method": "bullet", "term_months": 12, "frequency": "quarterly"}, "contract.frequency",
     "monthly unless method is an installment method"),
    # a refusal quotes the frequency as the case wrote it, not debtcli's name for it
    ({"method": "equal_installment", "term_months": 13, "frequency": "按季"}, "contract.term_months",
     "a multiple of 3 months (frequency = 按季)"),
    ({"method": "bullet", "term_months": 12, "frequency": "按半年"}, "contract.frequency", "按半年"),
    ({"method": "equal_installment", "term_months": 12, "frequency": "weekly"}, "contract.frequency",
     "monthly | quarterly | half_yearly | yearly"),
    ({"method": "equal_installment", "term_months": 12, "frequency": ["quarterly"]}, "contract.frequency",
     "monthly | quarterly | half_yearly | yearly"),
    ({"method": "interest_only", "term_months": 12, "in_advance": True}, "contract.in_advance",
     'nothing unless method = "equal_installment"'),
    ({"method": "equal_installment", "term_months": 12, "in_advance": True, "first_due": date(2024, 3, 1)},
     "contract.first_due", "nothing when in_advance = true"),
    ({"method": "interest_only", "term_months": 12, "interest_only_periods": 2}, "contract.interest_only_periods",
     'nothing unless method = "equal_installment" or "equal_principal"'),
    ({"method": "equal_principal", "term_months": 12, "frequency": "quarterly", "interest_only_periods": 4},
     "contract.interest_only_periods", "fewer than the 4 installments of the term"),
])
def test_a_frequency_that_cannot_hold_is_refused(contract, where, says):
    from debtcli.terms.loader import load_terms_text
    from tests.helpers import case_toml

    base = {"signed": date(2024, 1, 10), "principal": "1000.00", "rate": "6%"}
    _, issues = load_terms_text(case_toml({**base, **contract}))
    assert any(where in str(i) and says in str(i) for i in issues), [str(i) for i in issues]
    assert not any("unhashable" in str(i) for i in issues)


def test_a_monthly_schedule_is_unchanged_by_naming_its_frequency():
    base = {"signed": date(2024, 1, 31), "principal": "12000.00", "rate": "12%", "method": "equal_installment",
            "term_months": 6}
    assert _rows(base)[1] == _rows({**base, "frequency": "monthly"})[1]


def test_an_irregular_schedule_counts_each_flow_by_its_days():
    """The 按季结息 loan above has a 65-day first period and a 26-day last one. Counted by installment
    number they would be whole quarters and the annualised cost would come out near 3.5%; counted by
    their days (days x 12 / 365 months, per quarter x 4) interest by the day at 4.35% on a 360-day
    year is a cost of about 4.35% x 365 / 360 = 4.41% on the calendar year."""
    account, _ = _rows({"signed": date(2024, 1, 15), "principal": "1000000.00", "rate": "4.35%",
                        "day_count": "ACT/360", "method": "interest_only", "interest_method": "daily",
                        "frequency": "quarterly", "term_months": 12, "first_due": date(2024, 3, 20),
                        "maturity": date(2025, 1, 15)})
    cost = annual_cost(account)
    assert cost.apr == D("4.41") and cost.periods_per_year == 4
    assert [f.period for f in cost.flows][:2] == [D(0), D(65 * 12) / 365 / 3]


def test_s02_installments_in_advance():
    account, rows = _rows({"signed": date(2024, 1, 15), "principal": "10000.00", "rate": "8%",
                           "method": "equal_installment", "term_months": 10, "in_advance": True})
    assert [r.due for r in rows][:3] == [date(2024, 1, 15), date(2024, 2, 15), date(2024, 3, 15)] and len(rows) == 10
    assert (rows[0].total, rows[0].interest, rows[0].principal) == (D("1030.16"), D("0.00"), D("1030.16"))
    assert (rows[1].interest, rows[1].principal) == (D("59.80"), D("970.36"))
    assert sum(r.principal for r in rows) == D("10000.00")
    cost = annual_cost(account)
    assert (cost.apr, cost.apr_effective) == (D("8.00"), D("8.30"))


@pytest.mark.parametrize("method, principal, interest", [
    ("equal_installment", ["0.00", "0.00", "2955.37"], ["120.00", "120.00", "120.00", "90.45"]),
    ("equal_principal", ["0.00", "0.00", "3000.00", "3000.00"], ["120.00", "120.00", "120.00", "90.00", "60.00", "30.00"]),
])
def test_the_first_installments_interest_only(method, principal, interest):
    _, rows = _rows({"signed": date(2024, 1, 15), "principal": "12000.00", "rate": "12%", "method": method,
                     "term_months": 6, "interest_only_periods": 2})
    assert [r.principal for r in rows][:len(principal)] == [D(x) for x in principal]
    assert [r.interest for r in rows][:len(interest)] == [D(x) for x in interest]
    assert sum(r.principal for r in rows) == D("12000.00") and rows[-1].balance == 0
    if method == "equal_installment":
        assert rows[2].total == rows[3].total == D("3075.37")


def test_a_rate_change_during_the_interest_only_installments_amortises_over_the_rest():
    """12,000 at 12%, 6 months, 2 of interest only; from 2024-03-01 the rate is 6%. The level
    installment is worked out again on 1 March over the 4 amortising months left, 12,000 x 0.005 /
    (1 - 1.005^-4) = 3,037.5935... -> 3,037.59 (over the 5 due dates after that day it would be
    2,436.12)."""
    extra = '[[event]]\ndate = 2024-03-01\ntype = "rate_change"\nrate = "6%"\n'
    _, res = run({"signed": date(2024, 1, 15), "principal": "12000.00", "rate": "12%", "method": "equal_installment",
                  "term_months": 6, "interest_only_periods": 2, "interest_method": "daily", "day_count": "ACT/365"},
                 date(2024, 5, 20), extra=extra)
    rows = res.installments
    assert rows[1].principal == 0 and rows[2].principal + rows[2].interest == D("3037.59")


def test_monthly_settlement_days_keep_every_settlement_before_the_maturity():
    """按月结息 on the 20th: 100,000 at 3.6% ACT/360, interest only by the day, signed 2024-01-15, first
    settlement 2024-01-20, principal due 2025-01-15. The settlements are 20 January to 20 December
    (12), then the maturity: 13 due dates. Interest 100,000 x 3.6% x days / 360 = 10.00 a day:
    5 days 50.00, then 31 days 310.00, ..., 20 Dec-15 Jan 26 days 260.00. (The twelfth date used to be
    replaced by the maturity, dropping the 20 December settlement.)"""
    _, rows = _rows({"signed": date(2024, 1, 15), "principal": "100000.00", "rate": "3.6%", "day_count": "ACT/360",
                     "method": "interest_only", "interest_method": "daily", "term_months": 12,
                     "first_due": date(2024, 1, 20), "maturity": date(2025, 1, 15)})
    assert len(rows) == 13 and rows[-2].due == date(2024, 12, 20) and rows[-1].due == date(2025, 1, 15)
    assert [r.interest for r in rows[:2]] == [D("50.00"), D("310.00")] and rows[-1].interest == D("260.00")
    assert sum(r.interest for r in rows) == D("10") * (date(2025, 1, 15) - date(2024, 1, 15)).days



def test_the_conventions_name_the_period_s_share_of_the_rate():
    from debtcli.engine.account import conventions
    from debtcli.messages import value_text

    contract = {"signed": date(2024, 1, 10), "principal": "120000.00", "rate": "6%", "method": "equal_installment",
                "term_months": 12, "frequency": "quarterly"}
    account, _ = _rows(contract)
    conv = conventions(account, terms_of(contract))
    assert value_text(conv["interest_method"], "zh") == "按期计息（余额 × 年利率 ÷ 4）"
    assert value_text(conv["interest_method"], "en") == "per_period (balance x annual rate / 4 a period)"
    assert value_text(conv["frequency"], "zh") == "按季（每 3 个月）"
