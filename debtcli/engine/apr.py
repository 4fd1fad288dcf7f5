"""The real annualised cost of a loan (年化利率): the internal rate of return of its cash flows.

``apr`` is the rate per period that makes the money the borrower actually received equal to the
present value of everything the schedule makes them pay (principal, interest, every fee, withheld
or periodic), times the periods in a year: the convention of PBOC Announcement 〔2021〕 No. 3, cost
over the principal actually outstanding after each installment. ``apr_effective`` compounds the
same rate, (1 + r)^periods − 1. ``apr_actual`` is the same computation on what really happened up
to the as-of date: the money received, each payment on its day, and the balance owed on the as-of
date as if settled then.

Time is counted in periods: for installment methods the period is the month and installment k is
at period k (the schedule's own clock); a flow on another day (a fee paid on signing after the
money, an actual payment) is at (days since the money was received) × 12 ÷ 365 months. A loan repaid
in one sum (bullet, on demand) has one period, its whole term, and 365 ÷ days of them a year, so its
``apr`` is the simple annual cost. Everything is Decimal, solved to ``IRR_PRECISION`` digits by
Newton's method kept inside a bracket (bisection when a step would leave it); the result is rounded
half-up to ``APR_PLACES`` decimals of a percent. Imports: the engine only (rule packs use it too);
``debtcli.report.apr`` is the report's view of it.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import NamedTuple

from debtcli.engine.account import whole_months
from debtcli.engine.replay import contract_schedule
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.records import PERIOD_UNITS

IRR_PRECISION = 40  # significant digits of the IRR search
IRR_TOLERANCE = Decimal("1e-24")  # the bracket is closed when narrower than this (rate per period)
IRR_MAX_STEPS = 200
IRR_NPV_TOLERANCE = Decimal("1e-30")  # relative to the largest flow: the net present value counts as zero
APR_PLACES = Decimal("0.01")  # percent to 2 decimals
MONTHS_PER_DAY = Decimal(12) / Decimal(365)  # 28 digits: the periods of flows on other days than the schedule's
_DEFAULT = Context(prec=28)  # the context MONTHS_PER_DAY and the periods are worked out in
_SEARCH = Context(prec=IRR_PRECISION)
with localcontext() as _ctx:
    _ctx.prec = IRR_PRECISION
    DAY_IN_MONTHS = Decimal(12) / Decimal(365)  # the same, to the precision of the search
    DAYS_PER_MONTH = Decimal(365) / Decimal(12)
POLISHED = Decimal("1e-14")
INSTALLMENT_METHODS = ("equal_installment", "equal_principal", "interest_only", "flat")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class CashFlow(NamedTuple):
    """One flow as the borrower lives it: positive = money received, negative = money paid. (A named
    tuple: a verification builds one a flow, about eighty an account.)"""

    date: date
    period: Decimal  # time from the money received, in periods
    amount: Decimal
    what: str  # received | installment | fee | payment | balance
    n: int | None = None  # the installment
    name: str = ""  # the fee's name


@dataclass(frozen=True)
class AnnualCost:
    """The annualised cost of a loan: from the scheduled flows and, once a payment is made, the actual ones."""

    apr: Decimal | None  # percent, 2 decimals: rate per period x periods a year
    apr_effective: Decimal | None  # percent, 2 decimals: (1 + r)^periods - 1
    rate_per_period: Decimal | None  # the IRR per period (a fraction, IRR_PRECISION digits)
    periods_per_year: Decimal
    period: str  # "month" | "quarter" | "half_year" | "whole_year" (an installment's) | "term" (one sum)
    flows: tuple[CashFlow, ...]
    apr_actual: Decimal | None = None  # percent, 2 decimals, from the actual flows (None: no payment yet)
    actual_rate_per_period: Decimal | None = None
    actual_flows: tuple[CashFlow, ...] = ()


def irr(flows) -> Decimal | None:
    """The rate r per period with sum(amount x (1 + r)^-period) = 0, or None when there is none
    (all flows of one sign). ``flows``: (period, amount) pairs, periods >= 0. The net present value
    of a loan's flows rises with r (money received first, paid later), so the root is bracketed
    between -0.99 and a bound doubled until the value turns positive.

    The search runs first in binary floating point (the same bracket and Newton steps, microseconds);
    Newton finishes from its root in Decimal, usually in two or three steps, each kept within 1e-9 of
    the start. Only when that fails does the whole search run in Decimal."""
    pairs = sorted([(Decimal(t), Decimal(a)) for t, a in flows if a])
    if not any(a > 0 for _, a in pairs) or not any(a < 0 for _, a in pairs):
        return None
    facts = [_period_facts(t) for t, _ in pairs]
    with localcontext() as ctx:
        ctx.prec = IRR_PRECISION
        whole = all(f[1] is not None for f in facts)
        days = None if whole else _whole_days(pairs, facts)

        def npv(r: Decimal) -> tuple[Decimal, Decimal]:
            v = ONE / (ONE + r)
            value = slope = ZERO
            if whole:  # v^t by running products over the sorted periods: one multiplication a period
                k, f = 0, ONE
                for (t, a), (_, n, _) in zip(pairs, facts):
                    while k < n:
                        f *= v
                        k += 1
                    value += a * f
                    slope -= t * a * f
                return value, slope * v
            log_v = v.ln()
            if days is not None:  # v^t = w^days, w = e^(ln v x 12/365): integer powers of w over the gaps
                w = (log_v * DAY_IN_MONTHS).exp()
                powers: dict = {}
                k, f = 0, ONE
                for (t, a), d in zip(pairs, days):
                    if d != k:
                        step = powers.get(d - k)
                        if step is None:
                            step = powers[d - k] = w ** (d - k)
                        f *= step
                        k = d
                    value += a * f
                    slope -= t * a * f
                return value, slope * v
            for t, a in pairs:  # v^t = e^(t ln v): one logarithm an evaluation, one exponential a flow
                f = (t * log_v).exp() if t else ONE
                value += a * f
                slope -= t * a * f
            return value, slope * v

        def sign_at(r: Decimal) -> int:
            value, _ = npv(r)
            return (value > 0) - (value < 0)

        settled = max(abs(a) for _, a in pairs) * IRR_NPV_TOLERANCE  # a value this small is zero
        as_float: dict = {}  # amounts recur (an installment's): each converted once
        floats = []
        for f, (_, a) in zip(facts, pairs):
            x = as_float.get(a)
            if x is None:
                x = as_float[a] = float(a)
            floats.append((f[0], x))
        guess = _float_root(floats)
        if guess == NO_ROOT:  # no sign change up to 2^60 in floating point: confirmed at both ends
            s_lo = sign_at(Decimal("-0.99"))
            if s_lo and s_lo == sign_at(ONE * 2 ** 60):
                return None
        elif guess is not None:
            root = _polish(npv, Decimal(repr(guess)), settled)
            if root is not None:
                return root
        lo, hi = Decimal("-0.99"), ONE
        s_lo = sign_at(lo)
        steps = 0
        s_hi = sign_at(hi)
        while s_hi == s_lo and steps < 60:
            hi *= 2
            steps += 1
            s_hi = sign_at(hi)
        if s_hi == s_lo:
            return None
        r = Decimal("0.01") if lo < Decimal("0.01") < hi else (lo + hi) / 2
        return _newton(npv, r, lo, hi, s_lo, settled)


def _polish(npv, r: Decimal, settled: Decimal) -> Decimal | None:
    """Newton's method from a floating-point root: a few steps, each allowed to move r by no more than
    a hair (1e-9 of it); the root once the net present value counts as zero, or once a step moved r by
    less than 1e-14 (Newton converges quadratically: the step after it would be below 1e-26), else
    None."""
    scale = max(abs(r), ONE)
    lo, hi = r - scale * Decimal("1e-9"), r + scale * Decimal("1e-9")
    for _ in range(6):
        value, slope = npv(r)
        if abs(value) <= settled:
            return +r
        step = r - value / slope if slope else None
        if step is None or not lo < step < hi:
            return None
        if step == r:  # Newton cannot move r at this precision: converged
            return +r
        if abs(step - r) < scale * POLISHED:
            return +step
        r = step
    return None


def _whole_days(pairs, facts=None) -> list[int] | None:
    """The days behind each period when every period is a whole number of days as ``_months`` writes it
    (days x 12 / 365 in 28 digits), else None. ``facts``: ``_period_facts`` of each period, if known."""
    out = [f[2] for f in (facts if facts is not None else [_period_facts(t) for t, _ in pairs])]
    return None if None in out else out


def _days_of(t: Decimal) -> int | None:
    """The whole number of days d with d x 12 / 365 (in 28 digits) = t, or None."""
    d = int(_SEARCH.multiply(t, DAYS_PER_MONTH).to_integral_value(context=_SEARCH))
    if _DEFAULT.multiply(Decimal(d), MONTHS_PER_DAY) != t:
        return None
    return d


_FACTS_KEPT = 1 << 14  # distinct periods remembered (44 years of days)


@lru_cache(maxsize=_FACTS_KEPT)
def _period_facts(t: Decimal) -> tuple[float, int | None, int | None]:
    """What the search needs to know of a period, memoised (flows fall on a few thousand distinct
    periods, which every account shares): ``float(t)``; ``int(t)`` when t is a whole number of
    periods, else None; the days behind t (``_days_of``). Each depends only on the value of t."""
    n = int(t) if t == t.to_integral_value() else None
    return float(t), n, _days_of(t)


def _newton(npv, r: Decimal, lo: Decimal, hi: Decimal, s_lo: int, settled: Decimal) -> Decimal:
    """Newton's method from ``r`` kept inside [lo, hi] (bisection when a step would leave it)."""
    for _ in range(IRR_MAX_STEPS):
        value, slope = npv(r)
        if abs(value) <= settled:
            return +r
        if ((value > 0) - (value < 0)) == s_lo:
            lo = r
        else:
            hi = r
        if hi - lo < IRR_TOLERANCE:
            return +r
        step = r - value / slope if slope else None
        if step == r:  # Newton cannot move r at this precision: converged
            return +r
        r = step if step is not None and lo < step < hi else (lo + hi) / 2
    return +r


