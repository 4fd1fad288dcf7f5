"""Month arithmetic, untraced and shared replays, and the payment match handed to the ledger checks."""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from debtcli.engine import replay as replay_module
from debtcli.engine.account import account_from_terms, add_months, add_months_sticky, due_dates_for
from debtcli.engine.restructure import plan_due_dates
from debtcli.engine.replay import Replays, replay, untraced
from debtcli.importers.case_loader import load_case
from debtcli.reconcile.ledger import ledger_findings
from debtcli.reconcile.payments import PaymentMatch
from debtcli.report.build import contract_account
from tests.helpers import terms_of
from tests.test_properties import loans


# ---------------------------------------------------------------------- month arithmetic


def test_month_ends_are_cut_back_and_month_ends_stick():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)  # leap year
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 4, 30), 1) == date(2024, 5, 30)  # 30 Apr is not carried to 31 May
    assert add_months(date(2024, 3, 15), -3) == date(2023, 12, 15)
    assert add_months(date(2023, 11, 30), 14) == date(2025, 1, 30)
    # sticky: an anchor on its month's last day stays on month ends
    assert add_months_sticky(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months_sticky(date(2024, 2, 29), 1) == date(2024, 3, 31)
    assert add_months_sticky(date(2024, 4, 30), 1) == date(2024, 5, 31)
    assert add_months_sticky(date(2023, 2, 28), 12) == date(2024, 2, 29)
    assert add_months_sticky(date(2024, 1, 30), 1) == date(2024, 2, 29)  # 30 Jan is no month end: cut back


def test_due_dates_are_counted_from_the_signing_day_not_from_a_cut_back_date():
    # signed on the 30th: February has no 30th, so its due date is the 28th (29th in 2024); March
    # returns to the 30th. Counted from 28 February, month ends would stick: 31 March, 31 May.
    terms = terms_of({"signed": date(2023, 1, 30), "principal": "12000", "rate": "12%",
                      "method": "equal_installment", "term_months": 4})
    assert due_dates_for(terms) == (date(2023, 2, 28), date(2023, 3, 30), date(2023, 4, 30), date(2023, 5, 30))
    assert plan_due_dates(date(2024, 1, 29), 3, None) == (date(2024, 2, 29), date(2024, 3, 29), date(2024, 4, 29))
    # the 31st cut back in short months, and back on the 31st where a month has it
    assert plan_due_dates(date(2024, 1, 31), 3, None) == (date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30))
    # a day on a month end is still that day (对日): 30 April gives the 30th, 28 February the 28th
    assert plan_due_dates(date(2023, 4, 30), 3, None) == (date(2023, 5, 30), date(2023, 6, 30), date(2023, 7, 30))
    assert plan_due_dates(date(2023, 2, 28), 2, None) == (date(2023, 3, 28), date(2023, 4, 28))
    # a first due date given on a month end before the signing day is that day cut back
    terms = terms_of({"signed": date(2023, 1, 30), "principal": "12000", "rate": "12%",
                      "method": "equal_installment", "term_months": 3, "first_due": date(2023, 2, 28)})
    assert due_dates_for(terms) == (date(2023, 2, 28), date(2023, 3, 30), date(2023, 4, 30))
    terms = terms_of({"signed": date(2023, 1, 15), "principal": "12000", "rate": "12%",
                      "method": "equal_installment", "term_months": 3, "first_due": date(2023, 2, 28)})
    assert due_dates_for(terms) == (date(2023, 2, 28), date(2023, 3, 28), date(2023, 4, 28))


def test_schedule_from_the_30th_by_hand(run_json, tmp_path):
    # 12,000.00 at 12%, 4 equal installments, interest by the day on ACT/365, signed 30 Jan 2023.
    # Installment: 12,000 x 1% / (1 - 1.01^-4) = 3,075.3731... -> 3,075.37.
    # Row 1, 30 Jan - 28 Feb, 29 days: 12,000.00 x 12% x 29 / 365 = 114.4109... -> 114.41;
    #   principal 3,075.37 - 114.41 = 2,960.96, balance 9,039.04.
    # Row 2, 28 Feb - 30 Mar, 30 days: 9,039.04 x 12% x 30 / 365 = 89.1521... -> 89.15
    #   (with 31 March as the due date: 31 days, 92.12).
    from tests.helpers import case_toml

    folder = tmp_path
    (folder / "case.toml").write_text(case_toml({
        "signed": date(2023, 1, 30), "principal": "12000", "rate": "12%", "method": "equal_installment",
        "term_months": 4, "interest_method": "daily", "day_count": "ACT/365"}), encoding="utf-8")
    _, out = run_json("schedule", folder)
    rows = out["installments"]
    assert [r["due"] for r in rows] == ["2023-02-28", "2023-03-30", "2023-04-30", "2023-05-30"]
    assert (rows[0]["total"], rows[0]["interest"], rows[0]["principal"]) == ("3075.37", "114.41", "2960.96")
    assert rows[1]["interest"] == "89.15"


