"""Invariants of the interest calculator, waiver scenarios and payment plans, on generated inputs."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from debtcli.engine.account import account_from_terms
from debtcli.engine.replay import replay
from debtcli.engine.restructure import plan_account, plan_due_dates
from debtcli.model.money import ZERO
from debtcli.model.records import COMPONENTS
from debtcli.report.interest import interest_run
from debtcli.report.settlement import WaiverAsk, apply_waivers
from debtcli.rules.lpr import load_lpr_table
from debtcli.terms.loader import parse_rate_spec
from tests.helpers import terms_of

amounts = st.integers(1, 10_000_000).map(lambda c: Decimal(c) / 100)
rates = st.sampled_from(["4×LPR", "LPR+50bp", "1.5×LPR", "24%", "0.0175%/day", "LPR5Y"])
days = st.dates(date(2014, 1, 1), date(2026, 9, 30))  # across the LPR reform: benchmark, then LPR


@settings(max_examples=60, deadline=None)
@given(amounts, days, days, days, rates, st.sampled_from([360, 365]))
def test_interest_over_a_period_is_the_sum_of_its_parts(principal, a, b, c, rate, basis):
    a, b, c = sorted((a, b, c))
    if not a < b < c:
        return
    spec = parse_rate_spec(rate)
    table = load_lpr_table()
    whole = interest_run(principal, a, c, spec, basis, "start", table)
    left = interest_run(principal, a, b, spec, basis, "start", table)
    right = interest_run(principal, b, c, spec, basis, "start", table)
    assert whole.days == (c - a).days == left.days + right.days
    # no rounding inside a run: the parts add up to the whole (to the precision of a Decimal quotient)
    assert abs(whole.raw_total - (left.raw_total + right.raw_total)) < Decimal("1e-20")
    assert abs(whole.total - whole.raw_total) <= Decimal("0.005")
    # segments are contiguous and each one has a single rate
    for s, t in zip(whole.segments, whole.segments[1:]):
        assert t.start == s.last + timedelta(days=1) and t.annual != s.annual


@settings(max_examples=80, deadline=None)
@given(st.lists(amounts, min_size=len(COMPONENTS), max_size=len(COMPONENTS)),
       st.lists(st.integers(1, 100), min_size=len(COMPONENTS), max_size=len(COMPONENTS)))
def test_waived_plus_after_is_before(balances, percents):
    lawful = dict(zip(COMPONENTS, balances))
    lawful["total"] = sum(balances, ZERO)
    asks = [WaiverAsk(c, f"{p}%", Decimal(p) / 100, None) for c, p in zip(COMPONENTS, percents)]
    waived, after, problems = apply_waivers(lawful, asks, 2)
    assert not problems
    for k in list(COMPONENTS) + ["total"]:
        assert waived[k] + after[k] == lawful[k]
        assert ZERO <= waived[k] <= lawful[k]


@settings(max_examples=60, deadline=None)
@given(amounts, st.integers(1, 60), st.sampled_from(["0%", "6%", "12%"]),
       st.dates(date(2020, 1, 1), date(2026, 12, 31)))
def test_a_plan_pays_its_amount_and_ends_at_zero(amount, n, rate, start):
    assume(amount >= n)  # at least a yuan an installment: below that rounding leaves installments of zero
    terms = terms_of({"signed": date(2019, 1, 1), "principal": "1000.00", "method": "bullet", "term_months": 12})
    base, _ = account_from_terms(terms, payments=())
    fraction = parse_rate_spec(rate).fixed.annual(360)
    acc = plan_account(base, start, amount, n, None, fraction, rate)
    dues = plan_due_dates(start, n, None)
    rows = replay(acc, dues[-1], trace=False).installments
    assert len(rows) == n and [r.due for r in rows] == list(dues)
    assert sum((r.principal for r in rows), ZERO) == amount
    assert rows[-1].balance == 0
    if fraction == 0:
        assert all(r.interest == 0 for r in rows)
        assert all(r.total == rows[0].total for r in rows[:-1])
        assert abs(rows[-1].total - rows[0].total) <= Decimal("0.01") * n


@settings(max_examples=40, deadline=None)
@given(amounts, st.integers(1, 36), st.sampled_from(["0%", "6%", "12%", "24%"]),
       st.dates(date(2020, 1, 1), date(2026, 12, 31)), st.integers(1, 30),
       st.sampled_from(["ACT/360", "ACT/365", "30/360"]))
def test_a_proposed_plan_does_not_depend_on_the_grace_days(amount, n, rate, start, grace, day_count):
    # a proposed plan meets every installment when due, as the contract's schedule: grace days (which
    # only let a payment come late) change none of its installments
    from debtcli.model.money import parse_rate
    from debtcli.report.settlement import propose_plan

    assume(amount >= n)
    contract = {"signed": date(2019, 1, 1), "principal": "1000.00", "method": "bullet", "term_months": 12,
                "day_count": day_count}
    plan_rate = parse_rate(rate)
    without = propose_plan(amount, start, n, None, plan_rate, terms_of(contract))
    with_grace = propose_plan(amount, start, n, None, plan_rate, terms_of({**contract, "grace_days": grace}))
    assert with_grace.rows == without.rows and with_grace.total == without.total
    assert sum((r.principal for r in with_grace.rows), ZERO) == amount and with_grace.rows[-1].balance == 0