NO_ROOT = "no root"


def _float_root(pairs: list[tuple[float, float]]) -> float | str | None:
    """The same bracketed Newton search in floating point: a starting point for the Decimal one,
    ``NO_ROOT`` when the value keeps one sign from -0.99 to 2^60, or None when it cannot tell
    (overflow)."""
    exp, log1p = math.exp, math.log1p
    terms = [(t, a, t * a) for t, a in pairs]  # t x a x f is (t x a) x f: the same float either way

    def npv(r: float) -> tuple[float, float]:
        log_v = -log1p(r)
        value = slope = 0.0
        for t, a, ta in terms:
            f = exp(t * log_v)
            value += a * f
            slope -= ta * f
        return value, slope / (1.0 + r)

    if _one_sign_change(pairs):
        # One change of sign (money received, then paid): the value rises with r and is concave, so
        # it has one root above -1, and Newton's method from any start lands at or below it and then
        # climbs to it. Tried first, unbracketed (four or five evaluations instead of about ten);
        # a step that leaves the bracket's range hands over to the bracketed search below.
        r = 0.01
        try:
            for _ in range(60):
                value, slope = npv(r)
                if value == 0:
                    return r
                if not slope:
                    break
                step = r - value / slope
                if not -0.99 < step < 2.0 ** 60:
                    break
                if abs(step - r) < 1e-15 * max(1.0, abs(step)):
                    return step
                r = step
        except (OverflowError, ValueError, ZeroDivisionError):
            pass
    for lo in (-0.99, -0.9, -0.5):  # a long schedule overflows at -0.99 (100^360)
        try:
            s_lo = math.copysign(1, npv(lo)[0])
            break
        except OverflowError:
            continue
    else:
        return None
    try:
        hi = 1.0
        steps = 0
        s_zero = math.copysign(1, npv(0.0)[0])
        if s_zero != s_lo:
            # flows that change sign more than once (money back after the loan was settled, say) can
            # have roots on both sides of 0: the one above 0 if there is one, else the one below
            while math.copysign(1, npv(hi)[0]) == s_zero and steps < 60:
                hi *= 2
                steps += 1
            if math.copysign(1, npv(hi)[0]) != s_zero:
                lo, s_lo = 0.0, s_zero
            else:
                hi = 0.0
        while math.copysign(1, npv(hi)[0]) == s_lo and steps < 60:
            hi *= 2
            steps += 1
        if math.copysign(1, npv(hi)[0]) == s_lo:
            return NO_ROOT if lo == -0.99 else None
        r = 0.01 if lo < 0.01 < hi else (lo + hi) / 2
        for _ in range(IRR_MAX_STEPS):
            value, slope = npv(r)
            if value == 0:
                return r
            if math.copysign(1, value) == s_lo:
                lo = r
            else:
                hi = r
            if hi - lo < 1e-15 * max(1.0, abs(r)):
                return r
            step = r - value / slope if slope else None
            if step == r:
                return r
            r = step if step is not None and lo < step < hi else (lo + hi) / 2
        return r
    except (OverflowError, ValueError, ZeroDivisionError):
        return None