@settings(max_examples=400, deadline=None)
@given(st.dates(date(1990, 1, 1), date(2060, 12, 31)), st.integers(-240, 480))
def test_month_arithmetic_agrees_with_dateutil(anchor, months):
    assert add_months(anchor, months) == anchor + relativedelta(months=months)
    moved = anchor + relativedelta(months=months)
    if (anchor + timedelta(days=1)).month != anchor.month:  # the anchor is a month end
        moved = (moved.replace(day=1) + relativedelta(months=1)) - timedelta(days=1)
    assert add_months_sticky(anchor, months) == moved


# ---------------------------------------------------------------------- untraced and shared runs


def _account(contract, payments):
    account, _ = account_from_terms(terms_of(contract), payments=payments)
    return account


def _loan_account(loan, interest_method):
    """(account, as_of) of a generated loan under ``interest_method`` (a bullet loan keeps its own)."""
    contract, payments, as_of = loan
    contract = {**contract, "interest_method": interest_method}
    if contract["method"] == "bullet":
        contract.pop("interest_method")
    return _account(contract, payments), as_of


@settings(max_examples=120, deadline=None)
@given(loans(), st.sampled_from(["daily", "per_period"]))
def test_a_traced_run_without_its_trace_is_the_untraced_run(loan, interest_method):
    account, as_of = _loan_account(loan, interest_method)
    traced = replay(account, as_of, True)
    assert untraced(traced) == replay(account, as_of, False)
    assert traced.balance == replay(account, as_of, False).balance


def test_each_account_is_replayed_once(monkeypatch):
    account = _account({"signed": date(2023, 1, 1), "principal": "12000", "rate": "12%", "method": "equal_principal",
                        "term_months": 12, "first_due": date(2023, 2, 1)}, ())
    calls = []

    def counting(acc, as_of, trace=True):
        calls.append(trace)
        return replay(acc, as_of, trace)

    monkeypatch.setattr(replay_module, "replay", counting)
    runs = Replays(traced=True)
    as_of = date(2023, 8, 15)
    plain = runs.run(account, as_of)
    assert runs.run(account, as_of, True).postings[0].lines  # the traced run behind it
    assert runs.run(account, as_of) is plain
    assert calls == [True]
    # 7 installments of 12,000 / 12 = 1,000 principal fell due (1 Feb to 1 Aug): 5,000 not yet due
    assert plain.buckets["not_due"]["principal"] == 5000
    assert all(not p.lines for p in plain.postings)

    untraced_runs = Replays()
    untraced_runs.run(account, as_of)
    untraced_runs.run(account, as_of)
    untraced_runs.run(account, as_of, True)
    assert calls == [True, False, True]


# ---------------------------------------------------------------------- the match handed to the ledger checks


def test_ledger_checks_use_the_match_made_for_the_replay():
    case, _ = load_case("examples/messy-loan")
    as_of = case.terms.demand.as_of
    account, match, _ = contract_account(case, as_of)
    assert match is not None and match.unposted  # the example has a payment the ledger never credited
    res = replay(account, as_of, False)
    fresh = ledger_findings(case, res, account)
    assert ledger_findings(case, res, account, match=match) == fresh
    # a match made with another window is not trusted: the payments are matched again
    other = PaymentMatch(window_days=match.window_days + 5)
    assert ledger_findings(case, res, account, match=other) == fresh


@settings(max_examples=100, deadline=None)
@given(loans(), st.sampled_from(["daily", "per_period"]))
def test_the_exposure_is_the_sum_over_the_posted_accrual_lines(loan, interest_method):
    # ReplayResult.exposure is what a rate ceiling is multiplied by (the cn 24% line): the exact sum,
    # over the interest and default-interest lines the postings carry, of base x days / basis (a
    # per-period line: base x days / (12 x days of the period) a month, / (4 x ...) a quarter ...); the
    # same whether the run is traced.
    from fractions import Fraction

    from debtcli.model.records import PERIOD_MONTHS

    account, as_of = _loan_account(loan, interest_method)
    traced = replay(account, as_of, True)
    expected = sum((Fraction(ln.base) * ln.days / (12 // PERIOD_MONTHS[ln.per] * ln.basis if ln.per in PERIOD_MONTHS
                                                   else ln.basis)
                    for p in traced.postings for ln in p.lines
                    if ln.component in ("interest", "default_interest")), Fraction(0))
    assert traced.exposure == expected
    assert replay(account, as_of, False).exposure == traced.exposure


