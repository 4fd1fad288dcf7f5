"""The account the replay runs on: terms resolved into dated facts.

``Account`` is what the one engine consumes. The contractual run builds it from the contract;
a rule pack builds the lawful one by changing terms (or the account itself: capped rate paths,
removed charges) before the same replay runs. Nothing here reads files or the clock.
"""

from __future__ import annotations

import calendar
from dataclasses import field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from debtcli.engine.daycount import basis_days
from debtcli.engine.records import Restructure
from debtcli.model.findings import Text, text
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import ZERO, minor_unit, round_money
from debtcli.model.records import COMPONENTS, Issue, PaymentRecord, SourceRef
from debtcli.terms.loader import maturity_of
from debtcli.terms.schema import DEFAULT_ALLOCATION, DEFAULT_DAY_COUNT, RateSpec, Terms, default_interest_method

BUCKETS = ("overdue", "due", "not_due")
# how a case supplies an LPR fixing the shipped table lacks (named in the error; rules.lpr reads these keys)
SUPPLY_KEYS = "[rules] lpr_date = YYYY-MM-DD with lpr_1y = \"3.00%\" (and lpr_5y = \"3.50%\" for a five-year link)"


@dataclass(frozen=True, slots=True)
class RatePoint:
    """From ``date`` on, the annual rate is ``rate`` (a fraction). ``text`` says where it came from."""

    date: date
    rate: Decimal
    text: str


@dataclass(frozen=True, slots=True)
class Charge:
    """A one-off charge: a fee, a cost, an interest amount withheld up front."""

    date: date
    component: str
    amount: Decimal
    name: str
    withheld: bool = False  # settled out of the money handed over
    source: SourceRef | None = None
    clause: str = ""


@dataclass(frozen=True, slots=True)
class NonCash:
    """acceleration | charge_off | waiver | demand_notice | acknowledgment (rank order below)."""

    date: date
    type: str
    amount: Decimal | None = None
    component: str | None = None
    note: str = ""
    index: int = 0
    keep: str = "term"  # prepayment: term (the installment is levelled again) | installment (the term shortens)


def interest_only_count(periods: int, installments: int) -> int:
    """Of ``installments``, how many bear interest only (前 N 期只还息, ``periods`` asked): never the last,
    which always repays the principal."""
    return min(periods, max(installments - 1, 0))


