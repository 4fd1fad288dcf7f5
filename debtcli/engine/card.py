"""Revolving card accounts (信用卡): what the one replay needs on top of a loan.

``replay.py`` folds the card's events in its written-down same-day order and hands each card event
to ``CardState`` here. A card balance is a set of *lots*: each purchase, cash advance, fee, 违约金,
installment part and posted interest is one lot with its own interest start date. A payment reduces
lots by the allocation order; a reduction is remembered as a *cut* until the lot's interest is
charged, because whether and from when it counts depends on the interest-free decision.

The cycle (账单周期) runs from the day after one statement date (账单日) through the next one
inclusive. At each statement the interest of the cycle is computed lot by lot, span by span (the
balance is constant between two cuts, so a span is one multiplication) and posted; the interest
then joins the balance as a lot of its own (monthly compounding). After the due date (到期还款日)
plus the grace days:

* if the statement balance was paid in full, the remainder being at most the tolerance (容差), the
  purchases on it keep their interest-free period (免息期) and bear no interest, and its minimum
  payment counts as met (no 违约金); the remainder is billed again on the next statement;
* otherwise they bear interest from their posting date (记账日): under ``full_balance`` (全额计息) on
  the whole amount until the day a payment covers it (that day excluded: 算头不算尾); under
  ``unpaid_part`` (未还部分计息) only on what was not paid by the due date;
* if less than the minimum payment (最低还款额) was paid, the late penalty (违约金) is charged on the
  unpaid minimum, with its floor and cap.

Cash advances (取现) bear interest from the transaction date with no free period. Fees and 违约金
posted on a statement bear interest from the day after it, unless ``interest_on_fees`` is off (or a
rule pack stops it from a date); the interest they would have borne is still measured, so an issuer
that charged it anyway can be caught. Installment plans (分期) take principal out of the revolving
balance and bill it back in monthly parts with their fee; an acceleration (the card stopped, 止付)
bills what remains at once. A write-off (核销) is a state: it does not extinguish the claim, and
interest keeps running unless ``stop_accrual_on_charge_off``.

Amounts are rounded half-up (or as the contract says) at named points only: interest when posted on
a statement, the minimum payment, the penalty, the cash-advance fee, the installment part and fee.
"""

from __future__ import annotations

import calendar
from dataclasses import field
from datetime import date, timedelta
from decimal import Decimal

from debtcli.engine.records import (BLOCK_ANNUAL_FEE, BLOCK_CONVERSION, RANK_CHARGE, RANK_OVERDUE, RANK_PAYMENT,
                                    RANK_STATEMENT, AccrualLine, AppliedPayment, ChargeBase, Event, Owed, Posting,
                                    ReplayResult, RoundingNote, balance_of)
from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import ZERO
from debtcli.model.records import COMPONENTS, Issue, SourceRef
from debtcli.terms.schema import AnnualFee, InstallmentPlan, LatePenalty

# Lot kinds. Principal kinds count towards the minimum payment's percentage; fee kinds are what the
# cn rules call fees (annual, cash-advance, conversion fees, 违约金 ...).
FEE_KINDS = ("fee", "annual_fee", "cash_advance_fee", "installment_fee", "overlimit_fee", "conversion_fee",
             "penalty")
FACT_TYPES = ("purchase", "cash_advance", "refund")
INTEREST_MODELS = ("full_balance", "unpaid_part")
DEFAULT_INTEREST_MODEL = "full_balance"  # creditor-favourable when the contract is silent
ONE_DAY = timedelta(days=1)
_BUCKETS = ("overdue", "due", "not_due")  # the store's buckets, in the order of a card's statements


@dataclass(frozen=True, slots=True)
class CardTxn:
    """One line of the issuer's statement taken as a fact (or a charge the contract has no formula for)."""

    kind: str  # purchase | cash_advance | refund | a fee type
    date: date  # transaction date (交易日)
    posted: date  # posting date (记账日)
    amount: Decimal
    reference: str = ""
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class PenaltyRegime:
    """From ``start`` on (by due date), the late charge is ``spec`` of the unpaid minimum, called ``name``."""

    start: date
    spec: LatePenalty | None
    name: str = "违约金"


