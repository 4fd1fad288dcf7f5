"""The replay: one pure fold over an account's events, in a written-down order.

The schedule, the payoff quote (balance as of a date), the history and the lawful run are all
this function with different inputs. Between two events every balance is constant, so the
interest of a span is one multiplication: cost grows with events, not days.

Same-day order (rank, then amount, then reference, then input position):

  0 disbursement      money is lent at the start of the day
  1 rate_change       a new rate (fixed, LPR repricing) applies from that day
  2 charge            fees and costs incurred that day
  3 due               an installment falls due (its interest is fixed, its principal moves to due)
  4 payment           a payment on a due date pays that installment on time
  5 waiver
  6 overdue           grace ends: what is still unpaid becomes overdue; penalty and late fee
  7 acceleration      everything outstanding becomes overdue
  8 charge_off
  9 demand_notice, acknowledgment (no effect on balances; used for limitation)

Rounding happens at named points only: when interest falls due (an installment, an acceleration),
when accrued default or compound interest is paid, and at the as-of date. Each rounding is logged
with the unrounded figure. With ``carry_precision`` amounts are carried unrounded and only the
renderers round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from debtcli.engine.account import Account, add_months_sticky, annuity_payment
from debtcli.engine.daycount import act_act_pieces, basis_days, day_count_days
from debtcli.model.money import ROUNDING_MODES, ZERO
from debtcli.model.records import COMPONENTS, SourceRef

RANK_DISBURSEMENT, RANK_RATE, RANK_CHARGE, RANK_DUE, RANK_PAYMENT, RANK_WAIVER, RANK_OVERDUE, RANK_ACCELERATION, \
    RANK_CHARGE_OFF, RANK_NOTICE = range(10)
SAME_DAY_ORDER = ("disbursement", "rate_change", "charge", "due", "payment", "waiver", "overdue", "acceleration",
                  "charge_off", "demand_notice/acknowledgment")
_ACCRUING = ("interest", "default_interest", "compound_interest")


@dataclass(frozen=True, slots=True)
class AccrualLine:
    """One span of accrual: ``amount = base x rate x days / basis`` (unrounded).

    ``per`` is the rate's period: "year" (days / basis is a day count) or "month" (a per-period
    installment: days / basis is the share of the period)."""

    component: str
    start: date
    end: date  # exclusive
    days: int
    base: Decimal
    rate: Decimal
    basis: int
    amount: Decimal
    per: str = "year"
    convention: str = ""
    rate_text: str = ""


@dataclass(frozen=True, slots=True)
class Posting:
    """An amount that became owed: an installment's interest, accrued default interest, a fee."""

    date: date
    component: str
    amount: Decimal  # rounded (unless carry_precision)
    raw: Decimal
    kind: str  # installment | accrued | penalty | late_fee | fee | cost | acceleration | as_of
    n: int | None = None
    name: str = ""
    lines: tuple[AccrualLine, ...] = ()
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Allocation:
    component: str
    bucket: str  # overdue | due | not_due
    amount: Decimal
    n: int | None = None


@dataclass(frozen=True, slots=True)
class AppliedPayment:
    date: date
    amount: Decimal
    reference: str
    allocations: tuple[Allocation, ...]
    to_credit: Decimal
    source: SourceRef | None = None
    kind: str = "payment"  # payment | waiver | withheld | credit


@dataclass(frozen=True, slots=True)
class InstallmentRow:
    n: int
    due: date
    principal: Decimal
    interest: Decimal
    fees: Decimal
    total: Decimal
    balance: Decimal  # principal not yet due after this installment
    paid: Decimal = ZERO
    paid_on: date | None = None  # the day it was fully paid
    days_late: int = 0
    status: str = ""  # paid | late | unpaid | not_due


@dataclass(frozen=True, slots=True)
class RoundingNote:
    date: date
    component: str
    raw: Decimal
    rounded: Decimal

    @property
    def difference(self) -> Decimal:
        return self.rounded - self.raw


