"""Invariants of the new conventions and of the IRR, on generated loans."""

from datetime import date
from decimal import Decimal, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from debtcli.report.apr import annual_cost, irr
from tests.helpers import run

D = Decimal


@settings(max_examples=60, deadline=None)
@given(st.integers(100, 1000000), st.integers(0, 300), st.integers(1, 60))
def test_irr_of_an_exact_annuity_is_its_rate(principal, bp, n):
    # a level payment that amortises P at r per period exactly: the IRR is r
    r = D(bp) / 10000
    p = D(principal)
    with localcontext() as ctx:
        ctx.prec = 50
        payment = p / n if r == 0 else p * r / (1 - (1 + r) ** -n)
    found = irr([(0, p)] + [(k, -payment) for k in range(1, n + 1)])
    assert abs(found - r) < D("1e-15")


@settings(max_examples=40, deadline=None)
@given(st.integers(1000, 500000), st.sampled_from(["6%", "12%", "18%", "24%"]), st.integers(2, 36),
       st.sampled_from(["flat", "equal_installment", "equal_principal"]))
def test_schedules_repay_the_principal_and_apr_is_at_least_the_rate(principal, rate, n, method):
    contract = {"signed": date(2022, 1, 1), "principal": f"{principal}.00", "rate": rate, "method": method,
                "term_months": n, "first_due": date(2022, 2, 1)}
    if method == "equal_installment":
        contract["installment_multiple"] = "10"
    account, res = run(contract, date(2026, 1, 1), trace=False)
    rows = res.installments
    assert sum(r.principal for r in rows) == D(principal)
    if method == "flat":  # the same interest every whole month, on the original principal
        assert len({r.interest for r in rows}) == 1
    if method == "equal_installment":  # every installment until the one that clears the principal: a multiple of 10
        assert all(r.total % 10 == 0 for r in rows if r.balance > 0)
    cost = annual_cost(account)
    nominal = D(rate.rstrip("%"))
    # no fees: the apr of a declining-balance loan is its rate (to rounding); a flat loan costs more
    if method == "flat":
        assert cost.apr > nominal
    else:
        assert abs(cost.apr - nominal) <= D("0.05")
