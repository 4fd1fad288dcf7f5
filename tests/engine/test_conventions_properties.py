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


# Periods as the annualised cost writes them: installment numbers, days x 12 / 365 in 28 digits (a flow on
# another day), and any other fraction of a period.
_MONTHS_PER_DAY = D(12) / D(365)  # 28 digits
_periods = st.one_of(
    st.integers(0, 480).map(D),
    st.integers(0, 20000).map(lambda days: D(days) * _MONTHS_PER_DAY),
    st.decimals(min_value=0, max_value=500, places=3, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=300, deadline=None)
@given(_periods)
def test_what_the_search_knows_of_a_period_comes_from_the_period_alone(t):
    # float(t), whether t is whole, and the days behind it: the day count d nearest t x 365 / 12, kept when
    # d x 12 / 365 in 28 digits is t again. Worked out here with fractions, not the module's formula.
    from fractions import Fraction

    from debtcli.engine import apr

    apr._period_facts.cache_clear()
    facts = apr._period_facts(t)
    exact = Fraction(t)
    d = round(exact * 365 / 12)
    days = d if D(d) * _MONTHS_PER_DAY == t else None
    assert facts == (float(str(t)), int(t) if exact.denominator == 1 else None, days)
    assert apr._period_facts(t) is facts  # memoised
    sign, digits, exponent = t.as_tuple()
    assert apr._period_facts(D((sign, digits + (0,), exponent - 1))) == facts  # the same value, another exponent


@st.composite
def _flows(draw):
    """Flows of both signs in any order: several sign changes, fractional periods, often no root."""
    n = draw(st.integers(1, 14))
    flows = [(draw(_periods), D(draw(st.integers(-10**7, 10**7))) / 100) for _ in range(n)]
    if draw(st.booleans()):  # a loan's shape: money received first
        flows.append((D(0), D(draw(st.integers(1, 10**8))) / 100))
    return flows


@settings(max_examples=300, deadline=None)
@given(_flows(), _flows())
def test_the_rate_is_the_same_whatever_was_solved_before(flows, before):
    # the search remembers the periods it has seen (their float, days, whole number): the rate of a set of
    # flows is the same to the last digit whether it is solved first or after others
    from debtcli.engine import apr

    apr._period_facts.cache_clear()
    first = irr(flows)
    apr._period_facts.cache_clear()
    irr(before)
    assert irr(flows) == first and str(irr(flows)) == str(first)
    assert irr(list(reversed(flows))) == first