@dataclass(frozen=True)
class ReplayResult:
    as_of: date
    balance: dict  # component -> what it takes to settle on as_of (COMPONENTS order) + "total"
    buckets: dict  # bucket -> component -> amount
    credit: Decimal
    installments: tuple[InstallmentRow, ...]
    postings: tuple[Posting, ...]
    payments: tuple[AppliedPayment, ...]
    rounding: tuple[RoundingNote, ...]
    charged: dict  # component -> total that became owed up to as_of (principal: amount lent)
    paid: dict  # component -> total paid (payments and held credit)
    waived: dict
    accelerated_on: date | None = None
    charged_off_on: date | None = None
    first_missed: date | None = None
    last_payment: date | None = None
    events: tuple = field(default_factory=tuple)  # (date, type) of non-cash events applied


class _Item:
    """An amount owed and not yet paid: one component of one installment, or one charge."""

    __slots__ = ("component", "amount", "n", "due", "overdue", "order")

    def __init__(self, component: str, amount: Decimal, n: int | None, due: date, overdue: bool, order: int):
        self.component = component
        self.amount = amount
        self.n = n
        self.due = due
        self.overdue = overdue
        self.order = order


def replay(account: Account, as_of: date, trace: bool = True) -> ReplayResult:
    """Replay ``account`` up to ``as_of`` and return what is owed on that date and how it came about."""
    return _Replay(account, trace).run(as_of)