def _one_sign_change(pairs: list[tuple[float, float]]) -> bool:
    """Whether the amounts, in the order of their periods, change sign exactly once."""
    changes, last = 0, 0.0
    for _, a in pairs:
        if a:
            if last and (a > 0) != (last > 0):
                changes += 1
            last = a
    return changes == 1


def percent(fraction: Decimal | None) -> Decimal | None:
    return None if fraction is None else (fraction * HUNDRED).quantize(APR_PLACES, rounding=ROUND_HALF_UP)


def _received(account) -> list[tuple[date, Decimal]]:
    """Money actually handed over on each drawing date: the draw less what was withheld that day."""
    out = []
    for d, amount in account.draws:
        held = sum((ch.amount for ch in account.charges if ch.withheld and ch.date == d), ZERO)
        out.append((d, amount - held))
    return out


def _months(start: date, d: date) -> Decimal:
    return _months_of((d - start).days)


@lru_cache(maxsize=_FACTS_KEPT)
def _months_of(days: int) -> Decimal:
    """days x 12 / 365 in 28 digits, memoised like ``_period_facts``."""
    return _DEFAULT.multiply(Decimal(days), MONTHS_PER_DAY)


_COUNTS = tuple(Decimal(n) for n in range(1201))  # installment numbers as periods