@dataclass(frozen=True, slots=True)
class Account:
    """Everything the replay needs, already resolved."""

    currency: str
    rounding: str
    day_count: str
    counting: str
    interest_method: str
    method: str
    signed: date
    draws: tuple[tuple[date, Decimal], ...]  # principal lent on each date (cash + withheld)
    due_dates: tuple[date, ...]
    principal_plan: tuple[Decimal | None, ...]  # principal due per installment; None = follow the annuity
    interest_plan: tuple[Decimal | None, ...]  # custom installments may fix the interest
    annuity: Decimal | None  # equal_installment amount
    rate_path: tuple[RatePoint, ...]
    default_path: tuple[RatePoint, ...] | None  # None: overdue principal keeps the contract rate
    default_markup: Decimal | None = None  # default rate = contract rate x (1 + markup)
    compound: bool = False
    grace_days: int = 0
    penalty: Decimal | None = None
    late_fee: Decimal | None = None
    late_fee_rate: Decimal | None = None
    late_fee_base: str = "installment"  # installment | principal | interest: what late_fee_rate applies to
    installment_fees: tuple[tuple[str, Decimal], ...] = ()
    charges: tuple[Charge, ...] = ()
    events: tuple[NonCash, ...] = ()
    payments: tuple[PaymentRecord, ...] = ()
    allocation: tuple[tuple[str, str], ...] = ()
    carry_precision: bool = False
    stop_accrual_on_charge_off: bool = False
    rate_agreed: bool = True
    clauses: dict = field(default_factory=dict)
    places: int = 2
    reamortize_on_rate_change: bool = True
    card: object | None = None  # debtcli.engine.card.CardPlan for a revolving card account
    restructures: tuple = ()  # debtcli.engine.restructure.Restructure: payment plans, by date
    # Interest accrued above an enforceable rate that stands only if paid (2015 Provisions on Private
    # Lending Art. 26 ¶2): (from, enforceable annual rate or None) steps. What is still unpaid of that
    # part on the as-of date is not owed (``ReplayResult.unenforced``).
    claim_limit: tuple[tuple[date, Decimal | None], ...] = ()
    overdue_lag: int = 0  # overdue_from = "next_day": default interest starts the day after the due date (+ grace)
    flat_base: Decimal | None = None  # method = "flat": interest runs on this original principal while any is unpaid
    installment_multiple: Decimal | None = None  # the level installment is a multiple of this
    # A ceiling on interest plus the periodic fees re-characterised as interest (``fees_as_interest``, one flag per
    # installment fee): each installment's fee is cut to what the ceiling leaves after its interest. Empty: no cap.
    fee_ceiling: tuple[RatePoint, ...] = ()
    fees_as_interest: tuple[bool, ...] = ()
    # The most compound interest charged in all (the cn pack's cut to the combined cap of overdue
    # charges, Provisions on Private Lending Art. 29): a posting beyond it is cut, the latest first.
    compound_limit: Decimal | None = None
    period_months: int = 1  # months between two due dates (frequency): 1, 3, 6 or 12
    in_advance: bool = False  # the first installment on the day the loan is made (an annuity due)
    interest_only_periods: int = 0  # the first installments bear interest only; the rest amortise the principal

    def with_payments(self, payments) -> "Account":
        return replace(self, payments=tuple(payments))

    @property
    def periods_a_year(self) -> int:
        """Installment periods in a year: 12 monthly, 4 quarterly, 2 half-yearly, 1 yearly."""
        return 12 // self.period_months

    @property
    def interest_only_installments(self) -> int:
        """How many installments bear interest only before the principal amortises (the last one
        always repays it)."""
        return interest_only_count(self.interest_only_periods, len(self.due_dates))


def allocation_pairs(order: tuple[str, ...] | None) -> tuple[tuple[str, str], ...]:
    """Turn a contract's allocation list into (bucket, component) pairs.

    Plain component names apply within each bucket, overdue before due before not yet due;
    ``overdue:interest`` style entries are placed first, in the order written.
    """
    order = order or DEFAULT_ALLOCATION
    explicit = [tuple(x.split(":", 1)) for x in order if ":" in x]
    plain = [x for x in order if ":" not in x]
    plain += [c for c in DEFAULT_ALLOCATION if c not in plain]
    pairs = [(b, c) for b, c in explicit]
    for bucket in BUCKETS:
        for comp in plain:
            if (bucket, comp) not in pairs:
                pairs.append((bucket, comp))
    return tuple(pairs)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]