class _Replay:
    def __init__(self, account: Account, trace: bool):
        self.a = account
        self.trace = trace
        self.mode = ROUNDING_MODES[account.rounding]
        self.quantum = Decimal(1).scaleb(-account.places)
        self.dc = account.day_count
        self.basis = basis_days(account.day_count)
        self.per_period = account.interest_method == "per_period"
        self.hold = account.method in ("equal_installment", "equal_principal", "interest_only")

    # ------------------------------------------------------------------ helpers
    def rnd(self, x: Decimal) -> Decimal:
        if self.a.carry_precision:
            return x
        return x.quantize(self.quantum, rounding=self.mode)

    def _events(self, as_of: date) -> list:
        a = self.a
        ev = []
        for i, (d, amt) in enumerate(a.draws):
            ev.append((d, RANK_DISBURSEMENT, ZERO, "", i, "draw", amt))
        for i, p in enumerate(a.rate_path):
            ev.append((p.date, RANK_RATE, ZERO, "", i, "rate", p))
        for i, p in enumerate(a.default_path or ()):
            ev.append((p.date, RANK_RATE, ZERO, "", 1000 + i, "default_rate", p))
        for i, ch in enumerate(a.charges):
            ev.append((ch.date, RANK_CHARGE, ch.amount, ch.name, i, "charge", ch))
        for k, d in enumerate(a.due_dates):
            ev.append((d, RANK_DUE, ZERO, "", k, "due", k))
            ev.append((d + timedelta(days=a.grace_days), RANK_OVERDUE, ZERO, "", k, "overdue", k))
        for i, p in enumerate(a.payments):
            ev.append((p.date, RANK_PAYMENT, p.amount, p.reference, i, "payment", p))
        for e in a.events:
            rank = {"waiver": RANK_WAIVER, "acceleration": RANK_ACCELERATION, "charge_off": RANK_CHARGE_OFF}.get(
                e.type, RANK_NOTICE)
            ev.append((e.date, rank, e.amount or ZERO, e.note, e.index, e.type, e))
        ev.sort(key=lambda x: x[:5])
        return ev

    # ------------------------------------------------------------------ run
    def run(self, as_of: date) -> ReplayResult:
        a = self.a
        self.items: list[_Item] = []
        self.item_order = 0
        self.not_due = ZERO
        self.accr = {c: ZERO for c in _ACCRUING}
        self.accr_lines: dict[str, list] = {c: [] for c in _ACCRUING}
        self.rate = ZERO
        self.rate_text = ""
        self.default_fixed: Decimal | None = None
        self.default_text = ""
        self.credit = ZERO
        self.postings: list[Posting] = []
        self.applied: list[AppliedPayment] = []
        self.rounding: list[RoundingNote] = []
        self.charged = {c: ZERO for c in COMPONENTS}
        self.paid = {c: ZERO for c in COMPONENTS}
        self.waived = {c: ZERO for c in COMPONENTS}
        self.inst: dict[int, dict] = {}
        self.accelerated_on = None
        self.charged_off_on = None
        self.first_missed = None
        self.penalty_charged = False
        self.stopped = False
        self.last_payment = None
        self.annuity = a.annuity
        self.period_index = 0
        self.noncash = []
        self.sums_dirty = True
        boundaries = [a.draws[0][0] if a.draws else a.signed] + list(a.due_dates)
        self.periods = boundaries

        end = as_of + timedelta(days=1) if a.counting == "both" else as_of
        t = None
        for ev in self._events(as_of):
            d, rank = ev[0], ev[1]
            if d > as_of:
                break
            if t is not None and d > t:
                self.accrue(t, d)
            t = d if t is None or d > t else t
            self.apply(ev)
        if t is not None and end > t:
            self.accrue(t, end)
        return self.finish(as_of)

    # ------------------------------------------------------------------ accrual
    def _sums(self):
        if self.sums_dirty:
            grace_p = overdue_p = overdue_i = ZERO
            for it in self.items:
                if it.component == "principal":
                    if it.overdue:
                        overdue_p += it.amount
                    else:
                        grace_p += it.amount
                elif it.component == "interest" and it.overdue:
                    overdue_i += it.amount
            self._cached = (grace_p, overdue_p, overdue_i)
            self.sums_dirty = False
        return self._cached

    def default_rate(self) -> tuple[Decimal, str]:
        a = self.a
        if a.default_markup is not None:
            return self.rate * (1 + a.default_markup), f"{self.rate_text} +{a.default_markup * 100:g}%"
        if self.default_fixed is not None:
            return self.default_fixed, self.default_text
        return self.rate, self.rate_text

    def _pieces(self, t0: date, t1: date):
        """(start, end, days, basis) under the day count; ACT/ACT splits at year ends."""
        if self.dc == "ACT/ACT":
            out, cur = [], t0
            for days, basis in act_act_pieces(t0, t1):
                nxt = cur + timedelta(days=days)
                out.append((cur, nxt, days, basis))
                cur = nxt
            return out
        return ((t0, t1, day_count_days(t0, t1, self.dc), self.basis),)

    def _add(self, component: str, base: Decimal, rate: Decimal, t0: date, t1: date, text: str,
             period: tuple | None = None):
        if base <= 0 or rate <= 0:
            return
        if period is not None:
            p_days = (period[1] - period[0]).days
            days = (t1 - t0).days
            monthly = rate / 12
            amount = base * monthly * days / p_days
            self.accr[component] += amount
            if self.trace:
                self.accr_lines[component].append(
                    AccrualLine(component, t0, t1, days, base, monthly, p_days, amount, "month", "per_period", text))
            return
        for s, e, days, basis in self._pieces(t0, t1):
            amount = base * rate * days / basis
            self.accr[component] += amount
            if self.trace:
                self.accr_lines[component].append(
                    AccrualLine(component, s, e, days, base, rate, basis, amount, "year", self.dc, text))

    def accrue(self, t0: date, t1: date):
        if self.stopped:
            return
        grace_p, overdue_p, overdue_i = self._sums()
        if self.not_due > 0 and self.rate > 0:
            period = self._regular_period(t0)
            self._add("interest", self.not_due, self.rate, t0, t1, self.rate_text, period)
        if grace_p > 0:
            self._add("interest", grace_p, self.rate, t0, t1, self.rate_text)
        if overdue_p > 0 or (self.a.compound and overdue_i > 0):
            drate, dtext = self.default_rate()
            if overdue_p > 0:
                self._add("default_interest", overdue_p, drate, t0, t1, dtext)
            if self.a.compound and overdue_i > 0:
                self._add("compound_interest", overdue_i, drate, t0, t1, dtext)

    def _regular_period(self, t0: date):
        """The installment period containing t0 when per_period applies and it is a whole month."""
        if not self.per_period:
            return None
        k = self.period_index
        if k + 1 >= len(self.periods):
            return None
        start, end = self.periods[k], self.periods[k + 1]
        if not start <= t0 < end:
            return None
        if add_months_sticky(start, 1) == end or start + relativedelta(months=1) == end:
            return (start, end)
        return None

    # ------------------------------------------------------------------ crystallize
    def crystallize(self, component: str, when: date, kind: str, n: int | None, overdue: bool) -> Decimal:
        raw = self.accr[component]
        lines = tuple(self.accr_lines[component])
        self.accr[component] = ZERO
        self.accr_lines[component] = []
        amount = self.rnd(raw)
        if raw != amount:
            self.rounding.append(RoundingNote(when, component, raw, amount))
        if amount > 0:
            self.owe(component, amount, n, when, overdue)
            self.postings.append(Posting(when, component, amount, raw, kind, n, "", lines))
        return amount

    def owe(self, component: str, amount: Decimal, n: int | None, due: date, overdue: bool):
        self.items.append(_Item(component, amount, n, due, overdue, self.item_order))
        self.item_order += 1
        if component != "principal":
            self.charged[component] += amount
        self.sums_dirty = True

    # ------------------------------------------------------------------ events
    def apply(self, ev):
        d, rank, _, _, idx, kind, payload = ev
        a = self.a
        if kind == "draw":
            self.not_due += payload
            self.charged["principal"] += payload
        elif kind == "rate":
            changed = self.rate != payload.rate and self.rate_text != ""
            self.rate, self.rate_text = payload.rate, payload.text
            if changed and self.annuity is not None and a.reamortize_on_rate_change and not a.carry_precision:
                remaining = sum(1 for x in a.due_dates if x > d)
                if remaining and self.not_due > 0:
                    self.annuity = self.rnd(annuity_payment(self.not_due, self.rate / 12, remaining))
        elif kind == "default_rate":
            self.default_fixed, self.default_text = payload.rate, payload.text
        elif kind == "charge":
            self.charge(d, payload)
        elif kind == "due":
            self.due(d, payload)
        elif kind == "payment":
            self.pay(d, payload.amount, payload.reference, payload.source, "payment")
            self.last_payment = d
        elif kind == "overdue":
            self.overdue(d, payload)
        elif kind == "waiver":
            self.waive(d, payload)
        elif kind == "acceleration":
            self.accelerate(d)
            self.noncash.append((d, kind))
        elif kind == "charge_off":
            if self.charged_off_on is None:
                self.charged_off_on = d
                if a.stop_accrual_on_charge_off:
                    self.stopped = True
            self.noncash.append((d, kind))
        else:
            self.noncash.append((d, kind))

    def charge(self, d: date, ch):
        comp = ch.component if ch.component in COMPONENTS else "fees"
        self.owe(comp, ch.amount, None, d, False)
        self.postings.append(Posting(d, comp, ch.amount, ch.amount, "fee" if comp != "costs" else "cost", None,
                                     ch.name, (), ch.source))
        if ch.withheld:
            self.pay(d, ch.amount, f"withheld: {ch.name}", ch.source, "withheld", only=comp)

    def due(self, d: date, k: int):
        a = self.a
        n = k + 1
        if self.accelerated_on is not None:
            self.period_index = k + 1
            return
        fixed_interest = a.interest_plan[k] if k < len(a.interest_plan) else None
        if fixed_interest is not None:
            raw = self.accr["interest"]
            lines = tuple(self.accr_lines["interest"])
            self.accr["interest"] = ZERO
            self.accr_lines["interest"] = []
            interest = fixed_interest
            if interest > 0:
                self.owe("interest", interest, n, d, False)
                self.postings.append(Posting(d, "interest", interest, raw, "installment", n, "", lines))
        else:
            interest = self.crystallize("interest", d, "installment", n, False)
        last = k == len(a.due_dates) - 1
        planned = a.principal_plan[k] if k < len(a.principal_plan) else None
        if last:
            principal = self.not_due
        elif planned is not None:
            principal = min(planned, self.not_due)
        elif self.annuity is not None:
            principal = max(ZERO, min(self.not_due, self.annuity - interest))
        else:
            principal = ZERO
        if principal > 0:
            self.not_due -= principal
            self.owe("principal", principal, n, d, False)
        fees = ZERO
        for name, amount in a.installment_fees:
            self.owe("fees", amount, n, d, False)
            self.postings.append(Posting(d, "fees", amount, amount, "fee", n, name))
            fees += amount
        self.inst[n] = {"due": d, "principal": principal, "interest": interest, "fees": fees,
                        "balance": self.not_due}
        self.period_index = k + 1
        if self.credit > 0:
            self.pay(d, ZERO, "credit held", None, "credit")

    def overdue(self, d: date, k: int):
        n = k + 1
        if n not in self.inst:
            return
        unpaid = ZERO
        for it in self.items:
            if it.n == n and not it.overdue:
                it.overdue = True
                if it.component in ("principal", "interest", "fees"):
                    unpaid += it.amount
        self.sums_dirty = True
        if unpaid <= 0:
            return
        if self.first_missed is None:
            self.first_missed = self.inst[n]["due"]
        a = self.a
        if a.penalty is not None and a.penalty > 0 and not self.penalty_charged:
            self.penalty_charged = True
            self.owe("penalties", a.penalty, n, d, True)
            self.postings.append(Posting(d, "penalties", a.penalty, a.penalty, "penalty", n, "penalty"))
        fee = None
        if a.late_fee is not None:
            fee = a.late_fee
        elif a.late_fee_rate is not None:
            raw = unpaid * a.late_fee_rate
            fee = self.rnd(raw)
        if fee:
            self.owe("penalties", fee, n, d, True)
            self.postings.append(Posting(d, "penalties", fee, fee, "late_fee", n, "late fee"))

    def accelerate(self, d: date):
        if self.accelerated_on is not None:
            return
        self.accelerated_on = d
        self.crystallize("interest", d, "acceleration", None, True)
        if self.not_due > 0:
            self.owe("principal", self.not_due, None, d, True)
            self.not_due = ZERO
        for it in self.items:
            it.overdue = True
        self.sums_dirty = True
        if self.credit > 0:
            self.pay(d, ZERO, "credit held", None, "credit")

    def waive(self, d: date, e):
        comps = (e.component,) if e.component else tuple(c for _, c in self.a.allocation)
        left = e.amount or ZERO
        allocs = []
        for comp in dict.fromkeys(comps):
            if left <= 0:
                break
            if comp in _ACCRUING and self.accr[comp] > 0:
                self.crystallize(comp, d, "accrued", None, True)
            for it in sorted((i for i in self.items if i.component == comp), key=lambda i: (not i.overdue, i.due, i.order)):
                if left <= 0:
                    break
                take = min(left, it.amount)
                it.amount -= take
                left -= take
                self.waived[comp] += take
                allocs.append(Allocation(comp, "overdue" if it.overdue else "due", take, it.n))
        self.items = [i for i in self.items if i.amount > 0]
        self.sums_dirty = True
        self.applied.append(AppliedPayment(d, (e.amount or ZERO) - left, e.note or "waiver", tuple(allocs), ZERO,
                                           SourceRef("case.toml", column=f"event[{e.index}]"), "waiver"))

    def pay(self, d: date, amount: Decimal, reference: str, source, kind: str, only: str | None = None,
            settle: bool = False):
        """Allocate ``amount`` plus any held credit by the allocation order."""
        a = self.a
        # accrued default and compound interest is owed the moment a payment could meet it
        for comp in ("default_interest", "compound_interest"):
            if self.accr[comp] > 0:
                self.crystallize(comp, d, "accrued", None, True)
        left = amount + self.credit
        self.credit = ZERO
        allocs: list[Allocation] = []
        use_not_due = settle or not self.hold or self.accelerated_on is not None
        for bucket, comp in a.allocation:
            if left <= 0:
                break
            if only is not None and comp != only:
                continue
            if bucket == "not_due":
                if not use_not_due and only is None:
                    continue
                if comp == "interest" and self.accr["interest"] > 0:
                    n_next = self.period_index + 1 if self.period_index < len(a.due_dates) else None
                    self.crystallize("interest", d, "accrued", n_next, False)
                    bucket_items = [i for i in self.items if i.component == "interest" and not i.overdue]
                    for it in bucket_items:
                        take = min(left, it.amount)
                        if take <= 0:
                            continue
                        it.amount -= take
                        left -= take
                        allocs.append(Allocation(comp, "not_due", take, it.n))
                elif comp == "principal" and self.not_due > 0:
                    take = min(left, self.not_due)
                    self.not_due -= take
                    left -= take
                    allocs.append(Allocation(comp, "not_due", take, None))
                continue
            want_overdue = bucket == "overdue"
            for it in self.items:
                if left <= 0:
                    break
                if it.component != comp or it.overdue != want_overdue or it.amount <= 0:
                    continue
                take = min(left, it.amount)
                it.amount -= take
                left -= take
                allocs.append(Allocation(comp, bucket, take, it.n))
        if allocs:
            self.items = [i for i in self.items if i.amount > 0]
            self.sums_dirty = True
            for al in allocs:
                self.paid[al.component] += al.amount
                if al.n is not None and al.n in self.inst:
                    rec = self.inst[al.n]
                    rec["paid"] = rec.get("paid", ZERO) + al.amount
                    if not any(i.n == al.n and i.component in ("principal", "interest", "fees") for i in self.items):
                        rec.setdefault("paid_on", d)
        self.credit = left
        if kind == "credit" and not allocs:
            return
        # ``amount`` is the cash of this record; its allocations may also spend credit held before
        # (``from_credit``), so the allocations of all records plus the credit left add up to the cash.
        self.applied.append(AppliedPayment(d, amount, reference, tuple(allocs), left, source, kind))

    # ------------------------------------------------------------------ finish
    def finish(self, as_of: date) -> ReplayResult:
        a = self.a
        for comp in _ACCRUING:
            raw = self.accr[comp]
            if raw > 0:
                kind = "as_of"
                n_next = self.period_index + 1 if comp == "interest" and self.period_index < len(a.due_dates) else None
                self.crystallize(comp, as_of, kind, n_next, comp != "interest")
        if self.credit > 0:
            self.pay(as_of, ZERO, "credit held", None, "credit", settle=True)
        buckets = {b: {c: ZERO for c in COMPONENTS} for b in ("overdue", "due", "not_due")}
        for it in self.items:
            if it.overdue:
                buckets["overdue"][it.component] += it.amount
            elif it.due < as_of or (it.n is not None and it.n in self.inst and it.due <= as_of):
                buckets["due"][it.component] += it.amount
            else:
                buckets["not_due"][it.component] += it.amount
        buckets["not_due"]["principal"] += self.not_due
        balance = {c: buckets["overdue"][c] + buckets["due"][c] + buckets["not_due"][c] for c in COMPONENTS}
        balance["total"] = sum((balance[c] for c in COMPONENTS), ZERO)
        for b in buckets.values():
            b["total"] = sum((b[c] for c in COMPONENTS), ZERO)
        rows = []
        for n in sorted(self.inst):
            rec = self.inst[n]
            total = rec["principal"] + rec["interest"] + rec["fees"]
            paid = rec.get("paid", ZERO)
            paid_on = rec.get("paid_on")
            open_amt = sum((i.amount for i in self.items if i.n == n and i.component in ("principal", "interest", "fees")), ZERO)
            if open_amt == 0:
                status = "paid" if paid_on is None or paid_on <= rec["due"] + timedelta(days=a.grace_days) else "late"
                days_late = max(0, (paid_on - rec["due"]).days) if paid_on else 0
            else:
                status = "unpaid"
                paid_on = None
                days_late = max(0, (as_of - rec["due"]).days)
            rows.append(InstallmentRow(n, rec["due"], rec["principal"], rec["interest"], rec["fees"], total,
                                       rec["balance"], paid, paid_on, days_late, status))
        return ReplayResult(
            as_of=as_of,
            balance=balance,
            buckets=buckets,
            credit=self.credit,
            installments=tuple(rows),
            postings=tuple(self.postings),
            payments=tuple(self.applied),
            rounding=tuple(self.rounding),
            charged=dict(self.charged),
            paid=dict(self.paid),
            waived=dict(self.waived),
            accelerated_on=self.accelerated_on,
            charged_off_on=self.charged_off_on,
            first_missed=self.first_missed,
            last_payment=self.last_payment,
            events=tuple(self.noncash),
        )