def _count(n: int) -> Decimal:
    return _COUNTS[n] if 0 <= n < len(_COUNTS) else Decimal(n)


# A flow straight from a tuple of its six fields, without the keyword layer of the named tuple's
# constructor (a verification makes about eighty): ``_flow(CashFlow, (date, period, amount, what, n, name))``.
_flow = tuple.__new__


def scheduled_flows(account, fee_filter=None, replays=None) -> tuple[tuple[CashFlow, ...], Decimal, str]:
    """The contract's flows as the borrower lives them, the periods a year and the period's name.
    ``fee_filter(name, periodic)`` keeps a fee in the flows (default: every fee); ``replays``
    (``engine.replay.Replays``) gives the schedule when the verification has worked it out already."""
    keep = fee_filter or (lambda name, periodic: True)
    received = _received(account)
    if not received or not account.due_dates:
        return (), Decimal(12), "month"
    start = received[0][0]
    end = max(account.due_dates)
    schedule = replays.schedule(account) if replays is not None else contract_schedule(account)
    monthly = account.method in INSTALLMENT_METHODS  # periods are installments (a month, a quarter ...)
    months = account.period_months if monthly else 1
    dues = account.due_dates
    # in advance (先付) installment 1 falls on the day the money is received: installment k is at period k - 1
    offset = 1 if monthly and dues[0] == start else 0
    # installment k is at period k when every period is whole; a schedule with a short or long period
    # (a first due date on a settlement day, a maturity off the cycle) counts each flow by its days
    regular = monthly and all(whole_months(a, b, months) for a, b in zip(((start,) + dues)[offset:], dues[offset:]))
    single = not monthly and len(schedule.installments) == 1
    term_days = Decimal(max(1, (end - start).days))
    per_year = Decimal(365) / term_days if single else Decimal(account.periods_a_year if monthly else 12)

    def at(d: date, n: int | None = None) -> Decimal:
        if regular and n is not None:
            return _count(n - offset)
        if single:
            return Decimal((d - start).days) / term_days
        return _months(start, d) if months == 1 else _months(start, d) / months

    flows = [_flow(CashFlow, (d, at(d) if d != start else ZERO, amount, "received", None, ""))
             for d, amount in received]
    for ch in account.charges:
        if ch.withheld or ch.component not in ("fees", "interest") or ch.source is None \
                or ch.source.column != "contract.fee" or not keep(ch.name, False):
            continue
        flows.append(_flow(CashFlow, (ch.date, at(ch.date), -ch.amount, "fee", None, ch.name)))
    dropped = {name for name, _ in account.installment_fees if not keep(name, True)}
    per_inst_dropped = sum((a for name, a in account.installment_fees if name in dropped), ZERO)
    # interest withheld up front was paid in advance: it meets the installments' interest as it falls due
    prepaid = sum((ch.amount for ch in account.charges if ch.withheld and ch.component == "interest"), ZERO)
    for row in schedule.installments:
        total = row.total - (min(per_inst_dropped, row.fees) if dropped else ZERO)
        met = min(prepaid, row.interest)
        prepaid -= met
        period = _count(row.n - offset) if regular else at(row.due)
        flows.append(_flow(CashFlow, (row.due, period, -(total - met), "installment", row.n, "")))
    flows.sort(key=lambda f: (f.period, f.what != "received"))
    return tuple(flows), per_year, "term" if single else PERIOD_UNITS[months]