def test_spans_whose_interest_rounds_to_nothing_leave_the_exposure_with_their_lines():
    # 1.00 at 1% for one day: 1.00 x 0.01 / 365 = 0.0000274 -> 0.00: nothing is posted, so neither
    # the accrual line nor its exposure (1.00 x 1 / 365) is kept.
    account = _account({"signed": date(2023, 1, 1), "principal": "1.00", "rate": "1%", "method": "bullet",
                        "term_months": 12, "day_count": "ACT/365"}, ())
    traced = replay(account, date(2023, 1, 2), True)
    assert not any(p.lines for p in traced.postings)
    assert traced.exposure == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False, places=None),
                          st.integers(0, 400), st.sampled_from([360, 365, 366, 336, 348, 360, 372])),
                max_size=60))
def test_the_exposure_is_exact_for_any_bases(spans):
    # bases of any precision (carry_precision keeps 28 digits) and any mix of denominators: the sum
    # is the exact one, whatever the decimal context in force.
    import dataclasses
    from decimal import localcontext
    from fractions import Fraction

    from debtcli.engine.records import ReplayResult

    fields = {f.name: None for f in dataclasses.fields(ReplayResult) if f.default is dataclasses.MISSING
              and f.default_factory is dataclasses.MISSING}
    result = ReplayResult(**fields, exposure_spans=tuple(spans))
    with localcontext(prec=6):
        got = result.exposure
    assert got == sum((Fraction(b) * d / n for b, d, n in spans), Fraction(0))


# ---------------------------------------------------------------------- one contract schedule for the verification


@settings(max_examples=80, deadline=None)
@given(loans(), st.sampled_from(["daily", "per_period"]), st.lists(st.integers(1, 1100), max_size=4),
       st.sampled_from([None, "0.5", "1"]), st.sampled_from(["0.06", "0.15", "0.24"]))
def test_the_default_rate_and_the_claim_limit_leave_the_schedule_alone(loan, interest_method, default_days,
                                                                       markup, limit):
    # A schedule's installments are met when due, so nothing is ever overdue: no default rate applies,
    # and the claim limit (which splits interest owed above an enforceable rate) changes no installment.
    # A default-rate date only splits accrual spans. Two accounts that differ only there share one
    # schedule in a verification, and it is the one either would get alone.
    from dataclasses import replace

    from debtcli.engine.account import RatePoint
    from debtcli.engine.replay import contract_schedule

    account, _ = _loan_account(loan, interest_method)
    start = account.signed
    other = replace(account, default_path=tuple(RatePoint(start + timedelta(days=d), Decimal("0.3"), "30%")
                                                for d in sorted(set(default_days))) or None,
                    default_markup=None if markup is None else Decimal(markup),
                    claim_limit=((start, Decimal(limit)),))
    assert contract_schedule(other).installments == contract_schedule(account).installments
    runs = Replays()
    assert runs.schedule(other) is runs.schedule(account)
    # an account whose schedule differs (another rate) gets its own
    dearer = replace(account, rate_path=tuple(replace(p, rate=p.rate + Decimal("0.01"))
                                              for p in account.rate_path))
    assert runs.schedule(dearer) is not runs.schedule(account)
    assert runs.schedule(dearer).installments == contract_schedule(dearer).installments


def test_a_default_rate_date_does_not_move_a_30_360_schedule():
    # 1,000.00 at 4.9%, interest-only, 30/360, interest by the day, due on the 15th. Every month is 30
    # days under 30/360: 1,000.00 x 4.9% x 30 / 360 = 4.0833... -> 4.08 each month. A default rate
    # dated 2023-03-31 applies to nothing in the contract's schedule (nothing is ever overdue there);
    # if it split the span 15 March - 15 April, 30/360 would count 16 + 15 = 31 days and installment 3
    # would read 1,000.00 x 4.9% x 31 / 360 = 4.219... -> 4.22.
    from dataclasses import replace

    from debtcli.engine.account import RatePoint
    from debtcli.engine.replay import contract_schedule

    account = _account({"signed": date(2023, 1, 15), "principal": "1000.00", "rate": "4.9%",
                        "method": "interest_only", "term_months": 6, "day_count": "30/360",
                        "interest_method": "daily"}, ())
    other = replace(account, default_path=(RatePoint(date(2023, 3, 31), Decimal("0.3"), "30%"),))
    for acc in (account, other):
        assert [r.interest for r in contract_schedule(acc).installments] == [Decimal("4.08")] * 6
    runs = Replays()
    assert runs.schedule(other) is runs.schedule(account)