@dataclass(frozen=True, slots=True)
class CardPlan:
    """Everything card-specific the replay needs, already resolved from the terms and the ledger."""

    statement_day: int
    due_day: int | None
    due_days: int | None
    interest_model: str
    model_stated: bool
    interest_free: bool = True
    interest_on_fees: bool = True
    fee_interest_until: date | None = None  # fee lots bear no interest from this date (rule packs)
    minimum_rate: Decimal = Decimal("0.10")
    minimum_floor: Decimal | None = None
    tolerance: Decimal = ZERO
    penalties: tuple[PenaltyRegime, ...] = ()
    cash_advance_fee: LatePenalty | None = None
    annual_fee: AnnualFee | None = None
    plans: tuple[InstallmentPlan, ...] = ()
    txns: tuple[CardTxn, ...] = ()
    checked: tuple = ()  # the issuer's LedgerRows the replay recomputes (interest, penalty, fees)
    ignored: tuple = ()  # (LedgerRow, reason) rows that neither enter the replay nor are checked
    opening: Decimal = ZERO  # a balance carried in on the signing date, revolving from then
    first_statement_after: date | None = None  # statements start on the first statement day on or after

    def penalty_on(self, due: date) -> PenaltyRegime | None:
        out = None
        for regime in self.penalties:
            if regime.start <= due:
                out = regime
        return out


@dataclass(frozen=True, slots=True)
class CardCycle:
    """One statement (账单): the cycle's figures as the statement shows them."""

    n: int
    start: date  # first day of the cycle
    statement_date: date
    due_date: date
    opening: Decimal
    new_transactions: Decimal  # purchases, cash advances, fees, installment parts; less amounts converted
    payments: Decimal  # payments and refunds credited in the cycle
    interest: Decimal  # interest and compound interest posted on this statement
    penalties: Decimal  # 违约金 / 滞纳金 posted in the cycle
    closing: Decimal
    minimum_payment: Decimal
    days_past_due: int
    bucket: str  # M0 (current), M1 ... M5, M6+
    lines: tuple = ()  # AccrualLines of the interest posted on this statement
    fee_interest: Decimal = ZERO  # interest the fee lots bore (or would have borne) in this cycle, unrounded
    paid_in_full: bool | None = None  # decided after the due date; None while undecided

    @property
    def days(self) -> int:
        return (self.statement_date - self.start).days + 1


@dataclass(frozen=True)
class CardOutcome:
    """The card-specific part of a ReplayResult."""

    model: str
    model_stated: bool
    cycles: tuple[CardCycle, ...]
    statements: tuple[tuple[date, date], ...]  # every (statement date, due date) up to as_of
    principal_steps: tuple[tuple[date, Decimal], ...]  # (effective day, change of principal balance)
    fee_interest_lines: tuple = ()  # AccrualLines of interest charged on fee lots
    accelerated_on: date | None = None
    charged_off_on: date | None = None
    checked: tuple = ()
    ignored: tuple = ()


# ---------------------------------------------------------------------- calendar


def _on_day(year: int, month: int, day: int) -> date:
    """``day`` of the month, or its last day when the month is shorter (month-end handling)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _next_month(d: date) -> tuple[int, int]:
    return (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)


def statement_dates(plan: CardPlan, start: date, until: date) -> list[date]:
    """Statement dates on or after ``start`` up to ``until``."""
    out = []
    y, m = start.year, start.month
    d = _on_day(y, m, plan.statement_day)
    if d < start:
        y, m = _next_month(d)
        d = _on_day(y, m, plan.statement_day)
    while d <= until:
        out.append(d)
        y, m = _next_month(d)
        d = _on_day(y, m, plan.statement_day)
    return out


def due_date_of(plan: CardPlan, statement: date) -> date:
    """到期还款日: ``due_days`` after the statement, or the next ``due_day`` of a month after it."""
    if plan.due_days is not None:
        return statement + timedelta(days=plan.due_days)
    d = _on_day(statement.year, statement.month, plan.due_day or statement.day)
    if d <= statement:
        y, m = _next_month(statement)
        d = _on_day(y, m, plan.due_day or statement.day)
    return d


def bucket_of(days_past_due: int) -> str:
    """M0 current; M1 1-30 days past due, M2 31-60 ... M6+ from 151 days."""
    if days_past_due <= 0:
        return "M0"
    n = (days_past_due - 1) // 30 + 1
    return f"M{n}" if n < 6 else "M6+"


def clamp_charge(raw: Decimal, spec: LatePenalty) -> Decimal:
    """``raw`` within the spec's floor and cap."""
    if spec.min is not None and raw < spec.min:
        raw = spec.min
    if spec.max is not None and raw > spec.max:
        raw = spec.max
    return raw


# ---------------------------------------------------------------------- events