def actual_flows(account, result, as_of: date) -> tuple[CashFlow, ...]:
    """What happened up to the as-of date: money received, each payment, and the balance owed on the
    as-of date as if settled that day. Empty when no payment was made."""
    received = [(d, a) for d, a in _received(account) if d <= as_of]
    payments = [p for p in result.payments if p.kind == "payment" and p.date <= as_of]
    if not received or not payments:
        return ()
    start = received[0][0]
    flows = [_flow(CashFlow, (d, _months(start, d), a, "received", None, "")) for d, a in received]
    flows += [_flow(CashFlow, (p.date, _months(start, p.date), -p.amount, "payment", None, p.reference))
              for p in payments]
    owed = result.balance["total"] - (result.credit or ZERO)
    flows.append(_flow(CashFlow, (as_of, _months(start, as_of), -owed, "balance", None, "")))
    return tuple(flows)


def annual_cost(account, result=None, as_of: date | None = None, fee_filter=None, replays=None
                ) -> AnnualCost | None:
    """The annualised cost of a loan account: ``apr`` and ``apr_effective`` from the schedule, and
    ``apr_actual`` from ``result`` (the contractual replay to ``as_of``) where payments exist. None for
    a card account or a loan with no schedule yet."""
    if account.card is not None:
        return None
    flows, per_year, period = scheduled_flows(account, fee_filter, replays)
    if not flows:
        return None
    r = irr([(f.period, f.amount) for f in flows])
    apr = eff = None
    if r is not None:
        with localcontext() as ctx:
            ctx.prec = IRR_PRECISION
            apr = percent(r * per_year)
            eff = percent((ONE + r) ** per_year - ONE) if r > -1 else None
    actual = actual_flows(account, result, as_of) if result is not None and as_of is not None else ()
    r_actual = irr([(f.period, f.amount) for f in actual]) if actual else None
    return AnnualCost(apr, eff, r, per_year, period, flows,
                      percent(r_actual * 12) if r_actual is not None else None, r_actual, actual)