def add_months(anchor: date, months: int) -> date:
    """anchor + months, the day cut back to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
    return date(year, month0 + 1, min(anchor.day, days_in_month(year, month0 + 1)))


def add_months_sticky(anchor: date, months: int) -> date:
    """anchor + months; an anchor on the last day of its month stays on month ends
    (31 Jan -> 28/29 Feb -> 31 Mar; 30 Apr -> 31 May)."""
    year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
    if anchor.day < 28:  # not a month end, and every month has the day
        return date(year, month0 + 1, anchor.day)
    last = days_in_month(year, month0 + 1)
    if anchor.day == days_in_month(anchor.year, anchor.month):
        return date(year, month0 + 1, last)
    return date(year, month0 + 1, min(anchor.day, last))


def whole_months(start: date, end: date, months: int = 1) -> bool:
    """Whether [start, end) is a whole month (``months`` whole months: a quarter is 3): ``end`` that
    many months on, on the same day, or on a day that only month ends move. That is a month added
    either way (month ends kept or not), and also two dates of a schedule whose day is cut back in a
    short month (30 Jan -> 28 Feb -> 30 Mar)."""
    if end.year * 12 + end.month != start.year * 12 + start.month + months:
        return False
    if end.day == start.day:
        return True
    if start.day < 28:  # not a month end, and every month has the day
        return False
    if end.day > start.day:  # from a month end cut back (28 Feb) to the schedule's day or month end
        return start.day == days_in_month(start.year, start.month)
    return end.day == days_in_month(end.year, end.month)  # to a month end that cuts the day back


def monthly_due_dates(start: date, n: int, first_due: date | None = None, step: int = 1) -> list[date]:
    """``n`` due dates ``step`` months apart (1 monthly, 3 quarterly ...) on one day of the month (对日),
    cut back to the month's last day where a month is shorter: signed on 30 January, 28 February,
    30 March, 30 April; on 31 January, 29 February (2024), 31 March, 30 April. The day is ``start``'s
    and the first date ``step`` months after it, or, when the contract gives ``first_due``, that date's
    day from its month on, unless it is a month end before ``start``'s day (a first due date of
    28 February on a loan signed on the 30th is the 30th cut back). Each date is counted from that day,
    never from the date before it: counted from 28 February, a schedule on the 30th would fall to the
    28th."""
    if first_due is None:
        year, month, day = start.year, start.month + step, start.day
    else:
        year, month, day = first_due.year, first_due.month, first_due.day
        if day == days_in_month(year, month) and start.day > day:
            day = start.day
    out = []
    for k in range(n):
        y, m0 = divmod(year * 12 + month - 1 + k * step, 12)
        out.append(date(y, m0 + 1, min(day, days_in_month(y, m0 + 1))))
    return out


def on_demand_due(terms: Terms) -> date | None:
    """``maturity = "on_demand"`` (未约定还款期限): the debt falls due ``demand_period_days`` after the
    first demand notice (Civil Code Art. 675: a reasonable time after the lender's demand), or on the
    filing date, whichever comes first; None while neither has happened."""
    c = terms.contract
    dates = [e.date + timedelta(days=c.demand_period_days) for e in terms.events if e.type == "demand_notice"]
    if terms.case.filed is not None:
        dates.append(terms.case.filed)
    return min(dates) if dates else None


def due_dates_for(terms: Terms) -> tuple[date, ...]:
    c = terms.contract
    if c.on_demand:
        due = on_demand_due(terms)
        return (due,) if due is not None else ()
    if c.method == "custom":
        return tuple(x.due for x in terms.installments)
    if c.method == "bullet":
        m = maturity_of(c)
        return (m,) if m else ()
    step = c.period_months
    if c.in_advance:  # 先付: the first installment on the day the loan is made, then one every period
        n = (c.term_months or 0) // step
        return tuple([c.signed] + monthly_due_dates(c.signed, n - 1, None, step)) if n else ()
    dates = monthly_due_dates(c.signed, (c.term_months or 0) // step, c.first_due, step)
    if c.maturity and dates and dates[-1] != c.maturity:
        # every periodic date before the maturity, then the maturity: a first due date on a settlement
        # day (按月/按季结息 on the 20th) keeps each settlement, and a maturity off the cycle ends the last period
        dates = [d for d in monthly_due_dates(c.signed, len(dates) + 1, c.first_due, step)
                 if d < c.maturity] + [c.maturity]
    return tuple(dates)


def annuity_payment(principal: Decimal, monthly_rate: Decimal, n: int) -> Decimal:
    """The unrounded level payment that amortises ``principal`` over ``n`` periods."""
    if n <= 0:
        return principal
    if monthly_rate == 0:
        return principal / n
    return principal * monthly_rate / (1 - (1 + monthly_rate) ** -n)


def level_installment(principal: Decimal, monthly_rate: Decimal, n: int, rounding: str, places: int,
                      multiple: Decimal | None = None, carry_precision: bool = False, in_advance: bool = False
                      ) -> Decimal:
    """The equal installment (等额本息): the annuity rounded under ``rounding`` at the minor unit, or, with
    ``multiple`` (installment_multiple), to the nearest multiple of it, a half rounded up (Fineract's
    "installment amount in multiples of"); the last installment takes whatever principal remains.
    ``in_advance``: each installment at the start of its period (an annuity due, Excel's PMT type 1):
    the annuity discounted one period."""
    raw = annuity_payment(principal, monthly_rate, n)
    if in_advance:
        raw = raw / (1 + monthly_rate)
    if multiple is not None:
        return (raw / multiple).quantize(Decimal(1), rounding=ROUND_HALF_UP) * multiple
    return raw if carry_precision else round_money(raw, rounding, places)


def repricing_days(repricing: str, start: date, until: date) -> list[date] | None:
    """The days after ``start`` up to ``until`` on which an LPR-linked rate takes the fixing then in
    force: each anniversary of ``start`` (``add_months_sticky``: a start on a month end stays on
    month ends), each 1 January, or none; None for ``fixing`` (each new fixing, whatever its day)."""
    if repricing == "fixing":
        return None
    if repricing == "none":
        return []
    def nth(k: int) -> date:
        return add_months_sticky(start, 12 * k) if repricing == "anniversary" else date(start.year + k, 1, 1)

    days = []
    while (d := nth(len(days) + 1)) <= until:
        days.append(d)
    return days


def rate_specs(terms: Terms) -> list[tuple[RateSpec | None, date]]:
    """Every rate the contract names, with the day it starts: the contract rate and the default rate
    from signing, each rate change from its date."""
    c = terms.contract
    return [(c.rate, c.signed), (c.default_rate, c.signed)] + [
        (e.rate, e.date) for e in terms.events if e.type == "rate_change"]


def resolve_rate_path(spec: RateSpec | None, signed: date, until: date, repricing: str,
                      fixings, basis: int = 360, file: str = "case.toml", key: str = "contract.rate"
                      ) -> tuple[tuple[RatePoint, ...], list[Issue]]:
    """Dated contract rates: one point for a fixed rate; for an LPR-linked rate, the LPR in force at
    signing plus the spread, repriced as ``repricing`` says (``repricing_days``)."""
    if spec is None:
        return (RatePoint(signed, ZERO, "no interest agreed"),), []
    if spec.fixed is not None:
        return (RatePoint(signed, spec.fixed.annual(basis), spec.text),), []
    issues: list[Issue] = []
    tenor = "5y" if spec.index == "LPR5Y" else "1y"

    def missing(on: date, why: str) -> None:
        issues.append(Issue(SourceRef(file, column=key),
                            f"{key}: {spec.text} needs the {tenor} LPR in force on {on} ({why}), which the LPR "
                            f"table does not have; debtcli does not carry an old fixing forward: supply it as "
                            f"{SUPPLY_KEYS}", code="LPR_MISSING"))

    def point(on: date) -> RatePoint | None:
        fx = fixings.in_force(on, tenor) if fixings is not None else None
        value = None if fx is None else fx.value(tenor)
        if value is None:
            missing(on, "the rate from that day")
            return None
        return RatePoint(on, value * spec.multiplier + spec.spread, f"{spec.text} (LPR {fx.date} {value * 100:.2f}%)")

    points = []
    first = point(signed)
    if first:
        points.append(first)
    days = repricing_days(repricing, signed, until)
    if days is not None:
        for d in days:
            p = point(d)
            if p and (not points or points[-1].rate != p.rate):  # a repricing to the same rate changes nothing
                points.append(p)
    elif fixings is not None:
        gap = fixings.first_unknown(signed, until, tenor)
        if gap is not None and first is not None:
            missing(gap, f"repricing on each fixing up to {until}")
        for fx in fixings.between(signed, until):
            v = fx.value(tenor)
            if v is not None and (not points or points[-1].rate != v * spec.multiplier + spec.spread):
                points.append(RatePoint(fx.date, v * spec.multiplier + spec.spread, f"{spec.text} (LPR {fx.date} {v * 100:.2f}%)"))
    return tuple(points), issues


def contract_rate_path(terms: Terms, horizon: date, fixings, basis: int) -> tuple[tuple[RatePoint, ...], list[Issue]]:
    """The contract rate over time: the agreed rate, then each ``rate_change`` event from its date."""
    c = terms.contract
    rate_path, issues = resolve_rate_path(c.rate, c.signed, horizon, c.repricing, fixings, basis)
    for e in terms.events:
        if e.type == "rate_change" and e.rate is not None:
            sub, sub_issues = resolve_rate_path(e.rate, e.date, horizon, c.repricing, fixings, basis,
                                                key=f"event[{terms.events.index(e)}].rate")
            issues += sub_issues
            rate_path = tuple(p for p in rate_path if p.date < e.date) + sub
    return rate_path, issues


def account_from_terms(terms: Terms, payments=None, fixings=None, until: date | None = None, ledger=(),
                       allocation: tuple | None = None) -> tuple[Account, list[Issue]]:
    """Resolve contract terms into an ``Account``. ``payments`` defaults to the case's own
    ``[[payment]]`` tables; ``fixings`` is an LPR table (``debtcli.rules.lpr``) for linked rates.
    ``ledger`` is the issuer's statement lines of a card account (purchases, fees, interest ...).
    ``allocation``: (bucket, component) pairs to read a contract that names no order with (a rule
    pack's); by default the contract's order, else debtcli's."""
    c = terms.contract
    allocation = allocation or allocation_pairs(c.allocation)
    if c.product == "card":
        return _card_account(terms, payments, fixings, until, ledger, allocation)
    issues: list[Issue] = []
    day_count = c.day_count or DEFAULT_DAY_COUNT
    places = minor_unit(terms.case.currency)
    due_dates = due_dates_for(terms)
    horizon = until or (max(due_dates) if due_dates else c.signed)
    for e in terms.events:
        horizon = max(horizon, e.date)
    if terms.demand and terms.demand.as_of:
        horizon = max(horizon, terms.demand.as_of)

    # Money actually lent: each disbursement's cash plus the fees withheld from it.
    withheld = [f for f in c.fees if f.withheld]
    charges: list[Charge] = []
    installment_fees: list[tuple[str, Decimal]] = []
    for f in c.fees:
        amount = f.amount if f.amount is not None else round_money(c.principal * f.rate, c.rounding, places)
        if f.per_installment:
            installment_fees.append((f.name, amount))
            continue
        charges.append(Charge(f.date or c.signed, f.component, amount, f.name, f.withheld,
                              SourceRef("case.toml", column="contract.fee"), f.clause))
    if terms.disbursements:
        draws = []
        for d in terms.disbursements:
            held = sum((ch.amount for ch in charges if ch.withheld and ch.date == d.date), ZERO)
            draws.append((d.date, d.amount + held))
        total_drawn = sum((a for _, a in draws), ZERO)
        if c.product == "loan" and total_drawn != c.principal:
            issues.append(Issue(SourceRef("case.toml", column="disbursement"),
                                f"disbursements plus withheld fees come to {total_drawn}, the contract says "
                                f"{c.principal}; the replay lends what was disbursed", severity="warning",
                                code="DISBURSEMENT_MISMATCH"))
    else:
        draws = [(c.signed, c.principal)] if c.principal > 0 else []
        for ch in charges:
            if ch.withheld and ch.date != c.signed:
                issues.append(Issue(SourceRef("case.toml", column="contract.fee"),
                                    f"fee {ch.name!r} is withheld on {ch.date} but there is no disbursement that day",
                                    severity="warning", code="WITHHELD_DATE"))
    del withheld

    basis = basis_days(day_count)
    rate_path, rate_issues = contract_rate_path(terms, horizon, fixings, basis)
    issues += rate_issues
    default_path = None
    markup = None
    if c.default_rate is not None:
        if c.default_rate.markup is not None:
            markup = c.default_rate.markup
        else:
            default_path, d_issues = resolve_rate_path(c.default_rate, c.signed, horizon, c.repricing, fixings, basis,
                                                       key="contract.default_rate")
            issues += d_issues

    n = len(due_dates)
    grace = interest_only_count(c.interest_only_periods, n)  # installments of interest only first (前 N 期只还息)
    if c.method == "custom":
        principal_plan = tuple(x.principal for x in terms.installments)
        interest_plan = tuple(x.interest for x in terms.installments)
    elif c.method in ("equal_principal", "flat"):
        each = round_money(c.principal / (n - grace), c.rounding, places) if n else ZERO
        principal_plan = tuple([ZERO] * grace + [each] * (n - grace - 1) + [None]) if n else ()
        interest_plan = (None,) * n
    elif c.method in ("interest_only", "bullet"):
        principal_plan = tuple([ZERO] * (n - 1) + [None]) if n else ()
        interest_plan = (None,) * n
    else:
        principal_plan = (ZERO,) * grace + (None,) * (n - grace)
        interest_plan = (None,) * n
    annuity = None
    if c.method == "equal_installment" and n:
        first_rate = rate_path[0].rate if rate_path else ZERO  # levelled over the periods after those of interest only
        annuity = level_installment(c.principal, first_rate * c.period_months / 12, n - grace, c.rounding, places,
                                    c.installment_multiple, c.carry_precision, c.in_advance)

    events = []
    for e in terms.events:
        if e.type in ("fee", "cost"):
            charges.append(Charge(e.date, e.component or ("costs" if e.type == "cost" else "fees"), e.amount,
                                  e.note or e.type, False, SourceRef("case.toml", column=f"event[{e.index}]")))
        elif e.type not in ("rate_change", "restructure"):
            events.append(NonCash(e.date, e.type, e.amount, e.component, e.note, e.index, e.keep))

    account = Account(
        currency=terms.case.currency,
        rounding=c.rounding,
        day_count=day_count,
        counting=c.counting,
        interest_method=default_interest_method(c),
        method=c.method,
        signed=c.signed,
        draws=tuple(draws),
        due_dates=due_dates,
        principal_plan=principal_plan,
        interest_plan=interest_plan,
        annuity=annuity,
        rate_path=rate_path,
        default_path=default_path,
        default_markup=markup,
        compound=c.compound,
        grace_days=c.grace_days,
        penalty=c.penalty,
        late_fee=c.late_fee,
        late_fee_rate=c.late_fee_rate,
        late_fee_base=c.late_fee_base,
        installment_fees=tuple(installment_fees),
        charges=tuple(charges),
        events=tuple(events),
        payments=tuple(terms.payments if payments is None else payments),
        allocation=allocation,
        carry_precision=c.carry_precision,
        stop_accrual_on_charge_off=c.stop_accrual_on_charge_off,
        rate_agreed=c.rate is not None,
        clauses=dict(c.clauses),
        places=places,
        restructures=_restructures(terms, basis),
        overdue_lag=1 if c.overdue_from == "next_day" else 0,
        flat_base=sum((a for _, a in draws), ZERO) if c.method == "flat" else None,
        installment_multiple=c.installment_multiple,
        period_months=c.period_months,
        in_advance=c.in_advance,
        interest_only_periods=c.interest_only_periods,
    )
    return account, issues


def _restructures(terms: Terms, basis: int) -> tuple[Restructure, ...]:
    """The ``[[event]] type = "restructure"`` entries as the replay needs them, by date."""
    out = []
    for e in terms.events:
        if e.type != "restructure":
            continue
        rate = e.rate.fixed.annual(basis) if e.rate is not None and e.rate.fixed is not None else ZERO
        out.append(Restructure(e.date, e.installments or 1, e.first_due, rate, e.rate.text if e.rate else "0%",
                               e.amount, e.index, e.note))
    return tuple(sorted(out, key=lambda x: (x.date, x.index)))


def _card_account(terms: Terms, payments, fixings, until, ledger, allocation) -> tuple[Account, list[Issue]]:
    """A revolving card: no schedule; statement cycles, lots and charges come from ``engine.card``."""
    from debtcli.engine.card import card_plan_from_terms  # only for a card: see ``_Replay.run``

    c = terms.contract
    issues: list[Issue] = []
    day_count = c.day_count or DEFAULT_DAY_COUNT
    places = minor_unit(terms.case.currency)
    horizon = until or c.signed
    basis = basis_days(day_count)
    rate_path, rate_issues = contract_rate_path(terms, horizon, fixings, basis)
    issues += rate_issues
    plan, plan_issues = card_plan_from_terms(terms, ledger)
    issues += plan_issues
    events = [NonCash(e.date, e.type, e.amount, e.component, e.note, e.index) for e in terms.events
              if e.type not in ("rate_change", "fee", "cost", "restructure")]
    charges = tuple(Charge(e.date, e.component or ("costs" if e.type == "cost" else "fees"), e.amount,
                           e.note or e.type, False, SourceRef("case.toml", column=f"event[{e.index}]"))
                    for e in terms.events if e.type in ("fee", "cost"))
    if not any(e.type == "charge_off" for e in events):
        for i, row in enumerate(r for r in ledger if r.type == "write_off"):
            events.append(NonCash(row.date, "charge_off", None, None, row.memo or "write-off (核销)", 1000 + i))
            break
    account = Account(
        currency=terms.case.currency, rounding=c.rounding, day_count=day_count, counting=c.counting,
        interest_method="daily", method="card", signed=c.signed, draws=(), due_dates=(), principal_plan=(),
        interest_plan=(), annuity=None, rate_path=rate_path, default_path=None, grace_days=c.grace_days,
        charges=charges, events=tuple(events), payments=tuple(terms.payments if payments is None else payments),
        allocation=allocation, stop_accrual_on_charge_off=c.stop_accrual_on_charge_off,
        rate_agreed=c.rate is not None, clauses=dict(c.clauses), places=places, card=plan,
        restructures=_restructures(terms, basis))
    return account, issues


__all__ = ["Account", "Charge", "NonCash", "RatePoint", "account_from_terms", "allocation_pairs", "annuity_payment",
           "add_months", "add_months_sticky", "days_in_month", "due_dates_for", "monthly_due_dates", "rate_specs", "repricing_days",
           "whole_months",
           "COMPONENTS"]


def conventions(account: Account, terms: Terms, allocation_basis: Text | None = None) -> dict:
    """The conventions a run used, as printed on every output: key -> a ``Text`` (catalogue key and
    values; the words come from the message catalogue of each language at render time).
    ``allocation_basis``: the law whose order a rule pack applied because the contract names none."""
    c = terms.contract
    return {
        "day_count": text("conv.day_count", name=account.day_count, stated=bool(c.day_count)),
        "counting": text("conv.counting", mode=account.counting),
        "interest_method": text("conv.interest_method", method=account.interest_method,
                                periods=account.periods_a_year),
        "rounding": text("conv.rounding", mode=account.rounding, places=account.places,
                         carry=bool(account.carry_precision)),
        "allocation": allocation_convention(account, terms, allocation_basis),
        "grace_days": text("conv.number", n=account.grace_days),
        "default_rate": text("conv.default_rate", rate=c.default_rate.text if c.default_rate else None),
        "compound": text("conv.yes_no", yes=bool(account.compound)),
        "early_payments": text("conv.early_payments", held=account.method in (
            "equal_installment", "equal_principal", "interest_only", "flat")),
        "same_day_order": text("conv.same_day_order"),
        **loan_conventions(account, terms),
    } if account.card is None else card_conventions(account, terms, allocation_basis)


def allocation_convention(account: Account, terms: Terms, basis: Text | None = None) -> Text:
    """The order payments meet what is owed, and where it comes from: the contract, the law a rule
    pack applies when the contract names none (``basis``), or debtcli's default."""
    return text("conv.allocation", order=tuple(account.allocation[:7]), agreed=bool(terms.contract.allocation),
                basis=basis)


def loan_conventions(account: Account, terms: Terms) -> dict:
    """The conventions of real ledgers a loan run used (each one a case.toml key)."""
    c = terms.contract
    due = account.due_dates[0] if account.due_dates else None
    return {
        "method": text("conv.method", method=account.method, flat=account.flat_base is not None,
                       advance=account.in_advance, interest_only=account.interest_only_periods),
        "frequency": text("conv.frequency", months=account.period_months),
        "installment_multiple": text("conv.installment_multiple", multiple=account.installment_multiple),
        "late_fee": text("conv.late_fee", fee=account.late_fee, rate=account.late_fee_rate,
                         base=account.late_fee_base),
        "maturity": text("conv.maturity", on_demand=bool(c.on_demand), days=c.demand_period_days, due=due,
                         last=account.due_dates[-1] if account.due_dates else None),
        "overdue_from": text("conv.overdue_from", lag=bool(account.overdue_lag)),
        "periodic_fees": text("conv.periodic_fees", fees=tuple(
            (f.name, f.amount, f.rate, f.paid_to) for f in c.fees if f.per_installment)),
        # said only where a rate follows the LPR
        **({"repricing": text("conv.repricing", how=c.repricing)} if _lpr_linked(terms) else {}),
    }


def _lpr_linked(terms: Terms) -> bool:
    """Whether the contract rate, the default rate or a rate change follows the LPR."""
    return any(getattr(spec, "index", None) is not None for spec, _ in rate_specs(terms))


def _pct(fraction: Decimal) -> str:
    return f"{(fraction * 100).normalize():f}%"


def card_conventions(account: Account, terms: Terms, allocation_basis: Text | None = None) -> dict:
    """The conventions of a card run: the statement cycle, the interest model and the charges."""
    c = terms.contract
    plan = account.card
    penalty = c.card.late_penalty
    fee = c.card.cash_advance_fee
    return {
        "day_count": text("conv.day_count", name=account.day_count, stated=bool(c.day_count)),
        "statement": text("conv.card.statement", statement_day=plan.statement_day, due_day=plan.due_day,
                          due_days=plan.due_days, grace=account.grace_days),
        "interest_model": text("conv.card.interest_model", model=plan.interest_model, stated=bool(plan.model_stated)),
        "interest_days": text("conv.card.interest_days"),
        "interest_free": text("conv.card.interest_free", free=bool(plan.interest_free), tolerance=plan.tolerance),
        "compounding": text("conv.card.compounding"),
        "interest_on_fees": text("conv.card.interest_on_fees", yes=bool(plan.interest_on_fees)),
        "minimum_payment": text("conv.card.minimum_payment", rate=plan.minimum_rate, floor=plan.minimum_floor),
        "late_penalty": text("conv.card.late_penalty", rate=penalty.rate if penalty else None,
                             min=penalty.min if penalty else None, max=penalty.max if penalty else None),
        "cash_advance_fee": text("conv.card.cash_advance_fee", rate=fee.rate if fee else None,
                                 min=fee.min if fee else None, max=fee.max if fee else None),
        "rounding": text("conv.card.rounding", mode=account.rounding, places=account.places),
        "allocation": allocation_convention(account, terms, allocation_basis),
        "write_off": text("conv.card.write_off", stops=bool(account.stop_accrual_on_charge_off)),
        "same_day_order": text("conv.card.same_day_order"),
    }