def card_events(account, as_of: date) -> list[Event]:
    """The card's events as replay ``Event`` records."""
    plan: CardPlan = account.card
    ev = []
    for i, t in enumerate(plan.txns):
        rank = RANK_PAYMENT if t.kind == "refund" else RANK_CHARGE
        ev.append(Event(t.posted, rank, t.amount, t.reference, i, "card_txn", t))
    if plan.annual_fee is not None and plan.annual_fee.amount > 0:
        k = 0
        while True:
            d = _anniversary(plan.annual_fee.date, k)
            if d > as_of:
                break
            ev.append(Event(d, RANK_CHARGE, plan.annual_fee.amount, "annual fee", BLOCK_ANNUAL_FEE + k,
                            "card_annual_fee", k))
            k += 1
    for p in plan.plans:
        ev.append(Event(p.date, RANK_CHARGE, p.amount, p.name, BLOCK_CONVERSION + p.index, "card_convert", p))
    first = plan.first_statement_after or account.signed
    for k, s in enumerate(statement_dates(plan, first, as_of)):
        due = due_date_of(plan, s)
        ev.append(Event(s, RANK_STATEMENT, ZERO, "", k, "card_statement", (k, s, due)))
        ev.append(Event(due + timedelta(days=account.grace_days), RANK_OVERDUE, ZERO, "", k, "card_due",
                        (k, s, due)))
    return ev


def _anniversary(first: date, k: int) -> date:
    return _on_day(first.year + k, first.month, first.day)


# ---------------------------------------------------------------------- state


class Lot(Owed):
    """An amount owed on the card, in the replay's store like a loan's, with its own interest history.
    Its bucket follows its statement: not yet due until billed, due until the due date (and grace)
    of the statement it was billed on, overdue after it."""

    __slots__ = ("kind", "start", "base", "cuts", "statement", "grace", "state", "posted")

    def __init__(self, kind: str, component: str, amount: Decimal, start: date, posted: date, grace: bool, seq: int):
        Owed.__init__(self, component, amount, None, posted, "not_due", seq)
        self.kind = kind
        self.start = start  # interest not yet charged from this day on
        self.base = amount  # the amount owed on ``start``
        self.cuts: list = []  # (payment day, amount, made before the interest-free decision)
        self.statement: int | None = None  # the statement it was first billed on
        self.grace = grace  # can keep an interest-free period
        self.state = "new"  # new (unbilled) | pending (free period open) | lost | revolving
        self.posted = posted

    def cut(self, day: date, amount: Decimal) -> None:
        self.cuts.append((day, amount, "early" if self.state in ("new", "pending") else "late"))


def _billing_order(lot: Lot) -> tuple:
    """Lots billed on earlier statements first, then those not billed yet, each in the order owed."""
    return (lot.statement is None, lot.statement or 0, lot.order)


class CardState:
    """The card's policy in one replay run: the events a card generates, how its lots accrue interest
    (at statements, lot by lot, through the replay's one accrual), how payments, waivers, charges and
    an acceleration meet the store, and the result. ``r`` is the running replay (the store, rounding,
    day counts, postings and totals live there)."""

    own_kinds = ("card_txn", "card_annual_fee", "card_convert", "card_statement", "card_due")

    def __init__(self, r):
        self.r = r
        self.plan: CardPlan = r.a.card
        self.lots: list[Lot] = []
        self.seq = 0
        self.since_statement = ZERO  # payments and refunds since the last statement
        self.cleared_since_statement = ZERO  # ... plus amounts converted to installments
        self.cycle_debits = ZERO
        self.cycle_penalties = ZERO
        self.opening = ZERO
        self.last_statement: date | None = None
        self.due_of: dict[int, date] = {}
        self.closing_of: dict[int, Decimal] = {}
        self.cycles: list[CardCycle] = []
        self.statements: list[tuple[date, date]] = []
        self.min_queue: list[list] = []  # [due date, unpaid part of the minimum first billed then]
        self.plans: list[dict] = []
        self.principal_steps: list[tuple[date, Decimal]] = []
        self.fee_interest_lines: list = []
        self.fee_shadow = ZERO
        self.paid_in_full: dict[int, bool] = {}
        # the store's groups are rebuilt from the lots only before an allocation needs them: after a
        # change of statuses (``stale``), or once a day passes the due date and grace of a statement
        # whose lots are due (``index_until``)
        self.stale = True
        self.index_until: date | None = None
        self.grace_period = timedelta(days=r.a.grace_days)  # after a due date, before a lot is overdue
        if self.plan.opening > 0:
            lot = self._new_lot("opening", "principal", self.plan.opening, r.a.signed, r.a.signed, False)
            lot.state = "revolving"
            lot.statement = -1

    # ------------------------------------------------------------------ lots
    def _new_lot(self, kind, component, amount, start, posted, grace) -> Lot:
        lot = Lot(kind, component, amount, start, posted, grace, self.seq)
        self.seq += 1
        self.lots.append(lot)
        if amount > 0:  # not billed yet: the newest of the store's not-yet-due items
            self.r.keep(lot)
        if component == "principal" and kind != "installment":  # installment principal never left the balance
            self.principal_steps.append((start, amount))
        if self.r.credit > 0:
            self.r.credit, credit = ZERO, self.r.credit
            self.pay(posted, ZERO, "credit held", None, "credit", held=credit)
        return lot

    def _index(self, on: date) -> None:
        """Put every open lot into the store's group of its component and its bucket on ``on``, in the
        billing order."""
        r = self.r
        r.groups.clear()
        r.gsum.clear()
        until = None
        for lot in sorted(self.lots, key=_billing_order):
            if lot.amount <= 0:
                continue
            bucket = lot.bucket = self._status(lot, on)
            r.keep(lot)
            if bucket == "due":
                last = self.due_of[lot.statement] + self.grace_period
                until = last if until is None or last < until else until
        self.index_until = until
        self.stale = False

    def _status(self, lot: Lot, on: date) -> str:
        if lot.statement is None:
            return "not_due"
        if lot.statement < 0:
            return "overdue"
        due = self.due_of.get(lot.statement)
        if due is not None and on > due + self.grace_period:
            return "overdue"
        return "due"

    def _charge(self, kind: str, amount: Decimal, posted: date, name: str, source=None, charge=None):
        """A fee or penalty lot, billed on the next statement, bearing interest from the day after it."""
        comp = "penalties" if kind == "penalty" else "fees"
        self._new_lot(kind, comp, amount, posted, posted, True)
        self.r.charged[comp] += amount
        self.cycle_debits += amount if comp == "fees" else ZERO
        if comp == "penalties":
            self.cycle_penalties += amount

        self.r.postings.append(Posting(posted, comp, amount, amount, "penalty" if comp == "penalties" else "fee",
                                       None, name, (), source, charge))

    # ------------------------------------------------------------------ events
    def events(self, as_of: date) -> list[Event]:
        return card_events(self.r.a, as_of)

    def accrue(self, t0: date, t1: date) -> None:
        """Nothing between events: a lot's interest is worked out at the statement (``_interest``),
        once the interest-free decision is known."""

    def apply(self, ev) -> None:
        d, _, _, _, _, kind, payload = ev
        if kind == "card_txn":
            self.txn(d, payload)
        elif kind == "card_annual_fee":
            self._charge("annual_fee", self.plan.annual_fee.amount, d, "annual_fee")
        elif kind == "card_convert":
            self.convert(d, payload)
        elif kind == "card_statement":
            self.statement(*payload)
        elif kind == "card_due":
            self.due(d, *payload)

    def txn(self, d: date, t: CardTxn) -> None:
        if t.kind == "refund":
            self.pay(d, t.amount, t.reference or "refund", t.source, "refund")
            return
        if t.kind in ("purchase", "cash_advance"):
            cash = t.kind == "cash_advance"
            self._new_lot(t.kind, "principal", t.amount, t.date if cash else t.posted, t.posted, not cash)
            self.r.charged["principal"] += t.amount
            self.cycle_debits += t.amount
            if cash and self.plan.cash_advance_fee is not None:
                spec = self.plan.cash_advance_fee
                fee = self.r.rnd(clamp_charge(t.amount * spec.rate, spec))
                if fee > 0:
                    self._charge("cash_advance_fee", fee, d, "cash_advance_fee", t.source)
            return
        kind = t.kind if t.kind in FEE_KINDS else "fee"
        self._charge(kind, t.amount, d, t.kind, t.source)

    def charge(self, d: date, ch) -> None:
        """A fee or cost entered as an ``[[event]]`` of case.toml: billed like a fee line."""

        comp = ch.component if ch.component in ("fees", "costs", "penalties") else "fees"
        self._new_lot("fee" if comp != "penalties" else "penalty", comp, ch.amount, d, d, True)
        self.r.charged[comp] += ch.amount
        self.cycle_debits += ch.amount
        self.r.postings.append(Posting(d, comp, ch.amount, ch.amount, "fee" if comp != "costs" else "cost", None,
                                       ch.name, (), ch.source))

    def convert(self, d: date, p: InstallmentPlan) -> None:
        """分期: take the principal out of the revolving lots (oldest first); bill it back monthly."""
        left = p.amount
        for lot in sorted(self.lots, key=_billing_order):
            if left <= 0:
                break
            if lot.component != "principal" or lot.kind == "installment" or lot.amount <= 0:
                continue
            take = min(left, lot.amount)
            lot.amount -= take
            # a purchase still inside its free period is converted as if it never revolved
            lot.cuts.append((d, take, "void" if lot.state in ("new", "pending") else "late"))
            left -= take
        self.stale = True
        converted = p.amount - left
        self.cleared_since_statement += converted
        self.cycle_debits -= converted
        self.plans.append({"plan": p, "left": converted, "billed": 0})

    def accelerate(self, d: date) -> None:
        """The card is stopped: every installment part not yet billed falls due at once."""
        if self.r.accelerated_on is not None:
            return
        self.r.accelerated_on = d
        for st in self.plans:
            if st["left"] > 0:
                self._new_lot("installment", "principal", st["left"], d, d, False)
                self.cycle_debits += st["left"]
                st["left"] = ZERO
                st["billed"] = st["plan"].months

    def waive(self, d: date, e) -> None:
        """A waiver (减免) from case.toml: reduces the named component (or follows the allocation order);
        it is not a payment, so it neither meets a minimum nor keeps a free period."""
        self.pay(d, e.amount or ZERO, e.note or "waiver", SourceRef("case.toml", column=f"event[{e.index}]"),
                 "waiver", only=e.component)

    def pay(self, d: date, amount: Decimal, reference: str, source, kind: str, held: Decimal = ZERO,
            only: str | None = None, record=None) -> None:
        """Allocate a payment, refund or waiver over the lots by the allocation order."""

        r = self.r
        if self.stale or (self.index_until is not None and d > self.index_until):
            self._index(d)
        waiver = kind == "waiver"
        left = amount + (ZERO if waiver else held + r.credit)
        if not waiver:
            r.credit = ZERO
        allocs: list = []
        steps = [(b, "principal") for b in _BUCKETS] if kind == "refund" else []  # a refund meets principal first
        steps += [pair for pair in r.a.allocation if only is None or pair[1] == only]
        left = r.allocate(steps, left, allocs, d, cut=True)
        totals = r.waived if waiver else r.paid
        for comp, _, take, _ in allocs:
            if comp == "principal":
                self.principal_steps.append((d, -take))
            totals[comp] += take
        if waiver:
            r.applied.append(AppliedPayment(d, amount - left, reference, tuple(allocs), ZERO, source, "waiver"))
            return
        r.credit = left
        if kind != "credit":
            self.since_statement += amount
            self.cleared_since_statement += amount
            self._consume_minimum(amount)
        if kind == "credit" and not allocs:
            return
        r.applied.append(AppliedPayment(d, amount, reference, tuple(allocs), left, source,
                                        "credit" if kind == "credit" else "payment" if kind == "payment" else kind,
                                        record))

    def _consume_minimum(self, amount: Decimal) -> None:
        for entry in self.min_queue:
            if amount <= 0:
                break
            take = min(amount, entry[1])
            entry[1] -= take
            amount -= take
        self.min_queue = [e for e in self.min_queue if e[1] > 0]

    # ------------------------------------------------------------------ interest
    def _effective_cuts(self, lot: Lot) -> list[tuple[date, Decimal]]:
        backdate = lot.state == "lost" and self.plan.interest_model == "unpaid_part"
        out = []
        for day, amount, when in lot.cuts:
            if when == "void" or (backdate and when == "early"):
                out.append((lot.start, amount))
            else:
                out.append((day, amount))  # what a payment covers bears no interest from that day on
        out.sort(key=lambda x: x[0])
        return out

    def _spans(self, lot: Lot, end: date) -> list[tuple[date, date, Decimal]]:
        spans, t, base = [], lot.start, lot.base
        for eff, amount in self._effective_cuts(lot):
            eff = max(eff, lot.start)
            if eff >= end:
                break
            if eff > t and base > 0:
                spans.append((t, eff, base))
            t = max(t, eff)
            base -= amount
        if end > t and base > 0:
            spans.append((t, end, base))
        return spans

    def _rates(self, t0: date, t1: date):
        """(start, end, annual rate, rate text) of a span of a lot's history, split where the rate
        changes and where fee interest stops. A lot's interest is worked out after the fact, so
        its rate is the one in force on each day, not the replay's current rate."""
        path = self.r.a.rate_path
        stop = self.plan.fee_interest_until
        split = stop is not None and t0 < stop < t1
        if len(path) == 1 and not split:  # one rate, the common case: one piece
            if path[0].rate > 0:
                yield t0, t1, path[0].rate, path[0].text
            return
        cuts = [p.date for p in path if t0 < p.date < t1]
        if split:
            cuts.append(stop)
        edges = [t0] + sorted(set(cuts)) + [t1]
        for s, e in zip(edges, edges[1:]):
            point = path[0] if path else None
            for p in path:
                if p.date <= s:
                    point = p
            if point is not None and point.rate > 0:
                yield s, e, point.rate, point.text

    def _interest(self, lot: Lot, end: date) -> None:
        """Charge the lot's interest over [start, end) and restart it from ``end``: each span of its
        history goes through the replay's one accrual (``_Replay._add``), as interest (interest on
        posted interest, 复利, too: its lines say ``on="interest"``)."""
        r = self.r
        is_fee = lot.kind in FEE_KINDS
        stop = r.charged_off_on if r.stopped else None
        r.lot_start = lot.start  # 30/360: the history's spans are counted from its start (``_Replay._days``)
        for t0, t1, base in self._spans(lot, end):
            if stop is not None:
                t1 = min(t1, stop)
                if t1 <= t0:
                    continue
            for s, e, rate, text in self._rates(t0, t1):
                if is_fee:  # what a fee lot bears, or would bear: measured either way
                    bears = self.plan.interest_on_fees and (
                        self.plan.fee_interest_until is None or e <= self.plan.fee_interest_until)
                    for ps, pe, days, basis in r._pieces(s, e):
                        amount = base * rate * days / basis
                        self.fee_shadow += amount
                        if bears:
                            self.fee_interest_lines.append(AccrualLine(
                                "interest", ps, pe, days, base, rate, basis, amount, "year", r.dc, text, lot.kind))
                    if not bears:
                        continue
                r._add("interest", base, rate, s, e, text, None, lot.kind)
        lot.start = end
        lot.base = lot.amount
        lot.cuts = []

    def _post_interest(self, d: date, kind: str) -> tuple[Decimal, tuple]:
        """Post the interest accrued since the last posting as a lot of its own (it bears interest from
        the next day): rounded here, the one rounding point of card interest. Returns the amount
        posted and the accrual lines (when traced)."""
        r = self.r
        total = ZERO
        all_lines: tuple = ()
        for comp in ("interest", "compound_interest"):
            acc = r.accr[comp]
            value, amount = r.rounded(acc)
            acc.reset()
            lines = tuple(r.accr_lines[comp])
            r.accr_lines[comp] = []
            all_lines += lines
            if value != amount:
                r.rounding.append(RoundingNote(d, comp, value, amount))
            if amount <= 0:
                continue
            lot = self._new_lot("interest", comp, amount, d + ONE_DAY, d, True)
            if kind == "statement":
                lot.statement = len(self.statements) - 1
                lot.state = "pending"
            r.charged[comp] += amount
            r.postings.append(Posting(d, comp, amount, value, kind, None, "interest", lines))
            total += amount
        return total, all_lines

    # ------------------------------------------------------------------ statement
    def statement(self, k: int, s: date, due: date) -> None:
        r = self.r
        end = s + ONE_DAY
        self.statements.append((s, due))
        self.due_of[k] = due
        self._bill_installments(s, k)
        self.fee_shadow = ZERO
        for lot in self.lots:
            if lot.state == "new":
                lot.statement = k
                if lot.kind in FEE_KINDS or lot.kind == "interest":
                    lot.start = max(lot.start, end)  # charges bear interest from the next cycle
                    lot.base = lot.amount
                    lot.cuts = []
                if lot.grace and self.plan.interest_free:
                    lot.state = "pending"
                    continue
                lot.state = "revolving"
            elif lot.state == "pending":
                continue
            self._interest(lot, end)
            lot.state = "revolving"
        self.stale = True
        fee_shadow = self.fee_shadow
        interest, lines = self._post_interest(s, "statement")
        self._merge(k)
        self.stale = True
        closing = sum((lot.amount for lot in self.lots), ZERO) - r.credit
        minimum = self._minimum(k, closing)
        dpd = 0
        if self.min_queue and self.min_queue[0][0] < s:
            dpd = (s - self.min_queue[0][0]).days
        start = self.last_statement + ONE_DAY if self.last_statement else r.a.signed
        self.cycles.append(CardCycle(
            k, start, s, due, self.opening, self.cycle_debits, self.since_statement, interest, self.cycle_penalties,
            closing, minimum, dpd, bucket_of(dpd), lines, fee_shadow))
        self.closing_of[k] = closing
        self.opening = closing
        self.last_statement = s
        self.since_statement = self.cleared_since_statement = ZERO
        self.cycle_debits = self.cycle_penalties = ZERO

    def _bill_installments(self, s: date, k: int) -> None:

        for st in self.plans:
            p: InstallmentPlan = st["plan"]
            if st["left"] <= 0 or st["billed"] >= p.months:
                continue
            st["billed"] += 1
            last = st["billed"] == p.months
            part = st["left"] if last else min(st["left"], self.r.rnd(p.amount / p.months))
            st["left"] -= part
            lot = self._new_lot("installment", "principal", part, s, s, True)
            lot.statement = None
            self.cycle_debits += part
            self.r.postings.append(Posting(s, "principal", part, part, "installment", st["billed"], "installment"))
            fee = self.r.rnd(p.amount * p.fee_rate)
            if fee > 0:
                self._charge("installment_fee", fee, s, "installment_fee")

    def _merge(self, k: int) -> None:
        """Lots billed on earlier statements and charged through today revolve together: one pool per
        kind and component, so the work per statement stays small however long the history."""
        pools: dict = {}
        kept = []
        for lot in self.lots:
            if lot.amount <= 0 and lot.state in ("revolving", "lost"):
                continue
            if lot.state == "revolving" and lot.statement is not None and lot.statement < k and not lot.cuts:
                key = (lot.kind, lot.component)
                pool = pools.get(key)
                if pool is None:
                    pools[key] = lot
                    kept.append(lot)
                else:
                    pool.amount += lot.amount
                    pool.base += lot.base
                    pool.statement = min(pool.statement, lot.statement)
                continue
            if lot.amount <= 0 and lot.state == "new":
                continue
            kept.append(lot)
        self.lots = kept

    def _minimum(self, k: int, closing: Decimal) -> Decimal:
        """最低还款额: the percentage of the principal on the statement, plus 100% of the interest, fees,
        违约金 and installment parts billed on it, plus the minimum still unpaid from before; never more
        than the statement balance."""
        if closing <= 0:
            return ZERO
        prior = sum((e[1] for e in self.min_queue), ZERO)
        if self.r.accelerated_on is not None:
            minimum = closing
        else:
            principal = sum((lot.amount for lot in self.lots if lot.component == "principal"
                             and lot.kind != "installment"), ZERO)
            in_full = sum((lot.amount for lot in self.lots if lot.statement == k and (
                lot.component != "principal" or lot.kind == "installment")), ZERO)
            minimum = self.r.rnd(principal * self.plan.minimum_rate) + in_full + prior
            if self.plan.minimum_floor is not None:
                minimum = max(minimum, self.plan.minimum_floor)
        minimum = min(minimum, closing)
        new_part = minimum - prior
        if new_part > 0:
            self.min_queue.append([self.due_of[k], new_part])
        return minimum

    # ------------------------------------------------------------------ due date
    def due(self, d: date, k: int, s: date, due: date) -> None:
        """After the due date plus grace: the interest-free decision and the late penalty."""
        if k not in self.closing_of:
            return
        closing = self.closing_of[k]
        paid_in_full = closing - self.cleared_since_statement <= self.plan.tolerance
        self.paid_in_full[k] = paid_in_full
        if k < len(self.cycles):
            from dataclasses import replace

            self.cycles[k] = replace(self.cycles[k], paid_in_full=paid_in_full)
        for lot in self.lots:
            if lot.state != "pending" or lot.statement != k:
                continue
            if paid_in_full:
                # the remainder within the tolerance revolves from the day after the due date
                lot.state = "new"
                lot.statement = None
                lot.start = d + ONE_DAY
                lot.base = lot.amount
                lot.cuts = []
            else:
                lot.state = "lost"
        self.lots = [lot for lot in self.lots if lot.amount > 0 or lot.state != "new"]
        self.stale = True
        if paid_in_full:
            # treated as paid in full (视同全额还款), the statement's minimum is met too, and with it
            # the minimums still unpaid from before (the statement's own includes them): no 违约金 and
            # no days past due; the remainder is still owed and is billed on the next statement
            self.min_queue = [e for e in self.min_queue if e[0] > due]
            return
        shortfall = sum((e[1] for e in self.min_queue if e[0] <= due), ZERO)
        if shortfall <= 0 or self.r.stopped:
            return
        regime = self.plan.penalty_on(due)
        if regime is None or regime.spec is None:
            return
        penalty = self.r.rnd(clamp_charge(shortfall * regime.spec.rate, regime.spec))
        if penalty > 0:
            spec = regime.spec
            self._charge("penalty", penalty, d, "penalty", None,
                         ChargeBase(due, shortfall, spec.rate, spec.min, spec.max))

    # ------------------------------------------------------------------ as of
    def finish(self, as_of: date, end: date) -> ReplayResult:
        r = self.r
        outcome = self._outcome(as_of, end)
        if r.credit > 0:
            self.pay(as_of, ZERO, "credit held", None, "credit")
        buckets = self.balances(as_of)
        balance = balance_of(buckets)
        first_missed = None
        for cyc in outcome.cycles:
            if cyc.days_past_due > 0:
                first_missed = cyc.statement_date - timedelta(days=cyc.days_past_due)
                break
        return ReplayResult(
            as_of=as_of, balance=balance, buckets=buckets, credit=r.credit, installments=(),
            postings=tuple(r.postings), payments=tuple(r.applied), rounding=tuple(r.rounding),
            charged=dict(r.charged), paid=dict(r.paid), waived=dict(r.waived),
            accelerated_on=r.accelerated_on, charged_off_on=r.charged_off_on, first_missed=first_missed,
            last_payment=r.last_payment, events=tuple(r.noncash), card=outcome)

    def _outcome(self, as_of: date, end: date) -> CardOutcome:
        for lot in self.lots:
            accrues = lot.state in ("revolving", "lost") or (
                lot.state == "new" and not (lot.grace and self.plan.interest_free))
            if accrues:
                self._interest(lot, end)
        self._post_interest(as_of, "as_of")
        return CardOutcome(
            model=self.plan.interest_model, model_stated=self.plan.model_stated, cycles=tuple(self.cycles),
            statements=tuple(self.statements), principal_steps=tuple(self.principal_steps),
            fee_interest_lines=tuple(self.fee_interest_lines), accelerated_on=self.r.accelerated_on,
            charged_off_on=self.r.charged_off_on, checked=self.plan.checked, ignored=self.plan.ignored)

    def balances(self, as_of: date) -> dict:
        """Bucket -> component -> amount on the as-of date."""
        buckets = {b: {c: ZERO for c in COMPONENTS} for b in ("overdue", "due", "not_due")}
        for lot in self.lots:
            if lot.amount > 0:
                buckets[self._status(lot, as_of)][lot.component] += lot.amount
        for st in self.plans:  # installment principal not yet billed is owed, not yet due
            buckets["not_due"]["principal"] += st["left"]
        return buckets


# ---------------------------------------------------------------------- from terms


CHECKED_WHEN = {
    "interest": lambda card: True,
    "penalty": lambda card: card.late_penalty is not None,
    "cash_advance_fee": lambda card: card.cash_advance_fee is not None,
    "annual_fee": lambda card: card.annual_fee is not None,
    "installment_fee": lambda card: bool(card.installment_plans),
    "installment": lambda card: bool(card.installment_plans),
}


def card_plan_from_terms(terms, ledger=()) -> tuple[CardPlan, list]:
    """Resolve the card terms and the issuer's statement lines into a ``CardPlan``.

    Purchases, cash advances and refunds are facts. A charge the contract gives a formula for
    (interest always; 违约金, cash-advance fee, annual fee, installment fee when the contract states
    them) is recomputed and the issuer's line is only checked; a charge it has no formula for is taken
    as posted (the rule pack and the contract-basis check judge it)."""
    c = terms.contract
    card = c.card
    issues: list = []
    txns, checked, ignored = [], [], []
    for row in ledger:
        if row.type in FACT_TYPES:
            txns.append(CardTxn(row.type, row.date, row.posted or row.date, row.amount, row.reference, row.source))
        elif row.type in CHECKED_WHEN:
            if CHECKED_WHEN[row.type](card):
                checked.append(row)
            elif row.type == "installment":
                ignored.append((row, "installment part with no [[contract.installment_plan]]: not used"))
            else:
                txns.append(CardTxn(row.type, row.date, row.posted or row.date, row.amount, row.reference,
                                    row.source))
        elif row.type in FEE_KINDS:
            txns.append(CardTxn(row.type, row.date, row.posted or row.date, row.amount, row.reference, row.source))
        elif row.type in ("payment", "write_off"):
            continue  # payments are matched and credited by reconcile; a write-off is an event
        else:
            ignored.append((row, f"type {row.type} has no meaning on a card account; not used"))
    for row, reason in ignored:
        issues.append(Issue(row.source, reason, severity="warning", code="CARD_ROW_IGNORED"))
    penalties = (PenaltyRegime(date.min, card.late_penalty, "违约金"),) if card.late_penalty else ()
    due_days = card.due_days
    plan = CardPlan(
        statement_day=card.statement_day,
        due_day=card.due_day,
        due_days=due_days,
        interest_model=card.interest_model or DEFAULT_INTEREST_MODEL,
        model_stated=card.interest_model is not None,
        interest_free=card.interest_free,
        interest_on_fees=card.interest_on_fees,
        minimum_rate=card.minimum_payment,
        minimum_floor=card.minimum_floor,
        tolerance=card.tolerance,
        penalties=penalties,
        cash_advance_fee=card.cash_advance_fee,
        annual_fee=card.annual_fee,
        plans=card.installment_plans,
        txns=tuple(sorted(txns, key=lambda t: (t.posted, t.source.row if t.source and t.source.row else 0))),
        checked=tuple(checked),
        ignored=tuple(ignored),
        opening=c.principal,
    )
    return plan, issues


__all__ = ["CardCycle", "CardOutcome", "CardPlan", "CardState", "CardTxn", "PenaltyRegime", "bucket_of",
           "card_events", "card_plan_from_terms", "due_date_of", "statement_dates", "field"]
